"""Daylight compared (#21): `roros sun --compare PLACE` beside a bundled town of Norway, Sweden or Finland, by
day and by year, and `roros sun --year --export daylight.svg`, the year as a chart checked in Chromium.

The compared places' times are checked against `tests/data/sun_reference_places.csv`, written by
`tools/sun_reference.py` with skyfield and JPL's DE421 for Oslo, Tromsø and Helsinki, every day of 2026.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from roros_cli import sun as suns

from conftest import CliInvoker, Tabs, run_in_terminal, run_process

ROOT = Path(__file__).resolve().parent.parent
TABLE = Path(__file__).parent / "data" / "sun_reference_places.csv"
ROROS_TABLE = Path(__file__).parent / "data" / "sun_reference.csv"
EVENTS = ("dawn", "sunrise", "noon", "sunset", "dusk")
SVG = "{http://www.w3.org/2000/svg}"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return list(csv.DictReader(line for line in lines if not line.startswith("#")))


@pytest.fixture(scope="module")
def reference() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["place"], row["date"]): row for row in _rows(TABLE)}


def _shows(view: str, reference: str, place: str) -> bool:
    """The view shows the reference time at that place within a minute, rounded as views round (to the nearest
    minute: the tool agrees within seconds, which can fall on either side of a minute's half)."""
    moment = datetime.fromisoformat(reference)
    return any(f"{moment + timedelta(seconds=s + 30):%H:%M} in {place}" in view for s in (-60, 0, 60))


@pytest.mark.parametrize("name", ["Oslo", "Tromsø", "Helsinki"])
def test_compared_places_agree_with_the_reference_every_day(
    reference: dict[tuple[str, str], dict[str, str]], name: str
) -> None:
    """The place comes from the bundled GeoNames file, as the reference's coordinates do."""
    places = {p["name"]: p for p in json.loads((ROOT / "data" / "places.json").read_text(encoding="utf-8"))["places"]}
    site = suns.compared_site(name)
    assert (site.latitude, site.longitude, site.zone) == (
        places[name]["latitude"],
        places[name]["longitude"],
        places[name]["timezone"],
    )
    wrong = []
    for (place, day), row in reference.items():
        if place != name:
            continue
        computed = suns.day_of(site, date.fromisoformat(day))
        for event in EVENTS:
            mine = getattr(computed, event)
            expected = datetime.fromisoformat(row[event]) if row[event] else None
            if (mine is None) != (expected is None) or (
                mine is not None and expected is not None and abs(mine - expected) > timedelta(minutes=1)
            ):
                wrong.append((day, event, row[event], mine))
    assert not wrong, wrong[:5]


def test_compare_side_by_side_on_a_day(roros_script: str, reference: dict[tuple[str, str], dict[str, str]]) -> None:
    oslo = reference[("Oslo", "2026-06-21")]
    run = run_process([roros_script, "sun", "--compare", "Oslo", "--date", "2026-06-21"], env={"COLUMNS": "80"})
    text = run.stdout.decode()
    assert run.returncode == 0, run.stderr
    assert _shows(text, oslo["sunrise"], "Oslo") and _shows(text, oslo["sunset"], "Oslo")
    roros = next(row for row in _rows(ROROS_TABLE) if row["date"] == "2026-06-21")
    assert _shows(text, roros["sunrise"], "Røros") and _shows(text, roros["sunset"], "Røros")
    assert re.search(r"Civil dawn +none: light all night in Røros", text)
    assert "GeoNames (CC BY 4.0)" in text


def test_compare_json_carries_the_other_place(
    roros_script: str, reference: dict[tuple[str, str], dict[str, str]]
) -> None:
    helsinki = reference[("Helsinki", "2026-05-21")]
    doc = json.loads(
        run_process([roros_script, "sun", "--compare", "helsinki", "--date", "2026-05-21", "--json"]).stdout
    )
    other = doc["compare"]
    assert other["name"] == "Helsinki" and other["zone"] == "Europe/Helsinki"
    assert other["sunrise"].endswith("+03:00")  # its own local time, EEST
    for event in EVENTS:
        got = datetime.fromisoformat(other[event])
        assert abs(got - datetime.fromisoformat(helsinki[event])) <= timedelta(minutes=1)
    alone = json.loads(run_process([roros_script, "sun", "--date", "2026-05-21", "--json"]).stdout)
    assert alone["compare"] is None


def test_compare_through_the_year(roros_script: str, reference: dict[tuple[str, str], dict[str, str]]) -> None:
    run = run_process([roros_script, "sun", "--year", "2026", "--compare", "tromso"], env={"COLUMNS": "80"})
    lines = run.stdout.decode().splitlines()
    assert run.returncode == 0
    assert len([line for line in lines if line.endswith(", Røros")]) == 12
    assert len([line for line in lines if line.endswith(", Tromsø")]) == 12
    doc = json.loads(run_process([roros_script, "sun", "--year", "2026", "--compare", "Tromsø", "--json"]).stdout)
    days = {day["date"]: day for day in doc["compare"]["days"]}
    assert len(days) == 12
    # Midnight sun and polar night in Tromsø, as the reference has them: no sunrise and no sunset.
    for when, minutes in (("2026-06-21", 1440), ("2026-12-21", 0)):
        row = reference[("Tromsø", when)]
        assert row["sunrise"] == "" and row["sunset"] == ""
        assert days[when]["daylight_minutes"] == minutes


@pytest.mark.parametrize("columns", [40, 80, 160])
def test_compare_views_fit_the_terminal(roros_script: str, columns: int) -> None:
    for args in (["--compare", "Oslo", "--date", "2026-12-21"], ["--year", "2026", "--compare", "Oslo"]):
        run = run_process([roros_script, "sun", *args], env={"COLUMNS": str(columns)})
        assert run.returncode == 0
        assert max(len(line) for line in run.stdout.decode().splitlines()) <= columns


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--compare", "Moscow"], 1, "no place 'Moscow' among the bundled towns of Norway, Sweden and Finland"),
        (["--compare", "Atlantis"], 1, "try Oslo"),
        (["--compare", ""], 2, "--compare needs a place"),
        (["--date", "2026-06-21", "--export", "d.svg"], 2, "--export draws a whole year"),
        (["--year", "2026", "--export", "d.png"], 2, "use a name ending in .svg"),
        (["--year", "2026", "--export", "d.svg", "--json"], 2, "cannot be used together"),
    ],
)
def test_compare_and_export_mistakes(cli: CliInvoker, args: list[str], status: int, message: str) -> None:
    run = cli("sun", *args)
    assert run.status == status and message in run.stderr, run.stderr


@pytest.fixture(scope="module")
def chart(roros_script: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("daylight") / "daylight.svg"
    run = run_process([roros_script, "sun", "--year", "2026", "--compare", "Oslo", "--export", str(path)])
    assert run.returncode == 0 and b"wrote" in run.stderr + run.stdout
    return path


def test_the_chart_is_xml_with_months_solstices_and_both_places(chart: Path) -> None:
    root = ET.parse(chart).getroot()
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for month in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"):
        assert month in texts
    # Midsummer and midwinter fall on the days the reference's noon sun is highest and lowest.
    rows = [row for row in _rows(ROROS_TABLE) if row["date"].startswith("2026")]
    summer = date.fromisoformat(max(rows, key=lambda row: float(row["highest"]))["date"])
    winter = date.fromisoformat(min(rows, key=lambda row: float(row["highest"]))["date"])
    assert any(text.startswith(f"Midsummer, {summer.day} {summer:%B}") for text in texts), texts
    assert any(text.startswith(f"Midwinter, {winter.day} {winter:%B}") for text in texts), texts
    assert "Daylight in Oslo" in texts and "Daylight in Røros" in texts
    assert any("GeoNames (CC BY 4.0)" in text for text in texts)
    assert "http" not in chart.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")


@pytest.fixture(scope="module")
def page(tabs: Tabs, chart: Path) -> Iterator[object]:
    tab = tabs.hold(1920, 1080)
    tab.page.goto(chart.as_uri())
    yield tab.page
    assert [url for url in tab.asked if not url.startswith("file:")] == []
    tabs.release(tab)


def test_the_chart_scales_to_fill_a_1920_by_1080_screen_with_every_label_on_it(chart: Path, page: object) -> None:
    # #20: SVG pictures scale to where they are put, so no fixed size, only the drawing's own proportions.
    root = ET.parse(chart).getroot()
    assert "width" not in root.attrib and "height" not in root.attrib
    assert root.attrib["viewBox"].split()[:2] == ["0", "0"]
    shown = page.evaluate(  # type: ignore[attr-defined]
        "(() => { const b = document.documentElement.getBoundingClientRect(); return [b.width, b.height]; })()"
    )
    assert shown == [1920, 1080]  # fills the screen: no white bands at the right or the bottom
    drawn = page.evaluate(  # type: ignore[attr-defined]
        "(() => { const b = document.querySelector('rect').getBoundingClientRect(); return [b.left, b.right]; })()"
    )
    assert drawn[0] <= 1 and drawn[1] >= 1919  # the white background (the first rect) spans the width
    boxes = page.evaluate(  # type: ignore[attr-defined]
        """[...document.querySelectorAll('text')].map(t => {
            const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.top, b.right, b.bottom]; })"""
    )
    assert max(box[3] for box in boxes) > 1600  # labels spread over the whole width, not the top-left 1600
    for text, left, top, right, bottom in boxes:
        assert left >= 0 and right <= 1920 and top >= 0 and bottom <= 1080, text


def test_the_chart_fits_1920_by_1080_with_every_label_on_screen_and_apart(page: object) -> None:
    svg = page.evaluate(  # type: ignore[attr-defined]
        "(() => { const b = document.documentElement.getBoundingClientRect(); return [b.width, b.height]; })()"
    )
    assert svg[0] <= 1920 and svg[1] <= 1080
    boxes = page.evaluate(  # type: ignore[attr-defined]
        """[...document.querySelectorAll('text')].map(t => {
            const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.top, b.right, b.bottom]; })"""
    )
    assert len(boxes) > 20
    for text, left, top, right, bottom in boxes:
        assert left >= 0 and right <= min(svg[0], 1920) and top >= 0 and bottom <= min(svg[1], 1080), text
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (a[0], b[0])


def _in_a_terminal(argv: list[str], colour: bool) -> str:
    """Run roros in a pseudo-terminal 80 columns wide and return what the screen got, until the process ends."""
    env = {"COLUMNS": "80", "LINES": "40", "TERM": "xterm-256color", **({} if colour else {"NO_COLOR": "1"})}
    run, seen = run_in_terminal(argv, env, unset=() if not colour else ("NO_COLOR",))
    assert run.returncode == 0, seen
    return seen.decode()


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)[0-9;]*m")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(
    "args",
    [["--date", "2026-05-28"], ["--compare", "Oslo", "--date", "2026-06-21"], ["--year", "2026", "--compare", "Oslo"]],
    ids=["day", "compare", "year-compare"],
)
def test_sun_views_in_a_terminal_with_colour_and_without(roros_script: str, args: list[str]) -> None:
    coloured = _in_a_terminal([roros_script, "sun", *args], colour=True)
    plain = _in_a_terminal([roros_script, "sun", *args], colour=False)
    assert COLOUR.search(coloured) and not COLOUR.search(plain)
    assert ANSI.sub("", coloured) == ANSI.sub("", plain)  # colour changes nothing else
    for line in ANSI.sub("", plain).replace("\r\n", "\n").split("\n"):
        assert len(line) <= 80 and line == line.rstrip(), repr(line)
