import Diagnostics

// Function and class definitions, decorators, lambdas and their parameter lists.

extension Parser {
    /// `lambda params: body`
    mutating func parseLambda() throws(ParseError) -> Expr {
        let start = advance().span.start
        let parameters = try parseParameters(closing: .colon, allowsAnnotations: false)
        try expect(.colon)
        let body = try parseExpression()
        return try node(.lambda(parameters: parameters, body: body), span(from: start))
    }

    /// `@decorator` lines, then the `def` or `class` they apply to.
    mutating func parseDecorated() throws(ParseError) -> Stmt {
        let start = current.span.start
        var decorators: [Expr] = []
        while match(.at) {
            decorators.append(try parseExpression())
            guard case .newline = current.kind else { throw syntaxError() }
            advance()
        }
        if checkKeyword(.def) { return try parseFunctionDef(decorators: decorators, start: start) }
        if checkKeyword(.class) { return try parseClassDef(decorators: decorators, start: start) }
        throw syntaxError()
    }

    /// `def name(params) -> T: body`; annotations and the return type are parsed and dropped.
    /// `start` is where the first decorator's `@` is, if there are decorators.
    mutating func parseFunctionDef(decorators: [Expr] = [], start: Int? = nil) throws(ParseError) -> Stmt {
        let keyword = advance()
        let start = start ?? keyword.span.start
        let (name, _) = try expectName()
        try expect(.leftParen)
        let parameters = try parseParameters(closing: .rightParen, allowsAnnotations: true)
        try expectClosing(.rightParen)
        if match(.arrow) { _ = try parseExpression() }
        try expect(.colon)
        let saved = (loopDepth, functionHasYield)
        functionDepth += 1
        (loopDepth, functionHasYield) = (0, false)
        defer {
            functionDepth -= 1
            (loopDepth, functionHasYield) = saved
        }
        let body = try parseBlock(after: "function definition", line: source.line(of: keyword.span.start))
        return Stmt(.functionDef(name: name, parameters: parameters, body: body, decorators: decorators, isGenerator: functionHasYield),
                    span(from: start))
    }

    /// `class Name(Base, flag=True): body`; `metaclass=` is dropped, as metaclasses are not modelled.
    mutating func parseClassDef(decorators: [Expr] = [], start: Int? = nil) throws(ParseError) -> Stmt {
        let keyword = advance()
        let start = start ?? keyword.span.start
        let (name, _) = try expectName()
        var bases: [Expr] = []
        var keywords: [Argument] = []
        if match(.leftParen) {
            for argument in try parseArguments() {
                switch argument.kind {
                case .positional: bases.append(argument.value)
                case .keyword("metaclass"), .unpack: break
                case .keyword, .unpackKeywords: keywords.append(argument)
                }
            }
        }
        try expect(.colon)
        let saved = (functionDepth, loopDepth)
        (functionDepth, loopDepth) = (0, 0)
        defer { (functionDepth, loopDepth) = saved }
        let body = try parseBlock(after: "class definition", line: source.line(of: keyword.span.start))
        return Stmt(.classDef(name: name, bases: bases, keywords: keywords, body: body, decorators: decorators), span(from: start))
    }

    /// Parameters up to (not including) `closing`: `a, b=1, *args, c, d=2, **kwargs`,
    /// a bare `*`, and the positional-only marker `/`, which is accepted and ignored.
    mutating func parseParameters(closing: Punctuation, allowsAnnotations: Bool) throws(ParseError) -> [Parameter] {
        var parameters: [Parameter] = []
        var names: Set<String> = []
        var sawDefault = false
        var sawStar = false
        var sawDoubleStar = false
        while !check(closing) {
            let start = current.span.start
            if sawDoubleStar {
                throw error("arguments cannot follow var-keyword argument", current.span)
            }
            let kind: Parameter.Kind
            if match(.slash) {
                if !match(.comma) { break }
                continue
            } else if match(.doubleStar) {
                kind = .keywordVariadic
                sawDoubleStar = true
            } else if match(.star) {
                if check(.comma) || check(closing) {
                    // A bare `*`: what follows is keyword-only, and something must follow.
                    if !match(.comma) || check(closing) || check(.doubleStar) {
                        throw error("named arguments must follow bare *", Span(start, start + 1))
                    }
                    sawStar = true
                    continue
                }
                kind = .variadic
            } else {
                kind = sawStar ? .keywordOnly : .normal
            }
            let (name, nameSpan) = try expectName()
            if !names.insert(name).inserted {
                throw error("duplicate argument '\(name)' in function definition", nameSpan)
            }
            if allowsAnnotations && match(.colon) { _ = try parseExpression() }
            var defaultValue: Expr?
            if case .normal = kind, match(.equal) {
                defaultValue = try parseExpression()
                sawDefault = true
            } else if case .keywordOnly = kind, match(.equal) {
                defaultValue = try parseExpression()
            } else if case .normal = kind, sawDefault {
                throw error("non-default argument follows default argument", nameSpan)
            }
            if case .variadic = kind { sawStar = true }
            parameters.append(Parameter(name: name, defaultValue: defaultValue, kind: kind, span: span(from: start)))
            if !match(.comma) { break }
        }
        return parameters
    }
}
