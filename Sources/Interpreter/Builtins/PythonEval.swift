import Diagnostics
import PySyntax

/// `eval(expression)`: one expression, parsed from the string and evaluated in the caller's
/// scope, as mammoth's replay buffer does with `eval(attr_str)` to read a local by name.
/// Its builtins are the program's own, so it reaches nothing the program could not.
extension Interpreter {
    static func evalBuiltin(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("eval", ["source", "globals", "locals"])
        for name in ["globals", "locals"] where !(bound.optional(name)?.isNone ?? true) {
            throw PythonError.notImplemented("eval() with a \(name) mapping is not supported: it evaluates in the caller's scope")
        }
        guard case let .string(text) = try bound.value("source") else {
            throw PythonError.typeError("eval() arg 1 must be a string, bytes or code object")
        }
        // Python drops leading spaces and tabs before parsing.
        let source = SourceFile(name: "<string>", text: String(text.drop { $0 == " " || $0 == "\t" }))
        let expression: Expr
        do {
            expression = try PythonParser.parseExpression(source)
        } catch {
            throw PythonError("SyntaxError", "\(error.message) (<string>, line \(source.line(of: error.span.start)))")
        }
        return try interpreter.evaluateDetached(expression)
    }

    /// Evaluates an expression whose spans belong to another text than the program's: its
    /// errors lose their span (the `eval(...)` call is underlined instead) and the explainer
    /// does not see its ops, whose spans it could not place.
    private func evaluateDetached(_ expression: Expr) throws -> Value {
        let wasObserved = isObserved
        isObserved = false
        defer { isObserved = wasObserved }
        do {
            return try evaluate(expression)
        } catch var error as PythonError {
            error.span = nil
            throw error
        }
    }
}
