# abc (ABC, abstractmethod and the refusal to instantiate an abstract class), types.
# SimpleNamespace for configs, json.dumps for printing them, and %-formatting flags.
ABC_CLASSES = '''from abc import ABC, abstractmethod
class Base(ABC):
    @abstractmethod
    def observe(self, x):
        pass
    @abstractmethod
    def forward(self, x):
        pass
    def name(self):
        return type(self).__name__
class Half(Base):
    def observe(self, x):
        return x
class Full(Half):
    def forward(self, x):
        return x * 2
'''
CASES = [("python", source) for source in [
    ABC_CLASSES + "Base()",
    ABC_CLASSES + "Half()",
    ABC_CLASSES + "(Full().forward(3), Full().name(), isinstance(Full(), Base))",
    "import abc\nimport torch.nn as nn\nclass Strategy(nn.Module, abc.ABC):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 2)\n    @abc.abstractmethod\n    def loss(self): ...\nclass LwF(Strategy):\n    def loss(self):\n        return 1\n(LwF().loss(), repr(LwF()))",
    "from types import SimpleNamespace\ncfg = SimpleNamespace(lr=0.1, epochs=3, name='run')\ncfg.batch = 32\n(repr(cfg), cfg.lr, vars(cfg), cfg == SimpleNamespace(lr=0.1, epochs=3, name='run', batch=32), cfg == SimpleNamespace(lr=0.2))",
    "import json\njson.dumps({'lr': 0.1, 'layers': [1, 2, 3], 'name': 'a\"b\\n', 'ok': True, 'none': None, 'nested': {'k': 1.5e-7, 2: 'two'}})",
    "import json\njson.dumps({'b': 1, 'a': [1, {'x': []}], 'c': {}}, indent=2, sort_keys=True)",
    "import json\n(json.dumps([float('nan'), float('inf'), 'é', '\\U0001F600'], indent=4), json.dumps((1, 2), separators=(',', ':')))",
    "import json\njson.dumps({'t': torch.ones(1)})",
    "import json\njson.dumps({'t': torch.ones(2)}, default=lambda t: t.tolist())",
    "'%5s|%-5s|%05d|%-5d|%+d|% d|%5.1f|%-8.3f|%05s|%#o|%3d|%-+6.2f|%.3s|%x|%5r|%#X' % ('ab', 'ab', 42, 42, 3, 3, 2.25, 1.5, 'ab', 8, -7, 2.5, 'abcdef', 255, 'q', 255)",
    "'%x' % 2.5",
]]
