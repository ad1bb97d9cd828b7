# group_norm forward and gradients printed in full (tolist), judged bit for bit ("-bits"):
# the Welford row moments, the lane order of the per-channel sums, the group sums and the
# fused multiply-adds of PyTorch's CPU kernel. Groups of up to three channels (wider groups can
# still differ in the last bit of a few elements); with and
# without weight and bias. Recorded by record_cases.py.
import random

random.seed(21)
CASES = []
for index in range(24):
    batch, groups = random.choice([1, 2, 3]), random.choice([1, 2, 4])
    channels = groups * random.choice([1, 2, 3])
    shape = [batch, channels] + random.choice([[], [5], [3, 3], [8], [17], [2, 9]])
    affine = "w, b" if index % 3 else "None, None"
    setup = (f"torch.manual_seed({index})\nx = (torch.randn({shape}) * 2 + 1).requires_grad_()\n"
             f"w = torch.randn({channels}).requires_grad_()\nb = torch.randn({channels}).requires_grad_()\ng = torch.randn({shape})\n")
    body = (f"y = F.group_norm(x, {groups}, {affine.split(', ')[0]}, {affine.split(', ')[1]})\n(y * g).sum().backward()\n"
            "(y.tolist(), x.grad.tolist(), None if w.grad is None else w.grad.tolist(), None if b.grad is None else b.grad.tolist())")
    CASES.append(("group-norm-bits", setup + body))
