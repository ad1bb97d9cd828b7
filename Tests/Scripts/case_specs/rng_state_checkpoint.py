# torch.get_rng_state/set_rng_state as PyTorch's 5056-byte CPUGeneratorImplState (seed,
# left/next counters, MT words, cached normal), Generator.get_state/set_state, torch.random,
# and torch.utils.checkpoint (reentrant and not, checkpoint_sequential) with dropout inside.
def head(expr):
    return ("b = " + expr + "[:24].tolist()\n"
            "tuple(sum(v << (8 * i) for i, v in enumerate(b[a:a + n])) for a, n in [(0, 8), (8, 4), (12, 4), (16, 8)])")

COUNTERS = [("engine", "torch.manual_seed(1)\nx = torch.rand(%d)\n" % n + head("torch.get_rng_state()"))
            for n in [0, 1, 7, 623, 624, 625, 2000]]

CASES = COUNTERS + [("engine", source) for source in [
    "torch.manual_seed(3)\ns = torch.get_rng_state()\n(s.shape, s.dtype, s.sum(), s[5000:5056].tolist())",
    "torch.manual_seed(1)\ntorch.randn(3)\ns = torch.get_rng_state()\n(s[-48:].tolist(), s.sum())",
    "torch.manual_seed(1)\nx = torch.randint(0, 10, (5,))\ns = torch.get_rng_state()\n(s.sum(), s[16:40].tolist())",
    "torch.manual_seed(1)\ntorch.randn(3)\ns = torch.get_rng_state()\na = torch.randn(5)\ntorch.set_rng_state(s)\n(a, torch.randn(5))",
    "torch.manual_seed(7)\ntorch.rand(3)\ns = torch.get_rng_state()\ntorch.manual_seed(9)\ntorch.set_rng_state(s)\n(torch.initial_seed(), torch.rand(2))",
    "torch.manual_seed(2)\ns = torch.random.get_rng_state()\na = torch.rand(3)\ntorch.random.set_rng_state(s)\n(a, torch.rand(3), torch.random.initial_seed(), torch.default_generator.initial_seed())",
    "g = torch.Generator().manual_seed(3)\nst = g.get_state()\na = torch.rand(2, generator=g)\ng.set_state(st)\n(a, torch.rand(2, generator=g), st[:8].tolist())",
    "torch.manual_seed(0)\ns = torch.get_rng_state()\nd = torch.nn.Dropout(0.5)(torch.ones(8))\ntorch.set_rng_state(s)\n(d, torch.nn.Dropout(0.5)(torch.ones(8)))",
    "torch.set_rng_state(torch.zeros(10, dtype=torch.uint8))",
    "torch.set_rng_state(torch.zeros(5056))",
    "torch.set_rng_state(torch.zeros(2, 2528, dtype=torch.uint8))",
]] + [("autograd", source) for source in [
    "import torch.utils.checkpoint as checkpoint\ntorch.manual_seed(0)\nx = torch.randn(3, requires_grad=True)\ny = checkpoint.checkpoint(lambda t: (t * 2).sin(), x, use_reentrant=False)\ny.sum().backward()\n(y, x.grad)",
    "from torch.utils.checkpoint import checkpoint\ntorch.manual_seed(0)\nx = torch.randn(3, requires_grad=True)\ny = checkpoint(lambda t: (t * 2).sin(), x, use_reentrant=True)\ny.sum().backward()\n(y, y.grad_fn.name(), x.grad)",
    "torch.manual_seed(0)\nx = torch.randn(4, requires_grad=True)\ny = torch.utils.checkpoint.checkpoint(torch.nn.Dropout(0.5), x, use_reentrant=True)\n(y * torch.arange(4.)).sum().backward()\n(y, x.grad, torch.rand(2))",
    "torch.manual_seed(0)\nx = torch.randn(4, requires_grad=True)\ny = torch.utils.checkpoint.checkpoint(torch.nn.Dropout(0.5), x, use_reentrant=False)\n(y * torch.arange(4.)).sum().backward()\n(y, x.grad, torch.rand(2))",
    "import torch.nn as nn\nimport torch.utils.checkpoint as cp\ntorch.manual_seed(0)\nseq = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3), nn.Tanh(), nn.Linear(3, 1))\nx = torch.randn(2, 3, requires_grad=True)\ny = cp.checkpoint_sequential(seq, 2, x, use_reentrant=True)\ny.sum().backward()\n(y, x.grad, seq[0].weight.grad)",
    "import torch.utils.checkpoint as cp\nx = torch.ones(2, requires_grad=True)\nw = torch.tensor([2., 3.], requires_grad=True)\na, b = cp.checkpoint(lambda u, v: (u * v, u + v), x, w, use_reentrant=True)\n(a.sum() + 2 * b.sum()).backward()\n(a, b, x.grad, w.grad)",
    "import torch.utils.checkpoint as cp\ny = cp.checkpoint(lambda t: t * 2, torch.ones(2), use_reentrant=True)\n(y, y.requires_grad)",
    "import torch.utils.checkpoint as cp\nx = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    y = cp.checkpoint(lambda t: t * 2, x, use_reentrant=False)\ny",
    "import torch.utils.checkpoint as cp\ncp.checkpoint(lambda t, scale: t * scale, torch.ones(2), scale=2, use_reentrant=True)",
    "import torch.utils.checkpoint as cp\ncp.checkpoint(lambda t, scale: t * scale, torch.ones(2, requires_grad=True), scale=2, use_reentrant=False)",
]]
