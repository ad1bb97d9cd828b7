# batch_norm forward, running statistics and gradients printed in full (tolist), judged bit
# for bit ("-bits"): PyTorch's CPU kernel takes one path for [N, C] (float sums down the rows,
# fused squares) and another for [N, C, *] (double sums, lane-ordered backward sums), and
# rounds the running-statistics update and the evaluation-mode invstd its own way.
# Recorded by record_cases.py.
import random

random.seed(34)
CASES = []
for index in range(40):
    batch, channels = random.choice([1, 2, 3, 4, 8, 16, 33]), random.choice([1, 2, 3, 5])
    if batch == 1:
        tail = random.choice([[5], [3, 3], [17], [2, 9]])
    else:
        tail = random.choice([[], [], [5], [3, 3], [8], [17], [2, 9], [16], [2, 2, 3]])
    shape = [batch, channels] + tail
    affine = index % 3 != 0
    training = index % 4 != 3
    momentum = random.choice(["0.1", "0.3", "None"])
    eps = random.choice(["1e-5", "1e-3", "0.1"])
    setup = (f"torch.manual_seed({index})\nx = (torch.randn({shape}) * 3 + 1).requires_grad_()\n"
             f"w = torch.randn({channels}).requires_grad_()\nb = torch.randn({channels}).requires_grad_()\n"
             f"rm = torch.randn({channels})\nrv = torch.rand({channels}) * 2 + 0.05\ng = torch.randn({shape})\n")
    weights = "w, b" if affine else "None, None"
    body = (f"y = F.batch_norm(x, rm, rv, {weights}, training={training}, momentum={momentum if momentum != 'None' else '0.1'}, eps={eps})\n"
            "(y * g).sum().backward()\n"
            "(y.tolist(), rm.tolist(), rv.tolist(), x.grad.tolist(), None if w.grad is None else w.grad.tolist(), "
            "None if b.grad is None else b.grad.tolist())")
    CASES.append(("batch-norm-bits", setup + body))

# The modules: BatchNorm1d/2d/3d in training then evaluation, with a cumulative average
# (momentum=None) and without running statistics.
for index, (module, shape, options) in enumerate([
        ("BatchNorm1d(4)", [6, 4], ""), ("BatchNorm1d(3)", [5, 3, 7], ""), ("BatchNorm2d(3)", [2, 3, 4, 5], ""),
        ("BatchNorm2d(2, momentum=None)", [3, 2, 3, 3], ""), ("BatchNorm3d(2)", [2, 2, 2, 3, 2], ""),
        ("BatchNorm1d(5, affine=False)", [9, 5], ""), ("BatchNorm2d(2, track_running_stats=False)", [2, 2, 5, 5], ""),
        ("BatchNorm1d(3, eps=0.01, momentum=0.5)", [4, 3, 10], "")]):
    setup = (f"import torch.nn as nn\ntorch.manual_seed({100 + index})\nm = nn.{module}\nx = (torch.randn({shape}) * 2 - 1).requires_grad_()\n"
             f"for _ in range(2):\n    y = m(x)\n    (y * y).sum().backward()\n")
    body = ("_ = m.eval()\nz = m(x)\n"
            "(y.tolist(), z.tolist(), x.grad.tolist(), [p.grad.tolist() for p in m.parameters()], "
            "[t.tolist() for t in m.buffers()])")
    CASES.append(("batch-norm-bits", setup + body))
