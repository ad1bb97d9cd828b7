# np.percentile / np.quantile with numpy's 'linear' method: (n - 1)·q split into floor and
# weight, _lerp from the nearer end, a Python-number q weak (a float32 array answers in
# float32), a list of levels making the answer float64 and putting its shape first, axis and
# keepdims, NaN lanes, the range errors; np.isin with invert and a 0-d element.
CASES = [("python", "import numpy as np\n" + source) for source in [
    "a32 = np.array([1.5, 2, 3, 4.25], dtype=np.float32)\n(repr(np.percentile(a32, 50)), repr(np.percentile(np.arange(5), 33)), repr(np.percentile(np.arange(5), [10, 90])))",
    "m = np.arange(12).reshape(3, 4)\n(repr(np.percentile(m, 50, axis=0)), repr(np.percentile(m, [25, 75], axis=1)), repr(np.percentile(m, 50, axis=1, keepdims=True)), repr(np.percentile(np.arange(6).reshape(2, 3), 40, keepdims=True)))",
    "(repr(np.percentile([3, 1, 2], 100)), repr(np.percentile([3., np.nan], 50)), repr(np.quantile(np.arange(5), 0.5)))",
    "r = np.random.RandomState(1).randn(50)\n(repr(np.percentile(r, [1, 5, 25, 50, 75, 95, 99])), repr(np.percentile(r, 12.5)))",
    "f = np.random.RandomState(3).randn(9).astype(np.float32) * 1000\n(repr(np.percentile(f, [13, 50, 77])), repr(np.percentile(f, 13)), repr(np.quantile(f, [0.31])), repr(np.quantile(np.random.RandomState(0).rand(7).astype(np.float32), [0.1, 0.37, 0.5, 0.99])))",
    "np.percentile([1, 2], 150)",
    "np.quantile([1, 2], 1.5)",
    "(repr(np.isin(np.array([[1, 2], [3, 4]]), [2, 3])), repr(np.isin(3, [1, 3])), repr(np.isin([1, 5], np.array([5]), invert=True)))",
]]
