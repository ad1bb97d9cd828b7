# tensor.register_hook: hooks run in registration order on the gradient with respect to
# their tensor (before a leaf accumulates it, before an op's backward for a result),
# before retain_grad stores it, also under torch.autograd.grad; handles remove them.
CASES = [("autograd", source) for source in [
    "x = torch.tensor([1., 2.], requires_grad=True)\nh = x.register_hook(lambda g: g * 10)\ny = x * 3\ny.retain_grad()\nhy = y.register_hook(lambda g: print('y hook', g))\ny.register_hook(lambda g: g + 1)\n(y * y).sum().backward()\nprint(x.grad, y.grad)\nh.remove(); hy.remove()\nx.grad = None\n(x * 3).sum().backward()\nx.grad",
    "x = torch.tensor([1., 2.], requires_grad=True)\ng1, = torch.autograd.grad((x * 2).sum(), x)\nx.register_hook(lambda g: g * 0)\ng2, = torch.autograd.grad((x * 2).sum(), x)\n(g1, g2)",
    "torch.ones(2).register_hook(lambda g: g)",
    "w = torch.ones(3, requires_grad=True)\nw.register_hook(lambda g: torch.ones(2))\n(w * 2).sum().backward()",
    "def double(g):\n    return torch.ones(2)\nw = torch.ones(3, requires_grad=True)\nw.register_hook(double)\n(w * 2).sum().backward()",
    "v = torch.ones(2, requires_grad=True)\nv.register_hook(lambda g: 5)\n(v * 2).sum().backward()",
    "grads = {}\ndef save_grad(name):\n    def hook(grad):\n        grads[name] = grad\n    return hook\na = torch.tensor([1., 2.], requires_grad=True)\nb = a.exp()\nb.register_hook(save_grad('b'))\nb.sum().backward()\n(grads, a.grad)",
    "import torch.nn as nn\ntorch.manual_seed(0)\nlin = nn.Linear(3, 2)\nlin.weight.register_hook(lambda g: g.clamp(-0.1, 0.1))\nlin(torch.randn(4, 3)).pow(2).sum().backward()\n(lin.weight.grad, lin.bias.grad)",
    "z = torch.tensor([2.], requires_grad=True)\nout = z * z\nout.register_hook(lambda g: g * 100)\nout.backward()\nz.grad",
]]
