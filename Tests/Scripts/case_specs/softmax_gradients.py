# Gradients through softmax, log_softmax and the classification losses, printed in full
# (tolist) so that every float must match PyTorch's CPU kernels to the last bit: the lane
# order of the row sums, the fused multiply-adds, SLEEF's log of the row sum, and the
# cascade sums of nll_loss. Shapes cover rows shorter and longer than a vector, other
# dims than the last, and spatial (K-dim) losses. Categories ending in "-bits" are judged
# bit for bit by the replay. Recorded by record_cases.py.
import random

random.seed(15)
SHAPES = [[5], [13], [3, 8], [2, 17], [4, 33], [17, 2], [3, 5, 7], [2, 9, 16], [6, 4, 3, 2], [1, 40]]
CASES = []
for index, shape in enumerate(SHAPES):
    for dim in sorted({0, len(shape) - 1, len(shape) // 2}):
        scale = random.choice([1.0, 3.0, 10.0])
        setup = f"torch.manual_seed({index})\nx = (torch.randn({shape}) * {scale}).requires_grad_()\nw = torch.randn({shape})\n"
        for op in ["F.softmax", "F.log_softmax"]:
            CASES.append(("softmax-gradient-bits", setup + f"y = {op}(x, dim={dim})\n(y * w).sum().backward()\n(y.tolist(), x.grad.tolist())"))

LOSSES = [
    "F.cross_entropy(x, t)", "F.cross_entropy(x, t, reduction='sum')", "F.cross_entropy(x, t, label_smoothing=0.1)",
    "F.nll_loss(x.log_softmax(1), t, weight=wt)", "F.nll_loss(x.log_softmax(1), t, ignore_index=1)",
    "F.nll_loss(x.log_softmax(1), t, reduction='none').sum()", "F.cross_entropy(x, p)", "F.cross_entropy(x, p, label_smoothing=0.2)",
    "F.cross_entropy(x, p, weight=wt, reduction='none').sum()", "F.kl_div(x.log_softmax(1), p, reduction='batchmean')",
    "F.kl_div(x.log_softmax(1), p, reduction='sum')",
]
for index, (batch, classes, extra) in enumerate([(7, 3, []), (4, 10, []), (20, 5, []), (3, 4, [3]), (2, 5, [2, 2]), (1, 8, [3])]):
    shape, target = [batch, classes] + extra, [batch] + extra
    setup = (f"torch.manual_seed({40 + index})\nx = (torch.randn({shape}) * 3).requires_grad_()\n"
             f"t = torch.randint(0, {classes}, {target})\np = torch.softmax(torch.randn({shape}), 1)\nwt = torch.rand({classes})\n")
    for loss in LOSSES:
        CASES.append(("loss-gradient-bits", setup + f"loss = {loss}\nloss.backward()\n(loss.item(), x.grad.tolist(), loss.grad_fn.name())"))
