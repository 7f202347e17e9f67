"""Queries over a place: key paths, get, search, the timeline, and how a fact's value reads.

Returns data (strings, tuples, small dataclasses); never prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from roros_cli.model import Fact, Place
from roros_cli.safetext import shorten
from roros_cli.units import (
    SYSTEMS,
    UNITS,
    Unit,
    UnitError,
    convert_text,
    format_as_typed,
    in_system,
    shown_value,
    typed_text,
    with_symbol,
)

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, Literal

    MatchField = Literal["key", "label", "value"]  # where a search term matched

# `--units`: cli.Units and the fast path are tested against it; the systems themselves are the unit table's.
UNIT_SYSTEMS: Final = ("both", *SYSTEMS)
PRECISIONS: Final = range(-10, 11)  # `convert --precision`: decimals, negative to round to tens, hundreds
# Letters that Unicode does not decompose into a base letter and a mark, folded the way people type them.
_FOLD: Final = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
    }
)


class NotFound(LookupError):
    """A key or term that matches nothing. `suggestion` is the nearest key, if any."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


# ---------------------------------------------------------------------------------------------- keys


def group_facts(place: Place, key: str) -> list[Fact]:
    """The facts inside a group, in file order."""
    return [place.facts[name] for name in place.members.get(key, ())]


def lookup(place: Place, key: str) -> Fact | list[Fact]:
    """A fact, or the facts of a group. Raises NotFound with the nearest key as a suggestion."""
    wanted = key.strip()
    if wanted in place.facts:
        return place.facts[wanted]
    if wanted in place.groups:
        return group_facts(place, wanted)
    nearest = suggest(place, wanted)
    hint = f"; did you mean '{nearest}'?" if nearest else ""
    raise NotFound(f"no fact '{shorten(key)}'{hint} (`roros keys` lists every key)", nearest)


def suggest(place: Place, key: str) -> str | None:
    import difflib  # only on the not-found path

    keys = place.all_keys()
    folded = {fold(name): name for name in keys}
    # A key cut short (`unesco.ref`) means the key it begins first; the shortest such is the nearest.
    started = [name for folded_name, name in folded.items() if folded_name.startswith(fold(key))] if key else []
    if started:
        return min(started, key=len)
    near = difflib.get_close_matches(fold(key), list(folded), n=1, cutoff=0.6)
    if near:
        return folded[near[0]]
    leaf = [name for name in keys if name.rsplit(".", 1)[-1] == key]
    return leaf[0] if leaf else None


# ---------------------------------------------------------------------------------------------- values


def bare_value(fact: Fact, units: str = "both") -> str:
    """The value alone, for `$(roros get KEY)`: `3.31`, `Røros`, `iii, iv, v`, `true`.

    With `units` metric or imperial, a quantity in the other system is given as its first conversion in the
    asked-for system, as the fact sheet rounds it: `roros get area --units imperial` is 1.28 (square miles).
    """
    chosen = selected(fact, units)
    if chosen is not None:
        return typed_text(chosen[0])
    value = fact.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, (int, float)):
        return typed_text(value)
    return value


def neighbours(place: Place) -> list[str]:
    """`Glåmos: about 10 km (6.2 mi) north`, for each village the data file places around the town."""
    lines = []
    villages = place.key("villages") + "."
    for group in (key for key in place.groups if key.startswith(villages)):
        name, direction, distance = (place.facts.get(f"{group}.{leaf}") for leaf in ("name", "direction", "distance"))
        if name is not None:
            parts = [
                display_value(distance) if distance is not None else "",
                bare_value(direction) if direction else "",
            ]
            lines.append(f"{bare_value(name)}: {' '.join(part for part in parts if part)}".rstrip(": "))
    return lines


def selected(fact: Fact, units: str) -> tuple[float, str] | None:
    """(rounded value, unit code) of the conversion `units` asks for, or None when the stored value fits."""
    if fact.unit is None or in_system(fact.unit, units):
        return None
    for shown in conversions(fact):
        if in_system(shown.unit, units):
            return shown_value(shown.figure), shown.unit
    return None


def is_date(fact: Fact) -> bool:
    """A fact whose value is its own year (established 1646) reads as a year, with no thousands comma."""
    return fact.year is not None and fact.value == fact.year and not isinstance(fact.value, bool)


@dataclass(frozen=True)
class Shown:
    """A figure as displayed: the unit code, the exact number and the text."""

    unit: str
    exact: float
    text: str
    precision: int | None
    figure: str  # the rounded figure alone: `1.28`


def conversions(fact: Fact) -> list[Shown]:
    """The fact's conversions, rounded like the infobox (or to the decimals the data file gives)."""
    if not fact.is_number or fact.unit is None:
        return []
    source = UNITS[fact.unit]
    text = typed_text(_number(fact))
    shown: list[Shown] = []
    for code in fact.convert:
        try:
            result = convert_text(text, source, UNITS[code], precision=fact.shown_precision(code))
        except UnitError:
            continue  # a figure too large for the target unit is left out rather than shown wrong
        shown.append(Shown(code, result.exact, with_symbol(result.shown, UNITS[code]), result.precision, result.shown))
    return shown


def _number(fact: Fact) -> float:
    value = fact.value
    assert isinstance(value, (int, float))  # callers check is_number first
    return value


def display_value(fact: Fact, units: str = "both") -> str:
    """The value as a reader sees it: `3.31 km² (1.28 sq mi; 820 acres)`, `about 10 km (6.2 mi)`, `3,909`."""
    if not fact.is_number:
        return bare_value(fact)
    prefix = "about " if fact.approximate else ""
    number = _number(fact)
    if fact.unit is None:
        return prefix + (str(number) if is_date(fact) else format_as_typed(number))
    primary = with_symbol(format_as_typed(number), UNITS[fact.unit])
    figures = [(fact.unit, primary)] + [(shown.unit, shown.text) for shown in conversions(fact)]
    chosen = [text for code, text in figures if in_system(code, units)] or [primary]
    head, rest = chosen[0], chosen[1:]
    return prefix + (f"{head} ({'; '.join(rest)})" if rest else head)


def year_suffix(shown: str, year: int) -> str:
    """How a year follows a value: `3,909 (2024)`; after brackets, in words: `1,181/km² (3,060/sq mi) in 2024`."""
    return f" in {year}" if shown.endswith(")") else f" ({year})"


def dated_value(fact: Fact, units: str = "both") -> str:
    """The value with the year it holds for, unless the value is that year: `3,909 (2024)`, `1646`."""
    shown = display_value(fact, units)
    if fact.year is None or is_date(fact):
        return shown
    return shown + year_suffix(shown, fact.year)


def source_in_words(fact: Fact) -> str:
    """Where in the article a fact stands, in words a class knows: Wikipedia's "infobox" is its summary box, and
    its "lead" the opening paragraphs."""
    import re  # here, not at the top: the everyday paths that import this module never need it

    return re.sub(r"\blead\b", "opening", fact.source.replace("infobox", "summary box"))


def conflict_notes(place: Place, fact: Fact, units: str = "both") -> list[str]:
    """What a reader is told about the facts this one disagrees with, each named by its label, not its key."""
    others = (place.facts[key] for key in fact.conflicts if key in place.facts)
    return [f"The source also gives {other.label}: {dated_value(other, units)}; the two disagree." for other in others]


LATITUDE: Final = "coordinates.latitude"
LONGITUDE: Final = "coordinates.longitude"


def position(place: Place) -> tuple[float | None, float | None]:
    """(latitude, longitude) in degrees from the data file, each None where it is missing or not a number: the
    one reading of the coordinates, for the sun and the map (each says what it misses in its own words)."""
    latitude, longitude = place.facts.get(LATITUDE), place.facts.get(LONGITUDE)
    return (latitude.number if latitude else None, longitude.number if longitude else None)


def unit_of(fact: Fact) -> Unit | None:
    return UNITS[fact.unit] if fact.unit else None


def readable_quote(quote: str) -> str:
    """A quote as a reader should see it. The article's text runs an infobox field into its value
    ("Density1,181/km2"); a space goes back between them, and no-break spaces become plain ones."""
    import re  # only views that show quotes

    # The first place where a lower-case letter runs straight into a capital or a digit, in the leading words.
    return re.sub(r"^(\w+?(?: \w+)*?)(?<=[a-zæøå])(?=[A-ZÆØÅ0-9])", r"\1 ", quote.replace("\u00a0", " "), count=1)


# ---------------------------------------------------------------------------------------------- search


def fold(text: str) -> str:
    """Lower case without accents: `Røros` -> `roros`, `Glåmos` -> `glamos`."""
    import unicodedata  # only search and quizzes fold text

    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass(frozen=True)
class Match:
    fact: Fact
    score: int
    field: MatchField


def search(place: Place, term: str) -> list[Match]:
    """Facts whose key, label or value contain `term`, ignoring case and accents; best first."""
    wanted = fold(term.strip())
    if not wanted:
        return []
    matches = [match for fact in place.facts.values() if (match := _score(fact, wanted)) is not None]
    order = {key: index for index, key in enumerate(place.facts)}
    return sorted(matches, key=lambda match: (-match.score, order[match.fact.key]))


def _score(fact: Fact, wanted: str) -> Match | None:
    key, leaf = fold(fact.key), fold(fact.key.rsplit(".", 1)[-1])
    label, value = fold(fact.label), fold(bare_value(fact))
    # The value as the views show it too, with its units and conversions: "sq mi", "km²", "2,070 ft".
    shown = value + " " + fold(display_value(fact)) if fact.unit else value
    candidates: list[tuple[int, MatchField, bool]] = [
        (100, "key", key == wanted or leaf == wanted),
        (90, "value", value == wanted),
        (80, "label", label == wanted),
        (70, "key", leaf.startswith(wanted) or key.startswith(wanted)),
        (60, "label", wanted in label.replace("(", " ").replace(")", " ").split()),
        (50, "value", wanted in shown.split()),
        (40, "key", wanted in key),
        (30, "label", wanted in label),
        (20, "value", wanted in shown),
    ]
    for score, field, hit in candidates:
        if hit:
            return Match(fact, score, field)
    return None


# ---------------------------------------------------------------------------------------------- timeline


def timeline(place: Place) -> list[Fact]:
    """The facts that hold for a year, oldest first (file order within a year), but not a density: it is the
    ratio of two other figures, and its year only says which population it was worked out from, not an event."""
    dated = [
        fact
        for fact in place.facts.values()
        if fact.year is not None and not (fact.unit or "").startswith("/")  # /km2: per an area
    ]
    return sorted(dated, key=lambda fact: fact.year if fact.year is not None else 0)
