"""The map's geometry against coordinates computed here, independently: the region's 640 x 360 km frame, Europe's
frame against capitals' coordinates, the Braille dots of a square country against a hand-made projection, the
places a zoom keeps at its population threshold and frame edges, the scale bar at its limits, and the SVG's
shapes. In-process and fast."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from roros_cli import loader, mapexport, maps, mapterm
from roros_cli.places import Locality, Places

KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360  # a degree of a great circle on the IUGG mean sphere
ROROS = (11.3857, 62.5744)  # GeoNames' Røros, (longitude, latitude)


@pytest.fixture(scope="module")
def outlines() -> maps.Outlines:
    return maps.load_outlines()


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------------------------------------- frames


def test_the_region_is_640_by_360_km_around_the_town(outlines: maps.Outlines) -> None:
    country, (west, south, east, north) = maps.frame_for(outlines, ROROS, "Røros", "region")
    assert country.name == "Norway"
    assert (north - south) * KM_PER_DEGREE == pytest.approx(360, rel=1e-9)
    assert (east - west) * KM_PER_DEGREE * math.cos(math.radians(ROROS[1])) == pytest.approx(640, rel=1e-9)
    assert ((west + east) / 2, (south + north) / 2) == pytest.approx(ROROS, rel=1e-12)


def test_europe_reaches_from_iceland_to_the_urals(outlines: maps.Outlines) -> None:
    _, frame = maps.frame_for(outlines, ROROS, "Røros", "europe")
    west, south, east, north = frame
    for city in ((-21.94, 64.15), (-9.14, 38.72), (37.62, 55.76), (23.73, 37.98), (25.47, 65.01)):  # Reykjavík,
        assert west <= city[0] <= east and south <= city[1] <= north, city  # Lisbon, Moscow, Athens, Oulu
    assert not (west <= -40 <= east)  # central Greenland is left out


def test_the_country_zoom_holds_the_whole_country(outlines: maps.Outlines) -> None:
    country, (west, south, east, north) = maps.frame_for(outlines, ROROS, "Røros", "country")
    xs = [x for polygon in country.polygons for x, _ in polygon[0]]
    ys = [y for polygon in country.polygons for _, y in polygon[0]]
    assert west < min(xs) and max(xs) < east and south < min(ys) and max(ys) < north
    assert east - west < 1.2 * (max(xs) - min(xs))  # a margin, not a continent


def test_a_place_in_the_sea_or_outside_europe_is_refused(outlines: maps.Outlines, squares: maps.Outlines) -> None:
    with pytest.raises(maps.MapError, match="is outside the bundled outlines"):
        maps.frame_for(outlines, (0.0, 0.0), "Null Island", "region")
    # Outlines that reach north of Europe's frame (72.5°N): a point there has a region, not a Europe map.
    arctic = (14.1, 74.0)
    assert maps.frame_for(squares, arctic, "Bjørnøya", "region")[0].name == "Northsouth"
    with pytest.raises(maps.MapError, match=r"Bjørnøya \(74.00°N, 14.10°E\) is outside"):
        maps.frame_for(squares, arctic, "Bjørnøya", "europe")


def test_degrees_name_the_hemispheres_with_zero_north_and_east() -> None:
    assert maps.degrees((0.0, 0.0)) == "0.00°N, 0.00°E"
    assert maps.degrees((-0.5, -33.25)) == "33.25°S, 0.50°W"
    assert maps.degrees(ROROS) == "62.57°N, 11.39°E"


def test_distance_and_bearing_agree_with_the_haversine() -> None:
    trondheim = (10.3951, 63.4305)
    assert maps.distance_km(ROROS, trondheim) == pytest.approx(haversine_km(ROROS, trondheim), rel=1e-9)
    assert maps.compass(maps.bearing(ROROS, (ROROS[0], 70.0))) == "N"
    assert maps.compass(maps.bearing(ROROS, (20.0, ROROS[1]))) == "E"  # about E, a little north of it


# ---------------------------------------------------------------------------------------------- coordinates


def _place(latitude: str, longitude: str) -> object:
    head = '[meta]\nformat = 1\nsource_title = "T"\n\n[name]\nlabel = "Name"\nvalue = "Fjellby"\nsource = "t"\n'
    body = ""
    for key, value in (("latitude", latitude), ("longitude", longitude)):
        if value:
            body += f'\n[coordinates.{key}]\nlabel = "{key.title()}"\nvalue = {value}\nsource = "t"\n'
    return loader.parse(head + body)


@pytest.mark.parametrize(
    ("latitude", "longitude"), [("", "11.4"), ("62.6", ""), ('"62.6"', "11.4"), ("62.6", '"11.4"'), ("", "")]
)
def test_a_place_without_numeric_coordinates_cannot_be_mapped(latitude: str, longitude: str) -> None:
    with pytest.raises(maps.MapError, match=r"no numeric coordinates\.latitude and coordinates\.longitude"):
        maps.coordinates(_place(latitude, longitude))  # type: ignore[arg-type]


def test_coordinates_are_longitude_then_latitude() -> None:
    assert maps.coordinates(_place("62.6", "11.4")) == (11.4, 62.6)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- polygons


SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
HOLE = [(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0)]
DIAMOND = [(2.0, 0.0), (4.0, 2.0), (2.0, 4.0), (0.0, 2.0), (2.0, 0.0)]


def test_inside_a_polygon_but_not_its_hole() -> None:
    assert maps.inside((0.5, 0.5), (SQUARE, HOLE))
    assert not maps.inside((2.0, 2.0), (SQUARE, HOLE))
    assert maps.inside((2.0, 2.0), (SQUARE,))
    assert not maps.inside((5.0, 2.0), (SQUARE,)) and not maps.inside((-1.0, 2.0), (SQUARE,))


@pytest.mark.parametrize("y", [0.5, 1.0, 2.0, 3.0, 3.5])
def test_a_ray_through_a_corner_counts_once(y: float) -> None:
    # At y = 2 the ray from a point runs through the diamond's corners: the point is still inside (|x-2|+|y-2|<2).
    for x in (0.25, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.25, 3.75, 4.5, -0.5):
        if abs(x - 2) + abs(y - 2) == 2:
            continue  # on the edge: either answer will do
        expected = abs(x - 2) + abs(y - 2) < 2
        assert maps.inside((x, y), (DIAMOND,)) == expected, (x, y)


def test_a_point_on_a_border_is_in_one_country_the_one_east_or_north_of_it() -> None:
    # Four squares meeting at (2, 2): a point on a north-south border belongs to the country east of it, on an
    # east-west border to the one north of it (the ray cast goes east and counts an edge's lower end, not its
    # upper). Faces, which checks each polygon's bounding box first, must agree with the plain ray cast.
    world = maps.Outlines(
        (
            maps.Country("Southwest", True, ((_rectangle(0.0, 0.0, 2.0, 2.0),),)),
            maps.Country("Southeast", False, ((_rectangle(2.0, 0.0, 4.0, 2.0),),)),
            maps.Country("Northwest", False, ((_rectangle(0.0, 2.0, 2.0, 4.0),),)),
            maps.Country("Northeast", False, ((_rectangle(2.0, 2.0, 4.0, 4.0),),)),
        ),
        "test",
        "test",
        (0.0, 0.0, 4.0, 4.0),
    )
    faces = maps.Faces(world)
    for point, expected in (
        ((2.0, 1.0), "Southeast"),  # on the southern north-south border
        ((2.0, 3.0), "Northeast"),
        ((1.0, 2.0), "Northwest"),  # on the western east-west border
        ((3.0, 2.0), "Northeast"),
        ((1.999, 1.0), "Southwest"),  # a step west or south of a border: the country there
        ((1.0, 1.999), "Southwest"),
        ((0.0, 1.0), "Southwest"),  # the outer west edge is in, the outer east edge is not
        ((4.0, 1.0), None),
        ((1.0, 0.0), "Southwest"),  # the outer south edge is in, the outer north edge is not
        ((1.0, 4.0), None),
    ):
        found = maps.country_at(world, point)
        assert (found.name if found else None) == expected, point
        assert faces.at(point) == expected, point


# ---------------------------------------------------------------------------------------------- places


def _locality(name: str, longitude: float, latitude: float, population: int) -> Locality:
    return Locality(name, "NO", latitude, longitude, population, "Europe/Oslo")


def _bundle(*places: Locality) -> Places:
    return Places(tuple(places), "test", "test", "test", "2026")


FRAME = (10.0, 62.0, 13.0, 63.0)


def test_each_zoom_keeps_places_from_its_population_threshold(outlines: maps.Outlines) -> None:
    far = (12.5, 62.8)  # about 60 km from Røros
    bundle = _bundle(
        _locality("Empty", *far, 0),
        _locality("Small", 12.6, 62.8, 14_999),
        _locality("Town", 12.7, 62.8, 15_000),
        _locality("City", 12.8, 62.8, 400_000),
        _locality("Nearly", 12.9, 62.8, 399_999),
    )
    names = {zoom: [p.name for p in maps.places_for(bundle, outlines, ROROS, zoom, FRAME)] for zoom in maps.ZOOMS}
    assert sorted(names["region"]) == ["City", "Empty", "Nearly", "Small", "Town"]
    assert sorted(names["country"]) == ["City", "Nearly", "Town"]
    assert names["europe"] == ["City"]


def test_places_on_the_frame_edges_are_kept_and_those_past_them_are_not(outlines: maps.Outlines) -> None:
    west, south, east, north = FRAME
    on_edges = [
        _locality("West", west, 62.5, 10),
        _locality("East", east, 62.5, 10),
        _locality("South", 12.0, south, 10),
        _locality("North", 12.0, north, 10),
    ]
    past = [
        _locality("PastWest", west - 0.001, 62.5, 10),
        _locality("PastEast", east + 0.001, 62.5, 10),
        _locality("PastSouth", 12.0, south - 0.001, 10),
        _locality("PastNorth", 12.0, north + 0.001, 10),
        _locality("Corner", east + 1, north + 1, 10),
    ]
    kept = {p.name for p in maps.places_for(_bundle(*on_edges, *past), outlines, ROROS, "region", FRAME)}
    assert kept == {"West", "East", "South", "North"}


def test_the_town_itself_is_left_out_and_neighbours_come_first(outlines: maps.Outlines) -> None:
    # Within 3 km of the town's point is GeoNames' own point for the town; within 15 km a next-door neighbour.
    near_town = (ROROS[0] + 0.02, ROROS[1])  # about 1 km east
    neighbour = (ROROS[0] + 0.15, ROROS[1])  # about 7.7 km east
    assert haversine_km(ROROS, near_town) < 3 and 3 < haversine_km(ROROS, neighbour) < 15
    bundle = _bundle(
        _locality("Røros", *near_town, 3000),
        _locality("Big", 12.5, 62.8, 90_000),
        _locality("Os", *neighbour, 1000),
        _locality("Bigger", 12.6, 62.9, 100_000),
    )
    assert [p.name for p in maps.places_for(bundle, outlines, ROROS, "region", FRAME)] == ["Os", "Bigger", "Big"]


def test_a_place_exactly_3_km_from_the_town_is_the_town_itself() -> None:
    # GeoNames has its own point for the town, a little off the data file's: a place within 3 km (3 included) is
    # that point, not a neighbour to name. The first point is exactly 3 km from (20, 60) by the haversine (found by
    # bisection on the latitude, to the last bit); the second is about 3.1 km away.
    town = (20.0, 60.0)
    exactly, past = (20.00351, 60.02692251635541), (20.00361, 60.028)
    assert haversine_km(town, exactly) == 3.0 and 3.0 < haversine_km(town, past) < 3.2
    bundle = _bundle(_locality("Exactly", *exactly, 500), _locality("Past", *past, 400))
    chosen = maps.places_for(bundle, maps.Outlines((), "test", "test", FRAME), town, "region", (19.0, 59.0, 21.0, 61.0))
    assert [p.name for p in chosen] == ["Past"]


def test_no_place_is_exactly_15_km_from_the_town_as_the_map_measures() -> None:
    # Why the neighbour limit (15 km, included) has no mutant a test can kill: 2 R asin(x), R the IUGG mean radius,
    # jumps from just under 15 km to just over it between two neighbouring floats x; so `<= 15` and `< 15` agree.
    two_r = 2 * 6371.0088
    x = 15 / two_r
    assert two_r * math.nextafter(x, 0) < two_r * x < 15.0 < two_r * math.nextafter(x, 1)


def test_the_floats_either_side_of_15_km_decide_who_is_a_next_door_neighbour() -> None:
    # 15 km itself cannot be reached (above), so the limit is tried at the floats either side of it: the points
    # were found by bisection on the latitude, and the haversine here puts them at exactly those distances.
    town = (20.0, 60.0)
    near, far = (20.000217, 60.134898011102806), (20.000216, 60.1348980115024)
    assert haversine_km(town, near) == 14.999999999999998 and haversine_km(town, far) == 15.000000000000002
    bundle = _bundle(_locality("Big", 20.5, 60.5, 90_000), _locality("Far", *far, 800), _locality("Near", *near, 500))
    chosen = maps.places_for(bundle, maps.Outlines((), "test", "test", FRAME), town, "region", (19.0, 59.0, 21.0, 61.0))
    assert [p.name for p in chosen] == ["Near", "Big", "Far"]  # a neighbour first, then by population


# ---------------------------------------------------------------------------------------------- canvas and scale


def test_a_frame_that_needs_exactly_the_rows_keeps_them() -> None:
    # On the equator a frame 10 degrees wide and 1 high has the aspect 10: 80 columns need 80 * 2 / 10 / 4 = 4 lines.
    wide = (0.0, -0.5, 10.0, 0.5)
    assert maps.canvas_size(wide, 80, 4) == (80, 4)
    assert maps.canvas_size(wide, 80, 3) == (80, 5)  # fewer rows than five: five
    assert maps.canvas_size(wide, 80, 100) == (80, 4)


def test_the_scale_is_the_longest_round_distance_that_fits() -> None:
    assert maps.scale_km(1.0, 100.0) == (100, 100.0)  # exactly as long as it may be
    assert maps.scale_km(1.0, 99.9) == (50, 50.0)
    assert maps.scale_km(2.0, 500.0) == (1000, 500.0)
    assert maps.scale_km(1.0, 4.9) == (0, 0.0)  # nothing round is that short


SCALES = (1000, 500, 250, 200, 100, 50, 20, 10, 5)


@pytest.mark.parametrize("columns", [10, 11, 12, 13, 20, 40, 80, 160])
def test_the_scale_bar_is_at_most_a_quarter_of_the_width_and_at_least_three_cells(
    outlines: maps.Outlines, columns: int
) -> None:
    # The region is 640 km wide along its middle, over `columns` cells of two dots (2 * columns - 1 dot steps).
    km_per_cell = 640 / (2 * columns - 1) * 2
    longest = max(columns // 4, 3)
    fitting = [km for km in SCALES if 3 <= round(km / km_per_cell) <= longest]
    bar = mapterm.scale_bar(outlines, ROROS, "Røros", columns, 200)
    if not fitting:
        assert bar == ""
        return
    cells = round(fitting[0] / km_per_cell)
    assert bar == "├" + "─" * (cells - 2) + f"┤ {fitting[0]} km"


def test_the_scale_bar_limits_are_reached() -> None:
    # The cases above include a bar exactly three cells long that is also exactly the longest allowed (10 columns:
    # 200 km is 2.97 cells), so both ends of the rule are tried at their limit.
    assert round(200 / (640 / 19 * 2)) == 3 and max(10 // 4, 3) == 3


# ---------------------------------------------------------------------------------------------- Braille dots

# Unicode's Braille patterns: U+2800 plus one bit per dot; dots 1-2-3-7 down the left column, 4-5-6-8 the right.
DOT_BITS = {
    0x01: (0, 0),
    0x02: (0, 1),
    0x04: (0, 2),
    0x40: (0, 3),
    0x08: (1, 0),
    0x10: (1, 1),
    0x20: (1, 2),
    0x80: (1, 3),
}
TOWN = (11.0, 62.5)


def _rectangle(west: float, south: float, east: float, north: float) -> list[tuple[float, float]]:
    return [(west, south), (east, south), (east, north), (west, north), (west, south)]


@pytest.fixture(scope="module")
def squares() -> maps.Outlines:
    """A square country around the town, a band crossing the map from west to east and one from north to south,
    and a diamond."""
    countries = (
        maps.Country("Squareland", True, ((_rectangle(10.0, 62.0, 12.0, 63.0),),)),
        maps.Country("Westeast", False, ((_rectangle(0.0, 63.6, 30.0, 63.8),),)),
        maps.Country("Northsouth", False, ((_rectangle(14.0, 50.0, 14.3, 75.0),),)),
        # Slanting lines, so that every dot of a cell is drawn somewhere near a line and nowhere off one.
        maps.Country("Diamondland", False, (([(7.0, 62.0), (8.0, 62.5), (7.0, 63.0), (6.0, 62.5), (7.0, 62.0)],),)),
    )
    return maps.Outlines(countries, "test", "test", (0.0, 50.0, 30.0, 75.0))


def _dots(lines: list[list[tuple[str, str]]]) -> set[tuple[int, int]]:
    dots = set()
    for row, line in enumerate(lines):
        for column, char in enumerate("".join(text for text, _ in line)):
            if 0x2800 <= ord(char) <= 0x28FF:
                for bit, (dx, dy) in DOT_BITS.items():
                    if (ord(char) - 0x2800) & bit:
                        dots.add((2 * column + dx, 4 * row + dy))
    return dots


def _distance_to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def test_every_braille_dot_lies_on_an_outline(squares: maps.Outlines) -> None:
    drawn = mapterm.terminal_map(squares, TOWN, "T", 80, 40)
    width, height = drawn.columns * 2, drawn.rows * 4
    assert (drawn.columns, drawn.rows) == (80, math.ceil(80 * 2 / (640 / 360) / 4))
    half_width = 320 / (KM_PER_DEGREE * math.cos(math.radians(TOWN[1])))
    half_height = 180 / KM_PER_DEGREE
    west, north = TOWN[0] - half_width, TOWN[1] + half_height

    def project(point: tuple[float, float]) -> tuple[float, float]:
        return (
            (point[0] - west) / (2 * half_width) * (width - 1),
            (north - point[1]) / (2 * half_height) * (height - 1),
        )

    segments = [
        (project(a), project(b))
        for country in squares.countries
        for polygon in country.polygons
        for ring in polygon
        for a, b in itertools.pairwise(ring)
    ]
    dots = _dots(drawn.lines)
    assert len(dots) > 200
    for dot in dots:  # each dot is the pixel a point of a line rounds to: at most half a pixel off in x and y
        assert min(_distance_to_segment(dot, a, b) for a, b in segments) <= 0.75, dot
    # Every one of a cell's eight dots is used somewhere, and the lines reach the canvas's four edges.
    assert {(x % 2, y % 4) for x, y in dots} == set(DOT_BITS.values())
    assert {x for x, _ in dots} >= {0, 1, width - 2, width - 1} or min(x for x, _ in dots) == 0
    assert min(x for x, _ in dots) == 0 and max(x for x, _ in dots) >= width - 2
    assert min(y for _, y in dots) == 0 and max(y for _, y in dots) >= height - 4
    # The town's marker stands where the town is.
    x, y = project(TOWN)
    row = drawn.lines[int(y // 4)]
    assert "".join(text for text, _ in row)[int(x // 2)] == "●"


# ---------------------------------------------------------------------------------------------- GeoJSON and SVG


def _fjellby(longitude: float, latitude: float) -> object:
    return _place(repr(latitude), repr(longitude))


def test_the_geojson_and_svg_hold_only_the_countries_the_frame_meets(squares: maps.Outlines) -> None:
    far = maps.Country("Farland", False, ((_rectangle(25.0, 51.0, 26.0, 52.0),),))  # 1,200 km south-east
    outlines = maps.Outlines((*squares.countries, far), "test", "test", (0.0, 50.0, 30.0, 75.0))
    place = _fjellby(*TOWN)
    names = [f["properties"]["name"] for f in mapexport.geojson(place, outlines)["features"]]  # type: ignore[arg-type]
    assert names == ["Fjellby", "Squareland", "Westeast", "Northsouth", "Diamondland"]
    drawn = mapexport.svg(place, outlines)  # type: ignore[arg-type]
    assert re.findall(r"<title>([A-Za-z]+)</title></path>", drawn) == [
        "Westeast",
        "Northsouth",
        "Diamondland",
        "Squareland",
    ]


def test_the_svg_marks_each_named_place_once_and_the_town_apart(outlines: maps.Outlines) -> None:
    from roros_cli.places import load_places

    place = _fjellby(*ROROS)
    drawn = mapexport.svg(place, outlines, "region", load_places())  # type: ignore[arg-type]
    named = len(re.findall(r'class="label place"', drawn))
    assert named >= 3
    assert len(re.findall(r'<circle class="place"', drawn)) == named
    assert len(re.findall(r'<circle class="town"', drawn)) == 1
    assert 'class="leader"' not in drawn  # the town's name stands beside it: no line needed
    width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', drawn).groups())  # type: ignore[union-attr]
    assert (width, height) == (1600, 900)


@pytest.mark.parametrize(
    ("left", "leader"),
    [(120.0, "M 100.0,100.0 L 120.0,100.0"), (119.5, None), (140.0, "M 100.0,100.0 L 140.0,100.0")],
)
def test_a_town_name_20_px_or_more_off_its_marker_gets_a_leader_line(left: float, leader: str | None) -> None:
    # The name's box is level with the marker at (100, 100), its left edge `left` px right of it: the leader runs
    # from the marker to the nearest point of the box, (left, 100), when that is at least 20 px away.
    drawn = mapexport._leader((100.0, 100.0), (left, 90.0, left + 80, 110.0))
    found = re.search(r'<path class="leader" d="([^"]+)"', drawn)
    assert (found.group(1) if found else None) == leader


# ---------------------------------------------------------------------------------------------- labels


def _segment_meets_box(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether a segment enters a box's inside (clipped against each side in turn: Cohen and Sutherland)."""
    left, top, right, bottom = box[0] + 0.01, box[1] + 0.01, box[2] - 0.01, box[3] - 0.01
    if max(a[0], b[0]) < left or min(a[0], b[0]) > right or max(a[1], b[1]) < top or min(a[1], b[1]) > bottom:
        return False
    start, end = 0.0, 1.0
    (x0, y0), (dx, dy) = a, (b[0] - a[0], b[1] - a[1])
    for offset, direction, low, high in ((x0, dx, left, right), (y0, dy, top, bottom)):
        if direction == 0:
            if not low <= offset <= high:
                return False
            continue
        first, second = (low - offset) / direction, (high - offset) / direction
        start, end = max(start, min(first, second)), min(end, max(first, second))
    return start <= end


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] - 1e-9 and b[0] < a[2] - 1e-9 and a[1] < b[3] - 1e-9 and b[1] < a[3] - 1e-9


def _furniture(drawn: str) -> list[tuple[float, float, float, float]]:
    boxes = []
    for x, y, width, height in re.findall(
        r'<g id="[a-z-]+"[^>]*><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', drawn
    ):
        boxes.append((float(x), float(y), float(x) + float(width), float(y) + float(height)))
    return boxes


@pytest.mark.parametrize("zoom", maps.ZOOMS)
def test_svg_labels_cross_no_line_cover_nothing_and_stay_on_the_canvas(outlines: maps.Outlines, zoom: str) -> None:
    from roros_cli.places import load_places

    place = _fjellby(*ROROS)
    bundle = load_places()
    project, labels = mapexport.svg_labels(place, outlines, zoom, bundle)  # type: ignore[arg-type]
    drawn = mapexport.svg(place, outlines, zoom, bundle)  # type: ignore[arg-type]
    width, height = project.width, project.height
    _, (west, south, east, north) = maps.frame_for(outlines, ROROS, "Røros", zoom)

    def to_canvas(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - west) / (east - west) * (width - 1), (north - point[1]) / (north - south) * (height - 1)

    segments = [
        (to_canvas(a), to_canvas(b))
        for country in outlines.countries
        for polygon in country.polygons
        for ring in polygon
        for a, b in itertools.pairwise(ring)
    ]
    segments = [(a, b) for a, b in segments if max(a[0], b[0]) > -50 and min(a[0], b[0]) < width + 50]
    segments = [(a, b) for a, b in segments if max(a[1], b[1]) > -50 and min(a[1], b[1]) < height + 50]
    kinds = [label.kind for label in labels]
    assert kinds[0] == "town"
    if zoom == "region":
        assert labels[0].box != (0.0, 0.0, 0.0, 0.0), "the town's name is placed"
    assert "country" in kinds and kinds.count("place") >= 3
    markers = [(label.at[0] - 5, label.at[1] - 5, label.at[0] + 5, label.at[1] + 5) for label in labels if label.at]
    furniture = _furniture(drawn)
    assert len(furniture) == 3
    boxes = [label.box for label in labels]
    for number, label in enumerate(labels):
        box = label.box
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, label
        assert not any(_overlap(box, other) for other in boxes[:number] + boxes[number + 1 :]), label
        assert not any(_overlap(box, marker) for marker in markers), label
        assert not any(_overlap(box, thing) for thing in furniture), label
        assert not any(_segment_meets_box(a, b, box) for a, b in segments), label
        if label.kind == "country":  # in its own country, near the middle of what the map shows of it
            centre = (
                (box[0] + box[2]) / 2 / (width - 1) * (east - west) + west,
                north - (box[1] + box[3]) / 2 / (height - 1) * (north - south),
            )
            found = maps.country_at(outlines, centre)
            assert found is not None and found.name.upper() == label.text, label
    places = [label.at for label in labels if label.kind == "place" and label.at]
    for number, at in enumerate(places):  # markers closer than 30 pixels would hide each other
        assert all(math.dist(at, other) >= 30 for other in places[number + 1 :])


@pytest.mark.parametrize("columns", [60, 100])
def test_terminal_labels_take_no_cell_with_a_dot(outlines: maps.Outlines, columns: int) -> None:
    from roros_cli.places import load_places

    drawn = mapterm.terminal_map(outlines, ROROS, "Røros", columns, 30, bundled=load_places())
    kinds = [label.kind for label in drawn.labels]
    assert kinds[0] == "town" and drawn.labels[0].box != (0.0, 0.0, 0.0, 0.0)
    assert "country" in kinds and "place" in kinds
    for label in drawn.labels:
        left, top, right, bottom = label.box
        assert left >= 0 and top >= 0 and right <= columns * 2 and bottom <= drawn.rows * 4, label
        cells = [
            drawn.bits[row][column]
            for row in range(int(top // 4), math.ceil(bottom / 4))
            for column in range(int(left // 2), math.ceil(right / 2))
        ]
        assert not any(cells), label
    text = "\n".join("".join(part for part, _ in line) for line in drawn.lines)
    assert text.count("●") == 1
    assert text.count("•") == kinds.count("place")


def _three_spots_world(spots: int) -> maps.Outlines:
    """A country that covers `spots` points of the 15 x 15 grid the names are tried on, in one row, and a
    big one the town is in: a country seen on fewer than three points is a corner, and is not named."""
    town = (11.0, 62.5)
    half_width = 320 / (KM_PER_DEGREE * math.cos(math.radians(town[1])))
    half_height = 180 / KM_PER_DEGREE
    west, north = town[0] - half_width, town[1] + half_height

    def at(x: float, y: float) -> tuple[float, float]:  # canvas (1600 x 900) to longitude and latitude
        return west + x / 1599 * 2 * half_width, north - y / 899 * 2 * half_height

    (w, n), (e, s) = at(50, 900 * 8 / 16 - 40), at(50 + 100 * spots, 900 * 8 / 16 + 40)
    small = maps.Country("Abc", False, ((_rectangle(w, s, e, n),),))
    (bw, bn), (be, bs) = at(700, 100), at(1500, 800)
    big = maps.Country("Big", True, ((_rectangle(bw, bs, be, bn),),))
    return maps.Outlines((big, small), "test", "test", (0.0, 50.0, 30.0, 75.0))


@pytest.mark.parametrize(("spots", "named"), [(2, False), (3, True)])
def test_a_country_seen_on_three_grid_points_is_named_and_on_two_is_not(spots: int, named: bool) -> None:
    world = _three_spots_world(spots)
    place = _fjellby(11.0, 62.5)
    _, labels = mapexport.svg_labels(place, world, "region", None)  # type: ignore[arg-type]
    names = {label.text for label in labels if label.kind == "country"}
    assert ("ABC" in names) == named


def _canvas_world(polygon: list[tuple[float, float]]) -> maps.Outlines:
    """A country drawn in the SVG's canvas units (1600 x 900) of the region around (11, 62.5)."""
    half_width = 320 / (KM_PER_DEGREE * math.cos(math.radians(62.5)))
    half_height = 180 / KM_PER_DEGREE
    west, north = 11.0 - half_width, 62.5 + half_height
    ring = [(west + x / 1599 * 2 * half_width, north - y / 899 * 2 * half_height) for x, y in polygon]
    return maps.Outlines((maps.Country("Big", True, ((ring,),)),), "test", "test", (0.0, 50.0, 30.0, 75.0))


def test_a_name_may_stand_beside_a_line_it_does_not_cross() -> None:
    # The town is at the canvas's middle (799.5, 449.5); its name, 7 letters of 30 px type, is about 151 x 38 px
    # right of the marker. The coast runs diagonally just past the name's lower right corner: the boxes around the
    # line and the name overlap, the line and the name do not, so the name keeps the place beside its marker.
    world = _canvas_world([(100, 100), (1030, 100), (1030, 410), (920, 520), (920, 800), (100, 800), (100, 100)])
    _, labels = mapexport.svg_labels(_fjellby(11.0, 62.5), world, "region", None)  # type: ignore[arg-type]
    town = labels[0]
    assert town.kind == "town" and town.at is not None
    left, top, right, bottom = town.box
    assert town.at[0] < left < town.at[0] + 14 and top < town.at[1] < bottom  # beside it, level with it
    assert right + bottom < 1440 and right > 920 and bottom > 410  # near the line, not across it


def test_no_name_is_drawn_off_the_canvas(outlines: maps.Outlines) -> None:
    from roros_cli.places import load_places

    for zoom in maps.ZOOMS:
        drawn = mapexport.svg(_fjellby(*ROROS), outlines, zoom, load_places())  # type: ignore[arg-type]
        for x, y in re.findall(r'<text class="label [a-z]+" x="(-?[\d.]+)" y="(-?[\d.]+)"', drawn):
            assert float(x) >= 0 and float(y) > 0, (zoom, x, y)


def test_a_country_that_touches_the_frame_is_in_it() -> None:
    # Europe's frame runs from 25°W to 45°E and from 34°N to 72.5°N (the coordinates of its edges are Natural
    # Earth's clip); a country whose outline only touches an edge is still a country the map meets.
    home = maps.Country("Squareland", True, ((_rectangle(10.0, 62.0, 12.0, 63.0),),))
    edges = (
        maps.Country("Eastedge", False, ((_rectangle(45.0, 50.0, 46.0, 51.0),),)),
        maps.Country("Westedge", False, ((_rectangle(-26.0, 50.0, -25.0, 51.0),),)),
        maps.Country("Northedge", False, ((_rectangle(10.0, 72.5, 11.0, 73.0),),)),
        maps.Country("Southedge", False, ((_rectangle(10.0, 33.0, 11.0, 34.0),),)),
        maps.Country("Beyond", False, ((_rectangle(46.5, 50.0, 47.0, 51.0),),)),
    )
    world = maps.Outlines((home, *edges), "test", "test", (-30.0, 30.0, 50.0, 75.0))
    collection = mapexport.geojson(_fjellby(*TOWN), world, "europe")  # type: ignore[arg-type]
    names = [feature["properties"]["name"] for feature in collection["features"]]
    assert names == ["Fjellby", "Squareland", "Eastedge", "Westedge", "Northedge", "Southedge"]


def test_a_harbour_in_the_sea_names_itself_on_its_own_shore(squares: maps.Outlines) -> None:
    # A place 0.01° (about half a kilometre) off Squareland's west coast, as the coarse outlines leave a harbour:
    # it belongs to the nearest land, so its name may stand on that land, right of its marker, as a name first does.
    harbour = _locality("Harbour", 9.99, 62.15, 500)
    _, labels = mapexport.svg_labels(_fjellby(*TOWN), squares, "region", _bundle(harbour))  # type: ignore[arg-type]
    placed = [label for label in labels if label.text == "Harbour"]
    assert placed and placed[0].at is not None
    assert placed[0].box[0] > placed[0].at[0]  # right of the marker: on the land
    assert maps.country_at(squares, (9.99, 62.15)) is None  # the point itself is in the sea


def test_a_crowded_towns_name_steps_away_level_with_it() -> None:
    # The town (at the canvas's middle, 799.5 x 449.5) is on an island 60 px across, and a strait's far shore runs
    # the whole height 45 px east of it: no place beside the marker is free of a line. The name steps away, 14 px
    # at a time: east it meets the far shore; west, after two steps (28 px), it clears the island, level with the
    # marker, its right edge at 799.5 - 9 - 28 = 762.5.
    half_width = 320 / (KM_PER_DEGREE * math.cos(math.radians(62.5)))
    half_height = 180 / KM_PER_DEGREE
    west, north = 11.0 - half_width, 62.5 + half_height

    def ring(left: float, top: float, right: float, bottom: float) -> list[tuple[float, float]]:
        corners = [(left, bottom), (right, bottom), (right, top), (left, top), (left, bottom)]
        return [(west + x / 1599 * 2 * half_width, north - y / 899 * 2 * half_height) for x, y in corners]

    island = maps.Country("Island", True, ((ring(769.5, 419.5, 829.5, 479.5),),))
    shore = maps.Country("Shore", False, ((ring(845.0, -50.0, 1700.0, 950.0),),))
    world = maps.Outlines((island, shore), "test", "test", (0.0, 50.0, 30.0, 75.0))
    _, labels = mapexport.svg_labels(_fjellby(11.0, 62.5), world, "region", None)  # type: ignore[arg-type]
    town = labels[0]
    assert town.kind == "town" and town.at is not None
    _, top, right, bottom = town.box
    assert right == pytest.approx(762.5, abs=0.01)
    assert top < town.at[1] < bottom
