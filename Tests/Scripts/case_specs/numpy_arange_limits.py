# np.arange lengths numpy cannot compute or hold end in numpy's errors, never in a trap
# converting the length to an integer.
CASES = [("numpy-arange", "import numpy as np\n" + body) for body in [
    "np.arange(1e300)",
    "np.arange(0, 1, 1e-300)",
    "np.arange(float('inf'))",
    "np.arange(float('nan'))",
    "np.arange(0, 10, 0)",
    "np.arange(5, 1), np.arange(2.5), np.arange(1, 2, 0.25)",
]]
