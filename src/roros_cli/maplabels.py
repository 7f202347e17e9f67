"""The names on a map, laid out once, the same way for the terminal and the SVG. Pure.

Each label tries candidate positions around its point, and is kept only where its box crosses no border or coast,
covers no other label or marker and lies on the same side of every line as its point. The town comes first, then
the country names, then the places by population; a place whose label fits nowhere is dropped with its marker.
A `Style` says how big things are on one canvas: the terminal's Braille dots or the SVG's pixels.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from roros_cli.maps import NEIGHBOUR_KM, NOWHERE, Box, Faces, Outlines, Point, Projection, bearing, compass, distance_km

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Final, Literal

    from roros_cli.places import Locality

    LabelKind = Literal["town", "place", "country"]  # what a label names; its size and style follow


@dataclass(frozen=True)
class Label:
    """A name on the map: its text, the box it takes on the canvas, and the point it names (if any)."""

    text: str
    kind: LabelKind
    box: Box
    at: tuple[float, float] | None  # the marker's canvas position; None for a country's name
    place: Locality | None = None


@dataclass(frozen=True)
class Shown:
    """A place on the map, with its great-circle distance and bearing from the town."""

    place: Locality
    distance_km: float
    bearing: float  # degrees clockwise from true north
    compass: str


def _segment_hits_box(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the segment a-b touches the box (Liang-Barsky clipping)."""
    left, top, right, bottom = box
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
    return True


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Board:
    """What is on the canvas already: the borders and coasts as segments (in buckets, for speed), and the
    boxes that labels, markers and the map's furniture have taken."""

    _BUCKET: Final = 24.0

    def __init__(self, outlines: Outlines, project: Projection, faces: Faces) -> None:
        self.project, self.faces = project, faces
        self.width, self.height = project.width, project.height
        self.taken: list[Box] = []
        self.buckets: dict[tuple[int, int], list[tuple[tuple[float, float], tuple[float, float]]]] = {}
        for country in outlines.countries:
            for polygon in country.polygons:
                for ring in polygon:
                    for a, b in itertools.pairwise(map(project, ring)):
                        self._add(a, b)

    def _add(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        if max(a[0], b[0]) < 0 or min(a[0], b[0]) > self.width or max(a[1], b[1]) < 0 or min(a[1], b[1]) > self.height:
            return
        for key in self._keys((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))):
            self.buckets.setdefault(key, []).append((a, b))

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        size = self._BUCKET
        left, top = max(int(box[0] // size), -1), max(int(box[1] // size), -1)
        right = min(int(box[2] // size), int(self.width // size) + 1)
        bottom = min(int(box[3] // size), int(self.height // size) + 1)
        for i in range(left, right + 1):
            for j in range(top, bottom + 1):
                yield i, j

    def crosses(self, box: Box) -> bool:
        left, top, right, bottom = box
        return any(
            max(a[0], b[0]) >= left
            and min(a[0], b[0]) <= right
            and max(a[1], b[1]) >= top
            and min(a[1], b[1]) <= bottom
            and _segment_hits_box(a, b, box)  # only for the few segments whose extent meets the box
            for key in self._keys(box)
            for a, b in self.buckets.get(key, ())
        )

    def free(self, box: Box) -> bool:
        """Inside the canvas and clear of everything taken (lines may pass: for a marker or the furniture)."""
        left, top, right, bottom = box
        inside_ = left >= 0 and top >= 0 and right <= self.width and bottom <= self.height
        return inside_ and not any(_overlap(box, other) for other in self.taken)

    def fits(self, box: Box, home: str | None) -> bool:
        """Free, crossing no line, and in the point's own country or the sea: never in a neighbour."""
        if not self.free(box) or self.crosses(box):
            return False
        centre = self.project.back((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        return self.faces.at(centre) in (home, None)


@dataclass(frozen=True)
class Style:
    """How big things are on one canvas: the terminal's (units are Braille dots) or the SVG's (pixels)."""

    measure: Callable[[str, str], tuple[float, float]]  # (text, kind) -> (width, height)
    candidates: Callable[[tuple[float, float], float, float], list[tuple[float, float]]]  # top-left corners
    marker: Callable[[tuple[float, float]], Box]  # the box a marker takes
    spacing: float  # markers closer than this (centre to centre) hide each other
    step: tuple[float, float]  # how far the town's name may move further off, each time, across and down


def layout(
    outlines: Outlines,
    project: Projection,
    town: tuple[str, Point],
    places: list[Locality],
    style: Style,
    furniture: list[Box] | None = None,
    taken_cells: Callable[[Box], bool] | None = None,
) -> list[Label]:
    """Every label that fits, in the order the map tries them: the town, the country names, the places."""
    faces = Faces(outlines)
    board = _Board(outlines, project, faces)
    board.taken.extend(furniture or [])
    fits = board.fits if taken_cells is None else (lambda box, face: not taken_cells(box) and board.fits(box, face))
    name, point = town
    here = project(point)
    labels: list[Label] = []
    board.taken.append(style.marker(here))
    # The town's next-door neighbours keep their markers' room while the town's own name finds a place.
    near = [p for p in places if distance_km(point, (p.longitude, p.latitude)) <= NEIGHBOUR_KM]
    reserved = [style.marker(project((p.longitude, p.latitude))) for p in near]
    board.taken.extend(reserved)
    width, height = style.measure(name, "town")
    spot = next((box for box in _boxes(style, here, width, height, far=True) if fits(box, faces.home(point))), None)
    if spot is not None:
        board.taken.append(spot)
    labels.append(Label(name, "town", spot or NOWHERE, here))
    for box in reserved:
        board.taken.remove(box)
    labels += _country_names(outlines, project, faces, board, style, fits)
    markers: list[tuple[float, float]] = []  # the places' (the town's own marker is a box taken above)
    for place in places:
        at = project((place.longitude, place.latitude))
        mark = style.marker(at)
        if not board.free(mark) or any(math.dist(at, other) < style.spacing for other in markers):
            continue
        board.taken.append(mark)
        width, height = style.measure(place.name, "place")
        face = faces.home((place.longitude, place.latitude))
        spot = next((box for box in _boxes(style, at, width, height) if fits(box, face)), None)
        if spot is None:
            board.taken.pop()  # the place is dropped, marker and all
            continue
        board.taken.append(spot)
        markers.append(at)
        labels.append(Label(place.name, "place", spot, at, place))
    return labels


def _boxes(style: Style, at: tuple[float, float], width: float, height: float, far: bool = False) -> list[Box]:
    corners = style.candidates(at, width, height)
    if far:  # the town's name may stand further off rather than not at all: each candidate moved away
        away = [
            (_sign(x + width / 2 - at[0]) * style.step[0], _sign(y + height / 2 - at[1]) * style.step[1])
            for x, y in corners
        ]
        corners += [
            (x + k * dx, y + k * dy) for k in range(1, 9) for (x, y), (dx, dy) in zip(corners, away, strict=True)
        ]
    return [(x, y, x + width, y + height) for x, y in corners]


def _sign(value: float) -> float:
    return 1.0 if value > 0.5 else -1.0 if value < -0.5 else 0.0


def _country_names(
    outlines: Outlines,
    project: Projection,
    faces: Faces,
    board: _Board,
    style: Style,
    fits: Callable[[Box, str | None], bool],
) -> list[Label]:
    """Each country's name in capitals, near the middle of the part of it the map shows."""
    grid: dict[str, list[tuple[float, float]]] = {}
    steps = 16
    for i, j in itertools.product(range(1, steps), range(1, steps)):
        at = (project.width * i / steps, project.height * j / steps)
        name = faces.at(project.back(*at))
        if name is not None:
            grid.setdefault(name, []).append(at)
    labels = []
    for name, spots in sorted(grid.items(), key=lambda item: -len(item[1])):
        if len(spots) < 3:
            break  # a corner of a country: its name would crowd it
        text = name.upper()
        width, height = style.measure(text, "country")
        middle = (sum(x for x, _ in spots) / len(spots), sum(y for _, y in spots) / len(spots))
        for x, y in sorted(spots, key=lambda spot: math.dist(spot, middle)):
            box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if fits(box, name):
                board.taken.append(box)
                labels.append(Label(text, "country", box, None))
                break
    return labels


def shown(labels: list[Label], point: Point) -> list[Shown]:
    """The places the map names, nearest first, with distance and bearing from the town."""
    result = []
    for label in labels:
        if label.place is not None:
            there = (label.place.longitude, label.place.latitude)
            heading = bearing(point, there)
            result.append(Shown(label.place, distance_km(point, there), heading, compass(heading)))
    return sorted(result, key=lambda item: item.distance_km)


def renamed(place: Locality, name: str) -> Locality:
    from dataclasses import replace

    return place if name == place.name else replace(place, name=name)


def cells(text: str) -> int:
    """Terminal columns the text takes: East Asian wide and full-width characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)
