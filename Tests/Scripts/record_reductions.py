#!/usr/bin/env python3
"""Records reduction, sorting and linear-algebra goldens from real PyTorch.

Writes Tests/TensorEngineTests/ReductionGoldens.swift, so the Swift tests never need
PyTorch. Inputs are simple formulas: ((arange(n) * scale) % modulus + offset), with
optional nans, viewed to a shape. Run from the repository root:

    python3 Tests/Scripts/record_reductions.py
"""
import math
import os
import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32}


def make(spec):
    n = math.prod(spec["shape"])
    x = torch.arange(n, dtype=torch.float64) * spec.get("scale", 1.0)
    if spec.get("modulus"):
        x = torch.remainder(x, spec["modulus"])
    x = x + spec.get("offset", 0.0)
    for index in spec.get("nans", []):
        x[index] = float("nan")
    return x.to(DTYPES[spec.get("dtype", "float32")]).view(spec["shape"])


def spec(shape, scale=0.37, offset=-2.0, modulus=None, dtype="float32", nans=()):
    return {"shape": list(shape), "scale": scale, "offset": offset, "modulus": modulus, "dtype": dtype, "nans": list(nans)}


BASE = spec([3, 4])
CUBE = spec([2, 3, 4], scale=0.25, offset=-3.0)
TIES = spec([4, 7], scale=3.0, offset=0.0, modulus=5.0)
LONG_TIES = spec([2, 40], scale=7.0, offset=-1.0, modulus=6.0)
INTS = spec([3, 4], scale=5.0, offset=-7.0, modulus=9.0, dtype="int64")
WITH_NAN = spec([3, 4], nans=[5])
DOUBLE = spec([3, 5], scale=0.123, offset=-0.9, dtype="float64")

CASES = []


def case(name, op, a, b=None, dims=(), keep=False, param=0.0, flag=False, equation=""):
    CASES.append(dict(name=name, op=op, a=a, b=b, dims=list(dims), keep=keep, param=param, flag=flag, equation=equation))


def run(c):
    a = make(c["a"])
    b = make(c["b"]) if c["b"] else None
    d, keep, p, flag = c["dims"], c["keep"], c["param"], c["flag"]
    dims = d if d else None
    op = c["op"]
    if op == "sum": return a.sum(dim=dims, keepdim=keep), None
    if op == "mean": return a.mean(dim=dims, keepdim=keep), None
    if op == "prod": return (a.prod(dim=d[0], keepdim=keep) if d else a.prod()), None
    if op == "var": return a.var(dim=dims, correction=p, keepdim=keep), None
    if op == "std": return a.std(dim=dims, correction=p, keepdim=keep), None
    if op == "norm": return torch.linalg.vector_norm(a, ord=p, dim=dims, keepdim=keep), None
    if op == "logsumexp": return a.logsumexp(dim=d, keepdim=keep), None
    if op == "amax": return a.amax(dim=d, keepdim=keep), None
    if op == "amin": return a.amin(dim=d, keepdim=keep), None
    if op == "maxdim": r = a.max(dim=d[0], keepdim=keep); return r.values, r.indices
    if op == "mindim": r = a.min(dim=d[0], keepdim=keep); return r.values, r.indices
    if op == "argmax": return None, (a.argmax(dim=d[0], keepdim=keep) if d else a.argmax())
    if op == "argmin": return None, (a.argmin(dim=d[0], keepdim=keep) if d else a.argmin())
    if op == "median": return a.median(), None
    if op == "mediandim": r = a.median(dim=d[0], keepdim=keep); return r.values, r.indices
    if op == "cumsum": return a.cumsum(dim=d[0]), None
    if op == "cumprod": return a.cumprod(dim=d[0]), None
    if op == "sort": r = a.sort(dim=d[0], descending=keep, stable=flag); return r.values, r.indices
    if op == "topk": r = a.topk(int(p), dim=d[0], largest=keep, sorted=flag); return r.values, r.indices
    if op == "matmul": return a @ b, None
    if op == "einsum": return torch.einsum(c["equation"], a, b) if b is not None else torch.einsum(c["equation"], a), None
    raise ValueError(op)


def build_cases():
    for keep in (False, True):
        case(f"sum dim1 keep={keep}", "sum", BASE, dims=[1], keep=keep)
    case("sum all", "sum", BASE)
    case("sum dims 0,2", "sum", CUBE, dims=[0, -1])
    case("sum int64", "sum", INTS, dims=[0])
    case("mean all", "mean", BASE)
    case("mean dim -1", "mean", CUBE, dims=[-1], keep=True)
    case("mean double", "mean", DOUBLE, dims=[1])
    case("mean nan", "mean", WITH_NAN, dims=[1])
    case("prod dim0", "prod", BASE, dims=[0])
    case("prod all", "prod", spec([6], scale=0.3, offset=0.4))
    case("prod int", "prod", INTS, dims=[1], keep=True)
    for correction in (0.0, 1.0, 2.0):
        case(f"var corr={correction}", "var", BASE, dims=[1], param=correction)
    case("var all", "var", CUBE, param=1.0)
    case("std all", "std", BASE, param=1.0)
    case("std dims", "std", CUBE, dims=[0, 2], param=0.0, keep=True)
    case("std double", "std", DOUBLE, dims=[0], param=1.0)
    for p in (2.0, 1.0, 0.0, 3.0, 0.5, -1.0, float("inf"), float("-inf")):
        case(f"norm p={p}", "norm", BASE, dims=[1], param=p)
    case("norm all", "norm", CUBE, param=2.0)
    case("norm keep", "norm", CUBE, dims=[1], keep=True, param=2.0)
    case("logsumexp dim1", "logsumexp", BASE, dims=[1])
    case("logsumexp big", "logsumexp", spec([2, 3], scale=40.0, offset=50.0), dims=[1], keep=True)
    case("logsumexp dims", "logsumexp", CUBE, dims=[0, 2])
    case("logsumexp int", "logsumexp", INTS, dims=[0])
    case("amax dims", "amax", CUBE, dims=[0, 2])
    case("amin all", "amin", CUBE)
    case("amax nan", "amax", WITH_NAN, dims=[1])
    for dim in (0, 1, -1):
        case(f"max dim={dim}", "maxdim", TIES, dims=[dim])
        case(f"min dim={dim}", "mindim", TIES, dims=[dim], keep=True)
    case("max nan", "maxdim", WITH_NAN, dims=[1])
    case("min nan", "mindim", WITH_NAN, dims=[0])
    case("max int", "maxdim", INTS, dims=[1])
    case("argmax all", "argmax", TIES)
    case("argmin dim", "argmin", TIES, dims=[1], keep=True)
    case("argmax nan", "argmax", WITH_NAN, dims=[1])
    case("median all", "median", BASE)
    case("median ties", "median", TIES)
    case("median dim", "mediandim", TIES, dims=[1])
    case("median dim0", "mediandim", LONG_TIES, dims=[1], keep=True)
    case("median nan", "mediandim", WITH_NAN, dims=[1])
    case("median int", "mediandim", INTS, dims=[0])
    case("cumsum", "cumsum", BASE, dims=[1])
    case("cumsum dim0", "cumsum", CUBE, dims=[0])
    case("cumsum int", "cumsum", INTS, dims=[0])
    case("cumprod", "cumprod", BASE, dims=[1])
    case("cumsum nan", "cumsum", WITH_NAN, dims=[1])
    for descending in (False, True):
        for stable in (False, True):
            case(f"sort ties desc={descending} stable={stable}", "sort", LONG_TIES, dims=[1], keep=descending, flag=stable)
    case("sort dim0", "sort", TIES, dims=[0])
    case("sort nan", "sort", WITH_NAN, dims=[1])
    case("sort nan desc", "sort", WITH_NAN, dims=[1], keep=True)
    case("sort int", "sort", INTS, dims=[1], keep=True)
    case("sort big ties", "sort", spec([100], scale=13.0, modulus=7.0, offset=0.0), dims=[0])
    case("sort big ties desc", "sort", spec([100], scale=13.0, modulus=7.0, offset=0.0), dims=[0], keep=True)
    for largest in (True, False):
        for p in (1.0, 3.0, 7.0):
            case(f"topk k={p} largest={largest}", "topk", TIES, dims=[1], keep=largest, param=p, flag=True)
    case("topk big ties", "topk", LONG_TIES, dims=[1], keep=True, param=5.0, flag=True)
    case("topk partial sort", "topk", spec([2, 200], scale=11.0, modulus=9.0, offset=0.0), dims=[1], keep=True, param=3.0, flag=True)
    case("topk partial smallest", "topk", spec([2, 200], scale=11.0, modulus=9.0, offset=0.0), dims=[1], keep=False, param=3.0, flag=True)
    case("topk unsorted", "topk", LONG_TIES, dims=[1], keep=True, param=9.0, flag=False)
    case("topk nan", "topk", WITH_NAN, dims=[1], keep=True, param=2.0, flag=True)
    case("topk dim0", "topk", TIES, dims=[0], keep=False, param=2.0, flag=True)
    case("matmul 2d", "matmul", spec([3, 4]), spec([4, 5], scale=0.11, offset=-1.0))
    case("matmul batched", "matmul", CUBE, spec([4, 2], scale=0.5, offset=-1.0))
    case("matmul broadcast", "matmul", spec([2, 1, 3, 4]), spec([3, 4, 2], scale=0.21, offset=-1.5))
    case("matmul vec-mat", "matmul", spec([4]), spec([2, 4, 3], scale=0.3))
    case("matmul mat-vec", "matmul", CUBE, spec([4], scale=0.7, offset=0.1))
    case("matmul dot", "matmul", spec([5]), spec([5], scale=0.3, offset=1.0))
    case("matmul double", "matmul", DOUBLE, spec([5, 2], scale=0.7, dtype="float64"))
    case("matmul int", "matmul", INTS, spec([4, 3], scale=3.0, offset=-4.0, dtype="int64"))
    case("einsum trace", "einsum", spec([3, 3]), equation="ii")
    case("einsum diagonal", "einsum", spec([3, 3]), equation="ii->i")
    case("einsum transpose", "einsum", BASE, equation="ji")
    case("einsum matmul", "einsum", spec([3, 4]), spec([4, 5], scale=0.11, offset=-1.0), equation="ij,jk->ik")
    case("einsum batch", "einsum", CUBE, spec([2, 4, 3], scale=0.3, offset=0.2), equation="bij,bjk->bik")
    case("einsum ellipsis", "einsum", CUBE, spec([4, 2], scale=0.5), equation="...ij,jk")
    case("einsum outer", "einsum", spec([3]), spec([4], scale=0.5), equation="i,j->ij")
    case("einsum sum", "einsum", CUBE, equation="ijk->j")
    case("einsum implicit order", "einsum", spec([2, 3]), spec([3, 4], scale=0.2), equation="ba,ac")
    case("einsum bilinear", "einsum", spec([3, 4]), spec([3, 4], scale=-0.3, offset=1.0), equation="ij,ij->i")


def swift_number(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return "Double.infinity" if value > 0 else "-Double.infinity"
    return repr(float(value))


def swift_doubles(values):
    return "[" + ", ".join(swift_number(v) for v in values) + "]"


def swift_spec(s):
    if s is None:
        return "nil"
    modulus = "nil" if s["modulus"] is None else repr(float(s["modulus"]))
    return (f'GoldenInput(shape: {s["shape"]}, scale: {float(s["scale"])!r}, offset: {float(s["offset"])!r}, '
            f'modulus: {modulus}, dtype: .{s["dtype"]}, nans: {s["nans"]})')


def main():
    build_cases()
    lines = [
        "// Generated by Tests/Scripts/record_reductions.py from PyTorch " + torch.__version__.split("+")[0] + ". Do not edit.",
        "",
        "let reductionGoldens: [ReductionGolden] = [",
    ]
    for c in CASES:
        values, indices = run(c)
        out = values if values is not None else indices
        value_list = swift_doubles(values.double().flatten().tolist()) if values is not None else "[]"
        index_list = "nil" if indices is None else "[" + ", ".join(str(i) for i in indices.flatten().tolist()) + "]"
        dtype = str(out.dtype).replace("torch.", "")
        lines.append(
            f'    ReductionGolden(name: "{c["name"]}", op: "{c["op"]}", a: {swift_spec(c["a"])}, b: {swift_spec(c["b"])},\n'
            f'        dims: {c["dims"]}, keepDim: {str(c["keep"]).lower()}, param: {swift_number(c["param"])}, flag: {str(c["flag"]).lower()}, '
            f'equation: "{c["equation"]}",\n'
            f'        shape: {list(out.shape)}, dtype: .{dtype}, values: {value_list}, indices: {index_list}),')
    lines.append("]")
    lines.append("")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "TensorEngineTests", "ReductionGoldens.swift")
    with open(path, "w") as handle:
        handle.write("\n".join(lines))
    print(f"wrote {len(CASES)} cases to {path}")


if __name__ == "__main__":
    main()
