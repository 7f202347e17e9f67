"""What roros writes for a browser or a printer: every view as a `Sheet`, its HTML page, its SVG picture, its text.

Every view is first a `Sheet` (titled sections of label/value rows, plain data); the HTML comes from Jinja2
templates that escape by default (so a data file's strings stay inert), the SVG from the terminal layout in
columns shaped for a 16:9 screen. Everything is self-contained: no font, script, style or image is loaded from
the network. Jinja2 and Rich are imported only here, and this module only by the commands that write files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from roros_cli import query
from roros_cli.model import Fact, Place

if TYPE_CHECKING:
    from typing import Literal

    from jinja2 import Environment

    from roros_cli.audit import Check

SVG_COLUMNS = 64
SVG_FONT = 28  # user units to an em of the picture's type; the picture has no size of its own
SVG_MARGIN = 1.0  # ems

if TYPE_CHECKING:
    # What a line under a row's value is; templates and the SVG styles are keyed by it. "status" carries a
    # check's status (audit.Status) as its text, for the page's class; it is not shown as a line.
    RowKind = Literal["note", "warning", "source", "year", "status"]


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    extras: tuple[tuple[str, RowKind], ...] = ()  # (text, kind)


@dataclass(frozen=True)
class SheetSection:
    """A titled part of a page: its rows as shown (model.Section holds a layout's keys)."""

    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    sections: tuple[SheetSection, ...]
    place: Place
    summary: str = ""


# ---------------------------------------------------------------------------------------------- sheets


def _row(place: Place, fact: Fact, units: str = "both", sources: bool = False) -> Row:
    notes = query.conflict_notes(place, fact, units)
    extras: list[tuple[str, RowKind]] = [(f"⚠ {warning}", "warning") for warning in notes]
    if fact.note:
        extras.append((fact.note, "note"))
    if sources:
        extras.append((f"Source: {query.source_in_words(fact)}", "source"))
    return Row(fact.label, query.dated_value(fact, units), tuple(extras))


def info_sheet(place: Place, units: str = "both", sources: bool = False) -> Sheet:
    sections = tuple(
        SheetSection(section.title, tuple(_row(place, place.facts[k], units, sources) for k in section.keys))
        for section in place.sections
    )
    return Sheet(f"{place.name} — fact sheet", sections, place)


def timeline_sheet(place: Place, dated: list[Fact], units: str = "both") -> Sheet:
    """The dated facts, each with its warnings and notes, as on the terminal: a figure the source contradicts is
    never shown as if the town had simply changed."""
    rows = tuple(
        Row(
            str(fact.year),
            fact.label if query.is_date(fact) else f"{fact.label}: {query.display_value(fact, units)}",
            _row(place, fact, units).extras,
        )
        for fact in dated
    )
    return Sheet(f"{place.name}: timeline", (SheetSection("", rows),), place)


def check_sheet(place: Place, checks: list[Check]) -> Sheet:
    """What `roros check` found: the lesson of a contradiction, each finding as a sentence, what was not checked."""
    from roros_cli import audit

    signs = {audit.AGREES: "✓", audit.DISAGREES: "✗", audit.SKIPPED: "–"}
    sections = []
    taught = tuple(Row(heading, text, (("lesson", "status"),)) for heading, text in audit.lesson(place, checks))
    if taught:
        sections.append(SheetSection(audit.LESSON_TITLE, taught))
    findings = tuple(Row(signs.get(c.status, "?"), c.finding or c.detail, ((c.status, "status"),)) for c in checks)
    sections.append(SheetSection("Every check" if findings else "", findings))
    missing = tuple(
        Row(item.relation, "needs " + ", ".join(item.needs), ((audit.SKIPPED, "status"),))
        for item in audit.unchecked(place)
    )
    if missing:
        sections.append(SheetSection(audit.UNCHECKED_TITLE, missing))
    disagreeing = audit.disagreements(checks)
    summary = f"{len(checks)} checks, {disagreeing} disagreement{'s' if disagreeing != 1 else ''}"
    return Sheet(f"{place.name}: consistency check", tuple(sections), place, summary)


def keys_sheet(place: Place, rows: list[tuple[str, str, bool]]) -> Sheet:
    return Sheet(f"{place.name}: keys", (SheetSection("", tuple(Row(key, label) for key, label, _ in rows)),), place)


def search_sheet(place: Place, term: str, matches: list[query.Match], units: str = "both") -> Sheet:
    rows = tuple(Row(m.fact.key, f"{m.fact.label}: {query.display_value(m.fact, units)}") for m in matches)
    verb = "matches" if len(matches) == 1 else "match"
    return Sheet(
        f"{len(matches)} fact{'s' if len(matches) != 1 else ''} {verb} “{term}”", (SheetSection("", rows),), place
    )


# ---------------------------------------------------------------------------------------------- HTML


@cache  # one per process: it keeps each template compiled (a deck and its handout share theirs)
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("roros_cli", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )
    return environment


def html_page(sheet: Sheet) -> str:
    """A readable page: a title, type of at least 16 px, one column on a phone and two on a wide screen."""
    return environment().get_template("page.html.j2").render(sheet=sheet, source=sheet.place.source)


# ---------------------------------------------------------------------------------------------- SVG and text


def _lines(sheet: Sheet, width: int) -> list[list[tuple[str, str]]]:
    from roros_cli.layout import Cell, Rows, keep_together

    lines: list[list[tuple[str, str]]] = [[(sheet.title, "title")], []]
    for section in sheet.sections:
        cells = []
        for row in section.rows:
            value = Cell().add(keep_together(row.value))
            for text, kind in row.extras:
                if kind != "status":  # the sign before the row says it
                    value.add("\n" + text, kind)
            cells.append((Cell().add(keep_together(row.label)), value))
        if section.title:
            lines.append([(section.title, "heading")])
        lines += list(Rows(cells, label_style="label").lines(width))
        lines.append([])
    if sheet.summary:
        lines.append([(sheet.summary, "heading")])
    source = sheet.place.source
    credit = ", ".join(part for part in (source.publisher, f"“{source.title}”", source.license) if part)
    import textwrap

    lines += [[(part, "dim")] for part in textwrap.wrap(f"Source: {credit}", width, break_on_hyphens=False)]
    return lines


def text(sheet: Sheet, width: int = 100) -> str:
    """The view as plain text at a fixed width, with no trailing blanks."""
    return "\n".join("".join(part for part, _ in line).rstrip() for line in _lines(sheet, width)) + "\n"


_SVG_STYLES = {
    "title": 'font-weight="bold" font-size="1.25em"',
    "heading": 'font-weight="bold" fill="#0b5c73"',
    "label": 'font-weight="bold"',
    "label bold": 'font-weight="bold"',
    "note": 'fill="#555555" font-style="italic"',
    "source": 'fill="#555555"',
    "year": 'fill="#555555"',
    "dim": 'fill="#555555"',
    "warning": 'fill="#9a5b00"',
    "status": 'fill="#555555"',
}


_SCREEN = (1920, 1080)  # the pictures are laid out for a 16:9 screen, and scale to wherever they are put
_LINE = 1.25  # line height, in ems
_GAP = 2  # characters between columns


@dataclass(frozen=True)
class _Layout:
    header: list[list[tuple[str, str]]]
    columns: list[list[list[tuple[str, str]]]]
    width: int  # characters to a column

    def size(self) -> tuple[float, float]:
        """Width and height in ems of the type (monospace: a character is 0.6 em wide)."""
        count = len(self.columns)
        width = count * self.width * 0.6 + (count - 1) * _GAP * 0.6 + 2 * SVG_MARGIN
        tallest = max(len(column) for column in self.columns)
        return width, (len(self.header) * 1.25 + tallest) * _LINE + 2 * SVG_MARGIN

    def type_on_screen(self) -> float:
        """Pixels to an em when the picture is fitted to the screen."""
        width, height = self.size()
        return min(_SCREEN[0] / width, _SCREEN[1] / height)


def _breakable(lines: list[list[tuple[str, str]]], index: int) -> bool:
    """A column may start at line `index`: a new row or section, never a row's second line or under a heading."""
    line, before = lines[index], lines[index - 1]
    if before and before[0][1] == "heading":
        return False
    return not line or line[0][1] == "heading" or not line[0][0].startswith(" ")


def _columns(lines: list[list[tuple[str, str]]], count: int) -> list[list[list[tuple[str, str]]]]:
    """Lines shared among `count` columns as evenly as row and section boundaries allow."""
    columns: list[list[list[tuple[str, str]]]] = []
    start = 0
    for left in range(count, 0, -1):
        target = start + -(-(len(lines) - start) // left)
        end = target
        if left > 1:
            spots = [i for i in range(start + 1, len(lines)) if _breakable(lines, i)]
            end = min(spots, key=lambda i: abs(i - target), default=len(lines))
        else:
            end = len(lines)
        column = lines[start:end]
        while column and not column[-1]:
            column = column[:-1]  # a column ends with its last line, not a blank
        columns.append(column)
        start = end
        while start < len(lines) and not lines[start]:
            start += 1  # nor starts with one
    return [column for column in columns if column]


def _layout(sheet: Sheet) -> _Layout:
    """The column count and width that give the largest type when the picture fills a 16:9 screen."""
    best: _Layout | None = None
    for width in range(30, SVG_COLUMNS + 1, 2):
        lines = _lines(sheet, width)
        header, body = lines[:2], lines[2:]
        for count in range(1, 6):
            layout = _Layout(header, _columns(body, count), width)
            if best is None or layout.type_on_screen() > best.type_on_screen() + 0.01:
                best = layout
    assert best is not None
    return best


def svg_picture(sheet: Sheet) -> str:
    """The view as an SVG for a screen: columns shaped to 16:9, large type in a local font stack, a viewBox and no
    size of its own, so it scales to wherever it is put (a slide, a page, a projector)."""
    from xml.sax.saxutils import escape

    layout = _layout(sheet)
    width, height = layout.size()
    # Padded out to 16:9 so it fills a screen edge to edge; the type stays as the layout made it.
    width, height = max(width, height * 16 / 9), max(height, width * 9 / 16)
    font = SVG_FONT
    fonts = "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width * font:.0f} {height * font:.0f}" '
        f'font-family="{fonts}" font-size="{font}" role="img">',
        f"<title>{escape(sheet.title)}</title>",
        f'<rect width="{width * font:.0f}" height="{height * font:.0f}" fill="#ffffff"/>',
    ]

    def put(line: list[tuple[str, str]], x: float, y: float) -> None:
        spans = "".join(
            f"<tspan {_SVG_STYLES.get(style, '')}>{escape(part)}</tspan>" if style else escape(part)
            for part, style in line
        )
        if spans:
            out.append(f'<text x="{x * font:.0f}" y="{y * font:.0f}" xml:space="preserve">{spans}</text>')

    y = SVG_MARGIN
    for line in layout.header:
        y += _LINE * 1.25
        put(line, SVG_MARGIN, y - 0.3 * _LINE)
    top = y
    for index, column in enumerate(layout.columns):
        x = SVG_MARGIN + index * (layout.width + _GAP) * 0.6
        for number, line in enumerate(column, start=1):
            put(line, x, top + number * _LINE - 0.3 * _LINE)
    out.append("</svg>")
    return "\n".join(out) + "\n"
