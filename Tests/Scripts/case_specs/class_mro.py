# Attribute lookup, super(), isinstance and abstract methods follow Python's C3 method
# resolution order: diamonds find the nearer override, cooperative __init__ chains reach
# every class, and super(Base, self) skips past Base.
DIAMOND = """class A:
    f = 1
    def g(self): return 'A'
    @classmethod
    def make(cls): return cls.__name__
class B(A):
    def g(self): return 'B' + super().g()
class C(A):
    f = 2
    def g(self): return 'C' + super().g()
    @classmethod
    def make(cls): return 'C>' + super().make()
class D(B, C):
    def g(self): return 'D' + super().g()
"""
CASES = [("python", source) for source in [
    DIAMOND + "(D.f, D().f, D().g(), D.make(), D().make())",
    DIAMOND + "(isinstance(D(), C), issubclass(D, A), issubclass(A, D), isinstance(B(), C))",
    DIAMOND + "class E(D):\n    def g(self): return 'E' + super(B, self).g()\nE().g()",
    DIAMOND + "[n for n in dir(D) if not n.startswith('__')]",
    "from abc import ABC, abstractmethod\nclass Base(ABC):\n    @abstractmethod\n    def run(self): ...\n    @abstractmethod\n    def stop(self): ...\nclass Half(Base):\n    def run(self): return 1\nclass Full(Half):\n    def stop(self): return 2\n(Full().run(), Full().stop())",
    "from abc import ABC, abstractmethod\nclass Base(ABC):\n    @abstractmethod\n    def run(self): ...\n    @abstractmethod\n    def stop(self): ...\nclass Half(Base):\n    def run(self): return 1\nHalf()",
    "import torch.nn as nn\nclass Mixin:\n    def describe(self): return 'mixin:' + type(self).__name__\n    def forward(self, x): return x * 2\nclass Net(Mixin, nn.Module):\n    def __init__(self):\n        super(Net, self).__init__()\n        self.lin = nn.Linear(2, 2)\nn = Net()\n(n.describe(), n(3), len(list(n.parameters())))",
    "log = []\nclass Init1:\n    def __init__(self, **kw):\n        log.append(('Init1', kw)); super().__init__(**kw)\nclass Init2:\n    def __init__(self, **kw):\n        log.append(('Init2', kw)); super().__init__()\nclass Both(Init1, Init2):\n    def __init__(self):\n        super().__init__(a=1)\nBoth()\nlog",
    "super(3, 4)",
    "class A:\n    def f(self): return 'A'\nclass B(A):\n    def f(self): return 'B'\nclass C(B):\n    def f(self): return super(B, self).f() + super(C, self).f()\nC().f()",
]]
