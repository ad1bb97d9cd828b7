# smooth_l1 and huber in float32 round each step in float, as PyTorch's kernels do
# (((0.5·z)·z)/beta), compared bit for bit; float64 and mixed shapes stay on the
# general path. Recorded by record_cases.py.
XY = "torch.manual_seed(0)\nx = torch.randn(300) * 3\ny = torch.randn(300) * 3\n"
CASES = [("regression-loss-bits", XY + source) for source in [
    "F.smooth_l1_loss(x, y, reduction='none')", "F.smooth_l1_loss(x, y, reduction='none', beta=0.3)",
    "F.smooth_l1_loss(x, y, reduction='none', beta=2.5)", "F.smooth_l1_loss(x, y, reduction='none', beta=1e-3)",
    "F.smooth_l1_loss(x, y)", "F.smooth_l1_loss(x, y, reduction='sum', beta=0.7)",
    "F.huber_loss(x, y, reduction='none')", "F.huber_loss(x, y, reduction='none', delta=0.3)",
    "F.huber_loss(x, y, reduction='none', delta=2.5)", "F.huber_loss(x, y, delta=0.7)",
    "F.smooth_l1_loss(x.view(20, 15).t(), y.view(15, 20), reduction='none')",
    "F.smooth_l1_loss(x.double(), y.double(), reduction='none', beta=0.3)",
]]
