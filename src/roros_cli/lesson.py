"""A lesson's pages: the slides for a projector, the handout, and the worksheet with its answer key.

Each slide is a part of a `pages.Sheet` cut to fit a 16:9 screen at type a room can read; the HTML comes from
the same escaping Jinja2 templates as the export pages. Imported only by `roros slides` and `quiz --worksheet`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roros_cli import pages, query
from roros_cli.model import Place
from roros_cli.pages import Row

if TYPE_CHECKING:
    from typing import Literal

    from roros_cli.audit import Check
    from roros_cli.quiz import Question

    SlideKind = Literal["title", "rows", "timeline", "findings", "map", "question", "answer", "sources"]


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
    for section in pages.info_sheet(place).sections:
        out += _titled(section.title, split_evenly(section.rows, _row_height), "rows")
    timeline = pages.timeline_sheet(place, query.timeline(place)).sections[0].rows
    if timeline:
        out += _titled("Timeline", split_evenly(timeline, _row_height), "timeline")
    # The lesson of a contradiction (if any) on slides of its own, then every finding, then what was not checked.
    for section in pages.check_sheet(place, checks).sections:
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
        pages.environment()
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
        pages.environment()
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
