# Generator expressions are lazy iterators: next() pulls one item, any()/all()/`in` stop
# at the first match and leave the rest, and torch functions refuse a generator as PyTorch does.
CASES = [("python", source) for source in [
    "g = (i * i for i in range(3))\nprint(next(g))\n(list(g), list(g))",
    "import torch.nn as nn\nm = nn.Linear(2, 2)\nnext(p for p in m.parameters() if p.dim() == 1).shape",
    "calls = []\ndef check(x):\n    calls.append(x)\n    return x > 1\n(any(check(x) for x in [0, 1, 2, 3, 4]), calls, all(check(x) for x in [5, 0, 7]), calls)",
    "(sum(x * y for x in range(3) for y in range(x)), max(len(s) for s in ['a', 'abc']), ', '.join(str(i) for i in range(4)))",
    "import itertools\n(dict((k, v) for k, v in zip('ab', (1, 2))), list(zip(itertools.count(), (c for c in 'xy'))))",
    "torch.stack(tuple(torch.ones(2) * i for i in range(2)))",
    "gen = (x for x in [1, 2, 3])\n(type(gen).__name__, 2 in gen, list(gen))",
    "torch.tensor(x for x in range(3))",
    "nested = [[1, 2], [3]]\nx = 10\n(list(v for row in nested for v in row if v != 2), list(x + i for i in range(2)), x)",
    "g = (1 / x for x in [1, 0])\nprint(next(g))\nnext(g)",
    "g = (x for x in [])\nnext(g)",
    "g = (x for x in [])\nnext(g, 'done')",
]]
