"""What roros writes for a browser, a projector or a printer: export pages, SVG pictures, slides, worksheets.

Every view is first a `Sheet` (titled sections of label/value rows, plain data); the HTML comes from Jinja2
templates that escape by default (so a data file's strings stay inert), the SVG from the terminal layout at a
fixed width. Everything is self-contained: no font, script, style or image is loaded from the network.
Jinja2 and Rich are imported only here, and this module only by the commands that write files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from roros_cli import facts as query
from roros_cli.model import Fact, Place
from roros_cli.safetext import clean

if TYPE_CHECKING:
    from jinja2 import Environment

    from roros_cli.audit import Check
    from roros_cli.quiz import Question

SLIDE_ROWS = 6  # a slide with more rows would need smaller type: a long section goes over several slides
SVG_COLUMNS = 64
SVG_FONT = 28  # px: still about 28 px when the picture is shown full width on a 1080p projector


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    extras: tuple[tuple[str, str], ...] = ()  # (text, kind): note, warning, source, year


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    sections: tuple[Section, ...]
    place: Place
    summary: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- sheets


def _row(place: Place, fact: Fact, units: str = "both", sources: bool = False) -> Row:
    extras = [(f"⚠ {warning}", "warning") for warning in query.conflict_notes(place, fact, units)]
    if fact.note:
        extras.append((fact.note, "note"))
    if sources:
        extras.append((f"Source: {fact.source}", "source"))
    return Row(fact.label, query.dated_value(fact, units), tuple(extras))


def info_sheet(place: Place, units: str = "both", sources: bool = False) -> Sheet:
    sections = tuple(
        Section(section.title, tuple(_row(place, place.facts[k], units, sources) for k in section.keys))
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
    return Sheet(f"{place.name}: timeline", (Section("", rows),), place)


def check_sheet(place: Place, checks: list[Check]) -> Sheet:
    """What `roros check` found: the lesson of a contradiction, each finding as a sentence, what was not checked."""
    from roros_cli.audit import LESSON_TITLE, UNCHECKED_TITLE, lesson, unchecked

    signs = {"agrees": "✓", "disagrees": "✗", "skipped": "–"}
    sections = []
    taught = tuple(Row(heading, text, (("lesson", "status"),)) for heading, text in lesson(place, checks))
    if taught:
        sections.append(Section(LESSON_TITLE, taught))
    findings = tuple(Row(signs.get(c.status, "?"), c.finding or c.detail, ((c.status, "status"),)) for c in checks)
    sections.append(Section("Every check" if findings else "", findings))
    missing = tuple(
        Row(item.relation, "needs " + ", ".join(item.needs), (("skipped", "status"),)) for item in unchecked(place)
    )
    if missing:
        sections.append(Section(UNCHECKED_TITLE, missing))
    disagreements = sum(1 for c in checks if c.status == "disagrees")
    summary = f"{len(checks)} checks, {disagreements} disagreement{'s' if disagreements != 1 else ''}"
    return Sheet(f"{place.name}: consistency check", tuple(sections), place, summary)


def keys_sheet(place: Place, rows: list[tuple[str, str, bool]]) -> Sheet:
    return Sheet(f"{place.name}: keys", (Section("", tuple(Row(key, label) for key, label, _ in rows)),), place)


def search_sheet(place: Place, term: str, matches: list[query.Match], units: str = "both") -> Sheet:
    rows = tuple(Row(m.fact.key, f"{m.fact.label}: {query.display_value(m.fact, units)}") for m in matches)
    verb = "matches" if len(matches) == 1 else "match"
    return Sheet(f"{len(matches)} fact{'s' if len(matches) != 1 else ''} {verb} “{term}”", (Section("", rows),), place)


# ---------------------------------------------------------------------------------------------- HTML


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("roros_cli", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )
    environment.filters["clean"] = clean  # control and invisible characters shown as escapes, never passed on
    return environment


def html_page(sheet: Sheet) -> str:
    """A readable page: a title, type of at least 16 px, one column on a phone and two on a wide screen."""
    return _environment().get_template("page.html.j2").render(sheet=sheet, source=sheet.place.source)


def slides(place: Place, questions: list[Question], map_svg: str | None, checks: list[Check]) -> str:
    """A 16:9 deck: title, the fact sheet a section at a time, timeline, check findings, map, quiz, source."""
    sheet = info_sheet(place)
    parts: list[tuple[str, tuple[Row, ...]]] = []
    for section in sheet.sections:
        rows = section.rows
        pieces = max(1, -(-len(rows) // SLIDE_ROWS))
        size = -(-len(rows) // pieces)
        for index in range(pieces):
            title = section.title if pieces == 1 else f"{section.title} ({index + 1} of {pieces})"
            parts.append((title, rows[index * size : (index + 1) * size]))
    timeline = timeline_sheet(place, query.timeline(place)).sections[0].rows
    # The lesson of a contradiction (if any) on a slide of its own, then the findings four to a slide.
    findings = [list(section.rows) for section in check_sheet(place, checks).sections if section.rows]
    return (
        _environment()
        .get_template("slides.html.j2")
        .render(
            place=place,
            subtitle=_subtitle(place),
            sections=parts,
            timeline=[timeline[i : i + SLIDE_ROWS] for i in range(0, len(timeline), SLIDE_ROWS)],
            findings=[rows[i : i + 4] for rows in findings for i in range(0, len(rows), 4)],
            map_svg=_inline(map_svg) if map_svg else None,
            questions=questions,
            letters="abcdefgh",
            source=place.source,
        )
    )


def _subtitle(place: Place) -> list[str]:
    """What the place is, from its facts: its other names, its kind, where it is, its heritage."""
    facts = place.facts
    lines = []
    for key in ("name_sami", "nickname"):
        if key in facts:
            lines.append(f"{facts[key].label}: {query.bare_value(facts[key])}")
    where = ", ".join(query.bare_value(facts[key]) for key in ("county", "country") if key in facts)
    if "classification" in facts:
        lines.append(f"A {query.bare_value(facts['classification'])}" + (f" in {where}" if where else ""))
    if "unesco.name" in facts:
        lines.append(f"UNESCO World Heritage Site: {query.bare_value(facts['unesco.name'])}")
    return lines


def _inline(svg: str) -> str:
    """An SVG document as markup to put inside a page (sized by the page, not by its own width)."""
    import re

    return re.sub(r'\s(width|height)="\d+"', "", svg, count=2)


def worksheet(place: Place, questions: list[Question]) -> str:
    """A printable A4 worksheet: name and date lines, numbered questions, and an answer key on a page of its own."""
    return (
        _environment()
        .get_template("worksheet.html.j2")
        .render(place=place, questions=questions, letters="abcdefgh", source=place.source)
    )


# ---------------------------------------------------------------------------------------------- SVG and text


def _lines(sheet: Sheet, width: int) -> list[list[tuple[str, str]]]:
    from roros_cli.layout import Cell, Rows, keep_together

    lines: list[list[tuple[str, str]]] = [[(clean(sheet.title), "title")], []]
    for section in sheet.sections:
        cells = []
        for row in section.rows:
            value = Cell().add(keep_together(clean(row.value)))
            for text, kind in row.extras:
                if kind != "status":  # the sign before the row says it
                    value.add("\n" + clean(text), kind)
            cells.append((Cell().add(keep_together(clean(row.label))), value))
        if section.title:
            lines.append([(clean(section.title), "heading")])
        lines += list(Rows(cells, label_style="label").lines(width))
        lines.append([])
    if sheet.summary:
        lines.append([(clean(sheet.summary), "heading")])
    source = sheet.place.source
    credit = ", ".join(part for part in (source.publisher, f"“{source.title}”", source.license) if part)
    lines.append([(clean(f"Source: {credit}"), "dim")])
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


def svg_picture(sheet: Sheet) -> str:
    """The view as an SVG that projects well: large type in a local font stack, every line inside the picture."""
    from xml.sax.saxutils import escape

    lines = _lines(sheet, SVG_COLUMNS)
    advance = SVG_FONT * 0.6  # monospace: every character the same width, so the columns line up
    line_height = round(SVG_FONT * 1.45)
    margin = SVG_FONT
    width = round(SVG_COLUMNS * advance + 2 * margin)
    height = round(len(lines) * line_height + 2 * margin)
    fonts = "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{fonts}" font-size="{SVG_FONT}" role="img">',
        f"<title>{escape(clean(sheet.title))}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for index, line in enumerate(lines):
        y = margin + (index + 1) * line_height - line_height * 0.3
        spans = "".join(
            f"<tspan {_SVG_STYLES.get(style, '')}>{escape(part)}</tspan>" if style else escape(part)
            for part, style in line
        )
        if spans:
            out.append(f'<text x="{margin}" y="{y:.0f}" xml:space="preserve">{spans}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
