# The last pieces real PyTorch code uses that TensorTutor lacked: nn.InstanceNorm3d
# (F.instance_norm on 5-d input), F.adaptive_max_pool3d with nn.AdaptiveMaxPool3d,
# and torch.special.log_ndtr / erfcx / ndtr. Values, dtypes, PyTorch's errors and
# gradients (grad_fn names included). Recorded by record_cases.py.
CASES = []
NN = "import torch.nn as nn\n"

# nn.InstanceNorm3d and F.instance_norm on [N, C, D, H, W].
XV = "v = torch.arange(2 * 3 * 2 * 3 * 4.).view(2, 3, 2, 3, 4).sin() * 2 + 0.5\n"
INSTANCE3D = [
    "F.instance_norm(v)", "F.instance_norm(v.double(), eps=0.1)", "F.instance_norm(v, weight=torch.tensor([1., 2., -1.]), bias=torch.tensor([0., 1., 2.]))",
    "m = torch.zeros(3)\nr = torch.ones(3)\ny = F.instance_norm(v, m, r, momentum=0.2)\n(y, m, r)",
    "nn.InstanceNorm3d(3)", "nn.InstanceNorm3d(3, affine=True, track_running_stats=True)", "nn.InstanceNorm3d(4, eps=1e-3, momentum=None, affine=True, bias=False)",
    "n = nn.InstanceNorm3d(3, affine=True)\n(n.num_features, n.eps, n.momentum, n.affine, n.track_running_stats, n.weight, n.bias, n.running_mean)",
    "sorted(nn.InstanceNorm3d(3, affine=True, track_running_stats=True).state_dict().keys())",
    "nn.InstanceNorm3d(3)(v)", "nn.InstanceNorm3d(3)(v[1])", "nn.InstanceNorm3d(3, affine=True)(v.double())",
    "n = nn.InstanceNorm3d(3, track_running_stats=True)\ny = n(v)\n(y, n.running_mean, n.running_var, n.num_batches_tracked)",
    "n = nn.InstanceNorm3d(3, track_running_stats=True, momentum=0.5)\nn(v)\nn(v * 3 - 1)\nn.eval()\n(n(v), n.running_mean, n.running_var)",
    "n = nn.InstanceNorm3d(3, track_running_stats=True)\nn(v)\nn.reset_running_stats()\n(n.running_mean, n.running_var, n.num_batches_tracked)",
    "n = nn.InstanceNorm3d(3, affine=True)\nn.eval()\nn(v)",
    "import copy\nn = nn.InstanceNorm3d(3, affine=True, track_running_stats=True)\nn(v)\nc = copy.deepcopy(n)\n(c, c.running_mean)",
    "nn.InstanceNorm3d(3)(torch.zeros(2, 3, 4))", "nn.InstanceNorm3d(3)(torch.zeros(1, 2, 3, 4, 5, 6))",
    "nn.InstanceNorm3d(3, affine=True)(torch.zeros(2, 4, 2, 2, 2))", "nn.InstanceNorm3d(3)(torch.zeros(2, 3, 1, 1, 1))",
    "nn.InstanceNorm3d(3, track_running_stats=True).eval()(torch.zeros(2, 3, 1, 1, 1))",
    "import warnings\nwith warnings.catch_warnings(record=True) as caught:\n    warnings.simplefilter('always')\n    y = nn.InstanceNorm3d(3)(torch.zeros(2, 4, 2, 2, 2))\n(y.shape, str(caught[0].message))",
    "F.instance_norm(torch.zeros(2, 3, 2, 2, 2), torch.zeros(2), torch.ones(2))",
    # BatchNorm keeps what it now shares with InstanceNorm.
    "n = nn.BatchNorm3d(3)\nn(v)\nn.reset_running_stats()\n(n, n.num_features, n.momentum, n.running_mean, n.num_batches_tracked)",
    "nn.BatchNorm2d(5, momentum=None, affine=False, track_running_stats=False)",
]
INSTANCE3D_GRADIENTS = [
    "w = v.clone().requires_grad_()\ny = F.instance_norm(w)\n(y * torch.arange(144.).view(2, 3, 2, 3, 4).cos()).sum().backward()\n(y.grad_fn, w.grad)",
    "n = nn.InstanceNorm3d(3, affine=True)\nw = v.clone().requires_grad_()\ny = n(w[0])\n(y ** 3).sum().backward()\n(y.grad_fn, w.grad, n.weight.grad, n.bias.grad)",
    "n = nn.InstanceNorm3d(3, track_running_stats=True)\nn(v)\nn.eval()\nw = v.clone().requires_grad_()\ny = n(w)\n(y * v).sum().backward()\nw.grad",
]
CASES += [("instance-norm-3d", NN + XV + body) for body in INSTANCE3D] + [("instance-norm-3d-gradients", NN + XV + body) for body in INSTANCE3D_GRADIENTS]

# F.adaptive_max_pool3d and nn.AdaptiveMaxPool3d; the output_size forms of all three.
XP = "a = torch.arange(2 * 2 * 3 * 4 * 5.).view(2, 2, 3, 4, 5).sin()\nl = torch.arange(2 * 3 * 7.).view(2, 3, 7).cos()\n"
ADAPTIVE_MAX3D = [
    "F.adaptive_max_pool3d(a, (2, 3, 2))", "F.adaptive_max_pool3d(a, (2, 3, 2), return_indices=True)", "F.adaptive_max_pool3d(a, 2, True)",
    "F.adaptive_max_pool3d(a[0], (None, 2, 3), return_indices=True)", "F.adaptive_max_pool3d(a, [1, None, None])",
    "F.adaptive_max_pool3d(a, (5, 7, 9), return_indices=True)", "F.adaptive_max_pool3d(a, 1, return_indices=True)",
    "F.adaptive_max_pool3d(a.double(), (2, 1, 3))", "F.adaptive_max_pool3d(a.transpose(2, 4), (2, 2, 2), return_indices=True)",
    "F.adaptive_max_pool3d(a, (3, 4, 5), return_indices=True)[1][1, 1]", "F.adaptive_max_pool3d(a[:0], 2).shape",
    "F.adaptive_max_pool3d(torch.tensor([1., float('nan'), 2., float('nan'), 0., 5., 1., 1.]).view(1, 1, 2, 2, 2), 1, return_indices=True)",
    "F.adaptive_max_pool3d(torch.full((1, 2, 2, 2, 2), float('-inf')), 1, return_indices=True)",
    "F.adaptive_max_pool3d(torch.zeros(1, 2, 3, 4), (2, None, 2)).shape", "F.adaptive_max_pool3d(a, torch.Size([1, 2, 3])).shape",
    "F.adaptive_max_pool3d(torch.zeros(3, 4, 5), 2)", "F.adaptive_max_pool3d(torch.zeros(1, 0, 3, 4, 5), 2)",
    "F.adaptive_max_pool3d(torch.zeros(1, 1, 0, 4, 5), 2)", "F.adaptive_max_pool3d(torch.zeros(1, 1, 3, 4, 5), (2, 2))",
    "F.adaptive_max_pool3d(torch.zeros(1, 1, 3, 4, 5), (2, -1, 2))", "F.adaptive_max_pool3d(torch.zeros(1, 1, 3, 4, 5, dtype=torch.long), 2)",
    "F.adaptive_max_pool3d(torch.zeros(2, 3), (2, 2, 2))", "F.adaptive_max_pool3d(torch.zeros(1, 1, 2, 2, 2), 2**62)",
    "F.adaptive_max_pool3d(torch.zeros(1, 1, 2, 2, 2), (2**40, 2**40, 0))", "F.adaptive_max_pool3d(torch.zeros(1, 1, 2, 2, 2), (2**20, 2**20, 0)).shape", "F.adaptive_max_pool3d(torch.zeros(1, 1, 3, 4, 5), (2, 2, 2, 2))",
    "F.adaptive_max_pool2d(torch.zeros(1, 1, 3, 4), (2, 2, 2))", "F.adaptive_max_pool2d(torch.zeros(3), (2, 2))",
    "F.adaptive_max_pool2d(torch.zeros(1, 2, 3, 4), [None, 2]).shape",
    "F.adaptive_max_pool1d(l, (2, 2))", "F.adaptive_max_pool1d(l, (None,))", "F.adaptive_max_pool1d(l, [3])",
    "F.adaptive_avg_pool2d(torch.zeros(1, 2, 3, 4), (2, 2, 2))", "F.adaptive_avg_pool1d(l, (2, 2))", "F.adaptive_avg_pool2d(torch.zeros(3), (2, 2))",
    "nn.AdaptiveMaxPool3d((2, None, 3))", "nn.AdaptiveMaxPool3d(2, return_indices=True)", "nn.AdaptiveMaxPool3d(2)(a)",
    "nn.AdaptiveMaxPool3d((1, 2, 3), return_indices=True)(a)", "nn.AdaptiveMaxPool3d((None, 1, 1))(a[1])",
    "w = a.clone().requires_grad_()\ny = F.adaptive_max_pool3d(w, (2, 3, 2))\n(y * torch.arange(48.).view(2, 2, 2, 3, 2)).sum().backward()\n(y.grad_fn, w.grad)",
    "w = a.clone().requires_grad_()\ny = F.adaptive_max_pool3d(w, (5, 7, 9))\ny.sum().backward()\n(y.grad_fn, w.grad)",
    "w = a[0].double().requires_grad_()\ny, i = F.adaptive_max_pool3d(w, 2, return_indices=True)\n(y ** 2).sum().backward()\n(y.grad_fn, i, w.grad)",
]
CASES += [("adaptive-max-pool-3d", NN + XP + body) for body in ADAPTIVE_MAX3D]

# torch.special.log_ndtr and erfcx, bit for bit, through ATen's erfcx for the far left tail.
TAIL = "t = torch.tensor([-40., -26.7, -20., -10., -6.1, -5., -3., -1.5, -1., -0.999, -0.5, -1e-8, 0., 1e-8, 0.5, 1., 3., 6., 8.3, 10., 30., 50., 1e8, float('inf'), -float('inf'), float('nan')])\n"
GRID = "g = torch.linspace(-30, 50, 4001)\n"
SPECIAL_BITS = [
    "torch.special.log_ndtr(t)", "torch.special.log_ndtr(t.double())", "torch.special.log_ndtr(g)", "torch.special.log_ndtr(g.double())",
    "torch.special.log_ndtr(g.double() / 7 - 2)", "torch.special.log_ndtr(torch.arange(-45, 10))",
    "torch.special.erfcx(t)", "torch.special.erfcx(t.double())", "torch.special.erfcx(g.double())", "torch.special.erfcx(g.double() * 3.3 + 0.01)",
    "torch.special.erfcx(g)", "torch.special.erfcx(torch.tensor([5e7, 6e7, 1e30]))", "torch.special.erfcx(torch.linspace(50, 60, 2001))",
    "torch.special.erfcx(torch.linspace(50, 2000, 2001))", "torch.special.erfcx(torch.linspace(2000, 5e7, 2001))",
    "torch.special.erfcx(torch.linspace(50, 5e7, 3001, dtype=torch.float64))", "torch.special.erfcx(torch.linspace(-26.7, -1e-3, 2001))",
    "torch.special.ndtr(t)", "torch.special.ndtr(t.double())",
]
SPECIAL = [
    "torch.special.log_ndtr(torch.tensor([True, False]))", "torch.special.erfcx(torch.tensor([1, 2]))",
    "torch.special.log_ndtr(torch.tensor([1.], dtype=torch.half))", "torch.special.erfcx(torch.tensor([1.], dtype=torch.bfloat16))",
    "torch.special.log_ndtr(input=torch.tensor([-2.]))", "torch.special.log_ndtr()", "torch.special.erfcx(torch.tensor([1.]), 2)",
    "w = t.clone().requires_grad_()\ny = torch.special.log_ndtr(w)\ny.sum().backward()\n(y.grad_fn, w.grad)",
    "w = t.double().requires_grad_()\ny = torch.special.log_ndtr(w)\n(y * torch.arange(26.)).sum().backward()\n(y.grad_fn, w.grad)",
    "w = t.clone().requires_grad_()\ny = torch.special.erfcx(w)\ny.sum().backward()\n(y.grad_fn, w.grad)",
    "w = g.double().requires_grad_()\ny = torch.special.erfcx(w)\n(y * 0.5).sum().backward()\nw.grad",
    "w = t.clone().requires_grad_()\ny = torch.special.ndtr(w)\ny.sum().backward()\n(y.grad_fn, w.grad)",
]
CASES += [("special-log-ndtr-bits", TAIL + GRID + body) for body in SPECIAL_BITS] + [("special-log-ndtr", TAIL + GRID + body) for body in SPECIAL]

# batch_norm's mixed-dtype check, which instance_norm reaches through it.
MIXED = [
    "F.batch_norm(x.double(), None, None, torch.ones(3), training=True)", "F.batch_norm(x, None, None, torch.ones(3).double(), training=True)",
    "F.batch_norm(x, torch.zeros(3).double(), torch.ones(3).double())", "F.batch_norm(x.double(), torch.zeros(3), torch.ones(3))",
    "F.batch_norm(x, None, None, torch.ones(3).half(), training=True)", "F.batch_norm(x.half(), None, None, torch.ones(3), training=True).dtype",
    "F.instance_norm(x.double(), weight=torch.ones(3))", "nn.InstanceNorm1d(3, affine=True)(x.double())",
]
CASES += [("batch-norm-mixed-dtype", NN + "x = torch.arange(24.).view(2, 3, 4).sin()\n" + body) for body in MIXED]
