import Diagnostics
import Testing
import PySyntax

/// `match` statements parse into cases and patterns; `match` and `case` stay names elsewhere.
@Suite struct MatchStatementTests {
    @Test(arguments: [
        ("match x:\n    case 1 | -2 | 2.5 | 'a' 'b':\n        pass", "(match x (case (| 1 (- 2) 2.5 \"ab\") {pass}))"),
        ("match x:\n    case None:\n        pass\n    case True:\n        pass", "(match x (case None {pass}) (case True {pass}))"),
        ("match x:\n    case Color.RED:\n        pass\n    case _:\n        pass", "(match x (case (. Color RED) {pass}) (case _ {pass}))"),
        ("match x:\n    case [a, *rest] if a > 0:\n        pass", "(match x (case (seq a *rest) if (cmp a > 0) {pass}))"),
        ("match x:\n    case a, *_:\n        pass", "(match x (case (seq a *_) {pass}))"),
        ("match x:\n    case (a):\n        pass", "(match x (case a {pass}))"),
        ("match x:\n    case (a,) | [a]:\n        pass", "(match x (case (| (seq a) (seq a)) {pass}))"),
        ("match x:\n    case {'k': v, 1: _, **rest}:\n        pass", "(match x (case (map \"k\":v 1:_ **rest) {pass}))"),
        ("match x:\n    case Point(0, y=py) as p:\n        pass", "(match x (case (as (cls Point 0 y=py) p) {pass}))"),
        ("match x:\n    case int(n) | str(n):\n        pass", "(match x (case (| (cls int n) (cls str n)) {pass}))"),
        ("match a, b:\n    case _:\n        pass", "(match (tuple a b) (case _ {pass}))"),
    ] as [(String, String)])
    func shapes(source: String, expected: String) {
        #expect(program(source) == expected)
    }

    @Test(arguments: [
        ("match = re.match(p, s)", "(= match (call (. re match) p s))"),
        ("match(x)", "(call match x)"),
        ("match[0] = 1", "(= ([] match 0) 1)"),
        ("match: int = 3", "(: match int 3)"),
        ("case = 1; match.group(1)", "(= case 1); (call (. match group) 1)"),
        ("match.x", "(. match x)"),
    ] as [(String, String)])
    func softKeywordsStayNames(source: String, expected: String) {
        #expect(program(source) == expected)
    }

    // Messages and positions are CPython 3.11's.
    @Test(arguments: [
        ExpectedError("match x:\n    case a:\n        pass\n    case 1:\n        pass", "name capture 'a' makes remaining patterns unreachable", at: 2, 10, "a"),
        ExpectedError("match x:\n    case _:\n        pass\n    case 1:\n        pass", "wildcard makes remaining patterns unreachable", at: 2, 10, "_"),
        ExpectedError("match x:\n    case a | 1:\n        pass", "name capture 'a' makes remaining patterns unreachable", at: 2, 10, "a"),
        ExpectedError("match x:\n    case [a, a]:\n        pass", "multiple assignments to name 'a' in pattern", at: 2, 14, "a"),
        ExpectedError("match x:\n    case [*a, *b]:\n        pass", "multiple starred names in sequence pattern", at: 2, 10, "[*a, *b]"),
        ExpectedError("match x:\n    case P(x=1, 2):\n        pass", "positional patterns follow keyword patterns", at: 2, 17, "2"),
        ExpectedError("match x:\n    case P(x=1, x=2):\n        pass", "attribute name repeated in class pattern: x", at: 2, 17, "x"),
        ExpectedError("match x:\n    case {'a': 1, 'a': 2}:\n        pass", "mapping pattern checks duplicate key ('a')", at: 2, 10, "{'a': 1, 'a': 2}"),
        ExpectedError("match x:\n    case 1 | a:\n        pass", "alternative patterns bind different names", at: 2, 14, "a"),
        ExpectedError("match x:\n    case a as _:\n        pass", "cannot use '_' as a target", at: 2, 15, "_"),
        ExpectedError("match x:\n    case f'a':\n        pass", "patterns may only match literals and attribute lookups", at: 2, 10, "f'a'"),
        ExpectedError("match x:\n    case {a: 1}:\n        pass", "invalid syntax", at: 2, 12, ":"),
        ExpectedError("match x:\n    pass", "invalid syntax", at: 2, 5, "pass"),
        ExpectedError("match x:\n    case 1:\n    pass", "expected an indented block after 'case' statement on line 2", at: 3, 5, "pass"),
        ExpectedError("match x:\n    case a if a:\n        pass\n    case b:\n        pass\n    case c:\n        pass",
                      "name capture 'b' makes remaining patterns unreachable", at: 4, 10, "b"),
    ])
    func errors(_ expected: ExpectedError) throws {
        try expected.verify()
    }

    @Test(arguments: ["match x:", "match x:\n", "match x:\n    case 1:", "match x:\n    case [1,"])
    func incompleteInputAsksForMore(_ text: String) {
        #expect(parseError(text)?.isUnexpectedEndOfInput == true)
    }
}
