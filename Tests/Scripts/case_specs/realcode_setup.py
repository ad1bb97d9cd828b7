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

# reshape's three outcomes and their nodes: a view of a contiguous input (ViewBackward0),
# an alias of a strided one whose strides allow it (ReshapeAliasBackward0), a copy
# (UnsafeViewBackward0); flatten follows reshape.
W = "w = torch.arange(24.).view(2, 3, 4).requires_grad_()\n"
CASES += [("reshape-node", W + source) for source in [
    "w.permute(2, 0, 1).reshape(4, 6)", "w.reshape(6, 4)", "w.transpose(0, 1).reshape(3, 8)", "w[:, :2].reshape(2, 8)",
    "w[:, :, :2].reshape(2, 3, 2)", "w.expand(2, 2, 3, 4)[0].reshape(2, 12)", "w.permute(2, 0, 1).flatten(1)",
    "w[:, :1].reshape(2, 4)", "w.permute(2, 0, 1).reshape(4, 6).sum().backward()\nw.grad",
]]

# einops, as Video Swin, ViT and attention code call it: rearrange, repeat and reduce with
# groups, ellipses and unit axes; values, views and grad_fn names of einops' torch backend.
EIN = "from einops import rearrange, repeat, reduce\nx = torch.arange(24.).view(2, 3, 4)\n"
CASES += [("einops", EIN + source) for source in [
    "rearrange(x, 'b c n -> b n c')", "rearrange(x, 'b (h w) n -> b h w n', h=3)", "rearrange(x, 'b c n -> (b c) n')",
    "rearrange(x, 'b ... n -> b n ...').shape", "rearrange(x, 'b c n -> b c n 1').shape", "rearrange(x, 'b c n -> b 1 c n').shape",
    "rearrange(x, 'b c n -> n (b c)')", "rearrange(x, 'b c n -> b n c').is_contiguous()",
    "repeat(x, 'b c n -> b r c n', r=2).shape", "repeat(x[0, 0], 'n -> b n', b=3)", "repeat(x, 'b c n -> b (c r) n', r=2)",
    "reduce(x, 'b c n -> b n', 'mean')", "reduce(x, 'b c n -> b', 'max')", "reduce(x, 'b (c k) n -> b n', 'sum', k=3)",
    "reduce(x, 'b c n -> b n', 'min')", "reduce(x, 'b c n -> c', 'prod')",
    "rearrange([torch.ones(2), torch.zeros(2)], 'l n -> n l')",
    "rearrange(torch.randn(1, 3, 2, 4, 4), 'n c d h w -> n d h w c').shape",
    "w = x.clone().requires_grad_()\n(rearrange(w, 'b c n -> b n c').grad_fn.name(), rearrange(w, 'b c n -> (b c) n').grad_fn.name(), "
    + "rearrange(w, 'b c n -> n (b c)').grad_fn.name(), repeat(w, 'b c n -> b c n r', r=2).grad_fn.name(), "
    + "reduce(w, 'b c n -> b n', 'mean').grad_fn.name())",
    "w = x.clone().requires_grad_()\nrepeat(w, 'b c n -> b (c r) n', r=2).sum().backward()\nw.grad",
    "rearrange(x, 'b c -> c b')", "rearrange(x, 'b (h w) n -> b h w n', h=2)", "rearrange(x, 'b c n -> b c')",
    "import einops\ntry:\n    rearrange(x, 'b c -> c b')\nexcept einops.EinopsError as e:\n    caught = type(e).__name__\ncaught",
]]

# Swin's relative position index calls meshgrid without indexing=: PyTorch's warning
# (TORCH_WARN_ONCE, so only a first case can record it).
CASES += [("meshgrid-warning", "torch.stack(torch.meshgrid([torch.arange(2), torch.arange(3)]))")]
