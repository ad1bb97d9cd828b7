# Classes that extend built-in types (`class Config(dict)`, `class Tokens(list)`,
# `class Name(str)`), the AttrDict and EasyDict idioms of config code, and a class's
# own __setattr__/__delattr__/__contains__/__delitem__.
ATTR_DICT = """class AttrDict(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__ = self
"""
EASY_DICT = """class EasyDict(dict):
    __getattr__ = dict.__getitem__
    __setattr__ = dict.__setitem__
    __delattr__ = dict.__delitem__
"""
CASES = [("python", source) for source in [
    "class Config(dict):\n    pass\nc = Config(a=1, b=[2])\nc['z'] = 3\nprint(c, len(c), 'a' in c, list(c), c.get('q', 9))\n(isinstance(c, dict), type(c).__name__, sorted(c.items()), bool(Config()), c == {'a': 1, 'b': [2], 'z': 3})",
    ATTR_DICT + "d = AttrDict(lr=0.1, epochs=3)\nd.momentum = 0.9\nprint(d.lr, d['epochs'], d['momentum'])\n(d, vars(d) is d, hasattr(d, 'nope'))",
    ATTR_DICT + "import copy\nd = AttrDict(lr=0.1)\ne = copy.deepcopy(d)\ne.lr = 5\n(d.lr, e.lr, e['lr'], type(e).__name__)",
    EASY_DICT + "e = EasyDict({'x': 1})\ne.y = 2\nprint(e.x, e.y, e)\ndel e.x\ne",
    EASY_DICT + "e = EasyDict()\ne.missing",
    "class Tokens(list):\n    def first(self):\n        return self[0]\nt = Tokens([3, 1, 2])\nt.append(5)\nt.sort()\n(t, t.first(), len(t), t + [9], isinstance(t, list), t[1:3], sum(t), [v * 2 for v in t])",
    "class Name(str):\n    def shout(self):\n        return self.upper() + '!'\nn = Name('swin')\nprint(n, n.shout(), f'{n}-v2')\n(n, n + '-v2', n == 'swin', len(n), isinstance(n, str), n.split('w'))",
    "from collections import OrderedDict, Counter, defaultdict\nclass Reg(OrderedDict):\n    pass\nclass Cnt(Counter):\n    pass\nclass DD(defaultdict):\n    pass\nr = Reg()\nr['b'] = 1\nr['a'] = 2\ndd = DD(list)\ndd['k'].append(1)\nprint(r)\nprint(Cnt('abca'))\n(list(r.keys()), dd['k'], len(dd), issubclass(Reg, dict), issubclass(Reg, OrderedDict))",
    "class Missing(dict):\n    def __missing__(self, key):\n        return key * 2\nm = Missing(a=1)\n(m['a'], m['zz'], len(m), m.get('zz'))",
    "class Point(tuple):\n    pass\nclass MyInt(int):\n    pass\np = Point((1, 2))\ni = MyInt(5)\n(p, p[0], len(p), p + (3,), i, i + 1, i * 2, isinstance(i, int), list(range(MyInt(3))))",
    "import torch\nclass MyInt(int):\n    pass\nclass Scale(float):\n    pass\n(torch.zeros(MyInt(2)), torch.ones(2) * Scale(0.5), torch.arange(6).view(MyInt(2), 3).shape)",
    "class Config(dict):\n    pass\ndef f(**kw):\n    return kw\nc = Config(a=1)\nbase = {'x': 0}\nbase.update(c)\n(f(**c), {**c, 'new': 1}, base, dict(c), str(c))",
    "import json, copy\nclass Config(dict):\n    pass\nc = Config(a=1)\nc2 = copy.deepcopy(c)\nc2['a'] = 5\n(json.dumps(c), c, c2, copy.copy(c), type(copy.copy(c)).__name__)",
    "class Config(dict):\n    pass\nclass Sub(Config):\n    def __init__(self):\n        self.note = 'hi'\ns = Sub()\n(s, s.note, len(s), issubclass(Sub, dict), isinstance(s, Config))",
    "from enum import Enum\nclass Color(str, Enum):\n    RED = 'red'\n(Color.RED == 'red', Color.RED.value, Color.RED.upper(), isinstance(Color.RED, str))",
    "import torch\nclass Rows(list):\n    pass\nclass Pair(tuple):\n    pass\nclass MyInt(int):\n    pass\n(torch.tensor(Rows([Pair((1, 2)), [MyInt(3), 4]])), torch.tensor(Rows([1.5, MyInt(2)])), torch.tensor(Pair(())), torch.tensor([MyInt(7)]).dtype)",
    "import torch\nclass Rows(list):\n    pass\ntorch.tensor(Rows([[1, 2], [3]]))",
    "class Config(dict):\n    pass\nConfig()[1]",
    "class Config(dict):\n    pass\nConfig(1)",
    "class Cfg(dict):\n    def __init__(self, **kw):\n        super().__init__()\n        for k, v in kw.items():\n            self[k] = v\n    def __getattr__(self, k):\n        try:\n            return self[k]\n        except KeyError:\n            raise AttributeError(k)\ncf = Cfg(depth=12)\n(cf.depth, hasattr(cf, 'nope'), cf, hasattr(dict, 'nope'), hasattr(dict, 'items'))",
    "class Frozen:\n    def __setattr__(self, name, value):\n        raise AttributeError('frozen: ' + name)\nFrozen().x = 1",
    "class Logged:\n    def __init__(self):\n        self.a = 1\n    def __setattr__(self, name, value):\n        print('set', name, value)\n        super().__setattr__(name, value)\n    def __delattr__(self, name):\n        print('del', name)\n        object.__delattr__(self, name)\nl = Logged()\nl.b = 2\ndel l.a\n(l.b, hasattr(l, 'a'))",
    "class Obj(object):\n    def __init__(self):\n        object.__setattr__(self, 'z', 7)\nObj().z",
    "class Box:\n    def __init__(self):\n        self.items = {1: 'a'}\n    def __contains__(self, key):\n        return key in self.items\n    def __delitem__(self, key):\n        del self.items[key]\nb = Box()\nprint(1 in b, 2 in b)\ndel b[1]\n(1 in b, b.items)",
    "d = {}\nd.update([('a', 1), ('b', 2)], c=3)\nd",
    "d = {}\nd.update([1, 2])",
    "dict([('a', 1, 2)])",
    "{**3}",
    "dict.__getitem__({'a': 1}, 'a'), str.upper('ab'), list(map(str.strip, [' a ', 'b ']))",
    "dict.__getitem__([1], 0)",
    "class Singleton:\n    _inst = None\n    def __new__(cls, *args, **kwargs):\n        if cls._inst is None:\n            cls._inst = super().__new__(cls)\n        return cls._inst\n    def __init__(self, v=0):\n        self.v = v\na = Singleton(1)\nb = Singleton(2)\n(a is b, a.v)",
    "class Pair(tuple):\n    def __new__(cls, a, b):\n        return super().__new__(cls, (a, b))\np = Pair(1, 2)\n(p, p[1], type(p).__name__, p + (3,))",
    "class Obj:\n    def __new__(cls):\n        o = object.__new__(cls)\n        o.made = True\n        return o\nclass Weird:\n    def __new__(cls, x):\n        return x * 2\n(Obj().made, Weird(4))",
    "class Named(str):\n    def __new__(cls, value, tag):\n        s = super().__new__(cls, value)\n        s.tag = tag\n        return s\nn = Named('abc', 't')\n(n, n.tag, n.upper())",
    "from typing import NamedTuple, Optional\nclass Out(NamedTuple):\n    logits: torch.Tensor\n    loss: Optional[torch.Tensor] = None\no = Out(torch.ones(2))\na, b = Out(1, 2)\nprint(o)\n(o.loss, o._fields, o[0], a, b, isinstance(o, tuple), o._replace(loss=3).loss, o._asdict()['loss'])",
    "from typing import NamedTuple\nP = NamedTuple('P', [('x', int), ('y', int)])\nP(1, 2)",
    "from typing import NamedTuple\nclass Bad(NamedTuple):\n    x: int = 1\n    y: int",
]]
