"""Rich renderables built from results. Pure functions: they build, they do not print.

Imported only by commands that draw, because importing Rich costs more start-up than everything else.
Every string from a data file enters as `Text` (never markup), so `[bold]` and `:coffee:` in a file show as
the characters they are; escape sequences were made inert when the place was loaded (`dispatch.load_place`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, TYPE_CHECKING, Final

from rich.console import Console, Group, RenderableType
from rich.text import Text

from roros_cli import query
from roros_cli.layout import Cell, Paragraph, Rows, keep_together
from roros_cli.model import Fact, Place

if TYPE_CHECKING:
    from datetime import date, datetime

    from roros_cli.audit import Check
    from roros_cli.maps import Shown
    from roros_cli.sun import Day, Site


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit with status 1; the output layer exits 141 for every view, large or small.
        self.quiet = True
        raise BrokenPipeError


def make_console(width: int, height: int, file: IO[str] | None = None) -> Console:
    """A console of the size `output.terminal_size` gives (so Rich never reads COLUMNS, LINES or a terminal
    by a rule of its own) that never interprets text: no markup, no emoji codes, no highlighting of numbers."""
    return _Console(
        file=file,
        width=width,
        height=height,
        markup=False,
        emoji=False,
        highlight=False,
        # An ascii-only stdout gets ascii boxes and `?` for letters it cannot show, never an exception.
        safe_box=True,
        legacy_windows=False if file is not None else None,
        no_color=True if os.environ.get("NO_COLOR") else None,
    )


@dataclass(frozen=True)
class Marks:
    """The signs the views use, and the words that stand for them where stdout cannot show them."""

    agrees: str = "✓"
    disagrees: str = "✗"
    skipped: str = "–"
    warning: str = "⚠"


UNICODE_MARKS: Final = Marks()
ASCII_MARKS: Final = Marks("ok", "MISMATCH", "-", "!")


def marks_for(encodable: bool) -> Marks:
    return UNICODE_MARKS if encodable else ASCII_MARKS


def _cell(text: str, style: str = "") -> Cell:
    return Cell().add(keep_together(text), style)


def _value_cell(place: Place, fact: Fact, units: str, marks: Marks, sources: bool = False, year: bool = True) -> Cell:
    shown = query.display_value(fact, units)
    cell = _cell(shown)
    if year and fact.year is not None and not query.is_date(fact):
        cell.add(query.year_suffix(shown, fact.year), "dim")
    for warning in query.conflict_notes(place, fact, units):
        cell.add(f"\n{marks.warning} {warning}", "yellow")
    if fact.note:
        cell.add("\n" + fact.note, "dim italic")
    if sources:
        cell.add("\nsource: " + query.source_in_words(fact), "dim")
    return cell


def section_rows(
    place: Place, title: str, keys: tuple[str, ...], units: str, sources: bool, marks: Marks, longest: int
) -> Rows:
    facts = [place.facts[key] for key in keys]
    rows = [(_cell(fact.label), _value_cell(place, fact, units, marks, sources)) for fact in facts]
    return Rows(rows, title=_cell(title, "bold cyan"), longest=longest)


def info_view(place: Place, units: str, sources: bool, marks: Marks = UNICODE_MARKS) -> RenderableType:
    parts: list[RenderableType] = [Paragraph(_cell(f"{place.name} — fact sheet", "bold"))]
    longest = max((len(fact.label) for fact in place.facts.values()), default=0)
    for section in place.sections:
        parts.append(Text(""))
        parts.append(section_rows(place, section.title, section.keys, units, sources, marks, longest))
    parts.append(Text(""))
    parts.append(source_line(place))
    return Group(*parts)


def source_line(place: Place) -> Paragraph:
    source = place.source
    words = [source.publisher or "", f"“{source.title}”", source.license or ""]
    line = _cell("Source: " + ", ".join(word for word in words if word), "dim")
    if source.url:
        line.add("\n" + source.url, "dim")
    return Paragraph(line)


def keys_view(rows: list[tuple[str, str, bool]]) -> RenderableType:
    cells = [(_cell(key), _cell(label, "dim" if group else "")) for key, label, group in rows]
    return Rows(cells, label_cap=0.5)


def _count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 fact`, `2 facts`."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def search_view(
    place: Place, term: str, matches: list[query.Match], units: str, marks: Marks = UNICODE_MARKS
) -> RenderableType:
    verb = "matches" if len(matches) == 1 else "match"
    title = _cell(f"{_count(len(matches), 'fact')} {verb} “{term}”", "bold")
    rows = []
    for match in matches:
        value = _cell(match.fact.label + ": ")
        value.spans += _value_cell(place, match.fact, units, marks).spans
        rows.append((_cell(match.fact.key), value))
    return Rows(rows, title=title, label_cap=0.4)


def timeline_view(place: Place, dated: list[Fact], units: str, marks: Marks = UNICODE_MARKS) -> RenderableType:
    rows = []
    for fact in dated:
        value = _cell(fact.label)
        if not query.is_date(fact):  # a year that is the value itself is not said twice
            value = _cell(fact.label + ": ")
            value.spans += _value_cell(place, fact, units, marks, year=False).spans
        rows.append((Cell().add(str(fact.year)), value))
    return Rows(rows, title=_cell(f"{place.name}: timeline", "bold"), label_style="bold cyan")


def check_view(place: Place, checks: list[Check], marks: Marks = UNICODE_MARKS) -> RenderableType:
    """What `roros check` found, for a reader: the lesson of a contradiction first, then each finding as a
    sentence, then what could not be checked for want of facts (named by key, for whoever writes the file)."""
    from roros_cli.audit import LESSON_TITLE, UNCHECKED_TITLE, lesson, unchecked

    signs = {
        "agrees": (marks.agrees, "green"),
        "disagrees": (marks.disagrees, "bold red"),
        "skipped": (marks.skipped, "dim"),
    }
    parts: list[RenderableType] = [Paragraph(_cell(f"{place.name}: consistency check", "bold"))]
    taught = lesson(place, checks)
    if taught:
        rows = [(_cell(heading), _cell(text)) for heading, text in taught]
        parts += [Text(""), Rows(rows, title=_cell(LESSON_TITLE, "bold cyan"), label_cap=0.2)]
    findings = []
    for item in checks:
        sign, style = signs.get(item.status, ("?", ""))
        findings.append((Cell().add(sign, style), _cell(item.finding or item.detail)))
    if findings:
        parts += [Text(""), Rows(findings, title=_cell("Every check", "bold cyan"), label_style="", label_cap=0.1)]
    missing = unchecked(place)
    if missing:
        rows = [(_cell(item.relation), _cell("needs " + ", ".join(item.needs))) for item in missing]
        parts += [Text(""), Rows(rows, title=_cell(UNCHECKED_TITLE, "bold cyan"), label_style="", label_cap=0.4)]
    disagreements = sum(1 for item in checks if item.status == "disagrees")
    summary = Text(
        f"{_count(len(checks), 'check')}, {_count(disagreements, 'disagreement')}",
        style="bold red" if disagreements else "bold green",
    )
    return Group(*parts, Text(""), summary)


# ---------------------------------------------------------------------------------------------- map and sun


def map_view(lines: list[list[tuple[str, str]]], notes: list[str]) -> RenderableType:
    """The Braille map, then what it shows: the place, its neighbours, a scale bar, the outlines' source."""
    drawn = [Text.assemble(*line) for line in lines]
    return Group(
        *drawn, Text(""), *(Paragraph(_cell(note, "dim" if note.startswith("Outlines") else "")) for note in notes)
    )


def map_places_view(name: str, zoom: str, shown: list[Shown], attribution: str) -> RenderableType:
    """The places the map names, nearest first: how far, which way, how many people."""
    rows = [
        (
            _cell(f"{item.place.name} ({item.place.country})"),
            _cell(f"{item.distance_km:,.0f} km {item.compass} ({item.bearing:.0f}°), {item.place.population:,} people"),
        )
        for item in shown
    ]
    title = _cell(f"Places on the map of {name}'s {zoom}: distance and bearing from {name}", "bold")
    note = "Great-circle distance; bearing clockwise from true north."
    return Group(
        Rows(rows, title=title, label_style="bold cyan"),
        Text(""),
        Paragraph(_cell(note, "dim")),
        Paragraph(_cell(attribution, "dim")),
    )


def _clock(moment: datetime | None) -> str:
    """Hours and minutes, rounded to the nearest minute (as almanacs print them)."""
    if moment is None:
        return "—"
    return f"{moment + timedelta(seconds=30):%H:%M}"


def _clock_on(moment: datetime, day: date) -> str:
    """The time, with its date when it falls after midnight ("00:03 on 22 May")."""
    shown = moment + timedelta(seconds=30)
    return _clock(moment) if shown.date() == day else f"{_clock(moment)} on {shown.day} {shown:%B}"


def _length(span: timedelta) -> str:
    minutes = round(span.total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _shown_daylight(day: Day) -> timedelta:
    """The length the shown sunrise and sunset make (sun.py is imported only by the views of the sun)."""
    from roros_cli.sun import shown_daylight

    return shown_daylight(day)


def _twilight(moment: datetime | None, day: date, light: bool) -> str:
    if moment is not None:
        return _clock_on(moment, day)
    return "none: light all night" if light else "none today"


def _night_note(day: Day) -> Paragraph:
    """Which night stays light (the one before, the one after, or both), and how deep the sun goes."""
    verb, stays = "is", "stays"
    if day.light_all_night and day.light_tonight:
        when, midnight, lowest = "It never gets darker than civil twilight, last night or tonight", *_tonight(day)
    elif day.light_tonight:
        when, midnight, lowest = "Tonight it never gets darker than civil twilight", *_tonight(day)
    else:
        when, midnight, lowest = "Last night it never got darker than civil twilight", day.midnight, day.lowest
        verb, stays = "was", "stayed"
    return Paragraph(
        _cell(
            f"{when}: at solar midnight ({_clock(midnight)} on {midnight.day} {midnight:%B}) the sun's centre {verb} "
            f"only {-lowest:.2f}° below the horizon (its true height; civil twilight ends at 6°), so it {stays} "
            "light enough to read outdoors all night.",
            "yellow",
        )
    )


def _tonight(day: Day) -> tuple[datetime, float]:
    return day.next_midnight, day.lowest_after


def sun_view(place: Place, day: Day) -> RenderableType:
    zone = day.noon.tzname() or ""
    title = _cell(f"{place.name}: the sun on {day.day:%A} {day.day.day} {day.day:%B %Y} ({zone})", "bold")
    noon = (
        f"{_clock(day.noon)}, the sun {day.highest:.1f}° above the horizon (its true height; the air bends its "
        f"light, so it looks {day.highest_seen:.1f}° high)"
    )
    rows = [
        (_cell("Civil dawn"), _cell(_twilight(day.dawn, day.day, day.light_all_night))),
        (_cell("Sunrise"), _cell(_clock(day.sunrise) if day.sunrise else "none today")),
        (_cell("Solar noon"), _cell(noon)),
        (_cell("Sunset"), _cell(_clock_on(day.sunset, day.day) if day.sunset else "none today")),
        (_cell("Civil dusk"), _cell(_twilight(day.dusk, day.day, day.light_tonight))),
        (_cell("Daylight"), _cell(_length(_shown_daylight(day)))),
    ]
    parts: list[RenderableType] = [Rows(rows, title=title)]
    if day.polar_day:
        parts += [Text(""), Paragraph(_cell("The sun does not set today.", "yellow"))]
    elif day.polar_night:
        parts += [Text(""), Paragraph(_cell("The sun does not rise today.", "yellow"))]
    elif day.light_all_night or day.light_tonight:
        parts += [Text(""), _night_note(day)]
    parts += [
        Text(""),
        Paragraph(
            _cell(
                "Sunrise and sunset: the sun's centre 0.833° below the horizon; civil twilight: 6° below (true "
                "heights, as if no air bent the light).",
                "dim",
            )
        ),
    ]
    return Group(*parts)


def _bar(span: timedelta, blocks: bool) -> str:
    full, empty = ("█", "░") if blocks else ("#", ".")
    hours = round(span.total_seconds() / 3600)
    return full * hours + empty * (24 - hours)


def sun_year_view(place: Place, year: int, months: list[Day], blocks: bool) -> RenderableType:
    """Day length on the 21st of each month, with a bar, so a class sees the seasons at a glance."""
    rows = []
    for day in months:
        times = f"{_clock(day.sunrise)}–{_clock(day.sunset)}" if day.sunrise and day.sunset else "no sunset"
        night = ", light all night" if day.light_all_night else ""
        rows.append(
            (
                _cell(f"{day.day:%B} 21"),
                _cell(f"{_bar(day.daylight, blocks)} {_length(_shown_daylight(day))}, {times}{night}"),
            )
        )
    title = _cell(f"{place.name}: day length on the 21st of each month, {year} (one block an hour)", "bold")
    return Rows(rows, title=title, label_cap=0.2)


def _both(here: Site, mine: str, other: Site, theirs: str) -> Cell:
    return _cell(f"{mine} in {here.name} · {theirs} in {other.name}")


def _zone_of(site: Site, day: Day) -> str:
    return day.noon.tzname() or site.zone


def sun_compare_view(here: Site, mine: Day, other: Site, theirs: Day) -> RenderableType:
    """Two places side by side on one day, each in its own local time."""
    title = _cell(f"{here.name} and {other.name}: the sun on {mine.day:%A} {mine.day.day} {mine.day:%B %Y}", "bold")
    rows = [
        (
            _cell("Civil dawn"),
            _both(
                here,
                _twilight(mine.dawn, mine.day, mine.light_all_night),
                other,
                _twilight(theirs.dawn, theirs.day, theirs.light_all_night),
            ),
        ),
        (
            _cell("Sunrise"),
            _both(
                here,
                _clock(mine.sunrise) if mine.sunrise else "none",
                other,
                _clock(theirs.sunrise) if theirs.sunrise else "none",
            ),
        ),
        (
            _cell("Solar noon"),
            _both(
                here,
                f"{_clock(mine.noon)}, {mine.highest:.1f}° above the horizon",
                other,
                f"{_clock(theirs.noon)}, {theirs.highest:.1f}° above the horizon",
            ),
        ),
        (
            _cell("Sunset"),
            _both(
                here,
                _clock_on(mine.sunset, mine.day) if mine.sunset else "none",
                other,
                _clock_on(theirs.sunset, theirs.day) if theirs.sunset else "none",
            ),
        ),
        (
            _cell("Civil dusk"),
            _both(
                here,
                _twilight(mine.dusk, mine.day, mine.light_tonight),
                other,
                _twilight(theirs.dusk, theirs.day, theirs.light_tonight),
            ),
        ),
        (_cell("Daylight"), _both(here, _length(_shown_daylight(mine)), other, _length(_shown_daylight(theirs)))),
    ]
    more = _shown_daylight(mine) - _shown_daylight(theirs)
    longer = here.name if more >= timedelta(0) else other.name
    notes = [
        f"{_length(abs(more))} more daylight in {longer}."
        if abs(more) >= timedelta(minutes=1)
        else "The same daylight.",
        f"Times are local: {_zone_of(here, mine)} in {here.name}, {_zone_of(other, theirs)} in {other.name}. "
        f"Heights at noon are the sun's true height; the air bends its light, so it looks a little higher "
        f"({mine.highest_seen:.1f}° in {here.name}, {theirs.highest_seen:.1f}° in {other.name}). "
        "Places: GeoNames (CC BY 4.0).",
    ]
    return Group(
        Rows(rows, title=title),
        Text(""),
        Paragraph(_cell(notes[0], "yellow")),
        Paragraph(_cell(notes[1], "dim")),
    )


def sun_year_compare_view(
    here: Site, year: int, months: list[Day], other: tuple[Site, list[Day]], blocks: bool
) -> RenderableType:
    """Day length on the 21st of each month in both places, one bar each (in the chart's colours where the
    terminal has them), so the difference shows."""
    rows = []
    for mine, theirs in zip(months, other[1], strict=True):
        rows.append(
            (
                _cell(f"{mine.day:%B} 21"),
                _cell(f"{_bar(mine.daylight, blocks)} {_length(_shown_daylight(mine))}, {here.name}", "yellow"),
            )
        )
        rows.append(
            (
                _cell(""),
                _cell(
                    f"{_bar(theirs.daylight, blocks)} {_length(_shown_daylight(theirs))}, {other[0].name}", "magenta"
                ),
            )
        )
    title = _cell(
        f"{here.name} and {other[0].name}: day length on the 21st of each month, {year} (one block an hour)", "bold"
    )
    return Group(
        Rows(rows, title=title, label_cap=0.2),
        Text(""),
        Paragraph(_cell("Places: GeoNames (CC BY 4.0).", "dim")),
    )
