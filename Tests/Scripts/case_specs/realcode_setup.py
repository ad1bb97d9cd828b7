# Calls from class-incremental code (PODNet's spatial distillation, model set-up) that
# TensorTutor lacked: torch.frobenius_norm, with its deprecation warning, values,
# gradients (NormBackward1) and errors. Recorded by record_cases.py.
X = "x = torch.arange(6.).view(2, 3)\n"
G = "y = torch.arange(6.).view(2, 3).requires_grad_()\n"
# PyTorch warns once per process and the recorder runs every case in one process, so
# only the first case shows the warning; the others filter it out on both sides.
QUIET = "import warnings\nwarnings.filterwarnings('ignore', message='at::frobenius_norm')\n"
CASES = [
    ("frobenius", X + "torch.frobenius_norm(x, dim=(0, 1))"),
    ("frobenius", QUIET + X + "torch.frobenius_norm(x, 1, True)"),
    ("frobenius", QUIET + X + "torch.frobenius_norm(x, dim=-1)"),
    ("frobenius", QUIET + X + "torch.frobenius_norm(x.double(), dim=[0])"),
    ("frobenius", QUIET + "torch.frobenius_norm(torch.randn(2, 4, 3, 3), dim=(2, 3), keepdim=True).shape"),
    ("frobenius", QUIET + G + "torch.frobenius_norm(y, dim=1)"),
    ("frobenius", QUIET + G + "torch.frobenius_norm(y, dim=1).sum().backward()\ny.grad"),
    ("frobenius", QUIET + G + "torch.frobenius_norm(y, dim=(0, 1)).backward()\ny.grad"),
    ("frobenius", QUIET + X + "torch.frobenius_norm(x)"),
    ("frobenius", QUIET + "torch.frobenius_norm(torch.ones(2, 2, 2), dim=(0, 1, 2))"),
    ("frobenius", QUIET + "torch.frobenius_norm(torch.tensor([1, 2]), dim=0)"),
    ("frobenius", QUIET + X + "torch.frobenius_norm(x, dim=2)"),
    ("frobenius", QUIET + X + "a = torch.frobenius_norm(x, dim=0)\nb = torch.frobenius_norm(x, dim=1)\n(a, b)"),
]
