"""Units at their limits, in-process and fast: the thousands comma from four digits, scientific notation from
10^9 (10^3 after e-notation), the 2e-14 nudge up to eight decimals, the largest and smallest numbers, the feet
exception, the messages for unknown units, and `--explain`'s words at each threshold. Expected figures are worked
out by hand from the Wikipedia convert template's rule, not taken from the code."""

from __future__ import annotations

import pytest

from roros_cli.units import (
    UNITS,
    UnitError,
    convert_text,
    explain,
    figure,
    format_fixed,
    known_unit,
    parse_typed,
    parse_unit,
)

M, FT, KM, MI = UNITS["m"], UNITS["ft"], UNITS["km"], UNITS["mi"]


def test_an_unknown_unit_is_refused_with_the_units_of_the_same_dimension() -> None:
    with pytest.raises(
        UnitError,
        match=r"^unknown unit 'kmm'\. Did you mean 'km'\? roros converts m to and from the "
        r"other units of length: km, ft, mi\.$",
    ):
        parse_unit("kmm", M)
    with pytest.raises(UnitError, match=r"^unknown unit 'parsecs'\. roros converts lengths \(m, km, ft, mi\), "):
        parse_unit("parsecs")


def test_an_angle_is_a_unit_but_not_one_roros_converts() -> None:
    assert known_unit("deg") is None and known_unit("furlongs") is None
    assert known_unit("metres") == M and known_unit(" KM ") == KM
    with pytest.raises(UnitError, match=r"^roros does not convert angles \('deg'\)\. Units it converts: m, km, ft"):
        parse_unit("deg")


@pytest.mark.parametrize("text", ["abc", ".", "", "-", "1,2", "e5"])
def test_what_is_not_a_number(text: str) -> None:
    with pytest.raises(UnitError, match="is not a number"):
        parse_typed(text)


def test_the_largest_and_smallest_numbers() -> None:
    for text in ("1e400", "-1e400"):
        with pytest.raises(UnitError, match="is too large to convert: the largest number roros can hold"):
            parse_typed(text)
    with pytest.raises(UnitError, match="is too small to convert: the smallest number roros can hold"):
        parse_typed("1e-400")
    assert parse_typed("-1e300")[0] == -1e300
    # 5e-324 m is a number, but in kilometres it is below the smallest float: refused, never shown as 0.
    with pytest.raises(UnitError, match="is too small to convert to km"):
        convert_text("5e-324", M, KM)
    with pytest.raises(UnitError, match="is too small to convert to km"):
        figure("5e-324", M, KM)
    # 1e308 km is 1e311 m: past the largest float before any rounding.
    with pytest.raises(UnitError, match=r"^1×10³⁰⁸ km is too large to convert to m\.$"):
        convert_text("1e308", KM, M)
    # 1.79e308 rounded to the nearest 10^308 is 2e308, past the largest float: refused, saying why.
    with pytest.raises(UnitError, match="past the largest number roros can hold"):
        convert_text("1.79e308", M, M, precision=-308)
    # 5e307 ft is 1.524e307 m: past 1e307, but it rounds to a number a float holds, so it is shown.
    assert convert_text("5e307", FT, M).shown == "1.5×10³⁰⁷"


def test_units_of_different_dimensions_do_not_convert() -> None:
    with pytest.raises(
        UnitError,
        match=r"cannot convert metres \(length\) to hectares \(area\): choose a target "
        r"unit of length, such as km, ft, mi\.",
    ):
        convert_text("5", M, UNITS["ha"])


def test_a_whole_number_to_feet_keeps_the_precision_of_one_input_unit() -> None:
    # 1 km is 3,280.84 ft: one kilometre's precision, times two, is to the nearest 1,000 ft, but two significant
    # figures need the nearest 100: 3,300 ft (the template's own example gives the same).
    assert convert_text("1", KM, FT).shown == "3,300"
    assert convert_text("630", M, FT).shown == "2,070"
    assert convert_text("1", KM, MI).shown == "0.62"


def test_exact_is_fourteen_significant_figures() -> None:
    # 630 / 0.3048 = 2066.929133858267716...: fourteen figures are 2066.9291338583.
    assert convert_text("630", M, FT, exact=True).shown == "2,066.9291338583"
    assert figure("630", M, FT, exact=True) == "2,066.9291338583"


def test_the_thousands_comma_starts_at_four_digits() -> None:
    assert format_fixed(999.0, 0) == "999"
    assert format_fixed(1000.0, 0) == "1,000"
    assert format_fixed(-1000.0, 0) == "-1,000"


def test_zero_has_no_sign_at_any_precision() -> None:
    assert format_fixed(0.0, 11) == "0.00000000000"
    assert format_fixed(0.0, 2) == "0.00"
    assert format_fixed(0.0, -2) == "0"


def test_the_comma_follows_the_rounded_figure_not_the_typed_one() -> None:
    # 999.9995 to one decimal is 1000.0, which has four digits before the point: grouped like any 1,000.
    assert format_fixed(999.9995, 1) == "1,000.0"
    assert format_fixed(999.6, 0) == "1,000"
    assert format_fixed(-999.6, 0) == "-1,000"
    assert format_fixed(999.4, 0) == "999"


@pytest.mark.parametrize("precision", [-10, -3, -1, 0, 1, 2])
def test_a_negative_zero_has_no_sign(precision: int) -> None:
    # -0 typed is zero: the template shows a result that rounds to zero without a sign.
    shown = format_fixed(-0.0, precision)
    assert not shown.startswith("-"), shown
    assert float(shown.replace(",", "")) == 0


def test_a_negative_zero_has_no_sign_from_the_command_line(roros_script: str) -> None:
    from conftest import run_process

    for argv in (["--precision", "-3", "--", "-0", "km", "m"], ["--precision", "-10", "--", "-0", "m", "m"]):
        run = run_process([roros_script, "convert", *argv])
        assert run.returncode == 0, run.stderr
        assert run.stdout == b"0 m\n"


def test_the_nudge_up_applies_to_eight_decimals() -> None:
    # 1.000000005 is stored a hair below itself; the template adds 2e-14 before rounding to 8 decimals or fewer.
    assert format_fixed(1.000000005, 8) == "1.00000001"


def test_scientific_notation_from_ten_to_the_ninth() -> None:
    assert format_fixed(1e9, 0) == "1,000,000,000"  # exactly 10^9 is still written out
    assert format_fixed(1.5e9, 0) == "1.500000000×10⁹"
    assert format_fixed(2e10, -10) == "2×10¹⁰"  # one figure: no point after it
    # After e-notation input, from 10^3: 1,000 is written out, 1,500 is not.
    assert format_fixed(1000.0, 0, scientific=True) == "1,000"
    assert format_fixed(1500.0, 0, scientific=True) == "1.500×10³"


# `--explain`: the words at each step of the rule.


def _explained(text: str, source: object, target: object, precision: int | None = None) -> str:
    return "\n".join(explain(convert_text(text, source, target, precision)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("precision", "words"),
    [
        (2, "rounded to 2 decimal places, as asked"),
        (1, "rounded to 1 decimal place, as asked"),
        (0, "rounded to a whole number, as asked"),
        (-2, "rounded to the nearest 100, as asked"),
    ],
)
def test_explain_says_the_precision_asked_for(precision: int, words: str) -> None:
    assert words in _explained("630", M, FT, precision)


def test_explain_a_zero() -> None:
    assert "the input or the result is zero, so it is shown as a whole number" in _explained("0", M, FT)


def test_explain_at_exactly_two_significant_figures() -> None:
    # 5 m is 16.4 ft: the input's precision (whole metres) plus log10(2) floors to whole feet, and whole feet keep
    # exactly two significant figures (16): enough.
    words = _explained("5", M, FT)
    assert "that keeps at least two significant figures" in words
    assert "so the result is rounded to a whole number" in words
    # 10 km is 6.2 mi: tens of miles would keep one figure, so two need one decimal.
    words = _explained("10", KM, MI)
    assert "that would keep fewer than two significant figures; two need rounding to 1 decimal place" in words


# The two unit systems (`--units metric|imperial`) and each unit's counterpart in the other system.


def test_units_metric_or_imperial_shows_only_that_systems_figure() -> None:
    from roros_cli.loader import parse
    from roros_cli.query import display_value

    text = (
        '[meta]\nformat = 1\nsource_title = "T"\n\n[name]\nlabel = "Name"\nvalue = "Fjellby"\nsource = "t"\n'
        '\n[elevation]\nlabel = "Elevation"\nvalue = 630\nunit = "m"\nconvert = ["ft"]\nsource = "t"\n'
        '\n[latitude]\nlabel = "Latitude"\nvalue = 62.57\nunit = "deg"\nsource = "t"\n'
    )
    facts = parse(text, "test.toml").facts
    # 630 m is 2,066.9 ft, shown to the tens as the infobox does: the README's "630 m (2,070 ft)".
    assert display_value(facts["elevation"], "both") == "630 m (2,070 ft)"
    assert display_value(facts["elevation"], "metric") == "630 m"
    assert display_value(facts["elevation"], "imperial") == "2,070 ft"
    # Degrees belong to neither system: shown whichever is asked for.
    for system in ("both", "metric", "imperial"):
        assert display_value(facts["latitude"], system) == "62.57°"


def test_each_unit_has_its_nearest_unit_of_the_other_system_as_counterpart() -> None:
    from roros_cli.units import Unit, counterpart

    # Nearest in size, other system, same dimension: a metre is about 3 feet, a kilometre 0.6 miles, a hectare
    # about 2.5 acres, a foot 0.3 metres (never itself, nor another unit of its own system).
    assert counterpart(M) == FT and counterpart(KM) == MI and counterpart(FT) == M and counterpart(MI) == KM
    assert counterpart(UNITS["ha"]) == UNITS["acre"]
    # A unit of neither system has no other system to take a counterpart from: degrees, or a unit a new row adds.
    assert counterpart(UNITS["deg"]) is None
    assert counterpart(Unit("cubit", "cubit", "cubit", "length", 0.4572, None)) is None
