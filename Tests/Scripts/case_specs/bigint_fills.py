# Python ints past int64 filling tensors, and ranges past 64 bits. PyTorch reads an
# int in [2**63, 2**64) as an unsigned 64-bit scalar (fine for float and bool tensors,
# an overflow for integer ones) and passes on CPython's OverflowError for the rest;
# CPython's range holds arbitrary ints, and only its len() is a C ssize_t.
SOURCES = [
    # full and its relatives
    "torch.full((2,), 2 ** 63)", "torch.full((2,), 2 ** 64 - 1)", "torch.full((2,), 2 ** 64)", "torch.full((2,), -2 ** 63 - 1)",
    "torch.full((2,), 2 ** 63, dtype=torch.float64)", "torch.full((2,), 2 ** 64 - 1, dtype=torch.float32)",
    "torch.full((2,), 2 ** 63, dtype=torch.int32)", "torch.full((2,), 2 ** 63, dtype=torch.uint8)",
    "torch.full((2,), 2 ** 63, dtype=torch.int8)", "torch.full((2,), 2 ** 63, dtype=torch.int16)",
    "torch.full((2,), 2 ** 63, dtype=torch.bool)", "torch.full((2,), -2 ** 100, dtype=torch.float32)",
    "torch.full_like(torch.zeros(2), 2 ** 63)", "torch.full_like(torch.zeros(2, dtype=torch.long), 2 ** 63)",
    "torch.zeros(3).new_full((2,), 2 ** 63)", "torch.zeros(3, dtype=torch.long).new_full((2,), 2 ** 64 - 1)",
    "torch.zeros(2).fill_(2 ** 63)", "torch.zeros(2, dtype=torch.long).fill_(2 ** 63)", "torch.zeros(2, dtype=torch.int32).fill_(2 ** 64 - 1)",
    "torch.zeros(2).fill_(-2 ** 64)", "torch.zeros(2).fill_(2 ** 70)",
    "torch.zeros(3).masked_fill(torch.tensor([True, False, True]), 2 ** 63)",
    "torch.zeros(3, dtype=torch.long).masked_fill(torch.tensor([True, False, True]), 2 ** 63)",
    "torch.zeros(3, dtype=torch.bool).masked_fill(torch.tensor([True, False, True]), 2 ** 64 - 1)",
    # torch.tensor converts to the dtype it infers or is given
    "torch.tensor(2 ** 63, dtype=torch.float32)", "torch.tensor([1.5, 2 ** 63])", "torch.tensor([2 ** 64], dtype=torch.float32)",
    "torch.tensor([-2 ** 64], dtype=torch.float64)", "torch.tensor([2 ** 63], dtype=torch.bool)", "torch.tensor([2 ** 63], dtype=torch.int32)",
    "torch.tensor(10 ** 400, dtype=torch.float64)", "torch.tensor([[1, 2], [2 ** 63, 3]], dtype=torch.float64)",
    # elementwise ops and arange
    "torch.zeros(2) * -2 ** 64", "torch.zeros(2) + (2 ** 64 - 1)", "torch.ones(2) - 2 ** 70",
    "torch.arange(2 ** 63, 2 ** 63 + 2)", "torch.arange(0.0, 2 ** 63, 2 ** 62)", "torch.arange(0, 2 ** 64)", "torch.arange(-2 ** 64, 0)",
    "torch.arange(0, 10, 2 ** 63)",
    # range past 64 bits
    "list(range(2 ** 64, 2 ** 64 + 3))", "len(range(2 ** 70))", "range(2 ** 64)[5]", "range(2 ** 64)[-1]", "range(2 ** 64)[2 ** 64]",
    "range(2 ** 64, 0, -2 ** 62)[3]", "list(range(2 ** 64, 0, -2 ** 62))", "range(2 ** 64)", "range(1, 2 ** 64, 3)",
    "len(range(2 ** 63, 2 ** 63 + 10))", "bool(range(2 ** 64, 2 ** 64))", "len(range(2 ** 65, 2 ** 64))",
    "sum(range(2 ** 64, 2 ** 64 + 5))", "range(2 ** 64)[2.0]", "range(2 ** 64, 2 ** 65, 0)", "range(-2 ** 70, -2 ** 70 + 2)[1]",
    "next(iter(range(2 ** 64, 2 ** 100)))", "[i for i in range(-2 ** 64 - 2, -2 ** 64)]",
]
CASES = [("python", s) for s in SOURCES]
