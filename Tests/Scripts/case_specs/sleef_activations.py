# float32 GELU's tanh form and softplus, printed in full (tolist) and compared bit for bit
# ("-bits"). PyTorch runs whole blocks of two vectors through SLEEF's tanhf and
# expf/log1pf (its AVX2 Vectorized<float>) and the rest through libm's scalar functions,
# with x + κ·x³ fused into one multiply-add in both; the engine follows both paths. The
# block is 16 floats on AVX2 and 32 on AVX-512, so lengths here leave the same tail
# either way (n mod 32 below 16); strided views take the scalar path throughout.
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = "torch.manual_seed(0)\nx = torch.randn(97) * 3\nw = torch.randn(1000) * 4\n"
SPECIAL = ("torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-45, -1e-45, 1e-38, -2e-20,"
           " 3e38, -3e38, 8.66, -8.67, 9.5, 20.0, 20.5, 19.99, -88.0, 88.0, 89.0, -104.0, -105.0, 1e-3, -1e-3,"
           " 0.5, -0.5, 2.0, -2.0, 5.0, -5.0, 15.0, -15.0] * 2)")


def exact(bodies):
    return [("sleef activations-bits", S + "str((" + body + ").tolist())") for body in bodies]


CASES = exact([
    "F.gelu(x, approximate='tanh')", "F.gelu(w, approximate='tanh')", "F.gelu(x[:7], approximate='tanh')",
    "F.gelu(x[::2], approximate='tanh')", "F.gelu(" + SPECIAL + ", approximate='tanh')",
    "F.gelu(" + SPECIAL + "[:14], approximate='tanh')", "torch.nn.GELU('tanh')(w[:40])",
    "F.softplus(x)", "F.softplus(w)", "F.softplus(x[:7])", "F.softplus(x[::2])", "F.softplus(" + SPECIAL + ")",
    "F.softplus(" + SPECIAL + "[:14])", "F.softplus(w, beta=2.0)", "F.softplus(w, beta=0.5, threshold=3.0)",
    "F.softplus(w[:40], beta=-1.0)", "torch.nn.Softplus(beta=3.0, threshold=5.0)(w[:40])",
    "F.softplus(torch.arange(-500, 501) * 0.06)", "F.gelu(torch.arange(-500, 501) * 0.024, approximate='tanh')",
]) + [("sleef activations", S + body) for body in [
    "F.gelu(x, approximate='tanh')[:8]", "F.softplus(x)[:8]", "F.softplus(torch.arange(-3, 4))",
    "F.gelu(x.double()[:5], approximate='tanh')", "F.softplus(x.double()[:5])",
]]
