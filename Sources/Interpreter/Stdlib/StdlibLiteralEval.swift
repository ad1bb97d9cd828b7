import Diagnostics
import PySyntax

/// `ast.literal_eval`: the project's parser reads the text, and only literal nodes
/// (numbers, strings, True/False/None, and tuples, lists, sets and dicts of them, with a
/// sign on a number) are evaluated; anything else is rejected before it can run.
extension Interpreter {
    static func literalEvalBuiltin(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let value = try arguments.bind("literal_eval", ["node_or_string"]).value("node_or_string")
        guard case let .string(text) = value else {
            throw PythonError.valueError("malformed node or string: \(try interpreter.repr(value))")
        }
        let trimmed = String(text.drop { $0 == " " || $0 == "\t" })
        let expression: Expr
        do {
            expression = try PythonParser.parseExpression(SourceFile(name: "<unknown>", text: trimmed))
        } catch {
            throw PythonError("SyntaxError", error.message)
        }
        try interpreter.requireLiteral(expression, in: trimmed)
        return try interpreter.evaluate(expression)
    }

    private func requireLiteral(_ expr: Expr, in text: String) throws {
        switch expr.kind {
        case .int, .float, .string, .bool, .none, .ellipsis: return
        case let .list(items), let .tuple(items), let .set(items):
            for item in items { try requireLiteral(item, in: text) }
            return
        case let .dict(entries):
            for entry in entries {
                guard let key = entry.key else { break }
                try requireLiteral(key, in: text)
                try requireLiteral(entry.value, in: text)
            }
            if entries.allSatisfy({ $0.key != nil }) { return }
        case let .unary(op, operand) where op == .negate || op == .plus:
            switch operand.kind {
            case .int, .float: return
            default: break
            }
        case let .call(callee, arguments) where arguments.isEmpty:
            // `set()` is the one call literal_eval accepts: the empty set has no literal.
            if case .name("set") = callee.kind { return }
        default: break
        }
        let line = SourceFile(name: "<unknown>", text: text).line(of: expr.span.start)
        throw PythonError.valueError("malformed node or string on line \(line): <ast.\(astNodeName(expr)) object>")
    }

    private func astNodeName(_ expr: Expr) -> String {
        switch expr.kind {
        case .name: "Name"
        case .call: "Call"
        case .attribute: "Attribute"
        case .subscript: "Subscript"
        case .binary: "BinOp"
        case .unary: "UnaryOp"
        case .boolean: "BoolOp"
        case .compare: "Compare"
        case .lambda: "Lambda"
        case .conditional: "IfExp"
        case .formattedString: "JoinedStr"
        case .listComprehension: "ListComp"
        case .generator: "GeneratorExp"
        case .dictComprehension: "DictComp"
        case .setComprehension: "SetComp"
        case .namedExpr: "NamedExpr"
        case .yield: "Yield"
        case .yieldFrom: "YieldFrom"
        case .dict: "Dict"
        default: "expr"
        }
    }
}
