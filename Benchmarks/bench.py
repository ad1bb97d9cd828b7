#!/usr/bin/env python3
"""Benchmark table: TensorTutor's engine against PyTorch (and NumPy), one thread.

Usage: bench.py [--binary PATH] [--rounds N] [--filter TEXT]

Each case is timed with `tensortutor timeit --json` and, when PyTorch is installed,
with Python's timeit under torch.set_num_threads(1), alternating ours and theirs for
N rounds (default 3) and keeping each side's median, so both are measured on the same
machine in the same run. The ratio column is ours / PyTorch's; the targets are in the
performance issue: <= 0.5 on small ops, a geometric mean <= 1.0 on the large ones with
no op above 2.0. The last lines time a piped one-liner against `python -c 'import torch'`.
"""
import argparse
import json
import math
import statistics
import subprocess
import sys
import time
import timeit

CASES = [
    ("softmax 4x10 / T", "x = torch.randn(4, 10)", "F.softmax(x / 2.0, dim=1)", "small"),
    ("slice 4x10", "x = torch.randn(4, 10)", "x[:, 0:3]", "small"),
    ("softmax 1000x1000", "x = torch.randn(1000, 1000)", "F.softmax(x, dim=1)", "large"),
    ("log_softmax 1000x1000", "x = torch.randn(1000, 1000)", "F.log_softmax(x, dim=1)", "large"),
    ("broadcast add", "x = torch.randn(1000, 1000); b = torch.randn(1000)", "x + b", "large"),
    ("sum dim 1", "x = torch.randn(1000, 1000)", "x.sum(dim=1)", "large"),
    ("transpose copy", "y = torch.randn(1000, 1000)", "y.t().contiguous()", "large"),
    ("matmul 256", "a = torch.randn(256, 256); b = torch.randn(256, 256)", "a @ b", "large"),
    ("matmul 512", "a = torch.randn(512, 512); b = torch.randn(512, 512)", "a @ b", "large"),
    ("cross_entropy 1000x1000", "x = torch.randn(1000, 1000); t = torch.randint(0, 1000, (1000,))", "F.cross_entropy(x, t)", "large"),
    ("masked_fill + softmax", "s = torch.randn(512, 512); m = torch.triu(torch.ones(512, 512), diagonal=1).bool()",
     "s.masked_fill(m, float('-inf')).softmax(dim=-1)", "large"),
    ("swin bias gather", "table = torch.randn(169, 4); idx = torch.randint(0, 169, (49, 49))",
     "table[idx.view(-1)].view(49, 49, -1).permute(2, 0, 1).contiguous()", "large"),
    ("randn 1M (fill)", "torch.manual_seed(0)", "torch.randn(1000000)", "rng"),
    ("window attention", "q = torch.randn(64, 4, 49, 32); k = torch.randn(64, 4, 49, 32); v = torch.randn(64, 4, 49, 32); bias = torch.randn(4, 49, 49)",
     "((q @ k.transpose(-2, -1)) * 32 ** -0.5 + bias.unsqueeze(0)).softmax(dim=-1) @ v", "large"),
    # Training steps: forward, backward and the optimizer's update.
    ("train step Linear 512 (SGD)",
     "net = torch.nn.Linear(512, 512); x = torch.randn(256, 512); y = torch.randn(256, 512); opt = torch.optim.SGD(net.parameters(), lr=0.01)",
     "opt.zero_grad(); F.mse_loss(net(x), y).backward(); opt.step()", "large"),
    ("distillation step 4x10",
     "s = torch.randn(4, 10, requires_grad=True); t = torch.randn(4, 10); y = torch.tensor([1, 0, 3, 2])",
     "s.grad = None; (F.cross_entropy(s, y) + F.kl_div(F.log_softmax(s / 2.0, dim=1), F.softmax(t / 2.0, dim=1), reduction='batchmean') * 4.0).backward()",
     "small"),
]


def ours(binary, setup, expr):
    out = subprocess.run([binary, "timeit", "--json", "--setup", setup, expr], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])["median_s"]


def theirs(setup, expr):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None
    torch.set_num_threads(1)
    namespace = {"torch": torch, "F": F}
    exec(setup, namespace)
    timer = timeit.Timer(expr, globals=namespace)
    loops, _ = timer.autorange()
    runs = sorted(t / loops for t in timer.repeat(5, loops))
    return runs[len(runs) // 2]


def startup(binary, runs=20):
    """Median wall time of `echo CODE | tensortutor` and of python importing torch."""
    def wall(command, stdin=None):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True)
        return time.perf_counter() - start
    ours_s = statistics.median(wall([binary], b"print(torch.ones(2) + 1)\n") for _ in range(runs))
    try:
        import torch  # noqa: F401  (only to know whether the comparison can run)
        python_s = statistics.median(wall([sys.executable, "-c", "import torch; print(torch.ones(2) + 1)"]) for _ in range(3))
    except ImportError:
        python_s = None
    return ours_s, python_s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/tensortutor")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--filter", default="", help="only the cases whose name contains this text")
    args = parser.parse_args()
    print(f"{'case':26s} {'ours':>12s} {'pytorch':>12s} {'ratio':>7s}")
    large = []
    for name, setup, expr, kind in CASES:
        if args.filter and args.filter not in name:
            continue
        ours_runs, theirs_runs = [], []
        for _ in range(max(1, args.rounds)):
            ours_runs.append(ours(args.binary, setup, expr))
            theirs_runs.append(theirs(setup, expr))
        a = statistics.median(ours_runs) if None not in ours_runs else None
        b = statistics.median(theirs_runs) if None not in theirs_runs else None
        ratio = a / b if a and b else None
        if ratio and kind == "large":
            large.append(ratio)
        fmt = lambda s: f"{s * 1e6:10.1f}us" if s else "         n/a"
        print(f"{name:26s} {fmt(a)} {fmt(b)} {ratio:7.2f}" if ratio else f"{name:26s} {fmt(a)} {fmt(b)}     n/a", flush=True)
    if large:
        print(f"geometric mean of large-op ratios: {math.exp(sum(map(math.log, large)) / len(large)):.2f}, worst {max(large):.2f}")
    ours_s, python_s = startup(args.binary)
    print(f"startup, piped one-liner: {ours_s * 1e3:.1f} ms", end="")
    print(f"; python -c 'import torch; ...': {python_s * 1e3:.0f} ms ({python_s / ours_s:.0f}x)" if python_s else "")


if __name__ == "__main__":
    main()
