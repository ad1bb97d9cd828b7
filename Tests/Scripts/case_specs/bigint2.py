# Python ints outside int64 meeting integer tensors in arithmetic, comparisons, clamps
# and fills. PyTorch reads an int in [2**63, 2**64) as an unsigned 64-bit scalar, which
# an int64 op then wraps (x + 2**63) or a double-based clamp leaves alone; ints outside
# [-2**63, 2**64) raise CPython's OverflowError; fills of integer tensors refuse them.
# Ranges hold arbitrary ints, and only len() is a C ssize_t.
LONG = "torch.tensor([1, 2, -3])"
INT32 = "torch.tensor([1, 2, -3], dtype=torch.int32)"
FLOAT = "torch.tensor([1.0, 2.0, -3.0])"
BOOL = "torch.tensor([True, False, True])"
SCALARS = ["2 ** 63", "2 ** 64 - 1", "2 ** 64", "-2 ** 63 - 1", "2 ** 100"]
EXPRESSIONS = [
    "{t} + {s}", "{s} + {t}", "{t} - {s}", "{s} - {t}", "{t} * {s}", "{t}.add({s})", "{t}.sub({s})", "{t}.mul({s})",
    "{t} < {s}", "{t} >= {s}", "{t} == {s}", "{t} != {s}",
    "{t}.clamp(max={s})", "{t}.clamp(min={s})", "{t}.clamp(min=-({s}))", "{t}.clamp(-({s}), {s})",
    "torch.where({t} > 1, {t}, {s})", "torch.full_like({t}, {s})", "{t}.masked_fill({t} > 1, {s})",
    "{t}.clone().fill_({s})", "{t}.clone().add_({s})",
]
SOURCES = []
for tensor in [LONG, INT32]:
    for expression in EXPRESSIONS:
        for scalar in SCALARS:
            SOURCES.append(expression.format(t=tensor, s=scalar))
for tensor in [FLOAT, BOOL]:
    for expression in ["{t} + {s}", "{t} < {s}", "{t}.clamp(max={s})", "torch.where({t} > 1, {t}, {s})", "{t}.masked_fill({t} > 1, {s})"]:
        for scalar in ["2 ** 63", "2 ** 64"]:
            SOURCES.append(expression.format(t=tensor, s=scalar))
SOURCES += [
    "torch.tensor([2, 3]) * (2 ** 63 - 1)", "torch.tensor([1]) + (-2 ** 63)", "torch.tensor([5]).clamp(max=2 ** 63 - 1)",
    # clamp checks integer bounds against the dtype's range, in int64 too
    "torch.tensor([1, 2, -3], dtype=torch.int32).clamp(min=2 ** 40)", "torch.tensor([1, 2, -3], dtype=torch.int32).clamp(max=2 ** 40)",
    "torch.tensor([1, 2, -3], dtype=torch.int32).clamp(max=-2 ** 40)", "torch.tensor([1, 2, -3], dtype=torch.int32).clamp(min=-2 ** 40)",
    "torch.tensor([1, 2], dtype=torch.uint8).clamp(min=-1)", "torch.tensor([1, 2], dtype=torch.uint8).clamp(max=-1)",
    "torch.tensor([1, 2], dtype=torch.uint8).clamp(max=300)", "torch.tensor([1, 2], dtype=torch.uint8).clamp(min=300)",
    "torch.tensor([1, 2, -3], dtype=torch.int32).clamp(min=5, max=2 ** 40)", "torch.tensor([1, 2, -3], dtype=torch.int8).clamp(-200, 200)",
    "torch.tensor([1, 2, -3]).clamp(min=2 ** 63, max=1)", "torch.tensor([1, 2, -3]).clamp(-1.5, 2 ** 63)", "torch.tensor([1, 2, -3]).clamp(2 ** 63, 2 ** 64 - 1)",
    "torch.tensor([1, 2, -3]).clamp_min(2 ** 63)", "torch.tensor([1, 2, -3]).clamp_max(2 ** 63)", "torch.clamp(torch.tensor([1, 2, -3]), 2 ** 63)",
    "torch.tensor([1, 2, -3], dtype=torch.int32).clamp(min=2.0 ** 40)", "torch.tensor([True, False]).clamp(min=2)",
    # where with two numbers, and the functional and 0-d forms
    "torch.where(torch.tensor([True, False]), 2 ** 63, torch.tensor([1, 2]))", "torch.where(torch.tensor([True, False]), 2 ** 63, 1.5)",
    "torch.where(torch.tensor([True, False]), 2 ** 63, 5)", "torch.tensor([1, 2]).where(torch.tensor([True, False]), 2 ** 63)",
    "torch.where(torch.tensor([True, False]), 2 ** 63, torch.tensor([1.0, 2.0]))",
    "torch.add(torch.tensor([1, 2]), 2 ** 63)", "torch.tensor(3) + 2 ** 63", "torch.tensor([1, 2], dtype=torch.int8) * (2 ** 64 - 1)",
    "torch.tensor([1, 2], dtype=torch.uint8) + 2 ** 63", "2 ** 63 < torch.tensor([True, False])",
    # range past 64 bits
    "len(range(-2 ** 63, 2 ** 63 - 1))", "len(range(2 ** 63))", "len(range(2 ** 63 - 1))", "2 ** 64 in range(2 ** 65)",
    "2 ** 64 in range(0, 2 ** 65, 3)", "-2 ** 70 in range(-2 ** 71, 0, 2)", "2 ** 64 + 1 in range(2 ** 64)",
    "range(2 ** 65)[2 ** 64]", "range(2 ** 65)[-2 ** 64]", "range(2 ** 65)[2 ** 66]", "range(2 ** 65)[2 ** 63:2 ** 63 + 3]",
    "list(range(2 ** 65)[2 ** 64:2 ** 64 + 6:2])", "range(2 ** 65)[::-2 ** 62]", "list(reversed(range(2 ** 64, 2 ** 64 + 3)))",
    "next(reversed(range(2 ** 70)))", "range(2 ** 65).index(2 ** 64)", "range(2 ** 65).count(2 ** 64)",
    "range(-2 ** 63, 2 ** 63)[-1]", "range(0, 10, 2) == range(0, 9, 2)", "range(10)[2:5]", "range(10)[::-3]", "range(10).index(3)",
    "range(10).count(3.0)", "list(reversed(range(0, 10, 3)))", "range(5, 0) == range(2, 1)", "range(2 ** 64, 2 ** 65).start", "5 in range(1, 10, 2)",
    "range(10).index(10)", "range(3)[1:2:0]", "len(range(-2 ** 63, 0))", "len(range(-1, 2 ** 63 - 1))", "range(2 ** 65)[True]", "range(2 ** 65)[:2 ** 64] == range(2 ** 64)", "list(range(2 ** 63 - 2, 2 ** 63 + 2))",
]
CASES = [("python", s) for s in SOURCES]
