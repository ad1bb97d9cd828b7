# layer_norm's forward statistics and backward, bit for bit: each case prints tolist(), so
# the replay compares every float exactly. Rows of 1 to 2048 elements cover the kernels'
# sequential sums (< 8), eight-lane sums with fused tails, and several Welford chunks (> 128).
# Recorded with one thread, as record_cases.py always does.
CASES = []
for n, rows, affine in [(1, 2, True), (3, 3, False), (7, 2, True), (10, 4, False), (15, 1, False),
                        (17, 3, True), (33, 2, True), (100, 2, False), (136, 2, True), (257, 5, True),
                        (520, 2, False), (2048, 1, True)]:
    weights = f"w = torch.randn({n}, requires_grad=True)\nb = torch.randn({n}, requires_grad=True)\n" if affine else "w = b = None\n"
    grads = "print(w.grad.tolist())\nprint(b.grad.tolist())\n" if affine else ""
    CASES.append(("layer-norm-rounding",
        f"torch.manual_seed({n})\nx = (torch.randn({rows}, {n}) * 2 + 0.5).requires_grad_()\n" + weights +
        f"y = F.layer_norm(x, ({n},), w, b)\nprint(y.sum().item(), y.flatten()[:6].tolist())\n"
        "y.backward(torch.randn_like(y))\nprint(x.grad.flatten()[:40].tolist(), x.grad.sum().item())\n" + grads))
CASES.append(("layer-norm-rounding",
    "torch.manual_seed(0)\nx = torch.randn(4, 10, requires_grad=True)\n"
    "F.layer_norm(x, (10,)).pow(2).sum().backward()\nprint(x.grad.tolist())"))
CASES.append(("layer-norm-rounding",
    "import torch.nn as nn\ntorch.manual_seed(1)\nln = nn.LayerNorm([3, 5])\nx = torch.randn(2, 3, 5, requires_grad=True)\n"
    "ln(x).exp().sum().backward()\nprint(x.grad.flatten().tolist())\nprint(ln.weight.grad.flatten().tolist())"))
CASES.append(("layer-norm-rounding",
    "torch.set_num_threads(3)\nprint(torch.get_num_threads())\ntorch.set_num_threads(0)"))
CASES.append(("layer-norm-rounding", "torch.set_num_threads(2.0)"))
