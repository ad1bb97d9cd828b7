import Diagnostics
import Foundation
import Interpreter
import PySyntax

/// `:time EXPR`, timed by the same `ExpressionTimer` as `tensortutor timeit`.
extension ReplSession {
    func timeCommand(_ code: String) {
        guard !code.isEmpty else {
            writeError("usage: :time EXPR   (for example :time x @ x.T)\n")
            return
        }
        let source = SourceFile(name: "<stdin>", text: code)
        let interpreter = self.interpreter
        var failure: Error?
        var result: TimingResult?
        Interpreter.interruptRequested = false
        suppressesPrints = true
        defer { suppressesPrints = false }
        withLargeStack {
            do {
                result = try ExpressionTimer.time(code, in: interpreter, repeats: 7)
            } catch {
                failure = error
            }
        }
        Interpreter.interruptRequested = false
        if let failure {
            reportTimingFailure(failure, source: source)
            return
        }
        guard let result else { return }
        let spread = (result.runs.max() ?? 0) - result.minimum
        write("\(ExpressionTimer.format(result.median)) per loop (median of \(result.runs.count) runs, \(result.loops) loop\(result.loops == 1 ? "" : "s") each; "
              + "range \(ExpressionTimer.format(spread)))\n")
    }

    /// `:graph EXPR`: evaluates the expression and draws its autograd graph.
    func graphCommand(_ code: String) {
        guard !code.isEmpty else {
            writeError("usage: :graph EXPR   (for example :graph loss)\n")
            return
        }
        let source = SourceFile(name: "<stdin>", text: code)
        var drawing: String?
        var failure: Error?
        suppressesPrints = true
        defer { suppressesPrints = false }
        withLargeStack {
            do {
                let expression = try PythonParser.parseExpression(source)
                drawing = try self.interpreter.graphDrawing(of: try self.interpreter.evaluate(expression, in: source))
            } catch {
                failure = error
            }
        }
        if let failure { reportTimingFailure(failure, source: source) }
        if let drawing { write(drawing) }
    }

    /// Reported as an error of code run in the session is (`KeyboardInterrupt` alone).
    private func reportTimingFailure(_ error: Error, source: SourceFile) {
        guard let failure = RunError(timingFailure: error, source: source) else { return writeError("error: \(error)\n") }
        report(.error(failure), interpreter: interpreter)
    }
}
