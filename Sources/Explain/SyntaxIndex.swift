import Diagnostics
import PySyntax

/// What the explainer needs to know about the program's shape before running it: which
/// expression nodes belong to the explained file, each node's parent and statement, and
/// the variable each assignment binds. The observer hook reports nodes by identity only,
/// so this index is how a node finds its context.
final class SyntaxIndex {
    let source: SourceFile
    private(set) var parents: [ObjectIdentifier: Expr] = [:]
    private(set) var statements: [ObjectIdentifier: Stmt] = [:]
    /// The name an assignment binds, keyed by the assigned value's node.
    private(set) var assignedNames: [ObjectIdentifier: String] = [:]
    private(set) var nodesBySpan: [Span: [Expr]] = [:]
    private var members: Set<ObjectIdentifier> = []
    /// Every statement, nested ones included, in source order.
    private(set) var allStatements: [Stmt] = []

    init(module: Module) {
        source = module.source
        for statement in module.body { index(statement) }
    }

    func contains(_ expr: Expr) -> Bool { members.contains(ObjectIdentifier(expr)) }
    func parent(of expr: Expr) -> Expr? { parents[ObjectIdentifier(expr)] }
    func statement(of expr: Expr) -> Stmt? { statements[ObjectIdentifier(expr)] }
    func assignedName(of expr: Expr) -> String? { assignedNames[ObjectIdentifier(expr)] }
    func text(of expr: Expr) -> String { source.text(of: expr.span) }
    func line(of expr: Expr) -> Int { source.line(of: expr.span.start) }

    /// The outermost node with exactly this span: where an exception's caret points.
    func node(at span: Span) -> Expr? { nodesBySpan[span]?.first }

    /// The trailing `# comment` of the statement's last line, if any.
    func trailingComment(of expr: Expr) -> String? {
        let lastLine = source.line(of: max(expr.span.start, expr.span.end - 1))
        guard let statement = statement(of: expr) else { return nil }
        let statementEnd = source.line(of: max(statement.span.start, statement.span.end - 1))
        guard statementEnd == lastLine else { return nil }
        let text = source.lineText(lastLine)
        var inString: Character?
        for (offset, character) in text.enumerated() {
            if let quote = inString {
                if character == quote { inString = nil }
            } else if character == "'" || character == "\"" {
                inString = character
            } else if character == "#" {
                let comment = text.dropFirst(offset + 1).trimmingCharacters(in: .whitespaces)
                return comment.isEmpty ? nil : comment
            }
        }
        return nil
    }

    // MARK: - Walking

    private func index(_ statement: Stmt) {
        allStatements.append(statement)
        switch statement.kind {
        case let .expression(expr): visit(expr, in: statement, parent: nil)
        case let .assign(targets, value):
            for target in targets { visit(target, in: statement, parent: nil) }
            visit(value, in: statement, parent: nil)
            if targets.count == 1 { assignedNames[ObjectIdentifier(value)] = SyntaxIndex.targetName(targets[0], source) }
        case let .augmentedAssign(target, _, value):
            visit(target, in: statement, parent: nil)
            visit(value, in: statement, parent: nil)
        case let .annotatedAssign(target, _, value):
            visit(target, in: statement, parent: nil)
            if let value {
                visit(value, in: statement, parent: nil)
                assignedNames[ObjectIdentifier(value)] = SyntaxIndex.targetName(target, source)
            }
        case let .if(condition, body, orElse), let .while(condition, body, orElse):
            visit(condition, in: statement, parent: nil)
            (body + orElse).forEach(index)
        case let .for(target, iterable, body, orElse):
            visit(target, in: statement, parent: nil)
            visit(iterable, in: statement, parent: nil)
            (body + orElse).forEach(index)
        case let .functionDef(_, parameters, body, decorators, _):
            for parameter in parameters { if let value = parameter.defaultValue { visit(value, in: statement, parent: nil) } }
            decorators.forEach { visit($0, in: statement, parent: nil) }
            body.forEach(index)
        case let .classDef(_, bases, keywords, body, decorators):
            (bases + keywords.map(\.value) + decorators).forEach { visit($0, in: statement, parent: nil) }
            body.forEach(index)
        case let .return(value):
            if let value { visit(value, in: statement, parent: nil) }
        case let .with(items, body):
            for item in items {
                visit(item.context, in: statement, parent: nil)
                if let target = item.target { visit(target, in: statement, parent: nil) }
            }
            body.forEach(index)
        case let .assert(test, message):
            visit(test, in: statement, parent: nil)
            if let message { visit(message, in: statement, parent: nil) }
        case let .raise(exception, cause):
            [exception, cause].compactMap { $0 }.forEach { visit($0, in: statement, parent: nil) }
        case let .delete(targets):
            targets.forEach { visit($0, in: statement, parent: nil) }
        case let .try(body, handlers, orElse, finally):
            body.forEach(index)
            for handler in handlers {
                if let type = handler.type { visit(type, in: statement, parent: nil) }
                handler.body.forEach(index)
            }
            (orElse + finally).forEach(index)
        case let .match(subject, cases):
            visit(subject, in: statement, parent: nil)
            for matchCase in cases {
                let expressions = matchCase.pattern.expressions + [matchCase.guardCondition].compactMap { $0 }
                expressions.forEach { visit($0, in: statement, parent: nil) }
                matchCase.body.forEach(index)
            }
        case .break, .continue, .pass, .import, .importFrom, .global, .nonlocal:
            break
        }
    }

    private func visit(_ expr: Expr, in statement: Stmt, parent: Expr?) {
        let id = ObjectIdentifier(expr)
        members.insert(id)
        statements[id] = statement
        if let parent { parents[id] = parent }
        nodesBySpan[expr.span, default: []].append(expr)
        for child in SyntaxIndex.children(of: expr) { visit(child, in: statement, parent: expr) }
    }

    /// The direct sub-expressions of `expr`, in evaluation order.
    static func children(of expr: Expr) -> [Expr] {
        switch expr.kind {
        case .name, .int, .float, .string, .bool, .none, .ellipsis: return []
        case let .formattedString(parts): return fieldExpressions(parts)
        case let .list(items), let .tuple(items), let .set(items): return items
        case let .dict(entries): return entries.flatMap { [$0.key, $0.value].compactMap { $0 } }
        case let .unary(_, operand): return [operand]
        case let .binary(_, left, right), let .boolean(_, left, right): return [left, right]
        case let .compare(first, rest): return [first] + rest.map(\.1)
        case let .conditional(condition, then, otherwise): return [condition, then, otherwise]
        case let .call(callee, arguments): return [callee] + arguments.map(\.value)
        case let .attribute(object, _, _): return [object]
        case let .subscript(container, index): return [container, index]
        case let .slice(lower, upper, step): return [lower, upper, step].compactMap { $0 }
        case let .lambda(_, body): return [body]
        case let .listComprehension(element, generators), let .generator(element, generators), let .setComprehension(element, generators):
            return generators.flatMap { [$0.iterable, $0.target] + $0.conditions } + [element]
        case let .dictComprehension(key, value, generators):
            return generators.flatMap { [$0.iterable, $0.target] + $0.conditions } + [key, value]
        case let .starred(inner): return [inner]
        case let .namedExpr(_, value), let .yieldFrom(value): return [value]
        case let .yield(value): return value.map { [$0] } ?? []
        }
    }

    private static func fieldExpressions(_ parts: [FStringPart]) -> [Expr] {
        parts.flatMap { part -> [Expr] in
            if case let .field(expr, _, spec) = part { return [expr] + fieldExpressions(spec) }
            return []
        }
    }

    /// `x`, `self.x` or `d["x"]` as written; nil for tuple targets.
    private static func targetName(_ target: Expr, _ source: SourceFile) -> String? {
        switch target.kind {
        case .name, .attribute, .subscript: return source.text(of: target.span)
        default: return nil
        }
    }
}
