"""Everything roros knows about a unit is in one row of `units.UNITS`: its system (which `--units metric` and
`--units imperial` read) and its symbol (which the terminal layout keeps together with its figure). A unit added
to the table, and nowhere else, lands in its own system only and never wraps apart from its number.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from roros_cli import query, units
from roros_cli.layout import NBSP, Cell, keep_together, wrap
from roros_cli.model import Fact
from roros_cli.units import UNITS, Unit

YARD = Unit("yd", "yd", "yard", "length", 0.9144, "imperial", ("yard", "yards"))
SQUARE_YARD = Unit("sqyd", "sq yd", "square yard", "area", 0.83612736, "imperial", ("square yard",))


@pytest.fixture
def yards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The table with two imperial units it does not ship: the yard and the square yard (a symbol of two words).
    The symbols are read from the table once (it is fixed when the module loads), so they are read again."""
    monkeypatch.setitem(UNITS, "yd", YARD)
    monkeypatch.setitem(UNITS, "sqyd", SQUARE_YARD)
    units.unit_symbols.cache_clear()
    yield
    monkeypatch.undo()
    units.unit_symbols.cache_clear()


def fact(value: float, unit: str, *convert: str) -> Fact:
    return Fact("length", "Length", value, "test", unit=unit, convert=convert)


def lines(text: str, width: int) -> list[str]:
    return ["".join(part for part, _ in line) for line in wrap(Cell().add(keep_together(text)), width)]


# ---------------------------------------------------------------------------------------------- systems


@pytest.mark.usefixtures("yards")
def test_a_new_imperial_unit_is_left_out_of_metric_views() -> None:
    stored_in_metres = fact(630, "m", "yd")
    assert query.display_value(stored_in_metres, "metric") == "630 m"
    assert "yd" in query.display_value(stored_in_metres, "both")
    imperial = query.display_value(stored_in_metres, "imperial")
    assert imperial.endswith(" yd") and " m" not in imperial


@pytest.mark.usefixtures("yards")
def test_a_value_stored_in_a_new_imperial_unit_shows_its_metric_conversion_under_metric() -> None:
    stored_in_yards = fact(100, "yd", "m")
    metric = query.display_value(stored_in_yards, "metric")
    assert "yd" not in metric and metric.endswith(" m")
    assert query.display_value(stored_in_yards, "imperial") == "100 yd"
    chosen = query.selected(stored_in_yards, "metric")
    assert chosen is not None and chosen[1] == "m"  # `roros get --units metric` answers in metres


@pytest.mark.usefixtures("yards")
def test_a_new_unit_is_in_its_own_system_only() -> None:
    assert units.in_system("yd", "imperial") and units.in_system("yd", "both")
    assert not units.in_system("yd", "metric")


def test_every_measured_unit_of_the_table_belongs_to_exactly_one_system() -> None:
    for unit in UNITS.values():
        if unit.convertible:
            assert unit.system in units.SYSTEMS, unit.code
            assert [system for system in units.SYSTEMS if units.in_system(unit.code, system)] == [unit.system]
    assert query.UNIT_SYSTEMS == ("both", "metric", "imperial")


@pytest.mark.usefixtures("yards")
def test_a_new_unit_has_a_counterpart_in_the_other_system_for_the_quiz_hint() -> None:
    assert units.counterpart(YARD) == UNITS["m"]
    assert units.counterpart(SQUARE_YARD) == UNITS["m2"]


def test_the_shipped_counterparts_pair_each_unit_with_its_like_in_the_other_system() -> None:
    pairs = {"m": "ft", "km": "mi", "m2": "sqft", "km2": "sqmi", "ha": "acre", "/km2": "/sqmi"}
    for metric, imperial in pairs.items():
        assert units.counterpart(UNITS[metric]) == UNITS[imperial]
        assert units.counterpart(UNITS[imperial]) == UNITS[metric]
    assert units.counterpart(UNITS["deg"]) is None


# ---------------------------------------------------------------------------------------------- layout


@pytest.mark.usefixtures("yards")
def test_a_new_unit_keeps_together_with_its_figure() -> None:
    assert keep_together("about 12 yd") == f"about 12{NBSP}yd"
    assert lines("about 12 yd", len("about 12")) == ["about", "12 yd"]


@pytest.mark.usefixtures("yards")
def test_a_new_unit_of_two_words_stays_whole_after_its_figure() -> None:
    assert keep_together("about 12 sq yd") == f"about 12{NBSP}sq{NBSP}yd"
    assert lines("about 12 sq yd", len("about 12 sq")) == ["about", "12 sq yd"]


def test_without_the_row_the_new_symbol_is_an_ordinary_word() -> None:
    assert keep_together("about 12 yd") == "about 12 yd"
    assert keep_together("12 yards of rope") == "12 yards of rope"


@pytest.mark.usefixtures("yards")
def test_only_whole_symbols_are_glued() -> None:
    assert keep_together("12 yds") == "12 yds"
    assert keep_together("the sq yds") == "the sq yds"


@pytest.mark.parametrize("code", sorted(UNITS))
def test_every_shipped_unit_keeps_together_with_its_figure(code: str) -> None:
    shown = units.with_symbol("1,234", UNITS[code])
    text = f"about {shown}"
    assert lines(text, len(shown)) == ["about", shown]
