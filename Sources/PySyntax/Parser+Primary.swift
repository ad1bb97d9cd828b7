import Diagnostics

// Primaries: an atom followed by any number of `.name`, `(arguments)` and `[subscript]`.

extension Parser {
    mutating func parsePrimary() throws(ParseError) -> Expr {
        let start = current.span.start
        var value = try parseAtom()
        while true {
            switch current.kind {
            case .punctuation(.dot):
                advance()
                let (name, nameSpan) = try expectName()
                value = try node(.attribute(value, name: name, nameSpan: nameSpan), span(from: start))
            case .punctuation(.leftParen):
                advance()
                let arguments = try parseArguments()
                value = try node(.call(value, arguments), span(from: start))
            case .punctuation(.leftBracket):
                advance()
                let index = try parseSlices()
                try expectClosing(.rightBracket)
                value = try node(.subscript(value, index: index), span(from: start))
            default:
                return value
            }
        }
    }

    /// Expects a closing bracket; if an expression starts there instead, a comma is
    /// probably missing, which the help line says.
    mutating func expectClosing(_ closing: Punctuation) throws(ParseError) {
        guard match(closing) else {
            let help = startsExpression(current) ? "perhaps you forgot a comma?" : nil
            throw syntaxError(help: help)
        }
    }

    // MARK: Calls

    /// The arguments after `(`, through `)`: positional, `name=value`, `*args`, `**kwargs`,
    /// or a single bare generator as in `sum(x for x in y)`.
    mutating func parseArguments() throws(ParseError) -> [Argument] {
        var arguments: [Argument] = []
        var keywordNames: Set<String> = []
        var sawKeyword = false
        var sawKeywordUnpacking = false
        while !check(.rightParen) {
            let start = current.span.start
            if match(.doubleStar) {
                let value = try parseExpression()
                arguments.append(Argument(kind: .unpackKeywords, value: value, span: span(from: start)))
                sawKeywordUnpacking = true
            } else if match(.star) {
                let value = try parseExpression()
                if sawKeywordUnpacking {
                    throw error("iterable argument unpacking follows keyword argument unpacking", span(from: start))
                }
                arguments.append(Argument(kind: .unpack, value: value, span: span(from: start)))
            } else if case .name(let name) = current.kind, peek().isPunctuation(.equal) {
                advance()
                advance()
                let value = try parseExpression()
                if !keywordNames.insert(name).inserted {
                    throw error("keyword argument repeated: \(name)", span(from: start))
                }
                arguments.append(Argument(kind: .keyword(name), value: value, span: span(from: start)))
                sawKeyword = true
            } else {
                let value = try parsePositionalArgument(isFirst: arguments.isEmpty)
                if sawKeywordUnpacking {
                    throw error("positional argument follows keyword argument unpacking", value.span)
                }
                if sawKeyword {
                    throw error("positional argument follows keyword argument", value.span)
                }
                arguments.append(Argument(kind: .positional, value: value, span: value.span))
            }
            if !match(.comma) { break }
        }
        try expectClosing(.rightParen)
        return arguments
    }

    private mutating func parsePositionalArgument(isFirst: Bool) throws(ParseError) -> Expr {
        let start = current.span.start
        let value = try parseExpression()
        if check(.equal) {
            throw error("expression cannot contain assignment, perhaps you meant \"==\"?", span(from: start))
        }
        guard checkKeyword(.for) else { return value }
        let generators = try parseComprehensionClauses()
        let generator = try node(.generator(element: value, generators: generators), span(from: start))
        if !isFirst || !check(.rightParen) {
            throw error("Generator expression must be parenthesized", generator.span)
        }
        return generator
    }

    // MARK: Subscripts

    /// The inside of `[...]`: one slice, or several separated by commas (a `.tuple`).
    mutating func parseSlices() throws(ParseError) -> Expr {
        let start = current.span.start
        let first = try parseSlice()
        guard check(.comma) else { return first }
        var elements = [first]
        while match(.comma) {
            if check(.rightBracket) { break }
            elements.append(try parseSlice())
        }
        return try node(.tuple(elements), span(from: start))
    }

    /// `a`, `*a`, or `lower:upper:step` with any part left out.
    mutating func parseSlice() throws(ParseError) -> Expr {
        let start = current.span.start
        var lower: Expr?
        if !check(.colon) {
            let value = try parseStarExpression()
            guard check(.colon) else { return value }
            if case .starred = value.kind { throw syntaxError() }
            lower = value
        }
        advance()
        var upper: Expr?
        if !endsSlicePart { upper = try parseExpression() }
        var step: Expr?
        if match(.colon), !endsSlicePart {
            step = try parseExpression()
        }
        return try node(.slice(lower: lower, upper: upper, step: step), span(from: start))
    }

    private var endsSlicePart: Bool {
        check(.colon) || check(.comma) || check(.rightBracket)
    }
}
