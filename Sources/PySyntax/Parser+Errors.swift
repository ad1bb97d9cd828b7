import Diagnostics

// Building syntax errors. One place decides the span and whether more input could
// still complete the program, which is what a REPL needs to know.

extension Parser {
    /// An error at the current token (or at `tokenIndex`). A lexer error there wins,
    /// because it explains the token; a generic "invalid syntax" also yields to a lexer
    /// error later in the input, as in CPython (e.g. `f(1 2` reports the open `(`).
    func syntaxError(_ message: String = "invalid syntax", at tokenIndex: Int? = nil, help: String? = nil) -> ParseError {
        let position = max(0, min(tokenIndex ?? index, tokens.count - 1))
        let token = tokens[position]
        if case .lexError(let error) = token.kind { return error }
        if message == "invalid syntax", let later = laterLexError(after: position) {
            // An earlier syntax error means the input is wrong whatever follows.
            return ParseError(message: later.message, span: later.span, isUnexpectedEndOfInput: false, help: later.help)
        }
        return ParseError(message: message, span: token.span,
                          isUnexpectedEndOfInput: isAtEndOfInput(position), help: help)
    }

    /// An error about a construct rather than a token: the input is wrong however it goes on.
    func error(_ message: String, _ span: Span, help: String? = nil) -> ParseError {
        ParseError(message: message, span: span, isUnexpectedEndOfInput: false, help: help)
    }

    /// True when only NEWLINE, DEDENT and end-of-file tokens remain from `position` on,
    /// i.e. the parser ran out of input rather than meeting a wrong token.
    func isAtEndOfInput(_ position: Int) -> Bool {
        guard canReachEndOfInput else { return false }
        for token in tokens[position...] {
            switch token.kind {
            case .newline, .dedent, .endOfFile: continue
            default: return false
            }
        }
        return true
    }

    private func laterLexError(after position: Int) -> ParseError? {
        guard let last = tokens.last, case .lexError(let error) = last.kind, position < tokens.count - 1 else {
            return nil
        }
        return error
    }

    /// `if x` without a colon cannot be completed by more lines, so it is never
    /// "unexpected end of input".
    func expectedColonError() -> ParseError {
        if case .lexError(let lexerError) = current.kind { return lexerError }
        return error("expected ':'", current.span)
    }

    /// `expected an indented block after 'if' statement on line 3`, at the token found instead.
    func expectedIndentedBlockError(after construct: String, line: Int) -> ParseError {
        syntaxError("expected an indented block after \(construct) on line \(line)")
    }
}
