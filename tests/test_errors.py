"""Bugs surface as one line with how to report them; --debug or ROROS_DEBUG=1 shows the traceback."""

from __future__ import annotations

import pytest

from roros_cli import commands
from roros_cli.__main__ import main


def _explode(*args: object, **kwargs: object) -> int:
    secret = "hunter2"  # a local that must never be printed
    raise RuntimeError("boom " + secret[:0])


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else -1), captured.out, captured.err


def test_a_bug_is_one_line_with_how_to_report_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(commands, "info", _explode)
    status, out, err = run_main(["info"], capsys)
    assert status == 70
    assert out == ""
    assert err.count("\n") == 1
    assert "internal error (RuntimeError)" in err
    assert "--debug" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback_but_no_locals(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    monkeypatch.setattr(commands, "info", _explode)
    if how == "env":
        monkeypatch.setenv("ROROS_DEBUG", "1")
    status, _, err = run_main(["--debug", "info"] if how == "flag" else ["info"], capsys)
    assert status == 70
    assert "Traceback" in err
    assert "RuntimeError: boom" in err
    assert "hunter2" not in err


def test_user_errors_from_the_fast_or_slow_path_have_the_same_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(["get", "nope"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith("roros: error: no fact 'nope'")
