# std/var and their _mean pairs warn (ATen's TORCH_WARN, every call) when the correction
# reaches the number of elements each output gathers, and return NaN or inf there.
SOURCES = [
    "torch.tensor([1.0]).var()",
    "torch.tensor(3.0).std()",
    "torch.ones(3, 1).std(1)",
    "torch.ones(3, 1).var(1, correction=0)",
    "torch.ones(3, 1).var(1, correction=1.5)",
    "torch.ones(3, 2).var(1, correction=1.5)",
    "torch.tensor([1.0, 2.0]).var(correction=2)",
    "torch.ones(3, 0).var(1)",
    "torch.ones(0, 3).std(0, keepdim=True)",
    "torch.ones(3, 2).var(1, correction=-1)",
    "torch.ones(4, 2).var((0, 1), correction=8)",
    "torch.ones(4, 2).std(dim=(0, 1), correction=7)",
    "torch.var_mean(torch.ones(3, 1), 1)",
    "torch.std_mean(torch.ones(3, 1), dim=1)",
    "torch.ones(2, 3).std_mean(0, correction=0)",
    "torch.var_mean(torch.arange(6.).view(2, 3), dim=1, keepdim=True)",
    "torch.std_mean(torch.arange(6.).view(2, 3))",
    "torch.ones(2, dtype=torch.float64).std(unbiased=True), torch.ones(1, dtype=torch.float64).std(False)",
    "torch.ones(1, dtype=torch.float16).std()",
    "x = torch.ones(1, requires_grad=True)\ny = x.std()\ny.backward()\nx.grad",
    "torch.std(torch.ones(5, 1), 1, True)",
    "torch.var(torch.ones(5, 1), dim=[1])",
]
CASES = [("reduction", source) for source in SOURCES]
