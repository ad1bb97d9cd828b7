# Kernels rewritten for speed must keep PyTorch's values: the exact fmod behind fmod,
# remainder and floor_divide (vector blocks and tails), copysign, nonzero, tril/triu, amax/amin
# along a leading dim (first NaN, signed zeros), index_put by rows, flip, ELU's -0, and
# tan/atan at printed precision, clamp's ties and NaN, and the fused multiply-add of addcmul
# and lerp (a multiply then an add differed from PyTorch in the last bit). fmod was composed
# as x - trunc(x / y)·y before, which rounds away the answer once the quotient passes 2^24
# (fmod(1e10, 3) printed 0.).
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = ("torch.manual_seed(0)\nx = torch.randn(37, 41) * 3\ny = torch.randn(37, 41)\n"
     "big = torch.randn(37, 41) * 1e6\n")
EDGE = ("torch.tensor([0.0, -0.0, 1.0, -1.0, float('inf'), float('-inf'), float('nan'), 1e-40, -1e-40,"
        " 1e10, -1e10, 7.0, -7.0, 0.5, 2.0, 5.5] * 2)")
EDGE2 = ("torch.tensor([3.0, -3.0, 0.0, -0.0, 2.0, 1.0, 1.0, 0.1, -0.1, 3.0, 3.0, -2.0, 2.0, float('nan'),"
         " -0.25, float('inf')] * 2)")


def exact(bodies):
    return [("perf15 kernels-bits", S + "str((" + body + ").tolist())") for body in bodies]


CASES = exact([
    "torch.fmod(x, y)", "torch.fmod(big, y)", "torch.fmod(x, 0.3)", "torch.fmod(big, -0.7)",
    "torch.fmod(" + EDGE + ", " + EDGE2 + ")", "torch.fmod(x.double() * 1e9, y.double())",
    "torch.fmod(torch.arange(-10, 10), 2.5)", "torch.fmod(torch.tensor([1e10, -1e10, 123456789.0]), 3.0)",
    "torch.remainder(x, y)", "torch.remainder(big, y)", "torch.remainder(x, y[0])", "torch.remainder(x, -0.3)",
    "torch.remainder(" + EDGE + ", " + EDGE2 + ")", "torch.remainder(x[:, ::2], 0.7)",
    "torch.floor_divide(x, y)", "torch.floor_divide(big, y)", "torch.floor_divide(" + EDGE + ", " + EDGE2 + ")",
    "torch.copysign(x, y)", "torch.copysign(" + EDGE + ", " + EDGE2 + ")", "torch.copysign(x.double(), -0.0)",
    "(x > 1).nonzero()", "(x.view(37, 1, 41) > 2).nonzero()", "torch.tensor(3.0).nonzero()",
    "torch.zeros(0, 3).nonzero()", "torch.tensor([[0.0, float('nan')], [-0.0, 2.0]]).nonzero()",
    "x.tril(-3)", "x.triu(5)", "x.tril(100)", "x.triu(-100)", "x.view(37, 1, 41).tril(2)",
    "torch.arange(24).view(2, 3, 4).triu(1)", "(x > 0)[:5, :7].tril()", "x.t().triu(-2)",
    "x.amax(0)", "x.amin(0)", "x.view(37, 41, 1).amax(1)", "torch.ones(3, 4).amin(0, keepdim=True)",
    "torch.tensor([[0.0, -0.0, 1.0, float('nan')], [-0.0, 0.0, float('nan'), 2.0], [0.0, 0.0, 3.0, -1.0]]).amax(0)",
    "torch.tensor([[0.0, -0.0, 1.0, float('nan')], [-0.0, 0.0, float('nan'), 2.0], [0.0, 0.0, 3.0, -1.0]]).amin(0)",
    "x.flip(1)", "x.flip(0, 1)", "torch.arange(10).flip(0)", "x[:, ::2].flip(1)",
    "F.elu(torch.tensor([-0.0, 0.0, -1e-3] * 6))",
    "x.clamp(-0.5, 0.5)", "x.clamp(1, -1)", "F.hardtanh(" + EDGE + ")", "F.relu6(" + EDGE + " * 4)",
    EDGE + ".clamp(0.0, 0.0)", EDGE + ".clamp(float('-inf'), 0.25)", EDGE + ".clamp(float('nan'), 1.0)",
    "torch.addcmul(x, y, big, value=0.3)", "torch.addcmul(x, y, big)", "torch.addcdiv(x, y, big, value=-1.7)",
    "torch.lerp(x, y, 0.3)", "torch.lerp(x, y, 0.8)", "torch.lerp(x, y, torch.rand(37, 41) * 1.4 - 0.2)",
    "torch.lerp(x, y[0], 0.3)", "torch.lerp(x.double(), y.double(), 0.7)", "x.clone().lerp_(y, 0.6)",
])
INDEX_PUT = [
    "t = torch.zeros(37, 41); i = torch.randint(0, 37, (30,)); t[i] = y[:30]; t",
    "t = torch.zeros(37, 41, dtype=torch.int32); i = torch.randint(0, 37, (30,)); t[i] = (y[:30] * 10).int(); t",
    "t = torch.zeros(5, 4); t.index_put_((torch.tensor([0, 3]),), torch.tensor(2.5)); t",
    "t = torch.zeros(5, 4, dtype=torch.float64); t[torch.tensor([0, 2]), torch.tensor([1, 3])] = torch.tensor([7.0, 8.0], dtype=torch.float64); t",
    "t = torch.arange(12.).view(3, 4); t[torch.tensor([2, 0])] = t[torch.tensor([0, 2])]; t",
    "t = torch.zeros(4, 3, dtype=torch.bool); t[torch.tensor([1, 3])] = True; t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t[torch.tensor([0, 2])] = torch.tensor([[1.7, -2.9]]); t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t[[0, 2]] = torch.tensor([1, 2], dtype=torch.int32); t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t[torch.tensor([0, 2]), 1] = torch.tensor([2.5, 1.0]); t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t.index_put_((torch.tensor([0]),), torch.tensor([2.5]), accumulate=True)",
    "t = torch.zeros(3, 2, dtype=torch.int64); t.index_put_((torch.tensor([0, 2]),), torch.tensor(2.5)); t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t[torch.tensor([True, False, True])] = torch.tensor([2.5]); t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t[torch.tensor([True, False, True]), 1] = torch.tensor(2.5); t",
    "t = torch.zeros(3, 2, dtype=torch.int64); t[:, torch.tensor([True, False])] = torch.tensor(2.5); t",
    "t = torch.zeros(3, 2); t[0:2] = torch.tensor([[2, 1]]); t",
]
CASES += [("perf15 kernels", S + body) for body in INDEX_PUT + [
    "torch.tan(x[:3, :6])", "torch.atan(big[:2, :8])", "torch.tan(torch.tensor([1e7, -3e9, 1.5707964, 0.0, -0.0]))",
    "torch.atan(torch.tensor([float('inf'), float('-inf'), -0.0, 1e-40, 1e30]))",
    "torch.fmod(torch.tensor([5, -5]), torch.tensor([3, 0]))", "torch.fmod(torch.tensor([5.0]), torch.zeros(2, 3))",
    "torch.fmod(torch.ones(2, 3), torch.ones(4))",
]]
