# Ops real PyTorch code uses that TensorTutor lacked: F.pad in reflect, replicate and
# circular modes with their nn modules, and more below. Values, dtypes, PyTorch's errors
# and gradients (grad_fn names included). Recorded by record_cases.py.
NN = "import torch.nn as nn\n"
X3 = "x = torch.arange(12.).view(1, 3, 4)\n"
X4 = "x = torch.arange(40.).view(1, 2, 4, 5)\n"
X5 = "x = torch.arange(60.).view(1, 1, 3, 4, 5)\n"
WEIGHTED = "w = x.clone().requires_grad_()\ny = F.pad(w, {pad}, mode='{mode}')\n(y * torch.arange(float(y.numel())).view(y.shape)).sum().backward()\n(y.grad_fn, w.grad)"
MODES = ["reflect", "replicate", "circular"]

PAD_CASES = []
for mode in MODES:
    PAD_CASES += [
        X3 + f"F.pad(x, (2, 1), mode='{mode}')",
        X3 + f"F.pad(x[0], (1, 3), mode='{mode}')",
        X3 + f"F.pad(x, (1, 2, 2, 1), mode='{mode}')",
        X4 + f"F.pad(x, (2, 1, 1, 3), mode='{mode}')",
        X4 + f"F.pad(x, (1, 1, 1, 1, 1, 0), mode='{mode}')",
        X5 + f"F.pad(x, (1, 2, 0, 1, 2, 1), mode='{mode}')",
        X4 + f"F.pad(x, (-1, 2, 0, -2), mode='{mode}')",
        X3 + f"F.pad(x.long(), (2, 2), mode='{mode}')",
        X3 + f"F.pad(x.double(), (0, 3), mode='{mode}').dtype",
        X3 + WEIGHTED.format(pad="(2, 1)", mode=mode),
        X4 + WEIGHTED.format(pad="(1, 2, 3, 0)", mode=mode),
        X5 + WEIGHTED.format(pad="(1, 1, 2, 1, 1, 2)", mode=mode),
        X4 + WEIGHTED.format(pad="(-1, 1, 1, -1)", mode=mode),
        X3 + f"F.pad(x, (1,), mode='{mode}')",
        X3 + f"F.pad(x, (1, 1, 1, 1, 1, 1, 1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(4), (1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(2, 3, 4, 5, 6, 7), (1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(3, 4), (1, 1, 1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(2, 0, 4), (1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(0, 3, 4), (1, 1), mode='{mode}').shape",
        f"F.pad(torch.zeros(2, 3, 0, 4), (1, 1, 1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(2, 1, 0, 3, 4), (1, 1, 1, 1, 1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(2, 3, 4), (-2, -2), mode='{mode}')",
        f"F.pad(torch.zeros(2, 3, 4), (-3, -2), mode='{mode}')",
        f"F.pad(torch.zeros(2, 3, 4, 5), (-3, -2, -2, -1), mode='{mode}')",
        f"F.pad(torch.zeros(1, 2, 3, 4, 5), (0, 0, 0, 0, 0, -3), mode='{mode}')",
        f"F.pad(torch.zeros(2, 3, 4, 5), (1, 1, 5, 1), mode='{mode}').shape",
        f"F.pad(torch.zeros(2, 3, 4, 5), (9, 1, 5, 1), mode='{mode}').shape",
        f"F.pad(torch.zeros(1, 2, 3, 4, 5), (1, 1, 1, 1, 3, 1), mode='{mode}').shape",
        f"F.pad(torch.zeros(2, 3, 4, dtype=torch.bool), (1, 1), mode='{mode}')",
        f"F.pad(torch.zeros(2, 3, 4, 5, dtype=torch.bool), (1, 1, 1, 1), mode='{mode}')",
        X3 + f"F.pad(x, (1, 1), mode='{mode}', value=2.0)",
        X3 + f"F.pad(x, (1, 1), mode='{mode}', value=0)",
    ]
PAD_CASES += [
    X3 + "F.pad(x, (1, 1), mode='wrap')",
    X3 + "F.pad(x, (1,), mode='reflect', value=1.0)",
    X3 + "F.pad(x, (4, 0), mode='reflect')",
    X3 + "F.pad(x, (3, 3), mode='reflect')",
    X3 + "F.pad(x, (5, 5), mode='circular')",
    X3 + "F.pad(x, (4, 4), mode='circular')",
    X3 + "F.pad(x, (-4, 0), mode='circular')",
    X3 + "F.pad(x, (-5, 0), mode='circular')",
]

MODULE_CASES = [NN + X3 + body for body in [
    "nn.ReflectionPad1d(2)(x)", "nn.ReflectionPad1d((3, 1))(x[0])", "nn.ReplicationPad1d((0, 2))(x)",
    "nn.CircularPad1d(1)(x)", "nn.ConstantPad1d(2, 3.5)(x)", "nn.ConstantPad1d((1, 0), -1)(x.long())", "nn.ZeroPad1d((2, 1))(x)",
    "nn.ReflectionPad2d(1)(x)", "nn.ReplicationPad2d((1, 0, 2, 1))(x.view(1, 1, 3, 4))", "nn.CircularPad2d((1, 1, 0, 2))(x)",
    "nn.ZeroPad2d((1, 2, 0, 1))(x)", "nn.ConstantPad2d(1, 7)(x)", "nn.ReflectionPad3d(1)(x.view(1, 1, 3, 2, 2))",
    "nn.ReplicationPad3d((1, 0, 0, 1, 1, 0))(x.view(1, 3, 2, 2))", "nn.CircularPad3d(1)(x.view(1, 1, 3, 2, 2))",
    "nn.ConstantPad3d((1, 0, 0, 0, 0, 1), 0.5)(x.view(1, 3, 2, 2))", "nn.ZeroPad3d(1)(x.view(1, 3, 2, 2)).shape",
    "(nn.ReflectionPad1d(2), nn.ZeroPad2d((1, 2, 3, 4)), nn.ConstantPad1d(2, 3.5), nn.CircularPad2d(1))",
    "(nn.ReplicationPad3d(1), nn.ZeroPad1d(1), nn.ReflectionPad2d([1, 2, 3, 4]), nn.ConstantPad3d(1, -1))",
    "(nn.ConstantPad2d((1, 2, 3, 4), 2), nn.ReplicationPad1d((1, 2)), nn.ZeroPad3d(2), nn.CircularPad3d((1, 2, 0, 0, 1, 1)))",
    "nn.ConstantPad1d(2, 1.5).value", "nn.CircularPad1d(1)(torch.zeros(5))", "nn.CircularPad2d(1)(torch.zeros(5))",
    "nn.CircularPad3d(1)(torch.zeros(2, 3))", "nn.ReflectionPad1d((1, 2, 3))(x)", "nn.ReflectionPad2d(1)(torch.zeros(5))",
    "w = x.clone().requires_grad_()\ny = nn.ReplicationPad1d(2)(w)\ny.pow(2).sum().backward()\n(y.grad_fn, w.grad)",
    "w = x.view(1, 1, 3, 4).clone().requires_grad_()\ny = nn.ReflectionPad2d((2, 1, 1, 2))(w)\ny.pow(2).sum().backward()\n(y.grad_fn, w.grad)",
    "w = x.view(1, 1, 3, 4).clone().requires_grad_()\ny = nn.CircularPad2d(1)(w)\ny.pow(2).sum().backward()\n(y.grad_fn, w.grad)",
    "torch.manual_seed(0)\nc = nn.Conv1d(3, 2, 3, padding=1, padding_mode='reflect')\nw = x.clone().requires_grad_()\ny = c(w)\ny.sum().backward()\n(y.grad_fn.next_functions[0][0], w.grad)",
    "torch.manual_seed(0)\nc = nn.Conv2d(1, 1, 3, padding=1, padding_mode='circular')\nw = x.view(1, 1, 3, 4).clone().requires_grad_()\ny = c(w)\ny.sum().backward()\n(y.grad_fn.next_functions[0][0], w.grad)",
]]

Q = "x = torch.tensor([[1., 2., 5., 3.], [0., 7., 4., 2.], [3., 3., 3., 1.]])\nn = torch.tensor([[1., float('nan'), 3., 2.], [float('nan')] * 4, [4., 1., float('nan'), 0.]])\n"
QUANTILE_CASES = [Q + body for body in [
    "x.quantile(0.5)", "torch.quantile(x, 0.3, dim=1)", "x.quantile(0.75, dim=0, keepdim=True)", "x.quantile(1.0, -1)", "x.quantile(0, dim=-2)",
    "x.quantile(torch.tensor([0.1, 0.5, 0.9]), dim=1)", "x.quantile(torch.tensor([0.25, 0.6]), dim=0, keepdim=True)",
    "x.quantile(torch.tensor([0.25, 0.6]), keepdim=True)", "x.quantile(torch.tensor(0.3), dim=1)", "x.quantile(q=0.4, dim=None)",
    "x.double().quantile(torch.tensor([1 / 3, 2 / 3], dtype=torch.float64), dim=1)",
    "torch.tensor(4.).quantile(0.3)", "torch.tensor(4.).quantile(0.3, dim=0, keepdim=True)",
    "torch.linspace(-3, 5, 37).view(37, 1).quantile(torch.tensor([0.01, 0.33, 0.5, 0.97]), dim=0)",
    "torch.tensor([0., 1., 2., 3., 4.]).quantile(torch.tensor([0.125, 0.375, 0.625, 0.875]), interpolation='nearest')",
    "n.quantile(0.5, dim=1)", "n.nanquantile(0.5, dim=1)", "n.nanquantile(torch.tensor([0., 0.5, 1.]), dim=1)", "torch.nanquantile(n, 0.3)",
    "n.nanquantile(0.4, dim=0, interpolation='midpoint')", "torch.tensor([1., float('inf'), 3.]).quantile(torch.tensor([0.5, 0.75]))",
    "x.long().quantile(0.5)", "x.quantile(1.5)", "x.quantile(-0.1)", "x.nanquantile(2.)", "x.quantile(torch.tensor([0.5, 1.2]))",
    "x.quantile(torch.tensor([0.5]).double())", "x.quantile(torch.tensor([[0.5]]))", "torch.zeros(0).quantile(0.5)",
    "torch.zeros(2, 0).quantile(0.5, dim=0)", "x.quantile(0.5, interpolation='foo')", "x.nanquantile(0.5, interpolation='cubic')",
    "x.quantile(0.5, dim=2)", "x.half().quantile(0.5)", "x.quantile(torch.tensor([0.1, float('nan')]))",
    "w = x.clone().requires_grad_()\ny = w.quantile(torch.tensor([0.3, 0.8]), dim=1)\n(y * torch.tensor([[1.], [2.]])).sum().backward()\n(y.grad_fn, w.grad)",
    "w = x.clone().requires_grad_()\ny = w.quantile(0.45)\ny.backward()\n(y, w.grad)",
    "w = n.clone().requires_grad_()\ny = w.nanquantile(0.6, dim=1, keepdim=True)\ny.sum().backward()\n(y.grad_fn, w.grad)",
]]
for interp in ["linear", "lower", "higher", "midpoint", "nearest"]:
    QUANTILE_CASES += [
        Q + f"x.quantile(torch.tensor([0.0, 0.2, 0.5, 0.7, 1.0]), dim=1, interpolation='{interp}')",
        Q + f"torch.nanquantile(n, torch.tensor([0.3, 0.5]), dim=1, interpolation='{interp}')",
        Q + f"w = x.clone().requires_grad_()\ny = w.quantile(0.7, dim=0, interpolation='{interp}')\ny.sum().backward()\n(y, w.grad)",
        f"torch.arange(10.).quantile(0.55, interpolation='{interp}')",
    ]

M = "t = torch.arange(12).view(3, 4)\nr = (torch.arange(60) * 7 % 11 % 4).view(3, 20)\n"
MODE_CASES = [M + body for body in [
    "t.mode(1)", "torch.tensor([1, 2, 2, 3]).mode()", "torch.tensor([3, 1, 3, 1, 2]).mode()", "torch.tensor([5, 5, 1, 1]).mode()",
    "torch.tensor([1, 1, 5, 5]).mode()", "torch.tensor([[1, 2], [2, 1]]).mode(0)", "torch.mode(r)", "torch.mode(r, 0)", "r.mode(dim=1, keepdim=True)",
    "r.float().mode(-1)", "r.t().mode(0)", "(r.view(60) % 3).mode()", "torch.tensor(3.).mode()", "torch.tensor([True, False, True]).mode()",
    "torch.tensor([2., 1., float('nan'), float('nan'), 1.]).mode()", "torch.tensor([0.5, -0.5, 0.5, -0.5]).double().mode()",
    "torch.zeros(0).mode()", "torch.zeros(2, 0).mode(1)", "torch.zeros(2, 0).mode(0)", "torch.zeros(3).mode(1)",
    "w = torch.tensor([[1., 2., 2.], [3., 3., 1.]], requires_grad=True)\nv, i = w.mode(1)\n(v * torch.tensor([2., 3.])).sum().backward()\n(v.grad_fn, i, w.grad)",
    "w = torch.tensor([[1., 2., 2.], [3., 3., 1.]], requires_grad=True)\nv = w.mode(0, keepdim=True).values\nv.sum().backward()\nw.grad",
]]

S = "x = torch.zeros(2, 3)\nm = torch.tensor([[True, False, True], [False, True, False]])\n"
SCATTER_CASES = [S + body for body in [
    "x.masked_scatter(m, torch.arange(1., 7.))", "x.masked_scatter(torch.tensor([True, False, True]), torch.arange(1., 7.).view(2, 3))",
    "torch.zeros(3).masked_scatter(torch.tensor([[True, False, True], [False, True, True]]), torch.arange(1., 7.))",
    "torch.masked_scatter(x.long(), m, torch.arange(6).view(3, 2))", "x.masked_scatter(m, torch.arange(1., 4.))",
    "x.masked_scatter(torch.tensor(True), torch.arange(6.))", "x.masked_scatter(torch.tensor(False), torch.arange(6.))",
    "torch.zeros(2, 3, dtype=torch.bool).masked_scatter(m, torch.tensor([True, True, False]))",
    "y = x.clone()\ny.masked_scatter_(m, torch.arange(10., 16.))\ny", "y = x.clone()\nz = y.masked_scatter_(m.any(0), torch.arange(20.).view(4, 5))\n(z is y, y)",
    "x.masked_scatter(m, torch.arange(1., 3.))", "x.masked_scatter(m, torch.arange(1, 7))", "x.masked_scatter(m.float(), torch.arange(1., 7.))",
    "x.masked_scatter_(torch.ones(2, 2, 3, dtype=torch.bool), torch.arange(12.))",
    "torch.zeros(3).masked_scatter_(torch.tensor([[True, False, True], [False, True, True]]), torch.arange(1., 7.))",
    "x.masked_scatter(torch.ones(4, dtype=torch.bool), torch.arange(12.))", "x.masked_scatter(m, 3.)",
    "w = torch.zeros(2, 3, requires_grad=True)\ns = torch.arange(1., 8.).requires_grad_()\ny = w.masked_scatter(m, s)\n(y * torch.arange(6.).view(2, 3)).sum().backward()\n(y.grad_fn, w.grad, s.grad)",
    "w = torch.zeros(3, requires_grad=True)\ns = torch.arange(1., 7.).view(2, 3).requires_grad_()\ny = w.masked_scatter(m, s)\n(y * torch.arange(6.).view(2, 3)).sum().backward()\n(w.grad, s.grad)",
    "w = torch.zeros(2, 3, requires_grad=True)\ns = torch.arange(1., 7.).requires_grad_()\ny = w * 2\ny.masked_scatter_(m, s)\ny.pow(2).sum().backward()\n(y.grad_fn, w.grad, s.grad)",
]]

T = "a = torch.arange(24.).view(2, 3, 4)\nb = torch.arange(12.).view(4, 3)\n"
TENSORDOT_CASES = [T + body for body in [
    "torch.tensordot(a, b, dims=1)", "torch.tensordot(a, b, dims=([1, 2], [1, 0]))", "torch.tensordot(a, b, dims=0).shape",
    "torch.tensordot(a, b, dims=[[2], [0]])", "torch.tensordot(a, b, dims=torch.tensor(1))", "torch.tensordot(a, b, dims=([-1], [-2]))",
    "torch.tensordot(a.long(), b.long(), 1)", "torch.tensordot(a, a, 3)", "torch.tensordot(b, b.t())", "torch.tensordot(a, torch.ones(1, 3), ([0], [0]))",
    "torch.tensordot(a, b, dims=2)", "torch.tensordot(a, b, dims=-1)", "torch.tensordot(a, b, dims=([0], [0]))", "torch.tensordot(a, b, dims=([1], [0, 1]))",
    "torch.tensordot(a, b.long(), dims=1)", "torch.tensordot(a, b, dims=(2, 0))", "torch.tensordot(a, b, 1.5)", "torch.tensordot(a, b, 4)",
    "torch.tensordot(a, b, ([2], [0], [1]))", "torch.tensordot(a, b, ([2],))", "torch.tensordot(a, b, dims=([3], [0]))",
    "w = a.clone().requires_grad_()\nv = b.clone().requires_grad_()\ny = torch.tensordot(w, v, dims=([1, 2], [1, 0]))\n(y * torch.tensor([1., -2.])).sum().backward()\n(y.grad_fn, w.grad, v.grad)",
    "w = a.clone().requires_grad_()\ny = torch.tensordot(w, b, dims=1)\ny.sum().backward()\n(y.grad_fn, w.grad)",
]]

CASES = ([("tensordot", source) for source in TENSORDOT_CASES] + [("masked-scatter", source) for source in SCATTER_CASES] + [("pad", source) for source in PAD_CASES] + [("pad-module", source) for source in MODULE_CASES]
         + [("quantile", source) for source in QUANTILE_CASES] + [("mode", source) for source in MODE_CASES])
