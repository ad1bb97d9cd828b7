# `property` with a setter and a deleter, as models expose a clamped temperature or a
# derived device: assignment and deletion go through them, a read-only one refuses,
# abstract properties stay abstract, and torch.device prints as its type.
TEMP = """class Temp:
    def __init__(self):
        self._t = 1.0
    @property
    def t(self):
        \"\"\"the temperature\"\"\"
        return self._t
    @t.setter
    def t(self, v):
        self._t = max(v, 0.1)
    @t.deleter
    def t(self):
        print("deleting")
        del self._t
"""
CASES = [("python", source) for source in [
    TEMP + "tt = Temp()\ntt.t = 0.0\nfirst = tt.t\ndel tt.t\n(first, hasattr(tt, '_t'), Temp.t.__doc__, type(Temp.t).__name__, Temp.t.fset is not None)",
    "class RO:\n    @property\n    def size(self):\n        return 3\nRO().size = 4",
    "class RO:\n    @property\n    def size(self):\n        return 3\ndel RO().size",
    "import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n        self._scale = 1.0\n    @property\n    def scale(self):\n        return self._scale\n    @scale.setter\n    def scale(self, v):\n        self._scale = v * 2\n    @property\n    def device(self):\n        return next(self.parameters()).device\nn = Net()\nn.scale = 3\nprint(n.device)\n(n.scale, n.device, str(n.device), f'{n.device}')",
    "from abc import ABC, abstractmethod\nclass Shape(ABC):\n    @property\n    @abstractmethod\n    def area(self): ...\nclass Sq(Shape):\n    @property\n    def area(self):\n        return 4\nprint(Sq().area)\nShape()",
    "def get_x(self): return self._x\ndef set_x(self, v): self._x = v\nclass P:\n    x = property(get_x, set_x, doc='x!')\np = P()\np.x = 5\n(p.x, P.x.__doc__, P.x.fdel)",
    TEMP + "class Child(Temp):\n    @Temp.t.getter\n    def t(self):\n        return super().t * 10\nc = Child()\nc.t = 2\nc.t",
    "class NoGet:\n    x = property(None, lambda self, v: None)\nNoGet().x",
    "import functools\nclass C:\n    def __init__(self):\n        self.x = 1\n        self.calls = 0\n    @functools.cached_property\n    def double(self):\n        self.calls += 1\n        return self.x * 2\nc = C()\nfirst = (c.double, c.double, c.calls, 'double' in vars(c))\ndel c.double\n(first, c.double, c.calls)",
    "class Base:\n    registry = []\n    def __init_subclass__(cls, **kwargs):\n        super().__init_subclass__(**kwargs)\n        Base.registry.append(cls.__name__)\nclass A(Base): pass\nclass B(A): pass\nclass Reg:\n    kinds = {}\n    @classmethod\n    def __init_subclass__(cls):\n        Reg.kinds[cls.__name__.lower()] = cls\nclass Conv(Reg): pass\n(Base.registry, sorted(Reg.kinds))",
]]
