# inplace=True activations on a tensor in the graph: PyTorch's in-place nodes (leaky ReLU
# and the ELU family read the result; the others a copy of the original input).
SETUP = "import torch.nn as nn\ntorch.manual_seed(0)\nx = torch.randn(2, 3, requires_grad=True)\nw = torch.arange(6.).view(2, 3)\n"
MODULES = ["nn.ReLU(inplace=True)", "nn.LeakyReLU(0.2, inplace=True)", "nn.ELU(inplace=True)", "nn.ELU(0.7, inplace=True)",
           "nn.CELU(0.5, inplace=True)", "nn.SELU(inplace=True)", "nn.Hardtanh(inplace=True)", "nn.ReLU6(inplace=True)",
           "nn.SiLU(inplace=True)", "nn.Mish(inplace=True)", "nn.Hardswish(inplace=True)", "nn.Hardsigmoid(inplace=True)",
           "nn.Threshold(0.1, 20, inplace=True)", "nn.Dropout(0.0, inplace=True)"]
CASES = [("autograd-backward", SETUP + "y = x * 2\nz = %s(y)\n(z * w).sum().backward()\n(z.grad_fn, y is z, x.grad)" % m) for m in MODULES]
CASES += [("autograd-backward", SETUP + source) for source in [
    "y = x * 3\nF.leaky_relu(y, 0.1, inplace=True)\nF.elu_(x * 1) if False else None\ny.sum().backward()\n(y.grad_fn, x.grad)",
    "y = F.leaky_relu(x * 1, -0.5, inplace=True)\ny.sum().backward()",
    "y = F.elu(x * 4, inplace=True)\nz = F.leaky_relu(y, 0.3, inplace=True)\n(z * w).sum().backward()\n(z.grad_fn, x.grad)",
    "y = torch.relu_(x * 2)\n(y * w).sum().backward()\n(y.grad_fn, x.grad)",
    "y = (x * 2).double()\nz = F.selu(y, inplace=True)\n(z * w.double()).sum().backward()\n(z.grad_fn, x.grad)",
    "y = F.threshold(x * 2, 0.5, -1.0, inplace=True)\n(y * w).sum().backward()\n(y.grad_fn, x.grad)",
]]
