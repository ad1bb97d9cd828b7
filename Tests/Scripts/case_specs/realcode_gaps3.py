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
