# Generator functions: a body with `yield` runs lazily, one item per next(), so endless
# generators drive loops that break; yield from, return, finally on close, errors raised
# inside the body, and grad mode seen from the body.
CASES = [("python", source) for source in [
    "def count(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\n(list(count(4)), sum(count(5)), type(count(1)).__name__)",
    "def g():\n    yield 1, 2\n    yield\n    yield from [7, 8]\n    yield from range(2)\n    return 5\nlist(g())",
    "def naturals():\n    k = 0\n    while True:\n        yield k\n        k += 1\nfor v in naturals():\n    if v * v > 10:\n        break\nit = naturals()\n(v, next(it), next(it), list(zip(naturals(), 'ab')))",
    "def fin():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print('cleanup')\nh = fin()\nprint(next(h))\nh = None\nprint('after drop')\nlist(fin())",
    "def bad():\n    yield 1\n    raise ValueError('boom')\nout = []\ntry:\n    for v in bad():\n        out.append(v)\nexcept ValueError as e:\n    out.append(str(e))\nout",
    "def stop():\n    yield 1\n    raise StopIteration\nlist(stop())",
    "def batches(x, size):\n    for i in range(0, len(x), size):\n        yield x[i:i + size]\n[b.sum() for b in batches(torch.arange(10.), 4)]",
    "def mode():\n    yield torch.is_grad_enabled()\n    with torch.no_grad():\n        yield torch.is_grad_enabled()\n    yield torch.is_grad_enabled()\nwith torch.no_grad():\n    first = next(mode())\n(first, list(mode()), torch.is_grad_enabled())",
    "class Tree:\n    def __init__(self, v, kids=()):\n        self.v, self.kids = v, kids\n    def walk(self):\n        yield self.v\n        for k in self.kids:\n            yield from k.walk()\nt = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])\n(list(t.walk()), max(t.walk()), dict(enumerate(t.walk())))",
    "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))\ndef weights(module):\n    for name, p in module.named_parameters():\n        if p.dim() > 1:\n            yield name, p.shape\nlist(weights(m))",
    "def g():\n    yield 1\n    undefined_name\nlist(g())",
    "import itertools\ndef squares():\n    n = 0\n    while True:\n        yield n * n\n        n += 1\nlist(itertools.islice(squares(), 2, 5))",
    "def echo():\n    received = yield 1\n    yield received\ng = echo()\n(next(g), next(g))",
    "def g():\n    yield 1\nit = g()\n(next(it), next(it, 'done'))",
]]
