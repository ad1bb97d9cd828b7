#!/usr/bin/env python3
"""Record PyTorch's tensor reprs as Swift test fixtures for the engine's printer.

Runs real PyTorch over a fixed list of tensors (every dtype, 0-d, empty, wrapped,
summarized, scientific, nan/inf, negative zero, non-default print options) plus every
tensor-valued result in the shared conformance cases, and writes
Tests/TensorEngineTests/PrintingFixtures.swift. The Swift tests then replay these
cases without needing PyTorch.

Usage (from the repository root):
    python3 Tests/Scripts/record_printing.py [--conformance PATH] [--output PATH]

The output is deterministic: random tensors use torch.manual_seed before each case.
"""

import argparse
import json
import math
import pathlib
import struct
import sys

import torch

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO / "Tests" / "TensorEngineTests" / "PrintingFixtures.swift"
DEFAULT_CONFORMANCE = pathlib.Path("/work/shared/conformance/cases.jsonl")

DTYPES = {
    "bool": torch.bool,
    "uint8": torch.uint8,
    "int8": torch.int8,
    "int16": torch.int16,
    "int32": torch.int32,
    "int64": torch.int64,
    "float32": torch.float32,
    "float64": torch.float64,
}
DTYPE_NAMES = {dtype: name for name, dtype in DTYPES.items()}
DEFAULT_OPTIONS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}

nan, inf = math.nan, math.inf


def seeded(seed, make):
    """A case whose tensor comes from the RNG, reseeded so the case is reproducible."""

    def build():
        torch.manual_seed(seed)
        return make()

    return build


def t(values, dtype=None):
    return lambda: torch.tensor(values, dtype=dtype)


def generated_cases():
    """(name, tensor factory, print-option overrides) for the hand-picked cases."""
    f64, i32 = torch.float64, torch.int32
    cases = []

    def add(name, make, **options):
        cases.append((name, make, options))

    # Every dtype: 0-d, short vector, matrix, wrapped vector, the three empty shapes.
    samples = {
        "bool": [True, False, True, True],
        "uint8": [0, 7, 255, 16],
        "int8": [-128, 5, 127, -3],
        "int16": [-32768, 12, 32767, 0],
        "int32": [-2147483648, 1, 2147483647, -40],
        "int64": [-9223372036854775808, 3, 9223372036854775807, 10],
        "float32": [0.1, -1.5, 2.25, 1000.0],
        "float64": [0.1, -1.5, 2.25, 1000.0],
    }
    for name, dtype in DTYPES.items():
        values = samples[name]
        add(f"{name}-scalar", t(values[1], dtype))
        add(f"{name}-scalar-first", t(values[0], dtype))
        add(f"{name}-vector", t(values, dtype))
        add(f"{name}-matrix", t([values, values[::-1]], dtype))
        add(f"{name}-3d", lambda d=dtype, v=values: torch.tensor(v * 3, dtype=d).reshape(3, 2, 2))
        add(f"{name}-4d", lambda d=dtype, v=values: torch.tensor(v * 4, dtype=d).reshape(2, 2, 2, 2))
        add(f"{name}-wrapped", lambda d=dtype, v=values: torch.tensor(v * 10, dtype=d))
        add(f"{name}-empty", lambda d=dtype: torch.empty(0, dtype=d))
        add(f"{name}-empty-0x3", lambda d=dtype: torch.empty(0, 3, dtype=d))
        add(f"{name}-empty-2x0x3", lambda d=dtype: torch.empty(2, 0, 3, dtype=d))
        add(f"{name}-summarized", lambda d=dtype, v=values: torch.tensor(v * 251, dtype=d)[:1001])
        add(f"{name}-summarized-2d", lambda d=dtype, v=values: torch.tensor(v * 300, dtype=d).reshape(40, 30))
        add(f"{name}-column", lambda d=dtype, v=values: torch.tensor(v * 3, dtype=d).reshape(12, 1))

    # Fixed, integer and scientific modes and the boundaries between them.
    add("fixed-basic", t([0.1, 1.5, -2.25]))
    add("int-mode", t([1.0, 2.0, 3.0]))
    add("int-mode-negative", t([-1.0, 0.0, 100.0]))
    add("int-mode-large", t([100000000.0, 1.0]))
    add("int-mode-1e8-alone", t([100000000.0]))
    add("ratio-exactly-1000", t([1.0, 1000.0]))
    add("ratio-above-1000", t([1.0, 1001.0]))
    add("max-above-1e8", t([123456789.0]))
    add("min-below-1e-4", t([0.00009, 0.5]))
    add("min-1e-4-float32", t([0.0001, 0.5]))
    add("min-1e-4-float64", t([0.0001, 0.5], f64))
    add("sci-wide-range", t([1e-5, 1e5]))
    add("sci-tiny-float64", t([1e-300, 1.0], f64))
    add("sci-huge-float64", t([1e300, -1.0], f64))
    add("sci-int-valued", t([1.0, 1e6]))
    add("sci-with-zero", t([0.0, 1e-8, -3.0]))
    add("subnormal-float32", t([1e-45, 1.0]))
    add("fixed-mixed-widths", t([-123.456, 0.001, 7.0]))
    add("fixed-big-values", t([12345.678, -0.5]))
    add("rounding-ties", t([0.125, 0.375, 2.5, -0.0625], f64), precision=2)
    add("rounding-half-even-precision-0", t([0.5, 1.5, 2.5, 3.25]), precision=0)

    # Zeros, negative zero, nan and inf.
    add("zero-scalar", t(0.0))
    add("negative-zero-scalar", t(-0.0))
    add("negative-zero-vector", t([-0.0, 0.0]))
    add("negative-zero-fixed", t([-0.0, 1.5]))
    add("negative-zero-sci", t([-0.0, 1e-5, 1.0]))
    add("zeros-matrix", lambda: torch.zeros(2, 3))
    add("nan-scalar", t(nan))
    add("inf-scalar", t(inf))
    add("negative-inf-scalar", t(-inf))
    add("nan-inf-only", t([nan, inf, -inf]))
    add("nan-inf-fixed", t([1.5, nan, inf, -inf]))
    add("nan-with-ints", t([1.0, nan, inf, -inf]))
    add("nan-with-zero", t([0.0, nan]))
    add("nan-with-sci", t([nan, 1e-8, 2.0]))
    add("all-nan-matrix", lambda: torch.full((2, 3), nan))
    add("nan-float64", t([nan, 0.25], f64))
    add("negative-nan", lambda: torch.tensor([0.0, 1.5]) / torch.tensor([0.0, 1.0]))

    # Integer widths and suffixes.
    add("int-widths", t([1, -10, 100, -1000]))
    add("int32-suffix", t([1, 2, 3], i32))
    add("int64-large", t([2**62, -(2**40), 7]))
    add("bool-matrix", t([[True, False], [False, True]]))
    add("uint8-arange", lambda: torch.arange(200, dtype=torch.uint8))

    # Wrapping of vectors and of the dtype suffix onto its own line.
    for length in range(6, 21):
        add(f"float64-suffix-{length}", lambda n=length: torch.arange(n, dtype=f64) + 0.5)
    for length in (17, 18, 19, 20, 21, 22, 23, 24, 25):
        add(f"int32-suffix-{length}", lambda n=length: torch.arange(n, dtype=i32) * 1000)
    add("float64-matrix-suffix", lambda: torch.arange(24, dtype=f64).reshape(2, 12) * 1.25)
    add("int16-3d-suffix", lambda: torch.arange(60, dtype=torch.int16).reshape(3, 4, 5) * 100)

    # Random data from a fixed seed.
    add("randn-5", seeded(0, lambda: torch.randn(5)))
    add("randn-4x5", seeded(1, lambda: torch.randn(4, 5)))
    add("randn-2x3x4", seeded(2, lambda: torch.randn(2, 3, 4)))
    add("randn-2x2x2x2", seeded(3, lambda: torch.randn(2, 2, 2, 2)))
    add("randn-7x13", seeded(4, lambda: torch.randn(7, 13)))
    add("randn-scaled-up", seeded(5, lambda: torch.randn(12) * 1000))
    add("randn-scaled-down", seeded(6, lambda: torch.randn(3, 3) * 1e-3))
    add("randn-float64", seeded(7, lambda: torch.randn(3, 4, dtype=f64)))
    add("randint-matrix", seeded(8, lambda: torch.randint(-1000, 1000, (5, 6))))
    add("rand-100", seeded(9, lambda: torch.rand(100)))

    # Summarization: the threshold is crossed at 1001 elements.
    add("arange-1000", lambda: torch.arange(1000.0))
    add("arange-1001", lambda: torch.arange(1001.0))
    add("arange-int-1001", lambda: torch.arange(1001))
    add("randn-1001", seeded(10, lambda: torch.randn(1001)))
    add("randn-40x30", seeded(11, lambda: torch.randn(40, 30)))
    add("randn-10x10x11", seeded(12, lambda: torch.randn(10, 10, 11)))
    add("randn-2x3x200", seeded(13, lambda: torch.randn(2, 3, 200)))
    add("randn-1001x1", seeded(14, lambda: torch.randn(1001, 1)))
    add("randn-4x4x4x20", seeded(15, lambda: torch.randn(4, 4, 4, 20)))
    add("summarized-edge-sci", lambda: torch.cat([torch.tensor([1e-6]), torch.ones(1000), torch.tensor([5.0])]))
    add("summarized-middle-ignored", lambda: torch.cat([torch.ones(3), torch.full((995,), 1e-9), torch.ones(3)]))
    add("summarized-int32", lambda: torch.arange(2000, dtype=i32).reshape(50, 40))

    # Non-default print options.
    add("option-precision-2", seeded(16, lambda: torch.randn(6)), precision=2)
    add("option-precision-8", t([0.1, 1 / 3]), precision=8)
    add("option-sci-true", t([0.5, 2.0]), sci_mode=True)
    add("option-sci-true-zeros", t([0.0, 0.0]), sci_mode=True)
    add("option-sci-false", t([1e-5, 1e5]), sci_mode=False)
    add("option-sci-false-huge", t([1e20, 1.5], f64), sci_mode=False)
    add("option-linewidth-40", seeded(17, lambda: torch.randn(20)), linewidth=40)
    add("option-linewidth-40-suffix", lambda: torch.arange(12, dtype=f64) * 1.5, linewidth=40)
    add("option-linewidth-5", t([1.5, 2.5, 3.5]), linewidth=5)
    add("option-threshold-5", lambda: torch.arange(10), threshold=5)
    add("option-threshold-5-2d", lambda: torch.arange(64.0).reshape(8, 8), threshold=5)
    add("option-edgeitems-1", lambda: torch.arange(2000.0).reshape(20, 100), edgeitems=1)
    add("option-edgeitems-0-1d", lambda: torch.arange(2000.0), edgeitems=0)
    add("option-edgeitems-0-2d", lambda: torch.arange(2000.0).reshape(20, 100), edgeitems=0)
    add("option-short-profile", lambda: torch.arange(2000.0).reshape(20, 100) / 7, precision=2, edgeitems=2)
    add("option-threshold-inf", lambda: torch.arange(1100, dtype=torch.int16), threshold=inf)
    return cases


def conformance_cases(path):
    """(name, tensor factory, {}) for every tensor in the conformance results, with the repr
    PyTorch recorded there; the factory rebuilds the tensor so the repr can be re-checked."""
    cases = []
    if not path.exists():
        print(f"warning: {path} not found; skipping conformance cases", file=sys.stderr)
        return cases
    for line in path.read_text().splitlines():
        record = json.loads(line)
        found = []
        collect_tensors(record.get("result"), found)
        for index, encoded in enumerate(found):
            name = record["id"] if len(found) == 1 else f"{record['id']}-{index}"
            cases.append((name, rebuild(encoded), {}, encoded["repr"]))
    return cases


def collect_tensors(value, found):
    if not isinstance(value, dict):
        return
    if value.get("type") == "tensor":
        found.append(value)
    for item in value.get("items") or []:
        collect_tensors(item, found)


def rebuild(encoded):
    dtype = DTYPES[encoded["dtype"]]

    def decode(value):
        return float(value) if isinstance(value, str) else value

    values = [decode(v) for v in encoded["values"]]
    return lambda: torch.tensor(values, dtype=dtype).reshape(encoded["shape"])


def value_token(value, dtype):
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return shortest_float32(value) if dtype == torch.float32 else repr(value)
    return str(value)


def shortest_float32(value):
    """The fewest significant digits that still parse back to the same float32, which
    keeps the fixture file about half the size of full double reprs."""
    if not math.isfinite(value):
        return repr(value)
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == value:
            return text
    return repr(value)


def swift_string(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def swift_options(options):
    if not options:
        return ".init()"
    names = {"precision": "precision", "threshold": "threshold", "edgeitems": "edgeItems",
             "linewidth": "lineWidth", "sci_mode": "sciMode"}
    order = ["precision", "threshold", "edgeitems", "linewidth", "sci_mode"]
    parts = []
    for key in order:
        if key not in options:
            continue
        value = options[key]
        if key == "threshold" and value == inf:
            text = "Int.max"
        elif isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = str(value)
        parts.append(f"{names[key]}: {text}")
    return ".init(" + ", ".join(parts) + ")"


def record(name, make, options, expected=None):
    tensor = make()
    with torch._tensor_str.printoptions(**{**DEFAULT_OPTIONS, **options}):
        actual = repr(tensor)
    if expected is not None and actual != expected:
        print(f"warning: {name}: rebuilt tensor prints differently; keeping the recorded repr",
              file=sys.stderr)
        actual = expected
    values = " ".join(value_token(v, tensor.dtype) for v in tensor.reshape(-1).tolist())
    return (
        "    PrintingFixture(\n"
        f"        name: {swift_string(name)}, dtype: .{DTYPE_NAMES[tensor.dtype]}, "
        f"shape: {list(tensor.shape)}, options: {swift_options(options)},\n"
        f"        values: {swift_string(values)},\n"
        f"        expected: {swift_string(actual)}),\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conformance", type=pathlib.Path, default=DEFAULT_CONFORMANCE)
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    arguments = parser.parse_args()

    entries = [record(name, make, options) for name, make, options in generated_cases()]
    entries += [record(*case) for case in conformance_cases(arguments.conformance)]
    header = (
        "// Generated by Tests/Scripts/record_printing.py from PyTorch "
        f"{torch.__version__.split('+')[0]}. Do not edit; rerun the script.\n"
        "// Values are space-separated Python reprs (float32 ones in their shortest float32 form),\n"
        "// so the type checker sees one string literal per case.\n\n"
        "import TensorEngine\n\n"
        "let printingFixtures: [PrintingFixture] = [\n"
    )
    arguments.output.write_text(header + "".join(entries) + "]\n")
    print(f"wrote {len(entries)} cases to {arguments.output}")


if __name__ == "__main__":
    main()
