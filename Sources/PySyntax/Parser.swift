import Diagnostics

/// The entry points: a whole program, or a single expression.
public enum PythonParser {
    /// Parses a whole program (file mode).
    public static func parseModule(_ source: SourceFile) throws(ParseError) -> Module {
        var parser = Parser(source: source, tokens: Lexer.tokenize(source))
        return Module(body: try parser.parseFile(), source: source)
    }

    /// Parses a single expression (e.g. for the REPL's :explain or a lesson answer
    /// check); a trailing NEWLINE is allowed.
    public static func parseExpression(_ source: SourceFile) throws(ParseError) -> Expr {
        var parser = Parser(source: source, tokens: Lexer.tokenize(source))
        return try parser.parseEvalInput()
    }
}

/// A recursive-descent parser over the token array, with one method per grammar rule
/// (named after the rule in CPython's grammar, e.g. `parseComparison()`).
struct Parser {
    /// Recursion in the expression rules is bounded so that hostile input reports an
    /// error instead of overflowing the stack. It is above the lexer's bracket limit
    /// (200), so deep brackets get CPython's "too many nested parentheses".
    static let maximumNestingDepth = 300

    let source: SourceFile
    let tokens: [Token]
    var index = 0
    var nestingDepth: Int
    /// False inside an f-string field: its end is not the end of the input.
    let canReachEndOfInput: Bool
    /// End of the last consumed token other than NEWLINE, INDENT or DEDENT, so that
    /// spans of statements and blocks stop at real text.
    var lastSignificantEnd = 0
    /// For `'return' outside function` and `'break' outside loop`.
    var functionDepth = 0
    /// Whether the function being parsed contains `yield`, which makes it a generator.
    var functionHasYield = false
    var loopDepth = 0
    /// Depths of the expression nodes made so far that have children (see `node`).
    var treeDepths: [ObjectIdentifier: Int] = [:]
    var blockDepth = 0

    init(source: SourceFile, tokens: [Token], nestingDepth: Int = 0, canReachEndOfInput: Bool = true) {
        self.source = source
        // The lexer always ends the array with .endOfFile or .lexError; a guard anyway.
        self.tokens = tokens.isEmpty ? [Token(kind: .endOfFile, span: Span(0, 0))] : tokens
        self.nestingDepth = nestingDepth
        self.canReachEndOfInput = canReachEndOfInput
        self.lastSignificantEnd = self.tokens[0].span.start
    }

    // MARK: Top level

    mutating func parseFile() throws(ParseError) -> [Stmt] {
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .endOfFile:
                return body
            case .newline, .dedent:
                // The lexer emits neither where a statement starts; skipped to be safe.
                advance()
            default:
                body += try parseStatement()
            }
        }
    }

    mutating func parseEvalInput() throws(ParseError) -> Expr {
        if case .indent = current.kind { advance() }
        let expression = try parseStarExpressions()
        while case .newline = current.kind { advance() }
        while case .dedent = current.kind { advance() }
        guard case .endOfFile = current.kind else { throw syntaxError() }
        return expression
    }

    // MARK: Tokens

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ offset: Int = 1) -> Token { tokens[max(0, min(index + offset, tokens.count - 1))] }

    /// Moves past the current token; the final .endOfFile (or .lexError) is never passed.
    @discardableResult
    mutating func advance() -> Token {
        let token = current
        switch token.kind {
        case .newline, .indent, .dedent, .endOfFile, .lexError: break
        default: lastSignificantEnd = token.span.end
        }
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ punctuation: Punctuation) -> Bool { current.isPunctuation(punctuation) }

    func checkKeyword(_ keyword: Keyword) -> Bool { current.isKeyword(keyword) }

    mutating func match(_ punctuation: Punctuation) -> Bool {
        guard check(punctuation) else { return false }
        advance()
        return true
    }

    mutating func matchKeyword(_ keyword: Keyword) -> Bool {
        guard checkKeyword(keyword) else { return false }
        advance()
        return true
    }

    @discardableResult
    mutating func expect(_ punctuation: Punctuation) throws(ParseError) -> Token {
        guard check(punctuation) else {
            if punctuation == .colon { throw expectedColonError() }
            throw syntaxError()
        }
        return advance()
    }

    mutating func expectKeyword(_ keyword: Keyword) throws(ParseError) {
        guard matchKeyword(keyword) else { throw syntaxError() }
    }

    mutating func expectName() throws(ParseError) -> (name: String, span: Span) {
        guard case .name(let name) = current.kind else { throw syntaxError() }
        return (name, advance().span)
    }

    /// The span from `start` to the end of the last token consumed.
    func span(from start: Int) -> Span { Span(start, lastSignificantEnd) }

    // MARK: Nesting

    mutating func enterNesting() throws(ParseError) {
        nestingDepth += 1
        if nestingDepth > Parser.maximumNestingDepth {
            throw ParseError(message: "expression is too deeply nested", span: current.span,
                             help: "split it into several statements")
        }
    }

    mutating func leaveNesting() { nestingDepth -= 1 }
}
