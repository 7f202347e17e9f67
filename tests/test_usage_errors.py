"""Click's usage errors (a missing argument, a bad choice, an unknown option or command) read like every other
error: one `roros: error: ...` line on stderr, status 2, no usage block."""

from __future__ import annotations

import pytest

from conftest import CliInvoker, run_process


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["get"], "Missing argument 'KEY...'"),
        (["get", "area", "--units", "bogus"], "'bogus' is not one of 'both', 'metric', 'imperial'"),
        (["convert", "630", "m"], "Missing argument"),
        (["get", "area", "--bogus"], "No such option: --bogus"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["map", "--zoom", "street"], "'street' is not one of"),
    ],
)
def test_a_usage_error_is_one_line_in_the_projects_style(cli: CliInvoker, args: list[str], says: str) -> None:
    run = cli(*args)
    assert run.status == 2
    assert run.stdout == ""
    assert run.stderr.startswith("roros: error: ") and run.stderr.count("\n") == 1, run.stderr
    assert says in run.stderr
    assert "Usage:" not in run.stderr and "Try '" not in run.stderr
    assert run.stderr.rstrip("\n") == run.stderr.rstrip("\n").rstrip()  # no blank at the end of the line
    assert "-h" in run.stderr  # where to read how the command is used


def test_a_usage_error_from_the_real_script_is_one_line_on_stderr(roros_script: str) -> None:
    run = run_process([roros_script, "get"])
    assert run.returncode == 2
    assert run.stdout == b""
    assert run.stderr.decode().splitlines() == [run.stderr.decode().rstrip("\n")]
    assert run.stderr.startswith(b"roros: error: Missing argument 'KEY...'")
    assert b"roros get -h" in run.stderr
