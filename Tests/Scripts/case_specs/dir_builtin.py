# dir(): user instances and classes with inherited attributes, argparse namespaces
# (`[k for k in dir(args) if not k.startswith('_')]`), nn.Module subclasses, and the
# names of a function's scope.
CASES = [("python", source) for source in [
    "class A:\n    y = 2\n    def f(self):\n        pass\nclass B(A):\n    z = 3\nb = B()\nb.x = 1\n(dir(b), dir(B) == dir(B()))",
    "import argparse\nns = argparse.Namespace(lr=0.1, epochs=3)\n(dir(ns), [k for k in dir(ns) if not k.startswith('_')])",
    "def g():\n    q = 1\n    w = 2\n    return dir()\ng()",
    "import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(1, 1)\n        self.register_buffer('buf', torch.zeros(1))\n        self.k = 1\n    def forward(self, x):\n        return x\ndir(M())",
    "class C:\n    n: int = 3\n[d for d in dir(C) if not d.startswith('__') or d == '__annotations__']",
]]
