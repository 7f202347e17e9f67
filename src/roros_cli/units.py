"""Units, conversion, and the encyclopedia's rounding rule.

Knows nothing about Røros: it turns a number typed in one unit into a figure shown in another, rounded
the way Wikipedia's {{convert}} template does by default, so that `630 m` becomes `2,070 ft`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
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

    @property
    def plural(self) -> str:
        """`metres`, `square feet`, `per square mile`: the name after "how many"."""
        if self.per:
            return self.name
        return self.name.replace("foot", "feet") if self.name.endswith("foot") else self.name + "s"


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

# A number as people type it: optional sign, digits with optional thousands commas, optional decimals.
_TYPED: Final = re.compile(r"\s*([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?\s*")
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


def parse_typed(text: str) -> tuple[float, int, bool]:
    """A number as typed: its value, its precision (step 1 of the rule), and whether it has a decimal point.

    Step 1: with a decimal point, the digits after it (`3.31` -> 2); without one, minus the trailing zeros
    (`630` -> -1, `2000` -> -3). Thousands commas (`16,510`) are allowed and ignored.
    """
    match = _TYPED.fullmatch(text)
    if match is None or not (match.group(2) or match.group(3)):
        raise UnitError(
            f"'{text}' is not a number. Type digits with an optional '.' for decimals and ',' between "
            "thousands, e.g. 16,510 or 3.31."
        )
    sign, whole, fraction = match.groups()
    whole = whole.replace(",", "")
    value = float(f"{sign}{whole or '0'}.{fraction or '0'}" if fraction is not None else sign + whole)
    if value in (math.inf, -math.inf):
        raise UnitError(f"'{text}' is too large to convert.")
    if fraction is not None:
        return value, len(fraction), True
    return value, len(whole.rstrip("0")) - len(whole), False


def parse_number(text: str) -> float:
    """The value of a number as typed: `16,510`, `3.31`, `-4`. Raises UnitError on anything else."""
    return parse_typed(text)[0]


def typed_precision(text: str) -> int:
    """Step 1 of the rule (see `parse_typed`)."""
    return parse_typed(text)[1]


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
    return _scale(value, source, target)


def _scale(value: float, source: Unit, target: Unit) -> float:
    # Densities are per area: a larger area unit holds more, so the factors swap.
    out = value * target.factor / source.factor if source.per else value * source.factor / target.factor
    if not math.isfinite(out):
        raise UnitError(f"{format_as_typed(value)} {source.symbol} is too large to convert to {target.symbol}.")
    return out


def factor_between(source: Unit, target: Unit) -> float:
    """How many `target` units one `source` unit makes."""
    return convert(1.0, source, target)


@dataclass(frozen=True)
class Rounding:
    """The steps of the infobox rule for one conversion, kept so `--explain` can show them."""

    typed: int  # step 1: decimals as typed (negative: trailing zeros)
    adjust: float  # step 3: how much finer or coarser the target unit is
    minimum: int  # step 4: the decimals that keep two significant figures
    precision: int  # step 5: the decimals shown
    feet_exception: bool = False
    zero: bool = False  # step 2: input or output zero (or output negative)


def _steps(
    typed: int, point: bool, value: float, out: float, source: Unit, target: Unit
) -> tuple[float, int, int, bool, bool]:
    """Steps 2 to 5 as (adjust, minimum, precision, feet exception, zero); a tuple, as batches call it a lot."""
    if value == 0 or out <= 0:
        return 0.0, 0, 0, False, True
    feet = not point and target.code == "ft" and source.dimension == "length"
    # A whole number of metres means "to the nearest metre", finer than the input's trailing zeros say.
    adjust = (-math.log10(source.factor) if feet else math.log10(abs(value / out))) + _LOG10_2
    minimum = 1 - math.floor(math.log10(out))
    return adjust, minimum, max(math.floor(typed + adjust), minimum), feet, False


def rounding(text: str, value: float, out: float, source: Unit, target: Unit) -> Rounding:
    """Steps 1 to 5 of the rule for a number as typed: the decimals to show (negative: tens, hundreds)."""
    _, typed, point = parse_typed(text)
    adjust, minimum, precision, feet, zero = _steps(typed, point, value, out, source, target)
    return Rounding(typed, adjust, minimum, precision, feet_exception=feet, zero=zero)


def format_fixed(number: float, precision: int) -> str:
    """Steps 6 and 7: `number` to `precision` decimals (negative: to tens, hundreds), with thousands commas.

    `format(x, ",.Nf")` rounds exactly as the rule's `'%.*f'` does and adds the commas in the same pass.
    """
    if precision >= 0:
        nudged = number + 2e-14 if precision <= 8 else number
        return format(nudged, f",.{precision}f")
    scaled = int("%.0f" % (number / 10**-precision))
    return format(scaled * 10**-precision, ",")


def group_thousands(text: str) -> str:
    """Commas between thousands once the integer part has four digits or more."""
    point = text.find(".")
    if (point if point >= 0 else len(text)) - text.startswith("-") < 4:
        return text
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
    value, typed, point = parse_typed(text)
    out = convert(value, source, target)
    if exact:
        return Conversion(text, value, source, target, out, None, format_as_typed(out), "exact")
    if precision is not None:
        return Conversion(text, value, source, target, out, precision, format_fixed(out, precision), "fixed")
    chosen = _steps(typed, point, value, out, source, target)[2]
    return Conversion(text, value, source, target, out, chosen, format_fixed(out, chosen), "infobox")


def figure(text: str, source: Unit, target: Unit, precision: int | None = None, exact: bool = False) -> str:
    """Only the figure `convert_text` would show, without building the record: the batch path."""
    value, typed, point = parse_typed(text)
    out = _scale(value, source, target)  # the caller checked once that the units are compatible
    if exact:
        return format_as_typed(out)
    if precision is None:
        precision = _steps(typed, point, value, out, source, target)[2]
    return format_fixed(out, precision)


def with_symbol(figure: str, unit: Unit) -> str:
    """`2,070` and ft -> `2,070 ft`; symbols that attach (°, /km²) go without a space."""
    if unit.per or unit.code == "deg":
        return f"{figure}{unit.symbol}"
    return f"{figure} {unit.symbol}"


def explain(result: Conversion) -> list[str]:
    """The conversion in words, step by step, for a class."""
    source, target = result.source, result.target
    factor = factor_between(source, target)
    kind = "a density, so it converts by the inverse of the areas" if source.per else f"a {source.dimension}"
    lines = [
        f"{result.text} {source.symbol} is {kind}:",
        f"  1 {source.symbol} = {factor:,.12g} {target.symbol}",
        f"  exact result: {result.value:,.12g} × {factor:,.12g} = {result.exact:,.12g} {target.symbol}",
    ]
    if result.rule == "exact":
        lines.append("  shown at full precision, as asked (--exact)")
    elif result.rule == "fixed":
        lines.append(f"  rounded to {_decimals_words(result.precision or 0)}, as asked (--precision)")
    else:
        lines += _rounding_words(rounding(result.text, result.value, result.exact, source, target))
    lines.append(f"  shown: {with_symbol(result.shown, target)}")
    return lines


def _rounding_words(steps: Rounding) -> list[str]:
    if steps.zero:
        return ["  the input or the result is zero (or negative), so it is shown as a whole number"]
    lines = [f"  the input is given to {_decimals_words(steps.typed)} (precision {steps.typed})"]
    if steps.feet_exception:
        lines.append(
            f"  a whole number converted to feet keeps the precision of one input unit: adjust = {steps.adjust:+.3f}"
        )
    else:
        lines.append(f"  the units differ in size by log10(input / result) + log10(2) = {steps.adjust:+.3f}")
    lines.append(
        f"  {steps.typed} {steps.adjust:+.3f} rounds down to {math.floor(steps.typed + steps.adjust)}; "
        f"two significant figures need at least {steps.minimum}"
    )
    lines.append(f"  so the result is rounded to {_decimals_words(steps.precision)}")
    return lines


def _decimals_words(precision: int) -> str:
    if precision > 0:
        return f"{precision} decimal place{'s' if precision > 1 else ''}"
    if precision == 0:
        return "a whole number"
    return f"the nearest {10**-precision:,}"
