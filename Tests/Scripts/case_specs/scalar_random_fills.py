# The in-place random fills PyTorch's CPU kernels draw one element at a time:
# log_normal_, cauchy_, geometric_ and random_ (all three overloads). After
# torch.manual_seed the values must be PyTorch's to the bit ("rng" cases), for each dtype,
# for strided targets, and interleaved with the other fills that share the generator.
# Recorded by record_cases.py.
S = "torch.manual_seed(0)\n"
FILLS = [
    "torch.empty(6).log_normal_()", "torch.empty(5).log_normal_(0.5, 0.25)", "torch.empty(3, 2).double().log_normal_(mean=-1., std=0.5)",
    "torch.empty(20).log_normal_()", "torch.empty(3).log_normal_()\ntorch.randn(3)", "torch.randn(3)\ntorch.empty(3).log_normal_()",
    "torch.empty(4, 3).t().log_normal_()", "torch.empty(4).half().log_normal_()", "torch.empty(4).bfloat16().log_normal_(0., 1.)",
    "torch.empty(6).cauchy_()", "torch.empty(5).cauchy_(1., 2.)", "torch.empty(3, 2).double().cauchy_(median=-1., sigma=0.5)",
    "torch.empty(4).half().cauchy_()", "torch.empty(3, 4)[:, ::2].cauchy_()",
    "torch.empty(8).geometric_(0.3)", "torch.empty(6).double().geometric_(p=0.9)", "torch.empty(6, dtype=torch.long).geometric_(0.5)",
    "torch.empty(6, dtype=torch.int32).geometric_(0.05)", "torch.empty(3, dtype=torch.int8).geometric_(1e-5)", "torch.empty(3, dtype=torch.int16).geometric_(1e-5)", "torch.empty(6, dtype=torch.uint8).geometric_(0.5)", "torch.empty(4).half().geometric_(0.2)",
    "torch.empty(8).random_(10)", "torch.empty(8).random_(-5, 5)", "torch.empty(8).random_(to=4)", "torch.empty(8).random_(3, None)",
    "torch.empty(6, dtype=torch.long).random_(0, 2 ** 40)", "torch.empty(6, dtype=torch.long).random_(2 ** 30)",
    "torch.empty(6, dtype=torch.long).random_(-2 ** 63, 2 ** 63 - 1)", "torch.empty(6, dtype=torch.int32).random_(-10, 10)",
    "torch.empty(6, dtype=torch.uint8).random_(0, 200)", "torch.empty(6, dtype=torch.bool).random_(0, 2)", "torch.empty(6, dtype=torch.int8).random_(-100, None)",
    "torch.empty(6).random_()", "torch.empty(6).double().random_()", "torch.empty(6, dtype=torch.long).random_()", "torch.empty(6, dtype=torch.int32).random_()",
    "torch.empty(6, dtype=torch.int16).random_()", "torch.empty(6, dtype=torch.uint8).random_()", "torch.empty(6, dtype=torch.bool).random_()",
    "torch.empty(6).half().random_()", "torch.empty(6).bfloat16().random_(0, 100)", "torch.empty(4, 3).t().random_(0, 1000)",
    "torch.empty(3).random_(0, 2 ** 25)", "torch.empty(3).random_(-2 ** 25, 0)",
    "g = torch.Generator().manual_seed(7)\ntorch.empty(4).cauchy_(generator=g)", "g = torch.Generator().manual_seed(7)\ntorch.empty(4).random_(0, 9, generator=g)",
    "x = torch.zeros(3, requires_grad=True) * 1\nx.log_normal_()\nx.grad_fn.name()", "x = torch.zeros(3, requires_grad=True) * 1\nx.cauchy_()\nx.grad_fn.name()",
    "x = torch.zeros(3, requires_grad=True) * 1\nx.geometric_(0.5)\nx.grad_fn.name()", "x = torch.zeros(3, requires_grad=True) * 1\nx.random_()\nx.grad_fn.name()",
    "x = torch.zeros(3, requires_grad=True) * 1\nx.random_(4)\nx.grad_fn.name()", "x = torch.zeros(3, requires_grad=True) * 1\nx.random_(1, 4)\nx.grad_fn.name()",
]
ERRORS = [
    "torch.zeros(3).log_normal_(std=0)", "torch.zeros(3).log_normal_(std=-1.5)", "torch.zeros(3, dtype=torch.long).log_normal_()",
    "torch.zeros(3).cauchy_(sigma=0)", "torch.zeros(3, dtype=torch.long).cauchy_()", "torch.zeros(3).geometric_(0)", "torch.zeros(3).geometric_(1.5)",
    "torch.zeros(3, dtype=torch.bool).geometric_(0.5)", "torch.zeros(3).random_(5, 2)", "torch.zeros(3).random_(0)", "torch.zeros(3).random_(-1)",
    "torch.zeros(3, dtype=torch.uint8).random_(-1, 5)", "torch.zeros(3, dtype=torch.uint8).random_(0, 300)", "torch.zeros(3, dtype=torch.bool).random_(0, 3)",
    "torch.zeros(3).half().random_(0, 70000)", "torch.zeros(3, requires_grad=True).cauchy_()",
]
CASES = [("rng", S + body) for body in FILLS] + [("random-fill-errors", body) for body in ERRORS]
