import Diagnostics

// Statements: the dispatch, simple statements on one logical line separated by `;`,
// and expression statements with every kind of assignment.

extension Parser {
    /// One compound statement, or the simple statements of one line.
    mutating func parseStatement() throws(ParseError) -> [Stmt] {
        // No expression of an earlier statement can become part of this one.
        if !treeDepths.isEmpty { treeDepths = [:] }
        switch current.kind {
        case .keyword(.if): return [try parseIf()]
        case .keyword(.while): return [try parseWhile()]
        case .keyword(.for): return [try parseFor()]
        case .keyword(.try): return [try parseTry()]
        case .keyword(.with): return [try parseWith()]
        case .keyword(.def): return [try parseFunctionDef()]
        case .keyword(.class): return [try parseClassDef()]
        case .punctuation(.at): return [try parseDecorated()]
        case .keyword(.async): throw error("'async' is not supported", current.span)
        case .indent: throw syntaxError("unexpected indent")
        case .name("match"):
            if let match = try parseMatchIfPresent() { return [match] }
            return try parseSimpleStatements()
        default: return try parseSimpleStatements()
        }
    }

    /// `a = 1; b = 2` through the end of the line.
    mutating func parseSimpleStatements() throws(ParseError) -> [Stmt] {
        var statements = [try parseSimpleStatement()]
        while match(.semicolon) {
            if case .newline = current.kind { break }
            statements.append(try parseSimpleStatement())
        }
        guard case .newline = current.kind else { throw syntaxError() }
        advance()
        return statements
    }

    mutating func parseSimpleStatement() throws(ParseError) -> Stmt {
        let start = current.span.start
        let kind: StmtKind
        switch current.kind {
        case .keyword(.pass):
            advance()
            kind = .pass
        case .keyword(.break):
            if loopDepth == 0 { throw error("'break' outside loop", current.span) }
            advance()
            kind = .break
        case .keyword(.continue):
            if loopDepth == 0 { throw error("'continue' not properly in loop", current.span) }
            advance()
            kind = .continue
        case .keyword(.return): kind = try parseReturn()
        case .keyword(.raise): kind = try parseRaise()
        case .keyword(.global), .keyword(.nonlocal): kind = try parseGlobalOrNonlocal()
        case .keyword(.del): kind = try parseDel()
        case .keyword(.assert): kind = try parseAssert()
        case .keyword(.import): kind = try parseImport()
        case .keyword(.from): kind = try parseFromImport()
        default: kind = try parseExpressionStatement(start: start)
        }
        return Stmt(kind, span(from: start))
    }

    // MARK: Expressions and assignments

    /// An expression, `a = b = value`, `a += value`, or `a: T = value`.
    private mutating func parseExpressionStatement(start: Int) throws(ParseError) -> StmtKind {
        let parenthesized = check(.leftParen)
        let first = try parseStarExpressions()
        // `x := 5` needs parentheses as a statement, as in CPython.
        if case .namedExpr = first.kind, !parenthesized { throw error("invalid syntax", first.span) }
        if case .punctuation(let punctuation) = current.kind, let op = punctuation.augmentedOperator {
            try validateAugmentedTarget(first)
            advance()
            return .augmentedAssign(target: first, op: op, value: try parseAssignedValue())
        }
        if check(.colon) {
            try validateAnnotatedTarget(first)
            advance()
            let annotation = try parseExpression()
            var value: Expr?
            if match(.equal) { value = try parseAssignedValue() }
            return .annotatedAssign(target: first, annotation: annotation, value: value)
        }
        guard check(.equal) else {
            if case .starred = first.kind { throw error("can't use starred expression here", first.span) }
            try rejectPrintStatement(first)
            return .expression(first)
        }
        var expressions = [first]
        while match(.equal) {
            expressions.append(try parseAssignedValue())
        }
        let value = expressions.removeLast()
        for target in expressions {
            try validateAssignmentTarget(target, suggestsEquality: expressions.count == 1)
        }
        return .assign(targets: expressions, value: value)
    }

    private mutating func parseAssignedValue() throws(ParseError) -> Expr {
        let value = try parseStarExpressions()
        if case .starred = value.kind { throw error("can't use starred expression here", value.span) }
        return value
    }

    /// Python 2's `print x` gets CPython's pointed message rather than "invalid syntax".
    private func rejectPrintStatement(_ expression: Expr) throws(ParseError) {
        guard case .name(let name) = expression.kind, name == "print" || name == "exec", startsExpression(current) else {
            return
        }
        throw error("Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", expression.span)
    }

    // MARK: Keyword statements

    private mutating func parseReturn() throws(ParseError) -> StmtKind {
        let keyword = advance()
        if functionDepth == 0 { throw error("'return' outside function", keyword.span) }
        guard startsExpression(current) else { return .return(nil) }
        return .return(try parseStarExpressions())
    }

    private mutating func parseRaise() throws(ParseError) -> StmtKind {
        advance()
        guard startsExpression(current) else { return .raise(exception: nil, cause: nil) }
        let exception = try parseExpression()
        var cause: Expr?
        if matchKeyword(.from) { cause = try parseExpression() }
        return .raise(exception: exception, cause: cause)
    }

    private mutating func parseGlobalOrNonlocal() throws(ParseError) -> StmtKind {
        let isGlobal = advance().isKeyword(.global)
        var names = [try expectName().name]
        while match(.comma) {
            names.append(try expectName().name)
        }
        return isGlobal ? .global(names) : .nonlocal(names)
    }

    private mutating func parseDel() throws(ParseError) -> StmtKind {
        advance()
        var targets = [try parseBitwiseOr()]
        while match(.comma) {
            guard startsExpression(current) else { break }
            targets.append(try parseBitwiseOr())
        }
        for target in targets { try validateDeletionTarget(target) }
        return .delete(targets)
    }

    private mutating func parseAssert() throws(ParseError) -> StmtKind {
        advance()
        let test = try parseExpression()
        var message: Expr?
        if match(.comma) { message = try parseExpression() }
        return .assert(test: test, message: message)
    }

    /// `import a.b as c, d`
    private mutating func parseImport() throws(ParseError) -> StmtKind {
        advance()
        var names = [try parseImportName(isDotted: true)]
        while match(.comma) {
            names.append(try parseImportName(isDotted: true))
        }
        return .import(names)
    }

    /// `from ..a.b import (c as d, e)` or `from a import *`
    private mutating func parseFromImport() throws(ParseError) -> StmtKind {
        advance()
        var level = 0
        while true {
            if match(.dot) { level += 1 } else if match(.ellipsis) { level += 3 } else { break }
        }
        var module = ""
        if level == 0 || !checkKeyword(.import) {
            module = try parseDottedName().name
        }
        try expectKeyword(.import)
        if check(.star) {
            let star = advance()
            return .importFrom(module: module, names: [ImportName(name: "*", alias: nil, span: star.span)], level: level)
        }
        let isParenthesized = match(.leftParen)
        var names = [try parseImportName(isDotted: false)]
        while match(.comma) {
            if isParenthesized && check(.rightParen) { break }
            names.append(try parseImportName(isDotted: false))
        }
        if isParenthesized { try expectClosing(.rightParen) }
        return .importFrom(module: module, names: names, level: level)
    }

    private mutating func parseImportName(isDotted: Bool) throws(ParseError) -> ImportName {
        let (name, nameSpan) = try isDotted ? parseDottedName() : expectName()
        var alias: String?
        if matchKeyword(.as) { alias = try expectName().name }
        return ImportName(name: name, alias: alias, span: span(from: nameSpan.start))
    }

    private mutating func parseDottedName() throws(ParseError) -> (name: String, span: Span) {
        let (first, firstSpan) = try expectName()
        var name = first
        while match(.dot) {
            name += "." + (try expectName().name)
        }
        return (name, span(from: firstSpan.start))
    }
}
