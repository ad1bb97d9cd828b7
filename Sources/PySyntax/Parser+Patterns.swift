import Diagnostics

// The patterns of `case` clauses, one method per rule of CPython's grammar:
// patterns, pattern (as), or_pattern, closed_pattern and its kinds.

extension Parser {
    /// `patterns`: one pattern, or `a, *rest` (a sequence pattern without brackets).
    mutating func parseCasePatterns() throws(ParseError) -> Pattern {
        let start = current.span.start
        let first = try parseMaybeStarPattern()
        guard check(.comma) else {
            if case .star = first.kind { throw error("invalid syntax", first.span) }
            return first
        }
        var elements = [first]
        while match(.comma) {
            if check(.colon) || checkKeyword(.if) { break }
            elements.append(try parseMaybeStarPattern())
        }
        return Pattern(.sequence(elements), span(from: start))
    }

    /// A pattern, or `*name` inside a sequence pattern.
    private mutating func parseMaybeStarPattern() throws(ParseError) -> Pattern {
        guard check(.star) else { return try parsePattern() }
        let start = advance().span.start
        let (name, _) = try expectName()
        return Pattern(.star(name == "_" ? nil : name), span(from: start))
    }

    /// `or_pattern ['as' name]`
    private mutating func parsePattern() throws(ParseError) -> Pattern {
        try enterNesting()
        defer { leaveNesting() }
        let start = current.span.start
        let pattern = try parseOrPattern()
        guard matchKeyword(.as) else { return pattern }
        let (name, nameSpan) = try expectName()
        if name == "_" { throw error("cannot use '_' as a target", nameSpan) }
        return Pattern(.as(pattern, name: name), span(from: start))
    }

    private mutating func parseOrPattern() throws(ParseError) -> Pattern {
        let start = current.span.start
        var alternatives = [try parseClosedPattern()]
        while match(.pipe) {
            alternatives.append(try parseClosedPattern())
        }
        return alternatives.count == 1 ? alternatives[0] : Pattern(.or(alternatives), span(from: start))
    }

    private mutating func parseClosedPattern() throws(ParseError) -> Pattern {
        switch current.kind {
        case .name: return try parseNameOrClassPattern()
        case .punctuation(.leftParen): return try parseGroupOrTuplePattern()
        case .punctuation(.leftBracket): return try parseListPattern()
        case .punctuation(.leftBrace): return try parseMappingPattern()
        default: return try parseLiteralPattern()
        }
    }

    /// A number (`-1`, `2.5`), strings, or `None`/`True`/`False`.
    private mutating func parseLiteralPattern() throws(ParseError) -> Pattern {
        let token = current
        switch token.kind {
        case .keyword(.None), .keyword(.True), .keyword(.False):
            return Pattern(.singleton(try parseAtom()), token.span)
        case .string:
            let strings = try parseStrings()
            if case .formattedString = strings.kind {
                throw error("patterns may only match literals and attribute lookups", strings.span)
            }
            return Pattern(.value(strings), strings.span)
        case .integer, .float, .punctuation(.minus):
            let number = try parseSignedNumber()
            if check(.plus) || check(.minus) {
                advance()
                throw error("imaginary number required in complex literal", current.span)
            }
            return Pattern(.value(number), number.span)
        default:
            throw syntaxError()
        }
    }

    private mutating func parseSignedNumber() throws(ParseError) -> Expr {
        let start = current.span.start
        let isNegative = match(.minus)
        switch current.kind {
        case .integer, .float: break
        default: throw syntaxError()
        }
        let number = try parseAtom()
        return isNegative ? try node(.unary(.negate, number), span(from: start)) : number
    }

    /// `x` (capture), `_` (wildcard), `Color.RED` (value), or `Point(...)` (class pattern).
    private mutating func parseNameOrClassPattern() throws(ParseError) -> Pattern {
        let (first, firstSpan) = try expectName()
        var reference = try node(.name(first), firstSpan)
        while match(.dot) {
            let (name, nameSpan) = try expectName()
            reference = try node(.attribute(reference, name: name, nameSpan: nameSpan), span(from: firstSpan.start))
        }
        if check(.leftParen) { return try parseClassPattern(type: reference) }
        if case .attribute = reference.kind { return Pattern(.value(reference), reference.span) }
        return Pattern(.capture(first == "_" ? nil : first), firstSpan)
    }

    /// `Point(a, b, x=c)`: positional sub-patterns before keyword ones.
    private mutating func parseClassPattern(type: Expr) throws(ParseError) -> Pattern {
        advance()
        var positional: [Pattern] = []
        var keywords: [(name: String, pattern: Pattern)] = []
        while !check(.rightParen) {
            if case .name(let name) = current.kind, peek().isPunctuation(.equal) {
                let nameToken = advance()
                advance()
                if keywords.contains(where: { $0.name == name }) {
                    throw error("attribute name repeated in class pattern: \(name)", nameToken.span)
                }
                keywords.append((name, try parsePattern()))
            } else {
                let pattern = try parsePattern()
                if !keywords.isEmpty { throw error("positional patterns follow keyword patterns", pattern.span) }
                positional.append(pattern)
            }
            if !match(.comma) { break }
        }
        try expectClosing(.rightParen)
        return Pattern(.classPattern(type: type, positional: positional, keywords: keywords), span(from: type.span.start))
    }

    /// `(p)` is just p; `()`, `(p,)` and `(a, b)` are sequence patterns.
    private mutating func parseGroupOrTuplePattern() throws(ParseError) -> Pattern {
        let start = advance().span.start
        if match(.rightParen) { return Pattern(.sequence([]), span(from: start)) }
        let first = try parseMaybeStarPattern()
        if match(.rightParen) {
            if case .star = first.kind { throw error("invalid syntax", first.span) }
            return first
        }
        var elements = [first]
        while match(.comma) {
            if check(.rightParen) { break }
            elements.append(try parseMaybeStarPattern())
        }
        try expectClosing(.rightParen)
        return Pattern(.sequence(elements), span(from: start))
    }

    private mutating func parseListPattern() throws(ParseError) -> Pattern {
        let start = advance().span.start
        var elements: [Pattern] = []
        while !check(.rightBracket) {
            elements.append(try parseMaybeStarPattern())
            if !match(.comma) { break }
        }
        try expectClosing(.rightBracket)
        return Pattern(.sequence(elements), span(from: start))
    }

    /// `{key: pattern, **rest}`; keys are literals or dotted names.
    private mutating func parseMappingPattern() throws(ParseError) -> Pattern {
        let start = advance().span.start
        var keys: [Expr] = []
        var values: [Pattern] = []
        var rest: String?
        while !check(.rightBrace) {
            if match(.doubleStar) {
                guard case .name(let name) = current.kind, name != "_" else { throw syntaxError() }
                advance()
                rest = name
                _ = match(.comma)
                break
            }
            keys.append(try parseMappingKey())
            try expect(.colon)
            values.append(try parsePattern())
            if !match(.comma) { break }
        }
        try expectClosing(.rightBrace)
        return Pattern(.mapping(keys: keys, values: values, rest: rest), span(from: start))
    }

    private mutating func parseMappingKey() throws(ParseError) -> Expr {
        let key = if case .name = current.kind { try parseNameOrClassPattern() } else { try parseLiteralPattern() }
        switch key.kind {
        case let .value(expression), let .singleton(expression): return expression
        default: throw syntaxError()
        }
    }
}
