# Bit-exact guards for the kernels sped up in perf14, printed in full and judged bit for
# bit ("-bits"):
# - atan2: SLEEF's atan2f8_u10 on whole vector blocks, libm's atan2f on the tail, on
#   broadcast rows and on strided views; sizes 32k + t with t < 16 split 8- and 16-lane
#   builds alike; every pair of edge values (zeros, subnormals, inf, nan, the tiny
#   divisors the kernel rescales).
# - nll_loss 'mean' and 'sum' on float32 scores without weights: the cascade sum over
#   enough rows to spill several levels, ignored rows, a transposed (strided) input.
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
EDGES = ("[0.0, -0.0, 1e-45, -1e-45, 2.9e-39, -2.9e-39, 1e-38, -1e-38, 0.5, -0.5, 1.0, -1.0, 7.0,"
         " -7.0, 3e38, -3e38, float('inf'), float('-inf'), float('nan')]")
CASES = []
for seed, size, scale in [(1, 1000, 3), (2, 520, 30), (4, 37, 1e-20), (5, 3, 4)]:
    setup = f"torch.manual_seed({seed})\ny = torch.randn({size}) * {scale}\nx = torch.randn({size})\n"
    CASES.append(("perf14 atan2-bits", setup + "torch.atan2(y, x).tolist()"))
    CASES.append(("perf14 atan2-bits", setup + "torch.atan2(y[::2], x[::2]).tolist()"))
    CASES.append(("perf14 atan2-bits", setup + "torch.atan2(y, x[:1]).tolist()"))
# Every pair of edge values as two contiguous 361-element tensors (361 = 11·32 + 9): a
# 19-wide broadcast row would run whole vectors on AVX2 but not in 32-float blocks.
GRID = f"e = torch.tensor({EDGES})\na = e.reshape(-1, 1).expand(19, 19).flatten()\nb = e.reshape(1, -1).expand(19, 19).flatten()\n"
CASES.append(("perf14 atan2-bits", GRID + "torch.atan2(a, b).tolist()"))
CASES.append(("perf14 atan2-bits", GRID + "torch.atan2(b, a).tolist()"))
NLL = "torch.manual_seed({seed})\ns = torch.randn({rows}, {classes}).log_softmax(1) * {scale}\nt = torch.randint(0, {classes}, ({rows},))\n"
for seed, rows, classes, scale in [(1, 1000, 1000, 1), (2, 4099, 7, 3), (3, 70000, 3, 100), (4, 17, 5, 1), (5, 1, 4, 1)]:
    setup = NLL.format(seed=seed, rows=rows, classes=classes, scale=scale)
    CASES.append(("perf14 nll-bits", setup + "F.nll_loss(s, t).item()"))
    CASES.append(("perf14 nll-bits", setup + "F.nll_loss(s, t, reduction='sum').item()"))
    CASES.append(("perf14 nll-bits", setup + "t[::3] = -100\nF.nll_loss(s, t).item()"))
    CASES.append(("perf14 nll-bits", setup + "F.nll_loss(s.t().contiguous().t(), t, ignore_index=0).item()"))
CASES.append(("perf14 nll-bits", "s = torch.randn(6, 3)\nt = torch.full((6,), -100)\nF.nll_loss(s, t).item()"))
CASES.append(("perf14 nll", "s = torch.randn(3, 4)\nF.nll_loss(s, torch.tensor([0, 4, 1]))"))
