import Diagnostics

// The syntax tree of `match` statements: each `case` clause and its pattern.

/// One `case pattern if guard: body` clause of a `match` statement.
public struct MatchCase {
    public let pattern: Pattern
    public let guardCondition: Expr?
    public let body: [Stmt]
    public let span: Span

    public init(pattern: Pattern, guardCondition: Expr?, body: [Stmt], span: Span) {
        self.pattern = pattern
        self.guardCondition = guardCondition
        self.body = body
        self.span = span
    }
}

public final class Pattern: @unchecked Sendable {
    public let kind: PatternKind
    public let span: Span

    public init(_ kind: PatternKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public indirect enum PatternKind {
    /// A literal (`1`, `-2.5`, `"a"`) or a dotted name (`Color.RED`), compared with `==`.
    case value(Expr)
    /// `None`, `True` or `False`, compared by identity.
    case singleton(Expr)
    /// A bare name binds the subject; nil is the wildcard `_`.
    case capture(String?)
    /// `[a, *rest]` or `(a, b)`: the elements may include one `.star`.
    case sequence([Pattern])
    /// `*rest` inside a sequence pattern; nil for `*_`.
    case star(String?)
    /// `{"k": v, **rest}`: keys are literals or dotted names.
    case mapping(keys: [Expr], values: [Pattern], rest: String?)
    /// `Point(a, b, x=c)`: positional sub-patterns go through `__match_args__`.
    case classPattern(type: Expr, positional: [Pattern], keywords: [(name: String, pattern: Pattern)])
    /// `a | b | c`: the first alternative that matches.
    case or([Pattern])
    /// `pattern as name`.
    case `as`(Pattern, name: String)
}

extension Pattern {
    /// Matches every subject: a capture, the wildcard, or an or-pattern or `as` holding one.
    public var isIrrefutable: Bool {
        switch kind {
        case .capture: true
        case let .or(alternatives): alternatives.contains { $0.isIrrefutable }
        case let .as(inner, _): inner.isIrrefutable
        default: false
        }
    }

    /// The names the pattern binds, in the order they appear.
    public var boundNames: [String] {
        switch kind {
        case .value, .singleton: []
        case let .capture(name), let .star(name): name.map { [$0] } ?? []
        case let .sequence(elements): elements.flatMap(\.boundNames)
        case let .mapping(_, values, rest): values.flatMap(\.boundNames) + (rest.map { [$0] } ?? [])
        case let .classPattern(_, positional, keywords): positional.flatMap(\.boundNames) + keywords.flatMap(\.pattern.boundNames)
        case let .or(alternatives): alternatives.first?.boundNames ?? []
        case let .as(inner, name): inner.boundNames + [name]
        }
    }

    /// The expressions inside the pattern (literals, dotted names, class names, mapping keys), in order.
    public var expressions: [Expr] {
        switch kind {
        case let .value(expression), let .singleton(expression): [expression]
        case .capture, .star: []
        case let .sequence(elements), let .or(elements): elements.flatMap(\.expressions)
        case let .mapping(keys, values, _): keys + values.flatMap(\.expressions)
        case let .classPattern(type, positional, keywords):
            [type] + positional.flatMap(\.expressions) + keywords.flatMap(\.pattern.expressions)
        case let .as(inner, _): inner.expressions
        }
    }
}
