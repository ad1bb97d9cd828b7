# Kernels rewritten for speed must keep PyTorch's values, to the bit. hardsigmoid, hardswish
# and softsign of float32 round after every step in float, as PyTorch's kernels do (one
# double evaluation rounded at the end differed in the last bit for ~13% of inputs), and
# softsign of float16/bfloat16 is a composite that rounds after the add and the divide.
# Vector norms other than the vectorised 2-norm of contiguous rows add their terms one by
# one into a float in memory order (p = 1 was summed in double; permuted inputs were summed
# in index order). Broadcast copies, roll and cat of sliced parts cover the new copy loops.
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = ("torch.manual_seed(0)\nx = torch.randn(37, 41) * 3\ny = torch.randn(6, 50, 70)\n")
EDGE = ("torch.tensor([0.0, -0.0, 3.0, -3.0, 2.9999998, -2.9999998, 6.0, float('inf'), float('-inf'),"
        " float('nan'), 1e-40, -1e-40, 1e30, -1e30, 0.5, -0.5] * 2)")


def exact(bodies):
    return [("perf16 kernels-bits", S + "str((" + body + ").tolist())") for body in bodies]


ACTIVATIONS = []
for name in ("hardsigmoid", "hardswish", "softsign"):
    ACTIVATIONS += [f"F.{name}(x)", f"F.{name}({EDGE})", f"F.{name}(x.double())",
                    f"F.{name}(x.half()).float()", f"F.{name}(x.bfloat16()).float()", f"F.{name}(x[:, ::3])"]
ACTIVATIONS += ["F.softsign(torch.arange(-3, 4))", "F.tanhshrink(x)", "F.tanhshrink(x.half()).float()"]

NORMS = []
for p in ("0", "1", "2", "3", "0.5", "-1.5", "float('inf')", "float('-inf')"):
    NORMS += [f"x.norm(p={p})", f"x.norm(p={p}, dim=0)", f"x.norm(p={p}, dim=1)", f"x.t().norm(p={p})",
              f"x.t().norm(p={p}, dim=1)", f"x[:, ::3].norm(p={p}, dim=1)", f"y.norm(p={p}, dim=(0, 2))",
              f"y.permute(2, 0, 1).norm(p={p}, dim=(1, 2))", f"y.permute(2, 0, 1).norm(p={p}, dim=0)[:3]",
              f"torch.linalg.vector_norm(y, ord={p}, dim=1, keepdim=True)[:2]", f"torch.tensor(-3.0).norm(p={p})",
              f"torch.tensor([0.0, -0.0, float('nan'), 1.0]).norm(p={p})", f"y.expand(2, 6, 50, 70).norm(p={p}, dim=(0, 3))"]
NORMS += ["torch.zeros(0, 3).norm(p=1, dim=0)", "torch.zeros(0, 3).norm(p=3, dim=0)", "torch.ones(3, 0).norm(p=2, dim=1)",
          "torch.full((2, 20000000), 1.0).expand(2, 20000000).norm(p=0, dim=1)" if False else "torch.ones(5, 9).norm(p=0)"]

COPIES = ["torch.randn(7, 1).expand(7, 9).contiguous()", "x[:, :1].expand(37, 5).clone()",
          "torch.randn(4, 1).expand(4, 3).to(torch.float64)", "torch.arange(6).view(6, 1).expand(6, 4).float()",
          "torch.tensor([[True], [False]]).expand(2, 3).contiguous()",
          "x.roll(3, 1)", "x.roll(-5, 0)", "x.roll((2, -1), (0, 1))", "x.t().roll(4, 1)", "x.roll(7)",
          "torch.cat([x[:, :3], x[:, 10:]], 1)", "torch.cat([x.t()[:3], x.t()[5:]], 0)",
          "torch.cat([x[:, :2], x[:, 3:5].double()], 1)", "torch.cat([x[::2, :4], torch.zeros(19, 2)], 1)"]

CASES = exact(ACTIVATIONS + NORMS + COPIES)
