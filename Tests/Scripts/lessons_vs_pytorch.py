#!/usr/bin/env python3
"""Run every lesson's code under real PyTorch and under tensortutor, and compare.

Usage: lessons_vs_pytorch.py BINARY [LESSON.md ...]   (default: lessons/[0-9]*.md)

Each lesson becomes one Python program that replays what the player runs, in order:
```tensor blocks statement by statement (each expression's repr printed after a
marker), ```tensor hidden blocks as they are (their asserts pin the prose's facts),
and each exercise's setup after torch.manual_seed(0), followed by the repr of its
reference answer (the value a learner's answer is graded against). The program runs under python3
with torch and under `BINARY run`; any difference in what they print is reported.
Warnings are left out: the two print their location differently.
"""
import ast
import glob
import re
import subprocess
import sys
import tempfile
import textwrap

PREAMBLE = [
    "import torch", "import torch.nn as nn", "import torch.nn.functional as F", "import math",
    "def __show(value):", "    if value is not None: print(repr(value))",
]


def setup_of(fields, key="setup"):
    match = re.search(rf"^{key}:(.*?)(?=^\w+:|\Z)", fields, re.S | re.M)
    if not match:
        return None
    first, _, rest = match.group(1).partition("\n")
    lines = [first.strip()] if first.strip() else []
    if rest.strip():
        lines.append(textwrap.dedent(rest))
    return "\n".join(lines)


def program(path):
    body = open(path).read().split("\n---\n", 1)[1]
    out = list(PREAMBLE)
    for number, match in enumerate(re.finditer(r"^```(\S*)( \S+)?\n(.*?)^```\s*$", body, re.S | re.M)):
        language, mode, code = match.group(1), (match.group(2) or "").strip(), match.group(3)
        if language == "exercise":
            # The setup as the learner sees it, then the reference answer's value, in a
            # function so that its assignments stay local.
            setup = setup_of(code)
            out.append("torch.manual_seed(0)")
            if setup:
                out.append(setup)
            answer = setup_of(code, "answer")
            if answer:
                statements = ast.parse(answer).body
                body = "\n".join(ast.unparse(statement) for statement in statements[:-1])
                last = statements[-1]
                value = ast.unparse(last.value if isinstance(last, (ast.Expr, ast.Assign)) else last)
                out.append(f"print('@@ exercise {number} answer')")
                out.append("def __answer():\n" + textwrap.indent(f"{body}\nreturn ({value})" if body else f"return ({value})", "    "))
                out.append("__show(__answer())")
                # Play leaves the session as the setup left it, whatever the answer changed.
                out.append("torch.manual_seed(0)")
                if setup:
                    out.append(setup)
        elif language == "tensor" and mode == "hidden":
            out.append(code)
        elif language == "tensor":
            lines = code.split("\n")
            for statement in ast.parse(code).body:
                source = textwrap.dedent("\n".join(lines[statement.lineno - 1:statement.end_lineno]))
                out.append(f"print('@@ block {number} line {statement.lineno}')")
                out.append(f"__show(({source}))" if isinstance(statement, ast.Expr) else source)
    return "\n".join(out) + "\n"


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if "UserWarning" not in line and not line.startswith("  __show(")]


def main():
    binary, paths = sys.argv[1], sys.argv[2:] or sorted(glob.glob("lessons/[0-9]*.md"))
    failures = 0
    for path in paths:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
            handle.write(program(path))
        reference = run([sys.executable, "-W", "ignore", handle.name])
        ours = run([binary, "run", handle.name])
        statements = sum(line.startswith("@@") for line in reference)
        if reference == ours:
            print(f"{path}: {statements} shown values and reference answers, and every hidden assert, match PyTorch")
            continue
        failures += 1
        print(f"{path}: differs from PyTorch")
        for index, (mine, theirs) in enumerate(zip(ours + [""] * len(reference), reference + [""] * len(ours))):
            if mine != theirs:
                print(f"  line {index}: pytorch {theirs!r}\n           tensortutor {mine!r}")
                break
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
