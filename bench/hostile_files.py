"""Every command on the costliest data files roros accepts or refuses: wall time and peak memory of each run.

Usage: python bench/hostile_files.py [--case NAME]

The files (about 1 MiB each, the most the loader reads) are made by tests/hostile_files.py. The goal, for
every command on every file: under 1 second and 200 MiB on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile_files import CASES, COMMANDS

CPU_SECONDS = 10  # a run past this (or past MEMORY) is stopped: it is far over the budget anyway
MEMORY = 1 << 30


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit status) of one run, measured from its own resource usage."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        preexec_fn=_limits,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def command_line(roros: str, path: Path, name: str) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "ROROS_DATA": str(path), "COLUMNS": "100"}
    if name == "completion":
        env.update({"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get ", "COMP_CWORD": "2"})
        return [roros], env
    return [roros, *(word.replace("{folder}", str(path.parent)) for word in COMMANDS[name])], env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=sorted(CASES), help="only this file")
    args = parser.parse_args()
    roros = str(Path(sys.executable).parent / "roros")
    worst_time, worst_memory = 0.0, 0.0
    with tempfile.TemporaryDirectory() as folder:
        for case, make in CASES.items():
            if args.case and case != args.case:
                continue
            path = Path(folder) / "hostile.toml"
            path.write_text(make(), encoding="utf-8")
            figures = []
            for name in COMMANDS:
                seconds, mebibytes, status = run(*command_line(roros, path, name))
                worst_time, worst_memory = max(worst_time, seconds), max(worst_memory, mebibytes)
                flag = "" if seconds < 1 and mebibytes < 200 else " OVER"
                figures.append(f"{name} {seconds:.2f}s {mebibytes:.0f}MiB ({status}){flag}")
            print(f"{case} ({path.stat().st_size:,} bytes)\n  " + "\n  ".join(figures), flush=True)
    verdict = "within" if worst_time < 1 and worst_memory < 200 else "OVER"
    print(f"worst: {worst_time:.2f} s, {worst_memory:.0f} MiB -- {verdict} the budget of 1 s and 200 MiB")


if __name__ == "__main__":
    main()
