"""Ctrl-C pressed right after Enter at a real terminal, many times: does the quiz always end (status 130, with
its score), or does it ever hang? A harness, not a test: the race it looks for is rare and timing-bound (before
the fix in session._typed_line, 5 hangs in 200 runs on a two-core machine; after it, none).

Run from the repository after the README's set-up: `python tools/ctrl_c_race.py [RUNS]` (default 200).
"""

from __future__ import annotations

import collections
import fcntl
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

ROROS = str(Path(sys.executable).with_name("roros"))


def _controlling_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _read(fd: int, seen: bytes, until: bytes | None, seconds: float) -> bytes:
    end = time.monotonic() + seconds
    while until is None or until not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            return seen
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other side closed
            return seen
        if not chunk:
            return seen
        seen += chunk
    return seen


def once(spin: int) -> tuple[object, bool]:
    """One quiz: wait for its prompt, type an answer and Enter, spin `spin` steps, press Ctrl-C."""
    keyboard, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "80"}
    process = subprocess.Popen(
        [ROROS, "quiz", "-n", "3", "--seed", "7"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        preexec_fn=_controlling_terminal,
        env=env,
    )
    os.close(terminal)
    seen = _read(keyboard, b"", b"> ", 10)
    os.write(keyboard, b"3.3\n")
    for _ in range(spin):
        pass
    os.write(keyboard, b"\x03")
    seen = _read(keyboard, seen, None, 8)
    try:
        status: object = process.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        status = "hang"
    os.close(keyboard)
    return status, b"Score" in seen


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seen = collections.Counter(once(run % 40 * 50) for run in range(runs))
    for (status, score), count in sorted(seen.items(), key=str):
        print(f"{count:5d}  status {status}, {'with' if score else 'without'} the score")
    return 1 if any(status != 130 for status, _ in seen) else 0


if __name__ == "__main__":
    sys.exit(main())
