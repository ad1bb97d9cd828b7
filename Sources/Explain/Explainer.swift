import Diagnostics
import Interpreter
import PySyntax
import TensorEngine

/// Runs code in an interpreter session while recording every evaluated sub-expression,
/// and returns the steps and the findings. The REPL's `:explain`, lessons and the
/// `explain` command all use this one entry point.
public final class Explainer {
    public let interpreter: Interpreter

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    /// Explains `source`, running it in the session. `onEvent` receives top-level values as
    /// `run` reports them; prints and warnings go to the interpreter's output sink as
    /// usual. The exception that stopped the program is `Explanation.error`, and also an
    /// `error` finding on the failing span.
    public func explain(_ source: SourceFile, onEvent: (RunEvent) -> Void = { _ in }) -> Explanation {
        let module: Module
        do {
            module = try PythonParser.parseModule(source)
        } catch {
            let finding = Finding(span: error.span, "syntax-error", .error, error.message, in: source, help: error.help)
            return Explanation(source: source, steps: [], findings: [finding], error: ("SyntaxError", error.message, error.span))
        }
        let tracer = Tracer(index: SyntaxIndex(module: module))
        tracer.leafNames = { [unowned interpreter] in interpreter.leafNames() }
        tracer.tensorIndices = { [unowned interpreter] index in try? interpreter.tensorIndices(index, sequences: .silent) }
        tracer.nativeAttribute = { [unowned interpreter] object, name in (try? object.attribute(name, interpreter: interpreter)) ?? nil }
        let previousObserver = interpreter.observer
        interpreter.observer = tracer
        defer { interpreter.observer = previousObserver }
        var failure: (type: String, message: String, span: Span?)?
        var reason: TensorError.Reason?
        do {
            try interpreter.run(module) { value, line in onEvent(.value(value, line: line)) }
        } catch let error as PythonError {
            failure = (error.type, error.message, error.span)
            reason = error.reason
        } catch let error as TensorError {
            failure = (error.kind.rawValue, error.message, nil)
            reason = error.reason
        } catch {
            failure = ("RuntimeError", "\(error)", nil)
        }
        if failure == nil { tracer.finish() }
        if let failure {
            let finding = ErrorFindings(tracer: tracer).finding(type: failure.type, message: failure.message, reason: reason, span: failure.span)
            tracer.add(finding, for: failure.span.flatMap { tracer.index.node(at: $0) })
        }
        let findings = tracer.findings.enumerated().sorted { left, right in
            (left.element.line, left.offset) < (right.element.line, right.offset)
        }.map(\.element)
        return Explanation(source: source, steps: tracer.steps, findings: findings, error: failure)
    }

    /// Explains one expression or statement typed at the REPL (`:explain EXPR`).
    public func explain(code: String, name: String = "<stdin>", onEvent: (RunEvent) -> Void = { _ in }) -> Explanation {
        explain(SourceFile(name: name, text: code), onEvent: onEvent)
    }
}
