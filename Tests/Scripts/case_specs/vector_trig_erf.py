# float32 sin, cos and erf through the engine's vector kernels (double precision, rounded
# once). PyTorch takes all three from MKL's vector library, which agrees with the correctly
# rounded value but for a few percent of last bits on random inputs, so random inputs are
# compared to the replay's tolerance and through their printed repr (character for
# character); the special values, where MKL and the correctly rounded value agree, are
# compared bit for bit ("-bits"): signed zeros, inf, nan, subnormals, values past the vector
# path's reduction limit (libm's reduction) and erf's saturation at ±1.
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = "torch.manual_seed(0)\nx = torch.randn(97) * 3\n"
SPECIAL = ("torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-45, -1e-45, 1e-38, -2e-20,"
           " 3e38, -3e38, 2e6, -1.7e6, 1.6e6, 1.5e6, 5.5, -5.5, 88.7, -104.0, 2.0, -2.0, 4.0, -3.95, 1e-3])")
ERF_SPECIAL = ("torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 3e38, -3e38, 2.0, -2.0,"
               " 3.9, 3.95, 4.0, -4.0, 10.0, 0.5, -0.5, 1.0, 2.5, -3.0])")


def exact(category, bodies):
    return [(category, S + "str((" + body + ").tolist())") for body in bodies]


def close(category, bodies):
    return [(category, S + body) for body in bodies]


CASES = exact("sin, cos and erf special-bits", [
    SPECIAL + ".sin()", SPECIAL + ".cos()", "torch.sin(" + SPECIAL + "[:5])", "torch.cos(" + SPECIAL + "[::2])",
    ERF_SPECIAL + ".erf()", "torch.erf(" + ERF_SPECIAL + "[:7])", "torch.special.erf(" + ERF_SPECIAL + "[::3])",
]) + close("sin, cos and erf", [
    "x.sin()", "x.cos()", "x.erf()", "torch.sin(x[:7])", "torch.cos(x[::3])", "torch.erf(x[1::2])",
    "torch.sin(x.view(97, 1).t())", "(x * 1000).sin()", "(x * 1000).cos()", "(x * 3e5).sin()",
    "torch.arange(-3, 4).sin()", "torch.arange(-3, 4).cos()", "torch.arange(-3, 4).erf()",
    "(torch.arange(-20, 21) * 0.25).erf()", "(torch.arange(-10, 11) * 0.001).erf()", "x.double()[:6].sin()",
    "x.sin().sum()", "torch.sin(x.view(97, 1).expand(97, 3)).shape", "torch.sin(x[:0])",
    "y = x.clone()\ny.sin_()\ny[:9]", "y = x.clone()\ny.cos_()\ny[:9]", "y = x.clone()\ny.erf_()\ny[:9]",
])
