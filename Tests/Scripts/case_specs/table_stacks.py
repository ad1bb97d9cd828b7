# hstack, vstack (row_stack), dstack, column_stack and tensor_split, bound from the op
# table: values, grad_fn names, the lifting of 0-d and 1-d inputs, and PyTorch's errors.
# Recorded by record_cases.py.
X = "a = torch.tensor([1., 2., 3., 4., 5.])\nb = torch.tensor([[1, 2, 3], [4, 5, 6]])\ng = torch.tensor([1., 2.], requires_grad=True)\ns = torch.tensor(7.)\n"
CASES = [("table-stacks", X + body) for body in [
    "torch.hstack([a, a])", "torch.hstack([b, b])", "torch.hstack([s, s])", "torch.hstack((a, s))", "torch.hstack(tensors=[a, a])",
    "torch.vstack([a, a])", "torch.vstack([b, b])", "torch.vstack([s, s])", "torch.row_stack([a, a])", "torch.vstack([b, b.float()])",
    "torch.dstack([a, a])", "torch.dstack([b, b])", "torch.dstack([s, s])", "torch.column_stack([a, a])", "torch.column_stack([s, a[:1]])",
    "torch.column_stack([b.t(), a[:3]])", "torch.hstack([g, g]).grad_fn", "torch.vstack([g, g]).grad_fn", "torch.dstack([g, g]).grad_fn",
    "torch.column_stack([g, g]).grad_fn", "y = torch.dstack([g, g * 3])\ny.sum().backward()\ng.grad",
    "torch.hstack([])", "torch.vstack([])", "torch.dstack([])", "torch.column_stack([])", "torch.hstack(a)", "torch.dstack(a)",
    "torch.vstack([a, 1])", "torch.column_stack([a, 1])", "torch.vstack([a, b])", "torch.hstack([a], 0)", "torch.hstack([a, b])",
    "a.tensor_split(2)", "a.tensor_split(7)", "a.tensor_split([1, 3])", "a.tensor_split((1, 3))", "a.tensor_split([3, 1])",
    "a.tensor_split([-2, 10])", "a.tensor_split(torch.tensor([1, 3]))", "a.tensor_split(torch.tensor(2))", "a.tensor_split(torch.tensor([1]))",
    "a.tensor_split(2, dim=0)", "a.tensor_split(2, axis=0)", "a.tensor_split(sections=2)", "a.tensor_split(indices=[1])",
    "a.tensor_split(tensor_indices_or_sections=torch.tensor(2))", "b.tensor_split(2, 1)", "b.tensor_split([1], -1)",
    "torch.tensor_split(a, 2)", "torch.tensor_split(a, [1, 3])", "torch.tensor_split(b, 2, 1)",
    "torch.tensor_split(g, 2)[0].grad_fn", "torch.tensor_split(g, [1])[1].grad_fn", "torch.tensor_split(g, torch.tensor([1]))[1].grad_fn",
    "a.tensor_split(0)", "a.tensor_split(1.5)", "torch.tensor_split(a, 1.5)", "a.tensor_split()", "torch.tensor_split(a, indices_or_sections=2)",
    "torch.tensor_split(s, 2)", "a.tensor_split(torch.tensor([1.5]))", "a.tensor_split(torch.ones(2, 2).long())", "b.tensor_split(2, 5)",
    "a.tensor_split(2, 0, 1)",
]]
