# Issue #15's remaining gaps: rrelu (eval is leaky ReLU at the mean slope; training draws
# its slopes from the generator in PyTorch's order), multilabel_margin_loss,
# local_response_norm (a Python composite ending in DivBackward0) and as_strided_.
X = "x = torch.tensor([[-2., -1., 0., 1.], [3., -0.5, 2., -4.]], requires_grad=True)\n"
SEEDED = "import torch.nn as nn\ntorch.manual_seed(0)\n" + X

RRELU = [
    ("autograd-backward", X + "y = F.rrelu(x)\ny.sum().backward()\n(y, x.grad)"),
    ("autograd-backward", X + "y = F.rrelu(x, 0.1, 0.3)\n(y * torch.arange(8.).view(2, 4)).sum().backward()\n(y, x.grad)"),
    ("autograd-backward", X + "y = torch.rrelu(x.double(), -0.3, 0.1)\ny.sum().backward()\n(y, x.grad)"),
    ("rng", SEEDED + "y = F.rrelu(x, training=True)\ny.sum().backward()\n(y, x.grad)"),
    ("rng", SEEDED + "y = F.rrelu(x.double() * 3, 0.2, 0.9, True)\ny.sum().backward()\n(y, x.grad)"),
    ("rng", SEEDED + "y = F.rrelu(x.t(), training=True)\n(y, torch.rand(2))"),
    ("rng", SEEDED + "y = F.rrelu(x, 0.25, 0.25, True)\ny.sum().backward()\n(y, x.grad)"),
    ("rng", SEEDED + "y = torch.randn(300)\nF.rrelu(y, training=True)"),
    ("rng", SEEDED + "y = torch.randn(300, dtype=torch.float64)\nF.rrelu(y, 0.01, 0.99, training=True)"),
    ("rng", SEEDED + "y = F.rrelu(x.bfloat16() * 3, training=True)\ny.sum().backward()\n(y, x.grad)"),
    ("rng", SEEDED + "y = x * 1\nz = F.rrelu_(y, training=True)\nz.sum().backward()\n(z, z is y, x.grad)"),
    ("autograd-backward", X + "y = x * 1\nz = torch.rrelu_(y)\nz.sum().backward()\n(z, z is y, x.grad)"),
    ("autograd-backward", X + "y = x * 2\nz = F.rrelu(y, inplace=True)\n(z, z is y)"),
    ("rng", SEEDED + "m = nn.RReLU()\na = m(x)\nm.eval()\n(repr(m), m.training, a, m(x))"),
    ("module", "import torch.nn as nn\n(repr(nn.RReLU(0.1, 0.3, inplace=True)), repr(nn.RReLU(0, 1)), nn.RReLU().upper)"),
    ("error", X + "F.rrelu(x, 0.5, 0.2)"),
    ("error", "F.rrelu(torch.tensor([1, -2]))"),
    ("error", "F.rrelu(torch.tensor([1, -2]), training=True)"),
    ("error", "F.rrelu(torch.tensor([1., -2.]).half(), training=True)"),
    ("error", X + "F.rrelu_(x)"),
]

INPUT = "x = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.3, -0.2, 0.5, 1.0], [2.0, -1.0, 0.7, 0.7]], requires_grad=True)\n"
TARGET = "y = torch.tensor([[3, 0, -1, 1], [1, 2, 3, -1], [0, 0, 2, -1]])\n"
MULTILABEL = [
    ("autograd-backward", INPUT + TARGET + "l = F.multilabel_margin_loss(x, y, reduction='%s')\n(l * torch.tensor(%s)).sum().backward()\n(l, x.grad)"
     % (reduction, weight)) for reduction, weight in [("none", "[1., 2., 3.]"), ("mean", "2."), ("sum", "0.5")]
] + [
    ("autograd-backward", INPUT + TARGET + "l = F.multilabel_margin_loss(x.double()[1], y[1])\nl.backward()\n(l, x.grad)"),
    ("autograd-backward", INPUT + TARGET + "l = F.multilabel_margin_loss(x[0], y[0], reduction='none')\nl.backward()\n(l, x.grad)"),
    ("loss", "torch.manual_seed(0)\nx = torch.randn(6, 9)\ny = torch.randint(-1, 9, (6, 9))\n(F.multilabel_margin_loss(x, y), F.multilabel_margin_loss(x, y, reduction='none'))"),
    ("loss", "F.multilabel_margin_loss(torch.tensor(0.5), torch.tensor([0]))"),
    ("loss", "import torch.nn as nn\nm = nn.MultiLabelMarginLoss(reduction='sum')\n(repr(m), m(torch.tensor([[0.1, 0.9, 0.3]]), torch.tensor([[2, -1, 0]])))"),
    ("error", INPUT + TARGET + "F.multilabel_margin_loss(x, y[0])"),
    ("error", INPUT + TARGET + "F.multilabel_margin_loss(x, y.int())"),
    ("error", INPUT + TARGET + "F.multilabel_margin_loss(x, y + 5)"),
    ("error", INPUT + TARGET + "F.multilabel_margin_loss(x, y - 5)"),
    ("error", INPUT + TARGET + "F.multilabel_margin_loss(x, y, reduction='bad')"),
    ("error", "F.multilabel_margin_loss(torch.zeros(2, 0), torch.zeros(2, 0).long())"),
    ("error", "F.multilabel_margin_loss(torch.ones(2, 3, 4), torch.zeros(2, 3, 4).long())"),
    ("error", "F.multilabel_margin_loss(torch.ones(2, 3).long(), torch.zeros(2, 3).long())"),
]

LRN = [
    ("autograd-backward", "x = torch.arange(24.).reshape(2, 3, 4).div(7).requires_grad_()\ny = F.local_response_norm(x, 2)\n"
     "(y * torch.arange(24.).view(2, 3, 4)).sum().backward()\n(y, x.grad)"),
    ("autograd-backward", "x = torch.arange(48.).reshape(2, 4, 3, 2).div(9).requires_grad_()\n"
     "y = F.local_response_norm(x, 3, alpha=0.5, beta=0.6, k=2.0)\ny.sum().backward()\n(y, x.grad)"),
    ("autograd-backward", "torch.manual_seed(0)\nx = torch.randn(2, 5, 3, 2, 2, dtype=torch.float64, requires_grad=True)\n"
     "y = F.local_response_norm(x, 4, alpha=0.3)\ny.sum().backward()\n(y, x.grad)"),
    ("module", "import torch.nn as nn\nm = nn.LocalResponseNorm(3, 0.5, 0.6, 2.0)\n(repr(m), repr(nn.LocalResponseNorm(2)), m(torch.ones(1, 4, 2)))"),
    ("loss", "x = torch.ones(2, 0, 3)\ny = F.local_response_norm(x, 2)\n(y, y is x)"),
    ("error", "F.local_response_norm(torch.ones(2, 3), 2)"),
    ("error", "F.local_response_norm(torch.ones(1, 3, 2), 0)"),
    ("error", "F.local_response_norm(torch.ones(1, 3, 2, 2), 0)"),
]

AS_STRIDED = [
    ("view", "a = torch.arange(6.)\nb = a.as_strided_((2, 2), (1, 2), 1)\n(b, a, b is a, a.stride(), a.storage_offset())"),
    ("autograd-backward", "b = torch.arange(6., requires_grad=True)\nc = b * 2\nr = c.as_strided_((2, 2), (1, 2))\n"
     "c.sum().backward()\n(r, r is c, b.grad)"),
    ("view", "a = torch.arange(6.)\n(torch.as_strided_(a, (2,), (2,)), a)"),
    ("error", "torch.arange(6., requires_grad=True).as_strided_((2,), (1,))"),
    ("error", "torch.arange(6.).as_strided_((2,), (1,), 10)"),
    ("error", "torch.arange(6.).as_strided_((2,), (-1,))"),
]

# CyclicLR, and load_state_dict on the epoch-driven schedulers: a scheduler made with other
# settings takes the saved ones and continues exactly as the saved one does.
CYCLE = ("from torch.optim import lr_scheduler as S\n"
         "def run(opt, make, steps=10):\n    s = make(opt)\n    out = [s.get_last_lr()]\n    for _ in range(steps):\n"
         "        opt.step()\n        s.step()\n        out.append((s.get_last_lr(), [g.get('momentum', g.get('betas')) for g in opt.param_groups]))\n"
         "    return out\n"
         "def sgd(momentum=0.9):\n    return torch.optim.SGD([torch.nn.Parameter(torch.ones(2))], lr=0.1, momentum=momentum)\n")
ROUNDTRIP = ("from torch.optim import lr_scheduler as S\n"
             "def opt():\n    return torch.optim.SGD([torch.nn.Parameter(torch.ones(2))], lr=0.1, momentum=0.9)\n"
             "def roundtrip(make_a, make_b):\n    oa = opt()\n    a = make_a(oa)\n    for _ in range(5):\n        oa.step()\n        a.step()\n"
             "    ob = opt()\n    ob.load_state_dict(oa.state_dict())\n    b = make_b(ob)\n"
             "    out = [b.load_state_dict(a.state_dict()), b.last_epoch, b.get_last_lr(), b.state_dict() == a.state_dict()]\n"
             "    for _ in range(4):\n        ob.step()\n        b.step()\n        oa.step()\n        a.step()\n"
             "        out.append((b.get_last_lr(), a.get_last_lr()))\n    return out\n")
SCHEDULERS = [("lr-scheduler", CYCLE + source) for source in [
    "run(sgd(), lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3))",
    "run(sgd(), lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=2, step_size_down=3, mode='triangular2', cycle_momentum=False), steps=12)",
    "run(torch.optim.Adam([torch.nn.Parameter(torch.ones(2))], lr=0.1), lambda o: S.CyclicLR(o, 0.001, 0.01, step_size_up=2, mode='exp_range', gamma=0.9), steps=8)",
    "run(sgd(0), lambda o: S.CyclicLR(o, 0.01, 0.1, step_size_up=2), steps=3)",
    "run(sgd(0.5), lambda o: S.CyclicLR(o, [0.01], [0.1], step_size_up=4, scale_fn=lambda x: 0.5 ** x, scale_mode='iterations'), steps=6)",
    "o = sgd()\ns = S.CyclicLR(o, 0.01, 0.1, step_size_up=3)\nfor _ in range(4):\n    o.step()\n    s.step()\n(s.state_dict(), sorted(o.param_groups[0].keys()))",
]] + [("lr-scheduler", ROUNDTRIP + "roundtrip(lambda o: S.%s, lambda o: S.%s)" % pair) for pair in [
    ("StepLR(o, 2, gamma=0.5)", "StepLR(o, 3)"), ("MultiStepLR(o, [1, 3, 3, 6], gamma=0.5)", "MultiStepLR(o, [2])"),
    ("ExponentialLR(o, 0.9)", "ExponentialLR(o, 0.5)"), ("CosineAnnealingLR(o, 7, 0.01)", "CosineAnnealingLR(o, 3)"),
    ("ConstantLR(o, 0.5, 7)", "ConstantLR(o)"), ("LinearLR(o, 0.2, 1.0, 8)", "LinearLR(o)"), ("PolynomialLR(o, 9, 2.0)", "PolynomialLR(o)"),
    ("CosineAnnealingWarmRestarts(o, 3, 2, 0.001)", "CosineAnnealingWarmRestarts(o, 5)"),
    ("CyclicLR(o, 0.01, 0.1, 3, mode='triangular2')", "CyclicLR(o, 0.02, 0.3, 5)"),
    ("CyclicLR(o, 0.01, 0.1, 2, mode='exp_range', gamma=0.8)", "CyclicLR(o, 0.02, 0.3, 5)"),
    ("LambdaLR(o, lambda e: 0.9 ** e)", "LambdaLR(o, lambda e: 0.9 ** e)"),
]] + [("lr-scheduler", CYCLE + "o = sgd()\ns = S.StepLR(o, 2)\ns.load_state_dict({'base_lrs': [], 'last_epoch': 3})\no.step()\ns.step()\n(s.get_last_lr(), s.last_epoch)")] + [("lr-scheduler-error", CYCLE + source) for source in [
    "S.CyclicLR(torch.optim.Adagrad([torch.nn.Parameter(torch.ones(2))]), 0.01, 0.1)",
    "S.CyclicLR(sgd(), 0.01, 0.1, mode='bad')",
    "S.CyclicLR(sgd(), [0.01, 0.02], 0.1)",
    "S.CyclicLR(sgd(), 0.01, [0.1, 0.2, 0.3])",
    "S.CyclicLR(sgd(), 0.01, 0.1, step_size_up=0)",
    "S.CyclicLR(sgd(), 0.01, 0.1, step_size_up=0, step_size_down=2)",
    "S.CyclicLR(sgd(), 0.01, 0.1, step_size_up=float('nan'))",
]]

PLATEAU = ("from torch.optim import lr_scheduler as S\n"
           "def opt():\n    return torch.optim.SGD([torch.nn.Parameter(torch.ones(2))], lr=0.1, momentum=0.9)\n")
SCHEDULERS += [("lr-scheduler", PLATEAU + source) for source in [
    "oa = opt()\na = S.ReduceLROnPlateau(oa, patience=1, cooldown=1)\nfor m in [1.0, 0.9, 0.95, 0.96, 0.97]:\n    oa.step()\n    a.step(m)\n"
    "ob = opt()\nob.load_state_dict(oa.state_dict())\nb = S.ReduceLROnPlateau(ob, mode='max', patience=5, min_lr=[0.001], threshold_mode='abs')\n"
    "before = b.state_dict()\nloaded = b.load_state_dict(a.state_dict())\nout = [before, loaded, b.state_dict() == a.state_dict()]\n"
    "for m in [0.99, 0.98, 0.97, 0.5, 0.6, 0.7, 0.8]:\n    ob.step()\n    b.step(m)\n    oa.step()\n    a.step(m)\n"
    "    out.append((b.get_last_lr(), a.get_last_lr(), b.num_bad_epochs, b.best))\nout",
    "S.ReduceLROnPlateau(opt(), min_lr=0.01, factor=0.5, eps=0).state_dict()",
]]

CASES = RRELU + MULTILABEL + LRN + AS_STRIDED + SCHEDULERS
