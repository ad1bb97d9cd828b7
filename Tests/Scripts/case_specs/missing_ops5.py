# Ops real PyTorch code uses that TensorTutor lacked: F.unfold / F.fold (im2col and
# col2im) with nn.Unfold / nn.Fold, and more below. Values, dtypes, PyTorch's errors
# and gradients (grad_fn names included). Recorded by record_cases.py.
NN = "import torch.nn as nn\n"
IMG = "x = torch.arange(2 * 3 * 4 * 5.).view(2, 3, 4, 5)\n"
SMALL = "s = torch.arange(18.).view(2, 3, 3)\n"
UNFOLD = [
    "F.unfold(x, 2)", "F.unfold(x, (2, 3))", "F.unfold(x, (2, 3), dilation=1, padding=1, stride=(2, 1))",
    "F.unfold(x, 2, dilation=2)", "F.unfold(x, (3, 2), dilation=(1, 2), padding=(2, 0), stride=(1, 3))",
    "F.unfold(x[0], 2)", "F.unfold(s, (1, 2), padding=1, stride=2)", "F.unfold(x, 1).shape", "F.unfold(x, (4, 5)).shape",
    "F.unfold(x.double(), 2, stride=2)", "F.unfold(x > 30, 2)", "F.unfold(x[:0], 2).shape",
    "F.unfold(x.transpose(2, 3), 2, stride=(2, 1))", "F.unfold(x, 2).is_contiguous()",
    "F.unfold(torch.zeros(2, 3), 2)", "F.unfold(torch.zeros(3), 2)", "F.unfold(torch.zeros(()), 2)",
    "F.unfold(torch.zeros(1, 2, 3, 3), 4)", "F.unfold(torch.zeros(1, 2, 3, 3), 0)", "F.unfold(torch.zeros(1, 1, 3, 3), (2, 0))",
    "F.unfold(torch.zeros(1, 2, 3, 3), 2, stride=0)", "F.unfold(torch.zeros(1, 2, 3, 3), 2, stride=-1)",
    "F.unfold(torch.zeros(1, 2, 3, 3), 2, padding=-1)", "F.unfold(torch.zeros(1, 2, 3, 3), 2, dilation=0)",
    "F.unfold(torch.zeros(1, 1, 3, 3), 2, dilation=0, padding=-1, stride=0)", "F.unfold(torch.zeros(1, 1, 3, 3), 2, padding=-1, stride=0)",
    "F.unfold(torch.zeros(1, 2, 3, 3), (2, 2, 2))", "F.unfold(torch.zeros(1, 1, 3, 3), (2,))", "F.unfold(torch.zeros(1, 2, 3, 3), 2, padding=(1, 2, 3))",
    "F.unfold(torch.zeros(1, 1, 2, 3, 3), 2)", "F.unfold(torch.zeros(2, 0, 3), 2)", "F.unfold(torch.zeros(1, 0, 3, 3), 2)",
    "F.unfold(torch.zeros(1, 2, 0, 3), 2)", "F.unfold(torch.zeros(2, 3), 0)", "F.unfold(torch.zeros(2, 3), 2, padding=-1)",
    "F.unfold(torch.zeros(1, 2, 3, 3, dtype=torch.long), 2)", "F.unfold(torch.zeros(1, 1, 3, 3, dtype=torch.int32), 2)",
    "F.unfold(torch.zeros(1, 1, 1, 1, dtype=torch.int64), 2)",
]
FOLD = [
    "F.fold(torch.ones(1, 4, 4), 3, 2)", "F.fold(torch.arange(2 * 12 * 6.).view(2, 12, 6), (3, 4), (2, 2), stride=(1, 2))",
    "F.fold(torch.arange(2 * 18 * 15.).view(2, 18, 15), (4, 5), (2, 3), padding=1, stride=(2, 1))",
    "F.fold(torch.arange(24.).view(8, 3), (2, 4), (2, 2), dilation=(1, 2))",
    "F.fold(F.unfold(x, (2, 3), dilation=(2, 1), padding=(1, 0)), (4, 5), (2, 3), dilation=(2, 1), padding=(1, 0))",
    "F.fold(torch.ones(1, 9, 4).double(), (4, 4), 3, dilation=1, padding=1, stride=2)",
    "F.fold(torch.zeros(0, 8, 4), 3, 2).shape", "F.fold(torch.ones(1, 4, 1, dtype=torch.bool), 2, 2)",
    "F.fold(torch.zeros(1, 5, 4), 3, 2)", "F.fold(torch.zeros(1, 8, 3), 3, 2)", "F.fold(torch.zeros(1, 8, 4, 1), 3, 2)",
    "F.fold(torch.zeros(8, 4), 3, 2).shape", "F.fold(torch.zeros(1, 8, 4), 3, 0)", "F.fold(torch.zeros(1, 8, 4), 1, 2)",
    "F.fold(torch.zeros(1, 0, 4), 2, 1)", "F.fold(torch.zeros(1, 4, 0), 2, 1)", "F.fold(torch.zeros(4), 2, 1)", "F.fold(torch.zeros(()), 2, 1)",
    "F.fold(torch.zeros(1, 4, 1), (2, 2, 2), 1)", "F.fold(torch.zeros(1, 4, 1), 2, (1, 1, 1))", "F.fold(torch.zeros(1, 4, 1), 0, 1)",
    "F.fold(torch.zeros(1, 9, 1), 1, 3)", "F.fold(torch.zeros(1, 5, 1), 2, (1, 2))", "F.fold(torch.zeros(1, 8, 4), 3, 2, stride=0)",
    "F.fold(torch.zeros(1, 8, 4), 3, 2, padding=-1)", "F.fold(torch.zeros(1, 8, 4), 3, 2, dilation=0)",
    "F.fold(torch.zeros(1, 4, 1), 2, 2, dilation=0, padding=-1, stride=0)", "F.fold(torch.zeros(1, 4, 1), 2, 2, padding=-1, stride=0)",
    "F.fold(torch.zeros(1, 4, 1), 2, 2, padding=-1, dilation=0)",
    "F.fold(torch.zeros(1, 4, 1, dtype=torch.int64), 2, 2)", "F.fold(torch.zeros(1, 4, 4, dtype=torch.int64), 2, 2)",
]
MODULES = [
    "nn.Unfold(2)", "nn.Unfold((2, 3), dilation=2, padding=1, stride=2)", "nn.Fold((4, 5), 2)", "nn.Fold(3, (2, 3), 1, 0, 1)",
    "nn.Unfold(kernel_size=(2, 2), stride=(1, 2))(x)", "nn.Fold(output_size=(4, 5), kernel_size=(2, 3), padding=1)(F.unfold(x, (2, 3), padding=1))",
    "nn.Unfold(2, padding=-1)(x)", "nn.Unfold()", "nn.Fold(3)",
]
GRADIENTS = [
    "w = x.clone().requires_grad_()\ny = F.unfold(w, (2, 3), padding=1, stride=(2, 1))\n(y * torch.arange(y.numel()).view(y.shape).sin()).sum().backward()\n(y.grad_fn, w.grad)",
    "w = x.clone().requires_grad_()\ny = F.unfold(w, 3, dilation=(1, 2), padding=(1, 2))\n(y ** 2).sum().backward()\n(y.grad_fn, w.grad)",
    "w = x[0].clone().requires_grad_()\ny = F.unfold(w, 2)\ny.sum().backward()\n(y.grad_fn, w.grad)",
    "c = torch.arange(2 * 18 * 15.).view(2, 18, 15).cos().requires_grad_()\nz = F.fold(c, (4, 5), (2, 3), padding=1, stride=(2, 1))\n(z * torch.arange(120.).view(2, 3, 4, 5)).sum().backward()\n(z.grad_fn, c.grad)",
    "c = torch.ones(8, 4, requires_grad=True)\nz = F.fold(c, 3, 2)\n(z ** 3).sum().backward()\n(z.grad_fn, c.grad)",
    "w = x.double().requires_grad_()\nz = F.fold(F.unfold(w, 2, stride=1), (4, 5), 2)\nz.sum().backward()\n(z.grad_fn, z.grad_fn.next_functions[0][0], w.grad)",
]
CASES = ([("unfold", IMG + SMALL + body) for body in UNFOLD] + [("fold", IMG + body) for body in FOLD]
         + [("fold-modules", NN + IMG + body) for body in MODULES] + [("fold-gradients", IMG + body) for body in GRADIENTS])

# F.instance_norm and nn.InstanceNorm1d/2d: batch norm over [1, N·C, *] as ATen runs it.
XI = "x = torch.arange(2 * 3 * 5.).view(2, 3, 5).sin() * 3\nq = torch.arange(2 * 3 * 4 * 4.).view(2, 3, 4, 4).cos() * 2 + 1\n"
INSTANCE = [
    "F.instance_norm(x)", "F.instance_norm(q)", "F.instance_norm(q, eps=0.1)", "F.instance_norm(x, weight=torch.tensor([1., 2., -1.]), bias=torch.tensor([0., 1., 2.]))",
    "F.instance_norm(x.double())", "F.instance_norm(q[0])", "F.instance_norm(q.transpose(2, 3))",
    "m = torch.zeros(3)\nv = torch.ones(3)\ny = F.instance_norm(x, m, v)\n(y, m, v)",
    "m = torch.zeros(3)\nv = torch.ones(3)\ny = F.instance_norm(q, m, v, momentum=0.3)\n(y, m, v)",
    "m = torch.tensor([0.5, -1., 2.])\nv = torch.tensor([1., 4., 0.25])\ny = F.instance_norm(x, m, v, use_input_stats=False)\n(y, m, v)",
    "F.instance_norm(torch.zeros(2, 3, 1))", "F.instance_norm(torch.zeros(2, 3))", "F.instance_norm(torch.zeros(3))",
    "F.instance_norm(torch.zeros(2, 3, 4), use_input_stats=False)", "F.instance_norm(torch.zeros(2, 3, 4), weight=torch.ones(2))",
    "F.instance_norm(torch.zeros(2, 3, 4), torch.zeros(2), torch.ones(2))", "F.instance_norm(torch.zeros(2, 3, 4, dtype=torch.long))",
    "F.instance_norm(torch.zeros(2, 3, 4), torch.zeros(3), torch.ones(3), use_input_stats=False).shape",
]
INSTANCE_MODULES = [
    "nn.InstanceNorm1d(3)", "nn.InstanceNorm2d(4, affine=True, track_running_stats=True)", "nn.InstanceNorm1d(3, momentum=None, eps=1e-3)",
    "nn.InstanceNorm2d(3, affine=True, bias=False)", "sorted(nn.InstanceNorm1d(3, track_running_stats=True).state_dict().keys())",
    "list(nn.InstanceNorm1d(3).parameters())", "[n for n, _ in nn.InstanceNorm2d(3, affine=True).named_parameters()]",
    "nn.InstanceNorm1d(3)(x)", "nn.InstanceNorm2d(3)(q)", "nn.InstanceNorm1d(3)(x[0])", "nn.InstanceNorm2d(3)(q[1])",
    "n = nn.InstanceNorm1d(3, track_running_stats=True)\ny = n(x)\n(y, n.running_mean, n.running_var, n.num_batches_tracked)",
    "n = nn.InstanceNorm2d(3, track_running_stats=True, momentum=0.5)\nn(q)\nn(q * 2)\nn.eval()\n(n(q), n.running_mean, n.running_var)",
    "n = nn.InstanceNorm1d(3, track_running_stats=True, momentum=None)\nn(x)\n(n.running_mean, n.running_var)",
    "n = nn.InstanceNorm1d(3, affine=True)\nn.eval()\nn(x)",
    "n = nn.InstanceNorm1d(3, track_running_stats=True)\nn(x[0])\n(n.running_mean, n.running_var)",
    "nn.InstanceNorm1d(3)(torch.zeros(2, 3, 4, 5))", "nn.InstanceNorm2d(3)(torch.zeros(2, 3))",
    "nn.InstanceNorm1d(3, affine=True)(torch.zeros(2, 4, 5))", "nn.InstanceNorm1d(3)(torch.zeros(1, 3, 1))",
    "import warnings\nwith warnings.catch_warnings(record=True) as caught:\n    warnings.simplefilter('always')\n    y = nn.InstanceNorm1d(3)(torch.zeros(2, 4, 5))\n(y.shape, str(caught[0].message))",
    "n = nn.InstanceNorm1d(3, track_running_stats=True)\nn.eval()\nn(torch.zeros(1, 3, 1))",
    "nn.InstanceNorm1d()",
]
INSTANCE_GRADIENTS = [
    "w = x.clone().requires_grad_()\ny = F.instance_norm(w)\n(y * torch.arange(30.).view(2, 3, 5).cos()).sum().backward()\n(y.grad_fn, y.grad_fn.next_functions[0][0], w.grad)",
    "w = q.clone().requires_grad_()\ng = torch.tensor([1., 2., -1.], requires_grad=True)\nb = torch.zeros(3, requires_grad=True)\ny = F.instance_norm(w, weight=g, bias=b)\n(y ** 3).sum().backward()\n(w.grad, g.grad, b.grad)",
    "n = nn.InstanceNorm1d(3, affine=True)\nw = x.clone().requires_grad_()\ny = n(w[0])\n(y * torch.arange(15.).view(3, 5)).sum().backward()\n(y.grad_fn, w.grad, n.weight.grad, n.bias.grad)",
    "m = torch.zeros(3)\nv = torch.ones(3)\nw = x.clone().requires_grad_()\ny = F.instance_norm(w, m, v, use_input_stats=False)\n(y * x).sum().backward()\nw.grad",
]
CASES += ([("instance-norm", XI + body) for body in INSTANCE] + [("instance-norm-modules", NN + XI + body) for body in INSTANCE_MODULES]
          + [("instance-norm-gradients", NN + XI + body) for body in INSTANCE_GRADIENTS])

# F.adaptive_max_pool1d/2d and nn.AdaptiveMaxPool1d/2d, with indices and gradients.
XA = "a = torch.arange(2 * 3 * 5 * 7.).view(2, 3, 5, 7).sin()\nl = torch.arange(2 * 3 * 7.).view(2, 3, 7).cos()\n"
ADAPTIVE_MAX = [
    "F.adaptive_max_pool2d(a, (2, 3))", "F.adaptive_max_pool2d(a, (2, 3), return_indices=True)", "F.adaptive_max_pool2d(a, 3, True)",
    "F.adaptive_max_pool2d(a[0], (4, None), return_indices=True)", "F.adaptive_max_pool2d(a, (5, 7), return_indices=True)[1][0, 0]",
    "F.adaptive_max_pool2d(a, (7, 9), return_indices=True)", "F.adaptive_max_pool2d(a, 1)", "F.adaptive_max_pool2d(a.double(), (3, 2))",
    "F.adaptive_max_pool2d(torch.tensor([[[1., float('nan'), 3.], [0., 2., float('nan')]]]), (1, 2), return_indices=True)",
    "F.adaptive_max_pool2d(torch.tensor([[[2., 2., 1.], [2., 0., 2.]]]), 1, return_indices=True)",
    "F.adaptive_max_pool1d(l, 3)", "F.adaptive_max_pool1d(l, 4, return_indices=True)", "F.adaptive_max_pool1d(l[0], 2, return_indices=True)",
    "F.adaptive_max_pool2d(a[:0], 2).shape",
    "F.adaptive_max_pool2d(torch.zeros(5, 7), 2)", "F.adaptive_max_pool2d(torch.zeros(1, 2, 5, 7, dtype=torch.long), 2)",
    "F.adaptive_max_pool2d(torch.zeros(1, 2, 5, 7), (2, -1))", "F.adaptive_max_pool1d(torch.zeros(5), 2)",
    "F.adaptive_max_pool2d(torch.zeros(1, 0, 5, 7), 2)",
    "nn.AdaptiveMaxPool2d((2, None))", "nn.AdaptiveMaxPool1d(3, return_indices=True)", "nn.AdaptiveMaxPool2d(2)(a)",
    "nn.AdaptiveMaxPool2d((2, 3), return_indices=True)(a)", "nn.AdaptiveMaxPool1d(2)(l)",
    "w = a.clone().requires_grad_()\ny = F.adaptive_max_pool2d(w, (2, 3))\n(y * torch.arange(36.).view(2, 3, 2, 3)).sum().backward()\n(y.grad_fn, w.grad)",
    "w = a.clone().requires_grad_()\ny = F.adaptive_max_pool2d(w, (7, 9))\ny.sum().backward()\n(y.grad_fn, w.grad)",
    "w = l.clone().requires_grad_()\ny = F.adaptive_max_pool1d(w, 3)\n(y ** 2).sum().backward()\n(y.grad_fn, w.grad)",
]
CASES += [("adaptive-max-pool", NN + XA + body) for body in ADAPTIVE_MAX]

# Absurd sizes fail ATen's checks with its numbers (int64 products wrap) instead of trapping.
CASES += [
    ("fold", "F.fold(torch.randn(1, 4, 4), (2**40, 2**40), 2)"),
    ("fold", "F.fold(torch.randn(1, 4, 4), (3, 3), (2**32, 2**32))"),
    ("unfold", "F.unfold(torch.randn(1, 1, 4, 4), 10**18)"),
]
