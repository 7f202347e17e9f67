"""Rich renderables built from results. Pure functions: they build, they do not print.

Imported only by commands that draw, because importing Rich costs more start-up than everything else.
Every string from a data file enters as `Text` (never markup), so `[bold]` and `:coffee:` in a file show as
the characters they are; escape sequences were made inert when the place was loaded (`dispatch.load_place`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Final

from rich.console import Console, Group, RenderableType
from rich.text import Text

from roros_cli import query
from roros_cli.layout import Cell, Paragraph, Rows, keep_together
from roros_cli.model import Fact, Place

if TYPE_CHECKING:
    from roros_cli.audit import Check
    from roros_cli.maplabels import Shown


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


def text_cell(text: str, style: str = "") -> Cell:
    """Text as a layout cell, a figure kept with its unit."""
    return Cell().add(keep_together(text), style)


def _value_cell(place: Place, fact: Fact, units: str, marks: Marks, sources: bool = False, year: bool = True) -> Cell:
    shown = query.display_value(fact, units)
    cell = text_cell(shown)
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
    rows = [(text_cell(fact.label), _value_cell(place, fact, units, marks, sources)) for fact in facts]
    return Rows(rows, title=text_cell(title, "bold cyan"), longest=longest)


def info_view(place: Place, units: str, sources: bool, marks: Marks = UNICODE_MARKS) -> RenderableType:
    parts: list[RenderableType] = [Paragraph(text_cell(f"{place.name} — fact sheet", "bold"))]
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
    line = text_cell("Source: " + ", ".join(word for word in words if word), "dim")
    if source.url:
        line.add("\n" + source.url, "dim")
    return Paragraph(line)


def keys_view(rows: list[tuple[str, str, bool]]) -> RenderableType:
    cells = [(text_cell(key), text_cell(label, "dim" if group else "")) for key, label, group in rows]
    return Rows(cells, label_cap=0.5)


def _count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 fact`, `2 facts`."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def search_view(
    place: Place, term: str, matches: list[query.Match], units: str, marks: Marks = UNICODE_MARKS
) -> RenderableType:
    verb = "matches" if len(matches) == 1 else "match"
    title = text_cell(f"{_count(len(matches), 'fact')} {verb} “{term}”", "bold")
    rows = []
    for match in matches:
        value = text_cell(match.fact.label + ": ")
        value.spans += _value_cell(place, match.fact, units, marks).spans
        rows.append((text_cell(match.fact.key), value))
    return Rows(rows, title=title, label_cap=0.4)


def timeline_view(place: Place, dated: list[Fact], units: str, marks: Marks = UNICODE_MARKS) -> RenderableType:
    rows = []
    for fact in dated:
        value = text_cell(fact.label)
        if not query.is_date(fact):  # a year that is the value itself is not said twice
            value = text_cell(fact.label + ": ")
            value.spans += _value_cell(place, fact, units, marks, year=False).spans
        rows.append((Cell().add(str(fact.year)), value))
    return Rows(rows, title=text_cell(f"{place.name}: timeline", "bold"), label_style="bold cyan")


def check_view(place: Place, checks: list[Check], marks: Marks = UNICODE_MARKS) -> RenderableType:
    """What `roros check` found, for a reader: the lesson of a contradiction first, then each finding as a
    sentence, then what could not be checked for want of facts (named by key, for whoever writes the file)."""
    from roros_cli.audit import (
        AGREES,
        DISAGREES,
        LESSON_TITLE,
        SKIPPED,
        UNCHECKED_TITLE,
        disagreements,
        lesson,
        unchecked,
    )

    signs = {
        AGREES: (marks.agrees, "green"),
        DISAGREES: (marks.disagrees, "bold red"),
        SKIPPED: (marks.skipped, "dim"),
    }
    parts: list[RenderableType] = [Paragraph(text_cell(f"{place.name}: consistency check", "bold"))]
    taught = lesson(place, checks)
    if taught:
        rows = [(text_cell(heading), text_cell(text)) for heading, text in taught]
        parts += [Text(""), Rows(rows, title=text_cell(LESSON_TITLE, "bold cyan"), label_cap=0.2)]
    findings = []
    for item in checks:
        sign, style = signs.get(item.status, ("?", ""))
        findings.append((Cell().add(sign, style), text_cell(item.finding or item.detail)))
    if findings:
        parts += [Text(""), Rows(findings, title=text_cell("Every check", "bold cyan"), label_style="", label_cap=0.1)]
    missing = unchecked(place)
    if missing:
        rows = [(text_cell(item.relation), text_cell("needs " + ", ".join(item.needs))) for item in missing]
        parts += [Text(""), Rows(rows, title=text_cell(UNCHECKED_TITLE, "bold cyan"), label_style="", label_cap=0.4)]
    disagreeing = disagreements(checks)
    summary = Text(
        f"{_count(len(checks), 'check')}, {_count(disagreeing, 'disagreement')}",
        style="bold red" if disagreeing else "bold green",
    )
    return Group(*parts, Text(""), summary)


# ---------------------------------------------------------------------------------------------- map


def map_view(lines: list[list[tuple[str, str]]], notes: list[str]) -> RenderableType:
    """The Braille map, then what it shows: the place, its neighbours, a scale bar, the outlines' source."""
    drawn = [Text.assemble(*line) for line in lines]
    return Group(
        *drawn, Text(""), *(Paragraph(text_cell(note, "dim" if note.startswith("Outlines") else "")) for note in notes)
    )


def map_places_view(name: str, zoom: str, shown: list[Shown], attribution: str) -> RenderableType:
    """The places the map names, nearest first: how far, which way, how many people."""
    rows = [
        (
            text_cell(f"{item.place.name} ({item.place.country})"),
            text_cell(
                f"{item.distance_km:,.0f} km {item.compass} ({item.bearing:.0f}°), {item.place.population:,} people"
            ),
        )
        for item in shown
    ]
    title = text_cell(f"Places on the map of {name}'s {zoom}: distance and bearing from {name}", "bold")
    note = "Great-circle distance; bearing clockwise from true north."
    return Group(
        Rows(rows, title=title, label_style="bold cyan"),
        Text(""),
        Paragraph(text_cell(note, "dim")),
        Paragraph(text_cell(attribution, "dim")),
    )
