# Ops moved into the op table and gradients added with it: cumprod (with zeros),
# diag_embed, einsum with a repeated letter, gumbel_softmax, the functional losses and
# activations, and PyTorch's binding errors. Recorded with real PyTorch by record_cases.py.
X = "torch.manual_seed(0)\nx = torch.randn(3, 4, requires_grad=True)\n"
Z = "z = torch.tensor([[2., 0., 3., 4.], [1., -1., 0., 0.5]], requires_grad=True)\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


CASES = (
    group("autograd-backward", X, [
        "x.cumprod(1).sum().backward()\nx.grad", "torch.diag_embed(x).sum().backward()\nx.grad",
        "torch.diag_embed(x, 1, 0, 2).pow(2).sum().backward()\nx.grad", "torch.diag(x[0], -1)",
        "torch.einsum('ii->i', x[:, :3])", "torch.einsum('ii', x[:, :3]).backward()\nx.grad",
        "torch.einsum('ij,jj->i', x[:, :3], x[:, 1:]).sum().backward()\nx.grad",
        "torch.manual_seed(1)\ng = F.gumbel_softmax(x, tau=0.5)\ng[:, 0].sum().backward()\n(g, x.grad)",
        "torch.manual_seed(1)\ng = F.gumbel_softmax(x, hard=True)\n(g * torch.arange(4.)).sum().backward()\n(g, x.grad)",
        "F.celu(x, 0.5).sum().backward()\nx.grad", "F.tanhshrink(x).sum().backward()\nx.grad",
        "F.softplus(x, beta=2, threshold=1).sum().backward()\nx.grad", "F.hardtanh(x, -0.5, 0.5).sum().backward()\nx.grad",
    ])
    + group("autograd-backward", Z, [
        "z.cumprod(1).sum().backward()\nz.grad", "z.cumprod(0).pow(2).sum().backward()\nz.grad", "z.cumprod(1)",
    ])
    + group("losses", X, [
        "F.cross_entropy(x, torch.tensor([1, 0, 3]), label_smoothing=0.2)",
        "F.nll_loss(F.log_softmax(x, 1), torch.tensor([1, -100, 3]), reduction='sum')",
        "F.kl_div(F.log_softmax(x, 1), F.softmax(x * 2, 1), reduction='batchmean')",
        "F.mse_loss(x, torch.zeros(3, 4), reduction='sum')", "F.smooth_l1_loss(x, x * 0, beta=0.5)",
        "F.huber_loss(x, x * 0, delta=0.3)", "F.binary_cross_entropy_with_logits(x, torch.ones(3, 4), pos_weight=torch.ones(4) * 2)",
        "F.cross_entropy(x, torch.tensor([1, 0, 3]), reduction='avg')", "F.cross_entropy(x)",
    ])
    + group("errors", X, [
        "x.sum(foo=1)", "x.exp(2)", "torch.exp(x, 2)", "x.topk(1, 0, True, True, 5)", "x.topk('a')",
        "x.cumsum()", "torch.sum(5)", "x.std(False)", "x.norm('fro')", "x.max(1, True)",
        "torch.ones(2, 3).unflatten(1, (2, 2))", "torch.ones(2, 3).expand(-1, 4)", "torch.ones(24).view(0, -1)",
        "torch.tensor([1, 2]).requires_grad_()", "torch.ones(2, dtype=torch.long, requires_grad=True)",
        "a = torch.ones(2, requires_grad=True)\na[0] = 5.0", "a = torch.ones(2, requires_grad=True)\na[:] = 5.0",
    ])
)

# In-place writes through views rebase the base's history (CopySlices), as PyTorch does.
CASES += group("autograd-backward", X, [
    "y = x * 2\ny[0:2].mul_(3)\ny.sum().backward()\n(y, x.grad)",
    "y = x * 2\ny.t()[1:3].mul_(torch.arange(3.))\ny.view(12)[::5].add_(1)\ny[1].exp_()\n(y * torch.arange(12.).view(3, 4)).sum().backward()\nx.grad",
    "y = x * 2\nv = y[0:2]\nv.mul_(3)\n(v.grad_fn.name(), y.grad_fn.name(), len(y.grad_fn.next_functions))",
    "x.view(12).add_(1)", "y = x.exp()\ny[:, 0].sigmoid_()\ny.sum().backward()",
])
