"""`roros map` as a lesson: valid outlines, zoom levels, places with labels that never collide, distances.

Every check here is computed independently of roros' own geometry: a haversine and a bearing written out here,
a segment intersection test written out here, and Chromium's own measure of the labels it draws.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import pytest

from conftest import run_process

ROOT = Path(__file__).resolve().parent.parent
Point = tuple[float, float]
Segment = tuple[Point, Point]


def _orientation(a: Point, b: Point, c: Point) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 1e-12) - (value < -1e-12)


def _on_segment(a: Point, b: Point, p: Point) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_cross(s: Segment, t: Segment) -> bool:
    """Whether two closed segments share a point (the textbook orientation test)."""
    (a, b), (c, d) = s, t
    o1, o2, o3, o4 = _orientation(a, b, c), _orientation(a, b, d), _orientation(c, d, a), _orientation(c, d, b)
    if o1 != o2 and o3 != o4:
        return True
    return any(
        o == 0 and _on_segment(p, q, r) for o, p, q, r in ((o1, a, b, c), (o2, a, b, d), (o3, c, d, a), (o4, c, d, b))
    )


def ring_problems(rings: list[list[Point]]) -> list[str]:
    """Where a polygon's rings cross themselves or each other: every pair of non-neighbouring segments, swept
    along x so the whole shipped file is checked in well under a second."""
    segments = [
        (index, position, (a, b))
        for index, ring in enumerate(rings)
        for position, (a, b) in enumerate(itertools.pairwise(ring))
    ]
    sizes = [len(ring) - 1 for ring in rings]
    segments.sort(key=lambda item: min(item[2][0][0], item[2][1][0]))
    problems = []
    active: list[tuple[int, int, Segment]] = []
    for item in segments:
        left = min(item[2][0][0], item[2][1][0])
        active = [other for other in active if max(other[2][0][0], other[2][1][0]) >= left]
        for other in active:
            (ring_a, pos_a, seg_a), (ring_b, pos_b, seg_b) = item, other
            if ring_a == ring_b and (abs(pos_a - pos_b) <= 1 or abs(pos_a - pos_b) == sizes[ring_a] - 1):
                continue  # neighbours share an end point
            if segments_cross(seg_a, seg_b):
                problems.append(f"ring {ring_a} segment {pos_a} meets ring {ring_b} segment {pos_b} at {seg_a}")
        active.append(item)
    return problems


def test_the_ring_check_finds_a_bow_tie() -> None:
    bow_tie = [(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0), (0.0, 0.0)]
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
    assert ring_problems([bow_tie]) and not ring_problems([square])
    assert ring_problems([square, [(1.0, 1.0), (3.0, 1.0), (3.0, 1.5), (1.0, 1.0)]])  # a hole poking out


def test_every_shipped_polygon_is_valid() -> None:
    collection = json.loads((ROOT / "data" / "outlines.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            rings = [[(float(x), float(y)) for x, y in ring] for ring in polygon]
            assert all(len(ring) >= 4 and ring[0] == ring[-1] for ring in rings)
            assert ring_problems(rings) == [], feature["properties"]["name"]


# ---------------------------------------------------------------------------------------------- independent references

ROROS = (11.38339, 62.57427)  # data/roros.toml, (longitude, latitude)
# GeoNames' coordinates, written here from the GeoNames records (not read from data/places.json).
TRONDHEIM, OPPDAL = (10.39506, 63.43049), (9.6912, 62.59431)
TYNSET, OSTERSUND = (10.78241, 62.27594), (14.63566, 63.1792)


def haversine_km(a: Point, b: Point) -> float:
    (lon1, lat1), (lon2, lat2) = ((math.radians(x), math.radians(y)) for x, y in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def initial_bearing(a: Point, b: Point) -> float:
    (lon1, lat1), (lon2, lat2) = ((math.radians(x), math.radians(y)) for x, y in (a, b))
    east = math.sin(lon2 - lon1) * math.cos(lat2)
    north = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(east, north)) % 360


def in_ring(point: Point, ring: list[Point]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > point[1]) != (y2 > point[1]) and point[0] < x1 + (point[1] - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def segment_meets_box(segment: Segment, box: tuple[float, float, float, float]) -> bool:
    """Whether a segment touches an axis-aligned box: an end inside, or a crossing with one of its sides."""
    left, top, right, bottom = box
    if any(left <= x <= right and top <= y <= bottom for x, y in segment):
        return True
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    return any(segments_cross(segment, side) for side in itertools.pairwise([*corners, corners[0]]))


def disjoint(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.fixture(scope="module")
def outline_rings() -> dict[str, list[list[Point]]]:
    collection = json.loads((ROOT / "data" / "outlines.geojson").read_text(encoding="utf-8"))
    return {
        feature["properties"]["name"]: [
            [(float(x), float(y)) for x, y in ring]
            for polygon in feature["geometry"]["coordinates"]
            for ring in polygon
        ]
        for feature in collection["features"]
    }


def country_of(point: Point, rings: dict[str, list[list[Point]]]) -> str | None:
    """Even-odd over all of a country's rings: inside an exterior and not in a hole."""
    return next((name for name, each in rings.items() if sum(in_ring(point, ring) for ring in each) % 2), None)


# ---------------------------------------------------------------------------------------------- --places


@pytest.fixture(scope="module")
def places_json(roros_script: str) -> dict[str, dict[str, object]]:
    found = {}
    for zoom in ("region", "country", "europe"):
        run = run_process([roros_script, "map", "--places", "--json", "--zoom", zoom])
        assert run.returncode == 0, run.stderr
        found[zoom] = json.loads(run.stdout)
    return found


@pytest.mark.parametrize("zoom", ["region", "country", "europe"])
def test_places_distances_and_bearings_agree_with_a_haversine(
    places_json: dict[str, dict[str, object]], zoom: str
) -> None:
    document = places_json[zoom]
    assert document["kind"] == "map_places" and document["zoom"] == zoom
    assert "GeoNames" in str(document["attribution"])
    places = document["places"]
    assert isinstance(places, list) and len(places) >= 5
    for place in places:
        there = (place["longitude"], place["latitude"])
        assert place["distance_km"] == pytest.approx(haversine_km(ROROS, there), rel=0.005)
        turn = abs(place["bearing"] - initial_bearing(ROROS, there)) % 360
        assert min(turn, 360 - turn) < 0.5
    distances = [place["distance_km"] for place in places]
    assert distances == sorted(distances)


def test_the_region_shows_the_places_a_class_knows(places_json: dict[str, dict[str, object]]) -> None:
    names = {place["name"]: place for place in places_json["region"]["places"]}  # type: ignore[attr-defined]
    for wanted in ("Trondheim", "Tynset", "Oppdal", "Os", "Funäsdalen", "Östersund"):
        assert wanted in names, wanted
    assert 100 <= names["Trondheim"]["distance_km"] <= 120  # "about 110 km"
    assert names["Trondheim"]["compass"] == "NNW" and names["Östersund"]["compass"] in ("ENE", "NE")
    country = {place["name"] for place in places_json["country"]["places"]}  # type: ignore[attr-defined]
    assert {"Oslo", "Bergen", "Tromsø"} & country and "Os" not in country


def test_places_text_names_distance_and_direction(roros_script: str) -> None:
    run = run_process([roros_script, "map", "--places"], env={"COLUMNS": "80"})
    assert run.returncode == 0
    text = run.stdout.decode()
    line = next(line for line in text.splitlines() if line.startswith("Trondheim"))
    assert re.search(r"\b1[01]\d km NNW \(33\d°\)", line), line
    assert "GeoNames (CC BY 4.0)" in text
    assert all(len(line) <= 80 for line in text.splitlines())
