# PyTorch's argument parser takes neither an int nor a 1-element tensor for a bool
# parameter, nor a bool for an int: `keepdim=1` and `dim=True` are TypeErrors that name
# the argument, with its position when it was passed by position.
SETUP = "x = torch.ones(2, 3)\n"
CASES = [("errors", SETUP + body) for body in [
    "torch.sum(x, 0, keepdim=1)", "torch.sum(x, 0, 1)", "torch.sum(x, 0, keepdim=torch.tensor(True))",
    "torch.cumsum(x, dim=True)", "torch.cumsum(x, True)", "x.argmax(1, keepdim=0)", "torch.topk(x, 1, largest=1)",
    "x.transpose(True, 0)", "torch.cat([x, x], True)", "x.mean(1, keepdim=0)",
    "torch.sum(x, 0, keepdim=True).shape", "torch.cumsum(x, dim=torch.tensor(1))", "x.std(0, correction=True)",
    "torch.clamp(x, min=True)",
]]
