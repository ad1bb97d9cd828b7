# np.finfo / np.iinfo, as RL and normalisation code reads them
# (`eps = np.finfo(np.float32).eps.item()`).
CASES = [("numpy", source) for source in [
    "import numpy as np\nf = np.finfo(np.float32)\n(repr(f), f.eps, f.max, f.min, f.tiny, f.resolution, f.bits, f.dtype, f.precision, f.epsneg)",
    "import numpy as np\n(repr(np.finfo(float)), np.finfo(np.float64).eps, np.finfo('float32').eps.item(), 1.0 + np.finfo(np.float64).eps)",
    "import numpy as np\ni = np.iinfo(np.int32)\n(repr(i), i.max, i.min, i.bits, i.dtype, repr(np.iinfo(np.uint8)), np.iinfo('int64').max)",
    "import numpy as np\nr = torch.tensor([1.0, 2.0, 4.0])\n(r - r.mean()) / (r.std() + np.finfo(np.float32).eps.item())",
    "import numpy as np\nnp.finfo(np.int32)",
    "import numpy as np\nnp.iinfo(np.float32)",
]]
