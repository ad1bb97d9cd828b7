# Idioms of real training code: enumerate/map/filter over a generator pull one item per
# loop step (a data generator's random draws interleave with the loop body's), str.format
# fields with attributes, indexes, conversions and nested specs (meters printed as
# '{loss.val:.3f}'), and F.margin_ranking_loss refusing inputs of different ranks.
CASES = [("python", source) for source in [
    "def data_gen(n):\n    for i in range(n):\n        yield torch.randint(0, 10, (3,))\ntorch.manual_seed(0)\nout = []\nfor i, b in enumerate(data_gen(3)):\n    out.append((i, b.tolist(), torch.rand(1).item()))\nout",
    "def g(n):\n    for i in range(n):\n        print('make', i)\n        yield i\ne = enumerate(g(3), 5)\nprint(next(e))\n(list(e), list(map(lambda x: x * 2, g(2))), list(filter(None, g(3))))",
    "import itertools\nm = map(str, itertools.count())\n(next(m), next(m), list(itertools.islice(enumerate(itertools.count(3)), 2)))",
    "ds = torch.utils.data.TensorDataset(torch.arange(6.))\nloader = torch.utils.data.DataLoader(ds, batch_size=2)\nlist(enumerate(loader))",
    "class Meter:\n    def __init__(self):\n        self.val, self.avg, self.d = 1.23456, 2.5, {'a': [1, 2]}\nm = Meter()\n('{m.val:.3f} ({m.avg:.3f})'.format(m=m), '{0.val} {0.d[a][1]} {1[x]}'.format(m, {'x': 'y'}))",
    "('{!r} {!s:>6} {x!r:>8}'.format('a', 'b', x='c'), '{:{w}.{p}f}|'.format(3.14159, w=10, p=2), '{0:{1}}|'.format(5, 4), '{0[0]}, {0[1]}'.format((7, 8)), '{!a}'.format('\\xe9'))",
    "'{0} {}'.format(1, 2)",
    "'{} {0}'.format(1, 2)",
    "'{'.format(1)",
    "'}'.format(1)",
    "'{0.}'.format(1)",
    "'{!x}'.format(1)",
    "'{0[}'.format(1)",
    "'{0.real.imag}'.format(3)",
    "F.margin_ranking_loss(torch.ones(4, 2), torch.zeros(4, 2), torch.ones(2), margin=0.5)",
    "(F.margin_ranking_loss(torch.ones(4, 2), torch.zeros(4, 2), torch.ones(4, 2), margin=0.5), F.margin_ranking_loss(torch.ones(4, 2), torch.zeros(4, 2), -torch.ones(1, 2), margin=0.5))",
]]
