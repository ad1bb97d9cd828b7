#!/usr/bin/env python3
"""Lists Swift source files over 400 lines and functions over 80 lines.

The style rule: a file small enough to hold in your head, a function short enough to
read at a glance. A table literal written one entry per line is exempt (its lines do
not count): it grows by one line per op or per case, and splitting it would only
scatter the table.

    python3 Tests/Scripts/size_check.py [PATH ...]     (default: Sources)

Exits 1 when anything is over the limits, listing each offender as
`path:line: what (N lines)`.
"""
import os
import re
import sys

FILE_LIMIT = 400
FUNCTION_LIMIT = 80
# A multi-line literal counts as a table once it is this long and nearly every line in it
# ends with a comma (one entry per line).
TABLE_MIN_LINES = 8
TABLE_ENTRY_SHARE = 0.8

DECLARATION = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|open|static|class|final|"
    r"override|mutating|nonmutating|nonisolated|@inlinable|@discardableResult|required|convenience)\s+)*"
    r"(func\s+[^\s(<]+|init[?!]?|subscript|deinit)")


def code_only(lines):
    """Each line with its comments and string contents blanked, so braces count true."""
    out = []
    in_block_comment = False
    in_multiline_string = False
    for line in lines:
        result = []
        i = 0
        in_string = False
        while i < len(line):
            if in_block_comment:
                end = line.find("*/", i)
                if end < 0:
                    i = len(line)
                    continue
                in_block_comment = False
                i = end + 2
                continue
            if in_multiline_string:
                end = line.find('"""', i)
                if end < 0:
                    i = len(line)
                    continue
                in_multiline_string = False
                result.append('""')
                i = end + 3
                continue
            if in_string:
                c = line[i]
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    in_string = False
                    result.append('"')
                i += 1
                continue
            if line.startswith("//", i):
                break
            if line.startswith("/*", i):
                in_block_comment = True
                i += 2
                continue
            if line.startswith('"""', i):
                in_multiline_string = True
                i += 3
                continue
            c = line[i]
            if c == '"':
                in_string = True
            result.append(c)
            i += 1
        out.append("".join(result))
    return out


def table_lines(code):
    """Indices of lines inside multi-line literals written one entry per line."""
    exempt = set()
    stack = []  # (opening line index, opened at end of line)
    for index, line in enumerate(code):
        stripped = line.rstrip()
        for position, c in enumerate(stripped):
            if c in "[(":
                stack.append((index, position == len(stripped) - 1))
            elif c in "])" and stack:
                start, at_end = stack.pop()
                inner = range(start + 1, index)
                if not at_end or len(inner) < TABLE_MIN_LINES:
                    continue
                entries = [i for i in inner if code[i].strip()]
                ending_in_comma = [i for i in entries if code[i].rstrip().endswith(",")]
                if entries and len(ending_in_comma) >= TABLE_ENTRY_SHARE * len(entries):
                    exempt.update(inner)
    return exempt


def check_file(path):
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    code = code_only(lines)
    exempt = table_lines(code)
    problems = []
    counted = len(lines) - len(exempt)
    if counted > FILE_LIMIT:
        problems.append((1, f"file has {counted} lines (limit {FILE_LIMIT})"))
    depth = 0
    open_functions = []  # (name, start line, depth of its body)
    pending = None  # a declaration whose body brace has not been seen yet
    for index, line in enumerate(code):
        match = DECLARATION.match(line)
        if match:
            pending = (match.group(1).replace("func ", ""), index)
        for c in line:
            if c == "{":
                depth += 1
                if pending is not None:
                    open_functions.append((pending[0], pending[1], depth))
                    pending = None
            elif c == "}":
                if open_functions and open_functions[-1][2] == depth:
                    name, start, _ = open_functions.pop()
                    length = sum(1 for i in range(start, index + 1) if i not in exempt)
                    if length > FUNCTION_LIMIT:
                        problems.append((start + 1, f"{name} has {length} lines (limit {FUNCTION_LIMIT})"))
                depth -= 1
        # A protocol requirement has no body: once its signature's brackets close on a
        # line with no brace and nothing left to continue, it is not waiting for one.
        if pending is not None and "{" not in line:
            signature = "".join(code[pending[1]:index + 1])
            balanced = signature.count("(") == signature.count(")")
            continues = line.rstrip().endswith(("(", ",", "->", "where", "throws", "async", "&"))
            if balanced and not continues and line.strip():
                pending = None
    return problems


def swift_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, _, names in os.walk(path):
            for name in sorted(names):
                if name.endswith(".swift"):
                    yield os.path.join(root, name)


def main():
    paths = sys.argv[1:] or ["Sources"]
    found = 0
    for path in sorted(swift_files(paths)):
        for line, message in check_file(path):
            print(f"{path}:{line}: {message}")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
