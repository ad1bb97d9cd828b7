# nn.Module machinery cases: registration and naming orders, the container types,
# reprs, state dicts and errors. Recorded with real PyTorch by record_cases.py.
NN = "import torch.nn as nn\ntorch.manual_seed(0)\n"
NET = NN + """class Inner(nn.Module):
    def __init__(self):
        super().__init__()
        self.drop = nn.Dropout(0.5)
        self.register_buffer('running', torch.ones(2))
        self.register_buffer('scratch', torch.zeros(1), persistent=False)
        self.scale = nn.Parameter(torch.ones(2))
    def forward(self, x):
        return self.drop(x) * self.scale
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.inner = Inner()
        self.blocks = nn.ModuleList([Inner(), nn.Sequential(nn.Linear(2, 2), nn.ReLU())])
        self.alpha = nn.Parameter(torch.zeros(1))
    def forward(self, x):
        x = self.inner(self.lin(x))
        for block in self.blocks:
            x = block(x)
        return x * self.alpha
net = Net()
"""


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


TREE = group("modules-tree", NET, [
    "[n for n, _ in net.named_parameters()]", "[n for n, _ in net.named_buffers()]",
    "[n for n, _ in net.named_modules()]", "[n for n, _ in net.named_children()]",
    "list(net.state_dict().keys())", "len(list(net.parameters()))", "len(list(net.modules()))",
    "[n for n, _ in net.named_parameters(recurse=False)]", "[n for n, _ in net.blocks.named_parameters(prefix='b')]",
    "net.eval()\n[m.training for m in net.modules()]", "net.eval()\nnet.train()\nnet.blocks[0].drop.training",
    "net.eval()\ntorch.equal(net(torch.ones(3, 2)), net(torch.ones(3, 2)))",
    "net.requires_grad_(False)\n[p.requires_grad for p in net.parameters()]",
    "seen = []\nnet.apply(lambda m: seen.append(type(m).__name__))\nseen",
    "net.state_dict()['lin.weight'].requires_grad", "net.inner.running",
    "other = Net()\nother.load_state_dict(net.state_dict())\ntorch.equal(other.lin.weight, net.lin.weight)",
    "net.load_state_dict({'lin.weight': torch.zeros(2, 2)}, strict=False).missing_keys",
    "net.load_state_dict({'nope': torch.zeros(2, 2)})", "net.train(1)",
    "net.lin = 3", "net.register_buffer('lin', torch.zeros(1))", "net.register_parameter('p', torch.zeros(1))",
    "net.missing", "net.get_submodule('blocks.1.0').out_features",
    "del net.alpha\n[n for n, _ in net.named_parameters()][:2]",
])
CONTAINERS = group("modules-containers", NN, [
    "repr(nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.ReLU()]))",
    "repr(nn.ModuleList([nn.Linear(2, 2), nn.ReLU()])[1:])", "len(nn.ModuleList([nn.ReLU()] * 3))",
    "nn.ModuleList([nn.ReLU()])[3]", "nn.ModuleList([nn.ReLU()])(1)",
    "repr(nn.ModuleDict({'a': nn.ReLU(), 'b': nn.Tanh()}))", "list(nn.ModuleDict({'a': nn.ReLU(), 'b': nn.Tanh()}).keys())",
    "nn.ModuleDict({'a': nn.ReLU()})['b']", "'a' in nn.ModuleDict({'a': nn.ReLU()})",
    "seq = nn.Sequential(nn.Linear(3, 2), nn.ReLU())\nseq(torch.ones(1, 3))", "repr(nn.Sequential(nn.Linear(3, 2), nn.ReLU())[1:])",
    "repr(nn.ParameterList([torch.ones(2, 3), nn.Parameter(torch.zeros(()))]))",
    "[n for n, _ in nn.ParameterList([torch.ones(2), torch.ones(3)]).named_parameters()]",
    "repr(nn.Module())", "nn.Module()(1)", "repr(nn.ModuleList([nn.ReLU()]) + [nn.Tanh()])",
])
CLASSES = group("modules-classes", NN, [
    "class LN(nn.LayerNorm):\n    def forward(self, x):\n        return super().forward(x) + 1\nLN(3)(torch.tensor([[1.0, 2.0, 4.0]]))",
    "class LN(nn.LayerNorm):\n    pass\nrepr(LN(3))", "class LN(nn.LayerNorm):\n    pass\n[isinstance(LN(2), nn.LayerNorm), issubclass(LN, nn.Module), issubclass(LN, nn.Linear)]",
    "[isinstance(nn.Linear(1, 1), nn.Linear), isinstance(nn.ReLU(), nn.Module), isinstance(nn.ReLU(), nn.Linear)]",
    "class Cfg(object):\n    pass\nisinstance(Cfg(), nn.Module)",
    "class D(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.p = 0.1\n    def extra_repr(self):\n        return f'p={self.p}'\nclass W(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.d = D()\n        self.n = None\nrepr(W())",
    "class E(nn.Module):\n    pass\nE()(1)",
    "lin = nn.Linear(2, 2)\nout = []\nh = lin.register_forward_hook(lambda m, i, o: out.append(o.shape))\nlin(torch.ones(1, 2))\nh.remove()\nlin(torch.ones(1, 2))\nout",
])
CASES = TREE + CONTAINERS + CLASSES
