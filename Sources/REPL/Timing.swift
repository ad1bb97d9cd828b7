import Diagnostics
import Foundation
import Interpreter
import PySyntax

/// `:time EXPR`, as Python's timeit: pick a loop count that takes at least 0.2 s, time
/// several runs of that many loops, report the median per loop.
extension ReplSession {
    func timeCommand(_ code: String) {
        guard !code.isEmpty else {
            writeError("usage: :time EXPR   (for example :time x @ x.T)\n")
            return
        }
        let source = SourceFile(name: "<stdin>", text: code)
        let module: Module
        do {
            module = try PythonParser.parseModule(source)
        } catch {
            writeError(renderedError(type: "SyntaxError", message: error.message, span: error.span, source: source))
            return
        }
        let interpreter = self.interpreter
        var failure: Error?
        var perLoop: [Double] = []
        var loops = 1
        Interpreter.interruptRequested = false
        suppressesPrints = true
        defer { suppressesPrints = false }
        withLargeStack {
            do {
                func measure(_ count: Int) throws -> Double {
                    let start = DispatchTime.now().uptimeNanoseconds
                    for _ in 0..<count { try interpreter.run(module) { _, _ in } }
                    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                }
                var elapsed = try measure(loops)
                let steps = [1, 2, 5]
                var step = 0, scale = 1
                while elapsed < 0.2 && loops < 10_000_000 {
                    step += 1
                    if step == steps.count { step = 0; scale *= 10 }
                    loops = steps[step] * scale
                    elapsed = try measure(loops)
                }
                perLoop.append(elapsed / Double(loops))
                let runs = elapsed > 1 ? 3 : 7
                for _ in 1..<runs { perLoop.append(try measure(loops) / Double(loops)) }
            } catch {
                failure = error
            }
        }
        Interpreter.interruptRequested = false
        if let failure {
            reportTimingFailure(failure, source: source)
            return
        }
        let sorted = perLoop.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let spread = (sorted.last ?? 0) - (sorted.first ?? 0)
        write("\(formatDuration(median)) per loop (median of \(sorted.count) runs, \(loops) loop\(loops == 1 ? "" : "s") each; "
              + "range \(formatDuration(spread)))\n")
    }

    private func reportTimingFailure(_ error: Error, source: SourceFile) {
        if let error = error as? PythonError {
            if error.type == "KeyboardInterrupt" {
                writeError("KeyboardInterrupt\n")
            } else {
                writeError(renderedError(type: error.type, message: error.message, span: error.span, source: source))
            }
        } else {
            writeError("error: \(error)\n")
        }
    }
}

/// Seconds as timeit prints them: 3 significant digits in s, ms, µs or ns.
func formatDuration(_ seconds: Double) -> String {
    let units: [(Double, String)] = [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]
    for (scale, unit) in units where seconds >= scale || unit == "ns" {
        let value = seconds / scale
        let digits = value >= 100 ? 0 : (value >= 10 ? 1 : 2)
        return String(format: "%.\(digits)f \(unit)", value)
    }
    return "\(seconds) s"
}
