#!/usr/bin/env python3
"""Records PyTorch CPU random-number goldens for TensorEngine's `Generator`.

Run from the repository root:

    python3 Tests/Scripts/record_random.py

It writes Tests/TensorEngineTests/RandomGoldens.swift. The output is deterministic: every
case starts from `torch.manual_seed`, runs on one thread, and uses only the default CPU
generator. Re-run it after upgrading PyTorch and review the diff.

Each case is a list of steps in a tiny language that RandomGoldenTests.swift interprets
with the Swift engine. Every step except `seed` produces a tensor; the recorded golden
for it is the dtype, shape, the first HEAD values as bit patterns (UInt32 for float32,
UInt64 for float64, Int64 for integers) and an FNV-style hash over *all* the bit
patterns, so large outputs are compared bit-exactly without bloating the Swift file.

Steps (shapes are comma-separated, `-` is the 0-dim shape; dtypes f32 f64 i64 i32 i16 i8 u8 bool):
    seed S                              torch.manual_seed(S)
    rand SHAPE DT                       torch.rand
    randn SHAPE DT                      torch.randn
    normal MEAN STD SHAPE DT            torch.normal(mean, std, size)
    randint LOW HIGH SHAPE DT           torch.randint
    randperm N DT                       torch.randperm
    uniform_ SHAPE DT FROM TO [LAYOUT]  torch.empty(...).uniform_(from, to)
    normal_ SHAPE DT MEAN STD [LAYOUT]  torch.empty(...).normal_(mean, std)
    exponential_ SHAPE DT LAMBDA [LAYOUT]
    bernoulli_ SHAPE DT P [LAYOUT]      scalar p
    bernoulli                           torch.bernoulli(last output)
    bernoulli_t SHAPE DT                torch.empty(...).bernoulli_(last output)  (p broadcasts)
    multinomial N REPLACEMENT           torch.multinomial(last output, N, REPLACEMENT)
    dropout P                           F.dropout(last output, P, training=True)
    tensor V1,V2,... SHAPE DT           a literal input (becomes the last output)
    transpose                           last output, .t() (a non-contiguous view)
LAYOUT: `c` contiguous (default); `t` a 2-d tensor made as .t() of a contiguous one
(filled in memory order); `s` every other element of a contiguous buffer (non-contiguous).
"""

import math
import os
import sys

import torch
import torch.nn.functional as F

HEAD = 48
DTYPES = {
    "f32": torch.float32, "f64": torch.float64, "i64": torch.int64, "i32": torch.int32,
    "i16": torch.int16, "i8": torch.int8, "u8": torch.uint8, "bool": torch.bool,
}
MASK64 = (1 << 64) - 1


def parse_shape(text):
    return [] if text == "-" else [int(x) for x in text.split(",")]


def empty(shape, dtype, layout):
    if layout == "t":
        assert len(shape) == 2
        return torch.empty(shape[1], shape[0], dtype=dtype).t()
    if layout == "s":
        base = torch.empty(*shape[:-1], shape[-1] * 2, dtype=dtype)
        return base[..., ::2]
    return torch.empty(shape, dtype=dtype)


def run(steps):
    outputs = []
    last = None
    for step in steps:
        words = step.split()
        op, args = words[0], words[1:]
        layout = "c"
        if op == "seed":
            torch.manual_seed(int(args[0]))
            continue
        if op == "rand":
            last = torch.rand(parse_shape(args[0]), dtype=DTYPES[args[1]])
        elif op == "randn":
            last = torch.randn(parse_shape(args[0]), dtype=DTYPES[args[1]])
        elif op == "normal":
            last = torch.normal(float(args[0]), float(args[1]), parse_shape(args[2]), dtype=DTYPES[args[3]])
        elif op == "randint":
            last = torch.randint(int(args[0]), int(args[1]), parse_shape(args[2]), dtype=DTYPES[args[3]])
        elif op == "randperm":
            last = torch.randperm(int(args[0]), dtype=DTYPES[args[1]])
        elif op in ("uniform_", "normal_"):
            layout = args[4] if len(args) > 4 else "c"
            last = empty(parse_shape(args[0]), DTYPES[args[1]], layout)
            getattr(last, op)(float(args[2]), float(args[3]))
        elif op in ("exponential_", "bernoulli_"):
            layout = args[3] if len(args) > 3 else "c"
            last = empty(parse_shape(args[0]), DTYPES[args[1]], layout)
            getattr(last, op)(float(args[2]))
        elif op == "bernoulli":
            last = torch.bernoulli(last)
        elif op == "bernoulli_t":
            p = last
            last = torch.empty(parse_shape(args[0]), dtype=DTYPES[args[1]])
            last.bernoulli_(p)
        elif op == "multinomial":
            last = torch.multinomial(last, int(args[0]), args[1] == "true")
        elif op == "dropout":
            last = F.dropout(last, float(args[0]), training=True)
        elif op == "tensor":
            values = [float(v) for v in args[0].split(",")]
            last = torch.tensor(values, dtype=DTYPES[args[2]]).reshape(parse_shape(args[1]))
            continue
        elif op == "transpose":
            last = last.t()
            continue
        else:
            raise ValueError(op)
        outputs.append(last)
    return outputs


def bit_patterns(tensor):
    flat = tensor.contiguous().reshape(-1)
    if tensor.dtype == torch.float32:
        return "f32", [int(v) & 0xFFFFFFFF for v in flat.view(torch.int32).tolist()]
    if tensor.dtype == torch.float64:
        return "f64", [int(v) & MASK64 for v in flat.view(torch.int64).tolist()]
    return "int", [int(v) for v in flat.to(torch.int64).tolist()]


def fnv(values):
    h = 0xCBF29CE484222325
    for v in values:
        h ^= v & MASK64
        h = (h * 0x100000001B3) & MASK64
    return h


SEEDS = [0, 1, 42, 1234, -1, 2**40 + 5]
SIZES = [1, 3, 15, 16, 17, 31, 33, 1000]


def cases():
    out = []
    for seed in SEEDS:
        for op in ("rand", "randn"):
            for dt in ("f32", "f64"):
                steps = []
                for size in SIZES:
                    steps += [f"seed {seed}", f"{op} {size} {dt}"]
                out.append((f"{op} {dt} seed {seed}", steps))
    out.append(("randn 2-d and 3-d shapes", ["seed 3", "randn 4,5 f32", "randn 2,3,4 f64", "randn 7,3 f32", "randn - f32"]))
    # The scalar path's cached sine value persists across calls and dtypes.
    out.append(("normal cache across calls", ["seed 0", "randn 3 f32", "randn 3 f32", "randn 16 f32", "randn 1 f32"]))
    out.append(("normal cache across dtypes", ["seed 5", "randn 1 f32", "randn 1 f64", "randn 3 f64", "randn 2 f32"]))
    out.append(("normal cache survives the fill path", ["seed 6", "randn 1 f64", "randn 20 f64", "randn 1 f64", "randn 17 f32", "randn 1 f32"]))
    out.append(("manual_seed clears the cache", ["seed 7", "randn 1 f32", "seed 7", "randn 2 f32"]))
    out.append(("randint", [
        "seed 0", "randint 0 10 5 i64", "randint -5 5 3,4 i64", "randint 0 2 8 bool",
        "randint 0 256 10 u8", "randint -100 100 10 i32", "randint 3 4 5 i64",
        "randint 0 10 6 f32", "randint 0 1000 6 f64", "randint 0 32768 7 i16", "randint -128 128 6 i8",
    ]))
    out.append(("randint wide ranges", [
        "seed 42", f"randint 0 {2**32} 6 i64", f"randint {-2**40} {2**40} 6 i64",
        f"randint {-2**63} {2**63 - 1} 6 i64", f"randint 0 {2**32 - 1} 6 i64", f"randint 0 {2**33} 4 f64",
    ]))
    out.append(("randint seeds", ["seed 1234", "randint 0 1000000 200 i64", "seed -1", "randint 7 9 50 i64"]))
    out.append(("randperm", [
        "seed 0", "randperm 5 i64", "randperm 1 i64", "randperm 2 i64", "randperm 10 i32",
        "randperm 100 i64", "randperm 1000 i64", "randperm 50 f32", "randperm 30 f64", "randperm 200 u8",
        "randperm 0 i64",
    ]))
    out.append(("randperm seeds", ["seed 42", "randperm 17 i64", "seed 2**40".replace("2**40", str(2**40 + 5)), "randperm 64 i16"]))
    out.append(("uniform_", [
        "seed 0", "uniform_ 5 f32 -1 1", "uniform_ 5 f64 -1 1", "uniform_ 100 f32 0.1 3.3",
        "uniform_ 100 f64 0.1 3.3", "uniform_ 4,6 f32 -2 5 t", "uniform_ 6 f64 2 2", "uniform_ 40 f32 -0.5 0.5 s",
        "uniform_ - f32 0 1", "uniform_ 3,5 f64 -7 -3 t",
    ]))
    # nn.Linear(in, out).reset_parameters(): kaiming_uniform_(a=sqrt(5)) on the weight, then
    # the bias with bound 1/sqrt(in). The weight bound is computed as PyTorch computes it.
    linear = ["seed 0"]
    for fan_in, fan_out in ((16, 10), (3, 4), (784, 128)):
        gain = math.sqrt(2.0 / (1 + 5))
        weight_bound = math.sqrt(3.0) * (gain / math.sqrt(fan_in))
        bias_bound = 1 / math.sqrt(fan_in)
        linear += [f"uniform_ {fan_out},{fan_in} f32 {-weight_bound!r} {weight_bound!r}",
                   f"uniform_ {fan_out} f32 {-bias_bound!r} {bias_bound!r}"]
    out.append(("nn.Linear init", linear))
    out.append(("normal_", [
        "seed 0", "normal_ 5 f32 0.3 2.5", "normal_ 5 f64 0.3 2.5", "normal_ 100 f32 -3.7 0.013",
        "normal_ 100 f64 -3.7 0.013", "normal_ 4,6 f32 1 2 t", "normal_ 40 f32 0 1 s", "normal_ 33 f64 0 1 s",
        "normal_ 17 f32 0 0", "normal 2 3 6 f32", "normal -1 0.5 40 f64", "normal 0 1 3,7 f32",
    ]))
    out.append(("exponential_", [
        "seed 0", "exponential_ 5 f32 1", "exponential_ 50 f64 1.5", "exponential_ 20 f32 0.25",
        "exponential_ 3,4 f32 2 t", "exponential_ 4 f32 inf",
    ]))
    out.append(("bernoulli scalar p", [
        "seed 0", "bernoulli_ 10 f32 0.5", "bernoulli_ 10 f64 0.3", "bernoulli_ 20 i64 0.7",
        "bernoulli_ 20 bool 0.5", "bernoulli_ 5 f32 0", "bernoulli_ 5 f32 1", "bernoulli_ 3,4 f32 0.5 t",
        "bernoulli_ 1000 u8 0.1",
    ]))
    out.append(("bernoulli tensor p", [
        "seed 0", "rand 12 f32", "bernoulli", "rand 3,4 f64", "bernoulli", "rand 5 f32", "bernoulli_t 3,5 f32",
        "rand 4 f64", "bernoulli_t 2,4 i64", "rand 3,1 f32", "bernoulli_t 3,4 bool",
        "tensor 0,1,0.5,1,0 5 f32", "bernoulli", "rand 2,3 f32", "transpose", "bernoulli",
    ]))
    out.append(("multinomial with replacement", [
        "seed 0", "rand 5 f32", "multinomial 10 true", "rand 3,7 f64", "multinomial 20 true",
        "tensor 0,0,1,0 4 f32", "multinomial 5 true", "tensor 1,2,3,4,5,6 2,3 f32", "multinomial 8 true",
        "rand 1000 f32", "multinomial 300 true",
    ]))
    out.append(("multinomial without replacement", [
        "seed 0", "rand 5 f32", "multinomial 3 false", "rand 3,7 f64", "multinomial 7 false",
        "rand 10 f32", "multinomial 1 false", "rand 2,6 f32", "multinomial 1 true",
        "tensor 0.1,0.2,0.3,0.4 4 f32", "multinomial 4 false", "rand 1000 f32", "multinomial 50 false",
        "tensor 0,0,1,0,2 5 f64", "multinomial 2 false",
    ]))
    out.append(("dropout", [
        "seed 0", "randn 10 f32", "dropout 0.5", "randn 100 f32", "dropout 0.3", "randn 7,9 f64", "dropout 0.1",
        "randn 4,5 f32", "transpose", "dropout 0.25", "randn 6 f32", "dropout 1", "randn 3 f32", "dropout 0",
        "randn 1000 f32", "dropout 0.7",
    ]))
    return out


def swift_list(values, kind):
    if kind == "f32":
        return ", ".join(f"0x{v:08x}" for v in values)
    if kind == "f64":
        return ", ".join(f"0x{v:016x}" for v in values)
    return ", ".join(str(v) for v in values)


def main():
    torch.set_num_threads(1)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "Tests", "TensorEngineTests", "RandomGoldens.swift")

    # Sanity checks on the assumptions the steps encode.
    torch.manual_seed(0)
    layer = torch.nn.Linear(3, 4)
    torch.manual_seed(0)
    b_w = math.sqrt(3.0) * (math.sqrt(2.0 / 6) / math.sqrt(3))
    w = torch.empty(4, 3).uniform_(-b_w, b_w)
    b = torch.empty(4).uniform_(-1 / math.sqrt(3), 1 / math.sqrt(3))
    assert torch.equal(layer.weight.data, w) and torch.equal(layer.bias.data, b), "nn.Linear init changed"

    lines = [
        "// Generated by Tests/Scripts/record_random.py; do not edit. Re-run the script to update.",
        f"// Recorded with PyTorch {torch.__version__} on {torch.backends.cpu.get_cpu_capability()}.",
        "",
        "enum RandomGoldens {",
        f'    static let torchVersion = "{torch.__version__}"',
        "",
        "    /// torch.initial_seed() after torch.manual_seed(seed).",
        "    static let initialSeeds: [(seed: Int64, initialSeed: UInt64)] = [",
    ]
    for seed in SEEDS + [-2**63, 2**63 - 1, 2**32 + 7]:
        torch.manual_seed(seed)
        lines.append(f"        ({seed}, {torch.initial_seed()}),")
    lines += ["    ]", "", "    static let cases: [RandomGoldenCase] = ["]
    for name, steps in cases():
        outputs = run(steps)
        lines.append("        RandomGoldenCase(")
        lines.append(f'            name: "{name}",')
        lines.append("            steps: [" + ", ".join(f'"{s}"' for s in steps) + "],")
        lines.append("            outputs: [")
        for tensor in outputs:
            kind, values = bit_patterns(tensor)
            shape = "[" + ", ".join(str(s) for s in tensor.shape) + "]"
            head = swift_list(values[:HEAD], kind)
            constructor = {"f32": "float32", "f64": "float64", "int": "integers"}[kind]
            dtype = str(tensor.dtype).replace("torch.", "")
            lines.append(
                f"                .{constructor}(dtype: \"{dtype}\", shape: {shape}, count: {len(values)}, "
                f"hash: 0x{fnv(values):016x}, head: [{head}]),")
        lines.append("            ]),")
    lines += ["    ]", "}", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
