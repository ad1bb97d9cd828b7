# nanmedian, cov/corrcoef, diagflat, logcumsumexp, cummax/cummin, histc, bincount,
# bucketize/searchsorted, block_diag, kron, vander, isin, renorm, rot90's argument
# checks and view(dtype): values across dtypes, empty tensors, negative dims, PyTorch's
# errors, and gradients with PyTorch's node names. Recorded by record_cases.py.
N = "nan = float('nan')\nx = torch.tensor([[1., nan, 3., 2.], [nan, nan, nan, nan], [4., 1., nan, 1.]])\n"
M = "m = torch.tensor([[0., 1., 2., 4.], [2., 1., 0.5, -1.], [3., 3., 1., 0.]])\n"
S = "s = torch.tensor([1, 3, 5, 7, 9])\n"
R = "r = torch.tensor([[1.5, -2.0, 0.5], [3.0, 1.0, -1.0]], requires_grad=True)\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


NANMEDIAN = group("missing_ops2", N, [
    "x.nanmedian()", "torch.nanmedian(x, 1)", "x.nanmedian(0, keepdim=True)", "torch.nanmedian(x, dim=-1)", "x[0].nanmedian()",
    "torch.tensor([]).nanmedian()", "torch.tensor([[]]).nanmedian(1)", "torch.tensor([[]]).nanmedian(0)", "torch.tensor([3, 1, 2]).nanmedian()",
    "torch.tensor([[3, 1, 2, 2]]).nanmedian(1)", "torch.tensor([True]).nanmedian()", "torch.tensor(5.).nanmedian(0)", "x.nanmedian(2)",
    "x.nanmedian(dim=None)", "torch.full((7,), nan).nanmedian(0)", "torch.full((2, 9), nan).nanmedian(1)", "x.double().nanmedian(1).values",
    "torch.tensor([], dtype=torch.long).nanmedian()",
])
COVARIANCE = group("missing_ops2", M, [
    "torch.cov(m)", "m.cov(correction=0)", "torch.cov(m[0])", "torch.cov(torch.tensor([1, 2, 4]))", "torch.cov(m, correction=2)",
    "torch.cov(m, fweights=torch.tensor([1, 2, 1, 3]))", "torch.cov(m, aweights=torch.tensor([0.5, 1.0, 2.0, 1.0]))",
    "torch.cov(m, fweights=torch.tensor([1, 2, 1, 3]), aweights=torch.tensor([0.5, 1.0, 2.0, 1.0]))",
    "torch.cov(m, fweights=torch.tensor([1., 2, 1, 3]))", "torch.cov(m, fweights=torch.tensor([-1, 2, 1, 3]))",
    "torch.cov(m, aweights=torch.tensor([1, 2, 1, 3]))", "torch.cov(m, aweights=torch.tensor([-1., 2, 1, 3]))",
    "torch.cov(m, fweights=torch.tensor([1, 2]))", "torch.cov(m, fweights=torch.tensor([[1, 2, 1, 3]]))",
    "torch.cov(m, aweights=torch.zeros(4))", "torch.cov(torch.ones(2, 2, 2))", "torch.cov(torch.tensor([True, False]))",
    "torch.cov(torch.tensor([1.]))", "torch.cov(torch.tensor([]))", "torch.cov(torch.zeros(2, 0))", "torch.cov(m.double())",
    "torch.cov(torch.tensor([[1, 2], [3, 5]], dtype=torch.int32))",
    "torch.corrcoef(m)", "m.corrcoef()", "torch.corrcoef(torch.tensor([1, 2, 3]))", "torch.corrcoef(torch.tensor([[1., 1, 1], [1, 2, 3]]))",
    "torch.corrcoef(torch.ones(2, 2, 2))",
])
BUILDERS = [("missing_ops2", body) for body in [
    "torch.diagflat(torch.tensor([1, 2]))", "torch.diagflat(torch.tensor([[1, 2], [3, 4]]), -1)", "torch.diagflat(torch.tensor(3.))",
    "torch.diagflat(torch.tensor([]))", "torch.tensor([1., 2]).diagflat(1)", "torch.diagflat(torch.tensor([[1, 2], [3, 4]]).t())",
    "torch.block_diag(torch.tensor([[1, 2], [3, 4]]), torch.tensor([5, 6]), torch.tensor(7))", "torch.block_diag()",
    "torch.block_diag(torch.tensor([[1.]]), torch.tensor([2]))", "torch.block_diag(torch.ones(2, 2, 2))",
    "torch.block_diag(torch.zeros(0, 2), torch.ones(1, 1))", "torch.block_diag(torch.tensor([]))",
    "torch.kron(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[0, 1], [1, 0]]))", "torch.kron(torch.tensor([1, 2]), torch.tensor([[1], [10]]))",
    "torch.kron(torch.tensor([1., 2]), torch.tensor([3, 4]))", "torch.kron(torch.tensor(2), torch.tensor([1, 2]))",
    "torch.tensor([[1, 2]]).kron(torch.ones(2, 1, 2, dtype=torch.long))", "torch.kron(torch.zeros(0, 2), torch.ones(2, 2))",
    "torch.vander(torch.tensor([1, 2, 3]))", "torch.vander(torch.tensor([1, 2, 3]), N=2, increasing=True)", "torch.vander(torch.tensor([1., 2]), 0)",
    "torch.vander(torch.tensor([1., 2]), -1)", "torch.vander(torch.tensor([[1.]]))", "torch.vander(torch.tensor([True, False]))",
    "torch.vander(torch.tensor([1, 2], dtype=torch.int8), 3)", "torch.vander(torch.tensor([]))", "torch.vander(torch.tensor([0.5, -1.5, 2.0]), 4)",
    "torch.vander(torch.tensor(2.))",
]]
SCANS = [("missing_ops2", "nan = float('nan')\n" + body) for body in [
    "torch.logcumsumexp(torch.tensor([1., 2, 3]), 0)", "torch.logcumsumexp(torch.tensor([1, 2, 3]), 0)",
    "torch.logcumsumexp(torch.tensor([-float('inf'), 0., float('inf'), 1.]), 0)", "torch.logcumsumexp(torch.tensor([[1., 2], [3, 4]]), -1)",
    "torch.tensor([[1., 2], [3, 4]]).logcumsumexp(0)", "torch.logcumsumexp(torch.tensor(2.), 0)", "torch.logcumsumexp(torch.tensor([]), 0)",
    "torch.logcumsumexp(torch.tensor([1., 2]), 1)", "torch.logcumsumexp(torch.tensor([1., nan, 2]), 0)",
    "torch.logcumsumexp(torch.linspace(-30, 90, 13), 0)", "torch.logcumsumexp(torch.linspace(-3, 5, 9).double(), 0)",
    "torch.cummax(torch.tensor([1, 3, 2, 3, 0]), 0)", "torch.cummin(torch.tensor([1., nan, 0, 2]), 0)",
    "torch.cummax(torch.tensor([1., nan, 0, nan, 5]), 0)", "torch.cummax(torch.tensor([True, False, True]), 0)",
    "torch.cummax(torch.tensor(2.), 0)", "torch.cummax(torch.tensor([]), 0)", "torch.cummin(torch.tensor([[3, 1], [2, 5]]), 0)",
    "torch.tensor([[3, 1], [2, 5]]).cummax(-1)", "torch.cummax(torch.tensor([1., 1, 1]), 0)", "torch.cummin(torch.tensor([1., 1, 1]), 0)",
    "torch.cummax(torch.tensor([1., 2]), 1)",
]]
COUNTS = [("missing_ops2", "nan = float('nan')\n" + body) for body in [
    "torch.histc(torch.tensor([1., 2, 1]), bins=4, min=0, max=3)", "torch.histc(torch.tensor([1., 2, 1]))", "torch.histc(torch.tensor([1, 2, 1]))",
    "torch.histc(torch.tensor([1., 1]), bins=3)", "torch.histc(torch.tensor([]), bins=3)", "torch.histc(torch.tensor([1., 2]), bins=0)",
    "torch.histc(torch.tensor([1., 2]), bins=3, min=3, max=1)", "torch.histc(torch.tensor([1., float('inf')]), bins=2)",
    "torch.histc(torch.tensor([0., 1, 2, 3, 4, 5]), bins=5, min=1, max=4)", "torch.histc(torch.tensor([1., 2], dtype=torch.float64), bins=2)",
    "torch.tensor([0.1, 0.2, 0.3, 0.7, 0.9, 1.0]).histc(bins=10, min=0, max=1)", "torch.histc(torch.tensor([1., nan, 3.]), bins=2, min=0, max=4)",
    "torch.histc(torch.linspace(-1, 1, 41), bins=7)",
    "torch.bincount(torch.tensor([0, 1, 1, 3]))", "torch.bincount(torch.tensor([0, 1, 1, 3]), weights=torch.tensor([.5, 1, 1, 2]))",
    "torch.bincount(torch.tensor([0, 1]), minlength=5)", "torch.bincount(torch.tensor([], dtype=torch.long))", "torch.bincount(torch.tensor([-1]))",
    "torch.bincount(torch.tensor([1.]))", "torch.bincount(torch.tensor([[1]]))", "torch.bincount(torch.tensor([1]), minlength=-1)",
    "torch.bincount(torch.tensor([0, 1]), weights=torch.tensor([1, 2]))", "torch.bincount(torch.tensor([0, 1]), weights=torch.tensor([1.]))",
    "torch.bincount(torch.tensor([0, 1], dtype=torch.int8))", "torch.bincount(torch.tensor([True]))", "torch.tensor([2, 2]).bincount()",
    "torch.bincount(torch.tensor([], dtype=torch.long), weights=torch.tensor([]), minlength=2)",
]]
SEARCHES = group("missing_ops2", S, [
    "torch.bucketize(torch.tensor([3, 6, 9]), s)", "torch.bucketize(torch.tensor([3, 6, 9]), s, right=True)",
    "torch.bucketize(torch.tensor([3, 6, 9]), s, out_int32=True)", "torch.bucketize(3, s)", "torch.bucketize(3.5, s)",
    "torch.bucketize(torch.tensor([[1.5, 10]]), s)", "torch.bucketize(torch.tensor([3]), torch.tensor([[1, 2]]))",
    "torch.searchsorted(s, torch.tensor([3, 6, 9]))", "torch.searchsorted(s, torch.tensor([3, 6, 9]), right=True)",
    "torch.searchsorted(s, torch.tensor([3, 6, 9]), side='right')", "torch.searchsorted(s, torch.tensor([3, 6, 9]), side='left', right=True)",
    "torch.searchsorted(s, torch.tensor([3, 6, 9]), side='middle')", "torch.searchsorted(s, 5)", "torch.searchsorted(s, 5, right=True)",
    "torch.searchsorted(torch.tensor([[1, 3, 5], [2, 4, 6]]), torch.tensor([[3], [3]]))",
    "torch.searchsorted(torch.tensor([[1, 3, 5], [2, 4, 6]]), torch.tensor([[3, 4]]))",
    "torch.searchsorted(torch.tensor([5, 1, 3]), torch.tensor([2, 4]), sorter=torch.tensor([1, 2, 0]))",
    "torch.searchsorted(torch.tensor([1., 3]), torch.tensor([2, 4]))", "torch.searchsorted(torch.tensor([1, 3]), torch.tensor([2.5, 4]))",
    "torch.searchsorted(torch.tensor([1., float('nan')]), torch.tensor([float('nan'), 2]))",
    "torch.searchsorted(torch.tensor([]), torch.tensor([2.]))", "torch.searchsorted(torch.tensor(1.), torch.tensor([2.]))",
    "torch.searchsorted(torch.tensor([1, 3]), torch.tensor([2, 4]), sorter=torch.tensor([0]))",
    "torch.searchsorted(torch.tensor([1, 3]), torch.tensor([2, 4]), sorter=torch.tensor([0, 2]))",
    "torch.searchsorted(torch.tensor([1, 3]), torch.tensor([2, 4]), sorter=torch.tensor([0., 1]))",
    "torch.searchsorted(torch.tensor([1, 3]), torch.tensor(2))", "torch.searchsorted(torch.tensor([True, False]), torch.tensor([True]))",
    "torch.searchsorted(torch.tensor([[1, 3, 5], [2, 4, 6]]), torch.tensor(3))",
    "torch.searchsorted(torch.tensor([1, 1, 2, 2, 2, 3]), torch.tensor([[2, 1], [0, 4]]), right=True)",
    "torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5]))", "torch.isin(torch.tensor([1, 2, 3]), 2)", "torch.isin(2, torch.tensor([1, 2]))",
    "torch.isin(torch.tensor([1., 2, 3]), torch.tensor([2, 5]), invert=True)",
    "torch.isin(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[4]]), assume_unique=True)",
    "torch.isin(torch.tensor([1., float('nan')]), torch.tensor([float('nan')]))", "torch.isin(2, 2)", "torch.isin(torch.tensor([1, 2]), 2.0)",
    "torch.isin(torch.tensor([1, 2]), torch.tensor([2.5, 2.0]))", "torch.isin(torch.tensor([True]), torch.tensor([1]))",
    "torch.isin(elements=torch.tensor([1]), test_elements=torch.tensor([1]))", "torch.isin(torch.tensor([]), torch.tensor([1]))",
])
RENORM_ROT90 = [("missing_ops2", "x = torch.arange(6.).view(2, 3)\n" + body) for body in [
    "torch.renorm(torch.tensor([[1., 2, 3], [4, 5, 6]]), 2, 0, 5)", "torch.renorm(torch.tensor([[1., 2, 3], [4, 5, 6]]), 1, 1, 6)",
    "torch.renorm(torch.tensor([[1, 2]]), 2, 0, 1)", "torch.renorm(torch.tensor([[1., 2]]), -1, 0, 1)", "torch.renorm(torch.tensor([[1., 2]]), 2, 0, -1)",
    "torch.renorm(torch.tensor([1., 2]), 2, 0, 1)", "torch.renorm(torch.tensor([[1., 2]]), float('inf'), 0, 1)",
    "torch.tensor([[1., 2, 3], [4, 5, 6]]).renorm(2, -1, 3)", "y = x.clone()\ny.renorm_(2, 0, 2)\ny",
    "torch.rot90(x, 1, 0)", "torch.rot90(x, 1, [0])", "torch.rot90(x, dims=1)", "x.rot90(1, 1)", "torch.rot90(x, 1, None)",
    "torch.rot90(x, 1, (1, 0))", "torch.rot90(x, 2, [0, 1])", "torch.rot90(x, 1, (0, 1.0))", "torch.rot90(x, 1, (0, True))",
    "torch.rot90(x, 1.5)", "torch.rot90(x, -3, [1, 0])",
]]
VIEW_DTYPE = [("missing_ops2", body) for body in [
    "torch.tensor([1.0, -2.0]).view(torch.int32)", "torch.tensor([1.0, 2.0]).view(torch.int64)", "torch.tensor([1.0, 2.0, 3.0]).view(torch.int64)",
    "torch.tensor([1.0]).view(torch.float16)", "torch.tensor([1, 2], dtype=torch.int32).view(torch.uint8)",
    "torch.tensor([[1, 2], [3, 4]], dtype=torch.int16).view(torch.int32)", "torch.tensor([[1, 2], [3, 4]], dtype=torch.int16).t().view(torch.int32)",
    "torch.tensor([[1, 2], [3, 4]], dtype=torch.int16).t().view(torch.int8)", "torch.tensor(1.0).view(torch.int32)", "torch.tensor(1.0).view(torch.int16)",
    "torch.tensor([1, 2], dtype=torch.int32).view(torch.bool)", "torch.tensor([1, 0, 1, 0], dtype=torch.uint8).view(torch.bool)",
    "torch.tensor([1.5]).view(dtype=torch.int32)", "torch.tensor([1.0, 2.0]).view(torch.bfloat16)", "torch.tensor([1., 2, 3, 4])[1:3].view(torch.int64)",
    "torch.tensor([1, 2], dtype=torch.int32).view(torch.float64)", "torch.zeros(0).view(torch.int64)", "torch.zeros(3, 0).view(torch.int64)",
    "torch.tensor([True, False]).view(torch.uint8)", "torch.tensor([-1.0]).view(torch.uint8)",
    "a = torch.tensor([1.0, 2.0])\nb = a.view(torch.int32)\nb[0] = 0\na", "a = torch.zeros(2, 4)\na.view(torch.int16).shape",
    "a = torch.tensor([1.0, 2.0], requires_grad=True)\nb = a.view(torch.int32)\n(b.requires_grad, b.grad_fn)",
]]
GRADIENTS = group("missing_ops2", R, [
    "y = r.nanmedian()\ny.backward()\n(y.grad_fn, r.grad)", "y = r.nanmedian(1)\ny.values.sum().backward()\n(y.values.grad_fn, r.grad)",
    "y = torch.cov(r)\ny.sum().backward()\n(y.grad_fn, r.grad)", "y = torch.corrcoef(r)\n(y * torch.tensor([[1., 2], [3, 4]])).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.diagflat(r, 1)\n(y * torch.arange(49.).view(7, 7)).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.logcumsumexp(r, 1)\n(y * torch.tensor([1., -2, 3])).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.cummax(r, 0)\n(y.values * torch.tensor([1., 2, 3])).sum().backward()\n(y.values.grad_fn, r.grad)",
    "y = torch.cummin(r, 1)\ny.values.sum().backward()\n(y.values.grad_fn, r.grad)",
    "y = torch.block_diag(r, r[0], torch.tensor(2.))\n(y * torch.arange(35.).view(5, 7)).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.kron(r, torch.tensor([[1., 2], [3, 4]]))\n(y * torch.arange(24.).view(4, 6)).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.vander(r[0], 4)\n(y * torch.arange(12.).view(3, 4)).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.vander(r[1], increasing=True)\ny.sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.renorm(r, 2, 0, 2)\n(y * torch.tensor([1., 2, 3])).sum().backward()\n(y.grad_fn, r.grad)",
    "y = torch.renorm(r, 1, 1, 3)\n(y * torch.tensor([1., 2, 3])).sum().backward()\n(y.grad_fn, r.grad)",
])
# Seeded random inputs: wider shapes and dtypes through the same ops.
E = "nan = float('nan')\ng = torch.Generator().manual_seed(0)\nz = torch.randn(4, 5, generator=g)\n"
RANDOM = [("missing_ops2", E + body) for body in [
  "z.nanmedian(0)", "z.nanmedian(-1, True)", "torch.tensor([[3, 1, 2, 2], [5, 5, 1, 0]]).nanmedian(1)", "z.half().nanmedian()", "z.nanmedian()",
  "torch.cov(z)", "torch.cov(z.t())", "torch.corrcoef(z)", "torch.cov(z, correction=0, aweights=torch.rand(5, generator=g))",
  "torch.logcumsumexp(z, 0)", "torch.logcumsumexp(z.double(), 1)", "torch.logcumsumexp(z.half(), 1)", "torch.logcumsumexp(z.bfloat16(), 1)",
  "torch.cummax(z, 0)", "torch.cummin(z.half(), 1)", "torch.cummax(torch.tensor([[1, 5, 2], [7, 0, 7]], dtype=torch.int8), 1)",
  "torch.histc(z, bins=6)", "torch.histc(z, bins=3, min=-1, max=1)", "torch.histc(z.half(), bins=4)", "torch.histc(z.double(), 7, -2, 2)",
  "torch.histc(torch.arange(10.), bins=3)", "torch.histc(torch.tensor([0.1, 0.2, 0.30000001, 0.7]), bins=10, min=0, max=1)",
  "torch.bincount(torch.tensor([4, 1, 1]), weights=torch.tensor([0.5, 0.25, 0.25]).double())",
  "torch.bincount(torch.tensor([0, 2], dtype=torch.uint8), minlength=1)",
  "torch.searchsorted(torch.sort(z, 1).values, torch.zeros(4, 2))", "torch.bucketize(z, torch.tensor([-1., 0, 1]))",
  "torch.bucketize(z, torch.tensor([-1., 0, 1]), right=True, out_int32=True)",
  "torch.searchsorted(torch.tensor([1., 2, 3]).half(), torch.tensor([2.5]))", "torch.searchsorted(torch.tensor([1, 2, 3]), torch.tensor([[2], [3]]))",
  "torch.searchsorted(torch.tensor([1, 2, 2, 3]), torch.tensor([2, 2]), side='right')",
  "torch.searchsorted(torch.tensor([[3, 1, 2], [6, 4, 5]]), torch.tensor([[2], [5]]), sorter=torch.tensor([[1, 2, 0], [1, 2, 0]]))",
  "torch.block_diag(z[:2, :2], z[0], torch.tensor([[1, 2]]))", "torch.block_diag(torch.tensor([[1, 2]], dtype=torch.int32), torch.tensor([True]))",
  "torch.kron(z[:2, :2], z[:2])", "torch.kron(torch.ones(2, 1, 2), torch.tensor([[1., 2]]))", "torch.kron(z[0], z[1].double())",
  "torch.vander(z[0])", "torch.vander(z[0].double(), 3, True)", "torch.vander(torch.tensor([2, 3], dtype=torch.int32), 4)",
  "torch.isin(z, z[0])", "torch.isin(torch.arange(10), torch.tensor([3, 7, 7, 11]))", "torch.isin(torch.tensor([1, 2], dtype=torch.int8), torch.tensor([2.0]))",
  "torch.renorm(z, 2, 1, 1.0)", "torch.renorm(z, 3, 0, 1.5)", "torch.renorm(z.double(), 0.5, 0, 2)", "torch.renorm(z.view(2, 2, 5), 2, 1, 1)",
  "torch.diagflat(z[:2, :2], -2)", "torch.diagflat(z[0].half(), 1)",
  "z.view(torch.int32)[0]", "z.view(torch.int16).shape", "z.view(torch.float64).shape", "z.view(torch.uint8)[0, :8]", "z[:, 1:3].view(torch.int64)",
  "z[:, 2:].view(torch.int64)", "torch.arange(8, dtype=torch.int16).view(torch.int32)", "torch.arange(4).view(torch.float64)",
  "r = z.clone().requires_grad_()\ny = torch.logcumsumexp(r, 0)\ny.sum().backward()\nr.grad",
  "r = z.clone().requires_grad_()\ny = torch.cov(r, aweights=torch.tensor([1., 2, 3, 1, 1]))\ny.sum().backward()\n(y.grad_fn, r.grad)",
  "r = z.clone().requires_grad_()\ny = torch.renorm(r, 2, 0, 1.0)\n(y * torch.arange(20.).view(4, 5)).sum().backward()\nr.grad",
  "r = z.clone().requires_grad_()\ny = torch.renorm(r, float('inf'), 1, 1.0)\n(y * torch.arange(20.).view(4, 5)).sum().backward()\nr.grad",
  "r = z.clone().requires_grad_()\ny = torch.kron(r, r[:2, :2])\n(y * y).sum().backward()\nr.grad",
  "r = z.clone().requires_grad_()\ny = r.nanmedian(0)\n(y.values * 2).sum().backward()\nr.grad",
  "r = z.clone().requires_grad_()\ny = torch.cummin(r, 0)\n(y.values * z[0]).sum().backward()\nr.grad",

]]
CASES = NANMEDIAN + COVARIANCE + BUILDERS + SCANS + COUNTS + SEARCHES + RENORM_ROT90 + VIEW_DTYPE + GRADIENTS + RANDOM
