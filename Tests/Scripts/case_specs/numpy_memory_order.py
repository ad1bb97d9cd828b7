# numpy elementwise results keep their inputs' memory order, so float32 sums over an axis of
# `(v.T / norms).T` accumulate row by row as numpy's do (herding and class means in
# class-incremental code print their last digits); np.linalg.norm of a float32 vector
# multiplies in float32 and takes a float32 root; ndarray.transpose takes axes one by one.
CASES = [("python", "import numpy as np\n" + source) for source in [
    "r = np.random.RandomState(0)\nv = r.randn(10, 4).astype(np.float32)\nw = (v.T / (np.linalg.norm(v.T, axis=0) + 1e-8)).T\nm = np.mean(w[[3, 8, 7]], axis=0)\n(repr(np.mean(w, axis=0)), repr(np.sum(w, axis=0)), repr(m / np.linalg.norm(m)), repr(np.linalg.norm(m)))",
    "r = np.random.RandomState(0)\na = r.randn(37, 5).astype(np.float32)\nb = r.randn(5, 37).astype(np.float32)\n(repr((a.T * 3).sum(axis=0)), repr((a.T * 3).sum(axis=1)), repr((a.T + b).mean(axis=1)), repr((b + a.T).mean(axis=0)), repr((-a.T).sum(axis=0)[:3]), repr((a.T > 0).sum(axis=1)))",
    "x = np.arange(24, dtype=np.float32).reshape(2, 3, 4).transpose(2, 0, 1)\n(repr((x * 1.1).sum(axis=2)), repr((x * 1.1).mean(axis=0)), x.shape)",
    "r = np.random.RandomState(1)\n(repr(np.linalg.norm(r.randn(7).astype(np.float32))), repr(np.linalg.norm(r.randn(7))))",
]]
