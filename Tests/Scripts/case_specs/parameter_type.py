# nn.Parameter is a class in PyTorch: isinstance/type/issubclass answer as there, and
# `type(p).__name__` is 'Parameter' (init code branches on it), while ops on a
# Parameter return plain tensors.
CASES = [("python", source) for source in [
    "import torch.nn as nn\np = nn.Parameter(torch.ones(2))\n(isinstance(p, nn.Parameter), isinstance(p, torch.Tensor), isinstance(torch.ones(1), nn.Parameter), type(p).__name__, type(p) is nn.Parameter, issubclass(nn.Parameter, torch.Tensor))",
    "import torch.nn as nn\np = nn.Parameter(torch.ones(2))\n(type(p.detach()).__name__, type(p * 2).__name__, type(p.data).__name__, type(p[0]).__name__, str(type(p)), repr(nn.Parameter))",
    "import torch.nn as nn\nlin = nn.Linear(2, 2)\n[type(v).__name__ for v in lin.parameters()] + [isinstance(v, nn.Parameter) for v in lin.state_dict().values()]",
    "import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.scale = nn.Parameter(torch.ones(1))\n        self.register_buffer('mask', torch.zeros(2))\n    def forward(self, x):\n        return x * self.scale\nnet = Net()\n[(n, isinstance(getattr(net, n), nn.Parameter)) for n in ['scale', 'mask']]",
    "import torch.nn as nn\np = nn.Parameter(torch.ones(2))\np + 'a'",
]]
