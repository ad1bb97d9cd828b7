# Pieces real programs lean on beyond single ops: dataclasses configs, deep copies of
# conv/BatchNorm networks, BatchNorm's buffers in state dicts, module state_dict as an
# OrderedDict, torch.cdist and F.pairwise_distance. Record with:
# python3 Tests/Scripts/record_cases.py Tests/Scripts/case_specs/realcode.py Tests/InterpreterTests/Fixtures/realcode_cases.jsonl
NN = "import torch.nn as nn\nimport copy\ntorch.manual_seed(0)\n"
DC = ("from dataclasses import dataclass, field, asdict, fields, replace\n"
      "@dataclass\nclass Config:\n    name: str\n    lr: float = 0.1\n    layers: list = field(default_factory=lambda: [1, 2])\n"
      "    tag: str = field(default='x', repr=False)\n    def __post_init__(self):\n        self.total = sum(self.layers)\n")

CASES = []


def add(category, setup, *bodies):
    for body in bodies:
        CASES.append((category, setup + body))


add("dataclass", DC,
    "repr(Config('a', lr=0.5))",
    "Config('a').total",
    "asdict(Config('a', layers=[3]))",
    "[f.name for f in fields(Config)]",
    "repr(replace(Config('a'), lr=2.0))",
    "Config('a') == Config('a')",
    "@dataclass\nclass Sub(Config):\n    extra: int = 3\nrepr(Sub('b', extra=4))",
    "Config()",
    "@dataclass\nclass Bad:\n    a: int = 1\n    b: int\n",
)
add("modules", NN,
    "net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU())\nold = copy.deepcopy(net)\n"
    "net(torch.randn(2, 1, 4, 4)).sum().backward()\n(old[1].running_mean, net[1].running_mean, old[0].weight.grad)",
    "list(nn.BatchNorm1d(3).state_dict())",
    "[n for n, _ in nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)).named_buffers()]",
    "bn = nn.BatchNorm1d(2)\nbn.load_state_dict({'weight': torch.ones(2), 'bias': torch.zeros(2), 'running_mean': torch.tensor([1.0, 2.0]),"
    " 'running_var': torch.tensor([4.0, 9.0]), 'num_batches_tracked': torch.tensor(5)})\nbn.eval()\nbn(torch.tensor([[3.0, 5.0]]))",
    "type(nn.Linear(2, 1).state_dict()).__name__",
    "copy.deepcopy(nn.GroupNorm(2, 4))",
)
add("distance", "torch.manual_seed(0)\na = torch.randn(5, 4, requires_grad=True)\nb = torch.randn(3, 4)\n",
    "torch.cdist(a, b)",
    "torch.cdist(a, b, p=1)",
    "torch.cdist(a.unsqueeze(0), b.unsqueeze(0), compute_mode='use_mm_for_euclid_dist')[0, :2]",
    "x = torch.randn(30, 4)\ntorch.cdist(x, x).diagonal()[:4]",
    "torch.cdist(a, b).sum().backward()\na.grad[0]",
    "F.pairwise_distance(a, a + 1)",
    "torch.cdist(a, torch.randn(3, 5))",
)
add("aliases", "torch.manual_seed(0)\nx = torch.randn(3, 4)\n",
    "x.sum(dim=1, keepdims=True)",
    "x.mean(axis=0)",
    "torch.amax(x, axis=1, keepdims=True)",
    "torch.sum(x, axis=(0, 1))",
    "x.sum(dim=0, axis=1)",
)
add("inspect", "import inspect\n",
    "list(inspect.signature(torch.optim.AdamW).parameters)",
    "'fused' in inspect.signature(torch.optim.SGD).parameters",
)
