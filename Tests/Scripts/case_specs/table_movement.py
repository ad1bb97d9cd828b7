# Movement ops and new_* factories bound from the op table: int lists as PyTorch's parser
# takes them, PyTorch's "invalid combination" lists, and the autograd nodes of cdist,
# pairwise_distance and ndtr, and the Scalar-self overloads of pow and the shifts. Recorded with real PyTorch by record_cases.py.
X = "torch.manual_seed(0)\nx = torch.randn(3, 4)\n"
G = "torch.manual_seed(0)\na = torch.randn(3, 4, requires_grad=True)\nb = torch.randn(2, 4, requires_grad=True)\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


def nodes(expression):
    return f"r = {expression}\n(r.grad_fn.name(), [f.name() if f is not None else None for f, _ in r.grad_fn.next_functions])"


CASES = (
    group("errors", X, [
        "x.permute(0, 1.5)", "torch.permute(x, 1, 0)", "torch.flip(x, 0)", "x.flip()", "x.tile()", "torch.tile(x, 2)",
        "x.tile(2, 'a')", "x.new_zeros(2.5)", "x.expand((2, 3.5))", "x.repeat()", "torch.roll(x)", "x.transpose(0)",
        "torch.broadcast_to(x, 3)", "torch.reshape(x, 6)", "x.reshape()", "x.t(1)", "torch.tril(x, 1.5)", "torch.flatten(x, 'a')",
        "x.mean(foo=1)", "torch.sum(x, foo=1)", "x.sum('a')", "x.sum(0, 1.5)", "x.sum((0,), foo=1)", "torch.mean(x, 'a')",
    ])
    + group("movement", X, [
        "x.tile(2).shape", "torch.tile(x, (2, 1, 1)).shape", "x.new_ones((2,), dtype=torch.float64)", "x.new_zeros(2, 3)",
        "x.new_empty(2, 3).shape", "x.unflatten(1, (2, 2)).shape", "torch.unflatten(x, 1, (2, -1)).shape",
        "x.view_as(torch.zeros(4, 3)).shape", "torch.squeeze(x.unsqueeze(0).unsqueeze(2), (0, 2)).shape",
        "x.roll((1, 2), (0, 1))", "torch.flip(x, (0, 1))", "x.flip(0, 1)", "x.permute((1, 0)).shape", "torch.swapdims(x, 0, 1).shape",
        "torch.reshape(x, (2, -1)).shape", "x.reshape(shape=(6, 2)).shape", "x.expand(2, 3, 4).shape", "x.repeat(1, 2).shape",
        "torch.broadcast_to(x[0], (2, 4))", "torch.triu(x, 1)", "x.tril(-1)",
    ])
    + group("autograd-graph", G, [
        nodes("torch.cdist(a, b)"), nodes("torch.cdist(a.repeat(10, 1), b)"), nodes("F.pairwise_distance(a, a.flip(0))"),
        nodes("torch.special.ndtr(a)"),
        "torch.cdist(a, b, p=1).sum().backward()\n(a.grad, b.grad)",
        "torch.cdist(a.repeat(10, 1), b).sum().backward()\n(a.grad, b.grad)",
        "F.pairwise_distance(a, b[:1]).sum().backward()\n(a.grad, b.grad)",
        "torch.special.ndtr(a).sum().backward()\na.grad",
    ])
    + group("errors", X, [
        "torch.pow(2, 3)", "x.pow()", "torch.pow(x, 'a')", "x.pow('a')",
        "torch.bitwise_left_shift(1, 2)", "torch.tensor([1, 2]).bitwise_left_shift('a')",
    ])
    + group("elementwise", "i = torch.tensor([1, 2, 3])\n", [
        "torch.bitwise_left_shift(1, i)", "torch.bitwise_right_shift(16, i)", "torch.bitwise_left_shift(i, i)", "i.bitwise_right_shift_(1)",
    ])
    + group("autograd-graph", G, [
        "torch.pow(2, a).sum().backward()\n(torch.pow(2.5, a).grad_fn.name(), a.grad)", "torch.pow(self=2, exponent=a)",
        "torch.pow(input=a, exponent=2).grad_fn.name()", "a.pow(exponent=b[0])", "torch.pow(True, torch.tensor([1, 2]))",
    ])
)
