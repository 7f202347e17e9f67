"""Regenerate data/outlines.geojson: Norway and its neighbours from Natural Earth's 1:110m countries layer.

Usage: python tools/extract_outlines.py [WHEEL]   (needs `pip install pyshp`; the tools extra has it)

Natural Earth (public domain) ships inside the geopandas 0.14.x wheel as geopandas/datasets/naturalearth_lowres.
Without WHEEL, `pip download` fetches that wheel (this is a development tool: roros downloads nothing at run
time). The script reads the shapefile with pyshp, keeps the countries that reach into the frame below, clips
them to it (Sutherland-Hodgman), rounds to 0.001°, orients rings as RFC 7946 asks, and writes a small
GeoJSON FeatureCollection that records where it came from and its licence.
"""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile  # pyshp

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / "outlines.geojson"
WHEEL = "geopandas==0.14.4"
LAYER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
FRAME = (-2.0, 53.5, 42.0, 72.5)  # west, south, east, north: Norway, its neighbours and the seas between
MAIN = "Norway"

Ring = list[tuple[float, float]]


def wheel_path(given: str | None, folder: str) -> Path:
    if given:
        return Path(given)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder, WHEEL], check=True)
    return next(Path(folder).glob("geopandas-*.whl"))


def read_layer(wheel: Path) -> shapefile.Reader:
    with zipfile.ZipFile(wheel) as archive:
        parts = {suffix: io.BytesIO(archive.read(f"{LAYER}.{suffix}")) for suffix in ("shp", "shx", "dbf")}
    # The layer's .cpg is absent from the reader here, and its names are Latin-1 (Côte d'Ivoire).
    return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="latin-1")


def clip(ring: Ring, frame: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman against the four sides of the frame."""
    west, south, east, north = frame
    sides = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in sides:
        result: Ring = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
        points = result
        if not points:
            return []
    return [*points, points[0]]


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def signed_area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def rings_of(shape: shapefile.Shape) -> list[Ring]:
    starts = [*shape.parts, len(shape.points)]
    return [[(x, y) for x, y in shape.points[a:b]] for a, b in itertools.pairwise(starts)]


def polygons(shape: shapefile.Shape) -> list[list[Ring]]:
    """Shapefile rings as polygons: clockwise rings are exteriors, counter-clockwise ones holes."""
    result: list[list[Ring]] = []
    for ring in rings_of(shape):
        clipped = [(round(x, 3), round(y, 3)) for x, y in clip(ring, FRAME)]
        clipped = [point for index, point in enumerate(clipped) if index == 0 or point != clipped[index - 1]]
        if len(clipped) < 4 or abs(signed_area(clipped)) < 1e-4:
            continue
        if signed_area(ring) < 0:  # clockwise in the shapefile: an exterior; RFC 7946 wants it counter-clockwise
            result.append([clipped[::-1] if signed_area(clipped) < 0 else clipped])
        elif result:
            result[-1].append(clipped[::-1] if signed_area(clipped) > 0 else clipped)
    return result


def main() -> None:
    given = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as folder:
        reader = read_layer(wheel_path(given, folder))
        fields = [field[0] for field in reader.fields[1:]]
        features = []
        for record, shape in zip(reader.records(), reader.shapes(), strict=False):
            attributes = dict(zip(fields, record, strict=False))
            parts = polygons(shape)
            if not parts:
                continue
            name = str(attributes["name"])
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": name, "role": "main" if name == MAIN else "neighbour"},
                    "geometry": {
                        "type": "MultiPolygon",
                        "coordinates": [[list(map(list, r)) for r in p] for p in parts],
                    },
                }
            )
    features.sort(key=lambda feature: (feature["properties"]["role"] != "main", feature["properties"]["name"]))
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (naturalearth_lowres), as shipped in "
        "the geopandas 0.14.4 wheel; clipped to the frame in `bbox` and rounded to 0.001 degrees by "
        "tools/extract_outlines.py",
        "license": "Public domain (Natural Earth, naturalearthdata.com/about/terms-of-use)",
        "bbox": list(FRAME),
        "features": features,
    }
    TARGET.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    names = ", ".join(feature["properties"]["name"] for feature in features)
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes): {names}")


if __name__ == "__main__":
    main()
