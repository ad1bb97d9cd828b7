import Diagnostics

// Bounding the depth of the syntax tree. Loops build left-nested trees without any
// recursion in the parser (`1+1+...+1`, `a.b.c...`), and releasing a tree nested tens
// of thousands deep overflows the stack, so depth is measured as nodes are made.
// CPython likewise refuses such input ("maximum recursion depth exceeded during compilation").

extension Parser {
    static let maximumTreeDepth = 1000
    /// Compound statements nested in each other, `elif` clauses counting as one level each.
    static let maximumBlockDepth = 1000

    /// Makes an expression node, recording its depth and refusing excessive depth.
    mutating func node(_ kind: ExprKind, _ span: Span) throws(ParseError) -> Expr {
        var deepestChild = 0
        forEachChild(of: kind) { child in
            deepestChild = max(deepestChild, treeDepths[ObjectIdentifier(child)] ?? 1)
        }
        let depth = deepestChild + 1
        if depth > Parser.maximumTreeDepth {
            throw error("expression is too deeply nested", span, help: "split it into several statements")
        }
        let expression = Expr(kind, span)
        if depth > 1 { treeDepths[ObjectIdentifier(expression)] = depth }
        return expression
    }

    func treeDepth(of expression: Expr) -> Int {
        treeDepths[ObjectIdentifier(expression)] ?? 1
    }

    mutating func enterBlock() throws(ParseError) {
        blockDepth += 1
        if blockDepth > Parser.maximumBlockDepth {
            throw error("too many statically nested blocks", current.span)
        }
    }

    private func forEachChild(of kind: ExprKind, _ visit: (Expr) -> Void) {
        switch kind {
        case .name, .int, .float, .string, .bool, .none, .ellipsis:
            break
        case .formattedString(let parts):
            forEachField(in: parts, visit)
        case .list(let elements), .tuple(let elements), .set(let elements):
            elements.forEach(visit)
        case .dict(let entries):
            for entry in entries {
                entry.key.map(visit)
                visit(entry.value)
            }
        case .unary(_, let operand), .starred(let operand), .attribute(let operand, _, _):
            visit(operand)
        case .binary(_, let left, let right), .boolean(_, let left, let right), .subscript(let left, let right):
            visit(left)
            visit(right)
        case .compare(let first, let rest):
            visit(first)
            rest.forEach { visit($0.1) }
        case .conditional(let condition, let then, let otherwise):
            [condition, then, otherwise].forEach(visit)
        case .call(let callee, let arguments):
            visit(callee)
            arguments.forEach { visit($0.value) }
        case .slice(let lower, let upper, let step):
            [lower, upper, step].compactMap { $0 }.forEach(visit)
        case .lambda(let parameters, let body):
            parameters.compactMap(\.defaultValue).forEach(visit)
            visit(body)
        case .namedExpr(_, let value), .yieldFrom(let value):
            visit(value)
        case .yield(let value):
            value.map(visit)
        case .listComprehension(let element, let generators), .generator(let element, let generators),
             .setComprehension(let element, let generators):
            visit(element)
            forEachChild(of: generators, visit)
        case .dictComprehension(let key, let value, let generators):
            visit(key)
            visit(value)
            forEachChild(of: generators, visit)
        }
    }

    private func forEachChild(of generators: [Comprehension], _ visit: (Expr) -> Void) {
        for generator in generators {
            visit(generator.target)
            visit(generator.iterable)
            generator.conditions.forEach(visit)
        }
    }

    private func forEachField(in parts: [FStringPart], _ visit: (Expr) -> Void) {
        for case .field(let expression, _, let formatSpec) in parts {
            visit(expression)
            forEachField(in: formatSpec, visit)
        }
    }
}
