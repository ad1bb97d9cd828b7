import Diagnostics
import Glibc
import PySyntax

/// Times an expression the way Python's `timeit` does: pick a loop count that runs
/// for at least 0.2 s, then repeat the loop several times and keep every run's time
/// per call. Used by `tensortutor timeit` and the REPL's `:time`.
public struct TimingResult: Sendable {
    public let loops: Int
    /// Seconds per call, one entry per run.
    public let runs: [Double]

    public var median: Double {
        let sorted = runs.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var minimum: Double { runs.min() ?? 0 }
}

public enum ExpressionTimer {
    /// Parses `expression` once and evaluates it repeatedly in `interpreter`.
    public static func time(_ expression: String, in interpreter: Interpreter, repeats: Int = 5,
                            minimumSeconds: Double = 0.2) throws -> TimingResult {
        let source = SourceFile(name: "<timeit>", text: expression)
        let module = try PythonParser.parseModule(source)
        func runLoop(_ count: Int) throws -> Double {
            let start = monotonicSeconds()
            for _ in 0..<count {
                try interpreter.run(module) { _, _ in }
            }
            return monotonicSeconds() - start
        }
        var loops = 1
        autorange: while true {
            for multiplier in [1, 2, 5] {
                let count = loops * multiplier
                if try runLoop(count) >= minimumSeconds || count >= 100_000_000 {
                    loops = count
                    break autorange
                }
            }
            loops *= 10
        }
        var runs: [Double] = []
        for _ in 0..<max(1, repeats) {
            runs.append(try runLoop(loops) / Double(loops))
        }
        return TimingResult(loops: loops, runs: runs)
    }

    /// "1.23 µs"-style text for a duration in seconds.
    public static func format(_ seconds: Double) -> String {
        let (scaled, unit): (Double, String) = seconds >= 1 ? (seconds, "s") : seconds >= 1e-3 ? (seconds * 1e3, "ms")
            : seconds >= 1e-6 ? (seconds * 1e6, "µs") : (seconds * 1e9, "ns")
        return formatGeneral(scaled, precision: 3, alwaysPoint: false) + " " + unit
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
