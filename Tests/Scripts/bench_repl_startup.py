#!/usr/bin/env python3
"""Startup-to-prompt benchmark for the interactive REPL (target: under 50 ms).

Starts `tensortutor` in a pseudo-terminal, as a person would, with a fresh HOME and
XDG_STATE_HOME, and measures the time until the `>>> ` prompt appears. Reports the
median, min and max over several runs. A benchmark, not a test: it never fails a build.

    python3 Tests/Scripts/bench_repl_startup.py [path/to/tensortutor] [--runs N]
"""
import os
import pty
import select
import statistics
import sys
import tempfile
import time


def time_to_prompt(binary, home):
    environment = {"HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"), "NO_COLOR": "1",
                   "TERM": "xterm", "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], environment)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
            if b">>> " in seen:
                elapsed = time.perf_counter() - start
                break
    os.write(fd, b"\x04")
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    arguments = sys.argv[1:]
    runs = 20
    if "--runs" in arguments:
        index = arguments.index("--runs")
        runs = int(arguments[index + 1])
        del arguments[index:index + 2]
    binary = arguments[0] if arguments else ".build/release/tensortutor"
    if not os.access(binary, os.X_OK):
        sys.exit(f"no executable at {binary}; build first (swift build -c release)")
    with tempfile.TemporaryDirectory() as home:
        time_to_prompt(binary, home)  # warm the page cache
        samples = [time_to_prompt(binary, home) for _ in range(runs)]
    times = [sample * 1000 for sample in samples if sample is not None]
    if not times:
        sys.exit("the prompt never appeared")
    median = statistics.median(times)
    verdict = "under" if median < 50 else "OVER"
    print(f"startup to prompt: median {median:.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms "
          f"over {len(times)} runs ({verdict} the 50 ms target)")


if __name__ == "__main__":
    main()
