import Diagnostics

// Atoms: names, literals, and the bracketed forms — tuples and groups, lists, dicts,
// sets, and their comprehensions.

extension Parser {
    mutating func parseAtom() throws(ParseError) -> Expr {
        let token = current
        switch token.kind {
        case .name(let name):
            advance()
            return try node(.name(name), token.span)
        case .integer(let value, let digits):
            advance()
            return try node(.int(value, digits: digits), token.span)
        case .float(let value):
            advance()
            return try node(.float(value), token.span)
        case .string:
            return try parseStrings()
        case .keyword(.True), .keyword(.False):
            advance()
            return try node(.bool(token.isKeyword(.True)), token.span)
        case .keyword(.None):
            advance()
            return try node(.none, token.span)
        case .keyword(.yield):
            return try parseYield()
        case .keyword(.await):
            throw error("'\(source.text(of: token.span))' is not supported", token.span)
        case .punctuation(.ellipsis):
            advance()
            return try node(.ellipsis, token.span)
        case .punctuation(.leftParen):
            return try parseGroupOrTuple()
        case .punctuation(.leftBracket):
            return try parseListDisplay()
        case .punctuation(.leftBrace):
            return try parseDictOrSetDisplay()
        default:
            throw syntaxError()
        }
    }

    /// `()`, `(x)` (just x), `(x,)`, `(a, *b)`, or a generator `(x for x in y)`.
    mutating func parseGroupOrTuple() throws(ParseError) -> Expr {
        let start = advance().span.start
        if match(.rightParen) { return try node(.tuple([]), span(from: start)) }
        let first = try parseStarExpression()
        if checkKeyword(.for) {
            let generators = try parseComprehensionClauses()
            try expectClosing(.rightParen)
            return try node(.generator(element: first, generators: generators), span(from: start))
        }
        if match(.rightParen) {
            if case .starred = first.kind {
                throw error("cannot use starred expression here", first.span)
            }
            return first
        }
        var elements = [first]
        while match(.comma) {
            if check(.rightParen) { break }
            elements.append(try parseStarExpression())
        }
        try expectClosing(.rightParen)
        return try node(.tuple(elements), span(from: start))
    }

    /// `[a, *b]` or `[x for x in y if c]`.
    mutating func parseListDisplay() throws(ParseError) -> Expr {
        let start = advance().span.start
        if match(.rightBracket) { return try node(.list([]), span(from: start)) }
        let first = try parseStarExpression()
        if checkKeyword(.for) {
            try rejectStarredComprehensionElement(first)
            let generators = try parseComprehensionClauses()
            try expectClosing(.rightBracket)
            return try node(.listComprehension(element: first, generators: generators), span(from: start))
        }
        let elements = try parseRemainingElements(after: first, closing: .rightBracket)
        return try node(.list(elements), span(from: start))
    }

    /// `{}` is an empty dict; `{k: v, **m}` a dict; `{a, *b}` a set; or a dict or set comprehension.
    mutating func parseDictOrSetDisplay() throws(ParseError) -> Expr {
        let start = advance().span.start
        if match(.rightBrace) { return try node(.dict([]), span(from: start)) }
        if check(.doubleStar) { return try parseDictDisplay(start: start, firstKey: nil) }
        let first = try parseStarExpression()
        if check(.colon) {
            if case .starred = first.kind { throw syntaxError() }
            return try parseDictDisplay(start: start, firstKey: first)
        }
        if checkKeyword(.for) {
            try rejectStarredComprehensionElement(first)
            let generators = try parseComprehensionClauses()
            try expectClosing(.rightBrace)
            return try node(.setComprehension(element: first, generators: generators), span(from: start))
        }
        let elements = try parseRemainingElements(after: first, closing: .rightBrace)
        return try node(.set(elements), span(from: start))
    }

    /// A dict display or comprehension once its first key (nil for `**m`) is parsed.
    private mutating func parseDictDisplay(start: Int, firstKey: Expr?) throws(ParseError) -> Expr {
        let firstEntry = try parseDictEntryValue(key: firstKey)
        if let key = firstKey, checkKeyword(.for) {
            let generators = try parseComprehensionClauses()
            try expectClosing(.rightBrace)
            return try node(.dictComprehension(key: key, value: firstEntry.value, generators: generators), span(from: start))
        }
        var entries = [firstEntry]
        while match(.comma) {
            if check(.rightBrace) { break }
            if check(.doubleStar) {
                entries.append(try parseDictEntryValue(key: nil))
            } else {
                let key = try parseExpression()
                entries.append(try parseDictEntryValue(key: key))
            }
        }
        try expectClosing(.rightBrace)
        return try node(.dict(entries), span(from: start))
    }

    /// After a key, `: value`; with no key, `**mapping`.
    private mutating func parseDictEntryValue(key: Expr?) throws(ParseError) -> DictEntry {
        if key == nil {
            try expect(.doubleStar)
            return DictEntry(key: nil, value: try parseBitwiseOr())
        }
        guard match(.colon) else { throw syntaxError() }
        return DictEntry(key: key, value: try parseExpression())
    }

    /// The elements after the first of a list or set display, through the closing bracket.
    private mutating func parseRemainingElements(after first: Expr, closing: Punctuation) throws(ParseError) -> [Expr] {
        var elements = [first]
        while match(.comma) {
            if check(closing) { break }
            elements.append(try parseStarExpression())
        }
        try expectClosing(closing)
        return elements
    }

    private func rejectStarredComprehensionElement(_ element: Expr) throws(ParseError) {
        if case .starred = element.kind {
            throw error("iterable unpacking cannot be used in comprehension", element.span)
        }
    }

    /// One or more `for target in iterable [if condition]...` clauses.
    mutating func parseComprehensionClauses() throws(ParseError) -> [Comprehension] {
        var generators: [Comprehension] = []
        while checkKeyword(.for) {
            advance()
            let target = try parseTargetList()
            try validateAssignmentTarget(target)
            try expectKeyword(.in)
            let iterable = try parseDisjunction()
            var conditions: [Expr] = []
            while matchKeyword(.if) {
                conditions.append(try parseDisjunction())
            }
            generators.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return generators
    }

    /// The targets of `for` (in a loop or a comprehension): `i`, `i, (x, y)`, `*rest`.
    /// They are parsed below comparisons so that `in` is left for the caller.
    mutating func parseTargetList() throws(ParseError) -> Expr {
        let start = current.span.start
        let first = try parseStarTarget()
        guard check(.comma) else { return first }
        var elements = [first]
        while match(.comma) {
            guard startsExpression(current) else { break }
            elements.append(try parseStarTarget())
        }
        return try node(.tuple(elements), span(from: start))
    }

    mutating func parseStarTarget() throws(ParseError) -> Expr {
        guard check(.star) else { return try parseBitwiseOr() }
        let start = advance().span.start
        let operand = try parseBitwiseOr()
        return try node(.starred(operand), span(from: start))
    }
}

extension Parser {
    /// `yield`, `yield a, b` and `yield from iterable`, inside a function only; the
    /// function being parsed becomes a generator function.
    mutating func parseYield() throws(ParseError) -> Expr {
        let keyword = advance()
        if functionDepth == 0 { throw error("'yield' outside function", keyword.span) }
        functionHasYield = true
        if matchKeyword(.from) {
            return try node(.yieldFrom(try parseExpression()), span(from: keyword.span.start))
        }
        guard startsExpression(current) else { return try node(.yield(nil), keyword.span) }
        return try node(.yield(try parseStarExpressions()), span(from: keyword.span.start))
    }
}
