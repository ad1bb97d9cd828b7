# nn.Module.register_full_backward_hook / register_full_backward_pre_hook, as torch/utils/hooks.py's
# BackwardHook runs them: outputs and inputs pass through BackwardHookFunctionBackward nodes; the
# pre-hook sees grad_output (None for an unused output) and may replace it; the hook sees
# grad_input (zeros for an input without gradient) and may replace it; wrong counts raise.
TWO = ("class Two(nn.Module):\n    def forward(self, a, b, scale=2.0):\n        return a * b * scale, a + 1\n"
       "t = Two()\nt.register_full_backward_hook(lambda m, gi, go: print('two', gi, go))\n"
       "t.register_full_backward_pre_hook(lambda m, go: print('pre', go))\na = torch.ones(2, requires_grad=True)\n")
CASES = [("autograd", "import torch.nn as nn\n" + source) for source in [
    "torch.manual_seed(0)\nlin = nn.Linear(3, 2)\ndef hook(m, gi, go):\n    print('hook', type(m).__name__, gi, go)\n"
    "h = lin.register_full_backward_hook(hook)\nx = torch.randn(4, 3, requires_grad=True)\ny = lin(x)\nname = y.grad_fn.name()\n"
    "y.sum().backward()\nh.remove()\n(name, x.grad, lin.weight.grad, lin(x).grad_fn.name())",
    "torch.manual_seed(0)\nlin = nn.Linear(3, 2)\nlin.register_full_backward_hook(lambda m, gi, go: print(gi, go))\n"
    "y = lin(torch.randn(4, 3))\ny.pow(2).sum().backward()\n(y.grad_fn.name(), lin.weight.grad)",
    "torch.manual_seed(0)\nseq = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1))\n"
    "seq[2].register_full_backward_pre_hook(lambda m, go: (go[0] * 10,))\nseq[0].register_full_backward_hook(lambda m, gi, go: (gi[0] * 0,))\n"
    "x2 = torch.randn(2, 3, requires_grad=True)\nseq(x2).sum().backward()\n(x2.grad, seq[0].weight.grad, seq[2].weight.grad)",
    TWO + "p, q = t(a, torch.full((2,), 3.0))\np.sum().backward()\n(p.grad_fn.name(), q.grad_fn.name(), a.grad)",
    TWO + "p, q = t(a, torch.full((2,), 3.0, requires_grad=True))\nq.sum().backward()\na.grad",
    "class Three(nn.Module):\n    def forward(self, a):\n        return a * 2, torch.zeros(2), 5\nt3 = Three()\n"
    "t3.register_full_backward_hook(lambda m, gi, go: print('three', gi, go))\na = torch.ones(2, requires_grad=True)\nr = t3(a)\n"
    "r[0].sum().backward()\n(r[1].requires_grad, r[2], a.grad)",
    "lin2 = nn.Linear(2, 2)\nlin2.register_full_backward_hook(lambda m, gi, go: (gi[0], gi[0]))\nlin2(torch.ones(1, 2, requires_grad=True)).sum().backward()",
    "lin2 = nn.Linear(2, 2)\nlin2.register_full_backward_pre_hook(lambda m, go: (go[0], go[0]))\nlin2(torch.ones(1, 2, requires_grad=True)).sum().backward()",
    "torch.manual_seed(0)\nlin2 = nn.Linear(2, 2)\nlin2.register_full_backward_hook(lambda m, gi, go: print('never'))\nwith torch.no_grad():\n    y = lin2(torch.ones(1, 2, requires_grad=True))\ny",
    "torch.manual_seed(0)\nm = nn.Sequential(nn.Linear(2, 2), nn.Tanh())\nseen = []\nfor layer in m:\n    layer.register_full_backward_hook(lambda mod, gi, go: seen.append(type(mod).__name__))\n"
    "m(torch.ones(3, 2, requires_grad=True)).sum().backward()\nseen",
]]
