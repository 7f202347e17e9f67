"""`roros check`: recompute what can be derived from the data file and compare it with what the file states.

Each relation yields a `Check` saying whether the figures agree, with the numbers. Tolerances come from the
precision the figures are written with: 3.31 km² stands for 3.305 to 3.315, 1,181 for 1,180.5 to 1,181.5.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Literal

from roros_cli.model import Fact, Place
from roros_cli.query import conversions, dated_value, display_value, readable_quote, source_in_words
from roros_cli.safetext import shorten
from roros_cli.units import (
    UNITS,
    Unit,
    UnitError,
    convert,
    format_as_typed,
    format_fixed,
    known_unit,
    typed_precision,
    typed_text,
    with_symbol,
)

Status = Literal["agrees", "disagrees", "skipped"]  # what a check found: a misspelt one fails the type check
AGREES: Final[Status] = "agrees"
DISAGREES: Final[Status] = "disagrees"
SKIPPED: Final[Status] = "skipped"
STATUSES: Final[tuple[Status, ...]] = (AGREES, DISAGREES, SKIPPED)
LESSON_TITLE: Final = "Checking the source: the population"
UNCHECKED_TITLE: Final = "Not checked: the data file lacks the facts these compare"


@dataclass(frozen=True)
class Check:
    """One relation between facts, and what recomputing it found."""

    relation: str
    status: Status
    detail: str
    keys: tuple[str, ...]
    finding: str = ""  # the same, as a sentence for a reader: facts named by their labels, never by their keys


@dataclass(frozen=True)
class Unchecked:
    """A relation the data file lacks the facts for, and the keys it would need (for whoever writes the file)."""

    relation: str
    needs: tuple[str, ...]


def disagreements(checks: Iterable[Check]) -> int:
    """How many checks found figures that disagree: the count every view of `roros check` sums up with."""
    return sum(1 for check in checks if check.status == DISAGREES)


def audit(place: Place) -> list[Check]:
    """Every check that the data file has the facts for."""
    checks: list[Check] = []
    for relation, recompute, _ in _RELATIONS:
        try:
            checks += recompute(place)
        except (UnitError, ArithmeticError, ValueError):
            # Figures at the edge of what a float holds (1e308 square miles) cannot be compared; say so.
            reason = "the figures are too large or too small to recompute"
            checks.append(Check(relation, SKIPPED, reason, (), f"Not checked: {relation}; {reason}."))
    return checks


def unchecked(place: Place) -> list[Unchecked]:
    """The relations that found nothing to compare, each with the facts it compares, so that `check` can say
    which facts a file would need rather than only "0 checks"."""
    found = []
    for relation, recompute, roles in _RELATIONS:
        needs = tuple(place.key(key[1:]) if key.startswith("@") else key for key in roles)  # @role: its key
        try:
            empty = not recompute(place)
        except (UnitError, ArithmeticError, ValueError):
            empty = False
        if empty:  # the keys the file lacks; if it has them all, they are not of the kind compared
            found.append(Unchecked(relation, tuple(key for key in needs if key not in place.facts) or needs))
    return found


def source_word(place: Place) -> str:
    """What the views call the source: "the article" for an encyclopedia's article, else "the source"."""
    return "the article" if (place.source.publisher or "").casefold() == "wikipedia" else "the source"


def named(fact: Fact) -> str:
    """A fact's label inside a sentence: "the distance to Glåmos", "the World Heritage area", "the UTC offset"."""
    return "the " + _lower(fact.label)


def _lower(label: str) -> str:
    """A label inside a sentence, its first letter small unless it starts a name ("World Heritage", "UTC")."""
    words = label.split()
    proper = not words or words[0][1:] != words[0][1:].lower() or (len(words) > 1 and words[1][:1].isupper())
    return label if proper else label[:1].lower() + label[1:]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _half_unit(number: float) -> float:
    """Half a unit in the last place the number is written to: 3.31 -> 0.005, 1181 -> 0.5, 630 -> 5."""
    return 0.5 * 10.0 ** -typed_precision(typed_text(number))


def _about(number: float) -> str:
    """A computed figure to at least two significant figures, whole where it is large: 1,712 or 5.0×10⁻³⁰⁸."""
    size = abs(number)
    decimals = max(0, 1 - math.floor(math.log10(size))) if 0 < size < math.inf else 0
    return format_fixed(number, decimals)


def _number(fact: Fact) -> float:
    value = fact.value
    assert isinstance(value, (int, float))  # callers pass numeric facts only
    return float(value)


def _numeric(place: Place, key: str) -> Fact | None:
    fact = place.facts.get(key)
    return fact if fact is not None and fact.is_number else None


# ---------------------------------------------------------------------------------------------- density


def _population_figures(place: Place) -> list[Fact]:
    keys = [key for key in place.facts if key == "population" or key.startswith("population_")]
    return [fact for key in keys if (fact := _numeric(place, key)) is not None and fact.unit is None]


def _densities(place: Place) -> list[Check]:
    area, density = _numeric(place, "area"), _numeric(place, "density")
    if area is None or density is None or area.unit is None or density.unit is None:
        return []
    per = UNITS[density.unit]
    # The area in the density's own area unit (km² for /km²), with the range its written precision allows.
    area_unit = next((u for u in UNITS.values() if u.dimension == "area" and u.factor == per.factor), None)
    if not per.per or area_unit is None or UNITS[area.unit].dimension != "area":
        reason = f"the density is in {per.symbol} and the area in {UNITS[area.unit].symbol}: not people per area"
        return [Check("density from population and area", SKIPPED, reason, (density.key, area.key))]
    size = convert(_number(area), UNITS[area.unit], area_unit)
    spread = convert(_half_unit(_number(area)), UNITS[area.unit], area_unit)
    stated = _number(density)
    if not math.isfinite(stated / size) or size <= spread:
        reason = f"the area, {display_value(area, 'metric')}, is too small to divide by at the precision it is given"
        return [Check("density from population and area", SKIPPED, reason, (density.key, area.key))]
    checks = []
    for population in _population_figures(place):
        people = _number(population)
        low, high = people / (size + spread), people / (size - spread) if size > spread else float("inf")
        implied = people / size
        half = _half_unit(stated)
        ok = low - half <= stated <= high + half
        year = f" ({population.year})" if population.year is not None else ""
        relation = f"density from {population.key}{year} and area"
        shown_people = format_fixed(people, 0)
        people_text = f"{_people(population)} on {display_value(area, 'metric')}"
        if ok:
            finding = (
                f"{people_text} make about {_about(implied)} per {area_unit.symbol}: that agrees with "
                f"{named(density)}, {display_value(density, 'metric')}."
            )
        else:
            finding = (
                f"{people_text} would make about {_about(implied)} per {area_unit.symbol}, not "
                f"{format_as_typed(stated)}: that does not agree with {named(density)}."
            )
        if ok:
            detail = (
                f"{shown_people} / {format_as_typed(size)} {area_unit.symbol} = {format_fixed(implied, 1)}"
                f"{per.symbol}, matching the stated {display_value(density, 'metric')}"
            )
        else:
            matching = [
                other
                for other in _population_figures(place)
                if other is not population and _agrees(_number(other), size, spread, stated)
            ]
            hint = "".join(
                f"; it matches the {o.year} figure of {format_fixed(_number(o), 0)}"
                if o.year
                else f"; it matches {o.key} ({format_fixed(_number(o), 0)})"
                for o in matching[:1]
            )
            detail = (
                f"{shown_people} / {format_as_typed(size)} {area_unit.symbol} implies about "
                f"{_about(implied)}{per.symbol}, not the stated "
                f"{format_as_typed(stated)}{per.symbol}{hint}"
            )
        keys = (population.key, "area", "density")
        checks.append(Check(relation, AGREES if ok else DISAGREES, detail, keys, _sentence(finding)))
    return checks


def _people(population: Fact) -> str:
    """`3,909 people (2024)`, `about 28,000 people`."""
    year = f" ({population.year})" if population.year is not None else ""
    return f"{display_value(population, 'metric')} people{year}"


def _where(fact: Fact) -> str:
    """Where in its source a fact stands, in a few words: "in the lead", "in the infobox", "in paragraph 3"."""
    part = re.split(r"[:,;(]", source_in_words(fact), maxsplit=1)[0].strip()
    return f"in {'' if part.startswith(('paragraph', 'page')) else 'the '}{part}" if part else ""


_TIMES: Final = {2: "twice", 3: "three times", 4: "four times"}


def lesson(place: Place, checks: list[Check]) -> list[tuple[str, str]]:
    """Checking the source, told as a lesson: what the source says twice, what agrees, what does not, and why.

    Only where the population is given more than once and the density fits some figures but not others.
    """
    by_key = {c.keys[0]: c for c in checks if c.relation.startswith("density from") and len(c.keys) == 3}
    figures = [fact for fact in _population_figures(place) if fact.key in by_key]
    fits = [fact for fact in figures if by_key[fact.key].status == AGREES]
    misfits = [fact for fact in figures if by_key[fact.key].status == DISAGREES]
    if len(figures) < 2 or not fits or not misfits:
        return []
    area, density = place.facts["area"], place.facts["density"]
    source = source_word(place)
    given = " and ".join(f"{dated_value(fact, 'metric')} {_where(fact)}".rstrip() for fact in figures)
    times = _TIMES.get(len(figures), f"{len(figures)} times")
    says = (
        f"{_sentence(source)} gives the population {times}: {given}. It also gives {named(area)}, "
        f"{display_value(area, 'metric')}, and {named(density)}, {display_value(density, 'metric')}."
    )
    agreeing = " ".join(by_key[fact.key].finding for fact in fits)
    disagreeing = " ".join(by_key[fact.key].finding for fact in misfits)
    shown = " or ".join(dated_value(fact, "metric") for fact in fits)
    others = " and ".join(f"{dated_value(fact, 'metric')}, {_where(fact)}," for fact in misfits)
    why = (
        f"A density is the number of people divided by the area, so {display_value(density, 'metric')} fits only "
        f"{shown}. {_sentence(others)} stands beside a density that was not worked out from it: {source} "
        "contradicts itself."
    )
    return [(f"Says {times}", says), ("What fits", agreeing), ("What does not fit", disagreeing), ("Why", why)]


def _agrees(people: float, size: float, spread: float, stated: float) -> bool:
    half = _half_unit(stated)
    high = people / (size - spread) if size > spread else float("inf")
    return people / (size + spread) - half <= stated <= high + half


# ---------------------------------------------------------------------------------------------- coordinates

_DMS: Final = re.compile(r"(\d+)°\s*(\d+)[′']\s*(\d+(?:\.\d+)?)[″\"]\s*([NSEW])")


def _coordinates(place: Place) -> list[Check]:
    dms = place.facts.get("coordinates.dms")
    if dms is None or not isinstance(dms.value, str):
        return []
    parts = _DMS.findall(dms.value)
    checks = []
    for axis, hemispheres in (("latitude", "NS"), ("longitude", "EW")):
        decimal = _numeric(place, f"coordinates.{axis}")
        found = [part for part in parts if part[3] in hemispheres]
        if decimal is None or not found:
            continue
        degrees, minutes, seconds, hemisphere = found[0]
        value = int(degrees) + int(minutes) / 60 + float(seconds) / 3600
        value = -value if hemisphere in "SW" else value
        # The DMS form is rounded to whole seconds (half a second either way) and the decimal to its digits.
        tolerance = 0.5 / 3600 + _half_unit(_number(decimal))
        difference = abs(value - _number(decimal))
        ok = difference <= tolerance
        detail = (
            f"{degrees}°{minutes}′{seconds}″{hemisphere} = {value:.6f}°, stated {typed_text(_number(decimal))}°"
            f" (differs by {difference * 3600:.2f}″; {'within' if ok else 'beyond'} the half second "
            "the DMS form is rounded to)"
        )
        finding = (
            f"{source_word(place)} gives {named(decimal)} as {typed_text(_number(decimal))}° and as "
            f"{degrees}°{minutes}′{seconds}″{hemisphere}, which is {value:.6f}°: "
            + (
                "the two agree to within the half second that form is rounded to."
                if ok
                else f"they differ by {difference * 3600:.2f}″, more than the half second that form is rounded to."
            )
        )
        relation = f"{axis} from the degrees-minutes-seconds form"
        verdict = AGREES if ok else DISAGREES
        checks.append(Check(relation, verdict, detail, (dms.key, decimal.key), _sentence(finding)))
    return checks


# ---------------------------------------------------------------------------------------------- time zone


def _time_zone(place: Place) -> list[Check]:
    zone = place.facts.get("timezone.iana")
    if zone is None or not isinstance(zone.value, str):
        return []
    from roros_cli.clock import ClockError, zone_rules

    try:
        rules = zone_rules(zone.value)
    except ClockError as error:
        return [Check("time zone offsets", SKIPPED, str(error), (zone.key,))]
    checks = []
    for season, name_key, offset_key in (
        ("winter", "timezone.standard", "timezone.standard_offset"),
        ("summer", "timezone.summer", "timezone.summer_offset"),
    ):
        offset, abbreviation = rules[season]
        given = [place.facts[k] for k in (name_key, offset_key) if k in place.facts]
        stated = [fact.value for fact in given]
        if not stated:
            continue
        ok = all(value in (offset, abbreviation) for value in stated)
        detail = (
            f"{zone.value} in {season}: UTC{offset} ({abbreviation}); the file states "
            f"{' '.join(str(v) for v in stated)}"
        )
        said = " and ".join(f"{named(fact)} as {display_value(fact)}" for fact in given)
        finding = (
            f"In {season}, clocks in the zone {zone.value} show {abbreviation}, UTC{offset}; {source_word(place)}"
            f" gives {said}: {'the same' if ok else 'not the same'}."
        )
        relation = f"{season} time of {zone.value}"
        keys = (zone.key, name_key, offset_key)
        checks.append(Check(relation, AGREES if ok else DISAGREES, detail, keys, finding))
    return checks


# ---------------------------------------------------------------------------------------------- conversions


def _printed_conversions(place: Place) -> list[Check]:
    """Where a quote shows the source's own conversion, the tool's rounding must print the same digits."""
    checks = []
    for fact in place.facts.values():
        quoted = " ".join(readable_quote(quote) for quote in fact.quotes)
        if "(" not in quoted:
            continue
        for shown in conversions(fact):
            figure = shown.text.split(" ")[0].lstrip("/").split("/")[0]
            ok = _prints(quoted, figure, UNITS[shown.unit])
            primary = with_symbol(format_as_typed(_number(fact)), UNITS[fact.unit or ""])
            about = "about " if fact.approximate else ""
            finding = (
                f"{source_word(place)} gives {named(fact)} as {about}{primary} ({shown.text}); "
                f"{primary} is {shown.text}."
                if ok
                else f"{source_word(place)} prints {named(fact)} as “{quoted}”, but {primary} is {shown.text}."
            )
            checks.append(
                Check(
                    f"{fact.key} in {UNITS[shown.unit].symbol} as the source prints it",
                    AGREES if ok else DISAGREES,
                    f"computed {shown.text}; the source {'prints the same' if ok else 'prints otherwise'}: "
                    + shorten(quoted, 400),  # a finding quotes the source, not a 100-quote wall of text
                    (fact.key,),
                    _sentence(finding),
                )
            )
    return checks


def _prints(quoted: str, figure: str, unit: Unit) -> bool:
    """Whether the quote prints `figure` in `unit` ("2,070 ft", "820-acre", "3,060/sq mi"), not only the digits."""
    named: dict[str, str | None] = {}  # a quote that repeats itself asks the same question once
    for match in re.finditer(r"(?<![\d.,])" + re.escape(figure) + r"(?![\d])", quoted):
        head = _AFTER.match(quoted, match.end())
        words = head.group(1) if head else ""
        if words not in named:
            named[words] = _unit_named(words)
        if named[words] == unit.code:
            return True
    return False


# What may follow a figure before its unit: blanks or hyphens, then up to 80 characters without a digit (four
# words of any unit fit). Bounded and matched in place, so a quote with thousands of figures stays linear.
_AFTER: Final = re.compile(r"[\s-]*(/?[^\d();,]{0,80})")


def _unit_named(text: str) -> str | None:
    """The unit that follows a figure: the longest run of up to four words of `text` that names one."""
    words = text.split()[:4]
    for count in range(len(words), 0, -1):
        unit = known_unit(" ".join(words[:count]))  # never parse_unit: its "did you mean" costs a difflib search
        if unit is not None:
            return unit.code
    return None


# ---------------------------------------------------------------------------------------------- order


def _order_of_years(place: Place) -> list[Check]:
    pairs = [("established", "unesco.inscription"), ("unesco.inscription", "unesco.extension")]
    checks = []
    for first, second in pairs:
        a, b = place.facts.get(first), place.facts.get(second)
        if a is None or b is None or a.year is None or b.year is None:
            continue
        ok = a.year <= b.year
        finding = (
            f"The years are in order: {a.year}, {_lower(a.label)}, then {b.year}, {_lower(b.label)}."
            if ok
            else f"The years are out of order: {_lower(a.label)} in {a.year} should come before {_lower(b.label)},"
            f" given as {b.year}."
        )
        checks.append(
            Check(
                f"{a.label} before {b.label}",
                AGREES if ok else DISAGREES,
                f"{a.year} {'≤' if ok else '>'} {b.year}",
                (first, second),
                finding,
            )
        )
    return checks


def _buffer_zone(place: Place) -> list[Check]:
    area, buffer = _numeric(place, place.key("heritage_area")), _numeric(place, place.key("buffer_zone"))
    if area is None or buffer is None or area.unit is None or buffer.unit is None:
        return []
    inside = convert(_number(area), UNITS[area.unit], UNITS["ha"])
    around = convert(_number(buffer), UNITS[buffer.unit], UNITS["ha"])
    ok = around > inside
    finding = (
        f"{named(buffer)}, {format_fixed(around, 0)} ha, is {'' if ok else 'not '}larger than {named(area)}, "
        f"{format_fixed(inside, 0)} ha{', as a zone around it must be' if ok else ', though it is a zone around it'}."
    )
    return [
        Check(
            "buffer zone larger than the World Heritage area",
            AGREES if ok else DISAGREES,
            f"{format_fixed(around, 0)} ha {'>' if ok else '≤'} {format_fixed(inside, 0)} ha",
            (area.key, buffer.key),
            _sentence(finding),
        )
    ]


# Each relation: its name, how it is recomputed, and the facts it compares (named to whoever writes a data file).
_RELATIONS: Final[tuple[tuple[str, Callable[[Place], list[Check]], tuple[str, ...]], ...]] = (
    ("density from population and area", _densities, ("population", "area", "density")),
    (
        "coordinates from the degrees-minutes-seconds form",
        _coordinates,
        ("coordinates.dms", "coordinates.latitude", "coordinates.longitude"),
    ),
    ("time zone offsets", _time_zone, ("timezone.iana", "timezone.standard", "timezone.standard_offset")),
    ("conversions as the source prints them", _printed_conversions, ("a quote that prints a conversion",)),
    ("order of the dated facts", _order_of_years, ("established", "unesco.inscription", "unesco.extension")),
    ("buffer zone larger than the World Heritage area", _buffer_zone, ("@heritage_area", "@buffer_zone")),
)
