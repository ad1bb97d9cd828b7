# scatter / scatter_add, index_select and float32 cumsum along every dim, on odd shapes,
# strided views and several dtypes, compared to the bit: these ops have typed fast paths
# for the common layouts and a general path for the rest, and both must give PyTorch's
# bits. Repeated indices make scatter_add's and index_add's accumulation order visible.
X = "torch.manual_seed(0)\nx = torch.randn(5, 7, 3) * 100\n"
I = "torch.manual_seed(1)\ni0 = torch.randint(0, 5, (9, 7, 3))\ni1 = torch.randint(0, 7, (5, 11, 3))\ni2 = torch.randint(0, 3, (5, 7, 6))\n"
S = "torch.manual_seed(2)\ns = torch.randn(9, 11, 6) * 1000\n"
SETUP = X + I + S

SCATTER = [("scatter_add-bits", SETUP + body) for body in [
    "x.scatter_add(0, i0, s[:9, :7, :3])", "x.scatter_add(1, i1, s[:5, :11, :3])",
    "x.scatter_add(2, i2, s[:5, :7, :6])", "x.scatter_add(-1, i2[:, :4, :2], s)",
    "x.transpose(0, 2).scatter_add(2, i0.transpose(0, 2)[:, :, :4], s[:3, :7, :4])",
    "x.scatter_add(1, i1[:, ::2], s[:, ::2, ::2])", "x.double().scatter_add(1, i1, s.double())",
    "(x * 10).long().scatter_add(0, i0, (s * 10).long())",
    "x[0].scatter_add(0, i1[0], s[0])", "x[0, :, 0].scatter_add(0, i0[:, 0, 0], s[:, 0, 0])",
    "torch.zeros(2, 9).scatter_add_(1, torch.tensor([[1, 1, 1, 8], [0, 0, 8, 8]]), torch.tensor([[1e8, 1.0, -1e8, 3.0], [0.1, 0.2, 0.3, 0.4]]))",
    "y = x.clone()\ny[:, 1:4].scatter_add_(1, i1[:, :2, :] % 3, s[:5, :2, :3])\ny",
    "x.scatter(1, i1, s[:5, :11, :3])", "x.scatter(0, i0[:4], s[:4, :7, :3])",
    "x.long().scatter(2, i2, s.long())", "x.half().scatter_add(1, i1, s[:5, :11, :3].half())",
]]
SELECT = [("index_select-bits", SETUP + body) for body in [
    "x.index_select(0, torch.tensor([4, 0, 0, 2]))", "x.index_select(1, torch.tensor([6, 1, 6, 3, 0]))",
    "x.index_select(2, torch.tensor([2, 2, 0]))", "x.index_select(-1, torch.tensor([1]))",
    "x.transpose(0, 2).index_select(1, torch.tensor([0, 5, 5]))", "x[:, ::2].index_select(0, torch.tensor([1, 3]))",
    "x.double().index_select(1, torch.tensor([3, 3], dtype=torch.int32))", "x.long().index_select(0, torch.tensor([4, 1]))",
    "x.index_select(1, torch.tensor([], dtype=torch.long))", "x[0, 0, 0].index_select(0, torch.tensor([0]))", "x[0, 0, 0].index_select(0, torch.tensor([0, 0]))",
    "x.bool().index_select(2, torch.tensor([1, 0]))", "x.half().index_select(0, torch.tensor([3]))",
]]
CUMSUM = [("cumsum float32-bits", SETUP + body) for body in [
    "(x * 1e3).cumsum(2)", "(x * 1e3).cumsum(-1)", "(x * 1e3).cumsum(1)", "(x * 1e3).cumsum(0)",
    "torch.randn(13, 1001).mul(1e4).cumsum(1)", "torch.randn(3, 1001).mul(1e4).cumsum(-1)",
    "x.transpose(0, 2).cumsum(2)", "x[:, ::2].cumsum(1)", "x.double().cumsum(2)", "x.long().cumsum(2)",
]]
INDEX_ADD = [("index_add-bits", SETUP + body) for body in [
    "x.index_add(0, torch.tensor([4, 0, 4, 4, 1, 0, 2, 3, 4]), s[:, :7, :3])", "x.index_add(1, i1[0, :, 0], s[:5, :11, :3])",
    "x.index_add(-1, torch.tensor([2, 2, 0, 2, 1, 2]), s[:5, :7, :6])", "x.index_add(1, torch.tensor([6, 6, 1], dtype=torch.int32), s[:5, :3, :3])",
    "x.double().index_add(2, torch.tensor([1, 1, 1]), s[:5, :7, :3].double())", "(x * 10).long().index_add(0, torch.tensor([3, 3]), (s[:2, :7, :3] * 10).long())",
    "x.index_add(0, torch.tensor([1, 1]), s[:2, :7, :3], alpha=0.5)", "x.transpose(0, 1).index_add(0, torch.tensor([0, 0, 12 % 7]), s[:3, :5, :3])",
    "x.index_add(0, torch.tensor([1, 1]), s[:2, :7, :3].transpose(1, 2).contiguous().transpose(1, 2))",
    "y = x.clone()\ny.index_add_(1, torch.tensor([5, 5, 5]), s[:5, :3, :3])\ny", "x[0, 0].index_add(0, torch.tensor([0, 0]), s[0, 0, :2])",
]]
CASES = SCATTER + SELECT + CUMSUM + INDEX_ADD
