# float32 ELU/SELU/CELU, mish and logsigmoid, printed in full (tolist) and compared bit for
# bit ("-bits"): PyTorch runs whole blocks of two vectors through SLEEF's expm1f (ELU) or
# expf, log1pf and tanhf (mish), the rest through libm's float functions, and logsigmoid
# through its vector formula everywhere; strided views take the scalar path. Lengths leave
# the same tail on AVX2 and AVX-512 blocks (n mod 32 below 16). asin, acos and atanh are
# checked bit for bit on edge values (zeros, subnormals, ±1, ±½, beyond the domain, inf,
# nan), where every correct rounding agrees; erfinv likewise.
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = "torch.manual_seed(0)\nx = torch.randn(97) * 3\nw = torch.randn(1000) * 4\n"
SPECIAL = ("torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-45, -1e-45, 1e-38, -2e-20,"
           " 3e38, -3e38, -16.6, -16.7, -17.0, 88.7, 88.73, 89.0, -88.0, -104.0, -105.0, 1e-3, -1e-3,"
           " 0.5, -0.5, 2.0, -2.0, 5.0, -5.0, 15.0, -15.0, 20.0, -20.0] * 2)")
DOMAIN = ("torch.tensor([0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1e-45, -1e-45, 1e-38, -1e-38, 2e-20, -3e-10,"
          " 1.0000001, -1.0000001, 2.0, -3.0, float('inf'), float('-inf'), float('nan'), 0.125, -0.125, 1e-4] * 2)")


def exact(bodies):
    return [("perf9 unary-bits", S + "str((" + body + ").tolist())") for body in bodies]


CASES = exact([
    "F.elu(x)", "F.elu(w)", "F.elu(x[:7])", "F.elu(x[::2])", "F.elu(" + SPECIAL + ")", "F.elu(" + SPECIAL + "[:14])",
    "F.elu(w, alpha=0.3)", "F.selu(w)", "F.selu(x[::3])", "F.selu(" + SPECIAL + ")", "F.celu(w, alpha=2.5)",
    "F.celu(x)", "F.celu(" + SPECIAL + ", alpha=0.7)", "torch.nn.ELU(alpha=1.5)(w[:40])",
    "F.mish(x)", "F.mish(w)", "F.mish(x[:7])", "F.mish(x[::2])", "F.mish(" + SPECIAL + ")",
    "F.logsigmoid(x)", "F.logsigmoid(w)", "F.logsigmoid(x[:7])", "F.logsigmoid(x[::2])",
    "F.logsigmoid(" + SPECIAL + ")", "F.logsigmoid(" + SPECIAL + "[:13])",
    "torch.asin(" + DOMAIN + ")", "torch.acos(" + DOMAIN + ")", "torch.atanh(" + DOMAIN + ")",
    "torch.asin(" + DOMAIN + "[::3])", "torch.atanh(" + DOMAIN + "[1::2])", "torch.erfinv(" + DOMAIN + ")",
]) + [("perf9 unary", S + body) for body in [
    "F.elu(x.double()[:5])", "F.mish(x.double()[:5])", "F.logsigmoid(x.double()[:5])", "F.selu(torch.arange(-3, 4))",
    "torch.atanh(torch.tensor([0.5, -0.25], dtype=torch.bfloat16))", "torch.asin(torch.tensor([1, 0, -1]))",
    "torch.acos(x.double()[:4] * 0.3)", "torch.atanh(x.double()[:4] * 0.3)",
]]
