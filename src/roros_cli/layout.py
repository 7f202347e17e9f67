"""Two-column layout for the terminal: labels on the left, values on the right, or stacked when narrow.

Rich's `Table` breaks words anywhere (`villages.` / `glamos.na` / `me`), pads every line to the width (so a
pipe gets trailing blanks) and costs a fraction of a millisecond a row. This layout wraps at spaces only, keeps
a figure and its unit together (`3,060/sq mi`), never pads the last column, and is linear in the text. Below
`STACK_BELOW` columns each label stands on its own line with its value indented under it, as `gh` and
`kubectl describe` do.

Imported only by `render`, so only commands that draw pay for Rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

from roros_cli.units import unit_symbols

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

STACK_BELOW = 60  # columns: narrower than this, two columns no longer fit
GAP = 2  # blanks between the label and the value
LABEL_MOST = 30  # the label column's widest: on a wide terminal the rare longer label wraps, values stay near
INDENT = 2  # how far a stacked value is indented under its label
NBSP = "\u00a0"  # joins what must not be split; printed as a plain space


def keep_together(text: str) -> str:
    """`1.28 sq mi` with no-break spaces, so wrapping never separates a figure from its unit."""
    return _glue(unit_symbols()).sub(NBSP, text)


@lru_cache(maxsize=2)
def _glue(symbols: tuple[str, ...]) -> re.Pattern[str]:
    """The spaces to hold, from the unit table's symbols: between a figure and the symbol after it ("10 km",
    "820 acres"), and inside a symbol of two words ("3,060/sq mi"); a symbol counts only as a whole word."""
    whole = r"(?!\w)"
    after_figure = rf"(?<=[\d.,]) (?=(?:{'|'.join(map(re.escape, symbols))}){whole})"
    inside = [
        rf"(?<={_starts_word(left)}{re.escape(left)}) (?={re.escape(right)}{whole})"
        for symbol in symbols
        for left, right in pairwise(symbol.split(" "))
    ]
    return re.compile("|".join([after_figure, *inside]))


def _starts_word(text: str) -> str:
    """A word boundary before `text` when it begins with a letter: "sq" but not "/sq" (which a slash begins)."""
    return r"\b" if text[:1].isalnum() else ""


@dataclass
class Cell:
    """Text in one or more paragraphs; each span is (text, style), and a newline in a span starts a paragraph."""

    spans: list[tuple[str, str]] = field(default_factory=list)

    def add(self, text: str, style: str = "") -> Cell:
        self.spans.append((text, style))
        return self

    @property
    def width(self) -> int:
        """The length of the longest paragraph on one line."""
        longest = current = 0
        for text, _ in self.spans:
            parts = text.split("\n")
            current += len(parts[0])
            for part in parts[1:]:
                longest, current = max(longest, current), len(part)
        return max(longest, current)


Line = list[tuple[str, str]]  # (text, style) fragments of one fitted line


def wrap(cell: Cell, width: int) -> list[Line]:
    """The cell as lines of at most `width` characters, broken at spaces only (a longer word is folded)."""
    width = max(width, 1)
    if len(cell.spans) == 1:  # the common cell: one span that fits, no paragraphs, nothing to break
        text, style = cell.spans[0]
        if len(text) <= width and "\n" not in text and "  " not in text and text == text.strip():
            return [[(text.replace(NBSP, " "), style)]]
    lines: list[Line] = []
    for paragraph in _paragraphs(cell):
        line: Line = []
        used = 0
        for word in _words(paragraph):
            size = sum(len(text) for text, _ in word)
            if used and used + 1 + size > width:
                lines.append(line)
                line, used = [], 0
            if used:
                line.append((" ", ""))
                used += 1
            for text, style in word:
                while len(text) > width - used:  # only a word longer than the whole width is cut
                    cut = max(width - used, 0)
                    line.append((text[:cut].replace(NBSP, " "), style))
                    lines.append(line)
                    line, used, text = [], 0, text[cut:]
                line.append((text.replace(NBSP, " "), style))
                used += len(text)
        lines.append(line)
    return lines


def _paragraphs(cell: Cell) -> Iterator[list[tuple[str, str]]]:
    paragraph: list[tuple[str, str]] = []
    for text, style in cell.spans:
        parts = text.split("\n")
        paragraph.append((parts[0], style))
        for part in parts[1:]:
            yield paragraph
            paragraph = [(part, style)]
    yield paragraph


def _words(paragraph: list[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    """Words split at spaces, each a list of (text, style): a word may change style (`mi),` + ` 2024`)."""
    word: list[tuple[str, str]] = []
    for text, style in paragraph:
        pieces = text.split(" ")
        for index, piece in enumerate(pieces):
            if index > 0 and word:
                yield word
                word = []
            if piece:
                word.append((piece, style))
    if word:
        yield word


def _size(line: Line) -> int:
    return sum(len(text) for text, _ in line)


def _segments(console: Console, lines: Iterable[Line]) -> Iterator[Segment]:
    """Fitted lines straight to segments, the cheapest thing Rich prints (no second wrapping)."""
    styles: dict[str, Style] = {}
    newline = Segment.line()
    for line in lines:
        for text, name in merged(line):
            style = styles.get(name)
            if style is None:
                style = styles[name] = console.get_style(name) if name else Style()
            yield Segment(text, style)
        yield newline


@dataclass
class Paragraph:
    """A cell wrapped at spaces to the console's width, with no trailing blanks."""

    cell: Cell

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from _segments(console, wrap(self.cell, options.max_width))


@dataclass
class Rows:
    """A list of (label, value) rows, laid out for whatever width the console has when it is printed."""

    rows: list[tuple[Cell, Cell]]
    title: Cell | None = None
    label_style: str = "bold"
    label_cap: float = 0.34  # the label column takes at most this share of the width
    label_floor: int = 12
    longest: int | None = None  # the longest label of a whole sheet, so its sections line up

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines: Iterable[Line] = self.lines(width)
        if self.title is not None:
            lines = chain(wrap(self.title, width), lines)
        yield from _segments(console, lines)

    def lines(self, width: int) -> Iterator[Line]:
        if width < STACK_BELOW:
            yield from self._stacked(width)
            return
        longest = self.longest or max((label.width for label, _ in self.rows), default=0)
        column = min(longest, max(self.label_floor, int(width * self.label_cap)), LABEL_MOST)
        for label, value in self.rows:
            if label.width > column and " " not in _plain(label):
                # One long word (a key) does not fit the column: it gets a line of its own.
                yield from _styled(wrap(label, width), self.label_style)
                yield from _indented(wrap(value, width - column - GAP), column + GAP)
                continue
            left = _styled(wrap(label, column), self.label_style)
            right = wrap(value, width - column - GAP)
            for index in range(max(len(left), len(right))):
                line: Line = list(left[index]) if index < len(left) else []
                if index < len(right) and right[index]:
                    line.append((" " * (column + GAP - _size(line)), ""))
                    line.extend(right[index])
                yield line

    def _stacked(self, width: int) -> Iterator[Line]:
        for label, value in self.rows:
            if 0 < label.width < INDENT:  # a mark (✓) fits in the indent: its value starts beside it
                mark, *_ = _styled(wrap(label, INDENT), self.label_style)
                first, *rest = wrap(value, width - INDENT) or [[]]
                yield [*mark, (" " * (INDENT - label.width), ""), *first]
                yield from _indented(rest, INDENT)
                continue
            yield from _styled(wrap(label, width), self.label_style)
            yield from _indented(wrap(value, width - INDENT), INDENT)


def merged(line: Line) -> Line:
    """Neighbouring fragments of one style as one: fewer segments, and words stay whole in an SVG's text."""
    merged: Line = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def _plain(cell: Cell) -> str:
    return "".join(text for text, _ in cell.spans)


def _styled(lines: list[Line], style: str) -> list[Line]:
    """Lines with `style` under their own (a label's bold under a mark's green)."""
    if not style:
        return lines
    return [[(text, f"{style} {own}" if own else style) for text, own in line] for line in lines]


def _indented(lines: Iterable[Line], by: int) -> Iterator[Line]:
    for line in lines:
        yield [(" " * by, ""), *line] if line else line
