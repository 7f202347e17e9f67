"""A data file's report at its limits, in-process and fast: "did you mean" searches at most 10,000 keys (a file
of 5,000 facts, each in a group of its own, names exactly 10,000 keys and groups), and the one-line summary
counts the problems after the first in words ("1 more problem", "2 more problems"); past 5,000 facts the count is
the only problem (test_limits.py shows 5,000 are accepted)."""

from __future__ import annotations

import pytest

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


def test_past_five_thousand_facts_the_count_is_the_only_problem() -> None:
    from roros_cli.loader import parse

    head = '[meta]\nformat = 1\nsource_title = "T"\n\n[name]\nlabel = "N"\nvalue = "Fjellby"\nsource = "t"\n'
    facts = "".join(f'[f{n}]\nlabel = "F"\nvalue = {n}\nsource = "t"\n' for n in range(4_999))  # 5,000 with name
    # The 5,001st fact, wrong as well, is not looked at: the file is refused for its size alone.
    wrong = '[late]\nlabel = "L"\nvalue = 1\nsource = "t"\nunknown = 1\n'
    with pytest.raises(DataError) as caught:
        parse(head + facts + wrong, "test.toml")
    assert [str(problem) for problem in caught.value.problems] == [
        "test.toml: has more than 5000 facts, far too many for a fact sheet"
    ]
