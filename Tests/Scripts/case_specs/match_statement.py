# Structural pattern matching (`match`/`case`, Python 3.10): literal, capture, wildcard,
# value, or, as, sequence, mapping and class patterns, guards, and the errors CPython
# raises at run time; `match` and `case` stay ordinary names elsewhere.
SHAPES = """from dataclasses import dataclass
@dataclass
class Point:
    x: int
    y: int
class Vec:
    __match_args__ = ('a', 'b')
    def __init__(self, a, b):
        self.a, self.b = a, b
def describe(value):
    match value:
        case None:
            return 'none'
        case True:
            return 'true'
        case 0 | 1:
            return f'small {value}'
        case -5:
            return 'minus five'
        case 2.5:
            return 'two and a half'
        case 'hello' | 'hi':
            return 'greeting'
        case Point(x=0, y=py):
            return f'on y axis at {py}'
        case Point(px, py) if px == py:
            return f'diagonal {px}'
        case Vec(a, b=bb):
            return f'vec {a} {bb}'
        case int(n) if n > 100:
            return f'big int {n}'
        case str(s):
            return f'string {s!r}'
        case float(f) | int(f):
            return f'number {f}'
        case _:
            return 'other'
"""
SEQUENCES = """def describe(value):
    match value:
        case []:
            return 'empty'
        case [x]:
            return f'one {x}'
        case [first, *rest] if len(rest) > 3:
            return f'long {first} {rest}'
        case (a, b, *mid, z):
            return f'seq {a} {b} {mid} {z}'
        case (a, b):
            return f'two {a} {b}'
        case _:
            return 'other'
"""
CASES = [("python", source) for source in [
    SHAPES + "[describe(v) for v in [None, True, False, 0, 1, -5, 2.5, 'hi', 'x', Point(0, 3), Point(2, 2), Point(1, 2), Vec(1, 2), 500, 7, 3.0, [1]]]",
    SEQUENCES + "[describe(v) for v in [[], [9], [1, 2, 3, 4, 5], (1, 2, 3), [1, 2], range(2), (1, 2, 3, 4), 'ab', {1: 2}, {3}, torch.Size([2, 3])]]",
    "from collections import OrderedDict, defaultdict\ndef describe(value):\n    match value:\n        case {'type': 'add', 'args': [l, r], **others}:\n            return f'add {l} {r} {others}'\n        case {'k': int() as k}:\n            return f'k int {k}'\n        case {}:\n            return 'some mapping'\n        case _:\n            return 'other'\nd = defaultdict(list)\n([describe(v) for v in [{'type': 'add', 'args': [1, 2], 'z': 0}, {'k': 3}, {'k': 's'}, OrderedDict(a=1), d, [('k', 1)]]], dict(d))",
    "from enum import Enum\nclass Color(Enum):\n    RED = 1\n    GREEN = 2\nclass K:\n    LIMIT = 10\ndef name(c):\n    match c:\n        case Color.RED:\n            return 'red'\n        case K.LIMIT:\n            return 'limit'\n        case Color():\n            return 'another color'\n    return 'no match'\n[name(c) for c in [Color.RED, Color.GREEN, 10, 11]]",
    "import re\nmatch = re.match(r'(\\d+)', '42abc')\ncase = 1\ncase += match.end()\n(match.group(1), case)",
    "out = []\nfor cmd in ['go north', 'quit', 'look', 'drop a b']:\n    match cmd.split():\n        case ['go', direction]:\n            out.append(('going', direction))\n        case ['quit']:\n            out.append('bye')\n        case ['drop', *objects]:\n            out.append(('dropping', objects))\n        case [other]:\n            out.append(('unknown', other))\nout",
    "match [1, 2]:\n    case [a, b] if a > b:\n        r = 'desc'\n    case _:\n        r = 'guard failed'\nmatch 5:\n    case 1:\n        r2 = 'no'\n(r, a, b, 'r2' in dir())",
    "class Node:\n    __match_args__ = ('value', 'children')\n    def __init__(self, value, children=()):\n        self.value = value\n        self.children = children\ndef total(n):\n    match n:\n        case Node(v, []):\n            return v\n        case Node(v, [*kids]):\n            return v + sum(total(k) for k in kids)\ntotal(Node(1, [Node(2), Node(3, [Node(4)])]))",
    "match (1, [2, {'a': (3, 4)}]):\n    case (1, [2, {'a': (p, q) as pq}]) as whole:\n        pass\nmatch 3:\n    case (1 | 2 | 3) as n:\n        pass\n(p, q, pq, whole, n)",
    "from collections import namedtuple\nPair = namedtuple('Pair', 'left right')\nmatch Pair(3, 4):\n    case Pair(l, right=r):\n        pass\nmatch 1, 2:\n    case x, y:\n        pass\n(l, r, x, y)",
    "x = torch.ones(2, 3)\nmatch x.shape:\n    case (rows, cols) if rows < cols:\n        y = x.sum(dim=0)\n    case _:\n        y = x\nmatch x:\n    case torch.Tensor(shape=(2, 3), dtype=dt):\n        kind = 'matrix'\n(y, kind, dt)",
    "class Obj:\n    pass\nmatch Obj():\n    case Obj(missing=1):\n        r = 'had it'\n    case Obj():\n        r = 'plain'\nr",
    "match 1:\n    case len():\n        pass",
    "class P:\n    pass\nmatch P():\n    case P(1):\n        pass",
    "class P:\n    __match_args__ = ['a']\nmatch P():\n    case P(1):\n        pass",
    "class P:\n    __match_args__ = (1,)\nmatch P():\n    case P(1):\n        pass",
    "class P:\n    __match_args__ = ('a',)\n    a = 1\nmatch P():\n    case P(1, a=1):\n        pass",
    "match 5:\n    case int(1, 2):\n        pass",
    "match torch.ones(3):\n    case 1:\n        pass",
]]
