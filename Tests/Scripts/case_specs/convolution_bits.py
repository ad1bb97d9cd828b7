# Convolution outputs and gradients printed in full (tolist), judged bit for bit
# ("-bits"). PyTorch runs a CPU convolution on oneDNN (one fused running sum per output
# and per weight, over every sample and position) unless `use_mkldnn` sends it to its own
# im2col + gemm (a 1x1 unstrided kernel on fewer than 16 samples, or one small ungrouped
# sample), which adds one product per sample. Not printed: the outputs of the im2col path,
# whose tiny gemms round as the machine's BLAS does, and grouped convolutions, whose oneDNN
# kernels sum in orders not reproduced yet. Recorded by record_cases.py.
CASES = []
CONFIGS = [
    ("conv2d", (2, 1, 6, 6), (2, 1, 3, 3), ""), ("conv2d", (3, 2, 5, 5), (3, 2, 3, 3), ""),
    ("conv2d", (2, 3, 10, 10), (5, 3, 3, 3), ", dilation=2"), ("conv2d", (2, 3, 32, 32), (8, 3, 4, 4), ", stride=4"),
    ("conv2d", (2, 16, 12, 12), (16, 16, 1, 1), ""),
    ("conv2d", (4, 3, 6, 5), (2, 3, 3, 2), ", padding=1"), ("conv1d", (2, 3, 10), (4, 3, 3), ""),
    ("conv1d", (4, 8, 50), (8, 8, 5), ", padding=2"),
]
for index, (function, input_shape, weight_shape, options) in enumerate(CONFIGS):
    source = (f"torch.manual_seed({index})\nx = torch.randn({list(input_shape)}).requires_grad_()\n"
              f"w = torch.randn({list(weight_shape)}).requires_grad_()\nb = torch.randn({weight_shape[0]}).requires_grad_()\n"
              f"y = F.{function}(x, w, b{options})\ny.backward(torch.randn(y.shape))\n"
              "(y.tolist(), x.grad.tolist(), w.grad.tolist(), b.grad.tolist())")
    CASES.append(("convolution-bits", source))

# Transposed convolutions: oneDNN's forward is the backward-data kernel.
for index, (input_shape, weight_shape, options) in enumerate([
        ((2, 3, 5, 5), (3, 2, 3, 3), ""), ((2, 4, 4, 4), (4, 3, 3, 3), ", stride=2, padding=1"),
        ((3, 2, 6), (2, 4, 3), "")]):
    function = "conv_transpose1d" if len(input_shape) == 3 else "conv_transpose2d"
    source = (f"torch.manual_seed({50 + index})\nx = torch.randn({list(input_shape)})\n"
              f"w = torch.randn({list(weight_shape)})\n(F.{function}(x, w{options})).tolist()")
    CASES.append(("convolution-bits", source))
