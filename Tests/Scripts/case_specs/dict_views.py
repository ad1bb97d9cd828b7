# dict and OrderedDict views print as Python's view classes: a state_dict's keys are
# `odict_keys([...])`. Recorded with real PyTorch by record_cases.py.
from_collections = "from collections import OrderedDict, defaultdict\n"
M = "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.Linear(2, 3)\n"
CASES = [("dict_views", from_collections + body) for body in [
    "{'a': 1, 'b': 2}.keys()", "{'a': 1, 'b': 2}.values()", "{'a': 1, 'b': 2}.items()", "repr({}.values())",
    "type({'a': 1}.values()).__name__", "OrderedDict(a=1, b=2).keys()", "OrderedDict(a=1, b=2).values()",
    "OrderedDict([('x', [1, 2])]).items()", "d = defaultdict(list)\nd['k'].append(3)\nd.items()",
    "v = {'a': 1, 'b': 2}.values()\n(list(v), len(v), 2 in v)", "sorted({'b': 1, 'a': 2}.items())",
    "str(OrderedDict(a=1).keys())", "print(OrderedDict(a=1).values())",
]] + [("dict_views", M + body) for body in [
    "m.state_dict().keys()", "type(m.state_dict().keys())", "list(m.state_dict().keys())", "m.state_dict().values()",
    "[k for k, v in m.state_dict().items()]", "len(m.state_dict().items())",
]]
