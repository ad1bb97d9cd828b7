import Diagnostics
import Testing
@testable import PySyntax

@Suite struct LexerTests {
    /// Tokens as short strings: names and keywords as written, punctuation quoted,
    /// and the layout tokens as NEWLINE, INDENT, DEDENT, EOF.
    func describe(_ text: String) -> [String] {
        let source = SourceFile(name: "<test>", text: text)
        return Lexer.tokenize(source).map { token in
            switch token.kind {
            case .name(let name): name
            case .keyword(let keyword): keyword.rawValue
            case .integer(let value, let digits): "int:" + (value.map { String($0) } ?? digits)
            case .float(let value): "float:\(value)"
            case .string: "str:" + source.text(of: token.span)
            case .punctuation(let punctuation): "'\(punctuation.rawValue)'"
            case .newline: "NEWLINE"
            case .indent: "INDENT"
            case .dedent: "DEDENT"
            case .endOfFile: "EOF"
            case .lexError(let error): "error:\(error.message)"
            }
        }
    }

    @Test func indentationTokens() {
        let text = "if x:\n    y = 1\n\n    # comment\n    if z:\n        w\nv\n"
        #expect(describe(text) == [
            "if", "x", "':'", "NEWLINE", "INDENT", "y", "'='", "int:1", "NEWLINE", "if", "z", "':'", "NEWLINE",
            "INDENT", "w", "NEWLINE", "DEDENT", "DEDENT", "v", "NEWLINE", "EOF",
        ])
    }

    @Test func missingFinalNewlineAndOpenBlocksAtEnd() {
        #expect(describe("if x:\n  y") == ["if", "x", "':'", "NEWLINE", "INDENT", "y", "NEWLINE", "DEDENT", "EOF"])
        #expect(describe("") == ["EOF"])
        #expect(describe("# only\n\n") == ["EOF"])
    }

    @Test func bracketsAndBackslashJoinLines() {
        #expect(describe("x = (1,\n  2)\ny = 1 + \\\n 2") == [
            "x", "'='", "'('", "int:1", "','", "int:2", "')'", "NEWLINE", "y", "'='", "int:1", "'+'", "int:2", "NEWLINE", "EOF",
        ])
    }

    @Test func operatorsTakeTheLongestMatch() {
        #expect(describe("a **= b // c ... -> @= >>= << != :=") == [
            "a", "'**='", "b", "'//'", "c", "'...'", "'->'", "'@='", "'>>='", "'<<'", "'!='", "':='", "NEWLINE", "EOF",
        ])
        #expect(describe("x.y") == ["x", "'.'", "y", "NEWLINE", "EOF"])
    }

    @Test func numbersKeywordsAndPrefixes() {
        #expect(describe("1if x else 2") == ["int:1", "if", "x", "else", "int:2", "NEWLINE", "EOF"])
        #expect(describe("rb'x' F\"y\" fR'''z''' u'w' bar") == [
            "str:rb'x'", "str:F\"y\"", "str:fR'''z'''", "str:u'w'", "bar", "NEWLINE", "EOF",
        ])
        #expect(describe("1.5e3 .5 7.") == ["float:1500.0", "float:0.5", "float:7.0", "NEWLINE", "EOF"])
    }

    @Test func spansAreExactByteRanges() {
        let source = SourceFile(name: "<test>", text: "é = 'ü'  # c\n  \tx")
        let tokens = Lexer.tokenize(source)
        #expect(tokens.map { source.text(of: $0.span) }.prefix(4) == ["é", "=", "'ü'", "\n"])
        #expect(tokens[0].span == Span(0, 2))
    }

    @Test func errorsStopTheTokenStream() {
        #expect(describe("x = 1\ny = $ 2") == ["x", "'='", "int:1", "NEWLINE", "y", "'='", "error:invalid syntax"])
        #expect(describe("f(\n") == ["f", "'('", "error:'(' was never closed"])
    }
}
