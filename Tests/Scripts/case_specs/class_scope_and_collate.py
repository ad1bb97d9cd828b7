# Methods do not see their class body's names (PyCIL's `def copy(self): return
# copy.deepcopy(self)` reaches the copy module), and default_collate turns numpy arrays
# and scalars into tensors of their dtype.
CASES = [("python", source) for source in [
    "import copy\nclass Net:\n    def __init__(self):\n        self.w = [1, 2]\n    def copy(self):\n        return copy.deepcopy(self)\nn = Net()\nm = n.copy()\n(m.w, m is n, m.w is n.w)",
    "class A:\n    x = 1\n    def f(self):\n        return x\nA().f()",
    "x = 'module'\nclass A:\n    x = 'class'\n    def f(self):\n        return x\n    g = lambda self: x\n    class Inner:\n        def h(self):\n            return x\n(A().f(), A().g(), A.Inner().h(), A.x)",
    "import numpy as np\nfrom torch.utils.data import Dataset, DataLoader\nclass D(Dataset):\n    def __init__(self):\n        self.x = np.arange(12, dtype=np.float32).reshape(4, 3)\n        self.y = np.array([3, 1, 2, 0])\n    def __len__(self):\n        return 4\n    def __getitem__(self, i):\n        return i, self.x[i], self.y[i], float(self.y[i])\n[batch for batch in DataLoader(D(), batch_size=2)]",
]]
