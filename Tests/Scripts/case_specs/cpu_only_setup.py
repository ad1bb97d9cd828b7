# What training scripts ask of a machine without a GPU (torch.cuda, torch.backends,
# autocast and GradScaler), and numpy's legacy gamma-family draws that mixup uses.
CASES = [("python", source) for source in [
    "torch.cuda.is_available(), torch.cuda.device_count(), torch.cuda.manual_seed(0), torch.cuda.manual_seed_all(0), torch.cuda.empty_cache()",
    "torch.backends.cudnn.benchmark, torch.backends.cudnn.deterministic, torch.backends.cudnn.enabled, torch.backends.mps.is_available()",
    "torch.backends.cudnn.benchmark = True\ntorch.backends.cudnn.benchmark",
    "device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\ndevice",
    "with torch.autocast(device_type='cpu', enabled=False):\n    y = torch.ones(2) * 3\ny",
    "s = torch.amp.GradScaler('cuda', enabled=False)\nx = torch.tensor(2., requires_grad=True)\nl = s.scale(x * 3)\nl.backward()\n(l, x.grad, s.get_scale(), s.is_enabled())",
    "net = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(net.parameters(), lr=0.5)\ns = torch.amp.GradScaler(enabled=False)\n"
    "s.scale(net(torch.ones(1, 2)).sum()).backward()\ns.step(opt)\ns.update()\nnet.weight.grad",
    "torch.cuda.current_device()",
]] + [("python", "import numpy as np\nnp.random.seed(0)\n" + source) for source in [
    "[np.random.beta(0.8, 0.8) for _ in range(5)]",
    "np.random.beta(2.0, 0.5), np.random.beta(1.0, 1.0), np.random.beta(0.2, 3)",
    "np.random.beta(0.4, 0.4, size=(2, 3))",
    "[np.random.gamma(0.5) for _ in range(3)], np.random.gamma(2.5, 2.0), np.random.standard_gamma(1.0)",
    "np.random.exponential(), np.random.exponential(2.0, size=3), np.random.standard_exponential(2), np.random.lognormal(0, 0.5)",
    "sum(np.random.beta(0.1 + (i % 7) * 0.3, 0.2 + (i % 5) * 0.4) for i in range(500))",
    "np.random.beta(0, 1)",
    "np.random.gamma(-1)",
]]
