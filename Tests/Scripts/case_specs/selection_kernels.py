# kthvalue and median along a dim, with ties, nan, every dtype and layout. Among equal values
# kthvalue returns the position ATen's quick-select (Sedgewick's median-of-three partition)
# leaves at k - 1, which is not the first position a stable sort gives; median along a dim is
# the stable-order middle element, selected without sorting the whole lane.
# Recorded by record_cases.py with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = ("torch.manual_seed(0)\nx = torch.randn(37, 41)\nr = torch.randint(0, 4, (23, 31))\n"
     "n = torch.where(torch.rand(9, 12) < 0.2, float('nan'), torch.randn(9, 12))\n")

SELECTIONS = []
for tensor in ("x", "r", "r.float()", "r.double()", "r.half()", "r.to(torch.int8)", "n", "x.t()", "x[:, ::3]",
               "torch.randn(4, 5, 6).permute(2, 0, 1)"):
    SELECTIONS += [f"{tensor}.kthvalue(1)", f"{tensor}.kthvalue(3, dim=0)", f"{tensor}.kthvalue(5, dim=-1, keepdim=True)",
                   f"torch.kthvalue({tensor}, 2, 1)", f"{tensor}.median(dim=0)", f"{tensor}.median(dim=1, keepdim=True)"]
SELECTIONS += [f"torch.tensor([[1, 1, 1, 1, 2, 0, 1, 1], [3, 3, 3, 3, 3, 3, 3, 3]]).kthvalue({k}, dim=1)"
               for k in range(1, 9)]
SELECTIONS += ["torch.tensor([2., float('nan'), 1., float('nan'), 0.]).kthvalue(4)",
               "torch.tensor([2., float('nan'), 1., float('nan'), 0.]).kthvalue(5)",
               "torch.zeros(0, 3).kthvalue(1)", "torch.zeros(3, 0).kthvalue(1, 0)", "torch.tensor(5.).kthvalue(1)",
               "torch.ones(7).kthvalue(4)", "torch.empty(2**33, 0, 1).kthvalue(1, 0)", "torch.empty(2**33, 0).median(0)", "torch.arange(10).flip(0).kthvalue(7)", "x.kthvalue(41)", "x.kthvalue(37, 0)"]


def pair(body):
    return f"v, i = {body}\nstr((v.tolist(), i.tolist()))"


CASES = [("selection kernels-bits", S + pair(body)) for body in SELECTIONS]
CASES += [("selection kernels", S + body) for body in [
    "x.kthvalue(0)", "x.kthvalue(42)", "torch.tensor(5.).kthvalue(2)", "torch.tensor([True]).kthvalue(1)",
    "x.kthvalue(1, dim=2)", "x.kthvalue(2, 0)", "torch.zeros(0).kthvalue(3)", "torch.zeros(3, 0).kthvalue(1)",
    "torch.zeros(0, dtype=torch.bool).kthvalue(1)", "torch.tensor([True, False]).topk(5)", "torch.tensor([True, False]).topk(1)",
    "y = x[:4, :5].clone().requires_grad_()\nv, i = y.kthvalue(2, 1)\nv.sum().backward()\n(v.grad_fn.name(), y.grad)",
    "y = x[:4, :5].clone().requires_grad_()\ny.kthvalue(3, 0, keepdim=True).values",
]]
