# torch.linalg and the margin/likelihood losses: values, reprs with grad_fn, the
# gradients backward leaves in .grad, and the errors of bad arguments.
# Recorded with real PyTorch by record_cases.py (ATEN_CPU_CAPABILITY=avx2).
M = "torch.manual_seed(0)\nm = torch.randn(3, 3, requires_grad=True)\nv = torch.randn(3, requires_grad=True)\n"
B = "torch.manual_seed(1)\nb = torch.randn(2, 3, 3, dtype=torch.float64, requires_grad=True)\nr = torch.randn(2, 3, 2, dtype=torch.float64)\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


LINALG = group("linalg", M, [
    "torch.linalg.det(m)", "torch.det(m)", "m.det()", "torch.linalg.inv(m)", "torch.inverse(m)",
    "torch.linalg.solve(m, v)", "torch.linalg.solve(m, torch.ones(3, 2))", "torch.linalg.slogdet(m)", "torch.slogdet(m)",
    "torch.logdet(m @ m.t())", "torch.logdet(-torch.eye(2))", "torch.linalg.slogdet(torch.zeros(2, 2))",
    "torch.linalg.norm(m)", "torch.linalg.norm(v, 3)", "torch.linalg.norm(m, dim=1)", "torch.linalg.norm(m, 'fro')",
    "torch.linalg.norm(m, float('inf'))", "torch.linalg.vector_norm(m, 1, dim=0, keepdim=True)",
    "torch.linalg.vector_norm(v, float('inf'))", "torch.linalg.matrix_norm(m)", "torch.linalg.matrix_norm(m, 1)",
    "torch.linalg.matrix_norm(m, -1)", "torch.linalg.matrix_norm(m, float('-inf'), keepdim=True)",
    "torch.linalg.cross(m, m.flip(0))", "torch.cross(m, m.flip(0), dim=1)", "torch.linalg.cross(v, torch.tensor([1., 2., 3.]))",
    "torch.linalg.cross(torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6]))",
])
LINALG_GRADS = group("linalg-backward", M, [
    "torch.linalg.det(m).backward()\nm.grad", "torch.linalg.inv(m).sum().backward()\nm.grad",
    "torch.linalg.inv(m).pow(2).sum().backward()\nm.grad", "torch.linalg.solve(m, v).sum().backward()\n(m.grad, v.grad)",
    "torch.linalg.slogdet(m).logabsdet.backward()\nm.grad", "torch.logdet(m @ m.t()).backward()\nm.grad",
    "torch.linalg.norm(m).backward()\nm.grad", "torch.linalg.matrix_norm(m, 1).backward()\nm.grad",
    "torch.linalg.matrix_norm(m, float('inf')).backward()\nm.grad", "torch.linalg.vector_norm(v, 1).backward()\nv.grad",
    "torch.linalg.cross(m, torch.ones(3, 3)).pow(2).sum().backward()\nm.grad",
    "torch.cross(v, m, dim=1).pow(2).sum().backward()\n(m.grad, v.grad)",
]) + group("linalg-backward", B, [
    "torch.linalg.det(b)", "torch.linalg.det(b).sum().backward()\nb.grad", "torch.linalg.inv(b)",
    "torch.linalg.solve(b, r)", "torch.linalg.solve(b, r).sum().backward()\nb.grad",
    "torch.linalg.solve(b, r[0]).pow(2).sum().backward()\nb.grad", "torch.linalg.slogdet(b)",
])
LINALG_ERRORS = group("linalg-errors", M, [
    "torch.linalg.det(torch.randn(2, 3))", "torch.linalg.det(torch.randn(3))", "torch.linalg.inv(torch.randn(2, 3))",
    "torch.linalg.det(torch.ones(2, 2, dtype=torch.long))", "torch.linalg.solve(m, torch.randn(2))",
    "torch.linalg.cross(torch.randn(2), torch.randn(2))",
])
CASES = LINALG + LINALG_GRADS + LINALG_ERRORS

L = ("torch.manual_seed(2)\nx = torch.randn(3, 4, requires_grad=True)\ny = torch.randn(3, 4)\nt = torch.tensor([0, 3, 1])\n"
     "ys = torch.sign(torch.randn(3, 4))\nml = (torch.rand(3, 4) > 0.5).float()\n")
LOSSES = group("losses", L, [
    "F.soft_margin_loss(x, ys)", "F.soft_margin_loss(x, ys, reduction='none')", "F.multi_margin_loss(x, t)",
    "F.multi_margin_loss(x, t, p=2, margin=0.5, reduction='none')", "F.multi_margin_loss(x[0], t[:1])",
    "F.multilabel_soft_margin_loss(x, ml)", "F.multilabel_soft_margin_loss(x, ml, weight=torch.tensor([1., 2., 0.5, 1.]), reduction='none')",
    "F.poisson_nll_loss(x, y.abs())", "F.poisson_nll_loss(x.exp(), y.abs() * 3, log_input=False, full=True, reduction='sum')",
    "F.gaussian_nll_loss(x, y, torch.ones(3, 4))", "F.gaussian_nll_loss(x, y, torch.rand(3), full=True, reduction='none')",
    "F.gaussian_nll_loss(x, y, torch.rand(3, 1), reduction='sum')", "F.hinge_embedding_loss(x, ys)",
    "F.hinge_embedding_loss(x, ys, margin=0.3, reduction='none')", "F.triplet_margin_loss(x, y, x * 2)",
    "F.triplet_margin_loss(x, y, -x, margin=0.2, p=1, swap=True, reduction='none')",
    "nn = torch.nn\nnn.SoftMarginLoss()(x, ys)", "nn = torch.nn\nnn.MultiMarginLoss(margin=0.5)(x, t)",
    "nn = torch.nn\nnn.MultiLabelSoftMarginLoss(reduction='sum')(x, ml)", "nn = torch.nn\nnn.PoissonNLLLoss(log_input=False)(x.abs(), y.abs())",
    "nn = torch.nn\nnn.GaussianNLLLoss(eps=0.1)(x, y, torch.rand(3, 4))", "nn = torch.nn\nnn.HingeEmbeddingLoss(margin=2.0)(x, ys)",
    "nn = torch.nn\nnn.TripletMarginLoss(margin=0.3)(x, y, -x)",
])
LOSS_GRADS = group("losses-backward", L, [
    "F.soft_margin_loss(x, ys).backward()\nx.grad", "F.soft_margin_loss(x, ys, reduction='sum').backward()\nx.grad",
    "F.multi_margin_loss(x, t).backward()\nx.grad", "F.multi_margin_loss(x, t, p=2, weight=torch.tensor([1., 2., 3., 4.])).backward()\nx.grad",
    "F.multi_margin_loss(x, t, reduction='none').pow(2).sum().backward()\nx.grad",
    "F.multilabel_soft_margin_loss(x, ml).backward()\nx.grad", "F.poisson_nll_loss(x, y.abs()).backward()\nx.grad",
    "F.poisson_nll_loss(x.abs(), y.abs(), log_input=False).backward()\nx.grad",
    "F.gaussian_nll_loss(x, y, torch.ones(3, 4)).backward()\nx.grad",
    "v = torch.rand(3, 4, requires_grad=True)\nF.gaussian_nll_loss(x, y, v).backward()\n(x.grad, v.grad)",
    "F.hinge_embedding_loss(x, ys).backward()\nx.grad", "F.triplet_margin_loss(x, y, x * 2).backward()\nx.grad",
    "F.triplet_margin_loss(x, y, -x, swap=True, reduction='sum').backward()\nx.grad",
])
LOSS_ERRORS = group("losses-errors", L, [
    "F.multi_margin_loss(x, torch.tensor([0, 5, 1]))", "F.multi_margin_loss(x, t, p=3)", "F.multi_margin_loss(x, t[:2])",
    "F.gaussian_nll_loss(x, y, -torch.ones(3, 4))", "F.gaussian_nll_loss(x, y, torch.ones(4))",
    "F.gaussian_nll_loss(x, y, torch.ones(3, 4), reduction='avg')", "F.soft_margin_loss(x, torch.ones(2, 4))",
])
G = "torch.manual_seed(3)\nx = torch.randn(4, 6, requires_grad=True)\n"
GATED = group("gated", G, [
    "F.glu(x)", "F.glu(x, 0)", "F.glu(x.view(2, 2, 6), dim=1)", "F.glu(x, 1).pow(2).sum().backward()\nx.grad",
    "F.glu(x.view(2, 2, 6), dim=0).sum().backward()\nx.grad", "F.glu(torch.randn(3, 5))",
    "torch.special.ndtr(x[0])", "torch.special.ndtr(torch.tensor([-1, 0, 2]))", "torch.special.ndtr(x[0]).sum().backward()\nx.grad",
    "F.pixel_shuffle(x.view(1, 4, 2, 3), 2)", "F.pixel_unshuffle(x.view(1, 1, 4, 6), 2)",
    "(F.pixel_shuffle(x.view(2, 4, 1, 3), 2) * torch.arange(24.).view(2, 1, 2, 6)).sum().backward()\nx.grad",
    "F.pixel_unshuffle(x.view(1, 1, 4, 6), 2).pow(2).sum().backward()\nx.grad", "F.pixel_shuffle(x, 2)",
    "F.pixel_shuffle(x.view(1, 6, 2, 2), 2)", "F.pixel_unshuffle(x.view(1, 2, 3, 4), 2)",
    "torch.cosine_similarity(x, x.flip(0))", "torch.cosine_similarity(x, x.flip(0), dim=0).sum().backward()\nx.grad",
])
CASES = LINALG + LINALG_GRADS + LINALG_ERRORS + LOSSES + LOSS_GRADS + LOSS_ERRORS + GATED
