import Diagnostics

// The syntax tree of the Python subset. Nodes are classes so that the evaluator and
// the explainer can refer to one node by identity; every node carries its span.

public final class Expr: @unchecked Sendable {
    public let kind: ExprKind
    public let span: Span

    public init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public enum ExprKind {
    case name(String)
    /// An integer literal; `digits` keeps the text for literals beyond 64 bits.
    case int(Int64?, digits: String)
    case float(Double)
    case string(String)
    /// An f-string: literal text and `{expr!conv:spec}` fields, in order.
    case formattedString([FStringPart])
    case bool(Bool)
    case none
    case ellipsis
    case list([Expr])
    case tuple([Expr])
    case dict([DictEntry])
    case set([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `and` / `or`, short-circuiting.
    case boolean(BooleanOperator, Expr, Expr)
    /// `a < b <= c`: the first operand, then each operator with its right operand.
    case compare(Expr, [(CompareOperator, Expr)])
    case conditional(condition: Expr, then: Expr, otherwise: Expr)
    case call(Expr, [Argument])
    /// `value.name`; `nameSpan` covers just the attribute name.
    case attribute(Expr, name: String, nameSpan: Span)
    /// `value[index]`; several indices arrive as one `.tuple`.
    case `subscript`(Expr, index: Expr)
    /// `lower:upper:step` inside a subscript.
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    case lambda(parameters: [Parameter], body: Expr)
    case listComprehension(element: Expr, generators: [Comprehension])
    /// `(x for x in y)`, evaluated eagerly like a list comprehension.
    case generator(element: Expr, generators: [Comprehension])
    case dictComprehension(key: Expr, value: Expr, generators: [Comprehension])
    case setComprehension(element: Expr, generators: [Comprehension])
    /// `*xs` in a call, list, tuple or assignment target.
    case starred(Expr)
    /// `(name := value)`: assigns and evaluates to the value.
    case namedExpr(name: String, value: Expr)
    /// `yield value` (nil for a bare `yield`); its function is then a generator function.
    case yield(Expr?)
    /// `yield from iterable`
    case yieldFrom(Expr)
}

public enum FStringPart {
    case literal(String)
    /// `conversion` is "r", "s" or "a" after `!`; `formatSpec` may itself hold fields.
    case field(Expr, conversion: Character?, formatSpec: [FStringPart])
}

public struct DictEntry {
    /// nil for `**mapping`.
    public let key: Expr?
    public let value: Expr

    public init(key: Expr?, value: Expr) {
        self.key = key
        self.value = value
    }
}

public struct Argument {
    public enum Kind {
        case positional
        case keyword(String)
        /// `*args`
        case unpack
        /// `**kwargs`
        case unpackKeywords
    }

    public let kind: Kind
    public let value: Expr
    public let span: Span

    public init(kind: Kind, value: Expr, span: Span) {
        self.kind = kind
        self.value = value
        self.span = span
    }
}

public struct Parameter {
    public enum Kind {
        case normal
        /// `*args`
        case variadic
        /// `**kwargs`
        case keywordVariadic
        /// after a bare `*` or `*args`
        case keywordOnly
    }

    public let name: String
    public let defaultValue: Expr?
    public let kind: Kind
    public let span: Span

    public init(name: String, defaultValue: Expr?, kind: Kind, span: Span) {
        self.name = name
        self.defaultValue = defaultValue
        self.kind = kind
        self.span = span
    }
}

public struct Comprehension {
    public let target: Expr
    public let iterable: Expr
    public let conditions: [Expr]

    public init(target: Expr, iterable: Expr, conditions: [Expr]) {
        self.target = target
        self.iterable = iterable
        self.conditions = conditions
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
    case invert = "~"
}

public enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case modulo = "%"
    case power = "**"
    case matrixMultiply = "@"
    case bitAnd = "&"
    case bitOr = "|"
    case bitXor = "^"
    case leftShift = "<<"
    case rightShift = ">>"
}

public enum BooleanOperator: String, Sendable {
    case and
    case or
}

public enum CompareOperator: String, Sendable {
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case equal = "=="
    case notEqual = "!="
    case `is` = "is"
    case isNot = "is not"
    case `in` = "in"
    case notIn = "not in"
}

public final class Stmt: @unchecked Sendable {
    public let kind: StmtKind
    public let span: Span

    public init(_ kind: StmtKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public enum StmtKind {
    case expression(Expr)
    /// `a = b = value`: every target gets the value, left to right.
    case assign(targets: [Expr], value: Expr)
    case augmentedAssign(target: Expr, op: BinaryOperator, value: Expr)
    /// `x: T = value`; the annotation is parsed and ignored.
    case annotatedAssign(target: Expr, annotation: Expr, value: Expr?)
    /// `elif` arrives as a nested `if` in `orElse`.
    case `if`(condition: Expr, body: [Stmt], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case `while`(condition: Expr, body: [Stmt], orElse: [Stmt])
    case `break`
    case `continue`
    case pass
    /// `isGenerator` when the body (not a nested def or class) contains `yield`.
    case functionDef(name: String, parameters: [Parameter], body: [Stmt], decorators: [Expr], isGenerator: Bool)
    /// `keywords` are the class keyword arguments (`flag=True`, `**options`) handed to the
    /// base's `__init_subclass__`; `metaclass=` is not among them.
    case classDef(name: String, bases: [Expr], keywords: [Argument], body: [Stmt], decorators: [Expr])
    case `return`(Expr?)
    case with(items: [WithItem], body: [Stmt])
    /// `import a.b as c, d`
    case `import`([ImportName])
    /// `from module import a as b, c`; `level` counts leading dots.
    case importFrom(module: String, names: [ImportName], level: Int)
    case assert(test: Expr, message: Expr?)
    case raise(exception: Expr?, cause: Expr?)
    case delete([Expr])
    case global([String])
    case nonlocal([String])
    case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
    /// `match subject:` with its `case` clauses, tried in order.
    case match(subject: Expr, cases: [MatchCase])
}

public struct WithItem {
    public let context: Expr
    public let target: Expr?

    public init(context: Expr, target: Expr?) {
        self.context = context
        self.target = target
    }
}

public struct ImportName {
    /// The dotted name, e.g. `torch.nn.functional`, or `*`.
    public let name: String
    public let alias: String?
    public let span: Span

    public init(name: String, alias: String?, span: Span) {
        self.name = name
        self.alias = alias
        self.span = span
    }
}

public struct ExceptHandler {
    /// nil for a bare `except:`.
    public let type: Expr?
    public let name: String?
    public let body: [Stmt]
    public let span: Span

    public init(type: Expr?, name: String?, body: [Stmt], span: Span) {
        self.type = type
        self.name = name
        self.body = body
        self.span = span
    }
}

/// A parsed program: its statements and the source they came from.
public struct Module {
    public let body: [Stmt]
    public let source: SourceFile

    public init(body: [Stmt], source: SourceFile) {
        self.body = body
        self.source = source
    }
}

/// A syntax error with the span of the offending token. `isUnexpectedEndOfInput` tells
/// a REPL that more lines could complete the input.
public struct ParseError: Error, Sendable {
    public let message: String
    public let span: Span
    public let isUnexpectedEndOfInput: Bool
    /// A hint for the `help:` line, when one is obvious.
    public let help: String?

    public init(message: String, span: Span, isUnexpectedEndOfInput: Bool = false, help: String? = nil) {
        self.message = message
        self.span = span
        self.isUnexpectedEndOfInput = isUnexpectedEndOfInput
        self.help = help
    }
}
