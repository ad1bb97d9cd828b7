# torch.linalg's decompositions: cholesky, qr, eigh, svd and what is built on them
# (pinv, matrix_rank, lstsq, the spectral and nuclear norms, cond), matrix_power and
# multi_dot. Values, reprs with grad_fn, gradients and PyTorch's errors. Eigenvectors and
# singular vectors are fixed only up to sign, so their cases print sign-invariant results.
# Recorded with real PyTorch by record_cases.py (ATEN_CPU_CAPABILITY=avx2).
SPD = ("torch.manual_seed(0)\na = torch.randn(3, 3)\ns = (a @ a.mT + 3 * torch.eye(3)).requires_grad_()\n"
       "torch.manual_seed(1)\nb = torch.randn(2, 4, 4, dtype=torch.float64)\nsb = b @ b.mT + torch.eye(4, dtype=torch.float64)\n")
RECT = ("torch.manual_seed(2)\nt = torch.randn(4, 3, requires_grad=True)\nw = torch.randn(3, 5, requires_grad=True)\n"
        "q = torch.randn(3, 3, requires_grad=True)\nbt = torch.randn(2, 3, 2, dtype=torch.float64, requires_grad=True)\n")


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


CHOLESKY = group("cholesky", SPD, [
    "torch.linalg.cholesky(s)", "torch.linalg.cholesky(s, upper=True)", "torch.linalg.cholesky(sb)",
    "torch.linalg.cholesky(sb, upper=True)", "torch.linalg.cholesky_ex(s)", "torch.linalg.cholesky_ex(sb).info",
    "L = torch.linalg.cholesky(s)\nL @ L.mT", "torch.linalg.cholesky(torch.tensor([[5., 2.], [2., 3.]]))",
    "torch.linalg.cholesky(torch.tensor([[5., 100.], [2., 3.]]))", "torch.linalg.cholesky(torch.tensor([[5., 2.], [100., 3.]]), upper=True)",
    "torch.linalg.cholesky(torch.eye(3, dtype=torch.float64))", "torch.linalg.cholesky(torch.empty(0, 0))",
    "torch.linalg.cholesky_ex(torch.tensor([[1., 2.], [2., 1.]]))",
    "torch.linalg.cholesky_ex(torch.tensor([[[1., 0.], [0., 1.]], [[1., 2.], [2., 1.]]])).info",
    "torch.linalg.cholesky(torch.tensor([[1., 2.], [2., 1.]]))",
    "torch.linalg.cholesky(torch.tensor([[-1., 0.], [0., 1.]]))",
    "torch.linalg.cholesky(torch.tensor([[[1., 0.], [0., 1.]], [[1., 2.], [2., 1.]]]))",
    "torch.linalg.cholesky(torch.tensor([[1., 0., 0.], [0., 1., 0.], [0., 0., -1.]]), upper=True)",
    "torch.linalg.cholesky_ex(torch.tensor([[1., 2.], [2., 1.]]), check_errors=True)",
    "torch.linalg.cholesky(torch.ones(2, 3))", "torch.linalg.cholesky(torch.ones(3))",
    "torch.linalg.cholesky(torch.ones(2, 2, dtype=torch.int64))",
    "torch.cholesky(torch.eye(2))", "torch.eye(2).cholesky()",
    "try:\n    torch.linalg.cholesky(-torch.eye(2))\nexcept RuntimeError as e:\n    r = type(e).__name__\nr",
])
CHOLESKY_GRADS = group("cholesky-backward", SPD, [
    "torch.linalg.cholesky(s).sum().backward()\ns.grad", "torch.linalg.cholesky(s, upper=True).pow(3).sum().backward()\ns.grad",
    "L = torch.linalg.cholesky(s)\n(L * torch.arange(9.).view(3, 3)).sum().backward()\n(L.grad_fn, s.grad)",
    "x = sb.clone().requires_grad_()\ntorch.linalg.cholesky(x).diagonal(dim1=-2, dim2=-1).log().sum().backward()\nx.grad",
    "torch.linalg.cholesky_ex(s).L.sum().backward()\ns.grad",
])
QR = group("qr", RECT, [
    "torch.linalg.qr(t)", "torch.linalg.qr(t, mode='complete')", "torch.linalg.qr(t, mode='r')", "torch.linalg.qr(w)",
    "torch.linalg.qr(w, mode='complete').Q", "torch.linalg.qr(q).R", "torch.linalg.qr(bt)", "torch.linalg.qr(bt.mT).R",
    "Q, R = torch.linalg.qr(t)\n(Q @ R - t).abs().max() < 1e-5", "Q, R = torch.linalg.qr(t, mode='complete')\n(Q.mT @ Q - torch.eye(4)).abs().max() < 1e-5",
    "torch.linalg.qr(torch.tensor([[3., 1.], [4., 2.]]))", "torch.linalg.qr(torch.tensor([[1., 2.], [0., 3.]]))",
    "torch.linalg.qr(torch.tensor([[0., 0.], [0., 0.]]))", "torch.linalg.qr(torch.ones(3))", "torch.linalg.qr(torch.ones(2, 2), mode='x')",
    "torch.linalg.qr(torch.ones(2, 2, dtype=torch.int64))", "torch.qr(torch.eye(2))", "torch.eye(2).qr(some=False)",
])
QR_GRADS = group("qr-backward", RECT, [
    "Q, R = torch.linalg.qr(t)\n(Q.sum() + R.sum()).backward()\nt.grad", "torch.linalg.qr(t).R.pow(2).sum().backward()\nt.grad",
    "Q, R = torch.linalg.qr(w)\n(Q * torch.arange(9.).view(3, 3)).sum().backward()\n(R.grad_fn, w.grad)",
    "Q, R = torch.linalg.qr(w)\n(Q.sum() + (R * R).sum()).backward()\nw.grad",
    "Q, R = torch.linalg.qr(bt)\n(Q.sum() + R.sum()).backward()\nbt.grad",
    "Q, R = torch.linalg.qr(w, mode='complete')\n((Q * torch.arange(9.).view(3, 3)).sum() + R.pow(2).sum()).backward()\nw.grad",
    "torch.linalg.qr(t, mode='r').R.sum().backward()",
    "torch.linalg.qr(t, mode='complete').Q.sum().backward()",
])
EIGH = group("eigh", SPD, [
    "torch.linalg.eigvalsh(s)", "torch.linalg.eigh(s).eigenvalues", "torch.linalg.eigvalsh(sb)", "torch.linalg.eigvalsh(sb, UPLO='U')",
    "L, V = torch.linalg.eigh(s)\nV @ torch.diag(L) @ V.mT", "L, V = torch.linalg.eigh(sb)\n(V.mT @ V - torch.eye(4, dtype=torch.float64)).abs().max() < 1e-12",
    "L, V = torch.linalg.eigh(s)\nV.abs()", "torch.linalg.eigvalsh(torch.tensor([[2., 1.], [1., 2.]]))",
    "torch.linalg.eigvalsh(torch.tensor([[2., 100.], [1., 2.]]))", "torch.linalg.eigvalsh(torch.tensor([[2., 100.], [1., 2.]]), UPLO='U')",
    "torch.linalg.eigh(torch.diag(torch.tensor([3., 1., 2.])))", "torch.linalg.eigh(s).eigenvalues.grad_fn",
    "torch.linalg.eigh(torch.ones(2, 2), UPLO='X')", "torch.linalg.eigh(torch.ones(2, 3))", "torch.linalg.eigvalsh(torch.ones(3))",
    "torch.symeig(torch.eye(2))",
])
EIGH_GRADS = group("eigh-backward", SPD, [
    "torch.linalg.eigvalsh(s).pow(2).sum().backward()\ns.grad", "(torch.linalg.eigvalsh(s) * torch.tensor([1., 2., 3.])).sum().backward()\ns.grad",
    "x = s.detach().double().requires_grad_()\nL, V = torch.linalg.eigh(x)\n(V.pow(2) * torch.tensor([[1., 5., 2.], [7., 3., 0.], [4., 8., 6.]])).sum().backward()\nx.grad",
    "x = s.detach().double().requires_grad_()\nL, V = torch.linalg.eigh(x)\n(L.pow(2).sum() + (V @ torch.diag(L) @ V.mT).sum()).backward()\nx.grad",
    "x = sb.clone().requires_grad_()\ntorch.linalg.eigvalsh(x, UPLO='U').max(-1).values.sum().backward()\nx.grad",
])
SVD = group("svd", RECT, [
    "torch.linalg.svdvals(t)", "torch.linalg.svdvals(w)", "torch.linalg.svdvals(bt)", "torch.linalg.svd(t).S",
    "U, S, Vh = torch.linalg.svd(t, full_matrices=False)\nU @ torch.diag(S) @ Vh", "U, S, Vh = torch.linalg.svd(w)\n(U.shape, S.shape, Vh.shape)",
    "U, S, Vh = torch.linalg.svd(t)\n(U.shape, Vh.shape, U.mT @ U)", "U, S, Vh = torch.linalg.svd(bt, full_matrices=False)\nU @ torch.diag_embed(S) @ Vh",
    "U, S, V = torch.svd(t)\n(U.shape, V.shape, U @ torch.diag(S) @ V.mT)", "torch.svd(w, some=False).V.shape", "t.svd().S",
    "torch.svd(t, compute_uv=False)", "torch.linalg.svd(torch.tensor([[3., 0.], [0., -4.]])).S",
    "torch.linalg.svdvals(torch.zeros(2, 3))", "torch.linalg.svdvals(torch.ones(3))", "torch.linalg.svd(torch.ones(2, 2, dtype=torch.int64))",
    "torch.linalg.matrix_norm(t, 2)", "torch.linalg.matrix_norm(t, -2)", "torch.linalg.matrix_norm(t, 'nuc')", "torch.linalg.norm(w, 2)",
    "torch.linalg.norm(w, 'nuc')", "torch.linalg.matrix_norm(bt, 2, dim=(0, 2))", "torch.linalg.matrix_norm(bt, 'nuc', keepdim=True)",
    "torch.linalg.matrix_norm(bt, -2, dim=(2, 1), keepdim=True)", "torch.linalg.matrix_norm(t, 3)", "torch.linalg.cond(q)",
    "torch.linalg.cond(bt)", "torch.linalg.cond(q, -2)",
])
SVD_GRADS = group("svd-backward", RECT, [
    "torch.linalg.svdvals(t).sum().backward()\nt.grad", "x = w.detach().double().requires_grad_()\ntorch.linalg.svdvals(x).pow(3).sum().backward()\nx.grad",
    "U, S, Vh = torch.linalg.svd(t, full_matrices=False)\n(U @ torch.diag(S) @ Vh).pow(2).sum().backward()\nt.grad",
    "x = t.detach().double().requires_grad_()\nU, S, Vh = torch.linalg.svd(x, full_matrices=False)\n(U.pow(2) * torch.arange(12.).view(4, 3).add(1)).sum().backward()\nx.grad",
    "x = w.detach().double().requires_grad_()\nU, S, Vh = torch.linalg.svd(x, full_matrices=False)\n(Vh.pow(2) * torch.arange(15.).view(3, 5)).sum().backward()\nx.grad",
    "U, S, Vh = torch.linalg.svd(q)\n((U.pow(2) * torch.arange(9.).view(3, 3)).sum() + (Vh.pow(2) * torch.arange(9.).view(3, 3)).sum() + S.sum()).backward()\nq.grad",
    "U, S, Vh = torch.linalg.svd(t)\n(U[:, :3].pow(2) * torch.arange(12.).view(4, 3).sin()).sum().backward()\nt.grad",
    "torch.linalg.matrix_norm(t, 2).backward()\nt.grad", "torch.linalg.matrix_norm(w, 'nuc').backward()\nw.grad",
    "torch.linalg.matrix_norm(bt, -2).sum().backward()\nbt.grad", "y = torch.linalg.matrix_norm(t, 2, keepdim=True)\n(y, y.grad_fn)",
    "torch.linalg.cond(q).backward()\nq.grad", "U, S, V = torch.svd(t)\n(V.pow(2) * torch.arange(9.).view(3, 3)).sum().backward()\n(V.grad_fn, t.grad)",
])
PINV = group("pinv", RECT, [
    "torch.linalg.pinv(t)", "torch.linalg.pinv(w)", "torch.linalg.pinv(bt)", "torch.pinverse(q)", "q.pinverse()",
    "torch.linalg.pinv(torch.tensor([[1., 2.], [2., 4.]]))", "torch.linalg.pinv(torch.zeros(2, 3))",
    "torch.linalg.pinv(torch.tensor([[1., 0.], [0., 1e-9]]))", "torch.linalg.pinv(torch.tensor([[1., 0.], [0., 0.1]]), atol=0.5)",
    "torch.linalg.pinv(torch.tensor([[1., 0.], [0., 0.1]]), rtol=0.2)", "torch.linalg.pinv(torch.ones(3))",
    "torch.linalg.matrix_rank(t)", "torch.linalg.matrix_rank(torch.tensor([[1., 2.], [2., 4.]]))", "torch.linalg.matrix_rank(bt)",
    "torch.linalg.matrix_rank(torch.zeros(2, 2))", "torch.linalg.matrix_rank(torch.tensor([[1., 0.], [0., 0.1]]), atol=0.5)",
    "torch.linalg.matrix_rank(torch.tensor([[1., 0.], [0., 0.1]]), rtol=0.05)", "torch.linalg.matrix_rank(torch.ones(3))",
    "torch.matrix_rank(torch.eye(2))",
    "torch.linalg.pinv(t).sum().backward()\nt.grad", "torch.linalg.pinv(w).pow(2).sum().backward()\nw.grad",
    "torch.linalg.pinv(bt).sum().backward()\nbt.grad", "x = q.detach().double().requires_grad_()\ny = torch.linalg.pinv(x)\n(y * torch.arange(9.).view(3, 3)).sum().backward()\n(y.grad_fn, x.grad)",
])
LSTSQ = group("lstsq", RECT, [
    "torch.linalg.lstsq(t, torch.arange(8.).view(4, 2)).solution", "torch.linalg.lstsq(q, torch.tensor([1., 2., 3.]))",
    "torch.linalg.lstsq(bt, torch.ones(2, 3, 1, dtype=torch.float64))", "torch.linalg.lstsq(bt, torch.ones(3, 2, dtype=torch.float64)).solution",
    "torch.linalg.lstsq(torch.ones(3, 2), torch.ones(3))", "torch.linalg.lstsq(torch.ones(3, 2), torch.ones(3), rcond=0.1).rank",
    "torch.linalg.lstsq(torch.tensor([[1., 0.], [0., 2.]]), torch.tensor([[1.], [4.]])).solution",
    "torch.linalg.lstsq(torch.ones(3, 2), torch.ones(3, 2, dtype=torch.float64))", "torch.linalg.lstsq(torch.ones(3), torch.ones(3))",
    "torch.linalg.lstsq(torch.ones(3, 2), torch.ones(2))",
    "B = torch.arange(8.).view(4, 2).requires_grad_()\ntorch.linalg.lstsq(t, B).solution.sum().backward()\n(t.grad, B.grad)",
    "x = torch.linalg.lstsq(q, torch.tensor([1., 2., 3.]))\nx.solution.pow(2).sum().backward()\n(x.solution.grad_fn, q.grad)",
    "torch.linalg.lstsq(bt, torch.ones(3, 1, dtype=torch.float64)).solution.sum().backward()\nbt.grad",
])
POWERS = group("matrix-power", RECT, [
    "torch.linalg.matrix_power(q.double(), 2)", "torch.linalg.matrix_power(q, 3)", "torch.linalg.matrix_power(q, 5)", "torch.linalg.matrix_power(q, 0)",
    "torch.linalg.matrix_power(q, 1)", "torch.linalg.matrix_power(q, -2)", "torch.matrix_power(q, 4)", "q.matrix_power(6)",
    "torch.linalg.matrix_power(torch.tensor([[1, 1], [0, 1]]), 10)", "torch.linalg.matrix_power(bt[:, :2], 3)",
    "torch.linalg.matrix_power(torch.ones(2, 3), 2)", "torch.linalg.matrix_power(torch.zeros(2, 2), -1)",
    "torch.linalg.inv(torch.zeros(2, 2, 2))", "torch.linalg.solve(torch.zeros(2, 2), torch.ones(2))", "torch.linalg.matrix_power(torch.ones(3), 2)",
    "torch.linalg.matrix_power(q, 5).sum().backward()\nq.grad", "torch.linalg.matrix_power(q, 0).sum().backward()\nq.grad",
    "torch.linalg.matrix_power(q, -1).sum().backward()\nq.grad", "y = torch.linalg.matrix_power(q, 1)\ny.sum().backward()\n(y.grad_fn, q.grad)",
    "torch.linalg.multi_dot([t, q, w])", "torch.linalg.multi_dot([q.double(), q.double()])", "torch.linalg.multi_dot([q[0], q, q[:, 1]])",
    "torch.linalg.multi_dot([w.mT, q, q, w])", "torch.linalg.multi_dot([q[0], w])", "y = torch.linalg.multi_dot([t, q, w])\ny.grad_fn",
    "torch.linalg.multi_dot([t, q, w]).sum().backward()\n(t.grad, q.grad, w.grad)", "torch.linalg.multi_dot([torch.ones(2)])",
    "torch.linalg.multi_dot([torch.ones(2, 2), torch.ones(3, 2)])", "torch.linalg.multi_dot([torch.ones(2, 2, 2), torch.ones(2, 2)])",
    "torch.linalg.multi_dot([torch.ones(2, 2), torch.ones(2, 2, 2), torch.ones(2, 2)])",
])
CASES = CHOLESKY + CHOLESKY_GRADS + QR + QR_GRADS + EIGH + EIGH_GRADS + SVD + SVD_GRADS + PINV + LSTSQ + POWERS
