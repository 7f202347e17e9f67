"""Start-up latency and memory: `roros` against the obvious Typer + Rich app, side by side.

Usage: python bench/startup.py [--runs N] [--skip-batch]

The reference app (bench/reference/app.py) runs in its own virtual environment, bench/.ref-venv, with the
newest Typer and Rich from PyPI; the script creates it on first use. Runs alternate between the two tools so
that both see the same machine load; the figures are medians of whole-process wall times, and peak memory is
the largest resident set size of `roros info` (from wait4). Then it runs bench/batch.py for the batch
conversion figure. Goals (issue 7): info <= 0.5x, `get --json` <= 0.35x, completion <= 0.35x, info peak
memory <= 25 MiB.

Then the floor (issue 16): the same Python doing nothing (`python -c pass`, from roros's own environment)
against `roros get area`, completion of `roros get un<TAB>` and `roros info`, alternating, on the built-in data
(its packaged values). Goals: get <= 3x, completion <= 2.5x, info <= 6x.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REF_VENV = HERE / ".ref-venv"
REF_APP = HERE / "reference" / "app.py"
ROROS_VENV = HERE / ".roros-venv"


def ref_python() -> Path:
    python = REF_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print("creating the reference environment (newest typer and rich) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(REF_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "typer", "rich"], check=True)
    return python


def roros() -> str:
    """roros installed from this working tree as a user gets it: `pip install .`, byte code compiled.

    An editable install would be measured unfairly where PYTHONDONTWRITEBYTECODE is set: its modules would be
    compiled from source on every run, while the reference's site-packages were compiled by pip.
    """
    bin_dir = ROROS_VENV / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(ROROS_VENV)], check=True)
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(HERE.parent)],
        check=True,
    )
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(HERE.parent)], check=True)
    return str(bin_dir / "roros")


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {process.returncode}")
    return elapsed, usage.ru_maxrss


def completion_env(var: str, words: str, cword: int) -> dict[str, str]:
    return {var: "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    ref = [str(ref_python()), str(REF_APP)]
    installed = roros()
    base = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    cases = [
        ("info", [installed, "info"], [*ref, "info"], {}, {}),
        ("get area --json", [installed, "get", "area", "--json"], [*ref, "get", "area_km2", "--json"], {}, {}),
        (
            "completion: get un<TAB>",
            [installed],
            ref,
            completion_env("_ROROS_COMPLETE", "roros get un", 2),
            completion_env("_REF_COMPLETE", "ref get un", 2),
        ),
    ]
    goals = {"info": 0.5, "get area --json": 0.35, "completion: get un<TAB>": 0.35}
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {args.runs} alternating runs, medians"
    )
    print(f"{'case':26} {'roros':>9} {'reference':>10} {'ratio':>6}  goal")
    info_rss: list[int] = []
    for name, ours, theirs, our_env, their_env in cases:
        mine: list[float] = []
        other: list[float] = []
        for _ in range(args.runs):
            elapsed, rss = run_once(ours, {**base, **our_env})
            mine.append(elapsed)
            if name == "info":
                info_rss.append(rss)
            other.append(run_once(theirs, {**base, **their_env})[0])
        ratio = statistics.median(mine) / statistics.median(other)
        verdict = "ok" if ratio <= goals[name] else "MISSED"
        print(
            f"{name:26} {statistics.median(mine) * 1000:7.1f}ms {statistics.median(other) * 1000:8.1f}ms "
            f"{ratio:6.2f}  <= {goals[name]} {verdict}"
        )
    peak = max(info_rss) / 1024
    print(f"peak memory of roros info: {peak:.1f} MiB (goal <= 25 MiB) {'ok' if peak <= 25 else 'MISSED'}")
    against_the_floor(installed, base, args.runs)
    if not args.skip_batch:
        subprocess.run([str(Path(installed).parent / "python"), str(HERE / "batch.py")], check=True)


def against_the_floor(installed: str, base: dict[str, str], runs: int) -> None:
    import tempfile

    python = str(Path(installed).parent / "python")
    with tempfile.TemporaryDirectory() as cache:
        env = {**base, "XDG_CACHE_HOME": cache}  # a folder of its own, though roros writes nothing there
        cases = [
            ("get area", [installed, "get", "area"], {}, 3.0),
            ("completion: get un<TAB>", [installed], completion_env("_ROROS_COMPLETE", "roros get un", 2), 2.5),
            ("info", [installed, "info"], {}, 6.0),
        ]
        floor: list[float] = []
        times: dict[str, list[float]] = {name: [] for name, *_ in cases}
        for _ in range(runs):
            floor.append(run_once([python, "-c", "pass"], env)[0])
            for name, argv, extra, _goal in cases:
                times[name].append(run_once(argv, {**env, **extra})[0])
        bottom = statistics.median(floor)
        print(f"\nagainst the floor: `python -c pass` {bottom * 1000:.1f} ms (same Python, same environment)")
        for name, _argv, _extra, goal in cases:
            ratio = statistics.median(times[name]) / bottom
            verdict = "ok" if ratio <= goal else "MISSED"
            print(f"{name:26} {statistics.median(times[name]) * 1000:7.1f}ms {ratio:6.2f}x  <= {goal}x {verdict}")


if __name__ == "__main__":
    main()
