"""The terminal layout's rules, each at its threshold: two columns from 60 columns up, stacked below; a figure
and its unit never split; words broken at spaces only; no trailing blanks, blank lines in a note included.

Expected lines are written out by hand from the rules in layout.py's docstring, never taken from its output.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from roros_cli.layout import NBSP, Cell, Paragraph, Rows, keep_together, merged, wrap


def text_of(lines: list[list[tuple[str, str]]]) -> list[str]:
    return ["".join(text for text, _ in line) for line in lines]


def rows_at(rows: Rows, width: int) -> list[str]:
    return text_of(list(rows.lines(width)))


def printed(renderable: object, width: int) -> str:
    """What a terminal of `width` columns shows (no colour codes)."""
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False, legacy_windows=False).print(renderable)
    return out.getvalue()


ELEVATION = Rows([(Cell().add("Elevation"), Cell().add(keep_together("630 m (2,070 ft)")))])


# ---------------------------------------------------------------------------------------------- stacking


def test_below_60_columns_each_label_stands_above_its_indented_value() -> None:
    assert rows_at(ELEVATION, 59) == ["Elevation", "  630 m (2,070 ft)"]
    assert rows_at(ELEVATION, 40) == ["Elevation", "  630 m (2,070 ft)"]


@pytest.mark.parametrize("width", [60, 61, 100])
def test_from_60_columns_label_and_value_share_a_line_two_blanks_apart(width: int) -> None:
    assert rows_at(ELEVATION, width) == ["Elevation  630 m (2,070 ft)"]


def test_a_stacked_value_wraps_two_columns_short_of_the_width() -> None:
    rows = Rows([(Cell().add("Note"), Cell().add("aaaa bbbb cccc"))])
    # Stacked at 11 columns: the value has 11 - 2 indent = 9 columns, so "aaaa bbbb" (9) fits and "cccc" wraps.
    assert rows_at(rows, 11) == ["Note", "  aaaa bbbb", "  cccc"]
    assert rows_at(rows, 10) == ["Note", "  aaaa", "  bbbb", "  cccc"]


def test_two_columns_give_the_value_the_width_left_after_label_and_gap() -> None:
    # Label column 12 (the floor, as the label is short), gap 2: at 60 columns the value has 46.
    label = Cell().add("Area")
    fits = Rows([(label, Cell().add("x" * 20 + " " + "y" * 25))], longest=12)  # 46 characters
    assert rows_at(fits, 60) == ["Area" + " " * 10 + "x" * 20 + " " + "y" * 25]
    wraps = Rows([(label, Cell().add("x" * 20 + " " + "y" * 26))], longest=12)  # 47 characters
    assert rows_at(wraps, 60) == ["Area" + " " * 10 + "x" * 20, " " * 14 + "y" * 26]


def test_a_one_word_label_wider_than_its_column_gets_a_line_of_its_own() -> None:
    value = Cell().add("3.31")
    fits = Rows([(Cell().add("k" * 20), value)], longest=20)
    assert rows_at(fits, 80) == ["k" * 20 + "  3.31"]
    too_wide = Rows([(Cell().add("k" * 21), value), (Cell().add("short"), value)], longest=20)
    assert rows_at(too_wide, 80) == ["k" * 21, " " * 22 + "3.31", "short" + " " * 17 + "3.31"]


def test_a_label_of_several_words_wraps_in_its_column() -> None:
    label = Cell().add("aaaa bbbb cccc dddd eeee")  # 24 characters
    rows = Rows([(label, Cell().add("1"))], label_cap=0.34)
    # At 60 columns the label column is capped at int(60 x 0.34) = 20: the label wraps after "dddd" (19).
    assert rows_at(rows, 60) == ["aaaa bbbb cccc dddd" + " " * 3 + "1", "eeee"]
    # A column as wide as the longest label, when that is narrower than the cap.
    assert rows_at(Rows([(Cell().add("aaaa bbbb"), Cell().add("1"))]), 60) == ["aaaa bbbb  1"]


def test_a_value_longer_than_its_label_continues_under_the_value_column() -> None:
    rows = Rows([(Cell().add("Name"), Cell().add("one two"))], longest=12)
    assert rows_at(rows, 60) == ["Name" + " " * 10 + "one two"]
    two_labels = Rows([(Cell().add("Long label here"), Cell().add("v"))], longest=12)
    # "Long label here" (15) wraps in 12 columns; the value stands beside the first line only.
    assert rows_at(two_labels, 60) == ["Long label" + " " * 4 + "v", "here"]


# ---------------------------------------------------------------------------------------------- wrapping


def test_words_break_at_spaces_exactly_at_the_width() -> None:
    cell = Cell().add("aa bb cc")
    assert text_of(wrap(cell, 8)) == ["aa bb cc"]
    assert text_of(wrap(cell, 7)) == ["aa bb", "cc"]
    assert text_of(wrap(cell, 5)) == ["aa bb", "cc"]
    assert text_of(wrap(cell, 4)) == ["aa", "bb", "cc"]


def test_only_a_word_longer_than_the_width_is_cut() -> None:
    assert text_of(wrap(Cell().add("abcd"), 4)) == ["abcd"]
    assert text_of(wrap(Cell().add("abcdefghij"), 4)) == ["abcd", "efgh", "ij"]
    assert text_of(wrap(Cell().add("xy abcdefghij"), 4)) == ["xy", "abcd", "efgh", "ij"]


def test_a_cell_in_several_styles_wraps_as_one_text() -> None:
    cell = Cell().add("aa ", "bold").add("bb", "").add(" cc", "dim")
    assert text_of(wrap(cell, 5)) == ["aa bb", "cc"]
    assert text_of(wrap(cell, 8)) == ["aa bb cc"]
    assert wrap(cell, 8)[0][0] == ("aa", "bold")


def test_blanks_inside_and_around_a_text_do_not_make_wider_lines() -> None:
    assert text_of(wrap(Cell().add(" aa  bb "), 10)) == ["aa bb"]


def test_the_width_of_a_cell_is_its_longest_paragraph() -> None:
    assert Cell().add("abc\nabcdef\nab").width == 6
    assert Cell().add("ab").add("cd\ne").width == 4
    assert Cell().add("a\nbcd").add("ef").width == 5


@pytest.mark.parametrize(
    ("figure", "unit"),
    [
        ("10", "km"),
        ("2,070", "ft"),
        ("630", "m"),
        ("1.28", "sq mi"),
        ("820", "acres"),
        ("1", "acre"),
        ("3.31", "km²"),
        ("12", "ha"),
        ("9", "mi"),
        ("7", "m²"),
    ],
)
def test_a_figure_and_its_unit_are_never_split(figure: str, unit: str) -> None:
    text = f"about {figure} {unit}"
    width = len(f"about {figure}")  # wide enough to end the first line just after the figure
    assert text_of(wrap(Cell().add(keep_together(text)), width)) == ["about", f"{figure} {unit}"]
    assert text_of(wrap(Cell().add(keep_together(text)), len(text))) == [text]  # printed with a plain space


def test_a_unit_of_two_words_after_a_slash_stays_whole() -> None:
    text = "density 3,060/sq mi"
    assert keep_together(text) == f"density 3,060/sq{NBSP}mi"
    assert text_of(wrap(Cell().add(keep_together(text)), 16)) == ["density", "3,060/sq mi"]


def test_only_units_are_glued_to_figures() -> None:
    assert keep_together("in 1644 the mine") == "in 1644 the mine"
    assert keep_together("5 miners") == "5 miners"  # "mi" only as a word of its own
    assert keep_together("the sq mile") == "the sq mile"


# ---------------------------------------------------------------------------------------------- blanks


NOTE = Cell().add("First paragraph of the note.\n\nSecond paragraph after a blank line.")


@pytest.mark.parametrize("width", [40, 59, 60, 80, 160])
def test_no_line_ends_in_a_blank_not_even_around_a_blank_line_of_a_note(width: int) -> None:
    rows = Rows([(Cell().add("Note"), NOTE), (Cell().add("Next"), Cell().add("v"))])
    lines = rows_at(rows, width)
    assert "" in lines  # the note's blank line is kept ...
    assert all(line == line.rstrip() for line in lines), lines  # ... with nothing on it
    out = printed(rows, width)
    assert all(line == line.rstrip() for line in out.splitlines()), out


def test_a_paragraph_has_no_trailing_blanks_and_keeps_its_blank_line() -> None:
    out = printed(Paragraph(NOTE), 20)
    assert out == "First paragraph of\nthe note.\n\nSecond paragraph\nafter a blank line.\n"


def test_a_title_stands_above_the_rows() -> None:
    rows = Rows([(Cell().add("Elevation"), Cell().add("630 m"))], title=Cell().add("Geography"))
    assert printed(rows, 60) == "Geography\nElevation  630 m\n"
    assert printed(rows, 59) == "Geography\nElevation\n  630 m\n"


# ---------------------------------------------------------------------------------------------- styles


def test_neighbouring_fragments_of_one_style_are_merged() -> None:
    assert merged([("a", "x"), ("b", "x"), ("c", ""), ("d", "")]) == [("ab", "x"), ("cd", "")]
    assert merged([("a", "x"), ("b", "y"), ("c", "x")]) == [("a", "x"), ("b", "y"), ("c", "x")]
    assert merged([]) == []


def test_a_label_is_bold_under_its_own_style_and_a_value_keeps_its_own() -> None:
    rows = Rows([(Cell().add("Mark", "green"), Cell().add("v", "dim"))], longest=4)
    (line,) = list(rows.lines(60))
    assert line[0] == ("Mark", "bold green")
    assert line[-1] == ("v", "dim")
    plain = Rows([(Cell().add("Mark"), Cell().add("v"))], label_style="", longest=4)
    (line,) = list(plain.lines(60))
    assert line[0] == ("Mark", "")
    own = Rows([(Cell().add("Mark", "green"), Cell().add("v"))], label_style="", longest=4)
    (line,) = list(own.lines(60))
    assert line[0] == ("Mark", "green")  # no label style: the label's own, unchanged
    stacked = list(Rows([(Cell().add("Mark", "green"), Cell().add("v"))]).lines(40))
    assert stacked[0] == [("Mark", "bold green")]
