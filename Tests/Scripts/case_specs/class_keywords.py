# Class keyword arguments: `class B(Base, flag=True)` hands them to the base's
# `__init_subclass__`; ones nobody takes are object.__init_subclass__'s TypeError.
# `metaclass=` is accepted and ignored.
REGISTRY = """class Base:
    registry = {}
    def __init_subclass__(cls, flag=False, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.flag = flag
        Base.registry[name or cls.__name__] = cls
"""
PLUGIN = """class Plugin:
    plugins = []
    @classmethod
    def __init_subclass__(cls, /, kind, **kw):
        super().__init_subclass__(**kw)
        cls.kind = kind
        Plugin.plugins.append((cls.__name__, kind))
"""
CASES = [("python", source) for source in [
    REGISTRY + "class A(Base):\n    pass\nclass B(Base, flag=True, name='bee'):\n    pass\nclass C(B, name='see'):\n    pass\n(A.flag, B.flag, C.flag, sorted(Base.registry))",
    REGISTRY + "opts = {'flag': 1, 'name': 'dd'}\nclass D(Base, **opts):\n    pass\n(D.flag, list(Base.registry))",
    PLUGIN + "class P1(Plugin, kind='a'):\n    pass\nclass P2(Plugin, kind='b'):\n    pass\n(Plugin.plugins, P1.kind, P2.kind)",
    PLUGIN + "class E(Plugin):\n    pass",
    REGISTRY + "class F(Base, bogus=1):\n    pass",
    "class G(bogus=1):\n    pass",
    "from abc import ABCMeta, abstractmethod\nclass M(metaclass=ABCMeta):\n    @abstractmethod\n    def f(self): ...\nclass N(M):\n    def f(self):\n        return 3\nN().f()",
    "order = []\ndef note(x):\n    order.append(x)\n    return x\nclass Base:\n    def __init_subclass__(cls, tag):\n        order.append(('hook', tag))\nclass S(Base, tag=note('kw')):\n    order.append('body')\norder",
]]
