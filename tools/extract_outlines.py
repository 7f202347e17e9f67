"""Regenerate data/outlines.geojson: Norway and its neighbours from Natural Earth's 1:110m countries layer.

Usage: python tools/extract_outlines.py [WHEEL]   (needs pyshp and shapely; the tools extra has them)

Natural Earth (public domain) ships inside the geopandas 0.14.x wheel as geopandas/datasets/naturalearth_lowres.
Without WHEEL, `pip download` fetches that wheel (this is a development tool: roros downloads nothing at run
time). The script reads the shapefile with pyshp, keeps the countries that reach into the frame below, clips
them to it with shapely (GEOS), snaps them to 0.001° keeping them valid, orients rings as RFC 7946 asks, and
writes a small GeoJSON FeatureCollection that records where it came from and its licence.
"""

from __future__ import annotations

import io
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
FRAME = (-25.0, 34.0, 45.0, 72.5)  # west, south, east, north: the map of Europe; Norway and its neighbours in it
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


def polygons(shape: shapefile.Shape) -> list[list[Ring]]:
    """The country clipped to the frame by GEOS (shapely), snapped to a 0.001° grid, valid, exteriors
    counter-clockwise and holes clockwise as RFC 7946 asks.

    Clipping ring by ring (Sutherland-Hodgman) made invalid rings where a country leaves the frame more than
    once (the United Kingdom crossed itself at 2°W); an intersection of whole polygons cannot.
    """
    from shapely import make_valid, set_precision
    from shapely.geometry import box
    from shapely.geometry import shape as to_geometry
    from shapely.geometry.polygon import orient

    clipped = set_precision(make_valid(to_geometry(shape.__geo_interface__)).intersection(box(*FRAME)), 0.001)
    parts = [clipped] if clipped.geom_type == "Polygon" else getattr(clipped, "geoms", [])
    result: list[list[Ring]] = []
    for part in parts:
        if part.geom_type != "Polygon" or part.area < 1e-4 or not part.is_valid:
            continue  # slivers, and lines or points left where the frame grazes a coast
        part = orient(part, 1.0)
        result.append(
            [[(x, y) for x, y in part.exterior.coords], *[[(x, y) for x, y in r.coords] for r in part.interiors]]
        )
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
        "the geopandas 0.14.4 wheel; clipped to the frame in `bbox` with shapely and snapped to 0.001 degrees by "
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
