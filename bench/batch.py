"""Batch conversion throughput: `roros convert - km2 sqmi` against GNU units (`units -t`) on the same values.

Usage: python bench/batch.py [--count N] [--repeat R]

Both read the values from stdin and write one result a line; the figures are whole-process wall times, the
best of R runs each (alternating), so start-up is included for both. GNU units comes from Debian's `units`
package; without it only roros is timed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path


def values(count: int) -> list[str]:
    rng = random.Random(1646)  # fixed: the same values on every run
    return [f"{rng.uniform(0.01, 50_000):.{rng.randint(0, 3)}f}" for _ in range(count)]


def timed(argv: list[str], data: bytes) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(argv, input=data, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{argv[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, done.stdout


def roros_command() -> list[str]:
    script = Path(sys.executable).parent / "roros"
    return [str(script) if script.exists() else "roros", "convert", "-", "km2", "sqmi"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    numbers = values(args.count)
    roros_input = ("\n".join(numbers) + "\n").encode()
    units = shutil.which("units")
    units_input = "".join(f"{n} km^2\nmi^2\n" for n in numbers).encode()
    best_roros = best_units = float("inf")
    for _ in range(args.repeat):
        elapsed, out = timed(roros_command(), roros_input)
        best_roros = min(best_roros, elapsed)
        assert out.count(b"\n") == args.count, "roros did not convert every value"
        if units:
            elapsed, out = timed([units, "-t"], units_input)
            best_units = min(best_units, elapsed)
            assert out.count(b"\n") == args.count, "units did not convert every value"
    print(f"values: {args.count:,} (km2 -> sqmi), best of {args.repeat}")
    print(f"roros convert -: {best_roros:.3f} s  ({args.count / best_roros:,.0f} values/s)")
    if units:
        print(f"GNU units -t:    {best_units:.3f} s  ({args.count / best_units:,.0f} values/s)")
        print(f"roros throughput / units throughput: {best_units / best_roros:.1f}x  (goal: at least 3x)")
    else:
        print("GNU units: not installed (apt-get install units), so no comparison")


if __name__ == "__main__":
    main()
