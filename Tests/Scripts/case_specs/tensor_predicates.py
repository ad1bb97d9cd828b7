# Tensor questions and helpers real code calls: is_cpu/get_device/is_complex/is_signed/
# is_nonzero/is_same_size, conjugation no-ops of real tensors, isreal/isposinf/isneginf,
# msort, hsplit/vsplit/dsplit, split_with_sizes, sum_to_size and fill_diagonal_ (a
# contrastive loss's `mask.fill_diagonal_(0)`), with their errors and gradients.
CASES = [("tensor-methods", source) for source in [
    "x = torch.arange(6.).view(2, 3)\n(x.is_cpu, x.get_device(), x.is_complex(), x.is_signed(), torch.tensor([True]).is_signed(), torch.tensor([1], dtype=torch.uint8).is_signed(), x.is_same_size(x.t()), x.is_conj(), x.is_neg())",
    "x = torch.arange(6.).view(2, 3)\n(x.conj() is x, x.resolve_conj() is x, x.resolve_neg() is x, x.isreal(), torch.isreal(torch.tensor([1, 2])))",
    "(torch.tensor([1]).is_nonzero(), torch.tensor([0.]).is_nonzero(), torch.tensor([float('nan')]).is_nonzero())",
    "torch.tensor([1, 2]).is_nonzero()",
    "torch.tensor([]).is_nonzero()",
    "t = torch.tensor([float('inf'), -float('inf'), 1., float('nan')])\n(t.isposinf(), t.isneginf(), torch.isposinf(torch.tensor([1, 2])))",
    "(torch.tensor([[3., 1.], [0., 2.]]).msort(), torch.msort(torch.tensor([3, 1, 2])))",
    "(torch.arange(12.).view(2, 6).hsplit(3), torch.arange(12.).view(4, 3).vsplit([1, 3]), torch.arange(6.).hsplit([2]))",
    "x = torch.arange(24.).view(2, 3, 4)\n([t.shape for t in x.hsplit([1, 2])], [t.shape for t in x.dsplit(2)], [t.shape for t in torch.vsplit(x, 2)])",
    "torch.arange(6.).hsplit(4)",
    "torch.arange(6.).vsplit(2)",
    "torch.arange(24.).view(2, 3, 4).dsplit(3)",
    "torch.ones(()).hsplit(1)",
    "torch.arange(6.).split_with_sizes([2, 4])",
    "y = torch.ones(2, 3, requires_grad=True)\na = y.sum_to_size(1, 3)\nb = y.sum_to_size(3)\nc = y.sum_to_size(2, 3)\n(a, b, c is y, torch.ones(2, 1, 3).sum_to_size((2, 1, 1)))",
    "torch.ones(2, 3).sum_to_size(2)",
    "(torch.ones(3, 3).fill_diagonal_(0), torch.arange(12.).view(4, 3).fill_diagonal_(-1, wrap=True), torch.arange(21.).view(7, 3).fill_diagonal_(-1, wrap=True), torch.arange(21.).view(7, 3).fill_diagonal_(5))",
    "(torch.zeros(2, 2, 2).fill_diagonal_(5), torch.zeros(2, 4).fill_diagonal_(1), torch.zeros(3, 3, dtype=torch.long).fill_diagonal_(2.7), torch.zeros(2, 2).fill_diagonal_(torch.tensor(3.)))",
    "torch.ones(3).fill_diagonal_(1)",
    "torch.ones(3, 2, 3).fill_diagonal_(1)",
    "torch.ones(2, 2, requires_grad=True).fill_diagonal_(1)",
    "x = torch.ones(3, requires_grad=True)\nm = x.unsqueeze(0) * torch.ones(3, 1)\nm.fill_diagonal_(0)\nprint(m)\nm.sum().backward()\nx.grad",
    "torch.manual_seed(0)\nf = F.normalize(torch.randn(4, 3), dim=1)\nsim = f @ f.t()\nmask = torch.ones_like(sim).fill_diagonal_(0)\n(sim * mask).sum() / mask.sum()",
]]
