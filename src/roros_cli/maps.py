"""Where a place is: country outlines, a locator map in Unicode Braille, GeoJSON and SVG. Pure: no printing.

The outlines are Natural Earth's 1:110m countries (public domain), Norway and its neighbours, extracted by
tools/extract_outlines.py into data/outlines.geojson and shipped in the wheel. Nothing is downloaded. The map
is an equirectangular projection scaled by the cosine of the middle latitude, which is how a locator map of
one country reads true enough; Braille cells give 2 x 4 dots each, so a terminal cell of 1:2 makes the dots
square.
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
    from typing import Any, Final

Point = tuple[float, float]  # (longitude, latitude), as GeoJSON orders them
Ring = list[Point]
Line = list[tuple[str, str]]  # (text, style) fragments of one line

_BRAILLE: Final = 0x2800
_DOT: Final = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] within a cell
_MARGIN: Final = 0.06  # of the frame, around the country
_KM_PER_DEGREE: Final = 111.32
_KEY_FACTS: Final = ("country", "county", "elevation", "area", "population", "unesco.name")


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


def frame_for(outlines: Outlines, point: Point, name: str) -> tuple[Country, tuple[float, float, float, float]]:
    """The country the place is in, and a frame around that country (with a margin) to draw."""
    country = country_at(outlines, point)
    if country is None:
        west, south, east, north = outlines.frame
        raise MapError(
            f"{name} ({degrees(point)}) is outside the bundled outlines: Norway and its neighbours, "
            f"{south:g} to {north:g}°N and {west:g} to {east:g}°E"
        )
    xs = [x for polygon in country.polygons for x, _ in polygon[0]]
    ys = [y for polygon in country.polygons for _, y in polygon[0]]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    return country, (
        min(xs) - width * _MARGIN,
        min(ys) - height * _MARGIN,
        max(xs) + width * _MARGIN,
        max(ys) + height * _MARGIN,
    )


def degrees(point: Point) -> str:
    """`62.57°N, 11.38°E`."""
    longitude, latitude = point
    return f"{abs(latitude):.2f}°{'N' if latitude >= 0 else 'S'}, {abs(longitude):.2f}°{'E' if longitude >= 0 else 'W'}"


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

    def km_per_unit(self) -> float:
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


# ---------------------------------------------------------------------------------------------- braille


def braille(
    outlines: Outlines, point: Point, label: str, columns: int, rows: int, plain_marker: bool = False
) -> list[Line]:
    """The locator map as lines of Braille dots, the main country in its own style, the place marked."""
    country, frame = frame_for(outlines, point, label)
    cols, lines = canvas_size(frame, columns, rows)
    project = Projection(frame, cols * 2, lines * 4)
    bits = [[0] * cols for _ in range(lines)]
    owner = [[""] * cols for _ in range(lines)]
    for other in sorted(outlines.countries, key=lambda c: c is country):  # the place's country drawn last
        style = "bold cyan" if other is country else "dim"
        for polygon in other.polygons:
            for ring in polygon:
                _trace(ring, project, bits, owner, style)
    canvas = [
        [(chr(_BRAILLE + bits[r][c]) if bits[r][c] else " ", owner[r][c]) for c in range(cols)] for r in range(lines)
    ]
    x, y = project(point)
    column, row = min(int(x // 2), cols - 1), min(int(y // 4), lines - 1)
    _mark(canvas[row], column, label, plain_marker)
    return [_joined(line) for line in canvas]


def _trace(ring: Ring, project: Projection, bits: list[list[int]], owner: list[list[str]], style: str) -> None:
    for a, b in itertools.pairwise(ring):
        (x0, y0), (x1, y1) = project(a), project(b)
        steps = max(int(max(abs(x1 - x0), abs(y1 - y0))), 1)
        for step in range(steps + 1):
            x = round(x0 + (x1 - x0) * step / steps)
            y = round(y0 + (y1 - y0) * step / steps)
            row, column = y // 4, x // 2
            if 0 <= row < len(bits) and 0 <= column < len(bits[0]):
                bits[row][column] |= _DOT[y % 4][x % 2]
                if owner[row][column] != "bold cyan":
                    owner[row][column] = style


def _mark(line: list[tuple[str, str]], column: int, label: str, plain: bool) -> None:
    """The marker at the place, and its name beside it: to the right where it fits, else to the left."""
    marker = "*" if plain else "●"
    line[column] = (marker, "bold red")
    text = f" {label}"
    if column + len(text) < len(line):
        for offset, char in enumerate(text, start=1):
            line[column + offset] = (char, "bold")
    elif column - len(text) >= 0:
        for offset, char in enumerate(f"{label} "):
            line[column - len(text) + offset] = (char, "bold")


def _joined(cells: list[tuple[str, str]]) -> Line:
    """A canvas row as few fragments as it takes, with no trailing blanks."""
    from roros_cli.layout import merged

    line = merged(cells)
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return line


def scale_bar(outlines: Outlines, point: Point, label: str, columns: int, rows: int) -> str:
    """`├──────┤ 200 km`: a round distance about a fifth of the map's width."""
    _, frame = frame_for(outlines, point, label)
    cols, lines = canvas_size(frame, columns, rows)
    km_per_cell = Projection(frame, cols * 2, lines * 4).km_per_unit() * 2
    for km in (1000, 500, 250, 200, 100, 50, 20, 10):
        cells = round(km / km_per_cell)
        if 4 <= cells <= max(cols // 4, 4):
            return f"├{'─' * (cells - 2)}┤ {km} km"
    return ""


# ---------------------------------------------------------------------------------------------- GeoJSON


def geojson(place: Place, outlines: Outlines) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: the place as a Point with its key facts, then the country outlines."""
    from roros_cli.facts import display_value

    point = coordinates(place)
    frame_for(outlines, point, place.name)  # refuses a place outside the outlines
    properties: dict[str, Any] = {"name": place.name}
    for key in _KEY_FACTS:
        fact = place.facts.get(key)
        if fact is not None:
            properties[key] = display_value(fact)
    town = {"type": "Feature", "properties": properties, "geometry": {"type": "Point", "coordinates": list(point)}}
    countries = [
        {
            "type": "Feature",
            "properties": {"name": country.name, "role": "main" if country.main else "neighbour"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[list(p) for p in ring] for ring in polygon] for polygon in country.polygons],
            },
        }
        for country in outlines.countries
    ]
    return {
        "type": "FeatureCollection",
        "source": outlines.source,
        "license": outlines.license,
        "features": [town, *countries],
    }


# ---------------------------------------------------------------------------------------------- SVG


def svg(place: Place, outlines: Outlines, width: int = 1200) -> str:
    """The same map as vector graphics, self-contained: no fonts, images or styles from anywhere else."""
    from xml.sax.saxutils import escape

    from roros_cli.safetext import clean

    point = coordinates(place)
    country, frame = frame_for(outlines, point, place.name)
    aspect = Projection(frame, 1, 1).aspect
    height = round(width / aspect)
    project = Projection(frame, width, height)
    paths = []
    for other in sorted(outlines.countries, key=lambda c: c is country):
        fill, stroke = ("#d9ecd9", "#1f5f3f") if other is country else ("#eeeeee", "#9a9a9a")
        data = " ".join(
            "M " + " L ".join(f"{x:.1f},{y:.1f}" for x, y in map(project, ring)) + " Z"
            for polygon in other.polygons
            for ring in polygon
        )
        paths.append(
            f'<path d="{data}" fill="{fill}" stroke="{stroke}" stroke-width="2" fill-rule="evenodd">'
            f"<title>{escape(other.name)}</title></path>"
        )
    x, y = project(point)
    name = escape(clean(place.name))
    anchor, dx = ("end", -18) if x > width * 0.7 else ("start", 18)
    fonts = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="{fonts}" role="img" aria-labelledby="title">\n'
        f'<title id="title">Where {name} is</title>\n'
        f'<rect width="{width}" height="{height}" fill="#f4f8fb"/>\n'
        + "\n".join(paths)
        + f'\n<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="#c62828" stroke="white" stroke-width="3"/>\n'
        f'<text x="{x + dx:.1f}" y="{y + 16:.1f}" font-size="56" font-weight="bold" text-anchor="{anchor}" '
        f'fill="#1b1b1b" stroke="white" stroke-width="6" paint-order="stroke">{name}</text>\n'
        f'<text x="16" y="{height - 16}" font-size="18" fill="#555">Outlines: Natural Earth (public domain)</text>\n'
        "</svg>\n"
    )
