#!/usr/bin/env python3
"""Score `tensortutor run --json` against recorded PyTorch cases.

Usage: conformance.py [CASES.jsonl ...] [--binary PATH] [--show N] [--category C]

Each case is run as its own process. A case passes when the last `value` record
matches the recorded result (type, dtype, shape, values within 1e-6 + 1e-5*|x|,
bit-exact after rounding for rng cases) or, for error cases, when an `error`
record with the same exception type is emitted. Reprs are scored separately.
"""
import argparse
import collections
import json
import math
import struct
import subprocess
import sys


def as_float(value):
    if isinstance(value, str):
        return float(value)
    return float(value)


def to_f32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


def values_match(expected, actual, dtype, exact):
    if len(expected) != len(actual):
        return False
    for e, a in zip(expected, actual):
        if isinstance(e, bool) or isinstance(a, bool):
            if e != a:
                return False
            continue
        e, a = as_float(e), as_float(a)
        if math.isnan(e) or math.isnan(a):
            if not (math.isnan(e) and math.isnan(a)):
                return False
            continue
        if exact:
            if dtype == "float32":
                if to_f32(e) != to_f32(a):
                    return False
            elif e != a:
                return False
        elif math.isinf(e) or math.isinf(a):
            if e != a:
                return False
        elif abs(e - a) > 1e-6 + 1e-5 * abs(e):
            return False
    return True


def result_match(expected, actual, exact):
    if actual is None or expected["type"] != actual.get("type"):
        return False
    kind = expected["type"]
    if kind == "tensor":
        return (expected["dtype"] == actual.get("dtype") and expected["shape"] == actual.get("shape")
                and values_match(expected["values"], actual.get("values", []), expected["dtype"], exact))
    if kind in ("tuple", "list"):
        items = actual.get("items", [])
        return len(items) == len(expected["items"]) and all(
            result_match(e, a, exact) for e, a in zip(expected["items"], items))
    if kind == "float":
        return values_match([expected["value"]], [actual.get("value")], "float64", exact)
    if kind in ("none", "object"):
        return True
    return expected.get("value") == actual.get("value")


def run_case(binary, case):
    try:
        proc = subprocess.run([binary, "run", "--json", "-"], input=case["source"].encode(),
                              capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if proc.returncode not in (0, 1):
        return None, f"crash (exit {proc.returncode}): {proc.stderr.decode(errors='replace')[-300:]}"
    records = []
    for line in proc.stdout.decode(errors="replace").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            return None, f"bad json line: {line[:200]}"
    return records, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", default=["../shared/conformance/cases.jsonl"])
    parser.add_argument("--binary", default=".build/debug/tensortutor")
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--category")
    args = parser.parse_args()
    totals = collections.Counter()
    passed = collections.Counter()
    repr_total = repr_pass = crashes = 0
    failures = []
    for path in args.cases:
        for line in open(path):
            case = json.loads(line)
            if args.category and case["category"] != args.category:
                continue
            category = case["category"]
            totals[category] += 1
            records, problem = run_case(args.binary, case)
            if problem:
                crashes += 1
                failures.append((case, problem))
                continue
            errors = [r for r in records if r.get("kind") == "error"]
            values = [r for r in records if r.get("kind") == "value"]
            if "error" in case:
                ok = bool(errors) and errors[0].get("type") == case["error"]
                detail = errors[0] if errors else (values[-1] if values else None)
            else:
                actual = values[-1] if values and not errors else None
                ok = result_match(case["result"], actual, category == "rng")
                detail = errors[0] if errors else actual
                if case["result"]["type"] == "tensor":
                    repr_total += 1
                    if actual is not None and actual.get("repr") == case["result"].get("repr"):
                        repr_pass += 1
            if ok:
                passed[category] += 1
            else:
                failures.append((case, detail))
    for category in sorted(totals):
        print(f"{category:13s} {passed[category]:4d}/{totals[category]:<4d}")
    print(f"{'TOTAL':13s} {sum(passed.values()):4d}/{sum(totals.values()):<4d}  crashes: {crashes}")
    if repr_total:
        print(f"tensor repr identical: {repr_pass}/{repr_total}")
    for case, detail in failures[:args.show]:
        print("\n---", case["id"], case["category"])
        print(case["source"].split("\n", 2)[-1])
        print("expected:", case.get("error", "") + ": " + case.get("message", "") if "error" in case else case["result"].get("repr", case["result"]))
        print("actual:  ", json.dumps(detail)[:400] if not isinstance(detail, str) else detail)


if __name__ == "__main__":
    main()
