"""The terminal map of `roros map`: the outlines in Unicode Braille, the town and places named. Pure.

Braille cells give 2 x 4 dots each, so a terminal cell of 1:2 makes the dots square.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from roros_cli.maplabels import Label, Style, cells, layout, renamed
from roros_cli.maps import NOWHERE, Box, Line, Outlines, Point, Projection, Ring, canvas_size, frame_for, places_for

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

    from roros_cli.places import Places

_BRAILLE: Final = 0x2800
_DOT: Final = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] within a cell


def _terminal_style() -> Style:
    """Boxes in Braille dots (a cell is 2 x 4), each name padded by a blank cell on both sides, so two names
    never touch and a name never touches its marker."""

    def measure(text: str, kind: str) -> tuple[float, float]:
        return (cells(text) + 2) * 2.0, 4.0

    def candidates(at: tuple[float, float], width: float, height: float) -> list[tuple[float, float]]:
        column, row = int(at[0] // 2), int(at[1] // 4)
        n = int(width // 2) - 2  # the name's own cells
        starts = [(column + 2, row), (column - 1 - n, row)]  # beside the marker, a blank cell between
        for other in (row - 1, row + 1):
            starts += [(column, other), (column - n + 1, other), (column + 1, other), (column - n, other)]
        return [((start - 1) * 2.0, other * 4.0) for start, other in starts]

    def marker(at: tuple[float, float]) -> Box:
        column, row = int(at[0] // 2), int(at[1] // 4)
        return column * 2.0, row * 4.0, column * 2.0 + 2, row * 4.0 + 4

    return Style(measure, candidates, marker, spacing=4.0, step=(2.0, 4.0))


@dataclass(frozen=True)
class TerminalMap:
    lines: list[Line]
    labels: list[Label]  # boxes in Braille dots, padded by one cell left and right
    columns: int
    rows: int
    projection: Projection
    bits: list[list[int]]  # the outlines' dots in each cell, before markers and names


def terminal_map(
    outlines: Outlines,
    point: Point,
    label: str,
    columns: int,
    rows: int,
    plain_marker: bool = False,
    zoom: str = "region",
    bundled: Places | None = None,
) -> TerminalMap:
    """The map as lines of Braille dots, the place's country in its own style, the town and places named."""
    country, frame = frame_for(outlines, point, label, zoom)
    cols, lines = canvas_size(frame, columns, rows)
    project = Projection(frame, cols * 2, lines * 4)
    bits = [[0] * cols for _ in range(lines)]
    owner = [[""] * cols for _ in range(lines)]
    for other in sorted(outlines.countries, key=lambda c: c is country):  # the place's country drawn last
        style = "bold cyan" if other is country else "dim"
        for polygon in other.polygons:
            for ring in polygon:
                _trace(ring, project, bits, owner, style)

    def dotted(box: Box) -> bool:  # rounding puts a line's dots a little off its exact course
        return any(
            bits[r][c]
            for r in range(max(int(box[1] // 4), 0), min(math.ceil(box[3] / 4), lines))
            for c in range(max(int(box[0] // 2), 0), min(math.ceil(box[2] / 2), cols))
        )

    places = places_for(bundled, outlines, point, zoom, frame) if bundled is not None else []
    safe = [renamed(place, place.name) for place in places]
    labels = layout(outlines, project, (label, point), safe, _terminal_style(), None, dotted)
    canvas = [
        [(chr(_BRAILLE + bits[r][c]) if bits[r][c] else " ", owner[r][c]) for c in range(cols)] for r in range(lines)
    ]
    here = project(point)
    for placed in labels:
        if placed.box != NOWHERE:
            _write(canvas, placed, {"town": "bold", "place": "", "country": "dim italic"}[placed.kind])
    for placed in labels:
        if placed.kind == "place" and placed.at is not None:
            _put(canvas, placed.at, "o" if plain_marker else "•", "")
    _put(canvas, here, "*" if plain_marker else "●", "bold red")
    return TerminalMap([_joined(line) for line in canvas], labels, cols, lines, project, bits)


def _put(canvas: list[list[tuple[str, str]]], at: tuple[float, float], char: str, style: str) -> None:
    row, column = min(int(at[1] // 4), len(canvas) - 1), min(int(at[0] // 2), len(canvas[0]) - 1)
    canvas[row][column] = (char, style)


def _write(canvas: list[list[tuple[str, str]]], placed: Label, style: str) -> None:
    """The name in the cells of its box, between the box's one-cell pads."""
    from unicodedata import east_asian_width

    row, column = int(placed.box[1] // 4), int(placed.box[0] // 2) + 1
    for char in placed.text:
        canvas[row][column] = (char, style)
        column += 1
        if east_asian_width(char) in "WF":  # the next cell is the wide character's second half
            canvas[row][column] = ("", style)
            column += 1


def _trace(ring: Ring, project: Projection, bits: list[list[int]], owner: list[list[str]], style: str) -> None:
    width, height = len(bits[0]) * 2, len(bits) * 4
    for a, b in itertools.pairwise(ring):
        (x0, y0), (x1, y1) = project(a), project(b)
        if max(x0, x1) < -1 or min(x0, x1) > width or max(y0, y1) < -1 or min(y0, y1) > height:
            continue  # off the canvas: at a zoom, most of Europe's coast
        steps = max(int(max(abs(x1 - x0), abs(y1 - y0))), 1)
        for step in range(steps + 1):
            x = round(x0 + (x1 - x0) * step / steps)
            y = round(y0 + (y1 - y0) * step / steps)
            row, column = y // 4, x // 2
            if 0 <= row < len(bits) and 0 <= column < len(bits[0]):
                bits[row][column] |= _DOT[y % 4][x % 2]
                if owner[row][column] != "bold cyan":
                    owner[row][column] = style


def _joined(cells: list[tuple[str, str]]) -> Line:
    """A canvas row as few fragments as it takes, with no trailing blanks."""
    from roros_cli.layout import merged

    line = merged(cells)
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return line


def scale_bar(outlines: Outlines, point: Point, label: str, columns: int, rows: int, zoom: str = "region") -> str:
    """`├──────┤ 100 km`: a round distance, at most a quarter of the map's width, true at the map's middle."""
    _, frame = frame_for(outlines, point, label, zoom)
    cols, lines = canvas_size(frame, columns, rows)
    km_per_cell = Projection(frame, cols * 2, lines * 4).km_per_unit() * 2
    for km in (1000, 500, 250, 200, 100, 50, 20, 10, 5):
        cells = round(km / km_per_cell)
        if 3 <= cells <= max(cols // 4, 3):
            return f"├{'─' * (cells - 2)}┤ {km} km"
    return ""
