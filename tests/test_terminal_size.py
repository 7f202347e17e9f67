"""One terminal-size rule: what a drawn view is given and what `output` fits text to agree, LINES and COLUMNS
taken when sane (LINES 10 to 1,000, COLUMNS 20 to 1,000), else the terminal's own size.

Run in a pseudo-terminal 33 lines by 90 columns, so the fallback is visible; each limit at it and one past it.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

TERMINAL_LINES, TERMINAL_COLUMNS = 33, 90

# What a view sees when `output.draw` draws it, and what `output` itself would fit text to.
PROBE = """
import json, sys
from roros_cli import output

class Probe:
    def __rich_console__(self, console, options):
        sizes = [options.max_width, options.max_height, console.width, console.height, output.width(),
                 output.height()]
        sys.stderr.write("SIZES=" + json.dumps(sizes) + "\\n")
        return []

output.draw(Probe())
"""


def _sizes(environ: dict[str, str]) -> list[int]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", TERMINAL_LINES, TERMINAL_COLUMNS, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in {"COLUMNS", "LINES"}}
    try:
        run = subprocess.run(
            [sys.executable, "-c", PROBE],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**env, **environ},
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert run.returncode == 0, run.stderr
    found: list[int] = json.loads(run.stderr.decode().rpartition("SIZES=")[2])
    return found


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("9", TERMINAL_LINES),  # one below the rule: the terminal's own
        ("10", 10),
        ("15", 15),
        ("19", 19),
        ("20", 20),
        ("1000", 1000),
        ("1001", TERMINAL_LINES),  # one above the rule: the terminal's own
    ],
)
def test_a_drawn_view_and_the_text_writer_take_the_same_height(lines: str, expected: int) -> None:
    sizes = _sizes({"LINES": lines})
    assert sizes == [TERMINAL_COLUMNS, expected, TERMINAL_COLUMNS, expected, TERMINAL_COLUMNS, expected]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [("19", TERMINAL_COLUMNS), ("20", 20), ("1000", 1000), ("1001", TERMINAL_COLUMNS)],
)
def test_a_drawn_view_and_the_text_writer_take_the_same_width(columns: str, expected: int) -> None:
    sizes = _sizes({"COLUMNS": columns})
    assert sizes == [expected, TERMINAL_LINES, expected, TERMINAL_LINES, expected, TERMINAL_LINES]
