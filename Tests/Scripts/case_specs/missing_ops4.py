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

CASES = [("pad", source) for source in PAD_CASES] + [("pad-module", source) for source in MODULE_CASES]
