# nn.Embedding / F.embedding options PyTorch honours: max_norm renormalises the looked-up rows
# of the table in place (sorted, each once, maxNorm / (norm + 1e-7)), scale_grad_by_freq divides
# each gradient contribution by its index's count, padding_idx bounds; from_pretrained for
# Embedding and EmbeddingBag (frozen by default, a new Parameter over the same storage).
W = "w = torch.tensor([[1., 2.], [3., 4.], [5., 6.]])\n"
CASES = [("autograd", "import torch.nn as nn\n" + source) for source in [
    W + "e = nn.Embedding.from_pretrained(w)\n(e, e.weight, e.weight.requires_grad, w.requires_grad)",
    W + "e = nn.Embedding.from_pretrained(w, freeze=False, padding_idx=1)\nout = e(torch.tensor([1, 2])).sum()\nout.backward()\n(e, e(torch.tensor([0, 1])), e.weight.grad)",
    "nn.Embedding.from_pretrained(torch.ones(3))",
    W + "b = nn.EmbeddingBag.from_pretrained(w, mode='sum')\n(b, b.weight.requires_grad, b(torch.tensor([[0, 1]])))",
    W + "(nn.Embedding.from_pretrained(w, max_norm=1.0), nn.Embedding(3, 2, max_norm=2, norm_type=1.0, scale_grad_by_freq=True))",
    "torch.manual_seed(0)\nm = nn.Embedding(5, 3, max_norm=1.0)\nbefore = m.weight.norm(dim=1)\ny = m(torch.tensor([[0, 2], [2, 4]]))\ny.pow(2).sum().backward()\n(before, y, m.weight.norm(dim=1), m.weight.grad, m.max_norm, m.norm_type)",
    "wt = torch.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True)\ny = F.embedding(torch.tensor([0, 0, 2, 0]), wt, scale_grad_by_freq=True)\n(y * torch.arange(8.).view(4, 2)).sum().backward()\nwt.grad",
    "w2 = torch.tensor([[3., 4.], [1., 0.], [0.3, 0.4]], requires_grad=True)\ny = F.embedding(torch.tensor([0, 2]), w2, max_norm=1.0)\n(y, w2)",
    "F.embedding(torch.tensor([0]), torch.ones(3, 2), padding_idx=3)",
    "F.embedding(torch.tensor([0]), torch.ones(3, 2), padding_idx=-1)",
    "F.embedding(torch.tensor([7]), torch.ones(3, 2), max_norm=1.0)",
    "torch.manual_seed(1)\nbag = nn.EmbeddingBag(4, 3, max_norm=0.5, mode='max')\n(bag(torch.tensor([[0, 1], [2, 3]])), bag.weight.norm(dim=1), bag)",
    "F.embedding_bag(torch.tensor([0, 1, 2]), torch.arange(6.).view(3, 2), torch.tensor([0, 2]), max_norm=1.5, norm_type=1)",
    "x = torch.arange(6.).view(3, 2)\nm = nn.Embedding(3, 2, _weight=x)\nm3 = nn.Embedding(3, 2, _freeze=True)\n(m.weight.requires_grad, x.requires_grad, m3.weight.requires_grad)",
    W + "import copy\nc = copy.deepcopy(nn.Embedding.from_pretrained(w, max_norm=1.0))\n(c, c.weight.requires_grad)",
    "torch.manual_seed(0)\nw = torch.randn(6, 4, requires_grad=True)\nh = w * 2\ny = F.embedding(torch.tensor([1, 3]), w, max_norm=0.5)\nh.sum().backward()\n(y, w.grad)",
]]
