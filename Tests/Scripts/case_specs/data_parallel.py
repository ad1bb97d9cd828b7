# nn.DataParallel and torch.nn.parallel on a machine without GPUs: the wrapper keeps the
# model as its `module` child and forwards calls, so state_dict keys gain `module.`;
# DistributedDataParallel needs a process group and raises PyTorch's error.
CASES = [("module", source) for source in [
    "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.DataParallel(nn.Linear(2, 2))\n(repr(m), list(m.state_dict().keys()), m.device_ids)",
    "import torch.nn as nn\ntorch.manual_seed(0)\nm = nn.DataParallel(nn.Sequential(nn.Linear(2, 3), nn.ReLU()))\nm(torch.ones(4, 2)).sum().backward()\n(m.module[0].weight.grad, isinstance(m, nn.Module), isinstance(m, nn.parallel.DataParallel), type(m).__name__)",
    "import torch.nn as nn\nm = nn.DataParallel(nn.Dropout(0.5))\nm.eval()\n(m.training, m.module.training, m(torch.ones(3)))",
    "import copy\nimport torch.nn as nn\ntorch.manual_seed(0)\nm = nn.DataParallel(nn.Linear(3, 1))\nn = copy.deepcopy(m)\n(repr(n), n.module is m.module, torch.equal(n.module.weight, m.module.weight), sum(p.numel() for p in n.parameters()))",
    "from torch.nn.parallel import DistributedDataParallel as DDP\nimport torch.nn as nn\nDDP(nn.Linear(2, 2))",
    "import torch.nn as nn\nnn.parallel.data_parallel(nn.Linear(2, 2), torch.ones(1, 2))",
    "import torch.nn as nn\nm = nn.DataParallel(3)\n(repr(m), m(1))",
]]
