# torch.rot90: quarter turns in a plane, negative and large k, batched image dims,
# gradients (Rot90Backward0) and PyTorch's errors. Recorded by record_cases.py.
X = "x = torch.arange(6.).view(2, 3)\nb = torch.arange(24).view(2, 3, 4)\n"
CASES = [("rot90", X + body) for body in [
    "torch.rot90(x)", "torch.rot90(x, 2)", "torch.rot90(x, 3)", "torch.rot90(x, -1)", "torch.rot90(x, 5)", "torch.rot90(x, 0)",
    "torch.rot90(x, 1, [1, 0])", "x.rot90(1, (0, 1))", "torch.rot90(b, 1, (1, 2))", "torch.rot90(b, -1, [-1, -2])",
    "torch.rot90(x).is_contiguous()", "y = torch.rot90(x, 0)\ny[0, 0] = 9.0\nx[0, 0]", "torch.rot90(b, 2, (0, 2)).shape",
    "torch.stack([torch.rot90(b.float(), k, (1, 2)) for k in range(4)], 1).shape",
    "torch.rot90(torch.arange(3))", "torch.rot90(x, 1, (0, 0))", "torch.rot90(x, 1, (0, 2))", "torch.rot90(x, 1, (0, 1, 2))",
    "torch.rot90(x, 1, (0, -2))", "torch.rot90(b, 1, (-4, 1))",
    "w = x.clone().requires_grad_()\ny = torch.rot90(w)\n(y * torch.arange(6.).view(3, 2)).sum().backward()\n(y.grad_fn, w.grad)",
    "w = x.clone().requires_grad_()\ny = torch.rot90(w, 2)\n(y * torch.arange(6.).view(2, 3)).sum().backward()\nw.grad",
]]
