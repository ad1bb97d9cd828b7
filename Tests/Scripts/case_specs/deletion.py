# del with slices (`del model.rewards[:]` in RL examples), delattr, and deleting module
# members, parameters, buffers and plain attributes.
CASES = [("python", source) for source in [
    "a = list(range(10))\ndel a[::3]\nb = list(range(10))\ndel b[2:5]\nc = [1, 2]\ndel c[5:]\nd = list(range(6))\ndel d[::-2]\ne = [1, 2, 3]\ndel e[:]\n(a, b, c, d, e)",
    "class A:\n    def __init__(self):\n        self.x = 1\n        self.__p = 2\n    def drop(self):\n        del self.__p\n        return hasattr(self, '_A__p')\no = A()\ndelattr(o, 'x')\n(hasattr(o, 'x'), o.drop())",
    "class A:\n    pass\ndel A().x",
    "class A:\n    pass\ndelattr(A(), 'nothing')",
    "import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n        self.register_buffer('buf', torch.zeros(1))\n        self.k = 3\nm = M()\ndel m.fc\ndelattr(m, 'buf')\ndel m.k\n(repr(m), list(m.state_dict().keys()), hasattr(m, 'k'))",
    "import torch.nn as nn\ns = nn.Sequential(nn.Linear(1, 1))\ns.extra = 5\ndel s.extra\nhasattr(s, 'extra')",
]]
