# vdot and chain_matmul, as_strided, the Bessel functions, ndtri and xlog1py, angle, rsub,
# ldexp, frexp, the trapezoid rule and the memory-placement attributes: values, dtypes,
# reprs with grad_fn, gradients and PyTorch's errors. Recorded by record_cases.py.
V = "a = torch.tensor([1.0, -2.0, 3.5], requires_grad=True)\nb = torch.tensor([0.5, 4.0, -1.0], requires_grad=True)\n"
X = "x = torch.arange(12.).requires_grad_()\n"
B = "g = torch.tensor([-9.5, -2.0, -0.5, 0.0, 0.25, 1.0, 3.0, 8.0, 8.5, 20.0, float('inf'), float('nan')])\n"
P = "p = torch.tensor([0.0, 1e-20, 0.01, 0.13, 0.2, 0.5, 0.8, 0.87, 0.99, 1.0, 1.5, float('nan')])\n"
R = "r = torch.tensor([-1.5, 0.5, 2.0], requires_grad=True)\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


PRODUCTS = group("more_ops", V, [
    "torch.vdot(a, b)", "a.vdot(b)", "torch.vdot(torch.tensor([1, 2]), torch.tensor([3, 4]))",
    "torch.vdot(torch.tensor([1, 2]), torch.tensor([3.0, 4.0]))", "torch.vdot(a, torch.ones(2))",
    "torch.vdot(torch.ones(2, 2), torch.ones(2, 2))", "torch.vdot(a.double(), b.double())",
    "y = torch.vdot(a, b)\ny.backward()\n(y.grad_fn, a.grad, b.grad)",
    "m = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)\n"
    "y = torch.chain_matmul(m, m.t(), m)\ny.sum().backward()\n(y, torch.chain_matmul(m), torch.chain_matmul(m, m.t()), m.grad)",
    "torch.linalg.multi_dot([torch.ones(2, 3), torch.ones(3, 4)])",
])
AS_STRIDED = group("more_ops", X, [
    "torch.as_strided(x, (2, 2), (1, 2))", "x.as_strided((2, 2), (1, 2), 1)", "x.as_strided((2, 2), (1, 2), storage_offset=3)",
    "x.detach()[2:].as_strided((2,), (1,))", "x.detach()[2:].as_strided((2,), (1,)).storage_offset()",
    "y = x.detach().clone()\nz = y.as_strided((3,), (2,))\nz[0] = 100\n(y, z._version)",
    "x.detach().as_strided((2, 3), (0, 1))", "x.as_strided((0,), (1,), 100)", "x.as_strided([2], [1])",
    "x.as_strided((4, 4), (3, 3))", "x.as_strided((2,), (1,), 11)", "x.as_strided((2,), (-1,))", "x.as_strided((2,), (1,), -1)",
    "x.as_strided((2, 2), (1,))", "x.as_strided((-1,), (1,))", "x.view(3, 4).t().as_strided((2, 2), (4, 1), 2)",
    "y = x.as_strided((2, 3), (2, 1), 1)\ny.pow(2).sum().backward()\n(y.grad_fn, x.grad)",
    "y = x.as_strided((3, 2), (0, 1))\ny.sum().backward()\nx.grad",
    "y = x[4:].as_strided((2, 2), (2, 1))\n(y * torch.tensor([1.0, 2.0])).sum().backward()\nx.grad",
])
BESSEL = group("more_ops", B, [
    "torch.i0(g)", "torch.special.i0(g)", "g.i0()", "torch.special.i0e(g)", "torch.special.i1(g)", "torch.special.i1e(g)",
    "torch.i0(g.double())", "torch.special.i0e(g.double())", "torch.special.i1(g.double())", "torch.special.i1e(g.double())",
    "torch.i0(torch.tensor([0, 1, 2]))", "torch.special.i1(torch.tensor([True, False]))", "torch.special.i0e(g.half())",
    "torch.special.i1e(g.bfloat16())", "y = g.clone()\ny.i0_()\ny", "y = g.clone()\ntorch.i0_(y)\ny",
    "torch.i0(torch.linspace(-30, 30, 41))", "torch.special.i1(torch.linspace(-30, 30, 41))",
    "torch.special.i0e(torch.linspace(-100, 100, 41).double())", "torch.special.i1e(torch.linspace(-100, 100, 41))",
    "torch.i0(torch.tensor([], dtype=torch.float64))",
])
NDTRI = group("more_ops", P, [
    "torch.special.ndtri(p)", "torch.special.ndtri(p.double())", "torch.special.ndtri(torch.tensor([0, 1]))",
    "torch.special.ndtri(p.half())", "torch.special.ndtri(torch.linspace(0, 1, 33))", "torch.special.ndtri(torch.logspace(-30, -1, 20).double())",
])
XLOG1PY = group("more_ops", P, [
    "torch.special.xlog1py(torch.tensor([0.0, 1.0, 2.0, 0.0]), torch.tensor([-1.0, 2.0, float('nan'), float('nan')]))",
    "torch.special.xlog1py(2, torch.tensor([1.0, 3.0]))", "torch.special.xlog1py(torch.tensor([1.0, 2.0]), 2)",
    "torch.special.xlog1py(torch.tensor([1, 2]), torch.tensor([1, 2]))", "torch.special.xlog1py(p, p)",
    "torch.special.xlog1py(p.double(), 0.5)", "torch.special.xlog1py(torch.ones(2, 3), torch.ones(4))",
    "torch.special.xlog1py(p)",
])
ELEMENTWISE = group("more_ops", R, [
    "torch.angle(torch.tensor([-1.0, 0.0, 2.0, float('nan'), -0.0, float('-inf')]))", "torch.angle(torch.tensor([-1, 0, 2]))",
    "torch.angle(torch.tensor([True]))", "torch.angle(r.double())", "r.angle()", "torch.angle(torch.tensor([-2.0]).half())",
    "torch.rsub(torch.tensor([1.0, 2.0]), 3)", "torch.rsub(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]), alpha=2)",
    "torch.rsub(torch.tensor([1, 2]), 3, alpha=2)", "torch.rsub(torch.tensor([1, 2]), 3.5)", "torch.rsub(torch.tensor([1, 2]), 3, alpha=0.5)",
    "torch.rsub(torch.tensor([True]), torch.tensor([True]))", "torch.rsub(r, torch.ones(2, 1))", "torch.tensor([1.0]).__rsub__(3)",
    "torch.rsub(torch.tensor([0.5, 0.25]), torch.tensor([1.0]), alpha=-4)",
    "torch.rsub(torch.linspace(0.1, 0.9, 9), torch.full((9,), 0.7), alpha=0.3).tolist()",
    "torch.rsub(torch.linspace(0.1, 0.9, 9), torch.tensor([0.7]), alpha=0.3).tolist()",
    "torch.ldexp(torch.tensor([1.0, 2.0]), torch.tensor([1, 2]))", "torch.ldexp(torch.tensor([1, 2]), torch.tensor([1, 2]))",
    "torch.ldexp(torch.tensor([1.0]), torch.tensor([1.5]))", "torch.ldexp(torch.tensor([1.0]).double(), torch.tensor([2]))",
    "torch.ldexp(torch.tensor([1.0]).half(), torch.tensor([2]))", "r.ldexp(torch.tensor([3]))", "y = r.detach().clone()\ny.ldexp_(torch.tensor([1, 2, 3]))\ny",
    "torch.ldexp(torch.tensor([1.0]), 2)",
    "torch.frexp(torch.tensor([1.0, 0.5, 3.0, 0.0, -8.0, float('inf'), float('nan'), 1e-40]))", "torch.frexp(torch.tensor([1, 2]))",
    "torch.frexp(torch.tensor([1.0, 6.0]).double())", "torch.frexp(torch.tensor([1.0, 6.0]).half())", "r.frexp()",
    "m, e = torch.frexp(torch.tensor([12.0]))\n(m, e)",
])
ELEMENTWISE_GRADIENTS = group("more_ops", R, [
    "y = torch.angle(r)\ny.sum().backward()\n(y, r.grad)",
    "y = torch.rsub(r, 1)\ny.sum().backward()\n(y, r.grad)", "y = torch.rsub(r, r * 2, alpha=3)\ny.sum().backward()\n(y, r.grad)",
    "q = torch.ones(2, 1, requires_grad=True)\ny = torch.rsub(r, q)\ny.sum().backward()\n(y.grad_fn, r.grad, q.grad)",
    "y = torch.ldexp(r, torch.tensor([1, 2, 3]))\ny.sum().backward()\n(y, r.grad)",
    "e = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)\ny = torch.ldexp(r, e)\ny.sum().backward()\n(y, r.grad, e.grad)",
    "m, e = torch.frexp(r)\nm.sum().backward()\n(m, e, r.grad)",
    "y = torch.i0(r)\ny.sum().backward()\n(y, r.grad)", "y = torch.special.i0e(r)\ny.sum().backward()\n(y, r.grad)",
    "y = torch.special.i1(r)\ny.sum().backward()\n(y, r.grad)", "y = torch.special.i1e(r)\ny.sum().backward()\n(y, r.grad)",
    "z = torch.tensor([0.0], requires_grad=True)\ntorch.special.i1(z).backward()\nz.grad",
    "z = torch.tensor([0.0], requires_grad=True)\ntorch.special.i1e(z).backward()\nz.grad",
    "q = torch.tensor([0.1, 0.5, 0.95], requires_grad=True)\ny = torch.special.ndtri(q)\ny.sum().backward()\n(y, q.grad)",
    "y = torch.special.xlog1py(r, r.detach() + 2)\ny.sum().backward()\n(y, r.grad)",
    "y = torch.special.xlog1py(2.0, r + 2)\ny.sum().backward()\n(y, r.grad)",
    "y = torch.special.xlog1py(r, r + 2)\ny.sum().backward()\n(y, r.grad)",
])
TRAPEZOID = group("more_ops", R, [
    "torch.trapezoid(torch.tensor([1.0, 2.0, 3.0]))", "torch.trapz(torch.tensor([1.0, 2.0, 3.0]))",
    "torch.trapezoid(torch.tensor([1.0, 2.0, 3.0]), dx=0.5)", "torch.trapezoid(torch.tensor([1, 4, 9]), torch.tensor([0, 1, 3]))",
    "torch.trapezoid(torch.arange(12.).view(3, 4), dim=0)", "torch.trapezoid(torch.arange(12.).view(3, 4), torch.tensor([0.0, 1.0, 3.0, 7.0]))",
    "torch.trapezoid(torch.arange(12.).view(3, 4), torch.arange(12.).view(3, 4).exp())",
    "torch.trapezoid(torch.arange(12.).view(3, 4), torch.tensor([0.0, 2.0, 3.0]), dim=0)",
    "torch.trapezoid(torch.empty(2, 0))", "torch.trapezoid(torch.tensor([1, 2, 3]))", "torch.trapezoid(torch.tensor([1, 2, 3]), dx=2)",
    "torch.trapezoid(torch.tensor([True, False]))", "torch.trapezoid(torch.ones(3), torch.ones(2))",
    "torch.trapezoid(torch.ones(3), dx=True)", "torch.trapz(torch.ones(2, 3), torch.tensor([1.0, 2.0, 4.0]))",
    "torch.cumulative_trapezoid(torch.tensor([1.0, 2.0, 3.0]))", "torch.cumulative_trapezoid(torch.tensor([1.0, 2.0, 3.0]), dx=0.5)",
    "torch.cumulative_trapezoid(torch.arange(12.).view(3, 4), torch.tensor([0.0, 1.0, 3.0, 7.0]))",
    "torch.cumulative_trapezoid(torch.arange(12.).view(3, 4), dim=0)", "torch.cumulative_trapezoid(torch.empty(2, 0))",
    "torch.cumulative_trapezoid(torch.tensor([True, False]))", "torch.cumulative_trapezoid(torch.ones(3), torch.ones(4))",
    "y = torch.trapezoid(r)\ny.backward()\n(y, r.grad)", "y = torch.trapezoid(r, torch.tensor([0.0, 0.5, 2.0]))\ny.backward()\n(y, r.grad)",
    "y = torch.cumulative_trapezoid(r, dx=2)\ny.sum().backward()\n(y, r.grad)",
    "x = torch.tensor([0.0, 1.0, 3.0], requires_grad=True)\ny = torch.trapezoid(r, x)\ny.backward()\n(y, r.grad, x.grad)",
])
ATTRIBUTES = group("more_ops", R, [
    "r.layout", "torch.strided", "r.layout == torch.strided", "str(r.layout)", "r.output_nr", "r.detach().is_pinned()",
    "r.detach().is_shared()", "t = r.detach().clone()\n(t.share_memory_() is t, t.is_shared())",
    "torch.tensor([3.0, 1.0], requires_grad=True).sort()[1].output_nr", "(r * 2).output_nr",
])
CASES = PRODUCTS + AS_STRIDED + BESSEL + NDTRI + XLOG1PY + ELEMENTWISE + ELEMENTWISE_GRADIENTS + TRAPEZOID + ATTRIBUTES
