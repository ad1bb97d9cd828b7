#!/usr/bin/env python3
"""Run hostile programs through `tensortutor run` and report any that crash or hang.

Usage: hostile.py [--binary PATH] [--limit SECONDS] [--jobs N] [--mutations N] [--seed S]
                  [--only SUBSTRING] [--timeout SECONDS] [--verbose]

Each program runs as its own process, from a file and (for a sample) from stdin. A
program passes when it ends with status 0, 1 or 2 within the time limit: a signal
(a Swift trap is SIGILL or SIGTRAP, a stack overflow SIGSEGV), any other status, or a
timeout is a failure. Besides the fixed battery below, `--mutations N` adds N seeded
mutations of the conformance programs (the same mutations every run for one seed).
"""
import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEEP = 20000


def battery():
    """(name, program bytes) pairs: each should fail cleanly, not crash or hang."""
    cases = {}

    def add(name, text):
        cases[name] = text.encode() if isinstance(text, str) else text

    # Deep nesting, in the parser and (for values built at run time) the evaluator.
    add("nested-parens", "(" * DEEP + "1" + ")" * DEEP)
    add("nested-brackets", "[" * DEEP + "]" * DEEP)
    add("nested-braces", "{" * DEEP + "}" * DEEP)
    add("nested-unary-minus", "-" * DEEP + "1")
    add("nested-unary-not", "not " * DEEP + "1")
    add("nested-unary-invert", "~" * DEEP + "1")
    add("nested-unary-plus-spaced", "+ " * DEEP + "1")
    add("nested-calls", "f" + "(" * DEEP + ")" * DEEP)
    add("chained-calls", "def f(): return f\nf" + "()" * DEEP)
    add("chained-attributes", "x = 1\nx" + ".real" * DEEP)
    add("chained-subscripts", "x = [[0]]\nx" + "[0]" * DEEP)
    add("long-sum", "x = " + "+".join(["1"] * DEEP))
    add("long-power", "x = " + "**".join(["1"] * DEEP))
    add("long-compare", "x = " + "<".join(["1"] * DEEP))
    add("long-and", "x = " + " and ".join(["1"] * DEEP))
    add("nested-lambda", "f = " + "lambda: " * DEEP + "1")
    add("nested-conditional", "x = " + "1 if 1 else " * DEEP + "1")
    add("nested-blocks", "".join(" " * i + "if True:\n" for i in range(DEEP)) + " " * DEEP + "pass\n")
    add("nested-blocks-tabs", "".join("\t" * i + "if 1:\n" for i in range(300)) + "\t" * 300 + "pass\n")
    add("nested-defs", "".join(" " * i + "def f():\n" for i in range(2000)) + " " * 2000 + "pass\n")
    add("nested-list-literal-tensor", "torch.tensor(" + "[" * DEEP + "1" + "]" * DEEP + ")")
    add("nested-dict-literal", "x = " + "{1: " * DEEP + "1" + "}" * DEEP)
    add("nested-fstring", "x = 1\n" + "f'{" * 50 + "x" + "}'" * 50)
    add("runtime-nested-list-repr", "x = []\nfor i in range(100000):\n    x = [x]\nprint(x)")
    add("runtime-nested-list-tensor", "x = [1.0]\nfor i in range(100000):\n    x = [x]\ntorch.tensor(x)")
    add("runtime-nested-list-equal", "x = []\ny = []\nfor i in range(100000):\n    x = [x]\n    y = [y]\nx == y")
    add("runtime-nested-list-compare", "x = []\ny = []\nfor i in range(100000):\n    x = [x]\n    y = [y]\nx < y")
    add("runtime-nested-list-str", "x = []\nfor i in range(100000):\n    x = [x]\ns = str(x)")
    add("runtime-nested-dict", "x = {}\nfor i in range(100000):\n    x = {'a': x}\nprint(x)")
    add("runtime-nested-tuple-hash", "x = ()\nfor i in range(100000):\n    x = (x,)\nd = {x: 1}")
    add("runtime-nested-release", "x = []\nfor i in range(1000000):\n    x = [x]\nx = None\nprint('ok')")
    add("runtime-self-list", "x = []\nx.append(x)\nprint(x)\nx == x\nstr(x)\ntorch.tensor(x)")
    add("runtime-self-dict", "d = {}\nd['a'] = d\nprint(d)\nd == d")
    add("exec-source-deep", "eval('(' * 20000 + ')' * 20000)")

    # Huge shapes and sizes.
    for expression in [
        "torch.zeros(2**62)", "torch.zeros(2**31, 2**31)", "torch.zeros(2**62, 2**62)",
        "torch.ones(2**40, 2**40, 2**40)", "torch.empty((2**62 - 1 + 2**62))", "torch.zeros(-1)",
        "torch.zeros(10**18, 10**18)", "torch.rand(2**62)", "torch.randn(2**31, 2**31)",
        "torch.full((2**62,), 1.0)", "torch.eye(2**40)", "torch.eye(2**31, 2**31)", "torch.eye(-5)",
        "torch.arange(2**62)", "torch.arange(0, 10**18, 1)", "torch.arange(0, 1e30)",
        "torch.arange((-2**62 - 2**62), (2**62 - 1 + 2**62))", "torch.arange(0, 1, 1e-30)", "torch.arange(0, float('inf'))",
        "torch.arange(0, float('nan'))", "torch.arange(0, 10, 0)", "torch.arange(10, 0, 1)",
        "torch.linspace(0, 1, 2**62)", "torch.linspace(0, 1e308, 2**40)", "torch.logspace(0, 1, 2**62)",
        "torch.linspace(0, 1, -1)", "torch.ones(3).view(2**62)", "torch.ones(1).view(2**62, 2**62)",
        "torch.ones(1).view(-1, 2**62)", "torch.ones(4).view(2**62, -1)", "torch.ones(1).expand(2**62)",
        "torch.ones(1).expand(2**62, 2**62)", "torch.ones(1, 1).expand(2**40, 2**40).sum()",
        "torch.ones(1, 1).expand(2**31, 2**31).contiguous()", "torch.ones(1).expand(2**62).clone()",
        "torch.ones(1).repeat(2**62)", "torch.ones(2, 2).repeat(2**31, 2**31)", "torch.ones(1).repeat(-1)",
        "torch.cat([torch.ones(1).expand(2**62), torch.ones(1).expand(2**62)])",
        "torch.cat([torch.ones(1).expand(2**40)] * 10)", "torch.stack([torch.ones(1).expand(2**40)] * 2)",
        "torch.ones(1, 1, 1).expand(2**30, 2**20, 1) @ torch.ones(1, 1, 1).expand(2**30, 1, 2**20)",
        "torch.ones(2**20, 1).expand(2**20, 2**20) @ torch.ones(2**20, 1).expand(2**20, 2**20)",
        "torch.matmul(torch.ones(1, 1, 2, 2).expand(2**31, 2**31, 2, 2), torch.ones(2, 2))",
        "torch.ones(3).reshape(2**62)", "torch.ones(2**20).reshape(2**62, -1)", "torch.zeros(2**62).shape",
        "torch.ones(1).unsqueeze(2**62)", "torch.ones(2, 3).permute(0, 2**62)", "torch.ones(3)[2**62]",
        "torch.ones(3)[(-2**62 - 2**62)]", "torch.ones(3)[2**62:]", "torch.ones(3)[::2**62]", "torch.ones(3)[::0]",
        "torch.ones(3)[(-2**62 - 2**62):(2**62 - 1 + 2**62):(-2**62 - 2**62)]", "torch.ones(3).narrow(0, 2**62, 2**62)",
        "torch.ones(4).unfold(0, 2**62, 1)", "torch.ones(4).unfold(0, 2, 0)", "torch.ones(4).chunk(0)",
        "torch.ones(4).split(0)", "torch.ones(4).split(2**62)", "torch.ones(4).topk(2**62)",
        "torch.ones(4).kthvalue(2**62)", "torch.ones(2, 2).diagonal(2**62)", "torch.ones(2, 2).tril(2**62)",
        "torch.ones(2, 2).triu((-2**62 - 2**62))", "torch.ones(3).roll((2**62 - 1 + 2**62))", "torch.ones(3).roll((-2**62 - 2**62))",
        "torch.ones(3).flip(2**62)", "torch.ones(3).sum(2**62)", "torch.ones(3).sum((-2**62 - 2**62))",
        "torch.ones(3).softmax(2**62)", "torch.ones(3).cumsum((-2**62 - 2**62))", "torch.ones(3).transpose(0, (-2**62 - 2**62))",
        "torch.ones(3, 3).movedim(0, 2**62)", "torch.ones(3).new_zeros(2**62)", "torch.zeros_like(torch.ones(1).expand(2**62))",
        "torch.ones(3).index_select(0, torch.tensor([2**62]))", "torch.ones(3).gather(0, torch.tensor([(-2**62 - 2**62)]))",
        "torch.ones(3).scatter(0, torch.tensor([2**62]), 1.0)", "torch.ones(3)[torch.tensor([2**62])]",
        "torch.ones(3)[torch.tensor([(-2**62 - 2**62)])]", "torch.nn.functional.one_hot(torch.tensor([2**62]))",
        "torch.nn.functional.one_hot(torch.tensor([1]), 2**62)", "torch.bincount(torch.tensor([2**62]))",
        "torch.multinomial(torch.ones(3), 2**62)", "torch.randint(0, 10, (2**62,))", "torch.randint(5, 2)",
        "torch.randperm(2**62)", "torch.randperm(-1)", "torch.ones(3).repeat_interleave(2**62)",
        "torch.repeat_interleave(torch.tensor([2**62, 2**62]))", "torch.ones(2**62 // 2**40).new_empty(2**40)",
        "torch.nn.functional.pad(torch.ones(3), (2**62, 2**62))", "torch.nn.functional.pad(torch.ones(3), (-2**62, 0))",
        "torch.ones(3).tile(2**62)", "torch.meshgrid(torch.arange(2**20), torch.arange(2**20))",
        "torch.tensor(1e308).int()", "torch.tensor(float('nan')).long()", "torch.tensor([float('inf')]).to(torch.int64)",
        "torch.tensor(1e300).item().__int__()", "int(float('nan'))", "int(float('inf'))", "int(1e300)",
        "int(-1e19)", "round(float('inf'))", "round(float('nan'))", "round(1e300)", "math.floor(float('inf'))",
        "math.ceil(float('nan'))", "math.floor(1e300)", "math.trunc(1e300)", "math.factorial(10**6)",
        "math.factorial(-1)", "math.comb(10**18, 10**9)", "math.perm(10**18, 10**9)", "math.isqrt(-1)",
        "math.gcd((-2**62 - 2**62), 0)", "abs((-2**62 - 2**62))", "-((-2**62 - 2**62))", "((-2**62 - 2**62)) // -1", "((-2**62 - 2**62)) % -1", "divmod((-2**62 - 2**62), -1)",
        "2**63", "10 ** 10 ** 10", "2 ** (-2**62 - 2**62)", "(-2) ** ((2**62 - 1 + 2**62))", "1 << 2**62", "1 << 63", "-1 >> 2**62",
        "pow(2, 10**18, 10**9)", "pow(2, -1, 5)", "pow(3, (2**62 - 1 + 2**62), 0)", "float(10**308) * 10",
        "1e308 * 1e308", "2.0 ** 10000", "(-8.0) ** (1/3)", "hash(float('nan'))", "int('9' * 1000)",
        "int('9' * 10**6)", "float('1e99999')", "'%d' % float('inf')", "'%d' % float('nan')", "'%.1000000f' % 1.0",
        "f'{1:.1000000f}'", "f'{1:1000000000d}'", "f'{1:>{10**12}}'", "format(1, '1000000000000')",
        "'{:10000000000}'.format(1)", "'x'.center(10**12)", "'x'.ljust(2**62)", "'x'.rjust((2**62 - 1 + 2**62))",
        "'x'.zfill(10**12)", "str(1).zfill(2**62)", "'ab'.expandtabs(2**62)", "'a\\tb'.expandtabs(2**40)",
        "'a' * 10**12", "'a' * 2**62", "'ab' * ((2**62 - 1 + 2**62))", "[0] * 10**12", "[0, 1] * ((2**62 - 1 + 2**62))",
        "(0,) * 10**12", "list(range(10**12))", "list(range((-2**62 - 2**62), (2**62 - 1 + 2**62)))", "len(range((-2**62 - 2**62), (2**62 - 1 + 2**62)))",
        "range((-2**62 - 2**62), (2**62 - 1 + 2**62))[2**62]", "range(0, 10, 0)", "range(10**18)[-1]", "range(10**18)[::2**62]",
        "tuple(range(10**12))", "sum(range(10**12))", "max(range(10**12))", "sorted(range(10**12))",
        "set(range(10**12))", "[i for i in range(10**12)]", "dict.fromkeys(range(10**12))", "'x'.join(['a'] * 10**7)",
        "enumerate(range(10**12))", "list(enumerate(range(10**12)))", "list(zip(range(10**12), range(10**12)))",
        "reversed(range(10**12))", "list(reversed(range(10**12)))", "torch.tensor(range(10**12))",
        "torch.tensor(list(range(10**7)))", "torch.tensor([0] * 10**12)", "torch.Size([2**62, 2**62]).numel()",
        "torch.ones(2**62 // 2**62).numel()", "[1, 2, 3][2**62]", "[1, 2, 3][(-2**62 - 2**62)]", "[1, 2, 3][2**62:(-2**62 - 2**62):(-2**62 - 2**62)]",
        "[1, 2, 3][::0]", "'abc'[2**62]", "'abc'[(-2**62 - 2**62)]", "'abc'[::(-2**62 - 2**62)]", "'abc'[(-2**62 - 2**62)::2**62]",
        "(1, 2)[(-2**62 - 2**62)]", "[1].insert(2**62, 0)", "[1].insert((-2**62 - 2**62), 0)", "[1].pop((-2**62 - 2**62))", "[1].pop(2**62)",
        "x = [1, 2, 3]\nx[2**62:] = [4]", "x = [1, 2, 3]\nx[::2**62] = [4]", "x = [1, 2, 3]\ndel x[(-2**62 - 2**62)]",
        "x = [1, 2, 3]\nx[::0] = []", "x = [1]\nx *= 10**12", "x = 'a'\nx *= 10**12",
        "x = 'ab'\nfor i in range(100):\n    x = x + x", "x = [0]\nfor i in range(100):\n    x = x + x",
        "x = [0]\nfor i in range(100):\n    x.extend(x)", "x = [0]\nfor i in range(100):\n    x *= 2",
        "'abc'.split('', 2**62)", "'abc'.replace('', 'x' * 10**6)", "('x' * 10**5).replace('', 'y' * 10**5)",
        "'abc'.find('a', 2**62, (-2**62 - 2**62))", "'abc'.index('z', (-2**62 - 2**62))", "'abc'.count('', 2**62)",
        "print('x' * 10**8)", "print(torch.arange(10**7))", "print(list(range(10**6)))",
        "torch.set_printoptions(threshold=2**62)\nprint(torch.arange(10**6))",
        "torch.set_printoptions(precision=2**62)\nprint(torch.ones(2))", "torch.set_printoptions(precision=-5)\nprint(torch.ones(2))",
        "torch.set_printoptions(linewidth=-1)\nprint(torch.ones(20))", "torch.set_printoptions(edgeitems=2**62)\nprint(torch.arange(2000))",
        "torch.set_printoptions(linewidth=2**62)\nprint(torch.ones(20))", "torch.set_printoptions(edgeitems=-3)\nprint(torch.arange(2000))",
        "torch.manual_seed(-1)", "torch.manual_seed(2**64)", "torch.manual_seed(2**63)",
        "torch.ones(3).std(correction=2**62)", "torch.ones(3).var(correction=(-2**62 - 2**62))",
        "torch.ones(3).histc(bins=2**62)", "torch.histc(torch.ones(3), bins=-1)",
        "torch.ones(3, 3).view(9)[::2**62]", "torch.ones(2**20).view(2**10, 2**10).t().reshape(2**20)",
        "torch.einsum('i,i->i' * 1000, torch.ones(2), torch.ones(2))", "torch.einsum('ij,jk->ik', torch.ones(2**20, 1).expand(2**20, 2**20), torch.ones(2**20, 1).expand(2**20, 2**20))",
        "torch.nn.Linear(2**31, 2**31)", "torch.nn.Linear(-1, 3)", "torch.nn.Embedding(2**62, 2)",
        "torch.nn.Conv2d(1, 1, 2**31)", "torch.nn.functional.avg_pool1d(torch.ones(1, 1, 4), 2**62)",
        "torch.nn.functional.interpolate(torch.ones(1, 1, 2), scale_factor=1e18)",
        "torch.nn.functional.unfold(torch.ones(1, 1, 4, 4), 2**31)", "torch.cdist(torch.ones(2**20, 1).expand(2**20, 2**20), torch.ones(2**20, 1).expand(2**20, 2**20))",
        "torch.ones(3).to(torch.float16) * 2**62", "torch.tensor([2**62]).float().long()",
        "torch.tensor([(-2**62 - 2**62)]) // -1", "torch.tensor([(-2**62 - 2**62)]) % -1", "torch.tensor([(-2**62 - 2**62)]).abs()",
        "torch.tensor([(-2**62 - 2**62)]).neg()", "torch.tensor([2**62]) * 4", "torch.tensor([1]) << 2**62",
        "torch.tensor([1]) >> -1", "torch.tensor([5]) // 0", "torch.tensor([5]) % 0", "torch.tensor([2**62]).sum(dtype=torch.int8)",
        "torch.tensor([3]) ** -1", "torch.tensor([3]) ** 2**62", "torch.tensor([(-2**62 - 2**62)]).sign()",
        "torch.tensor([1, 2]).prod() ** 2**62", "torch.tensor([2**62, 2**62]).cumsum(0)", "torch.tensor([2**62]).to(torch.int32)",
        "torch.tensor(2**63)", "torch.tensor([2**64])", "torch.tensor((-2**62 - 2**62) - 1)", "torch.tensor([1e400])",
        "torch.tensor([[1, 2], [3]])", "torch.tensor([[1, 2], 3])", "torch.tensor([[], [[]]])",
        "torch.full((2,), 2**62, dtype=torch.int8)", "torch.tensor([300], dtype=torch.uint8)",
        "torch.arange(5).view(torch.float32)", "torch.zeros(5, dtype=torch.bool).float().int().bool()",
    ]:
        add("expr:" + expression, expression)

    # Unbounded recursion and loops: each must stop on its own or at the time limit.
    add("recursion-direct", "def f(n):\n    return f(n + 1)\nf(0)")
    add("recursion-mutual", "def f(n):\n    return g(n)\ndef g(n):\n    return f(n)\nf(0)")
    add("recursion-lambda", "f = lambda n: f(n + 1)\nf(0)")
    add("recursion-y", "Y = lambda f: (lambda x: f(lambda v: x(x)(v)))(lambda x: f(lambda v: x(x)(v)))\nY(lambda s: lambda n: s(n))(0)")
    add("recursion-init", "class A:\n    def __init__(self):\n        self.a = A()\nA()")
    add("recursion-repr", "class A:\n    def __repr__(self):\n        return repr(self)\nA()")
    add("recursion-str", "class A:\n    def __str__(self):\n        return str(self)\nprint(A())")
    add("recursion-getattr", "class A:\n    def __getattr__(self, n):\n        return self.x\nA().y")
    add("recursion-add", "class A:\n    def __add__(self, o):\n        return self + o\nA() + 1")
    add("recursion-eq", "class A:\n    def __eq__(self, o):\n        return self == o\nA() == 1")
    add("recursion-len", "class A:\n    def __len__(self):\n        return len(self)\nlen(A())")
    add("recursion-iter", "class A:\n    def __iter__(self):\n        return iter(self)\nlist(A())")
    add("recursion-getitem", "class A:\n    def __getitem__(self, i):\n        return self[i]\nA()[0]")
    add("recursion-module-forward", "class M(nn.Module):\n    def forward(self, x):\n        return self(x)\nM()(torch.ones(1))")
    add("recursion-property", "class A:\n    @property\n    def p(self):\n        return self.p\nA().p")
    add("recursion-sort-key", "def k(x):\n    return sorted([1, 2], key=k)\nsorted([1, 2], key=k)")
    add("recursion-map", "def f(x):\n    return list(map(f, [x]))\nf(1)")
    add("recursion-comprehension", "def f(x):\n    return [f(y) for y in [x]]\nf(1)")
    add("recursion-default-arg", "def f(n=None):\n    return f()\nf()")
    add("recursion-super", "class A:\n    def f(self):\n        return super().f()\nclass B(A):\n    def f(self):\n        return super().f() + self.f()\nB().f()")
    add("recursion-except", "def f():\n    try:\n        f()\n    except RecursionError:\n        f()\nf()")
    add("recursion-finally", "def f():\n    try:\n        return f()\n    finally:\n        f()\nf()")
    add("loop-while-true", "while True:\n    pass")
    add("loop-while-true-continue", "while True:\n    continue")
    add("loop-range-huge", "for i in range(10**18):\n    pass")
    add("loop-range-huge-nested", "for i in range(10**9):\n    for j in range(10**9):\n        pass")
    add("loop-comprehension-huge", "x = [i for i in range(10**18)]")
    add("loop-sum-generator", "sum(i for i in range(10**18))")
    add("loop-any-generator", "any(i < 0 for i in range(10**18))")
    add("loop-append-forever", "x = []\nwhile True:\n    x.append(1)")
    add("loop-tensor-forever", "x = []\nwhile True:\n    x.append(torch.ones(1000, 1000))")
    add("loop-string-double", "s = 'a'\nwhile True:\n    s += s")
    add("loop-list-double", "s = [0]\nwhile True:\n    s += s")
    add("loop-except-everything", "while True:\n    try:\n        pass\n    except BaseException:\n        pass")
    add("loop-catch-keyboard", "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass")
    add("loop-catch-timeout", "while True:\n    try:\n        torch.ones(300, 300) @ torch.ones(300, 300)\n    except BaseException:\n        pass")
    add("slow-matmul", "a = torch.ones(6000, 6000)\nb = a @ a\nb.sum()")
    add("slow-batched-matmul", "a = torch.ones(64, 1000, 1000)\n(a @ a).sum()")
    add("slow-sort", "torch.rand(2**27).sort()")
    add("slow-cumsum", "x = torch.ones(2**28)\nfor i in range(100):\n    x = x.cumsum(0)")
    add("slow-einsum", "a = torch.ones(400, 400)\ntorch.einsum('ij,jk,kl->il', a, a, a)")
    add("slow-cdist", "a = torch.ones(20000, 64)\ntorch.cdist(a, a)")

    # Bad bytes.
    add("bytes-invalid-utf8", b"x = 1\ny = '\xff\xfe'\nprint(y)\n")
    add("bytes-invalid-utf8-start", b"\xc3\x28 = 1\n")
    add("bytes-overlong", b"x = '\xc0\xaf'\n")
    add("bytes-surrogate", b"x = '\xed\xa0\x80'\n")
    add("bytes-truncated", b"x = 1\n\xe2\x82")
    add("bytes-nul", b"x = 1\x00\n")
    add("bytes-nul-in-string", b"x = 'a\x00b'\n")
    add("bytes-nul-only", b"\x00" * 1000)
    add("bytes-control", b"x = 1\x01\n")
    add("bytes-escape-in-string", b"print('\x1b[2J\x1b]0;pwned\x07')\n")
    add("bytes-escape-repr", b"'\x1b[31mred'\n")
    add("bytes-escape-error", b"raise ValueError('\x1b[2J')\n")
    add("bytes-escape-name", b"\x1b[2J\n")
    add("bytes-bom", b"\xef\xbb\xbfx = 1\nx\n")
    add("bytes-cr-only", b"x = 1\ry = 2\rx + y\r")
    add("bytes-form-feed", b"x = 1\n\x0cx\n")
    add("bytes-random", bytes(random.Random(7).randrange(256) for _ in range(5000)))
    add("bytes-huge-line", "x = " + "1" * 10**6)
    add("bytes-huge-string-literal", "x = '" + "a" * 10**7 + "'\nlen(x)")
    add("bytes-huge-source", "x = 1\n" * 10**6)
    add("bytes-huge-int-literal", "x = " + "9" * 100000)
    add("bytes-huge-float-literal", "x = 1" + "0" * 100000 + ".0")
    add("bytes-huge-exponent", "x = 1e" + "9" * 1000)
    add("bytes-many-tokens", "x = (" + ",".join(["1"] * 10**6) + ")\nlen(x)")
    add("bytes-wide-dedent", "if 1:\n" + "    " * 1 + "pass\n" * 1000 + "  x\n")
    add("bytes-unicode-ident", "ñ = 1\n変数 = ñ\n変数")
    add("bytes-combining", "x = 'e\u0301' * 100000\nlen(x)")

    # Escaping the sandbox.
    for attempt in [
        "import os", "import sys", "import subprocess", "from os import system", "__import__('os')",
        "open('/etc/passwd')", "open('/tmp/x', 'w')", "eval('1+1')", "exec('x=1')", "compile('1', 'x', 'eval')",
        "globals()", "locals()['x'] = 1", "vars()", "input()", "breakpoint()", "help()", "exit()", "quit()",
        "torch.load('/etc/passwd')", "torch.save(torch.ones(1), '/tmp/x')", "torch.hub.load('x', 'y')",
        "(1).__class__.__base__.__subclasses__()", "().__class__.__bases__[0].__subclasses__()",
        "getattr(__builtins__, 'open')", "__builtins__", "type('A', (), {})", "memoryview(b'x')",
        "import importlib", "import ctypes", "import socket", "torch.from_file('/etc/passwd')",
        "torch.ops.load_library('/tmp/x.so')", "torch.utils.cpp_extension", "import torch.utils.data",
        "print('x', file=open('/tmp/y', 'w'))", "torch.set_num_threads(10**6)",
    ]:
        add("escape:" + attempt, attempt)
    return cases


MUTATION_TOKENS = [
    "(", ")", "[", "]", "{", "}", ":", ",", ".", "**", "*", "-", "~", "not ", "@", "//", "%", "<<", ">>",
    "2**62", "(-2**62 - 2**62)", "(2**62 - 1 + 2**62)", "10**12", "0", "-1", "1e308", "float('nan')", "float('inf')", "None",
    "'\\x1b[2J'", "torch.ones(1).expand(2**40)", "lambda: 0", "\n", "\n    ", "\\", "'", '"', "#", "=",
    "torch.zeros(2**62)", "range(10**12)", "[0] * 10**9", "x", "self", "def", "class", "return", "yield",
]


def mutate(source, rng):
    """One random edit of a program, the kind a fuzzer or a careless paste makes."""
    text = source
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        position = rng.randint(0, len(text))
        if kind == 0 and text:  # delete a span
            end = min(len(text), position + rng.randint(1, 8))
            text = text[:position] + text[end:]
        elif kind == 1:  # insert a token
            text = text[:position] + rng.choice(MUTATION_TOKENS) + text[position:]
        elif kind == 2 and text:  # duplicate a span
            end = min(len(text), position + rng.randint(1, 30))
            text = text[:position] + text[position:end] * rng.randint(2, 50) + text[end:]
        elif kind == 3:  # replace a number with an extreme one
            digits = [i for i, c in enumerate(text) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + rng.choice(["2**62", "(-2**62 - 2**62)", "10**18", "0", "-1", "1e308", "2**31"]) + text[i + 1:]
        elif kind == 4 and text:  # swap two lines
            lines = text.split("\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        else:  # wrap in a loop or a deep expression
            text = rng.choice(["for _ in range(3):\n    ", "if 1:\n    "]) + text.replace("\n", "\n    ")
    return text


def fixture_snippets():
    """The regression snippets replayed in-process by HostileSnippetTests, run here too."""
    path = os.path.join(ROOT, "Tests/RobustnessTests/Fixtures/hostile_snippets.py")
    snippets, name, body = {}, None, []
    with open(path) as handle:
        for line in handle.read().split("\n"):
            if line.startswith("### "):
                if name:
                    snippets["snippet:" + name] = "\n".join(body).encode()
                name, body = line[4:].split(" -> ")[0].strip(), []
            elif name:
                body.append(line)
    if name:
        snippets["snippet:" + name] = "\n".join(body).encode()
    return snippets


def conformance_sources():
    paths = ["/work/shared/conformance/cases.jsonl"] + [
        os.path.join(ROOT, "Tests/InterpreterTests/Fixtures", name)
        for name in sorted(os.listdir(os.path.join(ROOT, "Tests/InterpreterTests/Fixtures")))
        if name.endswith(".jsonl")
    ]
    sources = []
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path) as handle:
            for line in handle:
                line = line.strip()
                if line:
                    sources.append(json.loads(line)["source"])
    return sources


def run_one(binary, name, program, limit, via_stdin, timeout=None):
    started = time.monotonic()
    with tempfile.NamedTemporaryFile(suffix=".py", delete=False) as handle:
        handle.write(program)
        path = handle.name
    try:
        # Without --timeout the tool's own default limit (10 s) must stop runaway programs.
        command = [binary, "run", "-" if via_stdin else path] + (["--timeout", str(timeout)] if timeout else [])
        try:
            result = subprocess.run(
                command, input=program if via_stdin else None, stdin=None if via_stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=limit)
        except subprocess.TimeoutExpired:
            return name, via_stdin, "timeout", time.monotonic() - started, b""
        status = result.returncode
        elapsed = time.monotonic() - started
        if status < 0:
            return name, via_stdin, f"signal {-status}", elapsed, result.stderr[-600:]
        if status not in (0, 1, 2):
            return name, via_stdin, f"status {status}", elapsed, result.stderr[-600:]
        if len(result.stdout) > 50 << 20:
            return name, via_stdin, f"output {len(result.stdout)} bytes", elapsed, b""
        return name, via_stdin, None, elapsed, result.stderr[-300:]
    finally:
        os.unlink(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/tensortutor"))
    parser.add_argument("--limit", type=float, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--mutations", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default=None)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--timeout", type=float, default=None, help="pass --timeout SECONDS to the tool")
    arguments = parser.parse_args()

    cases = list(battery().items()) + list(fixture_snippets().items())
    if arguments.mutations:
        rng = random.Random(arguments.seed)
        sources = conformance_sources()
        for index in range(arguments.mutations):
            cases.append((f"mutation-{arguments.seed}-{index}", mutate(rng.choice(sources), rng).encode()))
    if arguments.only:
        cases = [(name, program) for name, program in cases if arguments.only in name]
    runs = [(name, program, index % 7 == 0) for index, (name, program) in enumerate(cases)]

    failures = []
    slowest = []
    with concurrent.futures.ThreadPoolExecutor(arguments.jobs) as pool:
        futures = [pool.submit(run_one, arguments.binary, name, program, arguments.limit, stdin, arguments.timeout)
                   for name, program, stdin in runs]
        for future in concurrent.futures.as_completed(futures):
            name, stdin, problem, elapsed, stderr = future.result()
            slowest.append((elapsed, name))
            where = "stdin" if stdin else "file"
            if problem:
                failures.append(name)
                print(f"FAIL {name!r} ({where}): {problem} after {elapsed:.1f}s", flush=True)
                if stderr:
                    print("    " + stderr.decode(errors="replace").strip().replace("\n", "\n    ")[-600:], flush=True)
            elif arguments.verbose:
                print(f"ok   {name!r} ({where}) {elapsed:.1f}s: "
                      + stderr.decode(errors="replace").strip().split("\n")[0][:150], flush=True)
    slowest.sort(reverse=True)
    print("slowest: " + ", ".join(f"{name!r} {elapsed:.1f}s" for elapsed, name in slowest[:5]))
    print(f"{len(runs) - len(failures)}/{len(runs)} hostile programs ended cleanly")
    if failures:
        mutated = {name: program for name, program in cases if name.startswith("mutation-")}
        for name in failures:
            if name in mutated:
                print(f"--- {name}\n{mutated[name].decode(errors='replace')}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
