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
