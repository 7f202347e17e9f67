"""Where a place is on the globe: the bundled outlines, its coordinates, distances and bearings, the frame each
zoom shows and the projection onto a canvas. Pure.

The outlines are Natural Earth's 1:110m countries (public domain), extracted by tools/extract_outlines.py into
data/outlines.geojson; the towns and villages are GeoNames' (CC BY 4.0), extracted by tools/extract_places.py
into data/places.json. Both ship in the wheel: nothing is downloaded. The map is an equirectangular projection
scaled by the cosine of the middle latitude, so distances east-west are true along the map's middle.

The map is drawn by three more modules, each imported only by the views that need it: `maplabels` lays out the
names (for the terminal and the SVG alike), `mapterm` draws the Braille map of `roros map`, and `mapexport` writes
GeoJSON and SVG.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass

from roros_cli.datafile import shipped
from roros_cli.model import Place
from roros_cli.query import position

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

    from roros_cli.places import Locality, Places

Point = tuple[float, float]  # (longitude, latitude), as GeoJSON orders them
Ring = list[Point]
Line = list[tuple[str, str]]  # (text, style) fragments of one line of the terminal map
Box = tuple[float, float, float, float]  # left, top, right, bottom on the canvas

ZOOMS: Final = ("region", "country", "europe")
NOWHERE: Final = (0.0, 0.0, 0.0, 0.0)  # the box of a town whose name fits nowhere: its marker is still drawn
EARTH_KM: Final = 6371.0088  # the mean radius (IUGG), as great-circle distances use it
_KM_PER_DEGREE: Final = 2 * math.pi * EARTH_KM / 360
_REGION_KM: Final = (320.0, 180.0)  # half the width and half the height of the region: 640 x 360 km, 16:9
_EUROPE: Final = (-25.0, 34.0, 45.0, 72.5)  # west, south, east, north
_MARGIN: Final = 0.06  # of the frame, around the country
NEIGHBOUR_KM: Final = 15.0
_SMALLEST: Final = {"region": 0, "country": 15_000, "europe": 400_000}  # people, for a place to be tried
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
    latitude, longitude = position(place)
    if latitude is None or longitude is None:
        raise MapError(
            f"the data file has no numeric coordinates.latitude and coordinates.longitude, so {place.name} "
            "cannot be put on a map"
        )
    return longitude, latitude


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


class Faces:
    """Which country a point is in, fast: each polygon's bounding box first (labels ask thousands of times)."""

    def __init__(self, outlines: Outlines) -> None:
        self.polygons = [
            (country.name, polygon, extent(polygon[0]))
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


def extent(ring: Ring) -> tuple[float, float, float, float]:
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
    return sorted(chosen, key=lambda p: (distance_km(point, (p.longitude, p.latitude)) > NEIGHBOUR_KM, -p.population))


def meets(frame: tuple[float, float, float, float], country: Country) -> bool:
    west, south, east, north = frame
    for polygon in country.polygons:
        left, bottom, right, top = extent(polygon[0])
        if left <= east and right >= west and bottom <= north and top >= south:
            return True
    return False
