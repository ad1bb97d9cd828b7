import Diagnostics
import Testing
import PySyntax

@Suite struct SimpleStatementTests {
    @Test(arguments: [
        ("x = 1", "(= x 1)"),
        ("a = b = c", "(= a b c)"),
        ("a, b = b, a", "(= (tuple a b) (tuple b a))"),
        ("a, = x", "(= (tuple a) x)"),
        ("*a, b = c", "(= (tuple (* a) b) c)"),
        ("[a, (b, c)] = d", "(= (list a (tuple b c)) d)"),
        ("x.y[0] = 1", "(= ([] (. x y) 0) 1)"),
        ("x = 1,", "(= x (tuple 1))"),
        ("x += 1", "(+= x 1)"),
        ("x //= 2; y **= 3; z @= w", "(//= x 2); (**= y 3); (@= z w)"),
        ("a <<= 1; a >>= 1; a &= 1; a |= 1; a ^= 1; a %= 1; a -= 1; a *= 1; a /= 1",
         "(<<= a 1); (>>= a 1); (&= a 1); (|= a 1); (^= a 1); (%= a 1); (-= a 1); (*= a 1); (/= a 1)"),
        ("x: int", "(: x int)"),
        ("self.w: Tensor = torch.zeros(3)", "(: (. self w) Tensor (call (. torch zeros) 3))"),
        ("pass", "pass"),
        ("x = 1; y = 2;", "(= x 1); (= y 2)"),
        ("import torch", "(import torch)"),
        ("import torch.nn as nn, numpy", "(import torch.nn as nn numpy)"),
        ("from torch.nn import functional as F, Linear", "(from torch.nn functional as F Linear)"),
        ("from . import (a, b,)", "(from . a b)"),
        ("from ..pkg import *", "(from ..pkg *)"),
        ("from .... import x", "(from .... x)"),
        ("assert x, 'message'", "(assert x \"message\")"),
        ("assert x", "(assert x)"),
        ("raise", "(raise)"),
        ("raise ValueError('bad') from e", "(raise (call ValueError \"bad\") from e)"),
        ("del x, y[0], z.w", "(del x ([] y 0) (. z w))"),
        ("global a, b", "(global a b)"),
        ("print(*a, sep='')", "(call print *a sep=\"\")"),
        ("*a, b", "(tuple (* a) b)"),
    ] as [(String, String)])
    func statements(source: String, expected: String) {
        #expect(program(source) == expected)
    }
}

@Suite struct CompoundStatementTests {
    @Test func ifElifElseNests() {
        let text = """
        if a:
            x = 1
        elif b:
            x = 2
        elif c:
            pass
        else:
            x = 3
        """
        #expect(program(text) == "(if a {(= x 1)} {(if b {(= x 2)} {(if c {pass} {(= x 3)})})})")
    }

    @Test func bodiesOnTheSameLine() {
        #expect(program("if x: y = 1; z = 2\nw = 3") == "(if x {(= y 1); (= z 2)}); (= w 3)")
        #expect(program("while x: x -= 1\nelse: done()") == "(while x {(-= x 1)} {(call done)})")
        #expect(program("class A: pass") == "(class A (bases) {pass})")
    }

    @Test func classKeywordArgumentsKeptExceptMetaclass() {
        #expect(program("class B(A, flag=True, **opts): pass") == "(class B (bases A flag=True **opts) {pass})")
        #expect(program("class M(metaclass=ABCMeta): pass") == "(class M (bases) {pass})")
    }

    @Test func loops() {
        let text = """
        for i, (x, y) in enumerate(z):
            if i: continue
            break
        else:
            pass
        while True:
            break
        """
        #expect(program(text) == "(for (tuple i (tuple x y)) (call enumerate z) {(if i {continue}); break} {pass}); (while True {break})")
        #expect(program("for x in 1, 2: pass") == "(for x (tuple 1 2) {pass})")
        #expect(program("for *a, b in c: pass") == "(for (tuple (* a) b) c {pass})")
    }

    @Test func functionDefinitions() {
        let text = """
        @torch.no_grad()
        @staticmethod
        def f(a, b: int = 1, *args, c, d=2, **kwargs) -> Tensor:
            return a + b
        def g(*, k): return
        def h(a, /, b): pass
        """
        #expect(program(text) == "(def @(call (. torch no_grad)) @staticmethod f (params a b=1 *args kw:c kw:d=2 **kwargs) {(return (+ a b))}); "
            + "(def g (params kw:k) {(return)}); (def h (params a b) {pass})")
    }

    /// A `yield` makes its own function a generator, not the function around it.
    @Test func generatorFunctions() {
        let text = """
        def outer(x):
            def inner():
                yield
            yield x, 1
            y = yield from inner()
            return y
        def plain(): return (lambda: 1)
        """
        #expect(program(text) == "(def-generator outer (params x) {(def-generator inner (params) {(yield)}); (yield (tuple x 1)); "
            + "(= y (yield-from (call inner))); (return y)}); (def plain (params) {(return (lambda (params) 1))})")
    }

    @Test func classDefinitions() {
        let text = """
        class Net(nn.Module, metaclass=Meta):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(2, 3)

            def forward(self, x):
                return self.fc(x)
        """
        #expect(program(text) == "(class Net (bases (. nn Module)) {(def __init__ (params self) {(call (. (call super) __init__)); (= (. self fc) (call (. nn Linear) 2 3))}); (def forward (params self x) {(return (call (. self fc) x))})})")
    }

    @Test func withStatements() {
        #expect(program("with torch.no_grad():\n    y = f(x)") == "(with (call (. torch no_grad)) {(= y (call f x))})")
        #expect(program("with open(a) as f, lock, open(b) as (g, h): pass") == "(with (as (call open a) f) lock (as (call open b) (tuple g h)) {pass})")
        #expect(program("with (open(a) as f, open(b) as g,): pass") == "(with (as (call open a) f) (as (call open b) g) {pass})")
        #expect(program("with (a, b): pass") == "(with a b {pass})")
        #expect(program("with (a) as f: pass") == "(with (as a f) {pass})")
    }

    @Test func tryStatements() {
        let text = """
        try:
            x = 1
        except (ValueError, TypeError) as e:
            pass
        except KeyError:
            pass
        except:
            raise
        else:
            y = 2
        finally:
            z = 3
        try:
            pass
        finally:
            pass
        """
        #expect(program(text) == "(try {(= x 1)} (except (tuple ValueError TypeError) as e {pass}) (except KeyError {pass}) (except {(raise)}) (else {(= y 2)}) (finally {(= z 3)})); (try {pass} (finally {pass}))")
    }

    @Test func blankLinesCommentsContinuationsAndTabs() {
        let text = "\n# comment\nx = (1 +\n     2)  # trailing\n\n   \n\\\ny = [1,\n\n 2]\nif x:\n\t# tab-indented\n\tz = 1 \\\n\t    + 2\n\n\tw = {\n}\n"
        #expect(program(text) == "(= x (+ 1 2)); (= y (list 1 2)); (if x {(= z (+ 1 2)); (= w (dict))})")
    }

    @Test func nestedBlocksDedentTogether() {
        let text = "if a:\n    if b:\n        if c:\n            x = 1\ny = 2"
        #expect(program(text) == "(if a {(if b {(if c {(= x 1)})})}); (= y 2)")
    }

    @Test func windowsLineEndings() {
        #expect(program("if a:\r\n    x = 1\r\ny = 'a\\\r\nb'\r\n") == "(if a {(= x 1)}); (= y \"ab\")")
    }

    @Test func statementSpansCoverTheWholeStatement() throws {
        let text = "x = 1  # c\nif a:\n    y = 2\n\nz = f(\n  3)\n"
        let source = SourceFile(name: "<test>", text: text)
        let module = try PythonParser.parseModule(source)
        #expect(module.body.map { source.text(of: $0.span) } == ["x = 1", "if a:\n    y = 2", "z = f(\n  3)"])
    }

    @Test func decoratedDefinitionSpansStartAtTheFirstDecorator() throws {
        let source = SourceFile(name: "<test>", text: "x = 1\n@a.b\n@c\ndef f(): pass\n")
        let module = try PythonParser.parseModule(source)
        #expect(module.body.map { source.text(of: $0.span) } == ["x = 1", "@a.b\n@c\ndef f(): pass"])
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(program("\u{FEFF}x = 1") == "(= x 1)")
    }

    @Test func elifSpanStartsAtElif() throws {
        let source = SourceFile(name: "<test>", text: "if a:\n    pass\nelif b:\n    pass\n")
        let module = try PythonParser.parseModule(source)
        guard case .if(_, _, let orElse) = module.body.first?.kind, let elif = orElse.first else {
            Issue.record("no elif")
            return
        }
        #expect(source.text(of: elif.span) == "elif b:\n    pass")
    }

    @Test func expressionEntryPointAllowsTrailingNewline() {
        #expect(shape("x + 1\n") == "(+ x 1)")
        #expect(shape("  x\n\n") == "x")
        #expect(shape("x = 1") == "error: invalid syntax")
    }
}
