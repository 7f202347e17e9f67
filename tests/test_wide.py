"""Wide terminals: the label column stops at LABEL_MOST (30) characters, however long the longest label, so a
short label and its value do not stand 36 blanks apart; the rare longer label wraps within the column."""

from __future__ import annotations

import io
import re

from rich.console import Console

from roros_cli.layout import Cell, Rows

from conftest import run_process


def _printed(rows: Rows, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(rows)
    return out.getvalue().splitlines()


def _rows(*labels: str) -> Rows:
    return Rows([(Cell().add(label), Cell().add("value")) for label in labels])


def test_a_30_character_label_keeps_one_line_and_sets_the_column() -> None:
    label = "Thirty characters, exactly one"
    assert len(label) == 30
    lines = _printed(_rows(label, "Short"), 160)
    assert lines == [f"{label}  value", f"{'Short':<30}  value"]


def test_a_31_character_label_wraps_inside_a_30_character_column() -> None:
    label = "Thirty-one characters, just one"
    assert len(label) == 31
    lines = _printed(_rows(label, "Short"), 160)
    assert lines == [f"{'Thirty-one characters, just':<30}  value", "one", f"{'Short':<30}  value"]


def test_at_160_columns_the_sheet_keeps_labels_near_their_values(roros_script: str) -> None:
    run = run_process([roros_script, "info"], env={"COLUMNS": "160", "NO_COLOR": "1"})
    lines = run.stdout.decode().splitlines()
    assert "Name (Norwegian)                Røros" in lines  # the value at column 32 (30 + 2 blanks)
    assert "Coordinates (degrees, minutes,  62°34′27″N 11°23′00″E" in lines
    at = next(index for index, line in enumerate(lines) if line.startswith("Towns in Norway"))
    label = " ".join(line[:30].strip() for line in lines[at : at + 2])
    assert label == "Towns in Norway historically designated a bergstad"
    assert all(len(line) <= 160 and not re.search(r"\S {33,}\S", line) for line in lines)
