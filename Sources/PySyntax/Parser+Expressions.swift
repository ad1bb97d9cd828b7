import Diagnostics

// Expressions from the loosest binding to the tightest, one method per precedence level:
// lambda < `x if c else y` < or < and < not < comparisons < | < ^ < & < shifts
// < + - < * / // % @ < unary - + ~ < ** < primary (calls, attributes, subscripts).

extension Parser {
    /// `a, *b, c` — a tuple when there is a comma, as on the right of `=` or after `return`.
    mutating func parseStarExpressions() throws(ParseError) -> Expr {
        let start = current.span.start
        let first = try parseStarExpression()
        guard check(.comma) else { return first }
        var elements = [first]
        while match(.comma) {
            guard startsExpression(current) else { break }
            elements.append(try parseStarExpression())
        }
        return try node(.tuple(elements), span(from: start))
    }

    /// An expression, or `*expression` where unpacking is allowed.
    mutating func parseStarExpression() throws(ParseError) -> Expr {
        guard check(.star) else { return try parseExpression() }
        let start = advance().span.start
        let operand = try parseBitwiseOr()
        return try node(.starred(operand), span(from: start))
    }

    /// `expression`: a lambda, or a disjunction with an optional `if ... else ...`.
    mutating func parseExpression() throws(ParseError) -> Expr {
        try enterNesting()
        defer { leaveNesting() }
        if checkKeyword(.lambda) { return try parseLambda() }
        let start = current.span.start
        let body = try parseDisjunction()
        if check(.walrus) {
            guard case let .name(name) = body.kind else {
                throw error("cannot use assignment expressions with \(Parser.describe(body))", body.span)
            }
            advance()
            return try node(.namedExpr(name: name, value: try parseExpression()), span(from: start))
        }
        guard checkKeyword(.if) else { return body }
        advance()
        let condition = try parseDisjunction()
        guard matchKeyword(.else) else {
            if case .lexError(let lexerError) = current.kind { throw lexerError }
            throw error("expected 'else' after 'if' expression", span(from: start))
        }
        let otherwise = try parseExpression()
        return try node(.conditional(condition: condition, then: body, otherwise: otherwise), span(from: start))
    }

    mutating func parseDisjunction() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseConjunction()
        while matchKeyword(.or) {
            let right = try parseConjunction()
            left = try node(.boolean(.or, left, right), span(from: start))
        }
        return left
    }

    mutating func parseConjunction() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseInversion()
        while matchKeyword(.and) {
            let right = try parseInversion()
            left = try node(.boolean(.and, left, right), span(from: start))
        }
        return left
    }

    /// `not x`; binds looser than comparisons, so `not a == b` is `not (a == b)`.
    mutating func parseInversion() throws(ParseError) -> Expr {
        guard checkKeyword(.not) else { return try parseComparison() }
        try enterNesting()
        defer { leaveNesting() }
        let start = advance().span.start
        let operand = try parseInversion()
        return try node(.unary(.not, operand), span(from: start))
    }

    /// `a < b <= c` is one chained comparison, not nested ones.
    mutating func parseComparison() throws(ParseError) -> Expr {
        let start = current.span.start
        let first = try parseBitwiseOr()
        var comparisons: [(CompareOperator, Expr)] = []
        while let comparison = takeComparisonOperator() {
            comparisons.append((comparison, try parseBitwiseOr()))
        }
        if comparisons.isEmpty { return first }
        return try node(.compare(first, comparisons), span(from: start))
    }

    private mutating func takeComparisonOperator() -> CompareOperator? {
        let found: CompareOperator
        switch current.kind {
        case .punctuation(.less): found = .less
        case .punctuation(.lessEqual): found = .lessEqual
        case .punctuation(.greater): found = .greater
        case .punctuation(.greaterEqual): found = .greaterEqual
        case .punctuation(.equalEqual): found = .equal
        case .punctuation(.notEqual): found = .notEqual
        case .keyword(.in): found = .in
        case .keyword(.is):
            advance()
            return matchKeyword(.not) ? .isNot : .is
        case .keyword(.not) where peek().isKeyword(.in):
            advance()
            advance()
            return .notIn
        default:
            return nil
        }
        advance()
        return found
    }

    mutating func parseBitwiseOr() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseBitwiseXor()
        while match(.pipe) {
            let right = try parseBitwiseXor()
            left = try node(.binary(.bitOr, left, right), span(from: start))
        }
        return left
    }

    mutating func parseBitwiseXor() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseBitwiseAnd()
        while match(.caret) {
            let right = try parseBitwiseAnd()
            left = try node(.binary(.bitXor, left, right), span(from: start))
        }
        return left
    }

    mutating func parseBitwiseAnd() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseShift()
        while match(.ampersand) {
            let right = try parseShift()
            left = try node(.binary(.bitAnd, left, right), span(from: start))
        }
        return left
    }

    mutating func parseShift() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseSum()
        while let op = shiftOperator {
            advance()
            let right = try parseSum()
            left = try node(.binary(op, left, right), span(from: start))
        }
        return left
    }

    mutating func parseSum() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseTerm()
        while let op = sumOperator {
            advance()
            let right = try parseTerm()
            left = try node(.binary(op, left, right), span(from: start))
        }
        return left
    }

    mutating func parseTerm() throws(ParseError) -> Expr {
        let start = current.span.start
        var left = try parseFactor()
        while let op = termOperator {
            advance()
            let right = try parseFactor()
            left = try node(.binary(op, left, right), span(from: start))
        }
        return left
    }

    private var shiftOperator: BinaryOperator? {
        switch current.kind {
        case .punctuation(.leftShift): .leftShift
        case .punctuation(.rightShift): .rightShift
        default: nil
        }
    }

    private var sumOperator: BinaryOperator? {
        switch current.kind {
        case .punctuation(.plus): .add
        case .punctuation(.minus): .subtract
        default: nil
        }
    }

    private var termOperator: BinaryOperator? {
        switch current.kind {
        case .punctuation(.star): .multiply
        case .punctuation(.slash): .divide
        case .punctuation(.doubleSlash): .floorDivide
        case .punctuation(.percent): .modulo
        case .punctuation(.at): .matrixMultiply
        default: nil
        }
    }

    /// Unary `-`, `+`, `~`. The operand is a factor, so `-2**2` is `-(2**2)`.
    mutating func parseFactor() throws(ParseError) -> Expr {
        let unary: UnaryOperator
        switch current.kind {
        case .punctuation(.minus): unary = .negate
        case .punctuation(.plus): unary = .plus
        case .punctuation(.tilde): unary = .invert
        default: return try parsePower()
        }
        try enterNesting()
        defer { leaveNesting() }
        let start = advance().span.start
        let operand = try parseFactor()
        return try node(.unary(unary, operand), span(from: start))
    }

    /// `a ** b`: right-associative through the factor on its right, so `2**-1` parses.
    mutating func parsePower() throws(ParseError) -> Expr {
        let start = current.span.start
        let base = try parsePrimary()
        guard match(.doubleStar) else { return base }
        try enterNesting()
        defer { leaveNesting() }
        let exponent = try parseFactor()
        return try node(.binary(.power, base, exponent), span(from: start))
    }

    /// Whether `token` can begin an expression; used to tell a trailing comma from a separator.
    func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .name, .integer, .float, .string:
            return true
        case .keyword(.True), .keyword(.False), .keyword(.None), .keyword(.not), .keyword(.lambda),
             .keyword(.await), .keyword(.yield):
            return true
        case .punctuation(.leftParen), .punctuation(.leftBracket), .punctuation(.leftBrace), .punctuation(.minus),
             .punctuation(.plus), .punctuation(.tilde), .punctuation(.star), .punctuation(.ellipsis):
            return true
        default:
            return false
        }
    }
}
