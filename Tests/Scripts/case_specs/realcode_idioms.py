# Idioms of real training code: enumerate/map/filter over a generator pull one item per
# loop step (a data generator's random draws interleave with the loop body's), str.format
# fields with attributes, indexes, conversions and nested specs (meters printed as
# '{loss.val:.3f}'), F.margin_ranking_loss refusing inputs of different ranks, and what
# pre-0.4 code still calls: torch.autograd.Variable, np.triu masks, `loss.data[0]` on a
# 0-dim tensor (PyTorch's advice to use .item()); an out-of-bounds write caught by except;
# load_state_dict's _IncompatibleKeys as the namedtuple it is (unpacked, indexed, compared);
# operators a NamedTuple class defines, tuple ordering and hashing of namedtuples.
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
    "from torch.autograd import Variable\na = torch.ones(2)\nv = Variable(a)\nv[0] = 5\nw = torch.ones(2, requires_grad=True)\nu = Variable(w * 2)\nu2 = Variable(w * 2, requires_grad=True)\n(a, v.requires_grad, v is a, u.requires_grad, u.grad_fn is None, u.is_leaf, u2.requires_grad, u2.is_leaf, isinstance(a, Variable), isinstance(3, Variable), repr(Variable), Variable())",
    "from torch.autograd import Variable\nVariable([1, 2])",
    "from torch.autograd import Variable\nVariable(torch.ones(2, dtype=torch.long), requires_grad=True)",
    "from torch.autograd import Variable\nVariable(torch.ones(2), volatile=True)",
    "from torch.autograd import Variable\nz = Variable(torch.arange(3.), requires_grad=True)\nz.sum().backward()\nz.grad",
    "import numpy as np\nm = np.triu(np.ones((1, 3, 3)), k=1).astype('uint8')\n(torch.from_numpy(m) == 0, str(m.dtype), np.tril(np.arange(1, 10).reshape(3, 3)).tolist(), np.triu([1, 2, 3]).tolist(), np.triu(np.ones((2, 3)), -1).tolist(), str(np.tril(np.ones((3, 2), dtype=np.float32), k=-1).dtype))",
    "import numpy as np\nnp.triu(np.float64(3))",
    "torch.tensor(3.)[0]",
    "torch.tensor(3.)[0:1]",
    "torch.tensor(3.)[-1]",
    "torch.tensor(3.)[(0,)]",
    "(torch.tensor(3.)[...], torch.tensor(3.)[None])",
    "t = torch.tensor(3.)\nt[0] = 1",
    "t = torch.tensor(3.)\nt[0:1] = 1",
    "t = torch.ones(2)\nout = []\nfor k in range(3):\n    try:\n        if k == 0: t[5] = 1\n        if k == 1: t[5] += 1\n        if k == 2: t[0:1] = torch.ones(3)\n    except (IndexError, RuntimeError) as e:\n        out.append(type(e).__name__)\nout",
    "import torch.nn as nn\nm = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))\nsd = m.state_dict()\nprint(m.load_state_dict(sd))\nmsg = m.load_state_dict({k: v for k, v in sd.items() if k != '0.bias'} | {'extra.w': torch.ones(1)}, strict=False)\nprint('loaded with msg: {}'.format(msg))\nmk, uk = msg\n(mk, uk, len(msg), msg[0], msg == (['0.bias'], ['extra.w']), msg._fields, isinstance(msg, tuple), type(msg).__name__, str(m.load_state_dict(sd)), bool(m.load_state_dict(sd)))",
    "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: int = 2\n    def __add__(self, other):\n        return P(self.x + other.x, self.y + other.y)\n    def __rmul__(self, k):\n        return P(k * self.x, k * self.y)\n    def norm(self):\n        return (self.x ** 2 + self.y ** 2) ** 0.5\na, b = P(5)\n(P(1) + P(3, 4), 3 * P(1), P(3, 4).norm(), P._fields, P._field_defaults, hash(P(1, 2)) == hash((1, 2)), a, b, P(1) < P(2), P(1, 3) >= (1, 2), (0, 9) < P(1), max(P(1, 9), P(2, 0)), sorted([P(2), P(1, 5), P(1, 1)]))",
    "from typing import NamedTuple\nclass V(NamedTuple):\n    x: int\n    def __lt__(self, other):\n        return self.x > other.x\n(V(1) < V(2), sorted([V(1), V(3), V(2)]))",
    "hash((1, [2]))",
]]
