# Parameter groups given to an optimizer's constructor are added one at a time, as
# PyTorch's add_param_group adds them: a parameter repeated inside a group warns, one
# that an earlier group already holds is a ValueError.
SETUP = "_ = torch.manual_seed(0)\nw = torch.nn.Parameter(torch.randn(2, 3))\nb = torch.nn.Parameter(torch.randn(2))\n"
CASES = [("optimizer-error" if "error" in note else "optimizer", SETUP + body) for note, body in [
    ("error", "torch.optim.SGD([{'params': [w]}, {'params': [b, w]}], lr=0.1)"),
    ("error", "torch.optim.Adam([{'params': [w, w]}, {'params': [w]}])"),
    ("error", "torch.optim.SGD([{'params': w}, {'params': [b]}, {'params': [b]}], lr=0.1)"),
    ("ok", "opt = torch.optim.SGD([{'params': [w, w]}, {'params': [b], 'lr': 0.5}], lr=0.1)\n[len(g['params']) for g in opt.param_groups], [g['lr'] for g in opt.param_groups]"),
    ("error", "opt = torch.optim.SGD([w], lr=0.1)\nopt.add_param_group({'params': [b, w]})"),
]]
