import Diagnostics

// Checking that the left side of `=`, `+=`, `:`, `for ... in`, `as` and `del` is
// something that can be assigned to or deleted, with CPython's messages.

extension Parser {
    /// Names, attributes, subscripts, and tuples or lists of them with at most one `*x`.
    /// `suggestsEquality` adds the `==` hint for a plain `target = value`.
    func validateAssignmentTarget(_ target: Expr, suggestsEquality: Bool = false) throws(ParseError) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple(let elements), .list(let elements):
            try validateTargetElements(elements, of: target)
        case .starred:
            throw error("starred assignment target must be in a list or tuple", target.span)
        default:
            let description = Parser.describe(target)
            let help = suggestsEquality && Parser.isBitwiseLevel(target) ? "maybe you meant '==' instead of '='?" : nil
            throw error("cannot assign to \(description)", target.span, help: help)
        }
    }

    private func validateTargetElements(_ elements: [Expr], of target: Expr) throws(ParseError) {
        var starredCount = 0
        for element in elements {
            if case .starred(let inner) = element.kind {
                starredCount += 1
                if starredCount > 1 {
                    throw error("multiple starred expressions in assignment", target.span)
                }
                try validateAssignmentTarget(inner)
            } else {
                try validateAssignmentTarget(element)
            }
        }
    }

    func validateAugmentedTarget(_ target: Expr) throws(ParseError) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        default:
            throw error("'\(Parser.describe(target))' is an illegal expression for augmented assignment", target.span)
        }
    }

    func validateAnnotatedTarget(_ target: Expr) throws(ParseError) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple:
            throw error("only single target (not tuple) can be annotated", target.span)
        case .list:
            throw error("only single target (not list) can be annotated", target.span)
        default:
            throw error("illegal target for annotation", target.span)
        }
    }

    func validateDeletionTarget(_ target: Expr) throws(ParseError) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple(let elements), .list(let elements):
            for element in elements { try validateDeletionTarget(element) }
        case .starred:
            throw error("cannot delete starred", target.span)
        default:
            throw error("cannot delete \(Parser.describe(target))", target.span)
        }
    }

    /// CPython's name for an expression in "cannot assign to ..." messages.
    static func describe(_ expression: Expr) -> String {
        switch expression.kind {
        case .name: "name"
        case .attribute: "attribute"
        case .subscript: "subscript"
        case .starred: "starred"
        case .tuple: "tuple"
        case .list: "list"
        case .call: "function call"
        case .int, .float, .string: "literal"
        case .formattedString: "f-string expression"
        case .bool(let value): value ? "True" : "False"
        case .none: "None"
        case .ellipsis: "ellipsis"
        case .dict: "dict literal"
        case .set: "set display"
        case .compare: "comparison"
        case .conditional: "conditional expression"
        case .lambda: "lambda"
        case .listComprehension: "list comprehension"
        case .dictComprehension: "dict comprehension"
        case .setComprehension: "set comprehension"
        case .namedExpr: "named expression"
        case .yield, .yieldFrom: "yield expression"
        case .generator: "generator expression"
        case .unary, .binary, .boolean, .slice: "expression"
        }
    }

    /// CPython suggests `==` only when the target could be an operand of `==` without
    /// parentheses, i.e. it binds at least as tightly as `|`.
    private static func isBitwiseLevel(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .compare, .conditional, .lambda, .boolean, .unary(.not, _), .bool, .none: false
        default: true
        }
    }
}
