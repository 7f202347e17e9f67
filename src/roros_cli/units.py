"""Units, conversion, and the encyclopedia's rounding rule.

Knows nothing about Røros: it turns a number typed in one unit into a figure shown in another, rounded
the way Wikipedia's {{convert}} template does by default, so that `630 m` becomes `2,070 ft`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final


class UnitError(ValueError):
    """A unit or a number the user typed cannot be used; the message says why and how to fix it."""


@dataclass(frozen=True)
class Unit:
    """One unit of measure.

    `factor` is the size of the unit in the SI base of its dimension (metres, square metres). Densities are
    "per area" units: for them `factor` is the area in square metres that one person (or thing) is counted
    over, so converting divides where the other dimensions multiply.
    """

    code: str
    symbol: str
    name: str
    dimension: str
    factor: float
    per: bool = False


_UNIT_LIST: Final[tuple[Unit, ...]] = (
    Unit("m", "m", "metre", "length", 1.0),
    Unit("km", "km", "kilometre", "length", 1000.0),
    Unit("ft", "ft", "foot", "length", 0.3048),
    Unit("mi", "mi", "mile", "length", 1609.344),
    Unit("m2", "m²", "square metre", "area", 1.0),
    Unit("km2", "km²", "square kilometre", "area", 1_000_000.0),
    Unit("ha", "ha", "hectare", "area", 10_000.0),
    Unit("acre", "acres", "acre", "area", 4046.8564224),
    Unit("sqft", "sq ft", "square foot", "area", 0.09290304),
    Unit("sqmi", "sq mi", "square mile", "area", 2_589_988.110336),
    Unit("/km2", "/km²", "per square kilometre", "density", 1_000_000.0, per=True),
    Unit("/sqmi", "/sq mi", "per square mile", "density", 2_589_988.110336, per=True),
    Unit("deg", "°", "degree", "angle", 1.0),
)

UNITS: Final[dict[str, Unit]] = {unit.code: unit for unit in _UNIT_LIST}

# The spellings people type, already normalised by `_normalise` (lower case, ² and ^2 as 2, single spaces).
_ALIASES: Final[dict[str, str]] = {
    **dict.fromkeys(("metre", "metres", "meter", "meters"), "m"),
    **dict.fromkeys(("kilometre", "kilometres", "kilometer", "kilometers"), "km"),
    **dict.fromkeys(("foot", "feet"), "ft"),
    **dict.fromkeys(("mile", "miles"), "mi"),
    **dict.fromkeys(("sq m", "sqm", "square metre", "square metres", "square meter", "square meters"), "m2"),
    **dict.fromkeys(
        ("sq km", "sqkm", "square kilometre", "square kilometres", "square kilometer", "square kilometers"), "km2"
    ),
    **dict.fromkeys(("hectare", "hectares"), "ha"),
    **dict.fromkeys(("acres", "ac"), "acre"),
    **dict.fromkeys(("sq ft", "ft2", "square foot", "square feet"), "sqft"),
    **dict.fromkeys(("sq mi", "mi2", "square mile", "square miles"), "sqmi"),
    **dict.fromkeys(("per km2", "per sq km", "per square kilometre", "per square kilometer", "/sq km"), "/km2"),
    **dict.fromkeys(("per sq mi", "per sqmi", "per mi2", "per square mile", "/sq mi", "/mi2"), "/sqmi"),
    **dict.fromkeys(("°", "degree", "degrees"), "deg"),
}

_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED: Final = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_LOG10_2: Final = math.log10(2)


def _normalise(text: str) -> str:
    folded = text.strip().lower().replace("²", "2").replace("^2", "2")
    return " ".join(folded.split())


def accepted_units() -> list[str]:
    """The canonical unit codes, in table order."""
    return [unit.code for unit in _UNIT_LIST]


def unit_spellings() -> list[str]:
    """Every spelling `parse_unit` accepts, canonical codes first (for shell completion)."""
    return accepted_units() + sorted(_ALIASES)


def parse_unit(text: str) -> Unit:
    """The unit a user means by `text`; raises UnitError with the nearest known spelling."""
    key = _normalise(text)
    code = key if key in UNITS else _ALIASES.get(key)
    if code is None:
        code = _ALIASES.get(key.replace(" ", ""))
    if code is None:
        raise UnitError(_unknown_unit_message(text, key))
    return UNITS[code]


def _unknown_unit_message(text: str, key: str) -> str:
    import difflib  # only on the error path

    near = difflib.get_close_matches(key, unit_spellings(), n=1, cutoff=0.5)
    hint = f" Did you mean '{near[0]}'?" if near else ""
    return f"unknown unit '{text}'.{hint} Accepted units: {', '.join(accepted_units())}."


def parse_number(text: str) -> float:
    """The value of a number as typed: `16,510`, `3.31`, `-4`. Raises UnitError on anything else."""
    cleaned = _strip_grouping(text)
    value = float(cleaned)
    if not math.isfinite(value):
        raise UnitError(f"'{text}' is too large to convert.")
    return value


def _strip_grouping(text: str) -> str:
    stripped = text.strip()
    if _NUMBER.fullmatch(stripped):
        return stripped
    if _GROUPED.fullmatch(stripped):
        return stripped.replace(",", "")
    raise UnitError(
        f"'{text}' is not a number. Type digits with an optional '.' for decimals and ',' between "
        "thousands, e.g. 16,510 or 3.31."
    )


def typed_precision(text: str) -> int:
    """Step 1 of the rule: decimals after the point, or minus the trailing zeros of a whole number."""
    digits = _strip_grouping(text).lstrip("+-")
    if "." in digits:
        return len(digits) - digits.index(".") - 1
    return -(len(digits) - len(digits.rstrip("0")))


def check_compatible(source: Unit, target: Unit) -> None:
    """Raises UnitError when the two units measure different things (km to ha)."""
    if source.dimension != target.dimension:
        raise UnitError(
            f"cannot convert {source.name}s ({source.dimension}) to {target.name}s ({target.dimension}): "
            f"choose a target unit of {source.dimension}, such as "
            f"{', '.join(u.code for u in _UNIT_LIST if u.dimension == source.dimension and u != source)}."
        )


def convert(value: float, source: Unit, target: Unit) -> float:
    """`value` in `source` units expressed in `target` units, unrounded."""
    check_compatible(source, target)
    if source.per:
        return value * target.factor / source.factor
    return value * source.factor / target.factor


def factor_between(source: Unit, target: Unit) -> float:
    """How many `target` units one `source` unit makes."""
    return convert(1.0, source, target)


def infobox_precision(text: str, value: float, out: float, source: Unit, target: Unit) -> int:
    """Steps 2 to 5 of the rule: the decimals to show (negative: round to tens, hundreds, ...)."""
    if value == 0 or out <= 0:
        return 0
    whole = "." not in text
    if whole and target.code == "ft" and source.dimension == "length":
        # A whole number of metres means "to the nearest metre", finer than the input's trailing zeros say.
        adjust = -math.log10(source.factor) + _LOG10_2
    else:
        adjust = math.log10(abs(value / out)) + _LOG10_2
    minimum = 1 - math.floor(math.log10(out))
    return max(math.floor(typed_precision(text) + adjust), minimum)


def format_fixed(number: float, precision: int) -> str:
    """Step 6 and 7: `number` to `precision` decimals (negative: to tens, hundreds), with thousands commas."""
    if precision >= 0:
        nudged = number + 2e-14 if precision <= 8 else number
        text = "%.*f" % (precision, nudged)
    else:
        scaled = "%.0f" % (number / 10**-precision)
        text = scaled + "0" * -precision if scaled.lstrip("-") != "0" else "0"
    return group_thousands(text)


def group_thousands(text: str) -> str:
    """Commas between thousands once the integer part has four digits or more."""
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.lstrip("-").partition(".")
    if len(whole) >= 4:
        whole = f"{int(whole):,}"
    return f"{sign}{whole}{dot}{fraction}"


def format_as_typed(number: float) -> str:
    """A stored number shown with the precision it was written with (`16510` -> `16,510`)."""
    text = repr(number) if isinstance(number, float) else str(number)
    if "e" in text or "E" in text:
        return group_thousands(f"{number:f}".rstrip("0").rstrip("."))
    if text.endswith(".0"):
        text = text[:-2]
    return group_thousands(text)


def typed_text(number: float) -> str:
    """The text a stored number stands for, as the rounding rule reads it."""
    return format_as_typed(number).replace(",", "")


@dataclass(frozen=True)
class Conversion:
    """One conversion: the input as typed, the exact result, the decimals chosen and the figure shown."""

    text: str
    value: float
    source: Unit
    target: Unit
    exact: float
    precision: int | None
    shown: str
    rule: str  # "infobox", "fixed" or "exact": how `precision` was decided


def convert_text(
    text: str, source: Unit, target: Unit, precision: int | None = None, exact: bool = False
) -> Conversion:
    """Convert a number as typed; the figure is rounded by the infobox rule unless told otherwise."""
    value = parse_number(text)
    out = convert(value, source, target)
    if exact:
        return Conversion(text, value, source, target, out, -1, format_as_typed(out), "exact")
    if precision is not None:
        return Conversion(text, value, source, target, out, precision, format_fixed(out, precision), "fixed")
    chosen = infobox_precision(_strip_grouping(text), value, out, source, target)
    return Conversion(text, value, source, target, out, chosen, format_fixed(out, chosen), "infobox")


def with_symbol(figure: str, unit: Unit) -> str:
    """`2,070` and ft -> `2,070 ft`; symbols that attach (°, /km²) go without a space."""
    if unit.per or unit.code == "deg":
        return f"{figure}{unit.symbol}"
    return f"{figure} {unit.symbol}"


def explain(result: Conversion) -> list[str]:
    """The conversion in words, step by step, for a class."""
    source, target = result.source, result.target
    factor = factor_between(source, target)
    lines = [
        f"{result.text} {source.symbol} = {format_as_typed(result.exact)} {target.symbol}",
        f"  factor: 1 {source.name} = {format_as_typed(factor)} {target.name}s"
        + (" (a density: per unit area converts inversely)" if source.per else ""),
    ]
    if result.rule == "exact":
        return [*lines, "  shown at full precision (--exact)", f"  result: {with_symbol(result.shown, target)}"]
    if result.rule == "fixed":
        return [
            *lines,
            f"  rounded to {_decimals_words(result.precision or 0)} as asked (--precision)",
            f"  result: {with_symbol(result.shown, target)}",
        ]
    typed = typed_precision(result.text)
    lines.append(f"  the input {result.text} is given to {_decimals_words(typed)}")
    lines.append(
        "  the rule keeps about as much precision as the input has, adjusted by the size of the factor, "
        "and at least two significant figures"
    )
    lines.append(f"  so the result is rounded to {_decimals_words(result.precision or 0)}")
    lines.append(f"  result: {with_symbol(result.shown, target)}")
    return lines


def _decimals_words(precision: int) -> str:
    if precision > 0:
        return f"{precision} decimal place{'s' if precision > 1 else ''}"
    if precision == 0:
        return "a whole number"
    return f"the nearest {10**-precision:,}"
