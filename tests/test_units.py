"""Conversions and the encyclopedia's rounding rule ({{convert}}'s default), step by step."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roros_cli.units import (
    UNITS,
    UnitError,
    convert,
    convert_text,
    figure,
    format_fixed,
    parse_number,
    parse_unit,
    rounding,
    typed_precision,
)


def shown(text: str, source: str, target: str) -> str:
    return convert_text(text, parse_unit(source), parse_unit(target)).shown


# The seven conversions the article prints, as it prints them.
@pytest.mark.parametrize(
    ("text", "source", "target", "article"),
    [
        ("3.31", "km2", "sqmi", "1.28"),
        ("3.31", "km2", "acre", "820"),
        ("630", "m", "ft", "2,070"),
        ("10", "km", "mi", "6.2"),
        ("1,181", "/km2", "/sqmi", "3,060"),
        ("16,510", "ha", "sqmi", "63.7"),  # the article prints 64: its data file entry says sqmi = 0
        ("481,240", "ha", "sqmi", "1,858.1"),  # likewise printed as 1,858
    ],
)
def test_article_conversions(text: str, source: str, target: str, article: str) -> None:
    assert shown(text, source, target) == article


def test_article_whole_square_miles_with_the_data_files_precision() -> None:
    area = convert_text("16,510", UNITS["ha"], UNITS["sqmi"], precision=0)
    buffer = convert_text("481,240", UNITS["ha"], UNITS["sqmi"], precision=0)
    assert (area.shown, buffer.shown) == ("64", "1,858")


@pytest.mark.parametrize(
    ("text", "precision"),
    [("3.31", 2), ("3.0", 1), ("630", -1), ("16510", -1), ("2000", -3), ("1181", 0), ("16,510", -1), ("0.5", 1)],
)
def test_step1_precision_as_typed(text: str, precision: int) -> None:
    assert typed_precision(text) == precision


def test_step2_zero_input_or_output_shows_a_whole_number() -> None:
    steps = rounding("0", 0.0, 0.0, UNITS["m"], UNITS["ft"])
    assert steps.zero and steps.precision == 0
    assert shown("0", "m", "ft") == "0"
    assert shown("0.000", "km", "mi") == "0"


def test_step2_negative_output_shows_a_whole_number() -> None:
    assert convert_text("-3.5", UNITS["m"], UNITS["ft"]).shown == "-11"


def test_step3_feet_exception_for_whole_numbers_only() -> None:
    whole = rounding("630", 630.0, convert(630.0, UNITS["m"], UNITS["ft"]), UNITS["m"], UNITS["ft"])
    assert whole.feet_exception
    assert whole.adjust == pytest.approx(math.log10(2))
    # Without the exception 630 m would be 2,100 ft; with it, 2,070 ft as the article prints.
    assert shown("630", "m", "ft") == "2,070"
    decimal = rounding("630.0", 630.0, convert(630.0, UNITS["m"], UNITS["ft"]), UNITS["m"], UNITS["ft"])
    assert not decimal.feet_exception
    assert shown("1", "km", "ft") == "3,300"  # -log10(1000) + log10(2) -> round to hundreds


def test_step4_at_least_two_significant_figures() -> None:
    steps = rounding("1000", 1000.0, convert(1000.0, UNITS["m"], UNITS["mi"]), UNITS["m"], UNITS["mi"])
    assert steps.precision == steps.minimum == 2  # 0.62 mi: the typed precision (-3) would give 0
    assert shown("1000", "m", "mi") == "0.62"


@pytest.mark.parametrize(
    ("number", "precision", "text"),
    [
        (2.5, 0, "3"),  # the 2e-14 nudge rounds an exact half up
        (0.125, 2, "0.13"),
        (1.005, 2, "1.01"),  # 1.005 is stored just below; the nudge lifts it as the template does
        (25.0, -1, "20"),  # negative precision: printf's round-half-even on the scaled value
        (35.0, -1, "40"),
        (2066.93, -1, "2,070"),
        (4.0, -1, "0"),
        (1234567.891, 2, "1,234,567.89"),
        (999.0, 0, "999"),
        (-1234.5, 1, "-1,234.5"),
    ],
)
def test_steps6_and_7_formatting_ties_and_commas(number: float, precision: int, text: str) -> None:
    assert format_fixed(number, precision) == text


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("km²", "km2"),
        ("sq km", "km2"),
        ("KM2", "km2"),
        ("sq mi", "sqmi"),
        ("mi²", "sqmi"),
        ("mi2", "sqmi"),
        ("acres", "acre"),
        ("hectares", "ha"),
        ("metres", "m"),
        ("meters", "m"),
        ("feet", "ft"),
        ("miles", "mi"),
        ("per km2", "/km2"),
        ("/km²", "/km2"),
        ("per sq mi", "/sqmi"),
        ("Square Miles", "sqmi"),
        ("km^2", "km2"),
        ("sqft", "sqft"),
        ("sq ft", "sqft"),
    ],
)
def test_unit_spellings(typed: str, code: str) -> None:
    assert parse_unit(typed).code == code


def test_unknown_unit_suggests_the_nearest_and_lists_the_accepted() -> None:
    with pytest.raises(UnitError) as caught:
        parse_unit("kmm")
    assert "did you mean 'km'" in str(caught.value).lower()
    assert "km2" in str(caught.value) and "sqmi" in str(caught.value)


@pytest.mark.parametrize(("source", "target"), [("km2", "km"), ("km", "ha"), ("/km2", "km2"), ("deg", "m")])
def test_incompatible_units(source: str, target: str) -> None:
    with pytest.raises(UnitError, match="cannot convert"):
        convert(1.0, UNITS[source], UNITS[target])


@pytest.mark.parametrize("text", ["abc", "1,2", "1.2.3", "", "1e5", "nan", "inf", "12,34,567", "--5"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(UnitError, match="not a number"):
        parse_number(text)


def test_exact_factors() -> None:
    assert convert(1.0, UNITS["ft"], UNITS["m"]) == 0.3048
    assert convert(1.0, UNITS["mi"], UNITS["m"]) == 1609.344
    assert convert(1.0, UNITS["acre"], UNITS["m2"]) == 4046.8564224
    assert convert(1.0, UNITS["sqmi"], UNITS["m2"]) == 2_589_988.110336
    assert convert(1.0, UNITS["ha"], UNITS["m2"]) == 10_000


# ---------------------------------------------------------------------------------------------- properties

_FAMILIES = [[u for u in UNITS.values() if u.dimension == d] for d in ("length", "area", "density")]
pairs = st.sampled_from(_FAMILIES).flatmap(lambda family: st.tuples(st.sampled_from(family), st.sampled_from(family)))
typed_numbers = st.builds(
    lambda whole, fraction, decimals: f"{whole}.{str(fraction).zfill(decimals)[:decimals]}" if decimals else str(whole),
    st.integers(1, 10**7),
    st.integers(0, 10**6),
    st.integers(0, 4),
)


@settings(max_examples=400, deadline=None)
@given(typed_numbers, pairs)
def test_round_trip_within_the_shown_precision(text: str, units: tuple[object, object]) -> None:
    source, target = units
    assert source in UNITS.values() and target in UNITS.values()
    there = convert_text(text, source, target)  # type: ignore[arg-type]
    assert there.precision is not None
    back = convert(parse_number(there.shown), target, source)  # type: ignore[arg-type]
    half_step = 0.5 * 10.0 ** (-there.precision) * abs(convert(1.0, target, source))  # type: ignore[arg-type]
    assert abs(back - there.value) <= half_step * (1 + 1e-9) + 1e-9 * abs(there.value)


@settings(max_examples=400, deadline=None)
@given(st.floats(0.001, 1e9), st.floats(0.001, 1e9), pairs, st.integers(-3, 4))
def test_conversion_is_monotonic(a: float, b: float, units: tuple[object, object], precision: int) -> None:
    source, target = units
    low, high = sorted((a, b))
    out_low, out_high = convert(low, source, target), convert(high, source, target)  # type: ignore[arg-type]
    assert out_low <= out_high
    assert parse_number(format_fixed(out_low, precision)) <= parse_number(format_fixed(out_high, precision))


@settings(max_examples=300, deadline=None)
@given(typed_numbers, pairs, st.one_of(st.none(), st.integers(-3, 4)))
def test_the_batch_figure_is_the_single_conversions_figure(
    text: str, units: tuple[object, object], precision: int | None
) -> None:
    source, target = units
    single = convert_text(text, source, target, precision=precision)  # type: ignore[arg-type]
    assert figure(text, source, target, precision) == single.shown  # type: ignore[arg-type]
