# Which of several equal values comes first after sort/argsort/topk: PyTorch's CPU sort
# without stable=True calls std::sort (ties in its own order), 1-d ascending integer
# sorts of 32768 or more take a stable radix sort, and stable=True keeps input order.
# Keys repeat in a fixed scrambled pattern; the checksum weighs every index by position.
def keys(n, distinct, dtype):
    return f"k = (torch.arange({n}) * 7919 % {distinct}).to({dtype})\n"

def checksum(expression):
    return f"i = {expression}\n(i[:24].tolist(), (i * torch.arange(i.numel()).view(i.shape)).sum().item())"

SOURCES = []
for n, distinct in [(17, 3), (100, 7), (1000, 13), (40000, 50), (70000, 1000)]:
    for dtype in ["torch.float32", "torch.int64", "torch.float64", "torch.int32"]:
        for call in ["k.sort().indices", "k.sort(descending=True).indices", "k.argsort(stable=True)",
                     "k.argsort(descending=True, stable=True)"]:
            SOURCES.append(keys(n, distinct, dtype) + checksum(call))
# nan counts as the largest value and ties with itself; -0.0 ties with 0.0
SOURCES += [
    "k = torch.tensor([0.0, -0.0, float('nan'), 1.0, float('nan'), -0.0, 0.0] * 5)\n(k.sort().indices.tolist(), k.sort(descending=True).indices.tolist())",
    "k = torch.tensor([0.0, -0.0, float('nan'), 1.0, float('nan'), -0.0, 0.0] * 5)\nk.argsort(stable=True).tolist()",
    keys(3000, 11, "torch.float32") + checksum("k.view(30, 100).sort(dim=1).indices"),
    keys(3000, 11, "torch.float32") + checksum("k.view(100, 30).sort(dim=0, descending=True).indices"),
    keys(5000, 17, "torch.float32") + "k.topk(40).indices.tolist()",
    keys(5000, 17, "torch.int64") + "k.topk(40, largest=False).indices.tolist()",
    keys(5000, 17, "torch.float32") + "(k.median(), k.view(50, 100).median(dim=1).indices.tolist())",
]
CASES = [("python", s) for s in SOURCES]
