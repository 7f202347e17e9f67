"""Refusals that name exactly what was wrong: a day the calendar lacks, a folder that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CliInvoker


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2026-02-29", "February 2026 has 28 days"),
        ("2028-02-30", "February 2028 has 29 days"),  # a leap year
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 00"),
    ],
)
def test_a_day_that_does_not_exist_is_named_as_such(cli: CliInvoker, day: str, says: str) -> None:
    run = cli("sun", "--date", day)
    assert run.status == 2 and run.stdout == ""
    assert says in run.stderr and "does not exist" in run.stderr
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize("day", ["2026-02-28", "2028-02-29", "2026-04-30"])
def test_the_last_day_of_a_month_is_a_date(cli: CliInvoker, day: str) -> None:
    run = cli("sun", "--date", day)
    assert run.status == 0, run.stderr


def test_a_shape_that_is_no_date_still_shows_the_form(cli: CliInvoker) -> None:
    run = cli("sun", "--date", "21/06/2026")
    assert run.status == 2 and "is not a date such as 2026-06-21 (YYYY-MM-DD)" in run.stderr


def test_an_export_into_a_folder_that_does_not_exist_says_so(
    cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "no-such-folder" / "x.html"
    run = cli("info", "--export", "no-such-folder/x.html")
    assert run.status == 4 and run.stdout == ""
    assert "the folder 'no-such-folder' does not exist" in run.stderr
    assert run.stderr.count("\n") == 1
    assert not missing.parent.exists()
