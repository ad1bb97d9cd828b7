import Diagnostics
import Glibc
import PySyntax
import TensorEngine

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

    /// Seconds as timeit prints them: 3 significant digits in s, ms, µs or ns.
    public static func format(_ seconds: Double) -> String {
        let units: [(Double, String)] = [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]
        for (scale, unit) in units where seconds >= scale || unit == "ns" {
            let value = seconds / scale
            let digits = value >= 100 ? 0 : (value >= 10 ? 1 : 2)
            return formatFixed(value, precision: digits) + " " + unit
        }
        return "\(seconds) s"
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

extension RunError {
    /// Why timed code stopped, located in `source`, for `tensortutor timeit` and the
    /// REPL's `:time` and `:graph` to report as a run's error is reported: a syntax error
    /// in the code, or an exception it raised. Nil for any other failure.
    public init?(timingFailure error: Error, source: SourceFile) {
        if let error = error as? ParseError {
            self.init(type: "SyntaxError", message: error.message, span: error.span, source: source)
        } else if let error = error as? PythonError {
            self.init(type: error.type, message: error.message, span: error.span, source: source)
        } else {
            return nil
        }
    }
}
