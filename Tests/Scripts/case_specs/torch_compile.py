# torch.compile runs eagerly here; what compiling changes that a user sees is kept: the
# OptimizedModule wrapper, its _orig_mod. state_dict keys and repr, attribute forwarding,
# the decorator forms, and the one CompiledFunctionBackward node over inputs and parameters.
# (No dropout in training mode: inductor draws its own random numbers.)
NET = """import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.drop = nn.Dropout(0.5)
    def forward(self, x, targets=None):
        logits = self.drop(self.fc(x))
        loss = None if targets is None else nn.functional.cross_entropy(logits, targets)
        return logits, loss
torch.manual_seed(0)
"""
CASES = [("autograd", source) for source in [
    "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.Linear(2, 2)\ncm = torch.compile(m)\nprint(cm)\n(type(cm).__name__, list(cm.state_dict().keys()), cm.weight.shape, cm.training, len(list(cm.parameters())))",
    "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.Linear(2, 2)\ncm = torch.compile(m)\ny = cm(torch.ones(1, 2))\ny.sum().backward()\n(y, m.weight.grad, m.bias.grad)",
    "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.Linear(2, 2)\ncm = torch.compile(m, mode='reduce-overhead')\nx = torch.ones(1, 2, requires_grad=True)\nout = cm(x)\nout.pow(2).sum().backward()\nwith torch.no_grad():\n    plain = cm(torch.ones(1, 2))\n(out, x.grad, m.weight.grad, plain)",
    "def f(x): return x * 2\ncf = torch.compile(f)\n@torch.compile\ndef g(x):\n    return x + 1\n@torch.compile(fullgraph=True)\ndef h(x):\n    return x - 1\n(cf.__name__, cf(torch.ones(2)), g(torch.zeros(1)), h(torch.zeros(1)), type(torch.compile(mode='max-autotune')).__name__)",
    NET + "net = torch.compile(Net())\nnet.eval()\nlogits, loss = net(torch.ones(4, 2), torch.tensor([0, 1, 2, 0]))\nloss.backward()\n(logits, loss, net.fc.weight.grad, net(torch.ones(1, 2))[1])",
    "torch.compile(3)",
]]
