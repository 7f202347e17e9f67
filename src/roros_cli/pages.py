"""What roros writes for a browser, a projector or a printer: export pages, SVG pictures, slides, worksheets.

Every view is first a `Sheet` (titled sections of label/value rows, plain data); the HTML comes from Jinja2
templates that escape by default (so a data file's strings stay inert), the SVG from the terminal layout in
columns shaped for a 16:9 screen. Everything is self-contained: no font, script, style or image is loaded from
the network. Jinja2 and Rich are imported only here, and this module only by the commands that write files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roros_cli import query
from roros_cli.model import Fact, Place

if TYPE_CHECKING:
    from typing import Literal

    from jinja2 import Environment

    from roros_cli.audit import Check
    from roros_cli.quiz import Question

SVG_COLUMNS = 64
SVG_FONT = 28  # user units to an em of the picture's type; the picture has no size of its own
SVG_MARGIN = 1.0  # ems

if TYPE_CHECKING:
    # What a line under a row's value is; templates and the SVG styles are keyed by it. "status" carries a
    # check's status (audit.Status) as its text, for the page's class; it is not shown as a line.
    RowKind = Literal["note", "warning", "source", "year", "status"]
    SlideKind = Literal["title", "rows", "timeline", "findings", "map", "question", "answer", "sources"]


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


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("roros_cli", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )
    return environment


def html_page(sheet: Sheet) -> str:
    """A readable page: a title, type of at least 16 px, one column on a phone and two on a wide screen."""
    return _environment().get_template("page.html.j2").render(sheet=sheet, source=sheet.place.source)


# A slide's body, in ems of its type, as the narrowest screen we design for (4:3, type at its 28 px floor) wraps
# it: characters to a line in the label and value columns and across the slide, and the height the body has.
_LABEL_CHARS = 18
_VALUE_CHARS = 34
_WIDE_CHARS = 56
_BODY_EMS = 17.5
_LINE_EMS = 1.3
_GAP_EMS = 0.45


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    title: str
    rows: tuple[Row, ...] = ()
    question: Question | None = None


def _lines_of(text: str, width: int) -> int:
    return max(1, -(-len(text) // width))


def _row_height(row: Row) -> float:
    """Ems a label/value row takes: the taller column, a warning under the value, and the gap after it."""
    value = row.value + "".join(f", {text}" for text, kind in row.extras if kind == "year")
    lines = max(_lines_of(row.label, _LABEL_CHARS), _lines_of(value, _VALUE_CHARS))
    lines += sum(_lines_of(text, _VALUE_CHARS) for text, kind in row.extras if kind == "warning")
    return lines * _LINE_EMS + _GAP_EMS


def _finding_height(row: Row) -> float:
    """A finding is one paragraph: its mark or heading, then its sentence."""
    return _lines_of(f"{row.label}  {row.value}", _WIDE_CHARS) * _LINE_EMS + _GAP_EMS * 4 / 3


def split_evenly(rows: tuple[Row, ...], height: Callable[[Row], float]) -> list[tuple[Row, ...]]:
    """The fewest slides whose rows fit, the rows shared evenly (counts differ by one at most), and never a lone
    row where there are two or more: rows too tall even two to a slide go two to a slide all the same."""
    if not rows:
        return []
    most = max(1, len(rows) // 2)  # more pieces than this would leave a row alone
    for pieces in range(1, most + 1):
        parts = _even(rows, pieces)
        if all(sum(height(row) for row in part) <= _BODY_EMS for part in parts):
            return parts
    return _even(rows, most)


def _even(rows: tuple[Row, ...], pieces: int) -> list[tuple[Row, ...]]:
    small, extra = divmod(len(rows), pieces)
    parts, start = [], 0
    for index in range(pieces):
        size = small + (1 if index < extra else 0)
        parts.append(rows[start : start + size])
        start += size
    return parts


def _titled(title: str, parts: list[tuple[Row, ...]], kind: SlideKind) -> list[Slide]:
    count = len(parts)
    return [Slide(kind, title if count == 1 else f"{title} ({i} of {count})", part) for i, part in enumerate(parts, 1)]


def deck(place: Place, questions: list[Question], map_svg: str | None, checks: list[Check]) -> list[Slide]:
    """The slides in order: title, the fact sheet a section at a time, timeline, check findings, map, quiz, source."""
    out = [Slide("title", place.name)]
    for section in info_sheet(place).sections:
        out += _titled(section.title, split_evenly(section.rows, _row_height), "rows")
    timeline = timeline_sheet(place, query.timeline(place)).sections[0].rows
    if timeline:
        out += _titled("Timeline", split_evenly(timeline, _row_height), "timeline")
    # The lesson of a contradiction (if any) on slides of its own, then every finding, then what was not checked.
    for section in check_sheet(place, checks).sections:
        title = section.title if section.title.startswith(("Checking", "Not checked")) else "Checking the source"
        out += _titled(title, split_evenly(section.rows, _finding_height), "findings")
    if map_svg:
        out.append(Slide("map", f"Where {place.name} is"))
    for number, question in enumerate(questions, start=1):
        out.append(Slide("question", f"Question {number}", question=question))
        out.append(Slide("answer", f"Answer {number}", question=question))
    out.append(Slide("sources", "Sources"))
    return out


def slides(place: Place, questions: list[Question], map_svg: str | None, checks: list[Check]) -> str:
    """A 16:9 deck: one slide at a time, presenter keys, one slide a printed page."""
    return _render_deck("slides.html.j2", place, questions, map_svg, checks)


def handout(place: Place, questions: list[Question], map_svg: str | None, checks: list[Check]) -> str:
    """The same slides six to an A4 page, each with lines for notes beside it."""
    return _render_deck("handout.html.j2", place, questions, map_svg, checks)


def _render_deck(
    template: str, place: Place, questions: list[Question], map_svg: str | None, checks: list[Check]
) -> str:
    return (
        _environment()
        .get_template(template)
        .render(
            place=place,
            subtitle=_subtitle(place),
            slides=deck(place, questions, map_svg, checks),
            map_svg=_inline(map_svg) if map_svg else None,
            letters=LETTERS,
            source=place.source,
            accepted=accepted,
        )
    )


LETTERS = "ABCDEFGH"  # options are lettered the same on slides, worksheets and keys


def accepted(question: Question) -> str:
    """The answers a numeric question marks right, for marking by hand: "9 to 11 km", "exactly 55" (the quiz's own
    range, so the key and the marking never disagree)."""
    return question.accepted_text if question.kind == "number" else ""


def _subtitle(place: Place) -> list[str]:
    """What the place is, from its facts: its other names, its kind, where it is, its heritage."""
    facts = place.facts
    lines = []
    for named in (place.role("name_sami"), place.role("nickname")):
        if named is not None:
            lines.append(f"{named.label}: {query.bare_value(named)}")
    where = ", ".join(query.bare_value(facts[key]) for key in ("county", "country") if key in facts)
    if "classification" in facts:
        lines.append(f"A {query.bare_value(facts['classification'])}" + (f" in {where}" if where else ""))
    if "unesco.name" in facts:
        lines.append(f"UNESCO World Heritage Site: {query.bare_value(facts['unesco.name'])}")
    return lines


def _inline(svg: str) -> str:
    """An SVG document as markup to put inside a page: sized by the page, in its own proportions (so what lies
    outside its view box never shows)."""
    import re

    start = svg.index("<svg")
    end = svg.index(">", start)
    root = re.sub(r'\s(width|height)="[\d.]+(px)?"', "", svg[start:end])  # the outer element's size only
    box = re.search(r'viewBox="[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)"', root)
    if box:
        root = root.replace("<svg", f'<svg style="aspect-ratio: {box[1]} / {box[2]}"', 1)
    return svg[:start] + root + svg[end:]


def worksheet_name(questions: list[Question], seed: int, topic: str = "") -> str:
    """What matches a sheet to its key: "Worksheet 7-10, roros 0.2.0" (seed, count, version), and the topic."""
    from roros_cli import __version__

    about = f", topic: {topic}" if topic else ""
    return f"Worksheet {seed}-{len(questions)}{about}, roros {__version__}"


def worksheet(
    place: Place,
    questions: list[Question],
    seed: int,
    *,
    topic: str = "",
    questions_shown: bool = True,
    key: bool = True,
) -> str:
    """A printable A4 worksheet: name, date and score boxes, numbered questions with A-D boxes to tick; the answer
    key on a page of its own when `key` (or, with `questions_shown` false, the key alone, as its own file)."""
    return (
        _environment()
        .get_template("worksheet.html.j2")
        .render(
            place=place,
            questions=questions,
            letters=LETTERS,
            source=place.source,
            ident=worksheet_name(questions, seed, topic),
            questions_shown=questions_shown,
            key_shown=key,
            accepted=accepted,
        )
    )


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
