"""Scripts get the same output on every terminal: when stdout is a pipe, the layout depends on COLUMNS if it is
set, else on a fixed 80 columns (README, "Scripts"), never on the size of the terminal the script runs in.

Each view writes to a pipe from inside real pseudo-terminals of 40 and 160 columns (its stdin and stderr), with
COLUMNS unset, so Rich and the help formatter could see the terminal through stdin and stderr if they looked.
A shell's `roros info | cat` in a terminal is checked too, with COLUMNS set."""

from __future__ import annotations

import fcntl
import os
import pty
import shlex
import struct
import subprocess
import termios

import pytest

from conftest import run_in_terminal

PIPED_WIDTH = 80  # the README's documented width for a pipe without COLUMNS
VIEWS = [
    [],
    ["--help"],
    ["info"],
    ["info", "--sources"],
    ["keys"],
    ["search", "unesco"],
    ["timeline"],
    ["check"],
    ["convert", "630", "m", "ft", "--explain"],
    ["map"],
]


def in_terminal(script: str, columns: int, env: dict[str, str]) -> str:
    """What `sh -c script` writes to a pseudo-terminal `columns` wide (stdin, stdout and stderr all on it)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    process = subprocess.Popen(
        ["sh", "-c", script], stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    received = b""
    try:
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            received += chunk
        process.wait(timeout=60)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    return received.decode().replace("\r\n", "\n")


def _environment(**extra: str) -> dict[str, str]:
    environ = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES", "NO_COLOR")}
    return {**environ, **extra}


def _views(roros: str, columns: int, **extra: str) -> list[str]:
    """Each view as a script's pipe gets it, beside what it says on the terminal (stderr): stdout is a pipe, and
    stdin and stderr are a pseudo-terminal `columns` wide."""
    return [_piped_view(roros, columns, args, _environment(**extra)) for args in VIEWS]


def _piped_view(roros: str, columns: int, args: list[str], env: dict[str, str]) -> str:
    run, said = run_in_terminal([roros, *args], env, columns=columns, screen=False)
    return run.stdout.decode() + said.decode().replace("\r\n", "\n")


@pytest.fixture(scope="module")
def piped(roros_script: str) -> dict[int, list[str]]:
    return {columns: _views(roros_script, columns) for columns in (40, 160)}


@pytest.mark.parametrize("index", range(len(VIEWS)), ids=[" ".join(args) or "(none)" for args in VIEWS])
def test_piped_output_is_the_same_from_a_narrow_and_a_wide_terminal(piped: dict[int, list[str]], index: int) -> None:
    narrow, wide = piped[40][index], piped[160][index]
    assert "Traceback" not in narrow
    assert narrow.strip()
    assert narrow == wide


def test_a_pipe_without_columns_gets_the_documented_width(piped: dict[int, list[str]]) -> None:
    sheet = piped[40][VIEWS.index(["info"])].split("\n")
    assert any(line.startswith("Elevation ") and line.endswith("630 m (2,070 ft)") for line in sheet)
    longest = max(len(line) for view in piped[160] for line in view.split("\n"))
    assert 60 < longest <= PIPED_WIDTH


def test_columns_still_decides_for_a_pipe(roros_script: str) -> None:
    narrow = in_terminal(f"{shlex.quote(roros_script)} info | cat", 160, _environment(COLUMNS="40"))
    assert "Elevation\n  630 m (2,070 ft)\n" in narrow
    assert max(len(line) for line in narrow.split("\n")) <= 40
