"""`roros map` and `roros sun`: the marker inside Norway at the right place, GeoJSON by its RFC, SVG as XML, and
the sun against an independent computation (the Astronomical Almanac's formulas, written out here) and the
latitude: about 4 h 50 min of daylight at midwinter, about 20 h at midsummer, light all night in June."""

from __future__ import annotations

import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roros_cli import maps, mapterm
from roros_cli import sun as suns
from roros_cli.model import Place

from conftest import FJELLBY, run_process

ROROS = (11.38339, 62.57427)


# ---------------------------------------------------------------------------------------------- map


@pytest.fixture(scope="module")
def outlines() -> maps.Outlines:
    return maps.load_outlines()


def test_the_outlines_record_their_source_and_licence(outlines: maps.Outlines) -> None:
    assert "Natural Earth" in outlines.source and "geopandas 0.14.4" in outlines.source
    assert "Public domain" in outlines.license
    names = {country.name for country in outlines.countries}
    assert {"Norway", "Sweden", "Finland", "Russia", "Denmark"} <= names
    assert [country.name for country in outlines.countries if country.main] == ["Norway"]


def test_roros_is_inside_norway_and_not_its_neighbours(outlines: maps.Outlines) -> None:
    country = maps.country_at(outlines, ROROS)
    assert country is not None and country.name == "Norway"
    assert maps.country_at(outlines, (18.07, 59.33)).name == "Sweden"  # type: ignore[union-attr]  # Stockholm
    assert maps.country_at(outlines, (4.0, 62.0)) is None  # the sea west of Norway


@pytest.mark.parametrize("columns", [40, 80, 160])
def test_the_marker_stands_where_roros_is(outlines: maps.Outlines, columns: int) -> None:
    lines = mapterm.terminal_map(outlines, ROROS, "Røros", columns, 60).lines
    text = ["".join(fragment for fragment, _ in line) for line in lines]
    row = next(index for index, line in enumerate(text) if "●" in line)
    column = text[row].index("●")
    country, frame = maps.frame_for(outlines, ROROS, "Røros")
    cols, rows = maps.canvas_size(frame, columns, 60)
    assert max(len(line) for line in text) <= cols <= columns
    project = maps.Projection(frame, cols * 2, rows * 4)
    x, y = project(ROROS)
    assert (column, row) == (int(x // 2), int(y // 4))
    # The marker's cell, taken back to degrees, is inside Norway's outline.
    west, south, east, north = frame
    longitude = west + (column * 2 + 1) / (cols * 2 - 1) * (east - west)
    latitude = north - (row * 4 + 2) / (rows * 4 - 1) * (north - south)
    assert abs(longitude - ROROS[0]) < (east - west) / cols
    assert maps.country_at(outlines, ROROS) is country
    assert "Røros" in text[row]
    assert abs(latitude - ROROS[1]) < (north - south) / rows


@pytest.mark.parametrize("columns", [40, 80, 160, 220])
def test_the_terminal_map_fits_the_width(roros_script: str, columns: int) -> None:
    run = run_process([roros_script, "map"], env={"COLUMNS": str(columns), "LINES": "50"})
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode().split("\n")[:-1]
    assert all(len(line) <= columns and line == line.rstrip() for line in lines)
    assert sum("⠀" < char <= "⣿" for line in lines for char in line) > 20  # a drawing (the region's coast), not a blank
    row = next(index for index, line in enumerate(lines) if "●" in line)
    assert any("Røros" in line for line in lines[max(row - 1, 0) : row + 2])  # the name beside, above or below
    assert "Glåmos: about 10 km (6.2 mi) north" in run.stdout.decode()
    assert re.search(r"├─+┤ \d+ km", run.stdout.decode())


def _ring_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def test_geojson_follows_rfc_7946(roros_script: str) -> None:
    run = run_process([roros_script, "map", "--geojson"])
    collection = json.loads(run.stdout)
    assert collection["type"] == "FeatureCollection"
    town, *others = collection["features"]
    countries = [feature for feature in others if feature["geometry"]["type"] != "Point"]
    assert countries and all(feature["properties"]["role"] == "place" for feature in others if feature not in countries)
    assert town["geometry"] == {"type": "Point", "coordinates": list(ROROS)}  # [longitude, latitude]
    assert town["properties"]["name"] == "Røros"
    assert town["properties"]["elevation"] == "630 m (2,070 ft)"
    for feature in countries:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            for index, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1]  # closed linear rings
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
                # The right-hand rule: exteriors counter-clockwise, holes clockwise.
                assert (_ring_area(ring) > 0) == (index == 0)


def test_svg_is_xml_with_nothing_from_the_network(short_tmp_path: Path, roros_script: str) -> None:
    target = short_tmp_path / "map.svg"  # a message shows a path whole up to 60 characters
    run = run_process([roros_script, "map", "--export", str(target)])
    assert run.returncode == 0 and f"wrote {target}" in run.stderr.decode()
    text = target.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not re.search(r"(href|url\(|@import|https?://(?!www\.w3\.org/2000/svg))", text)
    circles = [c for c in root.iter("{http://www.w3.org/2000/svg}circle") if c.get("class") == "town"]
    assert len(circles) == 1
    labels = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Røros" in labels


def test_another_place_is_mapped_from_its_own_file(roros_script: str) -> None:
    run = run_process([roros_script, "--data", str(FJELLBY), "map"], env={"COLUMNS": "80"})
    assert run.returncode == 0
    assert "Fjellby" in run.stdout.decode()


def test_a_place_outside_the_outlines_gets_a_clear_message(roros_script: str, tmp_path: Path) -> None:
    far = tmp_path / "far.toml"
    far.write_text(FJELLBY.read_text(encoding="utf-8").replace("value = 10.25", "value = -70.0"), encoding="utf-8")
    for args in (["map"], ["map", "--geojson"], ["map", "--export", str(tmp_path / "x.svg")]):
        run = run_process([roros_script, "--data", str(far), *args])
        assert run.returncode == 1
        assert b"outside the bundled outlines: Norway and its neighbours" in run.stderr
        assert run.stdout == b""


def test_map_export_takes_only_svg(roros_script: str, tmp_path: Path) -> None:
    run = run_process([roros_script, "map", "--export", str(tmp_path / "map.png")])
    assert run.returncode == 2 and b"ending in .svg" in run.stderr


# ---------------------------------------------------------------------------------------------- sun


def reference(
    day: date, latitude: float, longitude: float, zone: ZoneInfo, zenith: float = 90.833
) -> tuple[datetime, datetime] | None:
    """Sunrise and sunset from the Astronomical Almanac's low-precision formulas for the sun (good to about
    0.01 degree, 1950-2050), written out here independently of astral and evaluated again at each event's own
    time; the zenith 90.833 degrees is NOAA's (refraction and the sun's radius). None when the sun does not
    cross that zenith that day."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)

    def event(minutes: float, sign: int) -> float | None:
        moment = midnight + timedelta(minutes=minutes)
        n = (moment - datetime(2000, 1, 1, 12, tzinfo=timezone.utc)).total_seconds() / 86400
        mean = math.radians((280.460 + 0.9856474 * n) % 360)
        anomaly = math.radians((357.528 + 0.9856003 * n) % 360)
        ecliptic = mean + math.radians(1.915) * math.sin(anomaly) + math.radians(0.020) * math.sin(2 * anomaly)
        obliquity = math.radians(23.439 - 0.0000004 * n)
        declination = math.asin(math.sin(obliquity) * math.sin(ecliptic))
        ascension = math.atan2(math.cos(obliquity) * math.sin(ecliptic), math.cos(ecliptic))
        equation = 4 * math.degrees((mean - ascension + math.pi) % (2 * math.pi) - math.pi)  # minutes
        phi = math.radians(latitude)
        cos_ha = (math.cos(math.radians(zenith)) - math.sin(phi) * math.sin(declination)) / (
            math.cos(phi) * math.cos(declination)
        )
        if not -1 <= cos_ha <= 1:
            return None
        return 720 - 4 * (longitude + sign * math.degrees(math.acos(cos_ha))) - equation

    found = []
    for sign in (1, -1):  # sunrise, then sunset
        minutes: float | None = 720.0
        for _ in range(4):
            minutes = event(minutes, sign) if minutes is not None else None
        if minutes is None:
            return None
        found.append((midnight + timedelta(minutes=minutes)).astimezone(zone))
    return found[0], found[1]


@pytest.mark.parametrize("day", [date(2026, 12, 21), date(2026, 3, 20), date(2026, 6, 21), date(2026, 9, 23)])
def test_sunrise_and_sunset_agree_with_an_independent_computation_within_two_minutes(place: Place, day: date) -> None:
    computed = suns.day(place, day)
    expected = reference(day, ROROS[1], ROROS[0], ZoneInfo("Europe/Oslo"))
    assert expected is not None and computed.sunrise is not None and computed.sunset is not None
    assert abs(computed.sunrise - expected[0]) < timedelta(minutes=2)
    assert abs(computed.sunset - expected[1]) < timedelta(minutes=2)


def test_midwinter_midsummer_and_the_equinox_at_roros(place: Place) -> None:
    winter = suns.day(place, date(2026, 12, 21))
    summer = suns.day(place, date(2026, 6, 21))
    equinox = suns.day(place, date(2026, 3, 20))
    assert timedelta(hours=4, minutes=40) < winter.daylight < timedelta(hours=5)  # "about 4 h 50 min"
    assert timedelta(hours=19, minutes=50) < summer.daylight < timedelta(hours=20, minutes=15)  # "about 20 h"
    assert timedelta(hours=12) < equinox.daylight < timedelta(hours=12, minutes=20)
    assert summer.light_all_night and summer.dawn is None and summer.dusk is None
    assert -6 < summer.lowest < 0
    assert not winter.light_all_night and winter.dawn is not None
    assert summer.sunrise is not None and summer.sunrise.utcoffset() == timedelta(hours=2)  # CEST
    assert winter.noon.utcoffset() == timedelta(hours=1)  # CET
    # The civil twilight that never ends agrees with the reference: the sun does not reach 96° from the zenith.
    assert reference(date(2026, 6, 21), ROROS[1], ROROS[0], ZoneInfo("Europe/Oslo"), zenith=96) is None


def test_sun_says_plainly_that_midsummer_is_light_all_night(roros_script: str) -> None:
    run = run_process([roros_script, "sun", "--date", "2026-06-21"], env={"COLUMNS": "80"})
    text = run.stdout.decode()
    assert run.returncode == 0
    assert "It never gets darker than civil twilight" in text
    assert re.search(r"Civil dusk +none: light all night", text)


def test_sun_json_has_iso_times_with_offsets(roros_script: str) -> None:
    doc = json.loads(run_process([roros_script, "sun", "--date", "2026-12-21", "--json"]).stdout)
    assert doc["kind"] == "sun" and doc["zone"] == "Europe/Oslo"
    assert re.fullmatch(r"2026-12-21T09:4\d:\d\d\+01:00", doc["sunrise"])
    summer = json.loads(run_process([roros_script, "sun", "--date", "2026-06-21", "--json"]).stdout)
    assert summer["dusk"] is None and summer["light_all_night"] is True
    assert summer["sunset"].endswith("+02:00")


def test_sun_year_shows_every_month_with_a_bar(roros_script: str) -> None:
    run = run_process([roros_script, "sun", "--year", "2026"], env={"COLUMNS": "80"})
    lines = run.stdout.decode().splitlines()
    months = [line for line in lines if re.match(r"[A-Z][a-z]+ 21 ", line)]
    assert len(months) == 12
    bars = [line.count("█") for line in months]
    assert bars.index(max(bars)) == 5 and bars.index(min(bars)) == 11  # June longest, December shortest
    doc = json.loads(run_process([roros_script, "sun", "--year", "2026", "--json"]).stdout)
    assert next(day["date"] for day in doc["days"]) == "2026-01-21" and len(doc["days"]) == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sun", "--date", "21/06/2026"], b"is not a date such as 2026-06-21"),
        (["sun", "--date", ""], b"is not a date"),
        (["sun", "--year", "abc"], b"is not a year"),
        (["sun", "--date", "2026-06-21", "--year", "2026"], b"cannot be used together"),
    ],
)
def test_sun_usage_errors(roros_script: str, args: list[str], message: bytes) -> None:
    run = run_process([roros_script, *args])
    assert run.returncode == 2 and message in run.stderr


def test_sun_near_the_pole_does_not_fail(roros_script: str, tmp_path: Path) -> None:
    north = tmp_path / "north.toml"
    north.write_text(
        FJELLBY.read_text(encoding="utf-8").replace("value = 60.5", "value = 78.2"), encoding="utf-8"
    )  # Svalbard's latitude: polar night and midnight sun
    winter = run_process([roros_script, "--data", str(north), "sun", "--date", "2026-12-21"])
    assert winter.returncode == 0 and b"The sun does not rise today." in winter.stdout
    summer = run_process([roros_script, "--data", str(north), "sun", "--date", "2026-06-21", "--json"])
    assert json.loads(summer.stdout)["daylight_minutes"] == 1440
