# view (by sizes or by dtype) and the in-place views t_, transpose_, squeeze_ and
# unsqueeze_, bound from the op table: values, strides, and PyTorch's argument errors.
# Recorded by record_cases.py.
X = "a = torch.tensor([1., 2., 3., 4., 5., 6.])\nb = torch.tensor([[1, 2, 3], [4, 5, 6]])\ng = torch.tensor([1., 2.], requires_grad=True)\n"
CASES = [("table-views", X + body) for body in [
    "a.view(6)", "a.view(-1)", "a.view(2, 3)", "a.view((3, 2))", "a.view([3, -1])", "a.view(torch.Size([6]))", "a.view(size=(2, 3))",
    "b.view(3, -1)", "a.view(2, 3).stride()", "g.view(2, 1).grad_fn", "y = g.view(1, 2) * 3\ny.sum().backward()\ng.grad",
    "a.view(torch.int32)", "a.view(dtype=torch.int32)", "a.view(torch.int16)", "a.view(torch.float64)", "a.view(torch.uint8).shape",
    "b.view(torch.float64)", "a.view(torch.bool)",
    "a.view()", "a.view(2.0)", "a.view(1, 'x')", "a.view(4, 4)", "a.view(shape=(6,))", "a.view(torch.int32, 2)", "a.view(None)",
    "b.t().view(-1)", "a.view(-1, -1)", "torch.tensor([1., 2., 3.]).view(torch.float64)",
    "x = a.clone()\nx.unsqueeze_(0)\n(x, x.stride())", "x = a.clone()\nx.unsqueeze_(dim=1)\nx.shape", "x = a.clone()\nx.unsqueeze_()",
    "x = a.clone()\nx.unsqueeze_(5)", "x = a.clone().view(1, 6, 1)\nx.squeeze_()\nx.shape", "x = a.clone().view(1, 6, 1)\nx.squeeze_(0)\nx.shape",
    "x = a.clone().view(1, 6, 1)\nx.squeeze_((0, 2))\nx.shape", "x = a.clone().view(1, 6, 1)\nx.squeeze_(dim=2)\nx.shape",
    "x = b.clone()\nx.t_()\n(x, x.stride())", "x = b.clone()\nx.t_(1)", "x = b.clone()\nx.transpose_(0, 1)\n(x, x.is_contiguous())",
    "x = b.clone()\nx.transpose_(dim0=0, dim1=1)\nx.shape", "x = b.clone()\nx.transpose_(0)", "x = b.clone()\nx.transpose_(0, 5)",
    "x = b.clone()\ny = x.t_()\ny is x", "x = a.clone()\nv = x.view(2, 3)\nv.t_()\nv[0, 1] = 9.\nx",
]]
