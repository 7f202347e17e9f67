"""A data file's report at its limits, in-process and fast: "did you mean" searches at most 10,000 keys (a file
of 5,000 facts, each in a group of its own, names exactly 10,000 keys and groups), and the one-line summary
counts the problems after the first in words ("1 more problem", "2 more problems")."""

from __future__ import annotations

from roros_cli.problems import DataError, Problem, Report


def _suggested(choices: list[str]) -> str:
    report = Report("test.toml", "")
    report.add(None, "layout names 'alpha'", ("alpha", choices))
    return report.problems[0].message


def test_did_you_mean_searches_at_most_ten_thousand_keys() -> None:
    # 'alphb' is one letter off 'alpha'; the other keys share nothing with it.
    near = ["alphb"] + [f"k{number}" for number in range(9_999)]
    assert len(near) == 10_000
    assert _suggested(near) == "layout names 'alpha'; did you mean 'alphb'?"
    assert _suggested([*near, "k-extra"]) == "layout names 'alpha'"


def test_the_summary_counts_the_other_problems() -> None:
    one, two, three = (Problem("test.toml", f"problem {n}") for n in (1, 2, 3))
    assert str(DataError([one])) == "test.toml: problem 1"
    assert str(DataError([one, two])) == ("test.toml: problem 1 (and 1 more problem; `roros validate` lists them all)")
    assert str(DataError([one, two, three])) == (
        "test.toml: problem 1 (and 2 more problems; `roros validate` lists them all)"
    )
