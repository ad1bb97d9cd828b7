# torch.special, torch.distributions.Categorical and Tensor.unfold: values, gradients,
# PyTorch's exact multinomial draws after manual_seed, and the errors PyTorch raises.
# Recorded with real PyTorch by record_cases.py.
C = "from torch.distributions import Categorical\n"
P = C + "torch.manual_seed(0)\nc = Categorical(probs=torch.tensor([0.2, 0.3, 0.5]))\n"
L = C + "torch.manual_seed(1)\nd = Categorical(logits=torch.randn(3, 5))\n"
E = "e = torch.tensor([0.0, 0.5, 1.0, -1.0, float('nan'), 2.0], requires_grad=True)\n"
U = "torch.manual_seed(2)\nw = torch.randn(2, 3, 8, requires_grad=True)\n"


def group(category, setup, bodies):
    return [(category, setup + body) for body in bodies]


SPECIAL = group("special", E, [
    "torch.special.entr(e)", "torch.special.entr(e).sum().backward()\ne.grad", "torch.special.entr(torch.tensor([0, 1, 3]))",
    "torch.special.expit(torch.tensor([-2.0, 0.0, 3.0]))", "torch.special.expit(torch.tensor([0, 1]))",
    "torch.special.erf(torch.tensor([0.1, -1.0, 2.0]))", "torch.special.logit(torch.tensor([0.1, 0.5, 0.9]))",
    "torch.special.logit(torch.tensor([0.0, 0.3, 1.0]), eps=0.25)", "torch.special.softmax(torch.tensor([[1.0, 2.0], [0.0, 5.0]]), 1)",
    "torch.special.log_softmax(torch.tensor([1, 2.0]), dim=0, dtype=torch.float64)",
    "torch.special.softmax(e.detach()[:3], dim=0).sum().item()", "torch.special.softmax(torch.tensor([1.0]))",
    "import torch.special\ntorch.special.entr(torch.tensor(0.25))",
])
CATEGORICAL = group("distributions", P, [
    "c", "c.probs", "c.logits", "c.logits\nrepr(c)", "c.entropy()", "c.log_prob(torch.tensor([0, 2, 1]))", "c.sample()",
    "c.sample((2, 3))", "c.sample(torch.Size([4]))", "[c.sample().item() for _ in range(6)]", "c.batch_shape", "c.event_shape",
    "c.param_shape", "c.mode", "c.log_prob(torch.tensor([3]))", "Categorical()",
    "Categorical(probs=torch.tensor([0.5, 0.5]), logits=torch.tensor([0.0, 0.0]))", "Categorical(probs=torch.tensor(0.5))",
    "Categorical(probs=torch.tensor([-0.5, 0.5]))", "Categorical(torch.tensor([1.0, 1.0, 2.0])).probs",
]) + group("distributions", L, [
    "d.probs", "d.entropy()", "d.sample()", "d.sample((5,))", "d.log_prob(torch.tensor([0, 4, 2]))", "d.log_prob(torch.tensor(1))",
    "d.probs\nd", "Categorical(logits=torch.tensor([[0.0, 0.0, float('-inf')]])).entropy()",
    "x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nh = Categorical(logits=x).entropy()\nh.backward()\n(h, x.grad)",
    "p = torch.tensor([0.1, 0.6, 0.3], requires_grad=True)\nCategorical(probs=p).log_prob(torch.tensor(1)).backward()\np.grad",
])
UNFOLD = group("unfold", U, [
    "torch.arange(10).unfold(0, 3, 3)", "torch.arange(10).unfold(0, 4, 2)", "torch.arange(10).unfold(-1, 10, 1).shape",
    "torch.arange(10).unfold(0, 0, 1).shape", "torch.tensor(3.0).unfold(0, 1, 1)", "w.unfold(2, 3, 2).shape",
    "w.unfold(2, 3, 2).stride()", "w.unfold(1, 2, 1)", "w.unfold(2, 3, 2).is_contiguous()",
    "v = w.unfold(2, 3, 2)\n(v * torch.arange(v.numel()).view(v.shape)).sum().backward()\nw.grad",
    "w.unfold(0, 1, 1).exp().sum().backward()\nw.grad", "torch.arange(12.).view(3, 4).t().unfold(0, 2, 2)",
    "torch.arange(10).unfold(0, 5, 0)", "torch.arange(10).unfold(0, 11, 1)", "torch.arange(10).unfold(1, 2, 1)",
    "torch.arange(10).unfold(0, -1, 1)", "torch.tensor(3.0).unfold(0, 2, 1)",
])
CASES = SPECIAL + CATEGORICAL + UNFOLD
