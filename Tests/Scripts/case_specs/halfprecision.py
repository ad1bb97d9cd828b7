# float16 / bfloat16 conformance cases: creation, printing, promotion, per-op rounding
# (PyTorch computes these dtypes in float32 and rounds each op's result), reductions,
# softmax, conversions, finfo and item. Recorded with real PyTorch by record_cases.py.
H = "h = torch.tensor([0.1, -1.5, 2.7, 1000.3], dtype=torch.float16)\n"
B = "b = torch.tensor([0.1, -1.5, 2.7, 1000.3], dtype=torch.bfloat16)\n"
R = "r = (torch.arange(1, 101) * 0.37).half()\n"
X = "x = torch.tensor([0.1, 1 / 3, 2.5, 1e-6, 70000.0, -65519.0])\n"


def group(category, setup, expressions):
    return [(category, setup + e) for e in expressions]


CREATION = group("half", "", [
    "torch.tensor([1.5, 2.25, -0.1], dtype=torch.float16)",
    "torch.tensor([0.1, 0.2, 0.3], dtype=torch.bfloat16)",
    "torch.ones(2, 3, dtype=torch.half)",
    "torch.zeros(3, dtype=torch.bfloat16)",
    "torch.arange(6, dtype=torch.float16).view(2, 3)",
    "torch.linspace(0, 1, 7, dtype=torch.float16)",
    "torch.full((2, 2), 3.14159, dtype=torch.float16)",
    "torch.tensor([65504.0, 1e-3], dtype=torch.float16)",
    "torch.tensor([1e-8, 6e-8, 1e-5], dtype=torch.float16)",
    "torch.tensor([1e30, 3.0], dtype=torch.bfloat16)",
    "torch.tensor([float('nan'), float('inf'), -2.0], dtype=torch.float16)",
    "torch.arange(20, dtype=torch.float16) * 1000.5",
    "(torch.arange(12.) * 1.37 - 5).half().view(3, 4)",
    "(torch.arange(30.) / 7).bfloat16()",
    "torch.HalfTensor([1, 2])",
])

CONVERSION = group("half", X, [
    "x.half()", "x.bfloat16()", "x.to(torch.float16).float()", "x.to(dtype=torch.bfloat16).double()",
    "torch.tensor([1 + 2**-11 + 2**-40], dtype=torch.float64).half()",
    "torch.tensor([1.7, -2.9, 70000.0]).half().long()", "torch.tensor([1, 2, 3]).to(torch.bfloat16)",
    "x.half().dtype", "torch.tensor([1.0], dtype=torch.half).dtype == torch.float16", "x.half().element_size()",
    "x.half().is_floating_point()", "x.bfloat16().type()", "x.half().half().half()[:3]",
])

PROMOTION = group("half", H + B, [
    "h + b", "h + torch.ones(4)", "torch.tensor([1, 2, 3, 4]) * torch.tensor(1.5, dtype=torch.float16)",
    "h + 0.1", "h * 3", "torch.promote_types(torch.float16, torch.bfloat16)",
    "torch.result_type(h, 1.0)", "h + torch.tensor(0.1, dtype=torch.float64)", "b + torch.tensor([1, 2, 3, 4])",
    "h.double() + h", "(h > 0).half() + True",
])

ARITHMETIC = group("half", R, [
    "r[:8] * 0.1", "r[:8] / 0.3", "r[:8] + 0.7", "r[:8] - 1.1", "r[:8] * torch.tensor(0.1)", "r[:8] / r[1:9]",
    "torch.tensor([2048.0, 1.0], dtype=torch.float16) + 1", "torch.tensor([256.0], dtype=torch.bfloat16) + 1",
    "r[:6] ** 2", "r[:6].sqrt()", "r[:6].exp()", "torch.sigmoid(r[:6])", "r[:6].sin()", "r[:6] // 0.3", "r[:6] % 0.3",
    "torch.tensor([0.1], dtype=torch.float16) == 0.1", "torch.tensor([300.0], dtype=torch.float16) * 300",
    "1 / r[:5]", "-r[:5]", "r[:5].abs().log()", "r[:5].round()", "r[:5].clamp(1, 2)", "torch.maximum(r[:4], r[4:8].flip(0))",
    "r[:4].bfloat16() * 0.1", "r[:4].lerp(r[96:].flip(0), 0.3)",
    "torch.tensor([1.2345, 2.3456, 1000.37], dtype=torch.half).round(decimals=2)",
])

REDUCTION = group("half", R, [
    "r.sum()", "r.mean()", "r[:40].prod()", "r.cumsum(0)[-5:]", "r.max()", "r.argmax()", "r.std()", "r.var()",
    "r.norm()", "r.view(10, 10).sum(dim=1)", "r.view(10, 10).mean(dim=0)", "r.sum(dtype=torch.float32)",
    "r.bfloat16().sum()", "r.bfloat16().view(4, 25).mean(1)", "r.min(dim=0)", "r.view(2, 50).logsumexp(1)",
])

SOFTMAX = group("half", "", [
    "torch.softmax(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float16), dim=0)",
    "F.log_softmax(torch.tensor([[0.1, 0.2, 3.0], [1.0, -1.0, 0.5]], dtype=torch.bfloat16), dim=1)",
    "F.softmax(torch.arange(8, dtype=torch.float16).view(2, 4) * 0.3, dim=-1)",
    "F.relu(torch.tensor([-0.1, 0.2], dtype=torch.float16))",
    "F.gelu(torch.tensor([-0.1, 0.2, 1.3], dtype=torch.float16))",
    "torch.tanh(torch.tensor([-0.1, 0.2, 1.3], dtype=torch.bfloat16))",
])

INDEXING = group("half", H, [
    "h[1:3]", "h[[0, 2]]", "y = h.clone()\ny[y > 0] = 0\ny", "y = h.clone()\ny[0] = 0.1\ny",
    "torch.cat([h, h.flip(0)])", "torch.stack([h, h])", "torch.where(h > 0, h, 0.0)",
    "h.view(2, 2) @ h.view(2, 2)", "h.view(2, 2).t().contiguous()", "h.sort()", "h.unique()",
    "y = torch.zeros(4, dtype=torch.float16)\ny.copy_(torch.tensor([0.1, 0.2, 0.3, 0.4]))\ny",
    "y = h.clone()\ny += 0.1\ny", "y = h.clone()\ny *= 1.1\ny", "h.masked_fill(h < 0, 1.5)",
])

INFO = group("half", "", [
    "torch.finfo(torch.float16).eps", "torch.finfo(torch.float16).max", "torch.finfo(torch.float16).min",
    "torch.finfo(torch.float16).tiny", "torch.finfo(torch.bfloat16).eps", "torch.finfo(torch.bfloat16).max",
    "torch.finfo(torch.bfloat16).tiny", "torch.finfo(torch.half).bits",
    "torch.tensor(0.1, dtype=torch.float16).item()", "torch.tensor([1 / 3], dtype=torch.bfloat16).item()",
    "torch.tensor([2.5], dtype=torch.half).tolist()",
])

ERRORS = group("half", H, [
    "h & 1", "h.half().long() << 1",
])

RNG = group("rng", "torch.manual_seed(0)\n", [
    "torch.rand(5, dtype=torch.float16)", "torch.rand(1000, dtype=torch.bfloat16)[330:340]",
    "torch.randn(4, dtype=torch.bfloat16)", "torch.randn(32, dtype=torch.float16)",
    "torch.empty(3, 3, dtype=torch.float16).uniform_(-1, 1)", "torch.empty(1000, dtype=torch.bfloat16).uniform_(-1, 1)[770:780]",
    "torch.randint(0, 10, (6,), dtype=torch.float16)", "torch.empty(5, dtype=torch.half).exponential_()",
    "F.dropout(torch.full((8,), 0.3, dtype=torch.float16), 0.3)", "torch.empty(6, dtype=torch.bfloat16).bernoulli_(0.4)",
])

CASES = CREATION + CONVERSION + PROMOTION + ARITHMETIC + REDUCTION + SOFTMAX + INDEXING + INFO + ERRORS + RNG
