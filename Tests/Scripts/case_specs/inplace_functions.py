# The in-place function forms: `torch.exp_(x)`, `F.elu_(x)`, `torch.selu_(x)`. Each writes into
# its first argument and returns it, as `x.exp_()` does; autograd records the in-place node.
SETUP = "torch.manual_seed(0)\nx = torch.randn(2, 3)\n"
GRAD = "torch.manual_seed(0)\nleaf = torch.randn(2, 3, requires_grad=True)\nw = torch.arange(6.).view(2, 3)\n"
UNARY = ["abs_", "neg_", "negative_", "exp_", "exp2_", "expm1_", "log_", "log2_", "log10_", "log1p_", "sqrt_", "rsqrt_",
         "sin_", "cos_", "tan_", "asin_", "arcsin_", "acos_", "atan_", "arctan_", "sinh_", "cosh_", "asinh_", "atanh_",
         "tanh_", "sigmoid_", "relu_", "floor_", "ceil_", "trunc_", "fix_", "frac_", "round_", "erf_", "erfc_",
         "reciprocal_", "square_", "sinc_", "deg2rad_", "rad2deg_", "nan_to_num_", "logit_", "selu_", "celu_"]
CASES = [("inplace-function", SETUP + "y = torch.%s(x)\n(y is x, x)" % name) for name in UNARY]
CASES += [("inplace-function", SETUP + source) for source in [
    "y = torch.clamp_(x, -0.5, 0.5)\n(y is x, x)",
    "torch.clamp_min_(x, 0.1)\nx",
    "torch.clamp_max_(x, 0.1)\nx",
    "torch.clip_(x, max=0.2)\nx",
    "torch.threshold_(x, 0.1, 20.0)\nx",
    "torch.celu_(x, 0.5)\nx",
    "torch.xlogy_(x.abs_(), 2.0)\nx",
    "torch.fill_(x, 2.5)\nx",
    "torch.zero_(x)\nx",
    "torch.nan_to_num_(x.log_(), nan=7.0, neginf=-3.0)\nx",
    "torch.logit_(x.sigmoid_(), eps=0.2)\nx",
    "y = torch.round_(x * 10, decimals=1)\ny",
    "F.relu_(x)\nx",
    "y = F.elu_(x, 0.5)\n(y is x, x)",
    "F.leaky_relu_(x, 0.2)\nx",
    "F.hardtanh_(x, -0.3, 0.3)\nx",
    "F.threshold_(x, 0.0, -1.0)\nx",
    "F.selu_(x)\nx",
    "F.celu_(x, 2.0)\nx",
    "torch.selu(x)",
    "torch.celu(x, alpha=0.5)",
]]
CASES += [("inplace-function-error", SETUP + source) for source in [
    "torch.exp_(torch.arange(3))",
    "torch.exp_(3.0)",
    "torch.sigmoid_()",
    "F.relu_(torch.arange(3) > 1)",
]]
CASES += [("autograd-backward", GRAD + source) for source in [
    "y = leaf * 2\ntorch.exp_(y)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = leaf * 2\nF.elu_(y, 0.5)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = leaf * 2\nF.leaky_relu_(y, 0.2)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = leaf * 2\ntorch.selu_(y)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = leaf * 0.3\nF.hardtanh_(y, -0.2, 0.2)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = leaf * 2\ntorch.sigmoid_(y)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "torch.tanh_(leaf)",
]]
CASES += [("inplace-function", SETUP + source) for source in [
    "y = torch.arange(4)\ntorch.nan_to_num_(y)\ny",
    "torch.deg2rad(torch.arange(3))",
    "torch.logit(torch.tensor([0, 1]))",
    "torch.clamp_min(x, torch.zeros(3))",
    "x.clamp_min_(0.0).clamp_max_(0.5)\nx",
]]
CASES += [("inplace-function-error", SETUP + source) for source in [
    "torch.arange(3).logit_()",
    "torch.arange(3).deg2rad_()",
]]
CASES += [("autograd-backward", GRAD + source) for source in [
    "y = torch.deg2rad(leaf)\nz = torch.rad2deg(leaf)\nassert z.grad_fn.name() == 'Rad2DegBackward0'\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = torch.nan_to_num(leaf.log())\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = torch.logit(leaf.sigmoid(), eps=0.3)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
    "y = leaf * 2\ntorch.clamp_min_(y, 0.5)\n(y * w).sum().backward()\n(y.grad_fn, leaf.grad)",
]]
