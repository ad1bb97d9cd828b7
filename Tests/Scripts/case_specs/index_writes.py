# Index writes real PyTorch code calls that TensorTutor lacked: index_copy, scatter_reduce,
# index_reduce, put, and select/slice/diagonal_scatter, each as torch.X, Tensor.X and X_.
# Values, dtypes, PyTorch's errors and gradients (grad_fn names included). Recorded by
# record_cases.py.
import torch

# index_reduce warns with TORCH_WARN_ONCE, once per process; each replayed case is a fresh
# program, so the recording warns every time as a fresh process would; the repeats within
# one case (index_reduce calls inside its own backward) were then removed from the fixture,
# as a fresh process warns only once.
torch.set_warn_always(True)

CASES = []
X = "x = torch.arange(12.).view(3, 4).sin() * 3\ni = torch.tensor([2, 0])\n"

INDEX_COPY = [
    "x.index_copy(0, i, torch.ones(2, 4))", "torch.index_copy(x, 1, torch.tensor([3, 1, 1]), torch.arange(9.).view(3, 3))",
    "x.index_copy_(0, i, -torch.ones(2, 4))\nx", "x.index_copy(-1, i, torch.zeros(3, 2))", "x.long().index_copy(0, i, torch.ones(2, 4).long())",
    "x.index_copy(0, torch.tensor([1]), torch.ones(1, 4))", "x.index_copy(0, torch.tensor([], dtype=torch.long), torch.ones(0, 4))",
    "torch.zeros(()).index_copy(0, torch.tensor(0), torch.tensor(3.))", "torch.zeros(3).index_copy(0, torch.tensor([1]), torch.tensor(3.))",
    "x.index_copy(0, i, torch.ones(2, 3))", "x.index_copy(0, i.int(), torch.ones(2, 4))", "x.index_copy(0, i, torch.ones(2, 4).double())",
    "x.index_copy(0, torch.tensor([[0]]), torch.ones(1, 4))", "x.index_copy(0, torch.tensor([5, 0]), torch.ones(2, 4))",
    "x.index_copy(0, torch.tensor([-1, 0]), torch.ones(2, 4))", "x.index_copy(0, i, torch.ones(4))", "x.index_copy(0, i, torch.tensor(1.))",
    "x.index_copy(2, i, torch.ones(2, 4))", "x.index_copy(0, i, torch.ones(3, 4))", "x.index_copy(0, i, 1.0)",
]
CASES += [("index-copy", X + body) for body in INDEX_COPY]

SR = "s = torch.tensor([1., -2., 3., 0., 5., 4.])\nidx = torch.tensor([0, 1, 0, 1, 2, 1])\nb = torch.tensor([10., 20., 30., 40.])\n"
SCATTER_REDUCE = [
    f"b.scatter_reduce(0, idx, s, {reduce!r}, include_self={include})"
    for reduce in ["sum", "prod", "mean", "amax", "amin"] for include in [True, False]
] + [
    f"torch.arange(12).view(3, 4).scatter_reduce(1, torch.tensor([[0, 0, 3], [1, 1, 1], [2, 0, 2]]), torch.arange(9).view(3, 3) - 4, {reduce!r}, include_self={include})"
    for reduce in ["sum", "prod", "mean", "amax", "amin"] for include in [True, False]
] + [
    "torch.scatter_reduce(b, 0, idx, s, 'sum')", "b.scatter_reduce_(0, idx, s, reduce='mean', include_self=False)\nb",
    "torch.zeros(3, 2).scatter_reduce(0, torch.tensor([[2, 1], [2, 2]]), torch.tensor([[1., 2.], [3., 4.], [5., 6.]]), 'amax')",
    "b.scatter_reduce(0, torch.tensor([0, 0]), torch.tensor([float('nan'), 1.]), 'amax')",
    "b.scatter_reduce(0, torch.tensor([0, 0]), torch.tensor([1., float('nan')]), 'amin', include_self=False)",
    "b.double().scatter_reduce(0, idx, s.double() / 3, 'mean')", "torch.tensor([True, False]).scatter_reduce(0, torch.tensor([1, 1]), torch.tensor([True, False]), 'sum')",
"torch.tensor(2.).scatter_reduce(0, torch.tensor(0), torch.tensor(5.), 'prod')",
    "b.scatter_reduce(0, idx, s, 'foo')", "b.scatter_reduce(0, idx, s.double(), 'sum')", "b.scatter_reduce(0, idx.float(), s, 'sum')",
    "b.scatter_reduce(0, idx.view(2, 3), s, 'sum')", "b.scatter_reduce(0, torch.tensor([0, 9]), s, 'sum')", "b.scatter_reduce(1, idx, s, 'sum')",
    "b.scatter_reduce(0, torch.tensor([0, -1]), s, 'sum')", "b.scatter_reduce(0, idx.int(), s, 'prod')", "b.scatter(0, idx.int(), s)", "b.scatter_reduce(0, idx, s[:3], 'sum')",
]
CASES += [("scatter-reduce-bits", SR + body) for body in SCATTER_REDUCE]

IR = "x = torch.arange(12.).view(3, 4) / 4 - 1.5\nsrc = torch.tensor([[1., 2., 0., -1.], [3., -2., 5., 0.5], [2., 2., 2., 2.]])\nj = torch.tensor([0, 2, 0])\n"
INDEX_REDUCE = [
    f"x.index_reduce(0, j, src, {reduce!r}, include_self={include})"
    for reduce in ["prod", "mean", "amax", "amin"] for include in [True, False]
] + [
    "torch.index_reduce(x, 1, torch.tensor([3, 3, 0, 1]), src, 'amax')", "x.index_reduce_(0, j, src, 'mean', include_self=False)\nx",
    "x.long().index_reduce(0, j, src.long() * 3, 'mean')", "x.long().index_reduce(0, j, src.long() - 7, 'mean', include_self=False)",
    "x.int().index_reduce(0, j.int(), src.int(), 'amin', include_self=False)", "x.index_reduce(0, torch.tensor([], dtype=torch.long), torch.zeros(0, 4), 'prod')",
    "torch.tensor(2.).index_reduce(0, torch.tensor([0]), torch.tensor(3.), 'prod')",
    "x.index_reduce(0, j, src, 'sum')", "x.index_reduce(0, torch.tensor([5, 0, 0]), src, 'prod')", "x.index_reduce(0, torch.tensor([-1, 0, 0]), src, 'prod')",
    "x.index_reduce(0, j, src.double(), 'prod')", "x.index_reduce(0, j.float(), src, 'prod')", "x.index_reduce(0, j.view(3, 1), src, 'prod')",
    "x.index_reduce(0, j, src[:2], 'prod')", "x.index_reduce(1, torch.tensor([0, 1, 1]), torch.ones(2, 3), 'prod')",
    "torch.zeros(()).index_reduce(0, torch.tensor([0]), torch.tensor([2.]), 'amax')", "torch.zeros(()).index_reduce(-1, torch.tensor(0), torch.tensor(2.), 'mean')", "x.bool().index_reduce(0, j, src.bool(), 'amax')", "x.index_reduce(3, j, src, 'amax')",
]
CASES += [("index-reduce-bits", IR + body) for body in INDEX_REDUCE]

P = "x = torch.arange(6.).view(2, 3)\n"
PUT = [
    "x.put(torch.tensor([1, -1]), torch.tensor([9., 8.]))", "x.put(torch.tensor([1, 1, 0]), torch.tensor([9., 8., 7.]), accumulate=True)",
    "torch.put(x, torch.tensor([[0, 5]]), torch.tensor([1., 2.]))", "x.put_(torch.tensor([4]), torch.tensor([-1.]))\nx",
    "x.t().put(torch.tensor([1, 2]), torch.tensor([9., 8.]))", "x.long().put(torch.tensor([0, 0]), torch.tensor([3, 4]), True)",
    "x.put(torch.tensor([1, 9]), torch.tensor([9., 8.]))", "x.put(torch.tensor([1, -7]), torch.tensor([9., 8.]))",
    "x.put(torch.tensor([1, 2]).int(), torch.tensor([9., 8.]))", "x.put(torch.tensor([1, 2]), torch.tensor([9., 8.]).double())",
    "x.put(torch.tensor([1, 2]), torch.tensor([9., 8., 7.]))", "torch.zeros(0).put(torch.tensor([0]), torch.tensor([1.]))",
    "torch.zeros(0).put(torch.tensor([], dtype=torch.long), torch.tensor([]))",
]
CASES += [("put", P + body) for body in PUT]

V = "x = torch.arange(12.).view(3, 4)\n"
VIEW_SCATTERS = [
    "torch.select_scatter(x, torch.ones(4), 0, 1)", "x.select_scatter(torch.ones(3), 1, -1)", "torch.select_scatter(x, torch.ones(4).double(), 0, 0)",
    "torch.select_scatter(x, torch.ones(3), 0, 0)", "torch.select_scatter(x, torch.ones(4), 0, 5)", "torch.select_scatter(x.long(), torch.ones(4), 0, 0)",
    "torch.slice_scatter(x, torch.zeros(3, 2), 1, 0, 2)", "x.slice_scatter(torch.zeros(2, 4), start=1)", "torch.slice_scatter(x, torch.zeros(3, 2), 1, step=2)",
    "torch.slice_scatter(x, torch.zeros(3, 2), dim=1, start=-2)", "torch.slice_scatter(x, torch.zeros(3, 4), 1, 0, 2)",
    "torch.slice_scatter(x, torch.zeros(3, 1), 1, step=0)", "torch.slice_scatter(x, torch.zeros(3, 1), 1, step=-1)", "torch.slice_scatter(x, torch.zeros(3, 1), 5)",
    "torch.diagonal_scatter(x, torch.ones(3))", "x.diagonal_scatter(torch.ones(3), 1)", "torch.diagonal_scatter(x, torch.ones(2), -1)",
    "torch.diagonal_scatter(x, torch.ones(3), 0, 1, 0)", "torch.diagonal_scatter(x, torch.ones(4))", "torch.diagonal_scatter(x, torch.ones(3), 0, 0, 0)",
    "torch.diagonal_scatter(torch.zeros(2, 3, 3), torch.ones(3, 2), 0, 0, 2)", "torch.slice_scatter(torch.zeros(()), torch.zeros(()))",
    "torch.select_scatter(torch.zeros(()), torch.zeros(()), 0, 0)", "torch.diagonal_scatter(torch.zeros(3), torch.zeros(3))",
    "torch.slice_scatter(x, torch.zeros(3, 2), -1, 1, 3)", "torch.slice_scatter(x, torch.zeros(3, 0), 1, 3, 1)",
]
CASES += [("view-scatters", V + body) for body in VIEW_SCATTERS]

G = "a = torch.tensor([[1., 2., 0., 4.], [5., -1., 3., 2.], [0.5, 2., 2., 1.]], requires_grad=True)\n"
GS = "s = torch.tensor([[3., 0., 2., 4.], [2., 5., 0., 0.], [1., 1., 1., 2.]], requires_grad=True)\n"
W = "w = torch.arange(12.).view(3, 4).sin()\n"
GRADIENTS = [
    f"y = a.scatter_reduce(0, torch.tensor([[0, 1, 0, 2], [2, 1, 0, 0], [0, 0, 1, 1]]), s, {reduce!r}, include_self={include})\n(y * w).sum().backward()\n(y.grad_fn.name(), y, a.grad, s.grad)"
    for reduce in ["sum", "prod", "mean", "amax", "amin"] for include in [True, False]
] + [
    f"y = a.index_reduce(0, torch.tensor([2, 0, 2]), s, {reduce!r}, include_self={include})\n(y * w).sum().backward()\n(y.grad_fn.name(), y, a.grad, s.grad)"
    for reduce in ["prod", "mean", "amax", "amin"] for include in [True, False]
] + [
    "y = a.index_copy(1, torch.tensor([3, 0, 0]), s[:, :3])\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = a * 1\ny.index_copy_(0, torch.tensor([1]), s[:1])\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = a.put(torch.tensor([0, -1, 5]), s[0, :3])\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = a.put(torch.tensor([0, 0, 5]), s[0, :3], accumulate=True)\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = torch.select_scatter(a, s[0], 0, 1)\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = torch.slice_scatter(a, s[:, :2], 1, 1, 4, 2)\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = torch.diagonal_scatter(a, s[0, :3] * 2, 1)\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "y = a * 1\ny.scatter_reduce_(1, torch.tensor([[0, 0], [1, 1], [3, 3]]), s[:, :2], 'amax')\n(y * w).sum().backward()\n(y.grad_fn.name(), a.grad, s.grad)",
    "a.index_copy_(0, torch.tensor([0]), s[:1])",
]
CASES += [("index-write-gradients", G + GS + W + body) for body in GRADIENTS]

# index_put as a function and method (the out-of-place form of index_put_).
IP = "x = torch.arange(6.).view(2, 3)\ni = torch.tensor([1, 0, 1])\nj = torch.tensor([0, 2, 0])\n"
INDEX_PUT = [
    "torch.index_put(x, (i,), torch.tensor(5.))", "x.index_put((i, j), torch.tensor([1., 2., 3.]), accumulate=True)",
    "x.index_put((i, j), torch.tensor([1., 2., 3.]))\nx", "x.long().index_put((i,), torch.tensor([7, 8, 9]))",
    "a = x.clone().requires_grad_()\nv = torch.tensor([1., 2., 3.], requires_grad=True)\ny = a.index_put((i, j), v)\n(y * x).sum().backward()\n(y.grad_fn.name(), a.grad, v.grad)",
    "a = x.clone().requires_grad_()\nv = torch.tensor([1., 2., 3.], requires_grad=True)\ny = torch.index_put(a, (i, j), v, True)\n(y * x).sum().backward()\n(y.grad_fn.name(), a.grad, v.grad)",
]
CASES += [("index-put", IP + body) for body in INDEX_PUT]
