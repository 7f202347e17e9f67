"""Where a place is: a map of its region, its country or Europe, in Unicode Braille, GeoJSON and SVG. Pure.

The outlines are Natural Earth's 1:110m countries (public domain), extracted by tools/extract_outlines.py into
data/outlines.geojson; the towns and villages are GeoNames' (CC BY 4.0), extracted by tools/extract_places.py
into data/places.json. Both ship in the wheel: nothing is downloaded. The map is an equirectangular projection
scaled by the cosine of the middle latitude, so distances east-west are true along the map's middle; Braille
cells give 2 x 4 dots each, so a terminal cell of 1:2 makes the dots square.

Labels are laid out once, the same way for the terminal and the SVG: each tries candidate positions around
its point, and is kept only where its box crosses no border or coast, covers no other label or marker and
lies on the same side of every line as its point. The town comes first, then the country names, then the
places by population; a place whose label fits nowhere is dropped with its marker.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass

from roros_cli.datafile import shipped
from roros_cli.model import Place

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, Final

    from roros_cli.places import Locality, Places

Point = tuple[float, float]  # (longitude, latitude), as GeoJSON orders them
Ring = list[Point]
Line = list[tuple[str, str]]  # (text, style) fragments of one line
Box = tuple[float, float, float, float]  # left, top, right, bottom on the canvas

ZOOMS: Final = ("region", "country", "europe")
_NOWHERE: Final = (0.0, 0.0, 0.0, 0.0)  # the box of a town whose name fits nowhere: its marker is still drawn
EARTH_KM: Final = 6371.0088  # the mean radius (IUGG), as great-circle distances use it
_KM_PER_DEGREE: Final = 2 * math.pi * EARTH_KM / 360
_REGION_KM: Final = (320.0, 180.0)  # half the width and half the height of the region: 640 x 360 km, 16:9
_EUROPE: Final = (-25.0, 34.0, 45.0, 72.5)  # west, south, east, north
_MARGIN: Final = 0.06  # of the frame, around the country
_NEIGHBOUR_KM: Final = 15.0
_SMALLEST: Final = {"region": 0, "country": 15_000, "europe": 400_000}  # people, for a place to be tried
_BRAILLE: Final = 0x2800
_DOT: Final = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] within a cell
_KEY_FACTS: Final = ("country", "county", "elevation", "area", "population", "unesco.name")
_COMPASS: Final = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
OUTLINES_CREDIT: Final = "Outlines: Natural Earth (public domain)"
PLACES_CREDIT: Final = "Places: GeoNames (CC BY 4.0)"


class MapError(ValueError):
    """The place cannot be mapped: no coordinates, or outside the bundled outlines."""


@dataclass(frozen=True)
class Country:
    name: str
    main: bool  # the country the outlines were cut around (Norway)
    polygons: tuple[tuple[Ring, ...], ...]  # each: exterior ring, then holes


@dataclass(frozen=True)
class Outlines:
    countries: tuple[Country, ...]
    source: str
    license: str
    frame: tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Label:
    """A name on the map: its text, the box it takes on the canvas, and the point it names (if any)."""

    text: str
    kind: str  # "town", "place" or "country"
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


# ---------------------------------------------------------------------------------------------- data


def outlines_path() -> str | None:
    """data/outlines.geojson beside the package (installed) or in the source tree (editable)."""
    return shipped("outlines.geojson")


def load_outlines() -> Outlines:
    path = outlines_path()
    if path is not None:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
    else:  # a zip install
        from importlib.resources import files

        raw = json.loads(files("roros_cli").joinpath("data/outlines.geojson").read_text(encoding="utf-8"))
    countries = tuple(
        Country(
            str(feature["properties"]["name"]),
            feature["properties"]["role"] == "main",
            tuple(
                tuple([(float(x), float(y)) for x, y in ring] for ring in polygon)
                for polygon in feature["geometry"]["coordinates"]
            ),
        )
        for feature in raw["features"]
    )
    west, south, east, north = raw["bbox"]
    return Outlines(countries, str(raw["source"]), str(raw["license"]), (west, south, east, north))


def coordinates(place: Place) -> Point:
    """The place's (longitude, latitude) from its data file."""
    latitude, longitude = place.facts.get("coordinates.latitude"), place.facts.get("coordinates.longitude")
    if latitude is None or longitude is None or not latitude.is_number or not longitude.is_number:
        raise MapError(
            f"the data file has no numeric coordinates.latitude and coordinates.longitude, so {place.name} "
            "cannot be put on a map"
        )
    return float(longitude.value), float(latitude.value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- the globe


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine) between two (longitude, latitude) points."""
    (lon1, lat1), (lon2, lat2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing(a: Point, b: Point) -> float:
    """The initial great-circle bearing from a to b, degrees clockwise from true north."""
    (lon1, lat1), (lon2, lat2) = (tuple(map(math.radians, p)) for p in (a, b))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x)) % 360


def compass(degrees_: float) -> str:
    """One of the 16 points of the compass: N, NNE, NE, ..."""
    return _COMPASS[round(degrees_ / 22.5) % 16]


def degrees(point: Point) -> str:
    """`62.57°N, 11.38°E`."""
    longitude, latitude = point
    return f"{abs(latitude):.2f}°{'N' if latitude >= 0 else 'S'}, {abs(longitude):.2f}°{'E' if longitude >= 0 else 'W'}"


# ---------------------------------------------------------------------------------------------- geometry


def inside(point: Point, polygon: tuple[Ring, ...]) -> bool:
    """Whether the point is in the polygon (its exterior, not its holes): ray casting."""
    return _in_ring(point, polygon[0]) and not any(_in_ring(point, hole) for hole in polygon[1:])


def _in_ring(point: Point, ring: Ring) -> bool:
    x, y = point
    found = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def country_at(outlines: Outlines, point: Point) -> Country | None:
    return next((c for c in outlines.countries if any(inside(point, polygon) for polygon in c.polygons)), None)


class _Faces:
    """Which country a point is in, fast: each polygon's bounding box first (labels ask thousands of times)."""

    def __init__(self, outlines: Outlines) -> None:
        self.polygons = [
            (country.name, polygon, _extent(polygon[0]))
            for country in outlines.countries
            for polygon in country.polygons
        ]

    def at(self, point: Point) -> str | None:
        x, y = point
        for name, polygon, (west, south, east, north) in self.polygons:
            if west <= x <= east and south <= y <= north and inside(point, polygon):
                return name
        return None

    def home(self, point: Point) -> str | None:
        """The country a place belongs to: where it is, or for a harbour the coarse coast leaves in the sea,
        the nearest land within about 50 km."""
        found = self.at(point)
        step = 0.05
        for ring in range(1, 11) if found is None else ():
            for angle in range(0, 360, 30):
                x = point[0] + ring * step * math.cos(math.radians(angle)) / math.cos(math.radians(point[1]))
                found = self.at((x, point[1] + ring * step * math.sin(math.radians(angle))))
                if found is not None:
                    return found
        return found


def _extent(ring: Ring) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def frame_for(
    outlines: Outlines, point: Point, name: str, zoom: str = "region"
) -> tuple[Country, tuple[float, float, float, float]]:
    """The country the place is in, and the frame (west, south, east, north) the zoom shows around it."""
    country = country_at(outlines, point)
    west, south, east, north = outlines.frame
    if country is None or (zoom == "europe" and not _contains(_EUROPE, point)):
        raise MapError(
            f"{name} ({degrees(point)}) is outside the bundled outlines: Norway and its neighbours, "
            f"{south:g} to {north:g}°N and {west:g} to {east:g}°E"
        )
    if zoom == "europe":
        return country, _EUROPE
    if zoom == "region":
        longitude, latitude = point
        half_height = _REGION_KM[1] / _KM_PER_DEGREE
        half_width = _REGION_KM[0] / (_KM_PER_DEGREE * math.cos(math.radians(latitude)))
        return country, (longitude - half_width, latitude - half_height, longitude + half_width, latitude + half_height)
    xs = [x for polygon in country.polygons for x, _ in polygon[0]]
    ys = [y for polygon in country.polygons for _, y in polygon[0]]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    return country, (
        min(xs) - width * _MARGIN,
        min(ys) - height * _MARGIN,
        max(xs) + width * _MARGIN,
        max(ys) + height * _MARGIN,
    )


def _contains(frame: tuple[float, float, float, float], point: Point) -> bool:
    west, south, east, north = frame
    return west <= point[0] <= east and south <= point[1] <= north


@dataclass(frozen=True)
class Projection:
    """Equirectangular, x scaled by cos(middle latitude): longitude and latitude to a canvas of width x height."""

    frame: tuple[float, float, float, float]
    width: int
    height: int

    @property
    def shrink(self) -> float:
        return math.cos(math.radians((self.frame[1] + self.frame[3]) / 2))

    @property
    def aspect(self) -> float:
        """Width over height of the frame on the ground."""
        west, south, east, north = self.frame
        return (east - west) * self.shrink / (north - south)

    def __call__(self, point: Point) -> tuple[float, float]:
        west, south, east, north = self.frame
        x = (point[0] - west) / (east - west) * (self.width - 1)
        y = (north - point[1]) / (north - south) * (self.height - 1)
        return x, y

    def back(self, x: float, y: float) -> Point:
        """The (longitude, latitude) at a point of the canvas."""
        west, south, east, north = self.frame
        return west + x / (self.width - 1) * (east - west), north - y / (self.height - 1) * (north - south)

    def km_per_unit(self) -> float:
        """Kilometres per canvas unit east-west, true along the middle latitude of the frame."""
        west, _, east, _ = self.frame
        return (east - west) * _KM_PER_DEGREE * self.shrink / max(self.width - 1, 1)


def canvas_size(frame: tuple[float, float, float, float], columns: int, rows: int) -> tuple[int, int]:
    """Cells (columns, rows) that fit the frame's shape into at most columns x rows of a terminal."""
    aspect = Projection(frame, 1, 1).aspect
    cols = max(columns, 10)
    lines = math.ceil(cols * 2 / aspect / 4)
    if lines > rows:
        lines = max(rows, 5)
        cols = max(10, min(columns, round(lines * 4 * aspect / 2)))
    return cols, lines


def scale_km(km_per_unit: float, longest: float) -> tuple[int, float]:
    """A round distance and its length in canvas units, as long as it can be up to `longest` units."""
    for km in (1000, 500, 250, 200, 100, 50, 20, 10, 5):
        if km / km_per_unit <= longest:
            return km, km / km_per_unit
    return 0, 0.0


# ---------------------------------------------------------------------------------------------- labels


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

    def __init__(self, outlines: Outlines, project: Projection, faces: _Faces) -> None:
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
class _Style:
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
    style: _Style,
    furniture: list[Box] | None = None,
    taken_cells: Callable[[Box], bool] | None = None,
) -> list[Label]:
    """Every label that fits, in the order the map tries them: the town, the country names, the places."""
    faces = _Faces(outlines)
    board = _Board(outlines, project, faces)
    board.taken.extend(furniture or [])
    fits = board.fits if taken_cells is None else (lambda box, face: not taken_cells(box) and board.fits(box, face))
    name, point = town
    here = project(point)
    labels: list[Label] = []
    board.taken.append(style.marker(here))
    # The town's next-door neighbours keep their markers' room while the town's own name finds a place.
    near = [p for p in places if distance_km(point, (p.longitude, p.latitude)) <= _NEIGHBOUR_KM]
    reserved = [style.marker(project((p.longitude, p.latitude))) for p in near]
    board.taken.extend(reserved)
    width, height = style.measure(name, "town")
    spot = next((box for box in _boxes(style, here, width, height, far=True) if fits(box, faces.home(point))), None)
    if spot is not None:
        board.taken.append(spot)
    labels.append(Label(name, "town", spot or _NOWHERE, here))
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


def _boxes(style: _Style, at: tuple[float, float], width: float, height: float, far: bool = False) -> list[Box]:
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
    faces: _Faces,
    board: _Board,
    style: _Style,
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


def places_for(
    bundled: Places, outlines: Outlines, point: Point, zoom: str, frame: tuple[float, float, float, float]
) -> list[Locality]:
    """The bundled places in the frame that the zoom tries to show, most populous first, the town left out."""
    chosen = [
        place
        for place in bundled.places
        if place.population >= _SMALLEST[zoom]
        and _contains(frame, (place.longitude, place.latitude))
        and distance_km(point, (place.longitude, place.latitude)) > 3  # GeoNames' own point for the town
    ]
    # The town's next-door neighbours first (Os beside Røros), then the rest by population: bigger wins.
    return sorted(chosen, key=lambda p: (distance_km(point, (p.longitude, p.latitude)) > _NEIGHBOUR_KM, -p.population))


def shown(labels: list[Label], point: Point) -> list[Shown]:
    """The places the map names, nearest first, with distance and bearing from the town."""
    result = []
    for label in labels:
        if label.place is not None:
            there = (label.place.longitude, label.place.latitude)
            heading = bearing(point, there)
            result.append(Shown(label.place, distance_km(point, there), heading, compass(heading)))
    return sorted(result, key=lambda item: item.distance_km)


# ---------------------------------------------------------------------------------------------- braille


def _cells(text: str) -> int:
    """Terminal columns the text takes: East Asian wide and full-width characters take two."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def _terminal_style() -> _Style:
    """Boxes in Braille dots (a cell is 2 x 4), each name padded by a blank cell on both sides, so two names
    never touch and a name never touches its marker."""

    def measure(text: str, kind: str) -> tuple[float, float]:
        return (_cells(text) + 2) * 2.0, 4.0

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

    return _Style(measure, candidates, marker, spacing=4.0, step=(2.0, 4.0))


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
    safe = [_renamed(place, place.name) for place in places]
    labels = layout(outlines, project, (label, point), safe, _terminal_style(), None, dotted)
    canvas = [
        [(chr(_BRAILLE + bits[r][c]) if bits[r][c] else " ", owner[r][c]) for c in range(cols)] for r in range(lines)
    ]
    here = project(point)
    for placed in labels:
        if placed.box != _NOWHERE:
            _write(canvas, placed, {"town": "bold", "place": "", "country": "dim italic"}[placed.kind])
    for placed in labels:
        if placed.kind == "place" and placed.at is not None:
            _put(canvas, placed.at, "o" if plain_marker else "•", "")
    _put(canvas, here, "*" if plain_marker else "●", "bold red")
    return TerminalMap([_joined(line) for line in canvas], labels, cols, lines, project, bits)


def _renamed(place: Locality, name: str) -> Locality:
    from dataclasses import replace

    return place if name == place.name else replace(place, name=name)


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


def braille(
    outlines: Outlines,
    point: Point,
    label: str,
    columns: int,
    rows: int,
    plain_marker: bool = False,
    zoom: str = "region",
    bundled: Places | None = None,
) -> list[Line]:
    """The terminal map's lines (see `terminal_map`)."""
    return terminal_map(outlines, point, label, columns, rows, plain_marker, zoom, bundled).lines


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


# ---------------------------------------------------------------------------------------------- GeoJSON


def geojson(place: Place, outlines: Outlines, zoom: str = "region", bundled: Places | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: the town as a Point with its key facts, the places the map shows, then
    the outlines of the countries in the zoom's frame, with a `bbox` around all of it."""
    from roros_cli.query import display_value

    point = coordinates(place)
    _, frame = frame_for(outlines, point, place.name, zoom)  # refuses a place outside the outlines
    properties: dict[str, Any] = {"name": place.name, "role": "town"}
    for key in _KEY_FACTS:
        fact = place.facts.get(key)
        if fact is not None:
            properties[key] = display_value(fact)
    town = {"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": list(point)}}
    features: list[dict[str, Any]] = [town]
    if bundled is not None:
        for item in shown(svg_labels(place, outlines, zoom, bundled)[1], point):
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "name": item.place.name,
                        "role": "place",
                        "country": item.place.country,
                        "population": item.place.population,
                        "distance_km": round(item.distance_km, 1),
                        "bearing": round(item.bearing),
                        "compass": item.compass,
                    },
                    "geometry": {"type": "Point", "coordinates": [item.place.longitude, item.place.latitude]},
                }
            )
    countries = [c for c in outlines.countries if _meets(frame, c)]
    features += [
        {
            "type": "Feature",
            "properties": {"name": country.name, "role": "main" if country.main else "neighbour"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[list(p) for p in ring] for ring in polygon] for polygon in country.polygons],
            },
        }
        for country in countries
    ]
    points = [point] + [tuple(f["geometry"]["coordinates"]) for f in features[1:] if f["geometry"]["type"] == "Point"]
    points += [p for country in countries for polygon in country.polygons for p in polygon[0]]
    west, south, east, north = _extent(points)
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "bbox": [west, south, east, north],
        "zoom": zoom,
        "frame": [round(value, 5) for value in frame],
        "source": outlines.source,
        "license": outlines.license,
    }
    if bundled is not None:
        collection["places_source"] = bundled.source
        collection["places_license"] = bundled.license
    collection["features"] = features
    return collection


def _meets(frame: tuple[float, float, float, float], country: Country) -> bool:
    west, south, east, north = frame
    for polygon in country.polygons:
        left, bottom, right, top = _extent(polygon[0])
        if left <= east and right >= west and bottom <= north and top >= south:
            return True
    return False


# ---------------------------------------------------------------------------------------------- SVG

_FONTS: Final = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
_SIZES: Final = {"town": 30.0, "place": 19.0, "country": 22.0}
# Advance per character as a share of the font size, generous for DejaVu Sans (the widest of the fonts
# named): the browser test measures the real boxes, so an estimate too small fails a test, not a map.
_ADVANCE: Final = {"town": 0.72, "place": 0.64, "country": 0.86}
_SEA: Final = "#b9d7ea"


def _svg_size(frame: tuple[float, float, float, float]) -> tuple[int, int]:
    """The canvas: 1600 x 900 for a 16:9 frame; a taller frame keeps the height, a wider one the width."""
    aspect = Projection(frame, 1, 1).aspect
    return (1600, round(1600 / aspect)) if aspect >= 16 / 9 else (round(900 * aspect), 900)


def _svg_style() -> _Style:
    def measure(text: str, kind: str) -> tuple[float, float]:
        size = _SIZES[kind]
        return _cells(text) * size * _ADVANCE[kind] + (6 if kind == "country" else 0), size * 1.25

    def candidates(at: tuple[float, float], width: float, height: float) -> list[tuple[float, float]]:
        x, y = at
        gap, slant = 9.0, 6.0
        return [
            (x + gap, y - height / 2),
            (x - gap - width, y - height / 2),
            (x + slant, y - slant - height),
            (x + slant, y + slant),
            (x - slant - width, y - slant - height),
            (x - slant - width, y + slant),
            (x - width / 2, y - gap - height),
            (x - width / 2, y + gap),
        ]

    def marker(at: tuple[float, float]) -> Box:
        return at[0] - 5, at[1] - 5, at[0] + 5, at[1] + 5

    return _Style(measure, candidates, marker, spacing=30.0, step=(14.0, 14.0))


def _svg_furniture(width: int, height: int) -> dict[str, Box]:
    """Where the north arrow, the scale bar and the credits go: corners kept clear of labels."""
    return {
        "north": (width - 70.0, 10.0, width - 10.0, 100.0),
        "scale": (10.0, height - 84.0, 300.0, height - 40.0),
        "credit": (10.0, height - 36.0, min(width - 10.0, 620.0), height - 6.0),
    }


def svg_labels(place: Place, outlines: Outlines, zoom: str, bundled: Places | None) -> tuple[Projection, list[Label]]:
    """The SVG's projection and the labels laid out on it."""
    point = coordinates(place)
    _, frame = frame_for(outlines, point, place.name, zoom)
    width, height = _svg_size(frame)
    project = Projection(frame, width, height)
    places = places_for(bundled, outlines, point, zoom, frame) if bundled is not None else []
    safe = [_renamed(p, p.name) for p in places]
    furniture = list(_svg_furniture(width, height).values())
    return project, layout(outlines, project, (place.name, point), safe, _svg_style(), furniture)


def svg(place: Place, outlines: Outlines, zoom: str = "region", bundled: Places | None = None) -> str:
    """The map as vector graphics, self-contained (no fonts, images or styles from elsewhere), sized by its
    viewBox only, so it fills whatever holds it: a screen, a slide, a page."""
    from xml.sax.saxutils import escape

    point = coordinates(place)
    country, frame = frame_for(outlines, point, place.name, zoom)
    project, labels = svg_labels(place, outlines, zoom, bundled)
    width, height = project.width, project.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="{_FONTS}" '
        f'role="img" aria-labelledby="title">',
        f'<title id="title">Where {escape(place.name)} is</title>',
        f'<rect width="{width}" height="{height}" fill="{_SEA}"><title>Sea</title></rect>',
        # A nested viewport clips the outlines to the map's frame (a browser shows a root SVG's overflow).
        f'<svg width="{width}" height="{height}" overflow="hidden">',
    ]
    for other in sorted(outlines.countries, key=lambda c: c is country):
        if not _meets(frame, other):
            continue
        fill, stroke = ("#f3f0d8", "#7a5c1e") if other is country else ("#dedbd2", "#8c8c8c")
        data = " ".join(
            "M " + " L ".join(f"{x:.1f},{y:.1f}" for x, y in map(project, ring)) + " Z"
            for polygon in other.polygons
            for ring in polygon
        )
        parts.append(
            f'<path d="{data}" fill="{fill}" stroke="{stroke}" stroke-width="{2.5 if other is country else 1.5}" '
            f'stroke-linejoin="round" fill-rule="evenodd"><title>{escape(other.name)}</title></path>'
        )
    parts.append("</svg>")
    parts += _svg_labels(labels)
    parts += _svg_furniture_drawn(width, height, project, bundled is not None)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _svg_labels(labels: list[Label]) -> list[str]:
    from xml.sax.saxutils import escape

    parts = []
    halo = 'stroke="white" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
    for label in labels:
        if label.at is not None and label.kind == "place":
            parts.append(
                f'<circle class="place" cx="{label.at[0]:.1f}" cy="{label.at[1]:.1f}" r="4" fill="#222" '
                'stroke="white"/>'
            )
    for label in labels:
        if label.box == _NOWHERE:
            continue
        left, _, right, bottom = label.box
        size = _SIZES[label.kind]
        if label.kind == "town" and label.at is not None:
            parts.append(_leader(label.at, label.box))
        # The baseline sits a fifth of the line height above the box's bottom, so descenders stay inside.
        base = bottom - size * 0.25 - 1
        if label.kind == "country":
            parts.append(
                f'<text class="label country" x="{(left + right) / 2:.1f}" y="{base:.1f}" font-size="{size:g}" '
                f'text-anchor="middle" letter-spacing="2" fill="#6b6b6b">{escape(label.text)}</text>'
            )
        else:
            weight = ' font-weight="bold"' if label.kind == "town" else ""
            parts.append(
                f'<text class="label {label.kind}" x="{left:.1f}" y="{base:.1f}" font-size="{size:g}"{weight} '
                f'fill="#1b1b1b" {halo}>{escape(label.text)}</text>'
            )
    town = next((label for label in labels if label.kind == "town"), None)
    if town is not None and town.at is not None:
        parts.append(
            f'<circle class="town" cx="{town.at[0]:.1f}" cy="{town.at[1]:.1f}" r="9" fill="#c62828" '
            'stroke="white" stroke-width="3"/>'
        )
    return parts


def _leader(at: tuple[float, float], box: Box) -> str:
    """A thin line from the town's marker to its name when the name had to stand off; nothing when it is close."""
    x = min(max(at[0], box[0]), box[2])
    y = min(max(at[1], box[1]), box[3])
    if math.dist(at, (x, y)) < 20:
        return ""
    return f'<path class="leader" d="M {at[0]:.1f},{at[1]:.1f} L {x:.1f},{y:.1f}" stroke="#c62828" stroke-width="1.5"/>'


def _svg_furniture_drawn(width: int, height: int, project: Projection, with_places: bool) -> list[str]:
    places = f" · {PLACES_CREDIT}" if with_places else ""
    spot = _svg_furniture(width, height)
    nx, ny = (spot["north"][0] + spot["north"][2]) / 2, spot["north"][1]
    km, length = scale_km(project.km_per_unit(), 260)
    sx, sy = spot["scale"][0] + 12, spot["scale"][3] - 12
    box = 'fill="white" fill-opacity="0.85" rx="6"'
    return [
        f'<g id="north-arrow"><rect x="{spot["north"][0]}" y="{spot["north"][1]}" width="60" height="90" {box}/>'
        f'<path d="M {nx:.1f},{ny + 12:.1f} L {nx + 14:.1f},{ny + 52:.1f} L {nx:.1f},{ny + 44:.1f} '
        f'L {nx - 14:.1f},{ny + 52:.1f} Z" fill="#1b1b1b"/>'
        f'<text x="{nx:.1f}" y="{ny + 80:.1f}" font-size="22" font-weight="bold" text-anchor="middle">N</text></g>',
        f'<g id="scale-bar" data-km="{km}" data-length="{length:.2f}">'
        f'<rect x="{spot["scale"][0]}" y="{spot["scale"][1]}" width="{length + 90:.1f}" height="44" {box}/>'
        f'<path d="M {sx:.1f},{sy - 8:.1f} V {sy:.1f} H {sx + length:.2f} V {sy - 8:.1f}" fill="none" '
        f'stroke="#1b1b1b" stroke-width="3"/>'
        f'<text x="{sx + length + 8:.1f}" y="{sy:.1f}" font-size="18">{km} km</text></g>',
        f'<g id="credit"><rect x="{spot["credit"][0]}" y="{spot["credit"][1]}" '
        f'width="{spot["credit"][2] - spot["credit"][0]:.0f}" height="30" {box}/>'
        f'<text x="{spot["credit"][0] + 8}" y="{spot["credit"][3] - 10}" font-size="15" fill="#333">'
        f"{OUTLINES_CREDIT}{places}</text></g>",
    ]
