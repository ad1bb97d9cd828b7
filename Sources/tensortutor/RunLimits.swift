import ArgumentParser
import Diagnostics
import Foundation
import Interpreter
import TensorEngine

/// Limits on what a program may use. Each one, when reached, ends the program with a
/// Python error that names it, never with a crash or a dead machine.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "Tensor memory limit, in GiB (default 2).", valueName: "gib"))
    var maxMemoryGiB: Double?

    @Option(name: .customLong("max-source-bytes"), help: ArgumentHelp(
        "Refuse programs larger than this many bytes.", valueName: "bytes"))
    var maxSourceBytes: Int = SourceFile.defaultMaximumByteCount

    @Option(name: .customLong("max-output-bytes"), help: ArgumentHelp(
        "Stop a program once it has printed this many bytes.", valueName: "bytes"))
    var maxOutputBytes: Int = 64 << 20

    @Option(name: .customLong("max-recursion"), help: ArgumentHelp(
        "Deepest chain of nested Python calls (RecursionError beyond).", valueName: "calls"))
    var maxRecursion: Int = Interpreter.defaultMaxCallDepth

    @Option(name: .customLong("max-items"), help: ArgumentHelp(
        "Most items one list, tuple, dict or materialized range may hold (MemoryError beyond).", valueName: "count"))
    var maxItems: Int = ResourceLimits().maxContainerItems

    @Option(name: .customLong("max-string-bytes"), help: ArgumentHelp(
        "Longest string a program may build, in bytes (MemoryError beyond).", valueName: "bytes"))
    var maxStringBytes: Int = ResourceLimits().maxStringBytes

    func validate() throws {
        if let maxMemoryGiB, !(maxMemoryGiB > 0 && maxMemoryGiB < 1_000_000) {
            throw ValidationError("--max-memory must be a positive number of GiB")
        }
        // A budget above the machine's memory cannot protect it: the allocation it lets
        // through would kill the process instead of raising an error.
        let physicalGiB = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        if let maxMemoryGiB, maxMemoryGiB > physicalGiB {
            throw ValidationError("--max-memory must be at most this machine's memory (\(String(format: "%.1f", physicalGiB)) GiB)")
        }
        for (name, value) in [("--max-source-bytes", maxSourceBytes), ("--max-output-bytes", maxOutputBytes),
                              ("--max-recursion", maxRecursion), ("--max-items", maxItems),
                              ("--max-string-bytes", maxStringBytes)] where value <= 0 {
            throw ValidationError("\(name) must be a positive number")
        }
    }

    var values: ProgramLimits {
        ProgramLimits(maxMemoryGiB: maxMemoryGiB, maxSourceBytes: maxSourceBytes, maxOutputBytes: maxOutputBytes,
                      maxRecursion: maxRecursion, maxItems: maxItems, maxStringBytes: maxStringBytes)
    }

    /// Applies the process-wide limit (tensor memory).
    func apply() { values.apply() }
}

/// The limits as plain values: what the parsed options produce, and what a bare
/// `tensortutor` with piped input uses without running the argument parser at all.
struct ProgramLimits {
    var maxMemoryGiB: Double?
    var maxSourceBytes = SourceFile.defaultMaximumByteCount
    var maxOutputBytes = 64 << 20
    var maxRecursion = Interpreter.defaultMaxCallDepth
    var maxItems = ResourceLimits().maxContainerItems
    var maxStringBytes = ResourceLimits().maxStringBytes

    /// Applies the process-wide limit (tensor memory).
    func apply() {
        if let maxMemoryGiB { MemoryBudget.limit = Int(maxMemoryGiB * Double(1 << 30)) }
    }

    /// Applies the per-interpreter limits.
    func apply(to interpreter: Interpreter) {
        interpreter.maxCallDepth = maxRecursion
        interpreter.limits.maxContainerItems = maxItems
        interpreter.limits.maxStringBytes = maxStringBytes
    }
}

/// Standard input as bytes, reading at most one byte more than `limit`: a program piped
/// from `yes` or `/dev/zero` is refused as too large instead of filling memory.
func readStandardInputBytes(limit: Int) -> [UInt8] {
    readBytes(from: FileHandle.standardInput, limit: limit)
}

/// A file's bytes, or a usage error (exit status 2) when it cannot be read.
func readFileBytes(_ path: String, limit: Int) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
          let handle = FileHandle(forReadingAtPath: path) else {
        throw ValidationError("cannot read file '\(path)'")
    }
    defer { try? handle.close() }
    return readBytes(from: handle, limit: limit)
}

private func readBytes(from handle: FileHandle, limit: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    let cap = limit < Int.max ? limit + 1 : limit
    while bytes.count < cap {
        guard let chunk = try? handle.read(upToCount: min(1 << 20, cap - bytes.count)), !chunk.isEmpty else { break }
        bytes += chunk
    }
    return bytes
}

/// Stops a program that runs past its time limit. First the interpreter is asked to stop
/// at its next op or loop iteration, with a TimeoutError no `except` catches. An op that
/// does not return (a matmul of two 6000×6000 matrices runs for minutes in the engine's
/// inner loops, which do not poll) cannot be asked, so after a grace period `hardStop`
/// reports the timeout itself and the process exits with status 1.
func startWatchdog(timeout seconds: Double?, stopping interpreter: Interpreter, hardStop: @escaping @Sendable (PythonError) -> Void) {
    guard let seconds else { return }
    let signal = interpreter.stopSignal
    let gracePeriod = 2.0
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
        signal.requestTimeout(seconds: seconds)
        DispatchQueue.global().asyncAfter(deadline: .now() + gracePeriod) {
            hardStop(signal.error ?? PythonError("TimeoutError", "the program ran too long"))
            exit(1)
        }
    }
}
