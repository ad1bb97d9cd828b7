import Diagnostics
import Testing
import PySyntax

@Suite struct PrecedenceTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("-2**2", "(- (** 2 2))"),
        ("2**-1", "(** 2 (- 1))"),
        ("2**3**2", "(** 2 (** 3 2))"),
        ("-x.y", "(- (. x y))"),
        ("a @ b + c", "(+ (@ a b) c)"),
        ("a // b % c", "(% (// a b) c)"),
        ("a | b ^ c & d", "(| a (^ b (& c d)))"),
        ("a << 1 + 2", "(<< a (+ 1 2))"),
        ("a & b << c", "(& a (<< b c))"),
        ("~a + b", "(+ (~ a) b)"),
        ("+a", "(+ a)"),
        ("not a == b", "(not (cmp a == b))"),
        ("not not a", "(not (not a))"),
        ("a and b or c and d", "(or (and a b) (and c d))"),
        ("a or b or c", "(or (or a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("a < b <= c", "(cmp a < b <= c)"),
        ("a is not b", "(cmp a is not b)"),
        ("a not in b", "(cmp a not in b)"),
        ("a in b == c", "(cmp a in b == c)"),
        ("a | b < c", "(cmp (| a b) < c)"),
        ("x if c else y", "(if c x y)"),
        ("a if b else c if d else e", "(if b a (if d c e))"),
        ("a or b if c else d", "(if c (or a b) d)"),
        ("lambda: 0", "(lambda (params) 0)"),
        ("lambda x, y=1, *a, k, **kw: x + y", "(lambda (params x y=1 *a kw:k **kw) (+ x y))"),
        ("lambda x: x if x else -x", "(lambda (params x) (if x x (- x)))"),
        ("f(x)(y)[0].z", "(. ([] (call (call f x) y) 0) z)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("(x)", "x"),
    ] as [(String, String)])
    func shapes(source: String, expected: String) {
        #expect(shape(source) == expected)
    }
}

@Suite struct AtomTests {
    @Test(arguments: [
        ("()", "(tuple)"),
        ("(1,)", "(tuple 1)"),
        ("(1, 2,)", "(tuple 1 2)"),
        ("1, 2", "(tuple 1 2)"),
        ("(*a, b)", "(tuple (* a) b)"),
        ("[]", "(list)"),
        ("[1, *xs, 3,]", "(list 1 (* xs) 3)"),
        ("{}", "(dict)"),
        ("{'a': 1, **m}", "(dict (\"a\" 1) (** m))"),
        ("{1, 2}", "(set 1 2)"),
        ("[x * y for x in a for y in b if x if y]", "(listcomp (* x y) (for x a) (for y b (if x) (if y)))"),
        ("(x for x in y)", "(genexp x (for x y))"),
        ("{k: v for k, v in d.items()}", "(dictcomp k v (for (tuple k v) (call (. d items))))"),
        ("{x % 3 for x in r if x}", "(setcomp (% x 3) (for x r (if x)))"),
        ("[a if b else c for i, (x, y) in z]", "(listcomp (if b a c) (for (tuple i (tuple x y)) z))"),
        ("True, False, None, ...", "(tuple True False None ...)"),
        ("x[1]", "([] x 1)"),
        ("x[a, b]", "([] x (tuple a b))"),
        ("x[a,]", "([] x (tuple a))"),
        ("x[1:2]", "([] x (slice 1 2 _))"),
        ("x[:]", "([] x (slice _ _ _))"),
        ("x[::2]", "([] x (slice _ _ 2))"),
        ("x[:, None, ...]", "([] x (tuple (slice _ _ _) None ...))"),
        ("x[a:b:c, ::-1]", "([] x (tuple (slice a b c) (slice _ _ (- 1))))"),
        ("x[:0:n]", "([] x (slice _ 0 n))"),
        ("x[*idx]", "([] x (* idx))"),
        ("f()", "(call f)"),
        ("f(a, b=1, *args, **kw)", "(call f a b=1 *args **kw)"),
        ("f(a,)", "(call f a)"),
        ("sum(x for x in y)", "(call sum (genexp x (for x y)))"),
        ("sum((x for x in y), 0)", "(call sum (genexp x (for x y)) 0)"),
        ("f(*a, *b, c=1, **d)", "(call f *a *b c=1 **d)"),
    ] as [(String, String)])
    func shapes(source: String, expected: String) {
        #expect(shape(source) == expected)
    }
}

@Suite struct LiteralTests {
    @Test(arguments: [
        ("42", "42"),
        ("1_000_000", "1000000"),
        ("0x_ff", "255"),
        ("0o17", "15"),
        ("0b1010", "10"),
        ("0", "0"),
        ("00", "0"),
        ("9223372036854775807", "9223372036854775807"),
        ("9223372036854775808", "big:9223372036854775808"),
        ("0xFFFFFFFFFFFFFFFFF", "big:0xFFFFFFFFFFFFFFFFF"),
        ("1.", "1.0"),
        (".5", "0.5"),
        ("1e-3", "0.001"),
        ("2.0E+5", "200000.0"),
        ("1_0.2_5", "10.25"),
        ("1e999", "inf"),
        ("'a' \"b\" '''c'''", "\"abc\""),
        ("'it\\'s'", "\"it's\""),
        ("'\\n\\t\\\\\\x41\\u00e9\\101'", "\"\\n\t\\\\AéA\""),
        ("r'\\n\\d'", "\"\\\\n\\\\d\""),
        ("b'bytes'", "\"bytes\""),
        ("'\\d'", "\"\\\\d\""),
        ("'''a\nb'''", "\"a\\nb\""),
        ("'a\\\nb'", "\"ab\""),
        ("'é' 'ü'", "\"éü\""),
    ] as [(String, String)])
    func literals(source: String, expected: String) {
        #expect(shape(source) == expected)
    }

    @Test(arguments: [
        ("f'x={x}'", "(f \"x=\" (field x))"),
        ("f'{x!r:>{width}}'", "(f (field x !r (spec \">\" (field width))))"),
        ("f'{{literal}} {a + b}'", "(f \"{literal} \" (field (+ a b)))"),
        ("f'{x:.2f}' 'tail'", "(f (field x (spec \".2f\")) \"tail\")"),
        ("'head' f'{x}'", "(f \"head\" (field x))"),
        ("f'{d[\"k\"]}'", "(f (field ([] d \"k\")))"),
        ("f'{x=}'", "(f \"x=\" (field x !r))"),
        ("f'{a, b}'", "(f (field (tuple a b)))"),
        ("f'{a != b}'", "(f (field (cmp a != b)))"),
        ("f'{f(x)[1:2]}'", "(f (field ([] (call f x) (slice 1 2 _))))"),
        ("rf'\\d{x}'", "(f \"\\\\d\" (field x))"),
        ("f'\\n{x}'", "(f \"\\n\" (field x))"),
        ("f''", "(f)"),
    ] as [(String, String)])
    func formattedStrings(source: String, expected: String) {
        #expect(shape(source) == expected)
    }
}

@Suite struct SpanTests {
    /// Every sub-expression's span, in tree order, as source text.
    func spanTexts(_ text: String) throws -> [String] {
        let source = SourceFile(name: "<test>", text: text)
        let expression = try PythonParser.parseExpression(source)
        var texts: [String] = []
        func visit(_ expression: Expr) {
            texts.append(source.text(of: expression.span))
            switch expression.kind {
            case .binary(_, let left, let right), .boolean(_, let left, let right):
                visit(left)
                visit(right)
            case .unary(_, let operand), .starred(let operand):
                visit(operand)
            case .call(let callee, let arguments):
                visit(callee)
                arguments.forEach { visit($0.value) }
            case .attribute(let value, _, _):
                visit(value)
            case .subscript(let value, let index):
                visit(value)
                visit(index)
            case .slice(let lower, let upper, let step):
                [lower, upper, step].compactMap { $0 }.forEach(visit)
            case .tuple(let elements), .list(let elements):
                elements.forEach(visit)
            case .compare(let first, let rest):
                visit(first)
                rest.forEach { visit($0.1) }
            case .formattedString(let parts):
                for case .field(let field, _, _) in parts { visit(field) }
            default:
                break
            }
        }
        visit(expression)
        return texts
    }

    @Test func binaryCoversBothOperands() throws {
        #expect(try spanTexts("a + b * c") == ["a + b * c", "a", "b * c", "b", "c"])
        #expect(try spanTexts("(a + b) * c") == ["(a + b) * c", "a + b", "a", "b", "c"])
        #expect(try spanTexts("-x ** 2") == ["-x ** 2", "x ** 2", "x", "2"])
    }

    @Test func callAttributeAndSubscript() throws {
        #expect(try spanTexts("torch.randn(2, 3)") == ["torch.randn(2, 3)", "torch.randn", "torch", "2", "3"])
        #expect(try spanTexts("x[1:, ::2]") == ["x[1:, ::2]", "x", "1:, ::2", "1:", "1", "::2", "2"])
        #expect(try spanTexts("a.b[c](d)") == ["a.b[c](d)", "a.b[c]", "a.b", "a", "c", "d"])
    }

    @Test func attributeNameSpan() throws {
        let source = SourceFile(name: "<test>", text: "model.weight")
        let expression = try PythonParser.parseExpression(source)
        guard case .attribute(_, let name, let nameSpan) = expression.kind else {
            Issue.record("not an attribute")
            return
        }
        #expect(name == "weight")
        #expect(source.text(of: nameSpan) == "weight")
    }

    @Test func tuplesAndComparisons() throws {
        #expect(try spanTexts("(1, 2)") == ["(1, 2)", "1", "2"])
        #expect(try spanTexts("1, *a") == ["1, *a", "1", "*a", "a"])
        #expect(try spanTexts("a < b < c") == ["a < b < c", "a", "b", "c"])
    }

    @Test func formattedStringFieldsPointIntoTheSource() throws {
        #expect(try spanTexts("f'loss={loss.item():.3f}'") == ["f'loss={loss.item():.3f}'", "loss.item()", "loss.item", "loss"])
        #expect(try spanTexts("'ä' f'{ x + 1 }'") == ["'ä' f'{ x + 1 }'", "x + 1", "x", "1"])
    }

    @Test func multibyteTextKeepsByteOffsets() throws {
        let source = SourceFile(name: "<test>", text: "'αβγ' + naïve")
        let expression = try PythonParser.parseExpression(source)
        guard case .binary(_, let left, let right) = expression.kind else {
            Issue.record("not binary")
            return
        }
        #expect(source.text(of: left.span) == "'αβγ'")
        #expect(source.text(of: right.span) == "naïve")
    }
}
