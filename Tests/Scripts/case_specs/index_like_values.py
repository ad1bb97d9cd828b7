# Values that stand for indices: numpy arrays index a tensor as the list they hold would
# (mammoth's buffer does `self.examples[choice]` with np.random.choice), numpy integer
# scalars and IntEnum members index and bound slices as ints.
CASES = [("indexing", source) for source in [
    "import numpy as np\nt = torch.arange(10) * 10\n(t[np.array([1, 2])], t[np.array([[0], [3]])], t[np.array([True] + [False] * 9)])",
    "import numpy as np\nt = torch.arange(12.).view(3, 4)\n(t[np.int64(2)], t[:np.int64(2), np.array([0, 3])], t[np.array([1.0, 2.0])])",
    "import numpy as np\nnp.random.seed(0)\nt = torch.arange(6.)\nchoice = np.random.choice(6, size=3, replace=False)\n(choice, t[choice])",
    "import numpy as np\nt = torch.zeros(5)\nt[np.array([0, 3])] = 2.0\nt[np.int32(1)] = 7.0\nt",
    "from enum import IntEnum\nclass K(IntEnum):\n    A = 1\n    B = 2\nt = torch.arange(5)\n(t[K.B], t[:K.B], t[K.A:K.B], [10, 20, 30][K.B])",
    "import numpy as np\nt = torch.arange(4)\nt[np.float64(1.0)]",
]]
