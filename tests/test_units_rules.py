"""The rounding rule and number formats at each of their thresholds, against the transliteration of
Module:Convert in convert_reference.py (never against roros's own output).

The property tests draw random inputs; these pin the edges on every run: scientific notation below 10^-4 and
from 10^9 up (0.01 and 10^4 with e-notation input), 14 significant figures, the 2e-14 nudge up to 8 decimals,
the feet exception, densities, signs, zero, and the longest number accepted.
"""

from __future__ import annotations

import itertools

import pytest

from roros_cli.units import (
    UNITS,
    UnitError,
    convert_text,
    figure,
    format_as_typed,
    group_thousands,
    is_singular,
    parse_typed,
    shown_value,
    with_symbol,
)

import convert_reference as reference

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def template(text: str, source: str, target: str) -> str:
    """What {{convert}} shows for `text` in `source` converted to `target`, in roros's notation for powers."""
    unit, other = UNITS[source], UNITS[target]
    shown = reference.cvtround(text, unit.factor, other.factor, unit.per, other.code == "ft")
    significand, e, power = shown.partition("e")
    return f"{significand}×10{power.translate(SUPERSCRIPT)}" if e else shown


# Figures around each threshold of the formats, with the typed precision varied by trailing zeros and decimals.
EDGES = [
    "0.0001",
    "0.00011",
    "0.00009999",
    "0.001",
    "0.01",
    "0.0099",
    "0.5",
    "1",
    "1.0",
    "9.99",
    "10",
    "999",
    "1000",
    "1001",
    "9999",
    "10000",
    "99999.5",
    "999999999",
    "1000000000",
    "1000000001",
    "9999999999",
    "10000000000",
    "123456789012345",
    "12345678901234567",
    "1.2345678901234567",
    "0.12345678901234567",
    "0.00000000000000001",
    "1e-5",
    "1e-4",
    "1e-3",
    "1.5e-2",
    "1e-2",
    "9.9e-3",
    "1e3",
    "1e4",
    "1.01e4",
    "9.99e3",
    "2.5e8",
    "1e9",
    "1e10",
    "1.23e3",
    "630",
    "630.0",
    "2000",
    "3.31",
    "16,510",
]
PAIRS = [
    ("m", "ft"),
    ("ft", "m"),
    ("m", "km"),
    ("km", "m"),
    ("km", "mi"),
    ("mi", "km"),
    ("km2", "sqmi"),
    ("sqmi", "km2"),
    ("m2", "sqft"),
    ("ha", "acre"),
    ("/km2", "/sqmi"),
    ("/sqmi", "/km2"),
    ("m", "m"),
]


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_each_threshold_shows_the_templates_figure(source: str, target: str) -> None:
    unit, other = UNITS[source], UNITS[target]
    wrong = []
    for text, sign in itertools.product(EDGES, ("", "-")):
        expected = template(sign + text, source, target)
        for got in (convert_text(sign + text, unit, other).shown, figure(sign + text, unit, other)):
            if got != expected:
                wrong.append((sign + text, got, expected))
    assert wrong == []


def test_zero_is_a_whole_number_without_a_sign() -> None:
    for text in ("0", "0.0", "-0", "0.000"):
        assert convert_text(text, UNITS["km"], UNITS["mi"]).shown == "0"
    assert convert_text("0", UNITS["m"], UNITS["ft"]).shown == template("0", "m", "ft")


def test_a_whole_number_to_feet_keeps_the_precision_of_one_input_unit() -> None:
    # The template's integer_more_precision: 630 m -> 2,070 ft (not 2,100), decided by the value, not the typing.
    assert convert_text("630", UNITS["m"], UNITS["ft"]).shown == "2,070"
    assert convert_text("630.0", UNITS["m"], UNITS["ft"]).shown == template("630.0", "m", "ft")
    assert convert_text("630.5", UNITS["m"], UNITS["ft"]).shown == template("630.5", "m", "ft") == "2,069"


# ---------------------------------------------------------------------------------------------- typed numbers


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("630", -1),
        ("2000", -3),
        ("7", 0),
        ("3.31", 2),
        ("630.0", 1),
        (".5", 1),
        ("5.", 0),
        ("16,510", -1),
        ("1.23e3", -1),
        ("5e-3", 3),
    ],
)
def test_the_typed_precision_counts_decimals_or_trailing_zeros(text: str, precision: int) -> None:
    assert parse_typed(text)[1] == precision


def test_a_number_of_64_characters_is_read_and_65_are_refused() -> None:
    assert parse_typed("1" * 64)[0] == float("1" * 64)
    assert parse_typed(" " + "2" * 64 + " ")[0] == float("2" * 64)  # blanks around do not count
    with pytest.raises(UnitError, match="too long to be a number"):
        parse_typed("1" * 65)


def test_signs_and_e_notation() -> None:
    assert parse_typed("-4") == (-4.0, 0, False)
    assert parse_typed("+4") == (4.0, 0, False)
    assert parse_typed("1.5e3") == (1500.0, -2, True)
    assert parse_typed("-1,000") == (-1000.0, -3, False)
    with pytest.raises(UnitError, match="too large to convert"):
        parse_typed("1e400")


# ---------------------------------------------------------------------------------------------- showing


@pytest.mark.parametrize(
    ("text", "grouped"),
    [
        ("999", "999"),
        ("1000", "1,000"),
        ("-999", "-999"),
        ("-1000", "-1,000"),
        ("999.5", "999.5"),
        ("1234.5678", "1,234.5678"),
        ("1234567", "1,234,567"),
        ("0.12345", "0.12345"),
    ],
)
def test_commas_from_four_digits_of_the_whole_part(text: str, grouped: str) -> None:
    assert group_thousands(text) == grouped


@pytest.mark.parametrize(
    ("number", "shown"),
    [(16510, "16,510"), (3.31, "3.31"), (630.0, "630"), (1e-05, "1×10⁻⁵"), (1.5e20, "1.5×10²⁰"), (-2.5, "-2.5")],
)
def test_a_stored_number_is_shown_as_it_was_written(number: float, shown: str) -> None:
    assert format_as_typed(number) == shown


@pytest.mark.parametrize(
    ("figure_text", "singular"),
    [("1", True), ("-1", True), ("1.0", True), ("1.00", True), ("1.5", False), ("10", False), ("0.1", False)],
)
def test_one_and_only_one_is_singular(figure_text: str, singular: bool) -> None:
    assert is_singular(figure_text) is singular


def test_acres_take_the_singular_for_one_and_symbols_that_attach_have_no_space() -> None:
    assert with_symbol("1", UNITS["acre"]) == "1 acre"
    assert with_symbol("2", UNITS["acre"]) == "2 acres"
    assert with_symbol("1", UNITS["ft"]) == "1 ft"
    assert with_symbol("1,181", UNITS["/km2"]) == "1,181/km²"
    assert with_symbol("62.57", UNITS["deg"]) == "62.57°"


@pytest.mark.parametrize(
    ("shown", "value"),
    [("2,070", 2070.0), ("1.5×10⁻⁵", 1.5e-05), ("-3.3", -3.3), ("1×10⁹", 1e9)],
)
def test_a_shown_figure_reads_back_as_its_number(shown: str, value: float) -> None:
    assert shown_value(shown) == value


def test_fixed_decimals_are_the_ones_asked_for() -> None:
    km, mi = UNITS["km"], UNITS["mi"]
    assert convert_text("10", km, mi, precision=3).shown == "6.214"
    assert convert_text("10", km, mi, precision=0).shown == "6"
    assert convert_text("10000", km, mi, precision=-2).shown == "6,200"
    assert figure("10", km, mi, precision=3) == "6.214"


@pytest.mark.parametrize(
    ("code", "plural"),
    [
        ("m", "metres"),
        ("ft", "feet"),
        ("sqft", "square feet"),
        ("acre", "acres"),
        ("/km2", "per square kilometre"),
        ("/sqmi", "per square mile"),
    ],
)
def test_unit_names_in_the_plural(code: str, plural: str) -> None:
    assert UNITS[code].plural == plural
