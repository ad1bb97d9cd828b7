#!/usr/bin/env python3
"""Benchmark table: TensorTutor's engine against PyTorch (and NumPy), one thread.

Usage: bench.py [--binary PATH] [--rounds N] [--filter TEXT]

Each case is timed with `tensortutor timeit --json` and, when PyTorch is installed,
with Python's timeit under torch.set_num_threads(1), alternating ours and theirs for
N rounds (default 3) and keeping each side's median, so both are measured on the same
machine in the same run. The ratio column is ours / PyTorch's; the targets are in the
performance issue: a geometric mean <= 1.0 across all ops with no op above 2.0, and
<= 0.5 on small (4x10) ops. The summary names the worst op. The last lines time a piped one-liner against `python -c 'import torch'`.
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
    # Issue 19's op families, one thread: transcendental unaries on 1000x1000.
    ("exp 1000x1000", "x = torch.randn(1000, 1000)", "x.exp()", "large"),
    ("log 1000x1000", "x = torch.rand(1000, 1000) + 0.1", "x.log()", "large"),
    ("tanh 1000x1000", "x = torch.randn(1000, 1000)", "x.tanh()", "large"),
    ("sigmoid 1000x1000", "x = torch.randn(1000, 1000)", "x.sigmoid()", "large"),
    ("erf 1000x1000", "x = torch.randn(1000, 1000)", "torch.erf(x)", "large"),
    ("gelu 1000x1000", "x = torch.randn(1000, 1000)", "F.gelu(x)", "large"),
    ("gelu tanh 1000x1000", "x = torch.randn(1000, 1000)", "F.gelu(x, approximate='tanh')", "large"),
    ("silu 1000x1000", "x = torch.randn(1000, 1000)", "F.silu(x)", "large"),
    ("softplus 1000x1000", "x = torch.randn(1000, 1000)", "F.softplus(x)", "large"),
    ("sqrt 1000x1000", "x = torch.rand(1000, 1000)", "x.sqrt()", "large"),
    ("rsqrt 1000x1000", "x = torch.rand(1000, 1000) + 0.01", "x.rsqrt()", "large"),
    ("expm1 1000x1000", "x = torch.randn(1000, 1000)", "x.expm1()", "large"),
    ("log1p 1000x1000", "x = torch.rand(1000, 1000)", "x.log1p()", "large"),
    ("sin 1000x1000", "x = torch.randn(1000, 1000)", "x.sin()", "large"),
    ("pow 1000x1000", "x = torch.rand(1000, 1000)", "x.pow(1.7)", "large"),
    ("cos 1000x1000", "x = torch.randn(1000, 1000)", "x.cos()", "large"),
    ("pow 2.5 1000x1000", "x = torch.rand(1000, 1000)", "x ** 2.5", "large"),
    ("pow tensor 1000x1000", "x = torch.rand(1000, 1000); e = torch.rand(1000, 1000) * 2", "x ** e", "large"),
    ("abs 1000x1000", "x = torch.randn(1000, 1000)", "x.abs()", "large"),
    ("neg 1000x1000", "x = torch.randn(1000, 1000)", "x.neg()", "large"),
    ("relu 1000x1000", "x = torch.randn(1000, 1000)", "F.relu(x)", "large"),
    ("reciprocal 1000x1000", "x = torch.randn(1000, 1000)", "x.reciprocal()", "large"),
    ("sign 1000x1000", "x = torch.randn(1000, 1000)", "x.sign()", "large"),
    ("floor 1000x1000", "x = torch.randn(1000, 1000)", "x.floor()", "large"),
    ("round 1000x1000", "x = torch.randn(1000, 1000)", "x.round()", "large"),
    ("frac 1000x1000", "x = torch.randn(1000, 1000)", "x.frac()", "large"),
    ("log2 1000x1000", "x = torch.rand(1000, 1000) + 0.1", "x.log2()", "large"),
    ("log10 1000x1000", "x = torch.rand(1000, 1000) + 0.1", "x.log10()", "large"),
    ("exp2 1000x1000", "x = torch.randn(1000, 1000)", "x.exp2()", "large"),
    ("erfinv 1000x1000", "x = torch.rand(1000, 1000) * 2 - 1", "torch.erfinv(x)", "large"),
    ("atan2 1000x1000", "y = torch.randn(1000, 1000); x = torch.randn(1000, 1000)", "torch.atan2(y, x)", "large"),
    ("erf wide 1000x1000", "x = torch.rand(1000, 1000) * 8 - 4", "torch.erf(x)", "large"),
    ("hardswish 1000x1000", "x = torch.randn(1000, 1000)", "F.hardswish(x)", "large"),
    ("hardsigmoid 1000x1000", "x = torch.randn(1000, 1000)", "F.hardsigmoid(x)", "large"),
    ("leaky_relu 1000x1000", "x = torch.randn(1000, 1000)", "F.leaky_relu(x, 0.1)", "large"),
    ("softsign 1000x1000", "x = torch.randn(1000, 1000)", "F.softsign(x)", "large"),
    ("elu 1000x1000", "x = torch.randn(1000, 1000)", "F.elu(x)", "large"),
    ("logsigmoid 1000x1000", "x = torch.randn(1000, 1000)", "F.logsigmoid(x)", "large"),
    ("erf 4x10", "x = torch.randn(4, 10)", "torch.erf(x)", "small"),
    ("nan_to_num 1000x1000", "x = torch.randn(1000, 1000)", "x.nan_to_num()", "large"),
    ("lerp tensor weight", "a = torch.randn(1000, 1000); b = torch.randn(1000, 1000); w = torch.rand(1000, 1000)",
     "torch.lerp(a, b, w)", "large"),
    # Normalisation and losses.
    ("layer_norm 1000x1000", "x = torch.randn(1000, 1000); w = torch.randn(1000); b = torch.randn(1000)",
     "F.layer_norm(x, (1000,), w, b)", "large"),
    ("group_norm 64x32x28x28", "x = torch.randn(64, 32, 28, 28)", "F.group_norm(x, 8)", "large"),
    ("batch_norm eval", "x = torch.randn(64, 32, 28, 28); m = torch.randn(32); v = torch.rand(32) + 0.5",
     "F.batch_norm(x, m, v)", "large"),
    ("binary_cross_entropy", "p = torch.rand(1000, 1000) * 0.98 + 0.01; y = torch.rand(1000, 1000)",
     "F.binary_cross_entropy(p, y)", "large"),
    ("bce with logits", "x = torch.randn(1000, 1000); y = torch.rand(1000, 1000)",
     "F.binary_cross_entropy_with_logits(x, y)", "large"),
    ("kl_div 1000x1000", "a = torch.randn(1000, 1000).log_softmax(1); b = torch.randn(1000, 1000).softmax(1)",
     "F.kl_div(a, b, reduction='batchmean')", "large"),
    ("mse_loss 1000x1000", "a = torch.randn(1000, 1000); b = torch.randn(1000, 1000)", "F.mse_loss(a, b)", "large"),
    ("smooth_l1 1000x1000", "a = torch.randn(1000, 1000); b = torch.randn(1000, 1000)", "F.smooth_l1_loss(a, b)", "large"),
    ("nll_loss 1000x1000", "x = torch.randn(1000, 1000).log_softmax(1); t = torch.randint(0, 1000, (1000,))",
     "F.nll_loss(x, t)", "large"),
    # Reductions along a dim.
    ("argmax dim 1", "x = torch.randn(1000, 1000)", "x.argmax(dim=1)", "large"),
    ("argmax dim 0", "x = torch.randn(1000, 1000)", "x.argmax(dim=0)", "large"),
    ("max dim 1 (values, indices)", "x = torch.randn(1000, 1000)", "x.max(dim=1)", "large"),
    ("var dim 1", "x = torch.randn(1000, 1000)", "x.var(dim=1)", "large"),
    ("logsumexp dim 1", "x = torch.randn(1000, 1000)", "x.logsumexp(dim=1)", "large"),
    ("cumsum dim 1", "x = torch.randn(1000, 1000)", "x.cumsum(dim=1)", "large"),
    ("mean dim 0", "x = torch.randn(1000, 1000)", "x.mean(dim=0)", "large"),
    ("prod dim 0", "x = torch.rand(1000, 1000) * 0.01 + 0.995", "x.prod(dim=0)", "large"),
    ("prod dim 1", "x = torch.rand(1000, 1000) * 0.01 + 0.995", "x.prod(dim=1)", "large"),
    ("amax dim 1", "x = torch.randn(1000, 1000)", "x.amax(dim=1)", "large"),
    ("amin dim 1", "x = torch.randn(1000, 1000)", "x.amin(dim=1)", "large"),
    ("max all", "x = torch.randn(1000, 1000)", "x.max()", "large"),
    ("norm dim 1", "x = torch.randn(1000, 1000)", "x.norm(dim=1)", "large"),
    ("norm all", "x = torch.randn(1000, 1000)", "x.norm()", "large"),
    ("median all", "x = torch.randn(1000, 1000)", "x.median()", "large"),
    # Indexing and joins.
    ("gather dim 1", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000, (1000, 1000))", "x.gather(1, i)", "large"),
    ("scatter_add dim 1", "x = torch.zeros(1000, 1000); i = torch.randint(0, 1000, (1000, 1000)); s = torch.randn(1000, 1000)",
     "x.scatter_add(1, i, s)", "large"),
    ("index_select dim 0", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000, (1000,))", "x.index_select(0, i)", "large"),
    ("masked_select", "x = torch.randn(1000, 1000); m = x > 0", "x.masked_select(m)", "large"),
    ("cat dim 1", "a = torch.randn(1000, 500); b = torch.randn(1000, 500)", "torch.cat([a, b], dim=1)", "large"),
    ("stack dim 0", "a = torch.randn(1000, 500); b = torch.randn(1000, 500)", "torch.stack([a, b])", "large"),
    ("where", "x = torch.randn(1000, 1000); y = torch.randn(1000, 1000); m = x > 0", "torch.where(m, x, y)", "large"),
    # Broadcast and non-contiguous elementwise.
    ("non-contiguous add", "x = torch.randn(1000, 1000); y = torch.randn(1000, 1000)", "x.t() + y", "large"),
    ("column broadcast mul", "x = torch.randn(1000, 1000); c = torch.randn(1000, 1)", "x * c", "large"),
    # Backward passes.
    ("softmax backward", "x = torch.randn(1000, 1000, requires_grad=True); g = torch.randn(1000, 1000)",
     "x.grad = None; F.softmax(x, dim=1).backward(g)", "large"),
    ("layer_norm backward", "x = torch.randn(1000, 1000, requires_grad=True); g = torch.randn(1000, 1000)",
     "x.grad = None; F.layer_norm(x, (1000,)).backward(g)", "large"),
    ("gelu backward", "x = torch.randn(1000, 1000, requires_grad=True); g = torch.randn(1000, 1000)",
     "x.grad = None; F.gelu(x).backward(g)", "large"),
    ("cross_entropy backward", "x = torch.randn(1000, 1000, requires_grad=True); t = torch.randint(0, 1000, (1000,))",
     "x.grad = None; F.cross_entropy(x, t).backward()", "large"),
    # Small tensors, where per-call overhead decides.
    ("exp 4x10", "x = torch.randn(4, 10)", "x.exp()", "small"),
    ("layer_norm 4x10", "x = torch.randn(4, 10)", "F.layer_norm(x, (10,))", "small"),
    ("argmax 4x10", "x = torch.randn(4, 10)", "x.argmax(dim=1)", "small"),
    ("cross_entropy 4x10", "x = torch.randn(4, 10); t = torch.tensor([1, 0, 3, 2])", "F.cross_entropy(x, t)", "small"),
    ("cat 4x10", "a = torch.randn(4, 10); b = torch.randn(4, 10)", "torch.cat([a, b], dim=1)", "small"),
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


def side_by_side(binary, setup, expr, rounds):
    """(ours, PyTorch's) medians over `rounds` alternating runs; None where a side failed."""
    ours_runs, theirs_runs = [], []
    for _ in range(max(1, rounds)):
        ours_runs.append(ours(binary, setup, expr))
        theirs_runs.append(theirs(setup, expr))
    a = statistics.median(ours_runs) if None not in ours_runs else None
    b = statistics.median(theirs_runs) if None not in theirs_runs else None
    return a, b


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
    print(f"{'case':30s} {'ours':>12s} {'pytorch':>12s} {'ratio':>7s}")
    ratios, small = {}, {}
    for name, setup, expr, kind in CASES:
        if args.filter and args.filter not in name:
            continue
        a, b = side_by_side(args.binary, setup, expr, args.rounds)
        ratio = a / b if a and b else None
        if ratio and kind != "rng":
            ratios[name] = ratio
            if kind == "small":
                small[name] = ratio
        fmt = lambda s: f"{s * 1e6:10.1f}us" if s else "         n/a"
        print(f"{name:30s} {fmt(a)} {fmt(b)} {ratio:7.2f}" if ratio else f"{name:30s} {fmt(a)} {fmt(b)}     n/a", flush=True)
    if ratios:
        worst = max(ratios, key=ratios.get)
        mean = math.exp(sum(map(math.log, ratios.values())) / len(ratios))
        print(f"geometric mean of {len(ratios)} ratios: {mean:.2f}; worst: {worst} at {ratios[worst]:.2f}"
              f"; ops above 2.0: {sum(r > 2.0 for r in ratios.values())}")
    if small:
        worst = max(small, key=small.get)
        print(f"small tensors: worst {worst} at {small[worst]:.2f} (target <= 0.5)")
    ours_s, python_s = startup(args.binary)
    print(f"startup, piped one-liner: {ours_s * 1e3:.1f} ms", end="")
    print(f"; python -c 'import torch; ...': {python_s * 1e3:.0f} ms ({python_s / ours_s:.0f}x)" if python_s else "")


if __name__ == "__main__":
    main()
