#!/usr/bin/env python3
"""A wider sweep than bench.py's table: ops outside it, to find what a held-out table would catch.

Usage: sweep.py [--binary PATH] [--rounds N] [--filter TEXT] [--min-ratio R]

Times each case side by side with PyTorch (one thread) through bench.py's `ours` and
`theirs`, and prints ours / PyTorch's. --min-ratio prints only the rows at or above R.
"""
import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import side_by_side  # noqa: E402

RANDN = "x = torch.randn(1000, 1000)"
UNIT = "x = torch.rand(1000, 1000) * 1.8 - 0.9"
POSITIVE = "x = torch.rand(1000, 1000) + 0.1"
ABOVE_ONE = "x = torch.rand(1000, 1000) * 4 + 1.01"
PROB = "x = torch.rand(1000, 1000) * 0.98 + 0.01"

UNARY = [
    ("tan", RANDN, "x.tan()"), ("asin", UNIT, "x.asin()"), ("acos", UNIT, "x.acos()"),
    ("atan", RANDN, "x.atan()"), ("sinh", RANDN, "x.sinh()"), ("cosh", RANDN, "x.cosh()"),
    ("asinh", RANDN, "x.asinh()"), ("acosh", ABOVE_ONE, "x.acosh()"), ("atanh", UNIT, "x.atanh()"),
    ("log2", POSITIVE, "x.log2()"), ("log10", POSITIVE, "x.log10()"), ("exp2", RANDN, "x.exp2()"),
    ("expm1", RANDN, "x.expm1()"), ("log1p", POSITIVE, "x.log1p()"), ("rsqrt", POSITIVE, "x.rsqrt()"),
    ("reciprocal", RANDN, "x.reciprocal()"), ("sign", RANDN, "x.sign()"), ("abs", RANDN, "x.abs()"),
    ("neg", RANDN, "x.neg()"), ("square", RANDN, "x.square()"), ("erf", RANDN, "x.erf()"),
    ("erfc", RANDN, "x.erfc()"), ("erfinv", UNIT, "x.erfinv()"), ("lgamma", POSITIVE, "x.lgamma()"),
    ("digamma", POSITIVE, "x.digamma()"), ("sigmoid", RANDN, "x.sigmoid()"), ("logit", PROB, "x.logit()"),
    ("hardswish", RANDN, "F.hardswish(x)"), ("mish", RANDN, "F.mish(x)"), ("elu", RANDN, "F.elu(x)"),
    ("selu", RANDN, "F.selu(x)"), ("leaky_relu", RANDN, "F.leaky_relu(x)"), ("softsign", RANDN, "F.softsign(x)"),
    ("tanhshrink", RANDN, "F.tanhshrink(x)"), ("hardtanh", RANDN, "F.hardtanh(x)"), ("relu6", RANDN, "F.relu6(x)"),
    ("celu", RANDN, "F.celu(x)"), ("softplus", RANDN, "F.softplus(x)"), ("silu", RANDN, "F.silu(x)"),
    ("gelu", RANDN, "F.gelu(x)"), ("hardsigmoid", RANDN, "F.hardsigmoid(x)"), ("logsigmoid", RANDN, "F.logsigmoid(x)"),
    ("trunc", RANDN, "x.trunc()"), ("floor", RANDN, "x.floor()"), ("round", RANDN, "x.round()"),
    ("frac", RANDN, "x.frac()"), ("sinc", RANDN, "torch.sinc(x)"), ("nan_to_num", RANDN, "x.nan_to_num()"),
]

TWO = "x = torch.randn(1000, 1000); y = torch.randn(1000, 1000)"
BINARY = [
    ("pow tensor", "x = torch.rand(1000, 1000); y = torch.randn(1000, 1000)", "x.pow(y)"),
    ("pow scalar 3", RANDN, "x.pow(3)"), ("pow scalar 0.5", POSITIVE, "x.pow(0.5)"),
    ("scalar pow 2**x", RANDN, "2 ** x"),
    ("atan2", TWO, "torch.atan2(x, y)"), ("fmod", TWO, "torch.fmod(x, y)"), ("remainder", TWO, "torch.remainder(x, y)"),
    ("fmod scalar", RANDN, "torch.fmod(x, 0.3)"), ("remainder scalar", RANDN, "torch.remainder(x, 0.3)"),
    ("maximum", TWO, "torch.maximum(x, y)"), ("minimum", TWO, "torch.minimum(x, y)"), ("hypot", TWO, "torch.hypot(x, y)"),
    ("lerp scalar", TWO, "torch.lerp(x, y, 0.3)"), ("lerp tensor", TWO + "; w = torch.rand(1000, 1000)", "torch.lerp(x, y, w)"),
    ("where scalar", RANDN, "torch.where(x > 0, x, 0.0)"),
    ("clamp tensors", TWO + "; z = y + 1", "torch.clamp(x, min=y, max=z)"), ("clamp scalars", RANDN, "x.clamp(-0.5, 0.5)"),
    ("div", TWO, "x / y"), ("floor_divide", TWO, "torch.floor_divide(x, y)"), ("mul", TWO, "x * y"),
    ("eq", TWO, "x == y"), ("lt", TWO, "x < y"), ("logical_and", TWO, "(x > 0) & (y > 0)"),
    ("addcmul", TWO + "; z = torch.randn(1000, 1000)", "torch.addcmul(x, y, z, value=0.5)"),
    ("copysign", TWO, "torch.copysign(x, y)"), ("xlogy", "x = torch.rand(1000, 1000); y = torch.rand(1000, 1000)", "torch.xlogy(x, y)"),
    ("logaddexp", TWO, "torch.logaddexp(x, y)"), ("isclose", TWO, "torch.isclose(x, y)"),
]

REDUCE_OPS = [
    ("sum", "x.sum(dim={d})"), ("prod", "x.prod(dim={d})"), ("amax", "x.amax(dim={d})"), ("amin", "x.amin(dim={d})"),
    ("median", "x.median(dim={d})"), ("mode", "x.mode(dim={d})"),
    ("norm p1", "x.norm(p=1, dim={d})"), ("norm p2", "x.norm(p=2, dim={d})"), ("norm inf", "x.norm(p=float('inf'), dim={d})"),
    ("std", "x.std(dim={d})"), ("var_mean", "torch.var_mean(x, dim={d})"), ("all", "(x > -3).all(dim={d})"),
    ("any", "(x > 3).any(dim={d})"), ("count_nonzero", "torch.count_nonzero(x > 0, dim={d})"), ("cummax", "x.cummax(dim={d})"),
    ("cumprod", "x.cumprod(dim={d})"), ("cumsum", "x.cumsum(dim={d})"), ("logsumexp", "x.logsumexp(dim={d})"),
    ("argmin", "x.argmin(dim={d})"), ("min values", "x.min(dim={d})"), ("mean", "x.mean(dim={d})"), ("var", "x.var(dim={d})"),
    ("nansum", "x.nansum(dim={d})"), ("logcumsumexp", "x.logcumsumexp(dim={d})"),
]
REDUCE = [(f"{name} dim {d}", RANDN, expr.format(d=d)) for name, expr in REDUCE_OPS for d in (0, 1)]
REDUCE += [("sum all", RANDN, "x.sum()"), ("prod all", RANDN, "(x * 0.001 + 1).prod()"), ("norm all", RANDN, "x.norm()"),
           ("std all", RANDN, "x.std()"), ("max all", RANDN, "x.max()"), ("median all", RANDN, "x.median()")]

SORTING = [
    ("sort dim 1", RANDN, "x.sort(dim=1)"), ("sort dim 0", RANDN, "x.sort(dim=0)"),
    ("argsort dim 1", RANDN, "x.argsort(dim=1)"), ("topk 10 dim 1", RANDN, "x.topk(10, dim=1)"),
    ("topk 10 dim 0", RANDN, "x.topk(10, dim=0)"), ("kthvalue dim 1", RANDN, "x.kthvalue(500, dim=1)"),
    ("sort 1M flat", "x = torch.randn(1000000)", "x.sort()"), ("unique", "x = torch.randint(0, 1000, (1000000,))", "torch.unique(x)"),
]

SOFTMAX = [("softmax dim 0", RANDN, "F.softmax(x, dim=0)"), ("log_softmax dim 0", RANDN, "F.log_softmax(x, dim=0)"),
           ("softmin dim 1", RANDN, "F.softmin(x, dim=1)")]

LOGITS = "x = torch.randn(1000, 1000); t = torch.randint(0, 1000, (1000,))"
PAIR = "a = torch.randn(1000, 1000); b = torch.randn(1000, 1000)"
LOSSES = [
    ("cross_entropy smoothing", LOGITS, "F.cross_entropy(x, t, label_smoothing=0.1)"),
    ("cross_entropy probs", "x = torch.randn(1000, 1000); p = torch.randn(1000, 1000).softmax(1)", "F.cross_entropy(x, p)"),
    ("bce_with_logits pos_weight", "x = torch.randn(1000, 1000); y = torch.rand(1000, 1000); w = torch.rand(1000)",
     "F.binary_cross_entropy_with_logits(x, y, pos_weight=w)"),
    ("kl_div log_target", "a = torch.randn(1000, 1000).log_softmax(1); b = torch.randn(1000, 1000).log_softmax(1)",
     "F.kl_div(a, b, reduction='batchmean', log_target=True)"),
    ("huber", PAIR, "F.huber_loss(a, b)"), ("l1_loss", PAIR, "F.l1_loss(a, b)"),
    ("mse none", PAIR, "F.mse_loss(a, b, reduction='none')"),
    ("cosine_embedding", PAIR + "; y = torch.randint(0, 2, (1000,)) * 2 - 1", "F.cosine_embedding_loss(a, b, y)"),
    ("margin_ranking", "a = torch.randn(1000000); b = torch.randn(1000000); y = torch.randint(0, 2, (1000000,)) * 2 - 1",
     "F.margin_ranking_loss(a, b, y)"),
    ("cosine_similarity", PAIR, "F.cosine_similarity(a, b)"), ("nll_loss none", "x = torch.randn(1000, 1000); t = torch.randint(0, 1000, (1000,))",
                                                               "F.nll_loss(x, t, reduction='none')"),
    ("poisson_nll", PAIR, "F.poisson_nll_loss(a, b)"), ("soft_margin", PAIR, "F.soft_margin_loss(a, b)"),
    ("hinge_embedding", PAIR, "F.hinge_embedding_loss(a, b)"),
    ("triplet_margin", PAIR + "; c = torch.randn(1000, 1000)", "F.triplet_margin_loss(a, b, c)"),
    ("multi_margin", LOGITS, "F.multi_margin_loss(x, t)"),
]

INDEXING = [
    ("gather dim 0", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000, (1000, 1000))", "x.gather(0, i)"),
    ("scatter dim 1", "x = torch.zeros(1000, 1000); i = torch.randint(0, 1000, (1000, 1000)); s = torch.randn(1000, 1000)", "x.scatter(1, i, s)"),
    ("scatter_add dim 0", "x = torch.zeros(1000, 1000); i = torch.randint(0, 1000, (1000, 1000)); s = torch.randn(1000, 1000)", "x.scatter_add(0, i, s)"),
    ("index_add dim 0", "x = torch.zeros(1000, 1000); i = torch.randint(0, 1000, (1000,)); s = torch.randn(1000, 1000)", "x.index_add(0, i, s)"),
    ("index_select dim 1", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000, (1000,))", "x.index_select(1, i)"),
    ("advanced index rows", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000, (1000,))", "x[i]"),
    ("boolean index", "x = torch.randn(1000, 1000); m = x > 0", "x[m]"),
    ("masked_fill", "x = torch.randn(1000, 1000); m = x > 0", "x.masked_fill(m, 0.0)"),
    ("index_put", "x = torch.zeros(1000, 1000); i = torch.randint(0, 1000, (1000,)); v = torch.randn(1000, 1000)", "x.index_put((i,), v)"),
    ("nonzero", "x = torch.randn(1000, 1000); m = x > 0", "m.nonzero()"),
    ("take", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000000, (1000000,))", "torch.take(x, i)"),
    ("cat dim 0", "a = torch.randn(500, 1000); b = torch.randn(500, 1000)", "torch.cat([a, b], dim=0)"),
    ("stack dim 1", "a = torch.randn(1000, 500); b = torch.randn(1000, 500)", "torch.stack([a, b], dim=1)"),
    ("flip", RANDN, "x.flip(1)"), ("roll", RANDN, "x.roll(3, 1)"), ("repeat", "x = torch.randn(500, 500)", "x.repeat(2, 2)"),
    ("tril", RANDN, "x.tril()"), ("diag", RANDN, "x.diag()"), ("expand copy", "x = torch.randn(1000, 1)", "x.expand(1000, 1000).contiguous()"),
    ("one_hot", "t = torch.randint(0, 100, (10000,))", "F.one_hot(t, 100)"), ("pad", RANDN, "F.pad(x, (1, 1, 1, 1))"),
]

NORMS = [
    ("group_norm affine", "x = torch.randn(64, 32, 28, 28); w = torch.randn(32); b = torch.randn(32)", "F.group_norm(x, 8, w, b)"),
    ("group_norm 4x64x16x16", "x = torch.randn(4, 64, 16, 16)", "F.group_norm(x, 32)"),
    ("batch_norm train", "x = torch.randn(64, 32, 28, 28)", "F.batch_norm(x, None, None, training=True)"),
    ("instance_norm", "x = torch.randn(64, 32, 28, 28)", "F.instance_norm(x)"),
    ("rms_norm", "x = torch.randn(1000, 1000)", "F.rms_norm(x, (1000,))"),
    ("normalize", RANDN, "F.normalize(x, dim=1)"),
    ("dropout eval", RANDN, "F.dropout(x, training=False)"),
    ("conv2d 3x3", "x = torch.randn(8, 16, 32, 32); w = torch.randn(32, 16, 3, 3)", "F.conv2d(x, w, padding=1)"),
    ("max_pool2d", "x = torch.randn(8, 32, 64, 64)", "F.max_pool2d(x, 2)"),
    ("avg_pool2d", "x = torch.randn(8, 32, 64, 64)", "F.avg_pool2d(x, 2)"),
    ("linear", "x = torch.randn(256, 512); w = torch.randn(512, 512); b = torch.randn(512)", "F.linear(x, w, b)"),
    ("bmm", "a = torch.randn(32, 64, 64); b = torch.randn(32, 64, 64)", "torch.bmm(a, b)"),
]

SMALL_SETUP = "x = torch.randn(4, 10); y = torch.randn(4, 10); t = torch.tensor([1, 0, 3, 2])"
SMALL = [(f"{name} 4x10", SMALL_SETUP, expr) for name, expr in [
    ("erf", "x.erf()"), ("gelu", "F.gelu(x)"), ("tanh", "x.tanh()"), ("sigmoid", "x.sigmoid()"), ("add", "x + y"),
    ("sum dim 1", "x.sum(dim=1)"), ("softmax dim 0", "F.softmax(x, dim=0)"), ("nll_loss", "F.nll_loss(x, t)"),
    ("gather", "x.gather(1, t.view(4, 1))"), ("masked_select", "x.masked_select(x > 0)"), ("sort", "x.sort(dim=1)"),
    ("where", "torch.where(x > 0, x, y)"), ("mse_loss", "F.mse_loss(x, y)"), ("std dim 1", "x.std(dim=1)"),
    ("matmul", "x @ y.t()"), ("group_norm", "F.group_norm(x.view(4, 10, 1), 2)"), ("clamp", "x.clamp(-0.5, 0.5)"),
    ("cumsum", "x.cumsum(1)"), ("topk", "x.topk(3, dim=1)"), ("pow", "x.pow(2)"),
]]

KNOWN = [
    ("nll_loss", "x = torch.randn(1000, 1000).log_softmax(1); t = torch.randint(0, 1000, (1000,))", "F.nll_loss(x, t)"),
    ("masked_select", "x = torch.randn(1000, 1000); m = x > 0", "x.masked_select(m)"),
    ("gather dim 1", "x = torch.randn(1000, 1000); i = torch.randint(0, 1000, (1000, 1000))", "x.gather(1, i)"),
    ("scatter_add dim 1", "x = torch.zeros(1000, 1000); i = torch.randint(0, 1000, (1000, 1000)); s = torch.randn(1000, 1000)",
     "x.scatter_add(1, i, s)"),
    ("group_norm 64x32x28x28", "x = torch.randn(64, 32, 28, 28)", "F.group_norm(x, 8)"),
]

GROUPS = [("known", KNOWN), ("unary", UNARY), ("binary", BINARY), ("reduce", REDUCE), ("sorting", SORTING),
          ("softmax", SOFTMAX), ("losses", LOSSES), ("indexing", INDEXING), ("norms", NORMS), ("small", SMALL)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/tensortutor")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--filter", default="")
    parser.add_argument("--group", default="", help="only this group (unary, binary, reduce, ...)")
    parser.add_argument("--min-ratio", type=float, default=0.0)
    args = parser.parse_args()
    ratios = {}
    for group, cases in GROUPS:
        if args.group and args.group != group:
            continue
        for name, setup, expr in cases:
            if args.filter and args.filter not in name:
                continue
            a, b = side_by_side(args.binary, setup, expr, args.rounds)
            if a is None or b is None:
                print(f"{group:9s} {name:30s} {'failed' if a is None else 'n/a'}", flush=True)
                continue
            ratio = a / b
            ratios[f"{group}/{name}"] = ratio
            if ratio >= args.min_ratio:
                print(f"{group:9s} {name:30s} {a * 1e6:10.1f}us {b * 1e6:10.1f}us {ratio:7.2f}", flush=True)
    if ratios:
        mean = math.exp(sum(map(math.log, ratios.values())) / len(ratios))
        worst = sorted(ratios, key=ratios.get, reverse=True)[:10]
        print(f"geometric mean of {len(ratios)}: {mean:.2f}; above 2.0: {sum(r > 2 for r in ratios.values())}")
        print("worst: " + ", ".join(f"{k} {ratios[k]:.2f}" for k in worst))


if __name__ == "__main__":
    main()
