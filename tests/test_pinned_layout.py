"""The fact sheet's layout rules at their thresholds, in-process: the label column's cap of 30 at a wide width,
a word that changes style mid-way staying one word, and a one-character mark keeping its value beside it when
rows are stacked (a label of two characters, the indent's width, does not). Expected lines are written by hand
from the rules in layout.py's docstring."""

from __future__ import annotations

from roros_cli.layout import Cell, Rows, wrap


def plain(lines: list[list[tuple[str, str]]]) -> list[str]:
    return ["".join(text for text, _ in line).rstrip() for line in lines]


def rows(label: str, value: str, width: int) -> list[str]:
    return plain(list(Rows([(Cell().add(label), Cell().add(value))]).lines(width)))


def test_the_label_column_is_at_most_thirty_wide() -> None:
    label = "word " * 6 + "words"  # 35 characters, with spaces: it may wrap
    lines = rows(label, "V", 160)
    assert lines[0] == "word word word word word word" + " " * 3 + "V"  # the value at column 30 + 2
    thirty = "a" * 14 + " " + "b" * 15
    assert rows(thirty, "V", 160) == [thirty + "  V"]
    twenty_nine = "a" * 14 + " " + "b" * 14
    assert rows(twenty_nine, "V", 160) == [twenty_nine + "  V"]


def test_a_word_that_changes_style_is_still_one_word() -> None:
    cell = Cell().add("mi)", "bold").add(", 2024", "")
    assert plain(wrap(cell, 40)) == ["mi), 2024"]
    cell = Cell().add("abc", "bold").add("def", "italic")
    assert plain(wrap(cell, 40)) == ["abcdef"]


def test_a_mark_keeps_its_value_beside_it_when_stacked() -> None:
    assert rows("✓", "UNESCO World Heritage Site", 40) == ["✓ UNESCO World Heritage Site"]
    assert rows("ab", "value", 40) == ["ab", "  value"]
    assert rows("", "value", 40) == ["", "  value"]
