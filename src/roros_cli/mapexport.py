"""The map for other programs: GeoJSON for a GIS, and SVG for a page or a slide. Pure.

Both show the places the SVG's label layout keeps, so `--geojson`, `--places` and the picture agree.
"""

from __future__ import annotations

import math

from roros_cli.maplabels import Label, Style, cells, layout, renamed, shown
from roros_cli.maps import (
    NOWHERE,
    OUTLINES_CREDIT,
    PLACES_CREDIT,
    Box,
    Outlines,
    Projection,
    coordinates,
    extent,
    frame_for,
    meets,
    places_for,
    scale_km,
)
from roros_cli.model import Place

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from roros_cli.places import Places

_KEY_FACTS: Final = ("country", "county", "elevation", "area", "population", "unesco.name")


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
    countries = [c for c in outlines.countries if meets(frame, c)]
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
    west, south, east, north = extent(points)
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


def _svg_style() -> Style:
    def measure(text: str, kind: str) -> tuple[float, float]:
        size = _SIZES[kind]
        return cells(text) * size * _ADVANCE[kind] + (6 if kind == "country" else 0), size * 1.25

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

    return Style(measure, candidates, marker, spacing=30.0, step=(14.0, 14.0))


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
    safe = [renamed(p, p.name) for p in places]
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
        if not meets(frame, other):
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
        if label.box == NOWHERE:
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
