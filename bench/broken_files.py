"""How long `roros` takes to refuse the largest broken data files it will read (the goal: under a second).

Usage: python bench/broken_files.py

Writes three files of about 1 MiB into a temporary folder -- thousands of bad facts, too many facts, and tens of
thousands of unknown keys -- and times `roros --data FILE get name` on each. Each must exit 3 with one line.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = '[meta]\nformat = 1\nsource_title = "x"\n[name]\nlabel = "N"\nvalue = "X"\nsource = "s"\n'
LIMIT = 1_000_000


def fill(make: object) -> str:
    assert callable(make)
    parts, size, index = [HEAD], len(HEAD), 0
    while True:
        part = make(index)
        if size + len(part) > LIMIT:
            return "".join(parts)
        parts.append(part)
        size += len(part)
        index += 1


CASES = {
    "bad values": lambda i: f"[f{i}]\nlabel = 'L'\nvalue = nan\nsource = 's'\n",
    "too many facts": lambda i: f"[g{i % 50}.f{i}]\nlabel = 'L'\nvalue = 1\nsource = 's'\n",
    "unknown keys": lambda i: f"x{i} = {i}\n",
}


def main() -> None:
    roros = Path(sys.executable).parent / "roros"
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            path = Path(folder) / "broken.toml"
            path.write_text(fill(make), encoding="utf-8")
            start = time.perf_counter()
            run = subprocess.run([str(roros), "--data", str(path), "get", "name"], capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            lines = run.stderr.decode().count("\n")
            verdict = "ok" if run.returncode == 3 and lines == 1 and elapsed < 1 else "MISSED"
            print(f"{name:16} {path.stat().st_size:>9,} bytes  {elapsed:.2f} s  exit {run.returncode}  {verdict}")


if __name__ == "__main__":
    main()
