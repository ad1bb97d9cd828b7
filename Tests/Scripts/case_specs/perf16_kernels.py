# Kernels rewritten for speed must keep PyTorch's values, to the bit. hardsigmoid, hardswish
# and softsign of float32 round after every step in float, as PyTorch's kernels do (one
# double evaluation rounded at the end differed in the last bit for ~13% of inputs), and
# softsign of float16/bfloat16 is a composite that rounds after the add and the divide.
# Vector norms other than the vectorised 2-norm of contiguous rows add their terms one by
# one into a float in memory order (p = 1 was summed in double; permuted inputs were summed
# in index order). Broadcast copies, roll and cat of sliced parts cover the new copy loops.
# var/std over all elements take the mean in the dtype and the squares in double. scatter along
# the last dim takes a tight loop. multi_margin_loss rounds every step in the input's dtype and
# sums the batch in double (a double z rounded once differed in the last bit of most losses).
# float64 sums, means and nansums run the same cascade as float32 in vectors of four doubles
# (they were summed one by one), and a float64 dtype= converts the input first.
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

STATISTICS = ["x.std()", "x.var()", "x.t().std()", "x[:, ::2].var(correction=0)", "x.double().std()",
              "x.std(dim=(0, 1))", "(x * 1e3 + 1e4).var()", "y.permute(2, 0, 1).std()", "torch.randn(3, 1).expand(3, 50).std()"]
SCATTER = ["torch.zeros(37, 41).scatter(1, torch.randint(0, 41, (37, 41)), x)",
           "torch.zeros(37, 41).scatter_add(1, torch.randint(0, 41, (37, 30)), x)",
           "torch.ones(37, 41).scatter_reduce(1, torch.randint(0, 41, (37, 41)), x, 'prod')",
           "torch.zeros(37, 41).scatter(0, torch.randint(0, 37, (37, 41)), x)",
           "torch.zeros(37, 41).t().scatter_add(1, torch.randint(0, 37, (41, 37)), x.t())"]
MARGIN = []
for p in (1, 2):
    for reduction in ("mean", "sum", "none"):
        MARGIN += [f"F.multi_margin_loss(x, t, p={p}, margin=0.7, reduction='{reduction}')",
                   f"F.multi_margin_loss(x, t, p={p}, weight=w, reduction='{reduction}')",
                   f"F.multi_margin_loss(x.double(), t, p={p}, reduction='{reduction}')",
                   f"F.multi_margin_loss(x[0], t[:1], p={p}, reduction='{reduction}')"]
        MARGIN += [f"xr = x.clone().requires_grad_(); F.multi_margin_loss(xr, t, p={p}, weight=w, reduction='{reduction}').sum().backward(); xr.grad",
                   f"xr = x.double().requires_grad_(); F.multi_margin_loss(xr, t, p={p}, margin=0.3, reduction='{reduction}').sum().backward(); xr.grad"]
MARGIN_SETUP = "t = torch.randint(0, 41, (37,)); w = torch.rand(41); "

D = "x.double()"
DOUBLE_SUMS = [f"{D}.sum()", f"{D}.sum(0)", f"{D}.sum(1)", f"{D}.t().sum()", f"{D}.t().sum(0)", f"{D}[:, ::3].sum(1)",
               "y.double().sum((0, 2))", "y.double().permute(2, 0, 1).sum(0)", "y.double().mean()", "y.double().mean(1)",
               f"{D}.mean(0)", f"torch.where(x > 2, float('nan'), x).double().nansum(1)", f"{D}.nansum()",
               "x.sum(dtype=torch.float64)", "x.t().sum(0, dtype=torch.float64)", "x.mean(dtype=torch.float64)",
               "x.mean(1, dtype=torch.float64)", "torch.arange(1000).sum(dtype=torch.float64)",
               f"{D}.expand(2, 37, 41).sum((0, 2))", f"{D}[:7, :5].sum()", "torch.ones(5, 0, dtype=torch.float64).mean(1)",
               "torch.randn(1000, 1000, dtype=torch.float64).sum(0)[:40]", "torch.randn(3, 100000, dtype=torch.float64).sum(1)"]

CASES = exact(ACTIVATIONS + NORMS + COPIES + STATISTICS + SCATTER + DOUBLE_SUMS)
CASES += [("perf16 kernels-bits", S + MARGIN_SETUP.replace("; ", "\n") + body.replace("; ", "\n")[:body.replace("; ", "\n").rfind("\n") + 1]
           + "str((" + body.split("; ")[-1] + ").tolist())") for body in MARGIN]
CASES += [("perf16 kernels", S + "t = torch.tensor([1, 0, 3])\n" + body) for body in [
    "F.multi_margin_loss(torch.randn(3, 4).half(), t)", "F.multi_margin_loss(torch.randn(3, 4).bfloat16(), t)",
    "F.multi_margin_loss(torch.randn(3, 4), t, p=3)", "F.multi_margin_loss(torch.randn(3, 4), torch.tensor([1, 0, 4]))",
    "F.multi_margin_loss(torch.randn(3, 4, dtype=torch.float64, requires_grad=True), t)",
    # A bad index raises after the writes before it, as ATen's loop leaves them.
    "x = torch.zeros(3, 4)\ntry:\n    x.scatter_(1, torch.tensor([[0, 1], [5, 2], [1, 1]]), torch.ones(3, 2))\nexcept RuntimeError as e:\n    print(e)\nx",
    "x = torch.zeros(3, 4)\ntry:\n    x.scatter_add_(0, torch.tensor([[0, 1], [2, 7], [1, 1]]), torch.ones(3, 2))\nexcept RuntimeError as e:\n    print(e)\nx",
    "torch.zeros(3, 4).scatter(1, torch.tensor([[0, -1]]), torch.ones(1, 2))"]]
