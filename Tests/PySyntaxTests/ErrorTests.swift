import Diagnostics
import Testing
import PySyntax

/// What an error should say and where: the message, the 1-based line and column of
/// the span's start, and the text the span covers.
struct ExpectedError: CustomTestStringConvertible, Sendable {
    let source: String
    let message: String
    let line: Int
    let column: Int
    let spanText: String

    init(_ source: String, _ message: String, at line: Int, _ column: Int, _ spanText: String) {
        self.source = source
        self.message = message
        self.line = line
        self.column = column
        self.spanText = spanText
    }

    var testDescription: String { source.debugDescription }

    /// Parses the source and checks the error's message and span.
    func verify() throws {
        let file = SourceFile(name: "<test>", text: source)
        let error = try #require(throws: ParseError.self) { try PythonParser.parseModule(file) }
        #expect(error.message == message)
        #expect(file.line(of: error.span.start) == line)
        #expect(file.column(of: error.span.start) == column)
        #expect(file.text(of: error.span) == spanText)
    }
}

@Suite struct ErrorMessageTests {
    @Test(arguments: [
        ExpectedError("1 +", "invalid syntax", at: 1, 4, ""),
        ExpectedError("x = = 2", "invalid syntax", at: 1, 5, "="),
        ExpectedError("a b", "invalid syntax", at: 1, 3, "b"),
        ExpectedError("x = 1;; y", "invalid syntax", at: 1, 7, ";"),
        ExpectedError("1 + )", "unmatched ')'", at: 1, 5, ")"),
        ExpectedError("f(", "'(' was never closed", at: 1, 2, "("),
        ExpectedError("x = [1,\n2,", "'[' was never closed", at: 1, 5, "["),
        ExpectedError("f(1 2", "'(' was never closed", at: 1, 2, "("),
        ExpectedError("f([1,\n 2)", "closing parenthesis ')' does not match opening parenthesis '[' on line 1", at: 2, 3, ")"),
        ExpectedError("if x:", "expected an indented block after 'if' statement on line 1", at: 1, 6, ""),
        ExpectedError("x = 1\nif x:\n    pass\nelif y:\nz = 1", "expected an indented block after 'elif' statement on line 4", at: 5, 1, "z"),
        ExpectedError("def f(x):\nreturn x", "expected an indented block after function definition on line 1", at: 2, 1, "return"),
        ExpectedError("for x in y:\n\n# c\n", "expected an indented block after 'for' statement on line 1", at: 4, 1, ""),
        ExpectedError("if x", "expected ':'", at: 1, 5, ""),
        ExpectedError("while x\n    pass", "expected ':'", at: 1, 8, "\n"),
        ExpectedError(" x = 1", "unexpected indent", at: 1, 1, " "),
        ExpectedError("if x:\n  y\n    z", "unexpected indent", at: 3, 1, "    "),
        ExpectedError("if x:\n    y\n  z", "unindent does not match any outer indentation level", at: 3, 1, "  "),
        ExpectedError("if x:\n\tpass\n        pass", "inconsistent use of tabs and spaces in indentation", at: 3, 1, "        "),
        ExpectedError("x = 'abc", "unterminated string literal (detected at line 1)", at: 1, 5, "'abc"),
        ExpectedError("x = 1\ny = '''abc\n\n", "unterminated triple-quoted string literal (detected at line 4)", at: 2, 5, "'''"),
        ExpectedError("1abc", "invalid decimal literal", at: 1, 1, "1a"),
        ExpectedError("1__0", "invalid decimal literal", at: 1, 2, "_"),
        ExpectedError("0x", "invalid hexadecimal literal", at: 1, 1, "0x"),
        ExpectedError("0b102", "invalid digit '2' in binary literal", at: 1, 5, "2"),
        ExpectedError("0123", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", at: 1, 1, "0123"),
        ExpectedError("x = 1\0", "invalid non-printable character U+0000", at: 1, 6, "\0"),
        ExpectedError("x = \u{1B}", "invalid non-printable character U+001B", at: 1, 5, "\u{1B}"),
        ExpectedError("€ = 1", "invalid character '€' (U+20AC)", at: 1, 1, "€"),
        ExpectedError("x = $", "invalid syntax", at: 1, 5, "$"),
        ExpectedError("x = 1 \\ y", "unexpected character after line continuation character", at: 1, 7, "\\"),
        ExpectedError("f() = 1", "cannot assign to function call", at: 1, 1, "f()"),
        ExpectedError("for f() in x: pass", "cannot assign to function call", at: 1, 5, "f()"),
        ExpectedError("with a as f(): pass", "cannot assign to function call", at: 1, 11, "f()"),
        ExpectedError("(a.b := 5)", "cannot use assignment expressions with attribute", at: 1, 2, "a.b"),
        ExpectedError("([1][0] := 5)", "cannot use assignment expressions with subscript", at: 1, 2, "[1][0]"),
        ExpectedError("x := 5", "invalid syntax", at: 1, 1, "x := 5"),
        ExpectedError("[x for f() in y]", "cannot assign to function call", at: 1, 8, "f()"),
        ExpectedError("a + 1 = 2", "cannot assign to expression", at: 1, 1, "a + 1"),
        ExpectedError("x, 1 = y", "cannot assign to literal", at: 1, 4, "1"),
        ExpectedError("a < b = 1", "cannot assign to comparison", at: 1, 1, "a < b"),
        ExpectedError("None = 1", "cannot assign to None", at: 1, 1, "None"),
        ExpectedError("*a = 1", "starred assignment target must be in a list or tuple", at: 1, 1, "*a"),
        ExpectedError("a, *b, *c = d", "multiple starred expressions in assignment", at: 1, 1, "a, *b, *c"),
        ExpectedError("(a, b) += 1", "'tuple' is an illegal expression for augmented assignment", at: 1, 1, "(a, b)"),
        ExpectedError("f() += 1", "'function call' is an illegal expression for augmented assignment", at: 1, 1, "f()"),
        ExpectedError("(a, b): int", "only single target (not tuple) can be annotated", at: 1, 1, "(a, b)"),
        ExpectedError("del f()", "cannot delete function call", at: 1, 5, "f()"),
        ExpectedError("1 if 2", "expected 'else' after 'if' expression", at: 1, 1, "1 if 2"),
        ExpectedError("f(a for a in b, c)", "Generator expression must be parenthesized", at: 1, 3, "a for a in b"),
        ExpectedError("f(x=1, 2)", "positional argument follows keyword argument", at: 1, 8, "2"),
        ExpectedError("f(**k, 2)", "positional argument follows keyword argument unpacking", at: 1, 8, "2"),
        ExpectedError("f(a=1, a=2)", "keyword argument repeated: a", at: 1, 8, "a=2"),
        ExpectedError("f(x.y=1)", "expression cannot contain assignment, perhaps you meant \"==\"?", at: 1, 3, "x.y"),
        ExpectedError("def f(a=1, b): pass", "non-default argument follows default argument", at: 1, 12, "b"),
        ExpectedError("def f(*, **k): pass", "named arguments must follow bare *", at: 1, 7, "*"),
        ExpectedError("def f(a, a): pass", "duplicate argument 'a' in function definition", at: 1, 10, "a"),
        ExpectedError("x = (*a)", "cannot use starred expression here", at: 1, 6, "*a"),
        ExpectedError("try:\n    pass\nx = 1", "expected 'except' or 'finally' block", at: 3, 1, "x"),
        ExpectedError("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass", "default 'except:' must be last", at: 3, 1, "except:\n    pass"),
        ExpectedError("return 1", "'return' outside function", at: 1, 1, "return"),
        ExpectedError("class A:\n    return", "'return' outside function", at: 2, 5, "return"),
        ExpectedError("yield 1", "'yield' outside function", at: 1, 1, "yield"),
        ExpectedError("class A:\n    x = yield", "'yield' outside function", at: 2, 9, "yield"),
        ExpectedError("for x in y:\n    def f():\n        break", "'break' outside loop", at: 3, 9, "break"),
        ExpectedError("continue", "'continue' not properly in loop", at: 1, 1, "continue"),
        ExpectedError("print 'hello'", "Missing parentheses in call to 'print'. Did you mean print(...)?", at: 1, 1, "print"),
        ExpectedError("f'{}'", "f-string: empty expression not allowed", at: 1, 3, "{}"),
        ExpectedError("f'{x!z}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'", at: 1, 5, "!z"),
        ExpectedError("f'}'", "f-string: single '}' is not allowed", at: 1, 3, "}"),
        ExpectedError("f'{x'", "f-string: expecting '}'", at: 1, 3, "{"),
        ExpectedError("f'{a b}'", "f-string: invalid syntax", at: 1, 6, "b"),
        ExpectedError("f'{a\\n}'", "f-string expression part cannot include a backslash", at: 1, 5, "\\"),
        ExpectedError("x = '\\x4'", "(unicode error) truncated \\xXX escape", at: 1, 6, "\\x4"),
        ExpectedError("x = {*y for y in z}", "iterable unpacking cannot be used in comprehension", at: 1, 6, "*y"),
        ExpectedError("x = 2j", "complex (imaginary) literals are not supported", at: 1, 5, "2j"),
        ExpectedError("(1 2)", "invalid syntax", at: 1, 4, "2"),
    ])
    func message(_ expected: ExpectedError) throws {
        try expected.verify()
    }

    @Test func helpLines() {
        #expect(parseError("f() = 1")?.help == "maybe you meant '==' instead of '='?")
        #expect(parseError("a < b = 1")?.help == nil)
        #expect(parseError("[1 2]")?.help == "perhaps you forgot a comma?")
    }

    @Test func expressionEntryPointReportsErrors() {
        #expect(shape("1 +") == "error: invalid syntax")
        #expect(shape("") == "error: invalid syntax")
        #expect(shape("(1,") == "error: '(' was never closed")
    }
}

@Suite struct EndOfInputTests {
    @Test(arguments: [
        "1 +", "1 +\n", "f(", "f(1,\n  2", "if x:", "if x:\n", "x = [1,", "x = '''abc", "x = 1 + \\", "x = 1 \\\n",
        "def f():", "class A:", "for i in range(3):\n", "while True:\n", "with a:", "try:\n    pass\n",
        "if x:\n    pass\nelse:", "@decorator", "@decorator\n", "x = (1 if y else", "lambda x:", "x = {", "s = f'''{x}",
        "y = 'abc\\", "not", "a.",
    ])
    func incomplete(_ text: String) {
        let error = parseError(text)
        #expect(error != nil)
        #expect(error?.isUnexpectedEndOfInput == true, "\(error?.message ?? "no error")")
    }

    @Test(arguments: [
        "1 + )", "x = = 2", "x = 'abc", "if x", "f(1 2", "a b", "1 +\n2", "if x:\ny = 1", "x = = 2 '''", ")",
        "f() = 1", "x = 1\0", "y = 'abc\\\\", "f'{1 +}'", "else:", "if x:\n    pass\n  y = 1", "1 if 2",
    ])
    func complete(_ text: String) {
        let error = parseError(text)
        #expect(error != nil)
        #expect(error?.isUnexpectedEndOfInput == false, "\(error?.message ?? "no error")")
    }

    @Test func expressionEntryPointToo() throws {
        let error = try #require(throws: ParseError.self) { try parseExpr("1 +") }
        #expect(error.isUnexpectedEndOfInput)
    }
}

@Suite struct RobustnessTests {
    func run(_ text: String) -> ParseError? {
        do {
            _ = try PythonParser.parseModule(SourceFile(name: "<test>", text: text))
            return nil
        } catch {
            return error
        }
    }

    @Test func twentyThousandNestedParenthesesGiveAnError() {
        let deep = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        let error = run(deep)
        #expect(error?.message == "too many nested parentheses")
        #expect(error?.span == Span(200, 201))
        #expect(run(String(repeating: "[{(", count: 20_000))?.message == "too many nested parentheses")
    }

    @Test func twoHundredNestedParenthesesStillParse() {
        #expect(run(String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)) == nil)
        #expect(run(String(repeating: "-(", count: 100) + "1" + String(repeating: ")", count: 100)) == nil)
    }

    @Test(arguments: [
        String(repeating: "-", count: 20_000) + "1",
        String(repeating: "not ", count: 20_000) + "x",
        String(repeating: "2**", count: 20_000) + "2",
        String(repeating: "lambda: ", count: 20_000) + "0",
        String(repeating: "a if b else ", count: 20_000) + "c",
        Array(repeating: "1", count: 50_000).joined(separator: " + "),
        Array(repeating: "a", count: 50_000).joined(separator: " and "),
        "a" + String(repeating: ".b", count: 50_000),
        "f" + String(repeating: "(x)", count: 50_000),
        "x" + String(repeating: "[0]", count: 50_000),
        String(repeating: "-(", count: 190) + "1" + String(repeating: ")", count: 190),
    ])
    func deepExpressionsGiveAnError(_ text: String) {
        #expect(run(text)?.message == "expression is too deeply nested")
    }

    @Test func longButShallowInputParses() {
        #expect(run(Array(repeating: "a", count: 50_000).joined(separator: " < ")) == nil)
        #expect(run("[" + String(repeating: "1, ", count: 50_000) + "]") == nil)
        #expect(run(String(repeating: "x = f(a, b)[0].c + 1\n", count: 5_000)) == nil)
        #expect(run(String(repeating: "'abc' f'{x}' ", count: 5_000)) == nil)
    }

    @Test func deepBlocksGiveAnError() {
        let indentation = (0..<150).map { String(repeating: " ", count: $0) + "if x:\n" }.joined() + String(repeating: " ", count: 150) + "pass\n"
        #expect(run(indentation)?.message == "too many levels of indentation")
        let elifs = "if a: pass\n" + String(repeating: "elif a: pass\n", count: 20_000)
        #expect(run(elifs)?.message == "too many statically nested blocks")
        #expect(run("if a: pass\n" + String(repeating: "elif a: pass\n", count: 500)) == nil)
    }

    @Test func nulAndControlCharacters() {
        #expect(run("\0")?.message == "invalid non-printable character U+0000")
        #expect(run("x = 1 # comment \0 is fine\n") == nil)
        #expect(run("x = '\0 in a string is fine'") == nil)
        #expect(run("x = 1\u{7F}")?.message == "invalid non-printable character U+007F")
        #expect(run("x\u{200B} = 1")?.message == "invalid non-printable character U+200B")
    }

    /// Random fragments glued together: whatever comes out, the parser must return.
    @Test func randomFragmentsDoNotCrash() {
        let fragments = [
            "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "...", "=", "==", "+", "-", "*", "**", "/", "//", "@", "|", "&",
            "~", "<", ">=", "!=", "+=", "->", "\\", "\n", "\n    ", "\n\t", " ", "'", "\"", "'''", "f'", "{x}", "'a'", "f'{",
            "if", "else", "elif", "for", "in", "not", "is", "and", "or", "lambda", "def", "class", "return", "with", "as", "try",
            "except", "finally", "import", "from", "del", "yield", "x", "y1", "_", "0", "1.5", "0x1f", "1e", "1_0", "#c", "\0",
            "!r", "=}", ":>3}", "\r\n", "é", "\u{FEFF}",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<3_000 {
            let count = next() % 24 + 1
            let text = (0..<count).map { _ in fragments[next() % fragments.count] }.joined()
            _ = run(text)
            _ = try? PythonParser.parseExpression(SourceFile(name: "<fuzz>", text: text))
        }
    }

    @Test func oddInputsDoNotCrash() {
        let inputs = [
            "", "\n", "\\", "\\\n", "'", "\"\"\"", "f'", "f'{", "f'{'", "f'{x!", "f'{x:", "f'{x:{", "f'{x:{y", "0x_", "0b", "1e+",
            ".", "...", "..", "@", "*", "**", "lambda", "lambda *", "def", "def f", "def f(", "class", "from", "from .", "import",
            "x[", "x[:", "x[::", "x[1:2:3:4]", "{**", "{1:", "{1:2,", "(*", "[*", "f(*", "f(**", "if", "elif", "else", "try",
            "except", "finally", "with", "with (", "with (a as", "for", "for x", "for x in", "while", "del", "assert", "raise from",
            "global", "\t\t", " \n \n", "#", "# only a comment", "x = 1 # c", "\r", "\r\n\r\n", "\u{FEFF}x = 1", "\u{FFFD}",
            "a\u{301} = 1", "f'{f\"{f'''{1}'''}\"}'", "f'{x!r:{y:{z}}}'", "x = f'{'", "'\\", "'\\u12'", "'\\U0011FFFF'",
        ]
        for input in inputs {
            _ = run(input)
        }
    }
}
