"""The year's daylight as an SVG chart a class can read: hours of daylight and of civil twilight every day,
months along the bottom, midsummer and midwinter marked, and a compared place as a second line. Pure: returns
text. Self-contained (no fonts or scripts from the network), drawn at 16:9 with no fixed size, so it scales to
fill a 1920x1080 screen or whatever holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Final
from xml.sax.saxutils import escape

from roros_cli.sun import Day, Site, shown_daylight

WIDTH: Final = 1600
HEIGHT: Final = 900
LEFT, RIGHT, TOP, BOTTOM = 110, 1560, 190, 760  # the plot area
DAY_COLOUR: Final = "#f2a900"
TWILIGHT_COLOUR: Final = "#9cc3e6"
OTHER_COLOUR: Final = "#7a1f5c"
MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _hours(span: timedelta) -> float:
    return span.total_seconds() / 3600


def _length(span: timedelta) -> str:
    minutes = round(span.total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def chart(year: int, here: Site, days: list[Day], other: tuple[Site, list[Day]] | None, attribution: str) -> str:
    """The chart as SVG text. `days` and the other place's days are every day of `year`."""
    count = len(days)

    def x(index: float) -> float:
        return LEFT + (RIGHT - LEFT) * index / count

    def y(hours: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * hours / 24

    def area(values: list[float]) -> str:
        points = " ".join(f"{x(i + 0.5):.1f},{y(v):.1f}" for i, v in enumerate(values))
        return f"{x(0):.1f},{y(0):.1f} {points} {x(count):.1f},{y(0):.1f}"

    def line(values: list[float]) -> str:
        return " ".join(f"{x(i + 0.5):.1f},{y(v):.1f}" for i, v in enumerate(values))

    name = escape(here.name)
    parts = [
        # No width or height: the viewBox alone lets it scale to where it is put (a screen, a slide, a page; #20).
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="22" fill="#222">',
        f"<title>Daylight in {name} through {year}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="56" font-size="36" font-weight="bold">Daylight in {name}, {year}'
        + (f" (and {escape(other[0].name)})" if other else "")
        + "</text>",
        f'<text x="{LEFT}" y="96" font-size="22">Hours from sunrise to sunset, and from civil dawn to civil dusk, '
        "every day of the year</text>",
    ]
    # Twilight behind daylight, then the hour lines, then the compared place's line on top.
    parts.append(f'<polygon points="{area([_hours(d.light) for d in days])}" fill="{TWILIGHT_COLOUR}"/>')
    parts.append(f'<polygon points="{area([_hours(d.daylight) for d in days])}" fill="{DAY_COLOUR}"/>')
    for hours in range(0, 25, 6):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(hours):.1f}" x2="{RIGHT}" y2="{y(hours):.1f}" stroke="#555" '
            f'stroke-width="1" stroke-opacity="0.5"/>'
        )
        parts.append(f'<text x="{LEFT - 14}" y="{y(hours) + 8:.1f}" text-anchor="end">{hours} h</text>')
    first = days[0].day
    for month in range(12):
        start = (date(year, month + 1, 1) - first).days
        end = (date(year, month + 2, 1) - first).days if month < 11 else count
        parts.append(f'<line x1="{x(start):.1f}" y1="{BOTTOM}" x2="{x(start):.1f}" y2="{BOTTOM + 12}" stroke="#222"/>')
        parts.append(
            f'<text x="{x((start + end) / 2):.1f}" y="{BOTTOM + 40}" text-anchor="middle">{MONTHS[month]}</text>'
        )
    parts.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#222" stroke-width="2"/>')
    if other is not None:
        values = [_hours(d.daylight) for d in other[1]]
        parts.append(
            f'<polyline points="{line(values)}" fill="none" stroke="{OTHER_COLOUR}" stroke-width="4" '
            'stroke-dasharray="14 8"/>'
        )
    parts += _solstices(days, x)
    parts += _legend(here, other)
    parts.append(
        f'<text x="{LEFT}" y="{HEIGHT - 24}" font-size="18" fill="#444">Sunrise and sunset: the sun\'s centre '
        f"0.833° below the horizon; civil twilight: 6° below. Local time. {escape(attribution)}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _solstices(days: list[Day], x: Callable[[float], float]) -> list[str]:
    """Midsummer and midwinter: the days the sun stands highest and lowest at noon, each with its day length."""
    marks = []
    summer = max(range(len(days)), key=lambda i: days[i].highest)
    winter = min(range(len(days)), key=lambda i: days[i].highest)
    for index, label, anchor in ((summer, "Midsummer", "middle"), (winter, "Midwinter", "end")):
        at = x(index + 0.5)
        shown = days[index]
        text = f"{label}, {shown.day.day} {shown.day:%B}: {_length(shown_daylight(shown))}"
        marks.append(
            f'<line x1="{at:.1f}" y1="{TOP - 8}" x2="{at:.1f}" y2="{BOTTOM}" stroke="#222" stroke-width="2" '
            'stroke-dasharray="4 4"/>'
        )
        marks.append(f'<text x="{at:.1f}" y="{TOP - 16}" text-anchor="{anchor}" font-weight="bold">{text}</text>')
    return marks


def _legend(here: Site, other: tuple[Site, list[Day]] | None) -> list[str]:
    entries = [
        (f'<rect width="28" height="18" fill="{DAY_COLOUR}"/>', f"Daylight in {here.name}"),
        (f'<rect width="28" height="18" fill="{TWILIGHT_COLOUR}"/>', f"Civil twilight in {here.name}"),
    ]
    if other is not None:
        entries.append(
            (
                f'<line x1="0" y1="9" x2="28" y2="9" stroke="{OTHER_COLOUR}" stroke-width="4" stroke-dasharray="8 4"/>',
                f"Daylight in {other[0].name}",
            )
        )
    parts = []
    left = LEFT
    for swatch, label in entries:
        parts.append(f'<g transform="translate({left},{BOTTOM + 62})">{swatch}</g>')
        parts.append(f'<text x="{left + 38}" y="{BOTTOM + 80}">{escape(label)}</text>')
        left += 38 + 14 * len(label) + 50
    return parts
