import Diagnostics

// `match` statements (Python 3.10). `match` and `case` are soft keywords: they stay
// ordinary names (`match = re.match(...)`) except where a statement has the shape of a
// match header, `match subject:` at the end of a line.

extension Parser {
    /// The match statement starting here, or nil (and nothing consumed) when the
    /// statement is an ordinary one that begins with the name `match`.
    mutating func parseMatchIfPresent() throws(ParseError) -> Stmt? {
        guard case .name("match") = current.kind, startsExpression(peek()) else { return nil }
        let saved = self
        let keyword = advance()
        guard let subject = try? parseMatchSubject(), check(.colon), case .newline = peek().kind else {
            self = saved
            return nil
        }
        advance()
        let cases = try parseCaseBlocks(line: source.line(of: keyword.span.start))
        return Stmt(.match(subject: subject, cases: cases), span(from: keyword.span.start))
    }

    /// `x`, `(x := f())` or `a, *b`: a tuple when there is a comma.
    private mutating func parseMatchSubject() throws(ParseError) -> Expr {
        let subject = try parseStarExpressions()
        if case .starred = subject.kind { throw syntaxError() }
        return subject
    }

    /// The indented `case` clauses after the header's `:`.
    private mutating func parseCaseBlocks(line: Int) throws(ParseError) -> [MatchCase] {
        guard case .newline = current.kind else { throw syntaxError() }
        advance()
        guard case .indent = current.kind else {
            throw expectedIndentedBlockError(after: "'match' statement", line: line)
        }
        advance()
        try enterBlock()
        defer { blockDepth -= 1 }
        var cases: [MatchCase] = []
        repeat {
            cases.append(try parseCaseBlock())
        } while !isAtBlockEnd
        if case .dedent = current.kind { advance() }
        for (position, matchCase) in cases.enumerated() {
            var bound: [String] = []
            let isLast = position == cases.count - 1
            try validate(matchCase.pattern, allowsIrrefutable: isLast || matchCase.guardCondition != nil, bound: &bound)
        }
        return cases
    }

    private var isAtBlockEnd: Bool {
        switch current.kind {
        case .dedent, .endOfFile: true
        default: false
        }
    }

    /// `case pattern [if guard]: block`
    private mutating func parseCaseBlock() throws(ParseError) -> MatchCase {
        guard case .name("case") = current.kind else { throw syntaxError() }
        let keyword = advance()
        let pattern = try parseCasePatterns()
        var guardCondition: Expr?
        if matchKeyword(.if) { guardCondition = try parseExpression() }
        try expect(.colon)
        let body = try parseBlock(after: "'case' statement", line: source.line(of: keyword.span.start))
        return MatchCase(pattern: pattern, guardCondition: guardCondition, body: body, span: span(from: keyword.span.start))
    }

    // MARK: Checks CPython's compiler makes

    /// Refuses a pattern that makes later cases (or alternatives) unreachable, a name bound
    /// twice, two starred names, and or-patterns whose alternatives bind different names.
    private func validate(_ pattern: Pattern, allowsIrrefutable: Bool, bound: inout [String]) throws(ParseError) {
        switch pattern.kind {
        case let .capture(name):
            if !allowsIrrefutable {
                let message = name.map { "name capture '\($0)' makes remaining patterns unreachable" }
                throw error(message ?? "wildcard makes remaining patterns unreachable", pattern.span)
            }
            if let name { try bind(name, pattern.span, &bound) }
        case let .star(name):
            if let name { try bind(name, pattern.span, &bound) }
        case let .sequence(elements):
            if elements.count(where: { if case .star = $0.kind { true } else { false } }) > 1 {
                throw error("multiple starred names in sequence pattern", pattern.span)
            }
            for element in elements { try validate(element, allowsIrrefutable: true, bound: &bound) }
        case let .mapping(keys, values, rest):
            try rejectDuplicateKeys(keys, in: pattern)
            for value in values { try validate(value, allowsIrrefutable: true, bound: &bound) }
            if let rest { try bind(rest, pattern.span, &bound) }
        case let .classPattern(_, positional, keywords):
            for inner in positional + keywords.map(\.pattern) { try validate(inner, allowsIrrefutable: true, bound: &bound) }
        case let .or(alternatives):
            try validateAlternatives(alternatives, allowsIrrefutable: allowsIrrefutable, bound: &bound)
        case let .as(inner, name):
            try validate(inner, allowsIrrefutable: allowsIrrefutable, bound: &bound)
            try bind(name, pattern.span, &bound)
        case .value, .singleton:
            break
        }
    }

    /// Only the last alternative may match everything, and every alternative binds the same names.
    private func validateAlternatives(_ alternatives: [Pattern], allowsIrrefutable: Bool, bound: inout [String]) throws(ParseError) {
        var firstNames: Set<String>?
        var namesOfFirst: [String] = []
        for (position, alternative) in alternatives.enumerated() {
            var names = bound
            let isLast = position == alternatives.count - 1
            try validate(alternative, allowsIrrefutable: allowsIrrefutable && isLast, bound: &names)
            let added = Array(names.dropFirst(bound.count))
            if let firstNames {
                if Set(added) != firstNames { throw error("alternative patterns bind different names", alternative.span) }
            } else {
                firstNames = Set(added)
                namesOfFirst = added
            }
        }
        bound += namesOfFirst
    }

    private func bind(_ name: String, _ span: Span, _ bound: inout [String]) throws(ParseError) {
        if bound.contains(name) { throw error("multiple assignments to name '\(name)' in pattern", span) }
        bound.append(name)
    }

    /// Literal keys that repeat (`{"a": 1, "a": 2}`) could never both match.
    private func rejectDuplicateKeys(_ keys: [Expr], in pattern: Pattern) throws(ParseError) {
        var seen: Set<String> = []
        for key in keys {
            let literal: String? = switch key.kind {
            case let .string(text): "'\(text)'"
            case .int, .float, .unary, .none, .bool: source.text(of: key.span)
            default: nil
            }
            guard let literal else { continue }
            if !seen.insert(literal).inserted { throw error("mapping pattern checks duplicate key (\(literal))", pattern.span) }
        }
    }
}
