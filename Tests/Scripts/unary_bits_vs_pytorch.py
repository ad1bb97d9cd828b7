#!/usr/bin/env python3
"""Counts float32 results of the vector unary kernels that differ in any bit from PyTorch.

Usage: unary_bits_vs_pytorch.py [--binary PATH] [--count N] [--ops exp,tanh,...]

Each op runs over N evenly spaced inputs in several ranges (built as
arange * step + start, which rounds identically in both), through the release
binary and through PyTorch on one thread, and the script prints how many results
differ from PyTorch and from the double-precision libm value rounded once. The
project's references come from an AVX2 machine, so on an AVX-512 one run it as
    ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 python3 ...
Expected: sqrt, rsqrt, gelu_tanh and softplus match PyTorch everywhere (the last two
follow SLEEF, as PyTorch's vector blocks do); exp, log, tanh, expm1, log1p, sin, cos
and erf match the once-rounded libm value everywhere and PyTorch's MKL but for a few
percent of last bits (MKL is not correctly rounded).
"""
import argparse
import math
import subprocess

import numpy as np
import torch

RANGES = {
    "exp": [(-104.0, 90.0), (-3.0, 3.0)], "tanh": [(-10.0, 10.0), (-0.01, 0.01)],
    "log": [(0.0, 100.0), (0.5, 2.0)], "expm1": [(-20.0, 90.0), (-0.01, 0.01)],
    "log1p": [(-1.0, 100.0), (-0.01, 0.01)], "sqrt": [(0.0, 1000.0), (0.0, 1.0)], "rsqrt": [(0.0, 1000.0), (0.0, 1.0)],
    "sin": [(-10.0, 10.0), (-2e6, 2e6)], "cos": [(-10.0, 10.0), (-2e6, 2e6)], "erf": [(-5.0, 5.0), (-0.01, 0.01)],
    "gelu_tanh": [(-12.0, 12.0), (-0.01, 0.01)], "softplus": [(-30.0, 30.0), (-100.0, 100.0)],
}
# Ops that are not `torch.NAME(x)`: the expression PyTorch and the engine evaluate.
EXPRESSIONS = {"gelu_tanh": "F.gelu({x}, approximate='tanh')", "softplus": "F.softplus({x})"}
LIBM = {"exp": np.exp, "tanh": np.tanh, "log": np.log, "expm1": np.expm1, "log1p": np.log1p,
        "sqrt": np.sqrt, "rsqrt": lambda v: 1 / np.sqrt(v), "sin": np.sin, "cos": np.cos,
        "erf": np.vectorize(math.erf, otypes=[np.float64]),
        "gelu_tanh": lambda v: 0.5 * v * (1 + np.tanh(math.sqrt(2 / math.pi) * (v + 0.044715 * v ** 3))),
        "softplus": lambda v: np.where(v > 20, v, np.log1p(np.exp(v)))}


def expression(op, x):
    return EXPRESSIONS.get(op, "torch." + op + "({x})").format(x=x)


def inputs_code(count, start, stop):
    step = (stop - start) / count
    return f"torch.arange({count}, dtype=torch.float32) * {step!r} + {start!r}", step


def ours(binary, op, count, start, stop):
    code, _ = inputs_code(count, start, stop)
    program = f"x = {code}\nprint({expression(op, 'x')}.tolist())\n"
    out = subprocess.run([binary, "--max-items", str(4 * count), "--max-output-bytes", "4000000000", "--timeout", "0",
                          "--max-string-bytes", "4000000000", "-e", program],
                         capture_output=True, text=True, check=True)
    values = eval(out.stdout.strip(), {"nan": math.nan, "inf": math.inf})
    return np.array(values, dtype=np.float64).astype(np.float32)


def same_bits(a, b):
    return (a.view(np.int32) == b.view(np.int32)) | (np.isnan(a) & np.isnan(b))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/tensortutor")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--ops", default=",".join(RANGES))
    args = parser.parse_args()
    torch.set_num_threads(1)
    for op in args.ops.split(","):
        total = differ_torch = differ_libm = 0
        for start, stop in RANGES[op]:
            code, _ = inputs_code(args.count, start, stop)
            x = eval(code, {"torch": torch})
            theirs = eval(expression(op, "x"), {"torch": torch, "F": torch.nn.functional, "x": x}).numpy()
            mine = ours(args.binary, op, args.count, start, stop)
            with np.errstate(all="ignore"):
                libm = LIBM[op](x.numpy().astype(np.float64)).astype(np.float32)
            total += len(mine)
            differ_torch += int((~same_bits(mine, theirs)).sum())
            differ_libm += int((~same_bits(mine, libm)).sum())
        print(f"{op:6s} {total} inputs: {differ_torch} differ from PyTorch, {differ_libm} from libm rounded once", flush=True)


if __name__ == "__main__":
    main()
