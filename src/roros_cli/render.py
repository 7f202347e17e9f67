"""Rich renderables built from results. Pure functions: they build, they do not print.

Imported only by commands that draw, because importing Rich costs more start-up than everything else.
Every string from a data file enters as `Text` (never markup), after `safetext.clean`, so `[bold]`,
`:coffee:` and escape sequences in a file show as the characters they are.
"""

from __future__ import annotations

import io
import os
from typing import IO, TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from roros_cli import facts as query
from roros_cli.model import Fact, Place
from roros_cli.safetext import clean

if TYPE_CHECKING:
    from roros_cli.audit import Check

EXPORT_WIDTH = 100


SANE_WIDTHS = range(20, 1001)  # COLUMNS outside this (0, or 99999999) is treated as unset


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit with status 1; the output layer exits 141 for every view, large or small.
        self.quiet = True
        raise BrokenPipeError


def sane_environment() -> dict[str, str]:
    """The environment Rich sizes itself by, without a COLUMNS or LINES no terminal could have."""
    environ = dict(os.environ)
    for name in ("COLUMNS", "LINES"):
        value = environ.get(name, "")
        if value and not (value.isdigit() and int(value) in SANE_WIDTHS):
            del environ[name]
    return environ


def make_console(file: IO[str] | None = None, width: int | None = None, record: bool = False) -> Console:
    """A console that never interprets text: no markup, no emoji codes, no highlighting of numbers."""
    return _Console(
        _environ=sane_environment(),
        file=file,
        width=width,
        record=record,
        markup=False,
        emoji=False,
        highlight=False,
        # An ascii-only stdout gets ascii boxes and `?` for letters it cannot show, never an exception.
        safe_box=True,
        legacy_windows=False if file is not None else None,
        no_color=True if os.environ.get("NO_COLOR") else None,
    )


def safe(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _value_cell(fact: Fact, units: str, place: Place) -> Text:
    cell = safe(query.display_value(fact, units))
    if fact.year is not None and not query.is_date(fact):
        cell.append(f" ({fact.year})", style="dim")
    if fact.conflicts:
        others = ", ".join(clean(key) for key in fact.conflicts)
        cell.append(f"\n⚠ the source disagrees: see {others}", style="yellow")
    if fact.note:
        cell.append("\n" + clean(fact.note), style="dim italic")
    return cell


def section_table(place: Place, title: str, keys: tuple[str, ...], units: str, sources: bool) -> Table:
    table = Table(
        title=safe(title, "bold cyan"),
        title_justify="left",
        box=box.SIMPLE,
        show_header=False,
        show_edge=False,
        expand=True,
        padding=(0, 1),
    )
    table.add_column("Fact", style="bold", ratio=2, overflow="fold")
    table.add_column("Value", ratio=3, overflow="fold")
    if sources:
        table.add_column("Source", style="dim", ratio=2, overflow="fold")
    for key in keys:
        fact = place.facts[key]
        row = [safe(fact.label), _value_cell(fact, units, place)]
        if sources:
            row.append(safe(fact.source))
        table.add_row(*row)
    return table


def info_view(place: Place, units: str, sources: bool) -> RenderableType:
    heading = safe(place.name, "bold")
    heading.append(" — fact sheet", style="bold")
    parts: list[RenderableType] = [heading]
    for section in place.sections:
        parts.append(Text(""))
        parts.append(section_table(place, section.title, section.keys, units, sources))
    parts.append(Text(""))
    parts.append(source_line(place))
    return Group(*parts)


def source_line(place: Place) -> Text:
    source = place.source
    words = [source.publisher or "", f"“{source.title}”", source.license or ""]
    line = safe("Source: " + ", ".join(word for word in words if word), "dim")
    if source.url:
        line.append("\n" + clean(source.url), style="dim")
    return line


def keys_view(rows: list[tuple[str, str, bool]]) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=False)
    table.add_column("Key", style="bold", overflow="fold")
    table.add_column("Label", overflow="fold")
    for key, label, group in rows:
        table.add_row(safe(key), safe(label, "dim" if group else ""))
    return table


def _titled_table(title: str) -> Table:
    """A full-width table with a bold title over it: the shape of the search, timeline and check views."""
    return Table(title=safe(title, "bold"), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, expand=True)


def search_view(place: Place, term: str, matches: list[query.Match], units: str) -> RenderableType:
    table = _titled_table(f"{len(matches)} facts match “{term}”")
    table.add_column("Key", style="bold", ratio=2, overflow="fold")
    table.add_column("Fact", ratio=2, overflow="fold")
    table.add_column("Value", ratio=3, overflow="fold")
    for match in matches:
        table.add_row(safe(match.fact.key), safe(match.fact.label), _value_cell(match.fact, units, place))
    return table


def timeline_view(place: Place, dated: list[Fact], units: str) -> RenderableType:
    table = _titled_table(f"{place.name}: timeline")
    table.add_column("Year", style="bold cyan", no_wrap=True)
    table.add_column("Fact", ratio=2, overflow="fold")
    table.add_column("Value", ratio=3, overflow="fold")
    for fact in dated:
        table.add_row(str(fact.year), safe(fact.label), _value_cell(fact, units, place))
    return table


def export(renderable: RenderableType, suffix: str, title: str) -> str:
    """The renderable as SVG, HTML or text, at a fixed width so the file does not depend on the terminal."""
    console = make_console(file=io.StringIO(), width=EXPORT_WIDTH, record=True)
    console.print(renderable)
    if suffix == ".svg":
        return console.export_svg(title=clean(title))
    if suffix in {".html", ".htm"}:
        return console.export_html(inline_styles=True)
    return console.export_text()


def check_view(place: Place, checks: list[Check]) -> RenderableType:
    marks = {"agrees": ("✓", "green"), "disagrees": ("✗", "bold red"), "skipped": ("–", "dim")}
    table = _titled_table(f"{place.name}: consistency check")
    table.add_column("", no_wrap=True)
    table.add_column("Relation", ratio=2, overflow="fold")
    table.add_column("Finding", ratio=3, overflow="fold")
    for item in checks:
        mark, style = marks.get(item.status, ("?", ""))
        table.add_row(Text(mark, style=style), safe(item.relation), safe(item.detail))
    disagreements = sum(1 for item in checks if item.status == "disagrees")
    summary = Text(
        f"{len(checks)} checks, {disagreements} disagreement{'s' if disagreements != 1 else ''}",
        style="bold red" if disagreements else "bold green",
    )
    return Group(table, summary)
