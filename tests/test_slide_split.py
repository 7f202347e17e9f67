"""How a long section is shared among slides: the fewest slides that hold it, shared evenly, never a lone row."""

from __future__ import annotations

import pytest

from roros_cli import lesson
from roros_cli.pages import Row

ROOM = 17.5  # ems of body on a slide, as the deck's layout gives it (see the browser tests for the real fit)


def _rows(count: int) -> tuple[Row, ...]:
    return tuple(Row(f"label {i}", f"value {i}") for i in range(count))


@pytest.mark.parametrize(("count", "sizes"), [(1, [1]), (7, [7]), (8, [4, 4]), (15, [5, 5, 5]), (16, [6, 5, 5])])
def test_rows_of_2_5_ems_fill_a_slide_at_seven_and_split_evenly_past_it(count: int, sizes: list[int]) -> None:
    parts = lesson.split_evenly(_rows(count), lambda row: 2.5)
    assert [len(part) for part in parts] == sizes
    assert [row for part in parts for row in part] == list(_rows(count))  # all of them, in order


def test_a_row_too_tall_for_any_slide_still_shares_a_slide_rather_than_stand_alone() -> None:
    parts = lesson.split_evenly(_rows(5), lambda row: ROOM)
    assert all(len(part) >= 2 for part in parts)
    assert sum(len(part) for part in parts) == 5
