# Python ints past 64 bits, and what PyTorch says when one reaches a tensor: the
# interpreter's big ints must give CPython's values and PyTorch's errors.
SOURCES = [
    # arithmetic past Int64, and back
    "2 ** 63 - 1", "2 ** 64", "-2 ** 63", "-2 ** 63 - 1", "9223372036854775807 + 1", "2 ** 100 // 3", "-2 ** 100 // 7",
    "2 ** 100 % 7", "-(2 ** 100) % 7", "divmod(2 ** 100, -7)", "2 ** 100 // 2 ** 90", "(2 ** 70) * (3 ** 40)",
    "(-2) ** 101", "abs(-2 ** 100)", "-(-2 ** 63)", "abs(-2 ** 63)", "12345678901234567890123456789", "0xFFFFFFFFFFFFFFFFFF",
    "1 << 100", "(1 << 100) >> 98", "-(2 ** 100) >> 3", "(2 ** 100) & (2 ** 99 + 1)", "-(2 ** 100) | 5", "(2 ** 80) ^ -1", "~(2 ** 100)",
    "sum([2 ** 62] * 4)", "import math\nmath.factorial(30)", "max(2 ** 100, 3)", "min(-2 ** 100, 3)", "round(2 ** 100)",
    "pow(2, 100) - pow(2, 100)", "10 ** 30 // 10 ** 29",
    # mixing with floats
    "2 ** 100 / 3", "2 ** 100 + 0.5", "2 ** 63 == 2.0 ** 63", "2 ** 100 > 1e30", "2 ** 100 < 1.5", "float(2 ** 1024)",
    "float(2 ** 80)", "int(1e30)", "int(-2.0 ** 70)", "2 ** 200 / 2 ** 190", "(2 ** 64 + 1) / 2",
    # comparisons, hashing, containers
    "2 ** 100 > 2 ** 99", "2 ** 64 == 2 ** 64", "2 ** 64 != 2 ** 64 + 1", "hash(2 ** 100)", "hash(-2 ** 100)", "hash(2 ** 61 - 1)",
    "{2 ** 100: 'a'}[2 ** 100]", "2 ** 70 in {2 ** 70, 5}", "sorted([2 ** 70, -2 ** 70, 3])", "isinstance(2 ** 100, int)",
    "bool(2 ** 100)", "[2 ** 64, 1]",
    # text
    "str(2 ** 200)", "repr(-2 ** 64)", "hex(2 ** 70)", "bin(2 ** 65)", "oct(-2 ** 64)", "f'{2 ** 100:,}'", "f'{2 ** 70:x}'",
    "f'{-2 ** 64:>30}'", "'%d' % 2 ** 100", "int('9' * 30)", "int('-' + '7' * 25)", "int('1' * 70, 2)", "int('9' * 5000)",
    "str(10 ** 5000)", "int('0x' + 'f' * 20, 16)",
    # the tensor boundary
    "torch.ones(2, 3)[:, 2 ** 63 - 1]", "torch.ones(3)[2 ** 63 - 1]", "torch.ones(3)[-2 ** 63]", "torch.ones(3)[2 ** 63]",
    "torch.ones(3)[-2 ** 63 - 1]", "torch.ones(3)[2 ** 100]", "torch.zeros(2 ** 64)", "torch.zeros(2 ** 63)", "torch.zeros(3, 2 ** 63)",
    "torch.zeros(2 ** 63 - 1)", "torch.ones(2 ** 63)", "torch.tensor(2 ** 63)", "torch.tensor([1, 2 ** 64])", "torch.tensor(-2 ** 63 - 1)",
    "torch.ones(3) + 2 ** 63", "torch.ones(3) * 2 ** 100", "torch.ones(3).sum(2 ** 63)", "torch.ones(3).reshape(2 ** 64)",
    "torch.ones(3).view(2 ** 63, -1)", "torch.randn(2 ** 62, 4)",
    "[1, 2][2 ** 63]", "'ab'[2 ** 100]", "[0] * 2 ** 63", "'a' * 2 ** 100",
]
CASES = [("python", s) for s in SOURCES]
