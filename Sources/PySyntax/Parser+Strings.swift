import Diagnostics

// Adjacent string literals join into one (`'a' "b"` is `'ab'`); if any of them is an
// f-string the result is an f-string, whose fields are parsed here in place.

extension Parser {
    mutating func parseStrings() throws(ParseError) -> Expr {
        let start = current.span.start
        var parts: [FStringPart] = []
        var isFormatted = false
        while case .string(let literal) = current.kind {
            advance()
            isFormatted = isFormatted || literal.isFormatted
            parts += try convertPieces(literal.pieces)
        }
        let span = span(from: start)
        guard isFormatted else {
            var text = ""
            for case .literal(let piece) in parts { text += piece }
            return try node(.string(text), span)
        }
        return try node(.formattedString(mergingAdjacentLiterals(parts)), span)
    }

    private mutating func convertPieces(_ pieces: [StringPiece]) throws(ParseError) -> [FStringPart] {
        var parts: [FStringPart] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                parts.append(.literal(text))
            case .field(let field):
                if let label = field.selfDocumentingText { parts.append(.literal(label)) }
                let expression = try parseFieldExpression(field.expressionRange)
                let formatSpec = mergingAdjacentLiterals(try convertPieces(field.formatSpec))
                parts.append(.field(expression, conversion: field.conversion, formatSpec: formatSpec))
            }
        }
        return parts
    }

    /// Parses the expression of an f-string field from its own bytes of the source, as
    /// if in parentheses (so line breaks are allowed and a tuple needs no brackets).
    private mutating func parseFieldExpression(_ range: Range<Int>) throws(ParseError) -> Expr {
        let tokens = Lexer.tokenize(source, range: range, isExpressionOnly: true)
        var fieldParser = Parser(source: source, tokens: tokens, nestingDepth: nestingDepth + 1, canReachEndOfInput: false)
        do throws(ParseError) {
            let expression = try fieldParser.parseStarExpressions()
            guard case .endOfFile = fieldParser.current.kind else { throw fieldParser.syntaxError() }
            treeDepths[ObjectIdentifier(expression)] = fieldParser.treeDepth(of: expression)
            return expression
        } catch {
            let message = error.message.hasPrefix("f-string") ? error.message : "f-string: " + error.message
            throw ParseError(message: message, span: error.span, isUnexpectedEndOfInput: false, help: error.help)
        }
    }

    private func mergingAdjacentLiterals(_ parts: [FStringPart]) -> [FStringPart] {
        var merged: [FStringPart] = []
        for part in parts {
            if case .literal(let text) = part, case .literal(let previous)? = merged.last {
                merged[merged.count - 1] = .literal(previous + text)
            } else if case .literal(let text) = part, text.isEmpty {
                continue
            } else {
                merged.append(part)
            }
        }
        return merged
    }
}
