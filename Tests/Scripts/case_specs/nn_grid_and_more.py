# Layers that spatial transformers, Swin/DINO-style models, CTC speech models and GAN code
# use: F.affine_grid and F.grid_sample (every mode, padding mode and align_corners, with
# gradients for the input and the grid), and the smaller nn additions recorded below.
# Bilinear and nearest sampling, affine grids and all gradients are recorded bit-exactly;
# bicubic forward values within tolerance. Record with:
# ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 python3 Tests/Scripts/record_cases.py Tests/Scripts/case_specs/nn_grid_and_more.py Tests/InterpreterTests/Fixtures/nn_grid_and_more.jsonl
NN = "import torch.nn as nn\n"
THETA = ("theta = torch.tensor([[[0.9, -0.3, 0.1], [0.2, 1.1, -0.2]], [[1.2, 0.4, -0.3], [-0.5, 0.8, 0.25]]], dtype=DT, requires_grad=True)\n")
GRID = "torch.manual_seed(0)\nDT = torch.{dt}\nx = torch.randn(2, 3, 4, 5, dtype=DT, requires_grad=True)\n" + THETA

CASES = []


def add(category, setup, *bodies):
    for body in bodies:
        CASES.append((category, setup + body))


for dt in ["float32", "float64"]:
    setup = GRID.format(dt=dt)
    for align in [False, True]:
        grid = f"g = (F.affine_grid(theta, (2, 3, 6, 7), align_corners={align}) * 1.3).detach().requires_grad_()\n"
        add("affine_grid-bits", setup,
            f"F.affine_grid(theta, (2, 3, 6, 7), align_corners={align})",
            f"F.affine_grid(theta, [2, 1, 3, 2], align_corners={align}).grad_fn",
            f"a = F.affine_grid(theta, (2, 3, 6, 7), align_corners={align})\n(a * torch.randn(a.shape, dtype=DT)).sum().backward()\ntheta.grad")
        for mode in ["bilinear", "nearest", "bicubic"]:
            for padding in ["zeros", "border", "reflection"]:
                call = f"F.grid_sample(x, g, mode='{mode}', padding_mode='{padding}', align_corners={align})"
                if mode == "bicubic":
                    # The kernel rounds a few bicubic sums differently: values to 3 decimals.
                    add("grid_sample", setup + grid, f"torch.round({call}.detach(), decimals=3)")
                else:
                    add("grid_sample-bits", setup + grid, call)
                add("grid_sample-bits", setup + grid,
                    f"y = {call}\ny.backward(torch.randn(y.shape, dtype=DT))\nx.grad",
                    f"y = {call}\ny.backward(torch.randn(y.shape, dtype=DT))\ng.grad")

add("affine_grid-bits", GRID.format(dt="float32"),
    "F.affine_grid(theta[:1, :, :], (1, 2, 1, 4), align_corners=False)",
    "F.affine_grid(torch.eye(3, 4).unsqueeze(0), (1, 1, 2, 3, 2), align_corners=False)",
    "t = torch.randn(1, 3, 4, requires_grad=True)\na = F.affine_grid(t, (1, 1, 2, 3, 2), align_corners=True)\na.pow(2).sum().backward()\n(a.grad_fn, t.grad)",
    "F.affine_grid(theta.double(), (2, 4, 3, 3), align_corners=True)[1]",
)
add("grid_sample-errors", GRID.format(dt="float32"),
    "F.affine_grid(theta, (2, 1, 2, 2))",
    "F.affine_grid(theta, (2, 1, 1, 3), align_corners=True)",
    "F.affine_grid(theta, (2, 1, 2, 2, 2), align_corners=False)",
    "F.affine_grid(theta, (2, 1, 2), align_corners=False)",
    "F.affine_grid(theta, torch.Size([3, 1, 2, 2]), align_corners=False)",
    "F.affine_grid(theta, [2, 1, 0, 2], align_corners=False)",
    "F.affine_grid(torch.ones(2, 2, 3, dtype=torch.long), (2, 1, 2, 2), align_corners=False)",
    "F.affine_grid(theta[0], (2, 1, 2, 2), align_corners=False)",
    "g = torch.zeros(2, 3, 3, 2)\nF.grid_sample(x, g)",
    "F.grid_sample(x, torch.zeros(2, 3, 3, 2, dtype=torch.float64), align_corners=False)",
    "F.grid_sample(x, torch.zeros(1, 3, 3, 2), align_corners=False)",
    "F.grid_sample(x, torch.zeros(2, 3, 3, 3), align_corners=False)",
    "F.grid_sample(x[0], torch.zeros(3, 3, 2), align_corners=False)",
    "F.grid_sample(x, torch.zeros(2, 3, 2), align_corners=False)",
    "F.grid_sample(torch.zeros(2, 3, 0, 4), torch.zeros(2, 3, 3, 2), align_corners=False)",
    "F.grid_sample(x.long(), torch.zeros(2, 3, 3, 2).long(), align_corners=False)",
    "F.grid_sample(x, torch.zeros(2, 3, 3, 2), mode='area')",
    "F.grid_sample(x, torch.zeros(2, 3, 3, 2), padding_mode='circular')",
    "F.grid_sample(x, torch.zeros(2, 0, 3, 2), align_corners=False)",
    "F.grid_sample(x, torch.tensor([[[[float('nan'), 0.5], [0.2, float('inf')], [-3.0, 0.1]]]]).expand(2, 1, 3, 2), align_corners=False)",
    "F.grid_sample(x, torch.tensor([[[[float('nan'), 0.5], [0.2, float('inf')], [-3.0, 0.1]]]]).expand(2, 1, 3, 2), padding_mode='border', align_corners=True)",
    "F.grid_sample(x, torch.tensor([[[[1e10, 0.5], [0.2, -1e12], [-3.0, 0.1]]]]).expand(2, 1, 3, 2), mode='bicubic', padding_mode='reflection', align_corners=False)",
    "y = F.grid_sample(x.detach(), torch.zeros(2, 2, 2, 2, requires_grad=True), align_corners=True)\n(y.grad_fn, y.requires_grad)",
    "g = torch.full((2, 2, 2, 2), 0.3, requires_grad=True)\ny = F.grid_sample(torch.ones(2, 3, 1, 1), g, align_corners=True, padding_mode='reflection')\ny.sum().backward()\n(y, g.grad)",
)

INIT = NN + "torch.manual_seed(5)\n"
add("orthogonal", INIT,
    "w = torch.empty(3, 5)\nnn.init.orthogonal_(w)",
    "w = torch.empty(5, 3)\nnn.init.orthogonal_(w, gain=2.0)",
    "w = torch.empty(4, 2, 3)\nnn.init.orthogonal_(w)\n(w, torch.randn(2))",
    "w = torch.empty(4, 4, dtype=torch.float64)\nnn.init.orthogonal_(w)\n(w @ w.T).diagonal()",
    "w = torch.empty(3, 3, requires_grad=True)\nr = nn.init.orthogonal_(w, 0.5)\n(r is w, w.requires_grad, w.grad_fn)",
    "l = nn.Linear(6, 4)\nnn.init.orthogonal_(l.weight)\nl.weight",
    "nn.init.orthogonal_(torch.empty(0, 3))",
    "nn.init.orthogonal_(torch.empty(3))",
)

POOL = NN + "torch.manual_seed(6)\nx = torch.randn(2, 3, 4, 6, requires_grad=True)\ns = torch.randn(2, 3, 7, requires_grad=True)\n"
add("max_unpool", POOL,
    "nn.MaxUnpool2d(2)",
    "nn.MaxUnpool1d(3, stride=2, padding=1)",
    "nn.MaxUnpool2d((2, 3), 1)",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nF.max_unpool2d(p, i, 2)",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nu = nn.MaxUnpool2d(2)(p, i, output_size=x.size())\n(u.pow(2) * torch.arange(u.numel()).reshape(u.shape)).sum().backward()\n(u.shape, u.grad_fn, x.grad[1])",
    "p, i = F.max_pool2d(x, (2, 3), stride=(1, 2), return_indices=True)\nF.max_unpool2d(p, i, (2, 3), stride=(1, 2), output_size=[5, 7])[0, 1]",
    "p, i = F.max_pool1d(s, 3, stride=2, padding=1, return_indices=True)\nu = F.max_unpool1d(p, i, 3, stride=2, padding=1)\nu.sum().backward()\n(u, u.grad_fn, s.grad)",
    "p, i = F.max_pool1d(s, 2, return_indices=True)\nnn.MaxUnpool1d(2)(p, i, output_size=[7])",
    "p, i = F.max_pool2d(x[0], 2, return_indices=True)\nF.max_unpool2d(p, i, 2).shape",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nF.max_unpool2d(p, i, 2, output_size=(9, 9))",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nF.max_unpool2d(p, i, 2, output_size=[1, 2, 3])",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nF.max_unpool2d(p, i.float(), 2)",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nF.max_unpool2d(p, i[:, :2], 2)",
    "p, i = F.max_pool2d(x, 2, return_indices=True)\nF.max_unpool2d(p, i * 10, 2)",
    "F.max_unpool2d(torch.ones(3, 4), torch.zeros(3, 4, dtype=torch.long), 2)",
    "F.max_unpool2d(torch.ones(2, 0, 2, 2), torch.zeros(2, 0, 2, 2, dtype=torch.long), 2)",
)
add("lp_pool", POOL,
    "nn.LPPool2d(2, 3)",
    "nn.LPPool1d(1.5, 2, stride=1, ceil_mode=True)",
    "nn.LPPool2d(2, (2, 3))",
    "F.lp_pool2d(x, 2, 2)",
    "y = nn.LPPool2d(3, (2, 3), stride=1)(x)\ny.sum().backward()\n(y[0, 0], y.grad_fn, x.grad[0, 0])",
    "y = F.lp_pool1d(s, 2.5, 3, stride=2, ceil_mode=True)\ny.sum().backward()\n(y, s.grad[1])",
    "F.lp_pool1d(s, float('inf'), 2)",
    "F.lp_pool2d(x, -float('inf'), 2)",
    "F.lp_pool3d(x.unsqueeze(0), 2, 2)",
    "F.lp_pool2d(x, 0, 2)",
    "F.lp_pool1d(torch.tensor([[[1., -2., 3., -4.]]]), 1, 2)",
)

PARAMS = NN + """torch.manual_seed(7)
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.ps = nn.ParameterList([nn.Parameter(torch.randn(2)), nn.Parameter(torch.randn(3))])
        self.pd = nn.ParameterDict({"a": nn.Parameter(torch.randn(2)), "b": torch.ones(1)})
    def forward(self, x):
        return x * self.pd["a"].sum() + sum(p.sum() for p in self.ps)
m = M()
m.ps.append(nn.Parameter(torch.zeros(1)))
m.pd["c"] = nn.Parameter(torch.zeros(2, 2, dtype=torch.float64))
"""
add("parameter_containers", PARAMS,
    "m",
    "[n for n, _ in m.named_parameters()]",
    "list(m.state_dict().keys())",
    "(len(m.ps), m.ps[1], m.ps[-1])",
    "(len(m.pd), list(m.pd.keys()), m.pd['a'], 'a' in m.pd, 'z' in m.pd)",
    "[p.shape for p in m.ps]",
    "[(k, v.shape) for k, v in m.pd.items()]",
    "m.pd",
    "m.ps",
    "pd = nn.ParameterDict()\npd.update({'x': nn.Parameter(torch.ones(3))})\npd",
    "pd = nn.ParameterDict([('x', torch.ones(3)), ('y', torch.zeros(2))])\n(pd.pop('x'), len(pd), list(pd))",
    "nn.ParameterList()",
    "nn.ParameterDict()",
    "sum(p.numel() for p in m.parameters())",
    "nn.ParameterDict({'q': torch.ones(2)})['q'].requires_grad",
    "m.pd['zz']",
    "m.pd.pop('zz')",
    "(m.pd.get('zz'), m.pd.get('b'))",
    "m.pd['b'] = torch.full((2,), 3.0)\n(m.pd['b'], list(m.pd.keys()))",
    "del m.pd['a']\nlist(m.state_dict().keys())",
    "y = m(torch.ones(2))\ny.sum().backward()\n(m.pd['a'].grad, m.ps[0].grad, m.pd['b'].grad)",
    "m.ps[5]",
    "nn.ParameterDict(['x'])",
)

SHUFFLE = NN + "torch.manual_seed(8)\nx = torch.randn(2, 6, 2, requires_grad=True)\n"
add("channel_shuffle", SHUFFLE,
    "nn.ChannelShuffle(3)",
    "F.channel_shuffle(x, 3)",
    "y = nn.ChannelShuffle(2)(x)\n(y * torch.arange(24.).reshape(2, 6, 2)).sum().backward()\n(y.grad_fn, x.grad)",
    "F.channel_shuffle(x.detach().double().unsqueeze(-1), 6).shape",
    "F.channel_shuffle(torch.ones(2, 3), 1)",
    "F.channel_shuffle(x, 0)",
    "F.channel_shuffle(x, 4)",
    "F.channel_shuffle(torch.arange(12).reshape(1, 4, 3), 2)",
)
add("typename", SHUFFLE,
    "(torch.typename(x), torch.typename(x.double()), torch.typename(x.long()), torch.typename(x.bool()))",
    "(torch.typename(nn.Linear(1, 1)), torch.typename(nn.Conv2d), torch.typename(nn.ChannelShuffle(2)))",
    "(torch.typename(3), torch.typename([1]), torch.typename(None), torch.typename('s'))",
    "(torch.typename(torch.float32), torch.typename(x.shape))",
)

CTC = NN + """torch.manual_seed(9)
lp = torch.randn(6, 2, 5).log_softmax(2).detach().requires_grad_()
targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
"""
add("ctc_loss", CTC,
    "nn.CTCLoss()",
    "nn.CTCLoss(blank=4, reduction='sum', zero_infinity=True)",
    "F.ctc_loss(lp, targets, [6, 5], [3, 2])",
    "l = F.ctc_loss(lp, targets, torch.tensor([6, 5]), torch.tensor([3, 2]), reduction='sum')\nl.backward()\n(l, l.grad_fn, lp.grad[:, 1])",
    "l = F.ctc_loss(lp, targets, (6, 5), (3, 2), reduction='none')\nl.sum().backward()\n(l, l.grad_fn, lp.grad[:, 0])",
    "l = nn.CTCLoss()(lp, targets, [6, 4], [3, 2])\nl.backward()\n(l, l.grad_fn, lp.grad[2])",
    "l = F.ctc_loss(lp, torch.tensor([1, 2, 2, 3, 1]), [6, 5], [3, 2], blank=0)\nl.backward()\n(l, lp.grad[0])",
    "F.ctc_loss(lp, targets, [2, 5], [3, 2], reduction='none')",
    "l = F.ctc_loss(lp, targets, [2, 5], [3, 2], reduction='none', zero_infinity=True)\nl.sum().backward()\n(l, lp.grad[:, 0].abs().sum(), lp.grad[:, 1].abs().sum() > 0)",
    "l = F.ctc_loss(lp[:, 0], targets[0], [6], [3], reduction='none')\nl.backward()\n(l, l.grad_fn, lp.grad[:, 0])",
    "F.ctc_loss(lp, targets, [6, 5], [0, 2], reduction='none')",
    "F.ctc_loss(lp.double(), targets, [6, 5], [3, 2], blank=3)",
    "F.ctc_loss(lp, targets, [6, 5], [3, 2], blank=5)",
    "F.ctc_loss(lp, targets, [6], [3, 2])",
    "F.ctc_loss(lp, targets, [6, 5], [3])",
    "F.ctc_loss(lp, targets, [7, 5], [3, 2])",
    "F.ctc_loss(lp, targets, [6, 5], [4, 2])",
    "F.ctc_loss(lp, targets, [6, 5], [3, 2], reduction='avg')",
)
