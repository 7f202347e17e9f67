"""Words that help a newcomer (issue 24, "Help and messages"): explanations that read as English and fit the
terminal, suggestions that would work, messages that name what the user actually typed."""

from __future__ import annotations

import re

import pytest

from conftest import CliInvoker, run_process


def _lines(roros: str, args: list[str], width: int) -> list[str]:
    run = run_process([roros, *args], env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert run.returncode == 0, run.stderr
    return run.stdout.decode().splitlines()


@pytest.mark.parametrize("width", [40, 80])
def test_explain_fits_the_terminal_and_keeps_figures_whole(roros_script: str, width: int) -> None:
    lines = _lines(roros_script, ["convert", "630", "m", "ft", "--explain"], width)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert any("2,066.92913386 ft" in line for line in lines)  # not `2,` / `066.92913386`, not `ft` alone
    assert any("nearest 10" in line for line in lines)
    assert lines[-1] == "  shown: 2,070 ft"


def test_explain_says_what_two_significant_figures_need_in_words(cli: CliInvoker) -> None:
    # 630 m is 2,066.9 ft: to the nearest 100 (2,100) keeps two figures, the rule keeps the nearest 10 (2,070).
    out = " ".join(cli("convert", "630", "m", "ft", "--explain").stdout.split())
    assert "at least -" not in out
    assert not re.search(r"need \S*-\d", out)
    assert "rounding to the nearest 100 would keep two" in out
    assert "so the result is rounded to the nearest 10 " in out
    # 5 km is 3.1 mi: a whole number (3 mi) is one figure, so the second figure wins.
    out = " ".join(cli("convert", "5", "km", "mi", "--explain").stdout.split())
    assert "fewer than two significant figures; two need rounding to 1 decimal place" in out
    assert "so the result is rounded to 1 decimal place " in out
