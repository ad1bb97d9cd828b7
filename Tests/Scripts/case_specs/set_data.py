# `x.data = y` is PyTorch's set_data: the tensor takes y's storage, dtype and shape while
# it keeps its identity, its requires_grad and its place among a module's parameters.
CASES = [("autograd", source) for source in [
    "a = torch.zeros(2, requires_grad=True)\na.data = torch.ones(3)\ny = (a * 2).sum()\ny.backward()\n(a, a.is_leaf, a.grad)",
    "a = torch.zeros(2, requires_grad=True)\nb = a * 2\na.data = torch.ones(3)\nb.sum().backward()\n(a, a.grad)",
    "a = torch.zeros(3, requires_grad=True)\nb = a * 2\na.data = torch.zeros(1, 3)\nb.sum().backward()\na.grad",
    "w = torch.ones(3, requires_grad=True)\ny = (torch.ones(2, 3) * w).sum()\nw.data = torch.ones(1, 3)\ny.backward()\nw.grad",
    "a = torch.zeros(2, requires_grad=True)\na.data = torch.ones(2, dtype=torch.float64)\n(a, a.dtype)",
    "a = torch.zeros(2)\na.data = torch.ones(2, dtype=torch.int64)\nc = torch.ones(2)\nb = torch.zeros(2)\nb.data = c\nc.add_(1)\n(a, b)",
    "a = torch.zeros(4)\nv = a[:2]\na.data = torch.ones(3)\nv.fill_(5)\n(v, a)",
    "import torch.nn as nn\ntorch.manual_seed(0)\nlin = nn.Linear(2, 3)\nlin.weight.data = torch.ones(3, 2)\nlin.bias.data.zero_()\n(lin.weight, lin(torch.ones(1, 2)), [p.shape for p in lin.parameters()])",
    "import torch.nn as nn\ntorch.manual_seed(0)\nfc = nn.Linear(4, 2)\nold = fc.weight.data\nfc.weight.data = torch.cat([old, torch.zeros(1, 4)])\nfc.out_features = 3\n(fc, fc.weight.shape, fc(torch.ones(1, 4)).shape)",
    "a = torch.zeros(2)\na.data = 5",
]]
