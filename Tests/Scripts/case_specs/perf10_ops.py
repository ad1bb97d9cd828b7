# Ops given their own kernels for speed (nansum, remainder, floor_divide, logaddexp, atan2,
# constant pad, cummax/cummin, cumprod, integer unique, nll_loss reduction='none'), printed in
# full and judged bit for bit ("-bits"): random inputs long enough for PyTorch's vector blocks
# and scalar tails, edge values (nan, ±inf, ±0, zero and negative divisors), non-contiguous
# inputs, other dtypes and empty tensors. Vector-path inputs are sized so that a 32-float block
# (AVX-512 builds) and a 16-float one (AVX2) split them alike. Recorded by record_cases.py.
EDGE = ("torch.tensor([float('nan'), float('inf'), -float('inf'), 0.0, -0.0, 1.0, -1.0, 2.5, -2.5, "
        "1e-30, -1e-30, 3e38, -3e38, 7.0, -7.0, 0.3])")
GRID = f"e = {EDGE}\nx = e.repeat_interleave(16)\ny = e.repeat(16)\n"
# Without ±3e38: SLEEF's vector fmodf (PyTorch's remainder on whole blocks) gives nan where
# its first quotient estimate overflows, which this engine's exact fmod does not copy.
MODULO_GRID = GRID.replace("3e38, -3e38, ", "")
RANDOM = "torch.manual_seed(7)\nx = torch.randn(37, 41) * 4\ny = torch.randn(37, 41) * 2\n"
CASES = [
    ("perf10-bits", "torch.manual_seed(1)\nx = torch.randn(37, 45)\nx[x > 1.2] = float('nan')\n"
                    "(x.nansum(dim=1).tolist(), x.nansum(dim=0).tolist(), x.nansum().item(), x.t().nansum(dim=1).tolist())"),
    ("perf10-bits", "torch.manual_seed(2)\nx = torch.randn(6, 20, 9)\nx[x < -1] = float('nan')\n"
                    "(x.nansum(dim=(0, 2), keepdim=True).tolist(), x.permute(2, 0, 1).nansum(dim=-1).tolist())"),
    ("perf10-bits", "x = torch.full((3, 40), float('nan'))\nx[1, 5] = 2.0\nx.nansum(dim=1).tolist()"),
    ("perf10", "torch.manual_seed(3)\nx = torch.randn(5, 18, dtype=torch.float64)\nx[x > 0.5] = float('nan')\n"
               "(x.nansum(dim=1), x.float().nansum(dim=0, dtype=torch.float64))"),
    ("perf10-bits", "torch.manual_seed(3)\nx = torch.randn(5, 18)\nx[x > 0.5] = float('nan')\nx.bfloat16().nansum(dim=1).tolist()"),
    ("perf10-bits", "x = torch.tensor([[1, 2, 3], [4, 5, 6]])\n(x.nansum(dim=1), torch.tensor([True, False, True]).nansum(), "
                    "torch.empty(0, 3).nansum(dim=0), torch.empty(2, 0).nansum(dim=1))"),
    ("perf10-bits", RANDOM + "(torch.remainder(x, y).tolist(), torch.floor_divide(x, y).tolist(), "
                             "torch.remainder(x, -0.7).tolist(), torch.floor_divide(x, 0.3).tolist())"),
    ("perf10-bits", MODULO_GRID + "(torch.remainder(x, y).tolist(), torch.floor_divide(x, y).tolist())"),
    ("perf10-bits", GRID + "torch.floor_divide(x, y).tolist()"),
    ("perf10-bits", RANDOM + "(torch.remainder(x.t(), y.t()).tolist(), torch.floor_divide(x[:, :40:2], y[:, 1::2]).tolist(), "
                             "torch.remainder(x.double(), y.double()).tolist(), torch.floor_divide(x[0], y[:, :1]).tolist())"),
    ("perf10-bits", "a = torch.tensor([-7, -3, 0, 3, 7, 9223372036854775807])\nb = torch.tensor([2, -2, 5, -5, 3, -1])\n"
                    "(torch.remainder(a, b), torch.floor_divide(a, b), torch.remainder(a, -3), torch.floor_divide(a.int(), 2))"),
    ("perf10-bits", "torch.remainder(torch.tensor([1, 2]), torch.tensor([1, 0]))"),
    ("perf10-bits", "(torch.remainder(torch.empty(0, 3), 2.0), torch.floor_divide(torch.empty(2, 0), torch.empty(2, 0)))"),
    ("perf10-bits", RANDOM + "(torch.logaddexp(x, y).tolist(), torch.logaddexp(x, y[0]).tolist(), "
                             "torch.logaddexp(x[:, 3:], torch.tensor(1.5)).tolist())"),
    ("perf10-bits", GRID + "torch.logaddexp(x, y).tolist()"),
    ("perf10-bits", RANDOM + "(torch.logaddexp(x[:, :40:2], y[:, 1::2]).tolist(), torch.logaddexp(x[:5, :5].half(), y[:5, :5].half()).tolist())"),
    ("perf10", RANDOM + "torch.logaddexp(x.double(), y.double())"),
    ("perf10-bits", "torch.logaddexp(torch.tensor([1, 2]), torch.tensor([3, 4]))"),
    ("perf10-bits", RANDOM + "(torch.atan2(x, y).tolist(), torch.atan2(x, y[:, :1]).tolist(), torch.atan2(x[:36:2], y[1::2]).tolist())"),
    ("perf10-bits", GRID + "torch.atan2(x, y).tolist()"),
    ("perf10-bits", "torch.manual_seed(9)\nx = torch.randn(3008) * 1e-38\ny = torch.randn(3008) * 1e30\n"
                    "(torch.atan2(x, y).tolist(), torch.atan2(y, x).tolist())"),
    ("perf10-bits", "(torch.atan2(torch.tensor([1, -2, 0]), torch.tensor([0, 3, -1])), "
                    "torch.atan2(torch.randn(4, 5, dtype=torch.float64), torch.ones(5, dtype=torch.float64)).shape, "
                    "torch.atan2(torch.empty(0), torch.empty(0)))"),
    ("perf10-bits", "torch.manual_seed(4)\nx = torch.randn(4, 5, 6)\n"
                    "(F.pad(x, (1, 2, 3, 4), value=0.25).tolist(), F.pad(x, (-1, 2, 0, -3)).tolist(), "
                    "F.pad(x.transpose(0, 2), (2, 2), value=-1.5).tolist())"),
    ("perf10-bits", "(F.pad(torch.arange(6).view(2, 3), (1, 1), value=7), F.pad(torch.tensor([True, False]), (2, 0)), "
                    "F.pad(torch.empty(0, 3), (1, 1)), F.pad(torch.ones(2, 2, dtype=torch.float64), (0, 0, 1, 1), value=2.5))"),
    ("perf10-bits", "torch.manual_seed(5)\nx = torch.randn(9, 23).round()\nx[2, 4] = float('nan')\nx[5, 0] = float('nan')\n"
                    "(x.cummax(dim=1), x.cummin(dim=0), x.t().cummax(dim=1), x.t().cummin(dim=0))"),
    ("perf10-bits", "x = torch.tensor([[3, 1, 3, 5, 5], [-2, -2, 0, -9, 4]])\n"
                    "(x.cummax(dim=1), x.cummin(dim=0), x.int().cummax(dim=0), x.double().cummin(dim=1), "
                    "torch.tensor(2.5).cummax(dim=0), torch.empty(0, 4).cummax(dim=0), torch.tensor([True, False, True]).cummin(dim=0))"),
    ("perf10-bits", "torch.manual_seed(6)\nx = torch.rand(11, 27) + 0.5\n"
                    "(x.cumprod(dim=1).tolist(), x.cumprod(dim=0).tolist(), x.t().cumprod(dim=1).tolist(), "
                    "x[:, ::3].cumprod(dim=0).tolist())"),
    ("perf10-bits", "(torch.tensor([[1, -2, 3], [4, 5, -6]]).cumprod(dim=1), torch.tensor([1.5, float('nan'), 2.0, float('inf'), 0.0]).cumprod(0), "
                    "torch.tensor([2.0, 3.0], dtype=torch.float64).cumprod(0), torch.empty(0, 2).cumprod(dim=1), torch.tensor(3.0).cumprod(0))"),
    ("perf10-bits", "torch.manual_seed(8)\nx = torch.randint(-50, 50, (13, 17))\n"
                    "(torch.unique(x), torch.unique(x, return_inverse=True, return_counts=True), torch.unique(x.t(), return_inverse=True))"),
    ("perf10-bits", "(torch.unique(torch.tensor([True, False, True])), torch.unique(torch.tensor([5, 3, 5], dtype=torch.uint8), return_counts=True), "
                    "torch.unique(torch.tensor([-2**63, 2**63 - 1, 0, -2**63])), torch.unique(torch.tensor([], dtype=torch.int64), return_inverse=True), "
                    "torch.unique(torch.tensor([[4, 1], [1, 4]], dtype=torch.int32), return_inverse=True, return_counts=True))"),
    ("perf10-bits", "torch.manual_seed(10)\nx = torch.randn(12, 7)\nt = torch.randint(0, 7, (12,))\nt[3] = -100\nw = torch.rand(7)\n"
                    "(F.nll_loss(x, t, reduction='none').tolist(), F.nll_loss(x, t, weight=w, reduction='none').tolist(), "
                    "F.nll_loss(x.t().contiguous().t(), t.clamp(min=0), reduction='none', ignore_index=2).tolist())"),
    ("perf10-bits", "F.nll_loss(torch.randn(3, 4), torch.tensor([0, 4, 1]), reduction='none')"),
]
