"""`roros map` as a lesson: valid outlines, zoom levels, places with labels that never collide, distances.

Every check here is computed independently of roros' own geometry: a haversine and a bearing written out here,
a segment intersection test written out here, and Chromium's own measure of the labels it draws.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from pathlib import Path

import pytest

from conftest import Tabs, run_in_terminal, run_process

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


def disjoint_closed(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Boxes (west, south, east, north) that share not even an edge."""
    return a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]


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


# ---------------------------------------------------------------------------------------------- labels, terminal

ZOOMS = ["region", "country", "europe"]


@pytest.fixture(scope="module")
def mapped() -> tuple[object, object]:
    from roros_cli import maps, places

    return maps.load_outlines(), places.load_places()


@pytest.mark.parametrize("columns", [40, 80, 160])
@pytest.mark.parametrize("zoom", ZOOMS)
def test_terminal_labels_cross_no_border_coast_or_other_label(
    mapped: tuple[object, object], outline_rings: dict[str, list[list[Point]]], zoom: str, columns: int
) -> None:
    from roros_cli import mapterm

    outlines, bundled = mapped
    drawn = mapterm.terminal_map(outlines, ROROS, "Røros", columns, 45, zoom=zoom, bundled=bundled)  # type: ignore[arg-type]
    west, south, east, north = drawn.projection.frame
    width, height = drawn.columns * 2, drawn.rows * 4

    def geographic(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box of Braille dots as (west, south, east, north) in degrees: the frame spread over the dots."""
        left, top, right, bottom = box
        lon = [west + x / (width - 1) * (east - west) for x in (left, right)]
        lat = [north - y / (height - 1) * (north - south) for y in (bottom, top)]
        return lon[0], lat[0], lon[1], lat[1]

    segments = [s for rings in outline_rings.values() for ring in rings for s in itertools.pairwise(ring)]
    extents = [(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])) for a, b in segments]
    text = ["".join(fragment for fragment, _ in line) for line in drawn.lines]
    named = [label for label in drawn.labels if label.box != (0.0, 0.0, 0.0, 0.0)]
    assert len(named) >= (4 if zoom != "europe" else 2)
    assert any(label.kind == "town" for label in named) or zoom == "europe"
    for label in named:
        box = geographic(label.box)
        near = [s for s, e in zip(segments, extents, strict=True) if not disjoint_closed(e, box)]
        assert not any(segment_meets_box(s, box) for s in near), f"{label.text} crosses a line"
        row, start = int(label.box[1] // 4), int(label.box[0] // 2) + 1
        assert text[row][start : start + len(label.text)] == label.text  # drawn where its box says
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if label.kind == "town":
            assert country_of(centre, outline_rings) in ("Norway", None)  # its own side of the border
    for a, b in itertools.combinations(named, 2):
        assert disjoint(a.box, b.box), (a.text, b.text)
    markers = [label.at for label in drawn.labels if label.at is not None]
    for label, at in itertools.product(named, markers):
        cell = (
            int(at[0] // 2) * 2 + 0.5,
            int(at[1] // 4) * 4 + 0.5,
            int(at[0] // 2) * 2 + 1.5,
            int(at[1] // 4) * 4 + 3.5,
        )
        assert disjoint(label.box, cell), f"{label.text} covers a marker"


# ---------------------------------------------------------------------------------------------- small terminals


@pytest.mark.parametrize("columns", [20, 40, 80, 160])
def test_the_terminal_map_never_runs_past_the_edge(roros_script: str, columns: int) -> None:
    run = run_process([roros_script, "map"], env={"COLUMNS": str(columns), "LINES": "40"})
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode().splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    braille = sum("⠀" < char <= "⣿" for line in lines for char in line)
    assert braille > 10 and "●" in run.stdout.decode()


@pytest.mark.parametrize("columns", ["1", "10", "19", "1001"])
def test_a_columns_outside_20_to_1000_is_ignored_by_the_map_as_by_every_view(roros_script: str, columns: str) -> None:
    """The README: COLUMNS outside 20-1,000 is ignored, and a pipe gets 80 columns (a narrow terminal is told)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    run = run_process([roros_script, "map"], env={**env, "COLUMNS": columns, "LINES": "40"})
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode().splitlines()
    assert "needs at least 20 columns" not in " ".join(lines)
    assert max(len(line) for line in lines) == 80


def test_a_pseudo_terminal_of_15_columns_gets_the_message_not_a_wrapped_map(roros_script: str) -> None:
    run, seen = run_in_terminal([roros_script, "map"], {}, unset=("COLUMNS", "LINES"), columns=15)
    assert run.returncode == 0, seen
    text = re.sub(rb"\x1b\[[0-9;]*m", b"", seen).decode()
    assert "needs at least 20 columns" in " ".join(text.split())
    assert all(len(line) <= 15 for line in text.replace("\r", "").split("\n"))


# ---------------------------------------------------------------------------------------------- SVG, in Chromium


@pytest.fixture(scope="module")
def svgs(mapped: tuple[object, object], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three SVGs, made in this process (the command's own export is tested in test_map_and_sun.py)."""
    from roros_cli import loader, mapexport

    folder = tmp_path_factory.mktemp("maps")
    outlines, bundled = mapped
    place = loader.load()
    made = {}
    for zoom in ZOOMS:
        made[zoom] = folder / f"{zoom}.svg"
        made[zoom].write_text(mapexport.svg(place, outlines, zoom, bundled), encoding="utf-8")  # type: ignore[arg-type]
    return made


MEASURE = """() => {
  const root = document.documentElement;
  const box = (e) => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  const screen = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    viewBox: root.getAttribute('viewBox'), width: root.getAttribute('width'), height: root.getAttribute('height'),
    labels: [...document.querySelectorAll('text.label')].map(e =>
      ({text: e.textContent, kind: e.getAttribute('class'), box: box(e), screen: screen(e)})),
    texts: [...document.querySelectorAll('text')].map(e => ({text: e.textContent, screen: screen(e)})),
    paths: [...document.querySelectorAll('svg svg path')].map(e =>
      ({name: e.querySelector('title').textContent, d: e.getAttribute('d')})),
    furniture: ['north-arrow', 'scale-bar', 'credit'].map(id => box(document.getElementById(id))),
    town: [...document.querySelectorAll('circle.town')].map(e => [+e.getAttribute('cx'), +e.getAttribute('cy')]),
    places: [...document.querySelectorAll('circle.place')].map(e => [+e.getAttribute('cx'), +e.getAttribute('cy')]),
    bar: document.querySelector('#scale-bar path').getAttribute('d'),
    barText: document.querySelector('#scale-bar text').textContent,
  };
}"""


@pytest.fixture(scope="module")
def measured(tabs: Tabs, svgs: dict[str, Path]) -> dict[str, dict[str, object]]:
    tab = tabs.hold(1920, 1080)
    try:
        found = {}
        for zoom, path in svgs.items():
            tab.page.goto(path.as_uri())
            found[zoom] = tab.page.evaluate(MEASURE)
        return found
    finally:
        tabs.release(tab)


def _rings(d: str) -> list[list[Point]]:
    rings = []
    for part in d.split("Z"):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        if numbers:
            rings.append([*zip(numbers[::2], numbers[1::2], strict=True)])
            rings[-1].append(rings[-1][0])
    return rings


@pytest.mark.parametrize("zoom", ZOOMS)
def test_svg_labels_cross_no_border_coast_or_other_label_as_chromium_draws_them(
    measured: dict[str, dict[str, object]], zoom: str
) -> None:
    found = measured[zoom]
    assert found["viewBox"] and found["width"] is None and found["height"] is None  # sized by its viewBox only
    labels = found["labels"]
    assert isinstance(labels, list) and len(labels) >= 5
    rings = {path["name"]: _rings(path["d"]) for path in found["paths"]}  # type: ignore[attr-defined]
    segments = [s for each in rings.values() for ring in each for s in itertools.pairwise(ring)]
    for label in labels:
        box = tuple(label["box"])
        assert not any(segment_meets_box(s, box) for s in segments), f"{label['text']} crosses a line"
        for other in found["furniture"]:  # type: ignore[attr-defined]
            assert disjoint(box, tuple(other)), f"{label['text']} covers the scale, the arrow or the credits"
        for marker in found["places"] + found["town"]:  # type: ignore[operator]
            assert disjoint(box, (marker[0] - 3, marker[1] - 3, marker[0] + 3, marker[1] + 3)), label["text"]
    for a, b in itertools.combinations(labels, 2):
        assert disjoint(tuple(a["box"]), tuple(b["box"])), (a["text"], b["text"])
    [town] = [label for label in labels if "town" in label["kind"]]
    centre = ((town["box"][0] + town["box"][2]) / 2, (town["box"][1] + town["box"][3]) / 2)
    inside = [name for name, each in rings.items() if sum(in_ring(centre, ring) for ring in each) % 2]
    assert inside in ([], ["Norway"]), f"the town's name stands in {inside}"


@pytest.mark.parametrize("zoom", ZOOMS)
def test_svg_fits_1920_by_1080_with_every_word_on_screen(measured: dict[str, dict[str, object]], zoom: str) -> None:
    found = measured[zoom]
    for text in found["texts"]:  # type: ignore[attr-defined]
        left, top, right, bottom = text["screen"]
        assert left >= 0 and right <= 1920 and top >= 0 and bottom <= 1080, text["text"]
    words = " ".join(text["text"] for text in found["texts"])  # type: ignore[attr-defined]
    assert "Natural Earth" in words and "GeoNames" in words and "N" in words and " km" in words
    assert {"Røros"} <= {label["text"] for label in found["labels"]}  # type: ignore[attr-defined]


def test_svg_region_puts_places_where_they_are_and_its_scale_bar_is_true(
    measured: dict[str, dict[str, object]],
) -> None:
    found = measured["region"]
    width = [float(n) for n in str(found["viewBox"]).split()][2:]
    assert width[0] / width[1] == pytest.approx(16 / 9, rel=0.01)  # a 16:9 screen, filled
    labels = {label["text"]: label for label in found["labels"]}  # type: ignore[attr-defined]
    town = found["town"][0]  # type: ignore[index]
    places: list[Point] = found["places"]  # type: ignore[assignment]

    def marker(name: str) -> Point:
        """The place marker nearest the label's box (labels stand beside their markers)."""
        left, top, right, bottom = labels[name]["box"]
        return min(places, key=lambda m: math.dist(m, (min(max(m[0], left), right), min(max(m[1], top), bottom))))

    trondheim, oppdal, tynset, ostersund = (marker(n) for n in ("Trondheim", "Oppdal", "Tynset", "Östersund"))
    assert trondheim[0] < town[0] and trondheim[1] < town[1]  # west (left) and north (up)
    assert ostersund[0] > town[0] and ostersund[1] < town[1]  # east and north
    assert tynset[1] > town[1] and oppdal[0] < town[0]  # Tynset south, Oppdal west
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", str(found["bar"]))]
    bar_px = numbers[3] - numbers[0]  # M x,y V y H x2 V y: from x to x2
    km = float(str(found["barText"]).split()[0])
    km_per_px = km / bar_px
    # East-west at the centre: Oppdal lies almost due west of Røros.
    assert math.dist(town, oppdal) * km_per_px == pytest.approx(haversine_km(ROROS, OPPDAL), rel=0.01)
    # North-south with the same scale: the map is as tall as it is true (Trondheim to Tynset).
    assert abs(trondheim[1] - tynset[1]) * km_per_px == pytest.approx(
        haversine_km((10.6, TRONDHEIM[1]), (10.6, TYNSET[1])), rel=0.01
    )


# ---------------------------------------------------------------------------------------------- hostile names, GeoJSON

# As TOML escapes: ESC [ 2J (clear the screen), the 8-bit CSI, NEL, a right-to-left override, a zero-width space.
HOSTILE = r"Fjell\u001b[2J\u009b31m\u0085by\u202eybllej\u200bF"
RAW = re.compile("[\x1b\x85\x9b\u202e\u200b]")


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import FJELLBY

    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(FJELLBY.read_text(encoding="utf-8").replace('value = "Fjellby"', f'value = "{HOSTILE}"'), "utf-8")
    return path


@pytest.mark.parametrize("colour", [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}], ids=["no-colour", "colour"])
@pytest.mark.parametrize("args", [["map"], ["map", "--places", "--zoom", "country"]])
def test_a_hostile_name_never_reaches_the_terminal_raw(
    roros_script: str, hostile_file: Path, args: list[str], colour: dict[str, str]
) -> None:
    run = run_process([roros_script, "--data", str(hostile_file), *args], env={"COLUMNS": "80", **colour})
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode()
    without_colour = re.sub("\x1b\\[[0-9;]*m", "", out)  # Rich's own colour codes, when colour is on
    assert not RAW.search(without_colour) and not RAW.search(run.stderr.decode())
    if args == ["map"]:
        assert "\\x1b[2J" in out and "\\u202e" in out  # shown, visibly


def test_geojson_goes_through_the_json_writer_and_carries_a_bbox(roros_script: str, hostile_file: Path) -> None:
    run = run_process([roros_script, "--data", str(hostile_file), "map", "--geojson"])
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode()
    assert not RAW.search(text)
    for escaped in ("\\u001b", "\\u009b", "\\u0085", "\\u202e", "\\u200b"):
        assert escaped in text
    collection = json.loads(text)
    assert collection["features"][0]["properties"]["name"] == json.loads(f'"{HOSTILE}"')  # the name, intact
    west, south, east, north = collection["bbox"]
    for feature in collection["features"]:
        geometry = feature["geometry"]
        points = (
            [geometry["coordinates"]]
            if geometry["type"] == "Point"
            else [p for polygon in geometry["coordinates"] for ring in polygon for p in ring]
        )
        assert all(west <= x <= east and south <= y <= north for x, y in points)


@pytest.mark.parametrize("zoom", ZOOMS)
def test_geojson_follows_the_zoom(roros_script: str, zoom: str) -> None:
    collection = json.loads(run_process([roros_script, "map", "--geojson", "--zoom", zoom]).stdout)
    assert collection["zoom"] == zoom and len(collection["bbox"]) == 4
    names = {f["properties"]["name"] for f in collection["features"] if f["properties"]["role"] == "place"}
    countries = {f["properties"]["name"] for f in collection["features"] if f["properties"]["role"] != "place"}
    if zoom == "region":
        assert {"Trondheim", "Östersund", "Os"} <= names and "Oslo" not in names
    if zoom == "europe":
        assert {"Oslo", "Berlin"} <= names and "France" in countries
    else:
        assert "France" not in countries  # only the countries the frame reaches
    for feature in collection["features"]:
        if feature["properties"]["role"] == "place":
            there = tuple(feature["geometry"]["coordinates"])
            assert feature["properties"]["distance_km"] == pytest.approx(haversine_km(ROROS, there), rel=0.005)


# ---------------------------------------------------------------------------------------------- terminal geometry


@pytest.mark.parametrize("columns", [80, 160])
def test_terminal_map_is_oriented_and_its_scale_bar_is_true(
    roros_script: str, mapped: tuple[object, object], columns: int
) -> None:
    from roros_cli import mapterm

    run = run_process([roros_script, "map"], env={"COLUMNS": str(columns), "LINES": "40"})
    text = run.stdout.decode().splitlines()
    assert any("NORWAY" in line for line in text) and any("SWEDEN" in line for line in text)
    [bar] = [line for line in text if "├" in line]
    assert bar.startswith("↑ north")  # the north arrow beside the scale
    found = re.search(r"(├─*┤) (\d+) km", bar)
    assert found is not None
    km_per_cell = int(found.group(2)) / len(found.group(1))
    town_row = next(index for index, line in enumerate(text) if "●" in line)
    town = (text[town_row].index("●"), town_row)
    # Where the map puts the markers of Oppdal (due west) and Trondheim (north-west), read off the printed map.
    outlines, bundled = mapped
    drawn = mapterm.terminal_map(outlines, ROROS, "Røros", columns, 40 - 7, zoom="region", bundled=bundled)  # type: ignore[arg-type]
    spots = {label.text: (int(label.at[0] // 2), int(label.at[1] // 4)) for label in drawn.labels if label.at}
    for name in ("Oppdal", "Trondheim"):
        column, row = spots[name]
        assert text[row][column] == "•", name
    oppdal, trondheim = spots["Oppdal"], spots["Trondheim"]
    assert oppdal[0] < town[0] and abs(oppdal[1] - town[1]) <= 1  # west, on the same line
    assert trondheim[0] < town[0] and trondheim[1] < town[1]  # west and north: not mirrored, not upside down
    cells = town[0] - oppdal[0]
    assert abs(cells * km_per_cell - haversine_km(ROROS, OPPDAL)) <= km_per_cell * 1.5  # within the rounding
    # A Braille cell is 2 dots wide and 4 tall, and a terminal cell about twice as tall as wide: north-south
    # the map must hold as many kilometres per line as per two columns.
    rows = trondheim[1] - town[1]
    north_km = haversine_km((10.0, ROROS[1]), (10.0, TRONDHEIM[1]))
    assert abs(-rows * 2 * km_per_cell - north_km) <= 2 * km_per_cell * 1.5
