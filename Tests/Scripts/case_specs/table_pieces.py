# Joins and cuts bound from the op table: cat and its aliases, stack, split (torch.split
# and Tensor.split name their size parameter differently), chunk, unbind and meshgrid:
# values, grad_fn names, numpy's axis=, and PyTorch's argument errors.
# Recorded by record_cases.py.
X = "a = torch.tensor([1., 2., 3., 4., 5.])\nb = torch.tensor([[1, 2, 3], [4, 5, 6]])\ng = torch.tensor([1., 2.], requires_grad=True)\n"
CASES = [("table-pieces", X + body) for body in [
    "torch.cat([a, a])", "torch.cat((b, b), 1)", "torch.cat([a, a], axis=0)", "torch.cat(tensors=[a])", "torch.cat([b, b], dim=-1)",
    "torch.concat([b, b], 1)", "torch.concatenate([a, a], axis=0)", "torch.cat([b, b.float()], 0)",
    "torch.cat([g, g]).grad_fn", "y = torch.cat([g, g * 2])\ny.sum().backward()\ng.grad",
    "torch.cat(a)", "torch.cat([a, 1])", "torch.concat([a, 1])", "torch.cat([[1.0]])", "torch.cat([a, a], dim=5)", "torch.cat([])",
    "torch.cat([a], 0, None)", "torch.cat([a], 0.5)", "torch.cat([a], 'x')", "torch.cat()", "torch.cat([a, a], foo=0)", "torch.cat([b, a])",
    "torch.stack([a, a])", "torch.stack([a, a], 1)", "torch.stack([a, a], axis=1)", "torch.stack([g, g]).grad_fn",
    "torch.stack([a, b])", "torch.stack([])", "torch.stack([a, 1])", "torch.stack(a)", "torch.stack([a, a], dim=3)", "torch.stack([a, a], 1, None)",
    "a.split(2)", "a.split([2, 3])", "a.split((2, 3))", "a.split(2, dim=0)", "a.split(split_size=2)", "a.split(torch.tensor(2))",
    "torch.split(a, 2)", "torch.split(a, [2, 3])", "torch.split(a, split_size_or_sections=2)", "torch.split(tensor=a, split_size_or_sections=2)",
    "b.split([1, 2], -1)", "torch.split(g, 1)[0].grad_fn", "torch.split(g, [1, 1])[0].grad_fn", "a.split(0)", "a.split([2, 2])", "a.split(2, 1)",
    "torch.split(a)",
    "a.chunk(2)", "a.chunk(2, 0)", "a.chunk(chunks=2)", "torch.chunk(input=a, chunks=2)", "b.chunk(2, 1)", "torch.chunk(g, 2)[1].grad_fn",
    "a.chunk(0)", "a.chunk(2.5)", "a.chunk(2, 1)", "a.chunk()",
    "a.unbind()", "a.unbind(dim=0)", "a.unbind(axis=0)", "torch.unbind(b, 1)", "torch.unbind(input=b, dim=1)", "torch.unbind(g)[0].grad_fn",
    "a.unbind(1)", "a.unbind(1.5)",
    "torch.meshgrid(a[:2], a, indexing='ij')", "torch.meshgrid([a[:2], a], indexing='xy')", "torch.meshgrid((a, a[:3]), indexing='xy')",
    "torch.meshgrid(a, b.float()[0], b.float()[1], indexing='xy')", "torch.meshgrid(torch.tensor(3.), a, indexing='ij')",
    "torch.meshgrid(g, g, indexing='ij')[0].grad_fn", "x, y = torch.meshgrid(g, g * 3, indexing='xy')\n(x * y).sum().backward()\ng.grad",
    "torch.meshgrid(a, a)", "torch.meshgrid(a, indexing=3)", "torch.meshgrid(a, a, indexing='zz')", "torch.meshgrid(indexing='ij')",
    "torch.meshgrid([a, 1], indexing='ij')", "torch.meshgrid(a, b, indexing='ij')",
]]
