# The legacy tensor API older code uses: the typed constructors as classes and as
# `type()` targets, `x.new(...)`, and `resize_`/`resize_as_`.
CASES = [("legacy", body) for body in [
    "x = torch.ones(2)\nx.type(torch.LongTensor)",
    "x = torch.ones(2)\nx.type('torch.DoubleTensor')",
    "x = torch.tensor([1.5, 2.5])\nx.type(torch.IntTensor), x.type(), x.long().type()",
    "isinstance(torch.ones(2), torch.FloatTensor), isinstance(torch.ones(2), torch.LongTensor), isinstance(torch.arange(2), torch.LongTensor), isinstance(torch.nn.Parameter(torch.ones(1)), torch.FloatTensor)",
    "isinstance(torch.ones(2, dtype=torch.float64), (torch.FloatTensor, torch.DoubleTensor)), isinstance(3, torch.FloatTensor)",
    "x = torch.ones(2, 3)\nx.new(2).shape, x.new([1, 2]), torch.ones(2, dtype=torch.int64).new([1.5]), x.new().shape",
    "y = torch.arange(6.)\nz = y.resize_(2, 3)\nz is y, y, y._version",
    "y = torch.arange(6.)\ny.resize_(2, 2)\ny, y.is_contiguous()",
    "y = torch.arange(6.)[2:]\ny.resize_(2, 2)\ny, y.storage_offset()",
    "y = torch.arange(4.)\ny.resize_(3, 3)\ny.shape, y.flatten()[:4]",
    "y = torch.arange(6)\ny.resize_as_(torch.zeros(3))",
    "y = torch.ones(2, requires_grad=True)\ny.resize_(3)",
    "y = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    y.resize_(1)",
    "y = torch.ones(2)\ny.resize_(-1)",
    "y = torch.ones(2)\ny.resize_((1, 2)).shape",
]]
