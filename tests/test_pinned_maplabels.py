"""Where a map's names may stand, at each limit of the rules and one step past it: a name may touch another name,
a marker, the map's furniture or the canvas's edge, but not overlap them; a name may not touch a border or a coast
(a line along its edge, or ending on it, counts as crossing it). In-process and fast.

The canvas here is 129 x 129 units over a frame 128 degrees square, so a point's canvas position is exactly its
longitude and 128 minus its latitude (a power of two: no rounding), and every expectation is hand geometry. Each
test gives the layout one candidate box for the name, so the name stands exactly there or nowhere.
"""

from __future__ import annotations

import pytest

from roros_cli import maplabels, maps
from roros_cli.places import Locality

SIDE = 128.0
PROJECT = maps.Projection((0.0, 0.0, SIDE, SIDE), int(SIDE) + 1, int(SIDE) + 1)
NOWHERE = (0.0, 0.0, 0.0, 0.0)
TOWN_AT = (10.0, 10.0)  # the town's marker, on the canvas, out of every test's way


def _lonlat(x: float, y: float) -> tuple[float, float]:
    """The (longitude, latitude) at a canvas point (this frame's projection, worked out by hand)."""
    return x, SIDE - y


def _world(*rectangles: tuple[float, float, float, float]) -> maps.Outlines:
    """One country per rectangle (left, top, right, bottom on the canvas): their sides are the map's lines."""
    countries = []
    for number, (left, top, right, bottom) in enumerate(rectangles):
        corners = [(left, bottom), (right, bottom), (right, top), (left, top), (left, bottom)]
        ring = [_lonlat(x, y) for x, y in corners]
        countries.append(maps.Country(f"Land{number}", number == 0, ((ring,),)))
    return maps.Outlines(tuple(countries), "test", "test", (0.0, 0.0, SIDE, SIDE))


def _style(corner: tuple[float, float]) -> maplabels.Style:
    """Every name is 10 x 10 and has one candidate place, its top-left corner at `corner`; markers are 2 x 2."""
    return maplabels.Style(
        measure=lambda text, kind: (10.0, 10.0),
        candidates=lambda at, width, height: [corner],
        marker=lambda at: (at[0] - 1, at[1] - 1, at[0] + 1, at[1] + 1),
        spacing=4.0,
        step=(0.0, 0.0),  # the town's name steps nowhere further off: its one candidate or nowhere
    )


def _town_box(
    corner: tuple[float, float],
    world: maps.Outlines | None = None,
    furniture: list[maps.Box] | None = None,
) -> maps.Box:
    """Where the town's name stands when its one candidate has its top-left corner at `corner`."""
    outlines = world or _world()
    labels = maplabels.layout(outlines, PROJECT, ("Town", _lonlat(*TOWN_AT)), [], _style(corner), furniture or [])
    assert labels[0].kind == "town"
    return labels[0].box


def test_the_projection_here_is_the_identity_worked_out_by_hand() -> None:
    # The premise of every test below: canvas x is the longitude, canvas y is 128 minus the latitude, exactly.
    assert PROJECT((37.5, 128.0 - 61.25)) == (37.5, 61.25)
    assert PROJECT.back(37.5, 61.25) == (37.5, 128.0 - 61.25)


# ---------------------------------------------------------------------------------------------- other boxes

FURNITURE = (50.0, 50.0, 60.0, 60.0)  # a 10 x 10 box taken before any name, as the SVG's north arrow is


@pytest.mark.parametrize(
    ("side", "touching", "overlapping"),
    [
        ("right of it", (60.0, 50.0), (59.5, 50.0)),
        ("left of it", (40.0, 50.0), (40.5, 50.0)),
        ("below it", (50.0, 60.0), (50.0, 59.5)),
        ("above it", (50.0, 40.0), (50.0, 40.5)),
    ],
)
def test_a_name_may_touch_a_taken_box_but_not_overlap_it(
    side: str, touching: tuple[float, float], overlapping: tuple[float, float]
) -> None:
    x, y = touching
    assert _town_box(touching, furniture=[FURNITURE]) == (x, y, x + 10, y + 10), side
    assert _town_box(overlapping, furniture=[FURNITURE]) == NOWHERE, side


# ---------------------------------------------------------------------------------------------- the canvas's edge


@pytest.mark.parametrize(
    ("edge", "touching", "past"),
    [
        ("left", (0.0, 60.0), (-0.5, 60.0)),
        ("top", (60.0, 0.0), (60.0, -0.5)),
        ("right", (119.0, 60.0), (119.5, 60.0)),  # the canvas is 129 wide: the box's right edge at 129
        ("bottom", (60.0, 119.0), (60.0, 119.5)),
    ],
)
def test_a_name_may_reach_the_canvas_edge_but_not_pass_it(
    edge: str, touching: tuple[float, float], past: tuple[float, float]
) -> None:
    x, y = touching
    assert _town_box(touching) == (x, y, x + 10, y + 10), edge
    assert _town_box(past) == NOWHERE, edge


# ---------------------------------------------------------------------------------------------- lines


def test_a_name_whose_edge_lies_on_a_coast_crosses_it() -> None:
    # A strip of land from y = 50 to 51 across the map; the name above it, in the sea.
    strip = _world((0.0, 50.0, SIDE, 51.0))
    assert _town_box((30.0, 39.5), strip) == (30.0, 39.5, 40.0, 49.5)  # half a unit clear of the coast
    assert _town_box((30.0, 40.0), strip) == NOWHERE  # its bottom edge on the coast
    # The same with the land left of the name: a coast running down x = 50.
    band = _world((49.0, 0.0, 50.0, SIDE))
    assert _town_box((50.5, 30.0), band) == (50.5, 30.0, 60.5, 40.0)
    assert _town_box((50.0, 30.0), band) == NOWHERE


def test_a_name_whose_corner_a_coast_ends_on_crosses_it() -> None:
    # Land whose corner is exactly the name's bottom-right corner: the two lines from it touch the name at a point.
    corner = _world((40.0, 50.0, 60.0, 70.0))
    assert _town_box((29.5, 39.5), corner) == (29.5, 39.5, 39.5, 49.5)
    assert _town_box((30.0, 40.0), corner) == NOWHERE
    # A triangle whose sharp corner is on the name's right edge, half-way down it.
    slant = maps.Outlines(
        (maps.Country("Slant", True, (([_lonlat(40, 45), _lonlat(60, 65), _lonlat(60, 45), _lonlat(40, 45)],),)),),
        "test",
        "test",
        (0.0, 0.0, SIDE, SIDE),
    )
    assert _town_box((29.5, 40.0), slant) == (29.5, 40.0, 39.5, 50.0)
    assert _town_box((30.0, 40.0), slant) == NOWHERE


@pytest.mark.parametrize(
    ("edge", "land", "touching", "clear"),
    [
        # Land whose side is the canvas's own edge: a name against that edge touches the line.
        ("left", (-20.0, 40.0, 0.0, 80.0), (0.0, 50.0), (0.5, 50.0)),
        ("top", (40.0, -20.0, 80.0, 0.0), (50.0, 0.0), (50.0, 0.5)),
        ("right", (129.0, 40.0, 150.0, 80.0), (119.0, 50.0), (118.5, 50.0)),
        ("bottom", (40.0, 129.0, 80.0, 150.0), (50.0, 119.0), (50.0, 118.5)),
    ],
)
def test_a_line_along_the_canvas_edge_still_counts(
    edge: str, land: tuple[float, float, float, float], touching: tuple[float, float], clear: tuple[float, float]
) -> None:
    world = _world(land)
    x, y = clear
    assert _town_box(clear, world) == (x, y, x + 10, y + 10), edge
    assert _town_box(touching, world) == NOWHERE, edge


def _locality(name: str, x: float, y: float, population: int = 100) -> Locality:
    longitude, latitude = _lonlat(x, y)
    return Locality(name, "NO", latitude, longitude, population, "Europe/Oslo")


def _beside(size: tuple[float, float] = (10.0, 3.0)) -> maplabels.Style:
    """Every name `size`, with one candidate place: right of its marker, one unit off, level with it."""
    return maplabels.Style(
        measure=lambda text, kind: size,
        candidates=lambda at, width, height: [(at[0] + 1, at[1] - height / 2)],
        marker=lambda at: (at[0] - 1, at[1] - 1, at[0] + 1, at[1] + 1),
        spacing=4.0,
        step=(0.0, 0.0),
    )


# ---------------------------------------------------------------------------------------------- markers


@pytest.mark.parametrize(("apart", "both"), [(4.0, True), (3.5, False)])
def test_two_places_markers_exactly_the_spacing_apart_are_both_shown(apart: float, both: bool) -> None:
    # Two places one above the other: their names (10 x 3, right of each marker) never meet, so only the rule
    # that markers closer than the spacing (4 units here) hide each other decides; the more populous stays.
    places = [_locality("First", 60.0, 60.0, 2000), _locality("Second", 60.0, 60.0 + apart, 1000)]
    labels = maplabels.layout(_world(), PROJECT, ("Town", _lonlat(*TOWN_AT)), places, _beside())
    shown = [label.text for label in labels if label.kind == "place"]
    assert shown == (["First", "Second"] if both else ["First"])
    if both:
        assert labels[-1].box == (61.0, 60.0 + apart - 1.5, 71.0, 60.0 + apart + 1.5)


# ---------------------------------------------------------------------------------------------- the town's name


def _stepping(corner_x: float) -> maplabels.Style:
    """The town's name (10 x 10) has one candidate, above its marker at (60, 60), with its left edge at
    `corner_x`; stepping away moves it 4 units at a time, across and up."""
    return maplabels.Style(
        measure=lambda text, kind: (10.0, 10.0),
        candidates=lambda at, width, height: [(corner_x, 40.0)],
        marker=lambda at: (at[0] - 1, at[1] - 1, at[0] + 1, at[1] + 1),
        spacing=4.0,
        step=(4.0, 4.0),
    )


@pytest.mark.parametrize(
    ("corner_x", "stepped_x"),
    [
        (55.5, 55.5),  # the name's centre half a unit right of the marker: it counts as above it, steps straight up
        (55.75, 59.75),  # three quarters of a unit right: it steps right as well as up
        (54.5, 54.5),  # half a unit left: straight up
        (54.25, 50.25),  # three quarters left: left as well as up
    ],
)
def test_a_crowded_towns_name_steps_away_from_its_marker_across_only_if_it_stands_aside(
    corner_x: float, stepped_x: float
) -> None:
    # A taken strip (y 49 to 50.5) covers the candidate (y 40 to 50); one step up (y 36 to 46) clears it.
    strip = (0.0, 49.0, SIDE, 50.5)
    labels = maplabels.layout(_world(), PROJECT, ("Town", _lonlat(60.0, 60.0)), [], _stepping(corner_x), [strip])
    assert labels[0].box == (stepped_x, 36.0, stepped_x + 10, 46.0)


@pytest.mark.parametrize(
    ("neighbour", "reserved"),
    [((20.000217, 60.134898011102806), True), ((20.000216, 60.1348980115024), False)],
)
def test_a_next_door_neighbours_marker_keeps_its_room_from_the_towns_name(
    neighbour: tuple[float, float], reserved: bool
) -> None:
    # The town at (20, 60) (canvas 20, 68); the place due north of it, at the floats just under and just over
    # 15 km (15 km itself cannot be reached: see test_pinned_maps). Its marker reaches 0.135 units above the
    # town's. The town's name has one candidate, touching the top of the town's own marker: it overlaps the
    # neighbour's marker, so it is refused while a next-door neighbour keeps that room, and kept otherwise.
    place = Locality("Neighbour", "NO", neighbour[1], neighbour[0], 100, "Europe/Oslo")
    labels = maplabels.layout(_world(), PROJECT, ("Town", (20.0, 60.0)), [place], _style((15.0, 57.0)))
    assert labels[0].box == (NOWHERE if reserved else (15.0, 57.0, 25.0, 67.0))
