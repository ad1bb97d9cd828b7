# Gaps real programs (DINO, DINOv2, BYOL, nanoGPT) hit: dict.clear, class introspection (__mro__,
# __bases__), datetime.timedelta, globals(), argparse.ArgumentTypeError, devices as dict keys,
# deepcopy of a module whose hook is a bound method, attributes of bound methods. Record with:
# ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 python3 Tests/Scripts/record_cases.py Tests/Scripts/case_specs/realcode_gaps3.py Tests/InterpreterTests/Fixtures/realcode_gaps3.jsonl
CASES = []
add = lambda category, setup, *bodies: CASES.extend((category, setup + body) for body in bodies)  # noqa: E731

add("dict_clear", "d = {'a': 1, 'b': 2}\nalias = d\n",
    "d.clear()\n(d, alias, len(d))",
    "d.clear()\nd['c'] = 3\nalias",
    "from collections import OrderedDict\no = OrderedDict(a=1)\no.clear()\no",
    "from collections import defaultdict\ndd = defaultdict(list)\ndd['x'].append(1)\ndd.clear()\n(len(dd), dd['y'])",
    "d.clear(1)",
)
CLASSES = "class A:\n    pass\nclass B(A):\n    pass\nclass C(A):\n    pass\nclass D(B, C):\n    pass\n"
add("class_mro", CLASSES,
    "[c.__name__ for c in D.__mro__]",
    "[c.__name__ for c in A.__mro__]",
    "[c.__name__ for c in D.__bases__]",
    "A.__bases__",
    "D.__mro__[1] is B",
    "class M(torch.nn.Module):\n    pass\nclass N(M):\n    pass\n[c.__name__ for c in N.__mro__]",
    "class L(torch.nn.Linear):\n    pass\n([c.__name__ for c in L.__mro__], L.__bases__[0].__name__)",
    "class Cfg(dict):\n    pass\n[c.__name__ for c in Cfg.__mro__]",
    "class Swi(torch.nn.Module):\n    pass\nclass Fused(Swi):\n    pass\n(Fused.__mro__[1].__name__, Fused.__base__.__name__)",
)
DT = "import datetime\n"
add("datetime_timedelta", DT,
    "str(datetime.timedelta(seconds=int(3725.4)))",
    "str(datetime.timedelta(seconds=3725.4))",
    "str(datetime.timedelta(seconds=90061))",
    "str(datetime.timedelta(days=2, hours=3))",
    "str(datetime.timedelta(seconds=-1))",
    "str(datetime.timedelta(0))",
    "repr(datetime.timedelta(seconds=3725))",
    "repr(datetime.timedelta(days=1, microseconds=5))",
    "repr(datetime.timedelta())",
    "t = datetime.timedelta(minutes=1, milliseconds=250)\n(t.days, t.seconds, t.microseconds, t.total_seconds())",
    "'Training time {}'.format(str(datetime.timedelta(seconds=int(7384.9))))",
    "str(datetime.timedelta(hours=1) + datetime.timedelta(minutes=30))",
    "str(datetime.timedelta(hours=1) - datetime.timedelta(hours=2))",
    "str(datetime.timedelta(seconds=10) * 3)",
    "(datetime.timedelta(hours=1) / datetime.timedelta(minutes=1), datetime.timedelta(seconds=1) < datetime.timedelta(seconds=2))",
    "print(datetime.timedelta(seconds=59.9999995))",
)
add("globals_builtin", "out_dir = 'out'\nbatch_size = 12\nlr = 6e-4\ncompile = False\n_hidden = 1\nimport numpy as np\n",
    "config_keys = [k for k,v in globals().items() if not k.startswith('_') and isinstance(v, (int, float, bool, str))]\nconfig_keys",
    "config_keys = [k for k,v in globals().items() if not k.startswith('_') and isinstance(v, (int, float, bool, str))]\n{k: globals()[k] for k in config_keys}",
    "globals()['batch_size']",
    "'np' in globals()",
    "def f():\n    return 'lr' in globals()\nf()",
    "globals(1)",
)
AP = "import argparse\n"
BOOL_FLAG = (AP + "def bool_flag(s):\n    if s.lower() in {'off', 'false', '0'}:\n        return False\n"
             "    elif s.lower() in {'on', 'true', '1'}:\n        return True\n"
             "    else:\n        raise argparse.ArgumentTypeError('invalid value for a boolean flag')\n")
add("argparse_type_error", BOOL_FLAG,
    "(bool_flag('True'), bool_flag('off'))",
    "bool_flag('maybe')",
    "try:\n    bool_flag('maybe')\nexcept argparse.ArgumentTypeError as e:\n    print('caught:', e)\nisinstance(e, Exception) if False else 1",
    "try:\n    bool_flag('x')\nexcept Exception as e:\n    print(type(e).__name__, str(e))\n0",
    "p = argparse.ArgumentParser()\n_ = p.add_argument('--use_fp16', type=bool_flag, default=True)\np.parse_args([]).use_fp16",
)
add("device_keys", "x = torch.ones(2)\n",
    "d = {x.device: 1}\n(torch.ones(1).device in d, d[torch.device('cpu')])",
    "x.device == torch.device('cpu')",
    "x.device != torch.device('cpu')",
    "len({x.device, torch.zeros(1).device, torch.device('cpu')})",
    "hash(x.device) == hash(torch.device('cpu'))",
)
HOOKED = ("import copy\nclass Wrapper(torch.nn.Module):\n    def __init__(self, net):\n        super().__init__()\n"
          "        self.net = net\n        self.hidden = {}\n        list(net.children())[-2].register_forward_hook(self._hook)\n"
          "    def _hook(self, _, input, output):\n        self.hidden[input[0].device] = output.flatten(1)\n"
          "    def forward(self, x):\n        self.hidden.clear()\n        _ = self.net(x)\n        return self.hidden[x.device]\n"
          "_ = torch.manual_seed(0)\nw = Wrapper(torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)))\n")
add("deepcopy_bound_hook", HOOKED,
    "c = copy.deepcopy(w)\nx = torch.ones(2, 3)\nout = c(x)\n(out, w.hidden, len(c.hidden))",
    "c = copy.deepcopy(w)\n_ = c.net[0].weight.data.fill_(0.5)\n(c(torch.ones(1, 3)), w(torch.ones(1, 3)))",
    "hook = lambda m, i, o: seen.append(1)\nseen = []\n_ = w.net[0].register_forward_hook(hook)\nc = copy.deepcopy(w)\n_ = c(torch.ones(1, 3))\nseen",
)
WRAPS = ("from functools import wraps\ndef singleton(key):\n    def inner(fn):\n        @wraps(fn)\n"
         "        def wrapper(self, *args, **kwargs):\n            value = getattr(self, key)\n            if value is not None:\n"
         "                return value\n            value = fn(self, *args, **kwargs)\n            setattr(self, key, value)\n"
         "            return value\n        return wrapper\n    return inner\n"
         "class Learner:\n    def __init__(self):\n        self.target = None\n    @singleton('target')\n"
         "    def _get_target(self):\n        '''Builds it once.'''\n        return [1, 2]\n    def plain(self):\n        return 3\n"
         "l = Learner()\n")
add("bound_method_attributes", WRAPS,
    "(l._get_target.__name__, l._get_target.__doc__, l._get_target() is l._get_target())",
    "(l.plain.__name__, l.plain.__self__ is l, l.plain.__func__ is Learner.plain, l.plain.__func__(l))",
    "l._get_target.__wrapped__.__name__",
    "l.plain.__qualname__",
)
TDS = ("from torch.utils.data import TensorDataset, DataLoader\n"
       "class ReturnIndexDataset(TensorDataset):\n    def __getitem__(self, idx):\n"
       "        img, lab = super(ReturnIndexDataset, self).__getitem__(idx)\n        return img, idx\n"
       "ds = ReturnIndexDataset(torch.arange(10.).view(5, 2), torch.arange(5) * 10)\n")
add("tensor_dataset_subclass", TDS,
    "(len(ds), ds[3])",
    "[b for b in DataLoader(ds, batch_size=2)]",
    "(isinstance(ds, TensorDataset), len(ds.tensors), ds.tensors[1])",
    "class Plain(TensorDataset):\n    pass\np = Plain(torch.ones(3, 2), torch.zeros(3))\n(len(p), p[1], isinstance(p, TensorDataset))",
    "class Bad(TensorDataset):\n    pass\nBad(torch.ones(3), torch.ones(4))",
    "class Scaled(TensorDataset):\n    def __init__(self, x, y, scale):\n        super().__init__(x, y)\n        self.scale = scale\n"
    "    def __getitem__(self, i):\n        x, y = super().__getitem__(i)\n        return x * self.scale, y\n"
    "s = Scaled(torch.ones(4, 2), torch.arange(4), 3.0)\nnext(iter(DataLoader(s, batch_size=4)))",
)
add("init_fan_helpers", "from torch.nn.init import _calculate_fan_in_and_fan_out, _calculate_correct_fan\n",
    "_calculate_fan_in_and_fan_out(torch.empty(4, 6))",
    "_calculate_fan_in_and_fan_out(torch.empty(3, 2, 3, 3))",
    "_calculate_fan_in_and_fan_out(torch.empty(5))",
    "(_calculate_correct_fan(torch.empty(8, 4, 2), 'fan_in'), _calculate_correct_fan(torch.empty(8, 4, 2), 'fan_out'))",
    "_calculate_correct_fan(torch.empty(8, 4), 'fan_avg')",
    "torch.nn.init._calculate_fan_in_and_fan_out(torch.nn.Conv1d(2, 3, 5).weight)",
)
add("torch_assert", "H = 6\n",
    "torch._assert(H == 6, 'fine')",
    "torch._assert(H == 8, f\"Input image height ({H}) doesn't match model (8).\")",
    "torch._assert(torch.tensor(True), 'tensor condition')",
    "torch._assert(torch.tensor(0), 'zero tensor')",
    "torch._assert(False, 3)",
)
add("autocast_queries", "",
    "torch.is_autocast_enabled()",
    "torch.is_autocast_enabled('cpu')",
    "(torch.get_autocast_dtype('cpu'), torch.get_autocast_dtype('cuda'))",
    "(torch.get_autocast_cpu_dtype(), torch.get_autocast_gpu_dtype())",
    "with torch.autocast(device_type='cpu', enabled=False):\n    inside = torch.is_autocast_enabled('cpu')\ninside",
)
BN = ("import copy\nfrom collections import OrderedDict\n_ = torch.manual_seed(0)\n"
      "m = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.BatchNorm1d(3))\n_ = m(torch.randn(4, 2))\n"
      "sd = m.state_dict()\n")
add("load_state_dict_norm_count", BN,
    "str(m.load_state_dict({'0.weight': torch.ones(3, 2)}, strict=False))",
    "plain = {k: v for k, v in sd.items() if 'num_batches' not in k}\n(str(m.load_state_dict(plain)), m[1].num_batches_tracked)",
    "del sd['1.num_batches_tracked']\nstr(m.load_state_dict(sd, strict=False))",
    "del sd['1.num_batches_tracked']\nm.load_state_dict(sd)",
    "c = copy.deepcopy(sd)\ndel c['1.num_batches_tracked']\nm.load_state_dict(c, strict=False).missing_keys",
    "o = OrderedDict(sd)\ndel o['1.num_batches_tracked']\nm.load_state_dict(o, strict=False).missing_keys",
)
SCHED = ("from torch.optim import lr_scheduler as L\np = torch.nn.Parameter(torch.ones(1))\n"
         "o = torch.optim.SGD([p], lr=0.1)\n")
STEPS = "for _ in range(3):\n    o.step()\n    s.step()\n"
add("scheduler_state_dict", SCHED,
    "s = L.StepLR(o, 2)\n" + STEPS + "s.state_dict()",
    "s = L.MultiStepLR(o, [1, 3, 3], gamma=0.5)\ns.state_dict()",
    "s = L.ExponentialLR(o, 0.9)\n" + STEPS + "s.state_dict()",
    "s = L.CosineAnnealingLR(o, 5, eta_min=0.01)\n" + STEPS + "s.state_dict()",
    "s = L.LambdaLR(o, lambda e: 0.5 ** e)\n" + STEPS + "s.state_dict()",
    "s = L.MultiplicativeLR(o, lambda e: 0.9)\ns.state_dict()",
    "s = L.ConstantLR(o)\ns.state_dict()",
    "s = L.LinearLR(o, start_factor=0.5, total_iters=4)\n" + STEPS + "s.state_dict()",
    "s = L.PolynomialLR(o, total_iters=4, power=2.0)\ns.state_dict()",
    "s = L.CosineAnnealingWarmRestarts(o, 3, T_mult=2)\n" + STEPS + "s.state_dict()",
    "class Warm:\n    def __init__(self):\n        self.k = 2\n    def __call__(self, e):\n        return 0.5\n"
    "s = L.LambdaLR(o, Warm())\ns.state_dict()",
    "s = L.StepLR(o, 2)\nckpt = {'scheduler': s.state_dict(), 'epoch': 3}\nsorted(ckpt['scheduler'].keys())",
)
DC = ("from dataclasses import dataclass, field\n@dataclass\nclass Cfg:\n    n_layer: int = 2\n"
      "    tags: list = field(default_factory=list)\n")
add("dataclass_fields_mapping", DC,
    "list(Cfg.__dataclass_fields__.keys())",
    "Cfg.__dataclass_fields__.keys()",
    "[f.name for f in Cfg.__dataclass_fields__.values()]",
    "[(k, v.name) for k, v in Cfg.__dataclass_fields__.items()]",
    "('tags' in Cfg.__dataclass_fields__, len(Cfg.__dataclass_fields__))",
)
add("tensor_class_patch", "x = torch.arange(3.)\n",
    "torch.Tensor.cuda = lambda self, *args, **kwargs: self\ny = x.cuda()\n(y is x, (x + 1).cuda(non_blocking=True))",
    "def double(self, k=2):\n    return self * k\ntorch.Tensor.double_it = double\n(x.double_it(), x.double_it(k=3), torch.Tensor.double_it is double)",
    "torch.Tensor.tag = 'patched'\n(x.tag, torch.ones(1).tag)",
    "import functools\ntorch.Tensor.scaled = functools.partial(torch.mul, other=2)\nx.scaled(x)",
)
