# Training machinery recorded from PyTorch 2.15: nn.init schemes (their generator draws
# included), erfinv, in-place triangles, data loaders, schedulers, gradient clipping,
# deepcopy of models and dict key views. Each case is self-contained.
import_nn = "import torch.nn as nn\n"
S0 = import_nn + "_ = torch.manual_seed(0)\n"

CASES = [("functional", S0 + body) for body in [
    "w = torch.empty(3, 5)\nnn.init.trunc_normal_(w, std=0.02)\nw",
    "w = torch.empty(4, 6)\nnn.init.trunc_normal_(w, mean=0.0, std=1.0, a=1.0, b=1.5)\nw",
    "w = torch.empty(2, 3)\nnn.init.trunc_normal_(w, mean=0.5, std=0.1, a=0.0, b=1.0)\n_ = torch.rand(1)\nw",
    "k = torch.empty(4, 3, 2, 2)\nnn.init.kaiming_uniform_(k, a=5 ** 0.5)\nk[1]",
    "x = torch.empty(3, 4)\nnn.init.kaiming_normal_(x, mode='fan_out', nonlinearity='relu')\nx",
    "x = torch.empty(3, 4)\nnn.init.xavier_uniform_(x)\nx", "x = torch.empty(3, 4)\nnn.init.xavier_normal_(x, gain=2.0)\nx",
    "nn.init.calculate_gain('leaky_relu', 0.2)", "nn.init.calculate_gain('tanh')",
    "torch.erfinv(torch.tensor([-0.9, -0.3, 0.0, 0.5, 0.99, 1.0, 1.5]))",
    "torch.erfinv(torch.tensor([-0.9, 0.5, 0.99], dtype=torch.float64))",
    "m = torch.ones(3, 4)\nm.triu_(1)\nm", "m = torch.ones(3, 4)\nm.tril_(-1)\nm",
    "import copy\nm = nn.Sequential(nn.Linear(2, 2), nn.ReLU())\nc = copy.deepcopy(m)\nc[0].weight.data.fill_(1.0)\nm[0].weight",
    "d = {'a': 1, 'b': 2}\nd.keys() - {'a'}", "d = {'a': 1, 'b': 2}\nd.keys()",
]] + [("functional", S0 + body) for body in [
    "ds = torch.utils.data.TensorDataset(torch.arange(10.), torch.arange(10))\n[b[0] for b in torch.utils.data.DataLoader(ds, batch_size=4, shuffle=True)]",
    "ds = torch.utils.data.TensorDataset(torch.arange(10.), torch.arange(10))\n_ = list(torch.utils.data.DataLoader(ds, batch_size=4))\ntorch.rand(2)",
    "ds = torch.utils.data.TensorDataset(torch.arange(10.))\nlen(torch.utils.data.DataLoader(ds, batch_size=4, drop_last=True))",
    "list(torch.utils.data.DataLoader([(1, 2.0), (3, 4.0)], batch_size=2))",
    "ds = torch.utils.data.TensorDataset(torch.arange(10.))\ns = torch.utils.data.RandomSampler(ds, replacement=True, num_samples=100)\nit = iter(torch.utils.data.DataLoader(ds, batch_size=3, sampler=s))\n_ = next(it)\nnext(it)",
    "net = nn.Linear(3, 2)\nopt = torch.optim.SGD(net.parameters(), lr=1.0)\ns = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.7)\nfor _ in range(5):\n    opt.step()\n    s.step()\ns.get_last_lr()",
    "net = nn.Linear(3, 2)\nopt = torch.optim.Adam(net.parameters(), lr=0.1)\ns = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=3, eta_min=0.01)\nlrs = []\nfor _ in range(7):\n    opt.step()\n    s.step()\n    lrs.append(s.get_last_lr()[0])\nlrs",
    "net = nn.Linear(3, 2)\nopt = torch.optim.SGD(net.parameters(), lr=0.5)\ns = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 0.9 ** e)\nfor _ in range(3):\n    opt.step()\n    s.step()\nopt.param_groups[0]['lr']",
    "net = nn.Linear(3, 2)\nnet(torch.randn(4, 3)).pow(2).sum().backward()\ntorch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=0.5)",
    "net = nn.Linear(3, 2)\nnet(torch.randn(4, 3)).pow(2).sum().backward()\n_ = torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=0.5)\nnet.weight.grad",
    "net = nn.Linear(3, 2)\nnet(torch.randn(4, 3)).pow(2).sum().backward()\ntorch.nn.utils.clip_grad_value_(net.parameters(), 0.1)\nnet.bias.grad",
    "x = torch.randn(1, 2, 4, 4)\nF.interpolate(x, scale_factor=(6.1 / 4, 5.1 / 4), mode='bicubic')[0, 0]",
    "x = torch.randn(1, 2, 4, 4)\nF.interpolate(x, size=(3, 5), mode='bilinear', align_corners=False)[0, 1]",
    "x = torch.randn(1, 2, 4, 4)\nF.interpolate(x, size=(6, 6), mode='bilinear', align_corners=True)[0, 0, :2]",
    "x = torch.randn(1, 2, 4, 4)\nF.interpolate(x, scale_factor=2, mode='nearest')[0, 0, :3]",
    "x = torch.randn(1, 2, 4, 4)\nF.interpolate(x, size=(3, 7), mode='nearest')[0, 1]",
    "x = torch.randn(1, 2, 4, 4)\nF.interpolate(x, size=(5, 3), mode='bicubic', align_corners=True)[0, 0]",
]]
