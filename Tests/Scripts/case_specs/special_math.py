# Inverse hyperbolic, gamma-family and two-input special functions, the shrink
# activations: values across dtypes, empty tensors, broadcasting, gradients with
# PyTorch's node names, and the errors PyTorch raises. Recorded by record_cases.py.
F32 = "x = torch.tensor([0.25, 1.0, 1.5, 3.0, 10.0, float('inf'), float('nan')])\n"
S = "s = torch.tensor([-0.9, -0.5, 0.0, 0.3, 0.99])\n"
G = "g = torch.tensor([-2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 2.0, 9.5, 10.0, 31.25])\n"
R = "r = torch.tensor([1.5, 2.0, 3.5], requires_grad=True)\n"
A = "a = torch.tensor([[1.0, -2.0, 0.5]])\nb = torch.tensor([[0.0], [3.0]])\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


INVERSE_HYPERBOLIC = group("special_math", F32 + S, [
    "torch.acosh(x)", "torch.arccosh(x)", "x.acosh()", "torch.asinh(s)", "s.arcsinh()", "torch.atanh(s)", "torch.arctanh(s)",
    "torch.acosh(torch.tensor([1, 2, 3]))", "torch.asinh(torch.tensor([True, False]))", "torch.atanh(s.double())",
    "torch.acosh(x.half())", "torch.asinh(torch.tensor([], dtype=torch.float64))", "y = s.clone()\ny.atanh_()\ny",
    "y = s.clone()\ny.arcsinh_()\ny", "torch.tensor([1, 2]).acosh_()", "torch.acosh(s)",
    "torch.asinh(torch.linspace(-40, 40, 33))", "torch.acosh(torch.linspace(1, 1e6, 25))",
])
GAMMA = group("special_math", G, [
    "torch.lgamma(g)", "torch.digamma(g)", "torch.special.digamma(g)", "torch.special.psi(g)", "torch.special.gammaln(g)",
    "torch.polygamma(1, g)", "torch.polygamma(2, g)", "torch.polygamma(3, g)", "torch.polygamma(0, g)", "g.polygamma(1)",
    "torch.special.polygamma(2, g.double())", "torch.digamma(g.double())", "torch.lgamma(g.double())",
    "torch.lgamma(torch.tensor([1, 2, 5]))", "torch.digamma(torch.tensor([1, 2, 5]))", "torch.polygamma(-1, g)",
    "y = g.clone()\ny.digamma_()\ny", "y = g.clone()\ny.polygamma_(1)\ny", "torch.digamma(torch.linspace(0.01, 40, 30))",
    "torch.polygamma(1, torch.linspace(-3.3, 40, 30))", "torch.lgamma(torch.linspace(0.01, 40, 30).double())",
])
SINC_SGN = group("special_math", G, [
    "torch.sinc(g)", "torch.special.sinc(g)", "torch.sinc(torch.tensor([0, 1, 2]))", "torch.sinc(g.double())", "g.sinc()",
    "torch.sgn(g)", "torch.sgn(torch.tensor([-3, 0, 4]))", "torch.sgn(torch.tensor([True, False]))", "g.sgn()",
    "torch.positive(g)", "torch.positive(g) is g", "torch.positive(torch.tensor([True]))", "g.positive()",
    "torch.sinc(torch.linspace(-5, 5, 41))",
])
BINARY = group("special_math", A + S, [
    "torch.logaddexp(a, b)", "torch.logaddexp2(a, b)", "a.logaddexp(b)", "torch.logaddexp(torch.tensor([1, 2]), torch.tensor([3, 4]))",
    "torch.logaddexp(torch.tensor([1, 2]), torch.tensor([0.5, 4.0]))", "torch.logaddexp(a, 2.0)",
    "torch.logaddexp(torch.tensor([float('-inf'), float('inf'), 1.0]), torch.tensor([float('-inf'), float('inf'), float('-inf')]))",
    "torch.xlogy(a, b)", "torch.xlogy(b, a)", "torch.xlogy(a, 2)", "torch.xlogy(3, b)", "torch.xlogy(torch.tensor([0, 1, 2]), torch.tensor([0, 3, 4]))",
    "torch.special.xlogy(torch.tensor([0.0, 1.0]), torch.tensor([float('nan'), 0.0]))", "a.xlogy(b)", "y = b.clone()\ny.xlogy_(2.0)\ny",
    "torch.copysign(a, b)", "torch.copysign(a, -1)", "torch.copysign(torch.tensor([1, -2]), torch.tensor([-1, 1]))",
    "torch.copysign(torch.tensor([1.0, 2.0]), torch.tensor([-0.0, 0.0]))", "a.copysign(-0.0)",
    "torch.nextafter(torch.tensor([1.0, 0.0]), torch.tensor([2.0, -1.0])) - torch.tensor([1.0, 0.0])",
    "torch.nextafter(torch.tensor([1.0], dtype=torch.float64), torch.tensor([2.0], dtype=torch.float64)).item()",
    "torch.nextafter(torch.tensor([1, 2]), torch.tensor([3, 4]))",
    "torch.gcd(torch.tensor([12, -18, 0, 7]), torch.tensor([8, 12, 5, 0]))", "torch.lcm(torch.tensor([4, -6, 0, 7]), torch.tensor([6, 4, 3, 0]))",
    "torch.gcd(torch.tensor([[12], [9]]), torch.tensor([6, 4]))", "torch.gcd(a, a)", "torch.lcm(torch.tensor([3], dtype=torch.int32), torch.tensor([4], dtype=torch.int8))",
    "torch.float_power(a, 2)", "torch.float_power(torch.tensor([2, 3]), torch.tensor([2, -1]))", "torch.float_power(2, a)",
    "a.float_power(0.5)", "torch.bitwise_left_shift(torch.tensor([1, 2, 3]), 2)", "torch.bitwise_right_shift(torch.tensor([16, -16]), torch.tensor([2, 3]))",
    "torch.tensor([1, 2]).bitwise_left_shift(1)", "torch.bitwise_left_shift(a, 1)", "torch.logaddexp(a, torch.ones(3, 1))",
    "torch.xlogy(torch.ones(2, 3), torch.ones(4))",
])
SHRINK = group("special_math", S, [
    "F.hardshrink(s)", "F.hardshrink(s, 0.4)", "F.softshrink(s)", "F.softshrink(s, lambd=0.2)", "torch.hardshrink(s, 0.1)",
    "s.hardshrink()", "torch.nn.Hardshrink()", "torch.nn.Softshrink(0.3)", "torch.nn.Softshrink(0.3)(s)", "torch.nn.Hardshrink(lambd=0.1)(s)",
    "F.softshrink(s.double(), 0.25)", "F.hardshrink(torch.tensor([1, 2]))", "F.softshrink(torch.tensor([1, 2]))", "F.softshrink(s, -1)",
    "F.hardshrink(torch.tensor([1.0, float('nan')]), -1)",
])
GRADIENTS = group("special_math", R, [
    "y = torch.acosh(r)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = torch.asinh(r)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.atanh(r / 4)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = torch.lgamma(r)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.digamma(r)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = torch.polygamma(2, r)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.sinc(r - 1.5)\ny.sum().backward()\n(y.grad_fn, r.grad)", "torch.sgn(r).grad_fn",
    "y = torch.logaddexp(r, r.detach() * 2)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.logaddexp2(r, torch.ones(3))\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.xlogy(r, r * 2)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = torch.xlogy(r, 2.0)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.xlogy(2.0, r)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = torch.copysign(r, -1.0)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.float_power(r, 2)\ny.sum().backward()\n(y.grad_fn, y.dtype, r.grad)",
    "y = F.hardshrink(r - 2, 0.4)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = F.softshrink(r - 2, 0.4)\ny.sum().backward()\n(y.grad_fn, r.grad)",
])
CASES = INVERSE_HYPERBOLIC + GAMMA + SINC_SGN + BINARY + SHRINK + GRADIENTS
