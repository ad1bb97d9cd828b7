#!/usr/bin/env python3
"""List recorded error cases whose first message line differs from PyTorch's.

Usage: error_messages.py [BINARY]   (default .build/debug/tensortutor)

Runs every case with an `error` in Tests/InterpreterTests/Fixtures/*.jsonl through
`tensortutor run --json -` and prints `id<TAB>expected<TAB>actual` for each first line
that differs, after a count. The replay tests compare exception types; this script is
how the first lines are brought in line with PyTorch's, case by case.
"""
import glob
import json
import subprocess
import sys


def first_error_message(binary, source):
    out = subprocess.run([binary, "run", "--json", "-"], input=source, capture_output=True, text=True, timeout=60)
    message = ""
    for line in out.stdout.splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if record.get("kind") == "error":
            message = record.get("message", "")
    return message.split("\n")[0]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/tensortutor"
    differing = []
    total = 0
    for path in sorted(glob.glob("Tests/InterpreterTests/Fixtures/*.jsonl")):
        for line in open(path):
            case = json.loads(line)
            if not case.get("error"):
                continue
            total += 1
            expected = (case.get("message") or "").split("\n")[0]
            actual = first_error_message(binary, case["source"])
            if actual != expected:
                differing.append((case["id"], expected, actual))
    print(f"{total} error cases, {len(differing)} first lines differ")
    for row in differing:
        print("\t".join(row))


if __name__ == "__main__":
    main()
