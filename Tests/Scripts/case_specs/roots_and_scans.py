# float32 sqrt and rsqrt (bit-exact: PyTorch's rsqrt is 1 / sqrtf(x) in float, not the
# correctly rounded 1/√x), expm1 and log1p near zero and at their limits (compared to
# the replay's tolerance, as exp and log are: PyTorch takes them from MKL), and float32
# cumsum, which PyTorch accumulates in double along every dim, so the small terms survive a
# large one that later cancels.
S = "torch.manual_seed(0)\nx = torch.randn(6, 37).abs() * 5\n"
SPECIAL = "torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-45, -1e-45, 3e38, -1.0, -2.0, 1e-8, -1e-8, 88.7])"


def exact(body):
    return "str((" + body + ").tolist())"


ROOTS = [("sqrt and rsqrt bits", S + exact(body)) for body in [
    "x.sqrt()", "x.rsqrt()", "torch.rsqrt(x[:, ::3])", "x.t().rsqrt()", "x[0, :5].sqrt()",
    SPECIAL + ".sqrt()", SPECIAL + ".rsqrt()", "torch.arange(1, 20).rsqrt()",
]]
NEAR_ZERO = [("expm1 and log1p", S + "(" + body + ").tolist()") for body in [
    "(x / 100).expm1()", "(x - 2.5).expm1()", "torch.expm1(x.t() * 4)", "(x / 1000).log1p()", "(x - 0.9).log1p()",
    SPECIAL + ".expm1()", SPECIAL + ".log1p()", "torch.arange(-3, 4).expm1()",
]]
SCANS = [("cumsum float32", S + exact(body)) for body in [
    "torch.tensor([1e8, 1.0, 1.0, 1.0, 1.0, -1e8, -0.0]).cumsum(0)",
    "(x * 1e4).cumsum(1)", "(x * 1e4).cumsum(0)", "x.view(6, 37, 1).expand(6, 37, 3).cumsum(1)[:, -1]",
    "x.t().cumsum(1)[:, -1]", "x.view(2, 3, 37).cumsum(-2)", "torch.randn(1000).cumsum(0)[-5:]",
    "x.cumsum(dim=1, dtype=torch.float32)[:, -1]",
]]
CASES = ROOTS + NEAR_ZERO + SCANS
