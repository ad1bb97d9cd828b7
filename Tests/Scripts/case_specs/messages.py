# First message lines that follow a rule rather than one op: CPython's call and operand
# errors, and PyTorch kernels whose wording depends on the dim or the overload.
CASES = [("python-errors", src) for src in [
    "def f(a, b, c, *, d):\n    return a\nf()",
    "def f(a, b, c, *, d):\n    return a\nf(1, 2, 3)",
    "def f(a, b=1):\n    return a\nf(1, 2, 3)",
    "def f(a):\n    return a\nf(1, 2, x=3)",
    "def f():\n    return 1\nf(1)",
    "def f(a, *rest, **named):\n    return (a, rest, named)\nf(1, 2, 3, x=4)",
    "def f(a, b):\n    return a\nf(1, a=2)",
    "class P:\n    def m(self, a):\n        return a\nP().m(1, 2)",
    "class P:\n    def __init__(self, a, b):\n        self.a = a\nP()",
    "[1] * 'a'", "'a' * [1]", "(1,) + [2]", "[1] + (2,)", "1.5 * [1]", "'a' + 1", "5 % 0", "5 // 0",
]] + [("tensor-errors", src) for src in [
    "x = torch.ones(2, 3, 4)\nx.index_select(0, torch.tensor([5]))",
    "x = torch.ones(2, 3, 4)\nx.index_select(1, torch.tensor([5]))",
    "x = torch.ones(2, 3, 4)\nx.index_select(2, torch.tensor([-5]))",
    "torch.ones(2, 3).index_select(-1, torch.tensor([0, 7]))",
    "torch.zeros(2, -3)", "torch.zeros((-2, 3), dtype=torch.long)", "torch.ones(2, -3)", "torch.arange(0, 5, -1)",
    "torch.linspace(0, 1)", "torch.linspace(0, 1, steps=None, dtype=torch.float64)",
    "torch.special.log_softmax(torch.ones(2))",
    "import torch.nn as nn\nnn.GroupNorm(4, 6)",
    "import torch.nn as nn\nnn.Conv2d(1, 1, 3, padding=(4, 1), padding_mode='reflect')(torch.randn(1, 1, 3, 3))",
    "import torch.nn as nn\nnn.Conv1d(1, 1, 3, padding=3, padding_mode='reflect')(torch.randn(1, 1, 3))",
    "from torch.distributions import Categorical\nc = Categorical(logits=torch.zeros(3))\nc.log_prob(torch.tensor([4]))",
]]

# index_put_ with accumulate=True adds at repeated indices instead of the last write winning.
CASES += [("index-put", src) for src in [
    "x = torch.zeros(5)\nx.index_put_((torch.tensor([1, 1, 3]),), torch.tensor([2.0, 5.0, 1.0]), accumulate=True)\nx",
    "x = torch.zeros(2, 3, dtype=torch.long)\nx.index_put_((torch.tensor([0, 0]), torch.tensor([2, 2])), torch.tensor(4), True)\nx",
    "x = torch.ones(3)\nx.index_put_((torch.tensor([0, 0]),), torch.tensor([1.0, 2.0]))\nx",
]]
