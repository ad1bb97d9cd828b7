# Convolution, pooling and normalization layers: forward values, gradients after
# backward, module reprs and initial weights after manual_seed, running statistics, and
# the errors of bad shapes. Record with:
# python3 Tests/Scripts/record_cases.py Tests/Scripts/case_specs/layers.py Tests/InterpreterTests/Fixtures/layer_cases.jsonl
NN = "import torch.nn as nn\n"
IMG = NN + "torch.manual_seed(0)\nx = torch.randn(2, 3, 7, 6, requires_grad=True)\n"
SEQ = NN + "torch.manual_seed(1)\ns = torch.randn(2, 4, 9, requires_grad=True)\n"
GRID = "g = torch.arange(30.).view(1, 1, 5, 6).requires_grad_()\n"

CASES = []


def add(category, setup, *bodies):
    for body in bodies:
        CASES.append((category, setup + body))


add("conv", IMG,
    "F.conv2d(x, torch.ones(2, 3, 3, 3))",
    "F.conv2d(x, torch.ones(2, 3, 3, 3), torch.tensor([1.0, -1.0]), stride=2, padding=1)",
    "F.conv2d(x, torch.ones(3, 1, 2, 3) * 0.5, groups=3)",
    "F.conv2d(x, torch.ones(2, 3, 2, 2), dilation=2, padding=(2, 1))",
    # PyTorch warns about this once per process, so only this case may pad unevenly.
    "F.conv2d(x, torch.ones(2, 3, 4, 3), padding='same')",
    "F.conv2d(x, torch.ones(2, 3, 3, 3), padding='valid').shape",
    "F.conv2d(x[0], torch.ones(2, 3, 3, 3))",
    "F.conv2d(x, torch.ones(2, 3, 3, 3)).grad_fn",
    "F.conv2d(x[0], torch.ones(2, 3, 3, 3)).grad_fn",
    "F.conv2d(x, torch.ones(2, 3, 3, 3), stride=(2, 1)).pow(2).sum().backward()\nx.grad[1]",
    "w = torch.ones(4, 3, 2, 2, requires_grad=True)\nF.conv2d(x, w, stride=2).pow(2).sum().backward()\nw.grad",
    "w = torch.ones(2, 1, 3, 3, requires_grad=True)\nb = torch.zeros(2, requires_grad=True)\n"
    "F.conv2d(x[:, :2], w, b, padding=1, groups=2).sin().sum().backward()\nb.grad",
    "w = torch.ones(2, 1, 3, 3, requires_grad=True)\nF.conv2d(x[:, :2], w, padding=1, groups=2, dilation=(1, 2)).sin().sum().backward()\nw.grad",
    "F.conv2d(torch.arange(16).view(1, 1, 4, 4), torch.ones(1, 1, 2, 2, dtype=torch.long))",
    "F.conv2d(x.double(), torch.ones(2, 3, 3, 3, dtype=torch.float64), stride=3)",
)
add("conv", SEQ,
    "F.conv1d(s, torch.ones(3, 4, 3))",
    "F.conv1d(s, torch.ones(4, 2, 2), torch.tensor([0.5, 0.0, 1.0, -1.0]), stride=2, padding=1, dilation=2, groups=2)",
    "F.conv1d(s, torch.ones(3, 4, 3), padding='same', dilation=2)",
    "F.conv1d(s, torch.ones(3, 4, 3)).pow(2).sum().backward()\ns.grad",
    "conv = nn.Conv1d(4, 2, 3, stride=2)\nconv(s).sum().backward()\nconv.weight.grad",
    "conv = nn.Conv1d(4, 2, 3, padding=1)\nconv",
    "conv = nn.Conv1d(4, 2, 3, padding=1)\nconv(s)",
)
add("conv-module", IMG,
    "nn.Conv2d(3, 8, 3)",
    "nn.Conv2d(1, 32, 3, 1)",
    "nn.Conv2d(4, 6, (3, 5), stride=2, padding=1, dilation=2, groups=2, bias=False)",
    "nn.Conv2d(3, 4, 3, padding='same')",
    "nn.Conv2d(3, 4, 3, padding='valid')",
    "nn.Conv2d(3, 4, 3, padding_mode='reflect')",
    "nn.Conv2d(3, 4, 2).weight",
    "nn.Conv2d(3, 4, 2).bias",
    "conv = nn.Conv2d(3, 2, 3, groups=1)\nconv.weight[1, 2]",
    "conv = nn.Conv2d(3, 6, 2, groups=3)\nconv.bias",
    "conv = nn.Conv2d(3, 2, 3, padding=1)\nconv(x)[1, 0]",
    "conv = nn.Conv2d(3, 2, 3, padding=1)\nconv(x).tanh().sum().backward()\nconv.weight.grad[0]",
    "conv = nn.Conv2d(3, 2, 3, padding=1)\nconv(x).tanh().sum().backward()\nconv.bias.grad",
    "conv = nn.Conv2d(3, 2, 3, padding=1)\nconv(x).tanh().sum().backward()\nx.grad[0, 1]",
    "conv = nn.Conv2d(3, 4, 3)\n[n for n, p in conv.named_parameters()]",
    "conv = nn.Conv2d(3, 4, (2, 3), stride=(1, 2))\n(conv.kernel_size, conv.stride, conv.padding, conv.in_channels, conv.out_channels)",
    "nn.Conv2d(3, 4, 3, groups=2)",
    "nn.Conv2d(3, 4, 3)(torch.randn(3, 5))",
)
add("pool", IMG,
    "F.max_pool2d(x, 2)",
    "F.max_pool2d(x, 3, stride=2, padding=1)",
    "F.max_pool2d(x, (2, 3), stride=(1, 2), ceil_mode=True)",
    "F.max_pool2d(x, 2, dilation=2)",
    "F.max_pool2d(x, 2, return_indices=True)[1]",
    "F.max_pool2d(x, 2).grad_fn",
    "F.max_pool2d(x, 3, 2, 1).pow(2).sum().backward()\nx.grad[0, 0]",
    "F.max_pool2d(x[0], 2, ceil_mode=True)",
    "F.avg_pool2d(x, 2)",
    "F.avg_pool2d(x, 3, stride=2, padding=1)",
    "F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)",
    "F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True)",
    "F.avg_pool2d(x, 2, divisor_override=3)",
    "F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False).pow(2).sum().backward()\nx.grad[1, 2]",
    "F.avg_pool2d(x, 2).grad_fn",
    "F.adaptive_avg_pool2d(x, (2, 3))",
    "F.adaptive_avg_pool2d(x, 4)",
    "F.adaptive_avg_pool2d(x, 1)",
    "F.adaptive_avg_pool2d(x, (None, 2))",
    "F.adaptive_avg_pool2d(x, (4, 5)).pow(2).sum().backward()\nx.grad[0, 2]",
    "F.adaptive_avg_pool2d(x, (2, 2)).grad_fn",
    "F.adaptive_avg_pool2d(x, 1).grad_fn",
    "nn.MaxPool2d(2)",
    "nn.MaxPool2d((2, 3), stride=1, padding=1, ceil_mode=True)",
    "nn.MaxPool2d(2, return_indices=True)(x)[1]",
    "nn.AvgPool2d(2)",
    "nn.AvgPool2d(3, 2, 1, count_include_pad=False)",
    "nn.AvgPool2d(3, 2, 1, count_include_pad=False)(x)",
    "nn.AdaptiveAvgPool2d(1)",
    "nn.AdaptiveAvgPool2d((2, None))",
    "nn.AdaptiveAvgPool2d((3, 2))(x)",
    "F.max_pool2d(x, 3, padding=2)",
    "F.max_pool2d(torch.randn(1, 1, 2, 2), 3)",
    "F.max_pool2d(torch.randn(5, 5), 2)",
    "F.max_pool2d(x, 2, stride=0)",
)
add("pool", GRID,
    "F.max_pool2d(g, 2, 1)",
    "F.max_pool2d(g, 3, 2, 1, return_indices=True)",
    "F.max_pool2d(torch.arange(16).view(1, 1, 4, 4), 2)",
    "F.max_pool2d(torch.tensor([[[1.0, float('nan')], [3.0, 2.0]]]), 2)",
    "F.avg_pool2d(g, 3, 2, 1, ceil_mode=True)",
    "F.avg_pool2d(g, 3, 2, 1, ceil_mode=True, count_include_pad=False)",
    "F.avg_pool2d(torch.arange(16).view(1, 1, 4, 4), 2)",
    "F.adaptive_avg_pool2d(g, (2, 4))",
    "F.avg_pool2d(g, 2, 1).sum().backward()\ng.grad",
    "F.max_pool2d(g, 2, 1).sum().backward()\ng.grad",
    "F.adaptive_avg_pool2d(g, (3, 4)).sum().backward()\ng.grad",
)
add("batchnorm", IMG,
    "nn.BatchNorm2d(16)",
    "nn.BatchNorm1d(4, momentum=None, affine=False, track_running_stats=False)",
    "nn.BatchNorm2d(3, eps=1e-3, momentum=0.3)",
    "bn = nn.BatchNorm2d(3)\nbn(x)[0, 1]",
    "bn = nn.BatchNorm2d(3)\n_ = bn(x)\nbn.running_mean",
    "bn = nn.BatchNorm2d(3)\n_ = bn(x)\nbn.running_var",
    "bn = nn.BatchNorm2d(3)\n_ = bn(x)\n_ = bn(x * 2)\nbn.num_batches_tracked",
    "bn = nn.BatchNorm2d(3, momentum=None)\n_ = bn(x)\n_ = bn(x * 2 + 1)\nbn.running_var",
    "bn = nn.BatchNorm2d(3)\n_ = bn(x)\nbn.eval()\nbn(x)[1, 2]",
    "bn = nn.BatchNorm2d(3)\nbn.eval()\n_ = bn(x)\nbn.num_batches_tracked",
    "bn = nn.BatchNorm2d(3)\nbn(x).grad_fn",
    "bn = nn.BatchNorm2d(3)\n(bn(x) * torch.arange(6.)).sum().backward()\nbn.weight.grad",
    "bn = nn.BatchNorm2d(3)\n(bn(x) * torch.arange(6.)).sum().backward()\nbn.bias.grad",
    "bn = nn.BatchNorm2d(3)\n(bn(x) * torch.arange(6.)).sum().backward()\nx.grad[0, 0]",
    "bn = nn.BatchNorm2d(3)\nbn.eval()\n(bn(x) * torch.arange(6.)).sum().backward()\nx.grad[1, 1]",
    "bn = nn.BatchNorm2d(3, affine=False)\nbn(x)[1, 0]",
    "bn = nn.BatchNorm2d(3, track_running_stats=False)\nbn.eval()\nbn(x)[0, 2]",
    "bn = nn.BatchNorm2d(3, track_running_stats=False)\nbn.running_mean",
    "bn = nn.BatchNorm1d(3)\nbn(x[:, :, 0, :])[1]",
    "bn = nn.BatchNorm1d(3)\nbn(x[:, :, 0, 0])",
    "bn = nn.BatchNorm1d(6)\n_ = bn(x[0].reshape(7, 6))\nbn.running_var",
    "[n for n, p in nn.BatchNorm2d(3).named_parameters()]",
    "F.batch_norm(x, torch.zeros(3), torch.ones(3), training=True)[1, 1]",
    "F.batch_norm(x, torch.ones(3), torch.ones(3) * 4)[0, 0]",
    "rm = torch.zeros(3)\nrv = torch.ones(3)\n_ = F.batch_norm(x, rm, rv, training=True, momentum=0.5)\nrv",
    "F.batch_norm(x, None, None, torch.tensor([1.0, 2.0, 3.0]), torch.tensor([0.0, 1.0, 0.0]), training=True).mul(torch.arange(6.)).sum().backward()\nx.grad[0, 1]",
    "nn.BatchNorm2d(3)(torch.randn(2, 3))",
    "nn.BatchNorm1d(3)(torch.randn(1, 3))",
    "nn.BatchNorm1d(3)(torch.randn(2, 3, 4, 5))",
)
add("groupnorm", IMG,
    "nn.GroupNorm(2, 4)",
    "nn.GroupNorm(1, 3, eps=1e-3, affine=False)",
    "gn = nn.GroupNorm(1, 3)\ngn(x)[0, 1]",
    "gn = nn.GroupNorm(3, 3)\ngn(x)[1, 2]",
    "gn = nn.GroupNorm(1, 3)\ngn(x).grad_fn",
    "gn = nn.GroupNorm(3, 3)\n(gn(x) * torch.arange(6.)).sum().backward()\ngn.weight.grad",
    "gn = nn.GroupNorm(1, 3)\n(gn(x) * torch.arange(6.)).sum().backward()\nx.grad[1, 0]",
    "F.group_norm(x, 3, torch.tensor([1.0, 2.0, 3.0]), torch.tensor([0.5, 0.0, -0.5]))[0, 2]",
    "F.group_norm(x, 2)",
    "nn.GroupNorm(2, 3)",
)
add("layers-model", NN + "torch.manual_seed(0)\nconv = nn.Conv2d(1, 4, 3, padding=1)\nbn = nn.BatchNorm2d(4)\n",
    "net = nn.Sequential(conv, bn, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16, 3))\nnet",
    "net = nn.Sequential(conv, bn, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16, 3))\n"
    "net(torch.randn(2, 1, 4, 4))",
    "net = nn.Sequential(conv, bn, nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3))\n"
    "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)\ninp = torch.randn(3, 1, 5, 5)\nt = torch.tensor([0, 2, 1])\n"
    "for _ in range(3):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nconv.weight[2]",
    "net = nn.Sequential(conv, bn, nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3))\n"
    "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)\ninp = torch.randn(3, 1, 5, 5)\nt = torch.tensor([0, 2, 1])\n"
    "for _ in range(3):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nbn.running_mean",
)
NET = (NN + "torch.manual_seed(0)\n"
       "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
       "        self.conv = nn.Conv2d(1, 2, 3)\n        self.bn = nn.BatchNorm2d(2)\n"
       "    def forward(self, x):\n        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)\n"
       "net = Net()\ninp = torch.randn(2, 1, 6, 6)\n")
add("layers-model", NET,
    "net",
    "net(inp)",
    "_ = net.eval()\nnet(inp)",
    "_ = net(inp)\n_ = net.eval()\n_ = net(inp)\nnet.bn.num_batches_tracked",
    "net(inp).sum().backward()\nnet.conv.weight.grad",
    "[n for n, p in net.named_parameters()]",
)
