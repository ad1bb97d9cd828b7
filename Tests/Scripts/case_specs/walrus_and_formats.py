# Assignment expressions (`:=`), itertools.chain.from_iterable and the `#` alternate
# integer formats, as pasted code uses them.
CASES = [("python", source) for source in [
    "xs = [3, 1, 2]\nif (n := len(xs)) > 2:\n    print(n)\nn",
    "data = iter([1, 2, 0, 5])\nout = []\nwhile (v := next(data)) != 0:\n    out.append(v)\n(out, v)",
    "([y for x in range(5) if (y := x * x) > 3], y)",
    "((t := torch.ones(2)) + t, t)",
    "f'{(k := 3) * 2} {k}'",
    "def f(a):\n    return (b := a + 1) * b\nf(2)",
    "total = 0\nvalues = [w for v in [1, 2, 3] if (w := v * 2) and (total := total + w)]\n(values, total)",
    "import itertools\nlist(itertools.chain.from_iterable([[1], (2, 3), 'ab']))",
    "import itertools\n(list(itertools.chain([1], [2])), repr(itertools.chain))",
    "[f'{v:#x}|{v:#X}|{v:#b}|{v:#o}|{v:#010x}|{v:+#x}|{v:#8b}|{v:+x}|{v:-#06o}' for v in [0, 5, 255, -255, 1234567]]",
    "(format(255, '#x'), '{:#b}'.format(5), '{:#012b}'.format(-5), f'{True:#x}')",
]]
