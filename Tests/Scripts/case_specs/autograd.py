# Autograd and optimizer cases (categories as in ../shared/conformance/autograd.jsonl):
# gradients of each op family, reprs with grad_fn, autograd's errors, and optimizer
# updates after a few steps. Recorded with real PyTorch by record_cases.py.
A = "a = torch.tensor([1.0, -2.0, 3.0, 0.5], requires_grad=True)\n"
X = "torch.manual_seed(0)\nx = torch.randn(3, 4, requires_grad=True)\n"
NET = "import torch.nn as nn\ntorch.manual_seed(0)\nnet = nn.Linear(4, 3)\ninp = torch.randn(5, 4)\nt = torch.tensor([0, 1, 2, 1, 0])\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


GRADS = group("autograd-backward", X, [
    "x.exp().sum().backward()\nx.grad", "(x ** 3).mean().backward()\nx.grad", "x.abs().sum().backward()\nx.grad",
    "x.relu().sum().backward()\nx.grad", "(x / (x.abs() + 1)).sum().backward()\nx.grad",
    "x.sum(dim=1).pow(2).sum().backward()\nx.grad", "x.mean(0, keepdim=True).exp().sum().backward()\nx.grad",
    "x.std(dim=1).sum().backward()\nx.grad", "x.norm().backward()\nx.grad", "x.logsumexp(dim=1).sum().backward()\nx.grad",
    "x.max(dim=1).values.sum().backward()\nx.grad", "x.amax(dim=0).sum().backward()\nx.grad",
    "x.t().reshape(-1)[::3].sum().backward()\nx.grad", "x[:, 1:3].exp().sum().backward()\nx.grad",
    "x[[0, 2, 0]].sum().backward()\nx.grad", "x[x > 0].sum().backward()\nx.grad",
    "x.permute(1, 0).unsqueeze(0).expand(2, 4, 3).sum().backward()\nx.grad",
    "torch.cat([x, x * 2], dim=1).sum().backward()\nx.grad", "torch.stack([x, x.exp()]).sum().backward()\nx.grad",
    "x.gather(1, torch.tensor([[0], [3], [1]])).sum().backward()\nx.grad",
    "x.index_select(1, torch.tensor([0, 0, 2])).sum().backward()\nx.grad",
    "x.split(2, dim=1)[1].sum().backward()\nx.grad", "x.chunk(3, dim=0)[2].exp().sum().backward()\nx.grad",
    "torch.roll(x, 1, 1)[0].sum().backward()\nx.grad", "x.repeat(2, 1).pow(2).sum().backward()\nx.grad",
    "x.cumsum(1).sum().backward()\nx.grad", "x.topk(2, dim=1).values.sum().backward()\nx.grad",
    "x.sort(dim=1).values[:, 0].sum().backward()\nx.grad", "F.silu(x).sum().backward()\nx.grad",
    "F.gelu(x, approximate='tanh').sum().backward()\nx.grad", "F.leaky_relu(x, 0.1).sum().backward()\nx.grad",
    "torch.tanh(x).pow(2).sum().backward()\nx.grad", "x.clamp(min=0).sum().backward()\nx.grad",
    "torch.maximum(x, torch.zeros(3, 4)).sum().backward()\nx.grad", "x.sqrt().sum().backward()\nx.grad",
    "(x @ x.t()).sum().backward()\nx.grad", "torch.bmm(x[None], x.t()[None]).sum().backward()\nx.grad",
    "(x @ torch.ones(4)).sum().backward()\nx.grad", "F.log_softmax(x, 1).mean().backward()\nx.grad",
    "F.cross_entropy(x, torch.tensor([0, 3, 1])).backward()\nx.grad",
    "F.cross_entropy(x, torch.tensor([0, 3, 1]), reduction='sum').backward()\nx.grad",
    "F.nll_loss(x.log_softmax(1), torch.tensor([0, -100, 1])).backward()\nx.grad",
    "F.binary_cross_entropy(x.sigmoid(), torch.ones(3, 4) * 0.3).backward()\nx.grad",
    "F.binary_cross_entropy_with_logits(x, torch.ones(3, 4) * 0.3).backward()\nx.grad",
    "F.smooth_l1_loss(x, torch.zeros(3, 4)).backward()\nx.grad", "F.l1_loss(x, torch.zeros(3, 4)).backward()\nx.grad",
    "F.kl_div(x.log_softmax(1), torch.ones(3, 4) / 4, reduction='batchmean').backward()\nx.grad",
    "F.mse_loss(x, torch.ones(3, 4), reduction='sum').backward()\nx.grad",
    "torch.where(x > 0, x.sqrt(), torch.zeros(3, 4)).sum().backward()\nx.grad",
    "x.masked_fill(x < 0, 0.0).sum().backward()\nx.grad", "(2 - x).sum().backward()\nx.grad",
    "(2 / x).sum().backward()\nx.grad", "(2 ** x).sum().backward()\nx.grad",
    "y = x * 2\ny.retain_grad()\ny.sum().backward()\ny.grad", "g, = torch.autograd.grad(x.pow(2).sum(), x)\ng",
    "(x * 2).sum().backward(retain_graph=True)\nx.grad",
    "y = x.sum() * 3\ny.backward(retain_graph=True)\ny.backward()\nx.grad",
    "x.sum(1).backward(torch.tensor([1., 2., 3.]))\nx.grad",
]) + group("autograd-backward", NET, [
    "F.cross_entropy(net(inp), t).backward()\nnet.weight.grad", "F.cross_entropy(net(inp), t).backward()\nnet.bias.grad",
    "net(inp[0]).sum().backward()\nnet.weight.grad", "F.mse_loss(net(inp), torch.zeros(5, 3)).backward()\nnet.bias.grad",
    "ln = nn.LayerNorm(4)\nln(inp).pow(3).sum().backward()\nln.weight.grad",
    "ln = nn.LayerNorm(4)\nln(inp).pow(3).sum().backward()\nln.bias.grad",
    "emb = nn.Embedding(5, 3)\nemb(torch.tensor([1, 1, 4])).sum().backward()\nemb.weight.grad",
])
REPRS = group("autograd-repr", A, [
    "a * 2", "a[1:]", "a[0]", "a.view(2, 2)", "a.sum(0)", "a.max()", "a.unsqueeze(0)", "a.exp().log()",
    "a.clamp(0, 1)", "a.float()", "a.double()", "2 - a", "2 / a", "a ** 2", "a[None]", "a.flip(0)",
    "a.detach().requires_grad", "a.is_leaf", "(a * 2).is_leaf", "(a * 2).grad_fn.name()",
    "[f[0].name() if f[0] is not None else None for f in (a * 2 + a).grad_fn.next_functions]",
    "torch.zeros(2, requires_grad=True)", "torch.ones(2, 2, dtype=torch.float64, requires_grad=True)",
    "nn = torch.nn\nnn.Parameter(torch.ones(2))", "b = a.clone()\nb.requires_grad_(False)",
    "torch.set_grad_enabled(False)\nb = a * 2\ntorch.set_grad_enabled(True)\nb.requires_grad",
    "@torch.no_grad()\ndef f(v):\n    return v * 2\nf(a).requires_grad",
    "with torch.enable_grad():\n    b = a * 2\nb", "b = a.detach()\nb.requires_grad_()\nb",
])
ERRORS = group("autograd-errors", A, [
    "a.add_(1)", "a[0] = 5.0", "(a * 2).backward()", "torch.tensor([1, 2]).requires_grad_()",
    "(a * 2).requires_grad_(False)", "b = a.sigmoid()\nb.mul_(2)\nb.sum().backward()",
    "b = a * 1\nb.add_(1)\nb.sum().backward()\na.grad", "torch.autograd.grad((a * 2).sum(), torch.ones(2, requires_grad=True))",
    "b = a * 2\nb.retain_grad()\nb.grad", "with torch.no_grad():\n    a.add_(1)\na",
])
OPTIM = group("autograd-optim", NET, [
    "opt = torch.optim.SGD(net.parameters(), lr=0.1)\nF.cross_entropy(net(inp), t).backward()\nopt.step()\nnet.bias",
    "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)\nfor _ in range(3):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nnet.weight",
    "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, dampening=0.1)\nfor _ in range(3):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nnet.bias",
    "opt = torch.optim.Adam(net.parameters(), lr=0.01, amsgrad=True, weight_decay=0.1)\nfor _ in range(3):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nnet.weight",
    "opt = torch.optim.AdamW(net.parameters(), lr=0.01, maximize=True)\nfor _ in range(2):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nnet.bias",
    "opt = torch.optim.Adadelta(net.parameters())\nfor _ in range(2):\n    opt.zero_grad()\n    F.cross_entropy(net(inp), t).backward()\n    opt.step()\nnet.bias",
    "opt = torch.optim.SGD([{'params': [net.weight]}, {'params': [net.bias], 'lr': 0.5}], lr=0.1)\nF.cross_entropy(net(inp), t).backward()\nopt.step()\nnet.bias",
    "opt = torch.optim.SGD(net.parameters(), lr=0.1)\nopt.param_groups[0]['lr'] = 0.01\nF.cross_entropy(net(inp), t).backward()\nopt.step()\nnet.bias",
    "opt = torch.optim.Adam(net.parameters())\nopt", "opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)\nopt",
    "opt = torch.optim.SGD(net.parameters(), lr=0.1)\nopt.step()\nnet.bias",
    "opt = torch.optim.SGD(net.parameters(), lr=0.1)\nF.cross_entropy(net(inp), t).backward()\nopt.zero_grad()\nnet.weight.grad",
])
Q = "torch.manual_seed(0)\nq = torch.randn(2, 3, 4, requires_grad=True)\n"
COMPOSITES = group("autograd-backward", Q, [
    "F.pad(q, (1, 2)).pow(2).sum().backward()\nq.grad[0]", "F.pad(q, (1, 0, 0, 1), value=2.0)",
    "F.normalize(q, dim=-1).pow(3).sum().backward()\nq.grad[1]",
    "F.cosine_similarity(q[0], q[1], dim=-1).sum().backward()\nq.grad[0]",
    "F.scaled_dot_product_attention(q, q, q, is_causal=True).sum().backward()\nq.grad[0]",
    "F.scaled_dot_product_attention(q, q * 2, q, attn_mask=torch.tensor([[True, False, True]] * 3)).pow(2).sum().backward()\nq.grad[1]",
    "w = torch.zeros(3)\nw[1] = q.sum()\nw", "w = torch.zeros(3, 4)\nw[1:] = q[0, :2] * 2\nw.sum().backward()\nq.grad[0]",
    "torch.einsum('bij,bkj->bik', q, q).pow(2).sum().backward()\nq.grad[0]", "torch.einsum('bij->bj', q).pow(2).sum().backward()\nq.grad[1]",
    "torch.einsum('ij,ij->i', q[0], q[1]).sum().backward()\nq.grad[1]", "torch.einsum('bij,bij', q, q).backward()\nq.grad[0]",
    "F.embedding(torch.tensor([0, 2, 0]), q[0], padding_idx=0).sum().backward()\nq.grad[0]",
    "F.dropout(q, 0.5).sum().backward()\nq.grad[0]", "q.flatten().view(4, 6).t().contiguous().exp().sum().backward()\nq.grad[1]",
    "x = q.detach().clone()\nx.requires_grad_()\ny = x * 2\ny.sum().backward()\nx.grad[0]",
    "x = q * 1\nx[0, 0] = 0.0\nx.sum().backward()\nq.grad[0]",
])
MORE = group("autograd-backward", X, [
    "x.prod().backward()\nx.grad", "x.prod(1).sum().backward()\nx.grad", "(x * (x > 0)).prod(0).sum().backward()\nx.grad",
    "x.kthvalue(2, 1).values.sum().backward()\nx.grad", "x.median(1).values.sum().backward()\nx.grad", "x.median().backward()\nx.grad",
    "torch.zeros(3, 4).scatter(1, torch.tensor([[0], [1], [2]]), x[:, :1]).pow(2).sum().backward()\nx.grad",
    "x.scatter(1, torch.tensor([[0], [1], [2]]), 0.0).pow(2).sum().backward()\nx.grad",
    "torch.zeros(3, 4).scatter_add(1, torch.tensor([[0, 0], [1, 1], [2, 3]]), x[:, :2]).pow(2).sum().backward()\nx.grad",
    "torch.zeros(3, 4).index_add(0, torch.tensor([0, 0, 2]), x, alpha=2.0).pow(2).sum().backward()\nx.grad",
    "torch.dot(x[0], x[1]).backward()\nx.grad", "torch.mv(x, x[0]).sum().backward()\nx.grad", "torch.outer(x[0], x[1]).pow(2).sum().backward()\nx.grad",
    "torch.outer(x[0], x[1])", "F.huber_loss(x, torch.zeros(3, 4), delta=0.5).backward()\nx.grad",
    "F.cross_entropy(x, torch.tensor([0, 1, 2]), label_smoothing=0.1).backward()\nx.grad",
    "F.cross_entropy(x, torch.tensor([0, -100, 2]), label_smoothing=0.2, weight=torch.tensor([1., 2., 3., 4.])).backward()\nx.grad",
    "F.cross_entropy(x, torch.tensor([0, 1, 2]), label_smoothing=0.1)", "F.softmin(x, 1)[:, 0].sum().backward()\nx.grad",
])
EXTRA = group("autograd-backward", X, [
    "F.threshold(x, 0.1, 0.0).sum().backward()\nx.grad", "F.hardswish(x * 3).sum().backward()\nx.grad",
    "F.hardsigmoid(x * 3).sum().backward()\nx.grad", "F.softsign(x).sum().backward()\nx.grad",
    "torch.nan_to_num(x.log()).sum().backward()\nx.grad", "torch.trace(x[:, :3]).backward()\nx.grad",
    "torch.diag(x[:, :3]).pow(2).sum().backward()\nx.grad", "torch.diag(x[0]).pow(2).sum().backward()\nx.grad",
    "x.take(torch.tensor([0, 5, 5])).sum().backward()\nx.grad",
    "(2 + x).pow(2).sum().backward()\nx.grad", "t = 0\nt += x.sum()\nt += x.pow(2).sum()\nt.backward()\nx.grad",
    "(2.5 * x - 1).sum().backward()\nx.grad", "(1 - x * 2).sum().backward()\nx.grad",
    "torch.take_along_dim(x, torch.tensor([[0], [1], [3]]), 1).pow(2).sum().backward()\nx.grad",
])
CASES = GRADS + REPRS + ERRORS + OPTIM + COMPOSITES + MORE + EXTRA
