"""Rich renderables for `roros sun`: a day, a year month by month, and either beside another place.

Pure functions, like `render`'s: they build, they do not print. Imported only by `roros sun`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Final

from rich.console import Group, RenderableType
from rich.text import Text

from roros_cli.layout import Paragraph, Rows
from roros_cli.model import Place
from roros_cli.render import text_cell

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from roros_cli.sun import Day, Site


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
        text_cell(
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
    title = text_cell(f"{place.name}: the sun on {day.day:%A} {day.day.day} {day.day:%B %Y} ({zone})", "bold")
    noon = (
        f"{_clock(day.noon)}, the sun {day.highest:.1f}° above the horizon (its true height; the air bends its "
        f"light, so it looks {day.highest_seen:.1f}° high)"
    )
    rows = [
        (text_cell("Civil dawn"), text_cell(_twilight(day.dawn, day.day, day.light_all_night))),
        (text_cell("Sunrise"), text_cell(_clock(day.sunrise) if day.sunrise else "none today")),
        (text_cell("Solar noon"), text_cell(noon)),
        (text_cell("Sunset"), text_cell(_clock_on(day.sunset, day.day) if day.sunset else "none today")),
        (text_cell("Civil dusk"), text_cell(_twilight(day.dusk, day.day, day.light_tonight))),
        (text_cell("Daylight"), text_cell(_length(_shown_daylight(day)))),
    ]
    parts: list[RenderableType] = [Rows(rows, title=title)]
    if day.polar_day:
        parts += [Text(""), Paragraph(text_cell("The sun does not set today.", "yellow"))]
    elif day.polar_night:
        parts += [Text(""), Paragraph(text_cell("The sun does not rise today.", "yellow"))]
    elif day.light_all_night or day.light_tonight:
        parts += [Text(""), _night_note(day)]
    parts += [
        Text(""),
        Paragraph(
            text_cell(
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
                text_cell(f"{day.day:%B} 21"),
                text_cell(f"{_bar(day.daylight, blocks)} {_length(_shown_daylight(day))}, {times}{night}"),
            )
        )
    title = text_cell(f"{place.name}: day length on the 21st of each month, {year} (one block an hour)", "bold")
    return Rows(rows, title=title, label_cap=0.2)


def _zone_of(site: Site, day: Day) -> str:
    return day.noon.tzname() or site.zone


# Each row of the comparison: its label and how one place's day reads in it.
_COMPARED: Final[tuple[tuple[str, Callable[[Day], str]], ...]] = (
    ("Civil dawn", lambda day: _twilight(day.dawn, day.day, day.light_all_night)),
    ("Sunrise", lambda day: _clock(day.sunrise) if day.sunrise else "none"),
    ("Solar noon", lambda day: f"{_clock(day.noon)}, {day.highest:.1f}° above the horizon"),
    ("Sunset", lambda day: _clock_on(day.sunset, day.day) if day.sunset else "none"),
    ("Civil dusk", lambda day: _twilight(day.dusk, day.day, day.light_tonight)),
    ("Daylight", lambda day: _length(_shown_daylight(day))),
)


def sun_compare_view(here: Site, mine: Day, other: Site, theirs: Day) -> RenderableType:
    """Two places side by side on one day, each in its own local time."""
    title = text_cell(f"{here.name} and {other.name}: the sun on {mine.day:%A} {mine.day.day} {mine.day:%B %Y}", "bold")
    rows = [
        (text_cell(label), text_cell(f"{reads(mine)} in {here.name} · {reads(theirs)} in {other.name}"))
        for label, reads in _COMPARED
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
        Paragraph(text_cell(notes[0], "yellow")),
        Paragraph(text_cell(notes[1], "dim")),
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
                text_cell(f"{mine.day:%B} 21"),
                text_cell(f"{_bar(mine.daylight, blocks)} {_length(_shown_daylight(mine))}, {here.name}", "yellow"),
            )
        )
        rows.append(
            (
                text_cell(""),
                text_cell(
                    f"{_bar(theirs.daylight, blocks)} {_length(_shown_daylight(theirs))}, {other[0].name}", "magenta"
                ),
            )
        )
    title = text_cell(
        f"{here.name} and {other[0].name}: day length on the 21st of each month, {year} (one block an hour)", "bold"
    )
    return Group(
        Rows(rows, title=title, label_cap=0.2),
        Text(""),
        Paragraph(text_cell("Places: GeoNames (CC BY 4.0).", "dim")),
    )
