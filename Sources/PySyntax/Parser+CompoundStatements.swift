import Diagnostics

// Compound statements: if/elif/else, while, for, try, with, and the indented blocks
// they own.

extension Parser {
    /// After a header's `:`, either an indented block or simple statements on the same line.
    /// `construct` names the header for CPython's message, e.g. "'if' statement".
    mutating func parseBlock(after construct: String, line: Int) throws(ParseError) -> [Stmt] {
        try enterBlock()
        defer { blockDepth -= 1 }
        guard case .newline = current.kind else { return try parseSimpleStatements() }
        advance()
        guard case .indent = current.kind else {
            throw expectedIndentedBlockError(after: construct, line: line)
        }
        advance()
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .dedent:
                advance()
                return body
            case .endOfFile:
                return body
            default:
                body += try parseStatement()
            }
        }
    }

    /// `if`, then `elif` clauses, then `else`; each `elif` becomes an `if` in the
    /// `orElse` of the one before. Built iteratively so long chains cost no stack.
    mutating func parseIf() throws(ParseError) -> Stmt {
        var clauses: [(start: Int, condition: Expr, body: [Stmt])] = []
        // Each `elif` nests one level deeper in the tree than the clause before it.
        let outerBlockDepth = blockDepth
        defer { blockDepth = outerBlockDepth }
        repeat {
            if !clauses.isEmpty { try enterBlock() }
            let keyword = advance()
            let condition = try parseExpression()
            try expect(.colon)
            let construct = keyword.isKeyword(.if) ? "'if' statement" : "'elif' statement"
            let body = try parseBlock(after: construct, line: source.line(of: keyword.span.start))
            clauses.append((keyword.span.start, condition, body))
        } while checkKeyword(.elif)
        var orElse = try parseElseClause()
        let end = lastSignificantEnd
        for clause in clauses.dropFirst().reversed() {
            orElse = [Stmt(.if(condition: clause.condition, body: clause.body, orElse: orElse), Span(clause.start, end))]
        }
        // The repeat loop ran at least once, so the `if` clause itself is there.
        let first = clauses[0]
        return Stmt(.if(condition: first.condition, body: first.body, orElse: orElse), Span(first.start, end))
    }

    /// An optional `else:` block, as after `if`, `for`, `while` and `try`.
    private mutating func parseElseClause() throws(ParseError) -> [Stmt] {
        guard checkKeyword(.else) else { return [] }
        let keyword = advance()
        try expect(.colon)
        return try parseBlock(after: "'else' statement", line: source.line(of: keyword.span.start))
    }

    mutating func parseWhile() throws(ParseError) -> Stmt {
        let keyword = advance()
        let condition = try parseExpression()
        try expect(.colon)
        let body = try parseLoopBody(after: "'while' statement", keyword: keyword)
        let orElse = try parseElseClause()
        return Stmt(.while(condition: condition, body: body, orElse: orElse), span(from: keyword.span.start))
    }

    /// `for i, (x, y) in enumerate(z): body [else: body]`
    mutating func parseFor() throws(ParseError) -> Stmt {
        let keyword = advance()
        let target = try parseTargetList()
        try validateAssignmentTarget(target)
        try expectKeyword(.in)
        let iterable = try parseStarExpressions()
        try expect(.colon)
        let body = try parseLoopBody(after: "'for' statement", keyword: keyword)
        let orElse = try parseElseClause()
        return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), span(from: keyword.span.start))
    }

    private mutating func parseLoopBody(after construct: String, keyword: Token) throws(ParseError) -> [Stmt] {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try parseBlock(after: construct, line: source.line(of: keyword.span.start))
    }

    /// `try:` with `except [T [as name]]:` handlers, `else:` and `finally:`.
    mutating func parseTry() throws(ParseError) -> Stmt {
        let keyword = advance()
        try expect(.colon)
        let body = try parseBlock(after: "'try' statement", line: source.line(of: keyword.span.start))
        var handlers: [ExceptHandler] = []
        while checkKeyword(.except) {
            if let previous = handlers.last, previous.type == nil {
                throw error("default 'except:' must be last", previous.span)
            }
            handlers.append(try parseExceptHandler())
        }
        var orElse: [Stmt] = []
        if !handlers.isEmpty { orElse = try parseElseClause() }
        var finally: [Stmt] = []
        if checkKeyword(.finally) {
            let finallyKeyword = advance()
            try expect(.colon)
            finally = try parseBlock(after: "'finally' statement", line: source.line(of: finallyKeyword.span.start))
        } else if handlers.isEmpty {
            throw syntaxError("expected 'except' or 'finally' block")
        }
        return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: finally), span(from: keyword.span.start))
    }

    private mutating func parseExceptHandler() throws(ParseError) -> ExceptHandler {
        let keyword = advance()
        var type: Expr?
        var name: String?
        if !check(.colon) {
            let exceptionType = try parseExpression()
            if check(.comma) {
                throw error("multiple exception types must be parenthesized", span(from: exceptionType.span.start))
            }
            type = exceptionType
            if matchKeyword(.as) { name = try expectName().name }
        }
        try expect(.colon)
        let body = try parseBlock(after: "'except' statement", line: source.line(of: keyword.span.start))
        return ExceptHandler(type: type, name: name, body: body, span: span(from: keyword.span.start))
    }

    /// `with a as x, b: body`, and the parenthesized form `with (a as x, b):`.
    mutating func parseWith() throws(ParseError) -> Stmt {
        let keyword = advance()
        let items: [WithItem]
        if check(.leftParen), let parenthesized = tryParseParenthesizedWithItems() {
            items = parenthesized
        } else {
            items = try parseWithItems()
        }
        try expect(.colon)
        let body = try parseBlock(after: "'with' statement", line: source.line(of: keyword.span.start))
        return Stmt(.with(items: items, body: body), span(from: keyword.span.start))
    }

    private mutating func parseWithItems(isParenthesized: Bool = false) throws(ParseError) -> [WithItem] {
        var items = [try parseWithItem()]
        while match(.comma) {
            if isParenthesized && check(.rightParen) { break }
            items.append(try parseWithItem())
        }
        return items
    }

    private mutating func parseWithItem() throws(ParseError) -> WithItem {
        let context = try parseExpression()
        guard matchKeyword(.as) else { return WithItem(context: context, target: nil) }
        // A comma after the target starts the next item, so the target is a single one.
        let target = try parseStarTarget()
        try validateAssignmentTarget(target)
        return WithItem(context: context, target: target)
    }

    /// `with (a as x, b as y):` looks like a parenthesized expression until the `as`,
    /// so it is tried first and abandoned (by restoring the position) if it fails.
    private mutating func tryParseParenthesizedWithItems() -> [WithItem]? {
        let saved = self
        do throws(ParseError) {
            advance()
            let items = try parseWithItems(isParenthesized: true)
            try expect(.rightParen)
            guard check(.colon) else {
                self = saved
                return nil
            }
            return items
        } catch {
            self = saved
            return nil
        }
    }
}
