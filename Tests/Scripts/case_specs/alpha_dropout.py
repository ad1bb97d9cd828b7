# The alpha dropout family: F.alpha_dropout / F.feature_alpha_dropout (training defaults to
# False, p checked in Python), the ATen functions torch.alpha_dropout / feature_alpha_dropout /
# feature_dropout and their _ forms, nn.AlphaDropout / nn.FeatureAlphaDropout. Every random
# case is seeded: the draws (bernoulli_(1 - p) on input-shaped or [N, C, 1, ...] noise), the
# grad_fn chain (AddBackward0 over MulBackward0), gradients, shortcuts and errors.
SEED = "torch.manual_seed(0)\n"
NN = "import torch.nn as nn\n"

VALUES = [
    "x = torch.randn(3, 4, requires_grad=True)\ny = F.alpha_dropout(x, 0.5, True)\ny.sum().backward()\n"
    "print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name(), y.grad_fn.next_functions[1][0])\n(y, x.grad)",
    "x = torch.randn(2, 3, 2, 2, requires_grad=True)\ny = F.feature_alpha_dropout(x, 0.3, True)\n(y * torch.arange(24.).view(2, 3, 2, 2)).sum().backward()\n"
    "print(y.grad_fn.name())\n(y, x.grad)",
    "x = torch.randn(2, 3, 4, requires_grad=True)\ny = torch.feature_dropout(x, 0.4, True)\ny.sum().backward()\nprint(y.grad_fn.name())\n(y, x.grad)",
    "x = torch.randn(4, 3, requires_grad=True)\ny = torch.feature_alpha_dropout(x, 0.5, True)\ny.pow(2).sum().backward()\n(y, x.grad)",
    "(F.alpha_dropout(torch.randn(2, 3).half(), 0.4, True), F.alpha_dropout(torch.randn(2, 3).bfloat16(), 0.4, True), "
    "F.alpha_dropout(torch.randn(2, 3).double(), 0.4, True), F.feature_alpha_dropout(torch.randn(2, 3, 2).half(), 0.6, True))",
    "x = torch.randn(3, 4).t()\n(F.alpha_dropout(x, 0.3, True), torch.alpha_dropout(x.t(), 0.7, True), torch.feature_dropout(x, 0.5, True))",
    "x = torch.randn(2, 5)\nprint(torch.alpha_dropout(x, 0.2, True))\nprint(torch.alpha_dropout(x, 0.9, True))\n"
    "(F.alpha_dropout(x, p=0.1, training=True), F.alpha_dropout(input=x, p=0.5, training=True), torch.alpha_dropout(input=x, p=0.5, train=True))",
    "x = torch.randn(3)\n(F.alpha_dropout(x) is x, F.feature_alpha_dropout(x, 0.9) is x, torch.alpha_dropout(x, 0.3, False) is x, "
    "F.alpha_dropout(x, 0.0, True) is x, torch.feature_dropout(x, 0.5, False) is x, F.alpha_dropout(x, -0.0, True) is x)",
    "x = torch.randn(2, 3, requires_grad=True)\ny = F.alpha_dropout(x, 1.0, True)\nprint(y.grad_fn.name())\n"
    "(y, torch.feature_alpha_dropout(torch.randn(3), 1.0, True), torch.feature_dropout(torch.randn(3), 1.0, True), "
    "F.alpha_dropout(torch.arange(4), 1.0, True), F.alpha_dropout(x, True, True))",
    "(F.alpha_dropout(torch.zeros(0, 3), 0.5, True), torch.feature_alpha_dropout(torch.randn(0), 0.5, True), F.feature_alpha_dropout(torch.zeros(2, 0, 3), 0.5, True))",
    "F.dropout2d(torch.randn(3), 1.0)",
]

IN_PLACE = [
    "x = torch.randn(2, 3, requires_grad=True)\ny = x * 1\nz = torch.alpha_dropout_(y, 0.5, True)\ny.sum().backward()\n"
    "print(z is y, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())\n(y, x.grad)",
    "x = torch.randn(2, 3, 2, requires_grad=True)\ny = x * 1\nz = F.feature_alpha_dropout(y, 0.5, True, True)\ny.sum().backward()\n"
    "print(z is y, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())\n(y, x.grad)",
    "x = torch.randn(2, 3, requires_grad=True)\ny = x * 1\ntorch.feature_dropout_(y, 0.5, True)\nprint(y.grad_fn.name())\n"
    "w = x * 1\ntorch.alpha_dropout_(w, 1.0, True)\nprint(w.grad_fn.name())\n(y, w)",
    "x = torch.randn(2, 3, requires_grad=True)\ny = x * 1\nv = y[0]\nF.alpha_dropout(v, 0.5, True, True)\ny.sum().backward()\n"
    "print(y.grad_fn.name(), v.grad_fn.name())\n(y, x.grad)",
    "x = torch.randn(2, 3, requires_grad=True)\n(torch.alpha_dropout_(x, 0.5, False) is x, F.alpha_dropout(x, 0.5, False, True) is x, torch.feature_alpha_dropout_(x, 0.0, True) is x)",
    "x = torch.randn(4)\nz = F.alpha_dropout(x, 0.5, training=True, inplace=True)\n(z is x, x)",
]

ERRORS = [
    "F.alpha_dropout(torch.randn(3), 1.5, True)",
    "F.alpha_dropout(torch.randn(3), 2)",
    "F.feature_alpha_dropout(torch.randn(3, 2), -0.5)",
    "F.alpha_dropout(torch.randn(3), float('nan'), True)",
    "F.feature_alpha_dropout(torch.randn(3, 2), float('nan'))",
    "F.dropout(torch.randn(3), float('nan'), False)",
    "F.dropout2d(torch.randn(2, 3, 4), float('nan'), False)",
    "torch.alpha_dropout(torch.randn(3), 1.5, True)",
    "torch.alpha_dropout(torch.randn(3), -1, True)",
    "torch.feature_dropout(torch.randn(3, 2), 1.00000001, False)",
    "F.feature_alpha_dropout(torch.randn(3), 0.5, True)",
    "torch.feature_dropout(torch.randn(()), 0.5, True)",
    "torch.feature_alpha_dropout_(torch.randn(4), 0.5, True)",
    "torch.alpha_dropout(torch.randn(3))",
    "torch.alpha_dropout(torch.randn(3), 0.5)",
    "torch.alpha_dropout(torch.randn(3), 0.5, True, 3)",
    "torch.alpha_dropout(torch.randn(3), 'a', True)",
    "torch.alpha_dropout(torch.randn(3), 0.5, 'a')",
    "F.alpha_dropout(torch.randn(3), 0.5, None)",
    "F.alpha_dropout(torch.randn(3), 'a', True)",
    "F.alpha_dropout()",
    "F.alpha_dropout([1.0, 2.0], 0.5, True)",
    "F.alpha_dropout(torch.arange(4), 0.5, True)",
    "F.alpha_dropout(torch.tensor([True, False]), 0.5, True)",
    "F.alpha_dropout(torch.randn(3, requires_grad=True), 0.5, True, True)",
    "torch.alpha_dropout_(torch.randn(3, requires_grad=True), 0.5, True)",
]

MODULES = [
    NN + "print(nn.AlphaDropout(), nn.FeatureAlphaDropout(0.2, True), nn.AlphaDropout(1), nn.AlphaDropout(p=0), nn.AlphaDropout(p=True))\n"
    "print(nn.Sequential(nn.Linear(2, 2), nn.SELU(), nn.AlphaDropout(0.1), nn.FeatureAlphaDropout()))\n"
    "m = nn.AlphaDropout(0.25)\n(m.p, m.inplace, m.training, nn.FeatureAlphaDropout(0.5, True).inplace)",
    NN + "m = nn.AlphaDropout(0.3)\nx = torch.randn(2, 4, requires_grad=True)\ny = m(x)\ny.sum().backward()\nprint(y.grad_fn.name())\n"
    "m.eval()\nprint(m(x) is x, m.training)\nm.train()\n(y, x.grad, m(x))",
    NN + "m = nn.FeatureAlphaDropout(0.5)\nx = torch.randn(2, 3, 2, 2)\nprint(m(x))\nm.eval()\n(m(x) is x, m(torch.randn(3)).shape)",
    NN + "m = nn.AlphaDropout(0.5, inplace=True)\nx = torch.randn(5)\ny = m(x)\n(y is x, y)",
    NN + "m = nn.AlphaDropout(float('nan'))\nprint(m)\nm(torch.randn(3))",
    NN + "nn.AlphaDropout(2)",
    NN + "nn.FeatureAlphaDropout(-0.5)",
    NN + "nn.AlphaDropout('a')",
    NN + "nn.AlphaDropout(q=3)",
    NN + "nn.FeatureAlphaDropout(2).eval()",
]

# The plain dropout layers share _DropoutNd.__init__: p and inplace shown as given, inplace
# honoured in forward, NaN accepted until forward's ATen check.
PLAIN_MODULES = [
    NN + "print(nn.Dropout(1), nn.Dropout(0.1, inplace=True), nn.Dropout2d(1), nn.Dropout1d(p=0, inplace=True), nn.Dropout3d(0.25))\n"
    "(nn.Dropout(0.3).p, nn.Dropout(0.3, True).inplace, nn.Dropout2d(0.2, True).inplace)",
    NN + "m = nn.Dropout(0.5, inplace=True)\nx = torch.ones(4)\ny = m(x)\n(y is x, x)",
    NN + "m = nn.Dropout2d(0.5, inplace=True)\nx = torch.ones(2, 3, 4, 2)\ny = m(x)\n(y is x, x)",
    NN + "m = nn.Dropout(float('nan'))\nprint(m)\nm.eval()\nm(torch.ones(2))",
    NN + "nn.Dropout('a')",
    NN + "nn.Dropout2d(1.5)",
]

CASES = ([("alpha-dropout", SEED + source) for source in VALUES + IN_PLACE]
         + [("alpha-dropout-errors", SEED + source) for source in ERRORS]
         + [("alpha-dropout-modules", SEED + source) for source in MODULES + PLAIN_MODULES])
