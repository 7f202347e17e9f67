"""Units, conversion, and the encyclopedia's rounding rule.

Knows nothing about Røros: it turns a number typed in one unit into a figure shown in another, rounded
the way Wikipedia's {{convert}} template does by default, so that `630 m` becomes `2,070 ft`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, Literal


class UnitError(ValueError):
    """A unit or a number the user typed cannot be used; the message says why and how to fix it."""


SYSTEMS: Final = ("metric", "imperial")  # the unit systems a view can be limited to (`--units`)


@dataclass(frozen=True)
class Unit:
    """One unit of measure: everything roros knows about it is here, so a new unit is one new row.

    `factor` is the size of the unit in the SI base of its dimension (metres, square metres). Densities are
    "per area" units: for them `factor` is the area in square metres that one person (or thing) is counted
    over, so converting divides where the other dimensions multiply. `system` is the one of `SYSTEMS` the unit
    belongs to (None: shown under either). The symbol (and `singular_symbol`) is what a view keeps together
    with its figure; `attached` symbols follow the figure with no space (`62.57°`, `1,181/km²`).
    """

    code: str
    symbol: str
    name: str
    dimension: str
    factor: float
    system: str | None
    spellings: tuple[str, ...] = ()  # what people type for it, normalised as `_normalise` does
    per: bool = False
    singular_symbol: str | None = None  # `1 acre` but `820 acres`: the template's singular for a figure of 1
    convertible: bool = True  # degrees describe data (latitude), but `convert` does not convert angles
    attached: bool = False

    @property
    def plural(self) -> str:
        """`metres`, `square feet`, `per square mile`: the name after "how many"."""
        if self.per:
            return self.name
        return self.name.replace("foot", "feet") if self.name.endswith("foot") else self.name + "s"

    @property
    def symbols(self) -> tuple[str, ...]:
        """Every symbol a figure of this unit is shown with."""
        return (self.symbol, self.singular_symbol) if self.singular_symbol else (self.symbol,)


_METRE_WORDS: Final = ("metre", "metres", "meter", "meters")
_KILOMETRE_WORDS: Final = ("kilometre", "kilometres", "kilometer", "kilometers")

# The spellings are those people type, already normalised by `_normalise` (lower case, ² and ^2 as 2, single
# spaces); each unit's code and the codes below are accepted too.
_UNIT_LIST: Final[tuple[Unit, ...]] = (
    Unit("m", "m", "metre", "length", 1.0, "metric", _METRE_WORDS),
    Unit("km", "km", "kilometre", "length", 1000.0, "metric", _KILOMETRE_WORDS),
    Unit("ft", "ft", "foot", "length", 0.3048, "imperial", ("foot", "feet")),
    Unit("mi", "mi", "mile", "length", 1609.344, "imperial", ("mile", "miles")),
    Unit(
        "m2", "m²", "square metre", "area", 1.0, "metric",
        ("sq m", "sqm", *(f"square {word}" for word in _METRE_WORDS)),
    ),
    Unit(
        "km2", "km²", "square kilometre", "area", 1_000_000.0, "metric",
        ("sq km", "sqkm", *(f"square {word}" for word in _KILOMETRE_WORDS)),
    ),
    Unit("ha", "ha", "hectare", "area", 10_000.0, "metric", ("hectare", "hectares")),
    Unit("acre", "acres", "acre", "area", 4046.8564224, "imperial", ("acres", "ac"), singular_symbol="acre"),
    Unit(
        "sqft", "sq ft", "square foot", "area", 0.09290304, "imperial",
        ("sq ft", "ft2", "square foot", "square feet"),
    ),
    Unit(
        "sqmi", "sq mi", "square mile", "area", 2_589_988.110336, "imperial",
        ("sq mi", "mi2", "square mile", "square miles"),
    ),
    Unit(
        "/km2", "/km²", "per square kilometre", "density", 1_000_000.0, "metric",
        ("per km2", "per sq km", "per square kilometre", "per square kilometer", "/sq km"),
        per=True, attached=True,
    ),
    Unit(
        "/sqmi", "/sq mi", "per square mile", "density", 2_589_988.110336, "imperial",
        ("per sq mi", "per sqmi", "per mi2", "per square mile", "/sq mi", "/mi2"),
        per=True, attached=True,
    ),
    Unit("deg", "°", "degree", "angle", 1.0, None, ("°", "degree", "degrees"), convertible=False, attached=True),
)  # fmt: skip

UNITS: Final[dict[str, Unit]] = {unit.code: unit for unit in _UNIT_LIST}

_ALIASES: Final[dict[str, str]] = {spelling: unit.code for unit in _UNIT_LIST for spelling in unit.spellings}


def in_system(code: str, system: str) -> bool:
    """Whether a figure in unit `code` is shown when a view asks for `system` ("both", or one of `SYSTEMS`).
    A unit of neither system (degrees), or one not in the table, is shown under any."""
    unit = UNITS.get(code)
    return system not in SYSTEMS or unit is None or unit.system in (None, system)


def counterpart(unit: Unit) -> Unit | None:
    """The unit of the other system that measures the same dimension nearest in size (m: ft, km: mi, ha: acre),
    or None when there is none."""
    others = [
        other
        for other in UNITS.values()
        if other.dimension == unit.dimension and other.system is not None and other.system != unit.system
    ]
    if unit.system is None or not others:
        return None
    return min(others, key=lambda other: abs(math.log10(other.factor / unit.factor)))


@cache  # the table is fixed: a view asks once per cell, and 4,900 facts make 15,000 cells
def unit_symbols() -> tuple[str, ...]:
    """Every symbol a figure is shown with, longest first: the words a view keeps together with their figure."""
    return tuple(
        sorted({symbol for unit in UNITS.values() for symbol in unit.symbols}, key=lambda text: (-len(text), text))
    )


# A number as people type it: optional sign, ASCII digits with optional thousands commas, optional decimals,
# optional e-notation. Matched against stripped text with no open-ended repeats at either end, so a long run of
# blanks cannot make the match quadratic. The exponent's digits are not limited here (the text's length limits
# them), so that 1e999999999 is told it is too large rather than not a number.
_TYPED: Final = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
_LONGEST_NUMBER: Final = 64  # characters: more than any figure a person types, far less than a flood
_LOG10_2: Final = math.log10(2)
_FUDGE_LOG: Final = 1e-14  # Module:Convert adds this to log10 before flooring, as {{Order of magnitude}} does
_MAX_SIGFIG: Final = 14  # the template never shows more significant figures (nor does {{#expr}})
_SUPERSCRIPT: Final = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _normalise(text: str) -> str:
    folded = text.strip().lower().replace("²", "2").replace("^2", "2")
    return " ".join(folded.split())


def accepted_units() -> list[str]:
    """Every unit code a data file may use, in table order."""
    return [unit.code for unit in UNITS.values()]


def convertible_units() -> list[str]:
    """The unit codes `roros convert` takes, in table order."""
    return [unit.code for unit in UNITS.values() if unit.convertible]


def unit_spellings() -> list[str]:
    """Every spelling `parse_unit` accepts for conversion, canonical codes first (for shell completion)."""
    return convertible_units() + sorted(word for word, code in _ALIASES.items() if UNITS[code].convertible)


def parse_unit(text: str, other: Unit | None = None) -> Unit:
    """The unit a user means by `text` for a conversion; raises UnitError with the nearest known spelling.

    `other` is the conversion's other unit, when known: only units of its dimension are suggested then.
    """
    key = _normalise(text)
    code = _code(key)
    if code is None:
        raise UnitError(_unknown_unit_message(text, key, other))
    unit = UNITS[code]
    if not unit.convertible:
        raise UnitError(
            f"roros does not convert {unit.dimension}s ('{shorten(text)}'). "
            f"Units it converts: {', '.join(convertible_units())}."
        )
    return unit


def known_unit(text: str) -> Unit | None:
    """The convertible unit `text` names, or None: parse_unit without the message (and its costly suggestion)."""
    code = _code(_normalise(text))
    unit = UNITS[code] if code is not None else None
    return unit if unit is not None and unit.convertible else None


def _code(key: str) -> str | None:
    code = key if key in UNITS else _ALIASES.get(key)
    return code if code is not None else _ALIASES.get(key.replace(" ", ""))


def parse_units(source: str, target: str) -> tuple[Unit, Unit]:
    """Both units of a conversion; a typo in one is matched against the units of the other's dimension."""
    try:
        known = parse_unit(target)
    except UnitError:
        known = None
    first = parse_unit(source, known)
    return first, parse_unit(target, first)


_CLOSE_ENOUGH: Final = 0.6  # difflib's ratio: `mils` -> `miles`, but not `kg` -> `km` nor `celsius` -> `acres`


def _unknown_unit_message(text: str, key: str, other: Unit | None) -> str:
    import difflib  # only on the error path

    if other is not None and other.convertible:
        # Spellings of the other unit's dimension, but not of the other unit itself (km to km converts nothing).
        fellows = [unit.code for unit in UNITS.values() if unit.dimension == other.dimension and unit != other]
        choices = [code for code in unit_spellings() if _ALIASES.get(code, code) in fellows]
        knows = f"roros converts {other.code} to and from the other units of {other.dimension}: {', '.join(fellows)}."
    else:
        choices = unit_spellings()
        knows = f"roros converts {_dimensions_in_words()}."
    near = difflib.get_close_matches(key[:_LONGEST_NUMBER], choices, n=1, cutoff=_CLOSE_ENOUGH)
    hint = f" Did you mean '{near[0]}'?" if near else ""
    return f"unknown unit '{shorten(text)}'.{hint} {knows}"


def _dimensions_in_words() -> str:
    """`lengths (m, km, ft, mi), areas (...) and densities (/km2, /sqmi)`, from the unit table."""
    groups: dict[str, list[str]] = {}
    for unit in UNITS.values():
        if unit.convertible:
            groups.setdefault(unit.dimension, []).append(unit.code)
    named = [
        f"{'densities' if name == 'density' else name + 's'} ({', '.join(codes)})" for name, codes in groups.items()
    ]
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]


def parse_typed(text: str) -> tuple[float, int, bool]:
    """A number as typed: its value, its precision (step 1 of the rule), and whether it used e-notation.

    Step 1, as Module:Convert counts it: with a decimal point, the digits after it (`3.31` -> 2, `630.0` -> 1);
    without one, minus the trailing zeros (`630` -> -1, `2000` -> -3); e-notation shifts that by the exponent
    (`1.23e3` -> -1, like `1230`). Thousands commas (`16,510`) are allowed and ignored. Only ASCII digits count.
    """
    stripped = text.strip()
    if len(stripped) > _LONGEST_NUMBER:
        raise UnitError(
            f"'{shorten(stripped)}' is too long to be a number ({len(stripped):,} characters; at most "
            f"{_LONGEST_NUMBER}). Write a very large or small figure in e-notation, e.g. 1.5e30."
        )
    if stripped.isascii() and stripped.replace(".", "", 1).isdigit():
        # The common case, digits with at most one point, without the regular expression: batches are fast.
        point = stripped.find(".")
        if point >= 0:
            return float(stripped), len(stripped) - point - 1, False
        return float(stripped), len(stripped.rstrip("0")) - len(stripped), False
    match = _TYPED.fullmatch(stripped)
    if match is None or not (match.group(2) or match.group(3)):
        raise UnitError(
            f"'{shorten(stripped)}' is not a number. Type digits with an optional '.' for decimals and ',' between "
            "thousands, e.g. 16,510 or 3.31 (or 1.5e3)."
        )
    sign, whole, fraction, exponent = match.groups()
    whole = whole.replace(",", "")
    value = float(f"{sign}{whole or '0'}.{fraction or '0'}e{exponent or '0'}")
    if value in (math.inf, -math.inf):
        raise UnitError(
            f"'{shorten(stripped)}' is too large to convert: the largest number roros can hold is about 1.8e308."
        )
    if value == 0 and (whole + (fraction or "")).strip("0"):
        # Typed non-zero but below the smallest float: converting it would print 0, a wrong answer.
        raise UnitError(
            f"'{shorten(stripped)}' is too small to convert: the smallest number roros can hold is about 5e-324."
        )
    precision = len(fraction) if fraction is not None else len(whole.rstrip("0")) - len(whole)
    if exponent is not None:
        return value, precision - int(exponent), True
    return value, precision, False


def typed_precision(text: str) -> int:
    """Step 1 of the rule (see `parse_typed`)."""
    return parse_typed(text)[1]


def check_compatible(source: Unit, target: Unit) -> None:
    """Raises UnitError when the two units measure different things (km to ha)."""
    if source.dimension != target.dimension:
        others = [u.code for u in UNITS.values() if u.dimension == source.dimension and u != source and u.convertible]
        such_as = f": choose a target unit of {source.dimension}, such as {', '.join(others)}" if others else ""
        raise UnitError(
            f"cannot convert {source.plural} ({source.dimension}) to {target.plural} ({target.dimension}){such_as}."
        )


def convert(value: float, source: Unit, target: Unit) -> float:
    """`value` in `source` units expressed in `target` units, unrounded."""
    check_compatible(source, target)
    return _scale(value, source, target)


def _scale(value: float, source: Unit, target: Unit) -> float:
    # Densities are per area: a larger area unit holds more, so the factors swap. The ratio first, as the
    # template computes it, so the last bit (and so a rounding tie) comes out the same.
    out = value * (target.factor / source.factor) if source.per else value * (source.factor / target.factor)
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
    zero: bool = False  # step 2: input or output zero


def _steps(typed: int, value: float, size: float, source: Unit, target: Unit) -> tuple[float, int, int, bool, bool]:
    """Steps 2 to 5 (Module:Convert's default_precision) as (adjust, minimum, precision, feet exception, zero).

    `size` is the absolute value of the result: the template rounds the magnitude and puts the sign back, so a
    negative value rounds exactly as its positive twin. A tuple, as batches call this a lot.
    """
    if value == 0 or size <= 0:
        return 0.0, 0, 0, False, True
    # "integer_more_precision": converting a whole number (by value, however it was typed) to feet keeps the
    # precision of one input unit, so 630 m is 2,070 ft rather than 2,100 ft.
    feet = target.code == "ft" and math.floor(value) == value
    adjust = (-math.log10(source.factor) if feet else math.log10(abs(value) / size)) + _LOG10_2
    minimum = 1 - math.floor(math.log10(size) + _FUDGE_LOG)
    return adjust, minimum, max(math.floor(typed + adjust), minimum), feet, False


def rounding(text: str, value: float, out: float, source: Unit, target: Unit) -> Rounding:
    """Steps 1 to 5 of the rule for a number as typed: the decimals to show (negative: tens, hundreds)."""
    typed = parse_typed(text)[1]
    adjust, minimum, precision, feet, zero = _steps(typed, value, abs(out), source, target)
    return Rounding(typed, adjust, minimum, precision, feet_exception=feet, zero=zero)


def format_fixed(number: float, precision: int, scientific: bool = False) -> str:
    """Steps 6 and 7: `number` to `precision` decimals (negative: to tens, hundreds), as the template shows it.

    Module:Convert rounds the magnitude with `'%.*f'` (after a 2e-14 nudge up to 8 decimals) or, for negative
    precision, divides and rounds with `'%.0f'`; then never shows more than 14 significant figures (cut, not
    rounded, as the template does), groups thousands with commas, and uses scientific notation (`1.5×10⁻⁵`)
    below 10^-4 and from 10^9 up -- or below 0.01 and from 10^3 up when the input used e-notation. A result
    that rounds to zero shows no sign.
    """
    size = abs(number)  # not `-number`, which keeps -0.0's sign: '%.0f' % -0.0 is '-0'
    if precision >= 0:
        # The fast, common case: an ordinary figure needs only Python's own grouping.
        show = "%.*f" % (precision, size + 2e-14 if precision <= 8 else size)
        if not scientific and 1.0 <= size < 9.9e8 and len(show) <= _MAX_SIGFIG + 1:
            # Grouped by the rounded figure: 999.9995 at one decimal is 1,000.0.
            head = format(float(show), f",.{precision}f") if len(show.partition(".")[0]) > 3 else show
            return "-" + head if number < 0 else head
        exponent = None
    else:
        show = "%.0f" % (size / 10.0**-precision)
        exponent = len(show) - precision if show != "0" else None
    text = _format_number(show, exponent, scientific)
    if number < 0 and text.strip("0.,"):
        return "-" + text
    return text


def _format_number(show: str, exponent: int | None, scientific: bool) -> str:
    """Module:Convert's format_number for an unsigned figure: 14 significant figures at most, then notation.

    `show` is either digits with an optional dot (exponent None) or digits with an implied dot before them,
    shifted by `exponent` (`'1234', 3` is 123.4).
    """
    high, low = (4, 2) if scientific else (10, 4)
    if exponent is None:
        integer, dot, decimals = show.partition(".")
        if integer in ("0", ""):
            figures = decimals.lstrip("0")
            zeros = len(decimals) - len(figures)
            if not figures:
                if zeros > _MAX_SIGFIG:
                    show = "0." + "0" * _MAX_SIGFIG
            elif zeros >= low:
                show, exponent = figures, -zeros
            elif len(figures) > _MAX_SIGFIG:
                show = "0." + "0" * zeros + figures[:_MAX_SIGFIG]
        elif len(integer) >= high:
            show, exponent = integer + decimals, len(integer)
        elif len(show) > _MAX_SIGFIG + len(dot):
            show = show[: _MAX_SIGFIG + len(dot)]
    if exponent is not None:
        show = show[:_MAX_SIGFIG]
        if exponent > high or exponent <= -low or (exponent == high and show != "1" + "0" * (high - 1)):
            significand = show[0] + "." + show[1:] if len(show) > 1 else show
            return f"{significand}×10{str(exponent - 1).translate(_SUPERSCRIPT)}"
        if exponent >= len(show):
            show += "0" * (exponent - len(show))
        elif exponent <= 0:
            show = "0." + "0" * -exponent + show
        else:
            show = show[:exponent] + "." + show[exponent:]
    return group_thousands(show.rstrip(".") if show.endswith(".") else show)


def ascii_figure(text: str) -> str:
    """`1.5×10⁻⁵` as `1.5x10^-5`, for an output that cannot encode the encyclopedia's notation."""
    if "×" not in text:
        return text
    significand, _, power = text.partition("×10")
    return f"{significand}x10^{power.translate(_FROM_SUPERSCRIPT)}"


_FROM_SUPERSCRIPT: Final = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


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
        significand, _, power = text.partition("e")
        return f"{significand.removesuffix('.0')}×10{str(int(power)).translate(_SUPERSCRIPT)}"
    if text.endswith(".0"):
        text = text[:-2]
    return group_thousands(text)


def format_exact(number: float) -> str:
    """A result at full precision: 14 significant figures at most, as the template shows (a float's 17th is noise)."""
    return format_as_typed(float(f"{number:.{_MAX_SIGFIG}g}"))


def typed_text(number: float) -> str:
    """The text a stored number stands for, as the rounding rule reads it."""
    text = repr(number) if isinstance(number, float) else str(number)
    return text[:-2] if text.endswith(".0") else text


if TYPE_CHECKING:
    Rule = Literal["infobox", "fixed", "exact"]  # how a conversion's precision was decided


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
    rule: Rule

    @property
    def rounded(self) -> float:
        """The number the shown figure stands for (`2,070` -> 2070.0, `1.5×10⁻⁵` -> 1.5e-05)."""
        return shown_value(self.shown)


def shown_value(shown: str) -> float:
    """The number a figure as shown stands for: `2,070` -> 2070.0, `1.5×10⁻⁵` -> 1.5e-05."""
    significand, times, power = ascii_figure(shown).replace(",", "").partition("x10^")
    return float(f"{significand}e{power}" if times else significand)


def convert_text(
    text: str, source: Unit, target: Unit, precision: int | None = None, exact: bool = False
) -> Conversion:
    """Convert a number as typed; the figure is rounded by the infobox rule unless told otherwise."""
    value, typed, scientific = parse_typed(text)
    out = convert(value, source, target)
    if exact:
        return Conversion(text, value, source, target, out, None, format_exact(out), "exact")
    if precision is not None:
        shown = _representable(format_fixed(out, precision, scientific), out, value, source, target)
        return Conversion(text, value, source, target, out, precision, shown, "fixed")
    chosen = _steps(typed, value, abs(out), source, target)[2]
    shown = _representable(format_fixed(out, chosen, scientific), out, value, source, target)
    return Conversion(text, value, source, target, out, chosen, shown, "infobox")


def figure(text: str, source: Unit, target: Unit, precision: int | None = None, exact: bool = False) -> str:
    """Only the figure `convert_text` would show, without building the record: the batch path."""
    value, typed, scientific = parse_typed(text)
    out = _scale(value, source, target)  # the caller checked once that the units are compatible
    if exact:
        return format_exact(out)
    if precision is None:
        precision = _steps(typed, value, abs(out), source, target)[2]
    return _representable(format_fixed(out, precision, scientific), out, value, source, target)


def _representable(shown: str, out: float, value: float, source: Unit, target: Unit) -> str:
    """`shown`, unless it rounds past the largest float (1.8×10³⁰⁸): then JSON could not carry the figure and a
    script reading it back would get infinity, so the conversion is refused, saying why."""
    if abs(out) > 1e307 and not math.isfinite(shown_value(shown)):
        raise UnitError(
            f"{format_as_typed(value)} {source.symbol} is too large to convert to {target.symbol}: it rounds to "
            f"{shown}, past the largest number roros can hold."
        )
    if out == 0 and value != 0:
        raise UnitError(
            f"{format_as_typed(value)} {source.symbol} is too small to convert to {target.symbol}: the result would "
            "be below the smallest number roros can hold (about 5×10⁻³²⁴), and 0 would be wrong."
        )
    return shown


def is_singular(figure: str) -> bool:
    """Whether a figure reads as one (`1`, `1.0`, `-1`): the template's test for a singular unit name."""
    digits = figure.lstrip("-")
    return digits == "1" or (digits.startswith("1.") and not digits[2:].strip("0"))


def with_symbol(figure: str, unit: Unit) -> str:
    """`2,070` and ft -> `2,070 ft`; `1` and acre -> `1 acre`; symbols that attach (°, /km²) go without a space."""
    if unit.attached:
        return f"{figure}{unit.symbol}"
    symbol = unit.singular_symbol if unit.singular_symbol and is_singular(figure) else unit.symbol
    return f"{figure} {symbol}"


def explain(result: Conversion) -> list[str]:
    """The conversion in words, step by step, for a class."""
    source, target = result.source, result.target
    factor = factor_between(source, target)
    kind = "a density, so it converts by the inverse of the areas" if source.per else _article(source.dimension)
    one = f"{factor:,.12g}"
    lines = [
        f"{with_symbol(result.text.strip(), source)} is {kind}:",
        f"  {with_symbol('1', source)} = {with_symbol(one, target)}",
        f"  exact result: {result.value:,.12g} × {one} = {with_symbol(f'{result.exact:,.12g}', target)}",
    ]
    if result.rule == "exact":
        lines.append("  shown at full precision (14 significant figures at most), as asked (--exact)")
    elif result.rule == "fixed":
        lines.append(f"  rounded to {_decimals_words(result.precision or 0)}, as asked (--precision)")
    else:
        lines += _rounding_words(rounding(result.text, result.value, result.exact, source, target))
    lines.append(f"  shown: {with_symbol(result.shown, target)}")
    return lines


def _article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _rounding_words(steps: Rounding) -> list[str]:
    if steps.zero:
        return ["  the input or the result is zero, so it is shown as a whole number"]
    lines = [f"  the input is given to {_decimals_words(steps.typed)} (precision {steps.typed})"]
    if steps.feet_exception:
        lines.append(
            f"  a whole number converted to feet keeps the precision of one input unit: adjust = {steps.adjust:+.3f}"
        )
    else:
        lines.append(f"  the units differ in size by log10(input / result) + log10(2) = {steps.adjust:+.3f}")
    floor = math.floor(steps.typed + steps.adjust)
    sign = "-" if steps.adjust < 0 else "+"
    lines.append(
        f"  {steps.typed} {sign} {abs(steps.adjust):.3f} = {steps.typed + steps.adjust:.3f}, which rounds down to "
        f"{floor}: {_decimals_words(floor)}"
    )
    if floor >= steps.minimum:
        # `minimum` is the coarsest rounding that still keeps two significant figures.
        lines.append(
            f"  that keeps at least two significant figures (rounding to {_decimals_words(steps.minimum)} "
            "would keep two)"
        )
    else:
        lines.append(
            f"  that would keep fewer than two significant figures; two need rounding to "
            f"{_decimals_words(steps.minimum)}"
        )
    lines.append(f"  so the result is rounded to {_decimals_words(steps.precision)}")
    return lines


def _decimals_words(precision: int) -> str:
    if precision > 0:
        return f"{precision} decimal place{'s' if precision > 1 else ''}"
    if precision == 0:
        return "a whole number"
    return f"the nearest {10**-precision:,}"
