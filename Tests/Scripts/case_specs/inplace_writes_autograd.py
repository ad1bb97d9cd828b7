# In-place writes on a tensor in the graph: each records PyTorch's node (its name and its
# edges), and the leaf's gradient is PyTorch's. In-place ops whose backward reads the old
# values (`sin_`, `clamp_`) keep a copy of them, as PyTorch's `original_self` does.
SETUP = "torch.manual_seed(0)\nleaf = torch.rand(2, 3, requires_grad=True)\ny = leaf * 0.5\n"
EDGES = "\ny.sum().backward()\n(y.grad_fn.name(), [n[0].name() if n[0] else None for n in y.grad_fn.next_functions], leaf.grad)"
WRITES = [
    "y.sin_()", "y.abs_()", "y.log_()", "y.clamp_(min=0.5)", "y.clamp_min_(0.5)", "torch.clamp_(y, max=0.2)", "y.pow_(2)",
    "y.nan_to_num_()", "y.logit_()", "y.lgamma_()", "y[0].sin_()", "y.add_(y)", "y.div_(y.detach() + 1)",
    "y.masked_fill_(y > 0.3, 0.)", "y.masked_fill_(torch.tensor([True, False, True]), torch.tensor(2.0, requires_grad=True))",
    "y = y.masked_fill(y > 0.3, torch.tensor(2.0))",
    "y.fill_(2.0)", "y.fill_(torch.tensor(2.0, requires_grad=True))", "y.zero_()", "y.copy_(torch.ones(2, 3))",
    "y.copy_(torch.ones(3, dtype=torch.float64, requires_grad=True))",
    "y.index_fill_(1, torch.tensor([0, 0]), -1.0)", "y.index_fill_(1, torch.tensor([0, 0]), torch.tensor(2.0, requires_grad=True))",
    "y = y.index_fill(1, torch.tensor([0, 2]), -1.0)",
    "y.scatter_(1, torch.tensor([[0], [1]]), 5.0)", "y = y.scatter(1, torch.tensor([[0], [1]]), 5.0)",
    "y.scatter_(1, torch.tensor([[0], [1]]), torch.ones(2, 1, requires_grad=True))",
    "y.scatter_add_(1, torch.tensor([[0], [1]]), torch.ones(2, 1))", "y.index_add_(1, torch.tensor([0]), torch.ones(2, 1))",
    "y.index_put_((torch.tensor([0]),), torch.tensor(3.0))",
    "y.index_put_((torch.tensor([0, 0]),), torch.tensor(2.0, requires_grad=True), accumulate=True)",
    "y.exponential_()", "y.normal_()", "y.uniform_()", "y.bernoulli_(0.5)", "y.bernoulli_(torch.full((2, 3), 0.5))",
    "y[0].fill_(1.)", "y[0].zero_()", "y[:, 1].copy_(torch.ones(2))",
    "y[:, torch.tensor([1])] = 3.0", "y[torch.tensor([[0]])] = 3.0", "y[torch.tensor(0)] = 3.0",
    "y[torch.tensor([True, False])] = 3.0", "y[..., torch.tensor([1])] = 3.0", "y[torch.tensor([0]), 1] = 3.0",
    "y[0:1] = 3.0", "y[y > 0.2] = torch.tensor(0.)", "y[y > 0.2] = 0.", "y[0] = 1.",
    "y[:, torch.tensor([1])] = torch.ones(2, 1, requires_grad=True)", "y[torch.tensor([0, 1]), torch.tensor([1, 2])] = 5.0",
]
CASES = [("autograd-backward", SETUP + write + EDGES) for write in WRITES]
CASES += [("autograd-error", SETUP + source) for source in [
    "y.mul_(y)\ny.sum().backward()",
    "leaf.fill_(1)", "leaf.zero_()", "leaf.normal_()", "leaf.copy_(torch.ones(2, 3))", "leaf.masked_fill_(leaf > 0.3, 0.)",
    "leaf.index_fill_(1, torch.tensor([0]), 1.)", "leaf.scatter_(1, torch.tensor([[0], [1]]), 5.0)", "leaf[0].fill_(1.)",
]]
CASES += [("autograd-backward", SETUP + source) for source in [
    "with torch.no_grad():\n    leaf.fill_(0.25)\n    leaf.normal_()\n    leaf.copy_(torch.ones(2, 3))\nleaf",
    "z = torch.zeros(2, 3)\nz.copy_(leaf)\n(z.grad_fn.name(), z.requires_grad)",
]]
# In-place view ops: the receiver's history moves to the view's node, named for the
# in-place overload, and its gradient arrives in the receiver's old shape.
VIEW_SETUP = "leaf = torch.rand(2, 3, requires_grad=True)\ny = leaf * torch.arange(6.).view(2, 3)\n"
VIEW_CHECK = "\n(y * torch.arange(6.).view(y.shape)).sum().backward()\n(y.grad_fn.name(), [n[0].name() for n in y.grad_fn.next_functions], leaf.grad, y.shape)"
CASES += [("autograd-backward", VIEW_SETUP + op + VIEW_CHECK) for op in [
    "y.t_()", "y.transpose_(0, 1)", "y.squeeze_()", "y.squeeze_(0)", "y.squeeze_((0, 1))", "y.unsqueeze_(0)",
    "y.swapdims_(0, 1)", "y.swapaxes_(0, 1)", "y.unsqueeze_(1).squeeze_(1).t_()",
]]
CASES += [("autograd-error", VIEW_SETUP + op) for op in ["leaf.t_()", "leaf.unsqueeze_(0)"]]
