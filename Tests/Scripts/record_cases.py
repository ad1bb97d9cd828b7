#!/usr/bin/env python3
"""Record conformance cases by running snippets under real PyTorch.

Usage: record_cases.py SPEC.py OUTPUT.jsonl

SPEC.py defines CASES, a list of (category, source) pairs; each source is a small
program whose last line is an expression. Every case is run with a fresh
namespace that already imported torch and torch.nn.functional as F (the preamble
is written into the recorded source, as in the shared conformance cases), and
recorded in the format of ../shared/conformance/README.md: the last expression's
encoded value, or the exception type and the first line of its message, plus
what print wrote and the UserWarnings raised.
"""
import ast
import contextlib
import hashlib
import io
import json
import math
import sys
import warnings

import torch

PREAMBLE = "import torch\nimport torch.nn.functional as F\n"


def encode_number(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
    return value


def encode(value):
    if isinstance(value, torch.Tensor):
        return {"type": "tensor", "dtype": str(value.dtype).replace("torch.", ""), "shape": list(value.shape),
                "values": [encode_number(v) for v in value.detach().reshape(-1).tolist()], "repr": repr(value)}
    if isinstance(value, torch.Size):
        return {"type": "size", "value": list(value), "repr": repr(value)}
    if isinstance(value, torch.dtype):
        return {"type": "dtype", "value": str(value).replace("torch.", ""), "repr": repr(value)}
    if isinstance(value, bool):
        return {"type": "bool", "value": value, "repr": repr(value)}
    if isinstance(value, int):
        return {"type": "int", "value": value, "repr": repr(value)}
    if isinstance(value, float):
        return {"type": "float", "value": encode_number(value), "repr": repr(value)}
    if isinstance(value, str):
        return {"type": "str", "value": value, "repr": repr(value)}
    if isinstance(value, tuple):
        return {"type": "tuple", "items": [encode(v) for v in value], "repr": repr(value)}
    if isinstance(value, list):
        return {"type": "list", "items": [encode(v) for v in value], "repr": repr(value)}
    if value is None:
        return {"type": "none", "repr": "None"}
    return {"type": "object", "repr": repr(value)}


def record(category, body):
    source = PREAMBLE + body
    tree = ast.parse(source)
    last = tree.body.pop()
    namespace = {}
    case = {"id": f"{category}-{hashlib.sha1(source.encode()).hexdigest()[:8]}", "category": category, "source": source}
    stdout = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(stdout):
        warnings.simplefilter("always")
        try:
            exec(compile(tree, "<case>", "exec"), namespace)
            if isinstance(last, ast.Expr):
                result = eval(compile(ast.Expression(last.value), "<case>", "eval"), namespace)
            else:
                exec(compile(ast.Module([last], []), "<case>", "exec"), namespace)
                result = None
            case["result"] = encode(result)
        except (Exception, SystemExit) as error:  # the exception is the recorded outcome
            case["error"] = type(error).__name__
            case["message"] = str(error).split("\n")[0]
    case["stdout"] = stdout.getvalue()
    messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    if messages:
        case["warnings"] = messages
    return case


def main():
    spec_path, output_path = sys.argv[1], sys.argv[2]
    spec = {}
    exec(open(spec_path).read(), spec)
    torch.set_num_threads(1)
    with open(output_path, "w") as output:
        for category, body in spec["CASES"]:
            torch.manual_seed(0)
            output.write(json.dumps(record(category, body.strip("\n"))) + "\n")


if __name__ == "__main__":
    main()
