# sys as scripts use it: print(..., file=sys.stderr), sys.stdout.write/flush, sys.exit,
# sys.path edits, and the interpreter's constants. It reaches nothing on the machine.
CASES = [("python", source) for source in [
    "import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\nn = sys.stdout.write('written\\n')\nsys.stdout.flush()\n(n, sys.stderr.write('e\\n'))",
    "import sys\nsys.path.append('..')\nsys.path.insert(0, 'src')\n(sys.maxsize, sys.version_info[:2], sys.float_info.epsilon, sys.float_info.max, sys.platform, sys.byteorder, sys.path[0])",
    "import sys\nsys.exit(3)",
    "import sys\nsys.exit()",
    "import sys\nsys.exit('bad config')",
    "import sys\ntry:\n    sys.exit(4)\nexcept SystemExit as e:\n    code = e.code\ncode",
]]
