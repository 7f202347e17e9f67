"""Regenerate tests/data/sun_reference.csv: the sun at Røros for every day of 2000, 2026 and 2040, computed
independently of roros with skyfield and JPL's DE421 ephemeris, for the tests to compare `roros sun` with; and
tests/data/sun_reference_places.csv: Oslo, Tromsø and Helsinki (from data/places.json) every day of 2026.

Usage: python tools/sun_reference.py   (needs `pip install skyfield skyfield-data`; the tools extra has both)

Definitions (the standard ones, as the Astronomical Almanac and NOAA use them):
- sunrise and sunset: the centre of the sun at a geometric altitude of -0.8333° (34' of refraction at the
  horizon plus the sun's 16' radius), horizon at sea level;
- civil dawn and dusk: the centre of the sun at a geometric altitude of -6° (no refraction below the horizon);
- solar noon and solar midnight: the sun's upper and lower meridian transits;
- highest and lowest: the sun's true (geometric, unrefracted, topocentric) altitude at those transits.

Each date's row belongs to the solar day around its noon: dawn and sunrise lie between the solar midnight
before its noon and that noon, sunset and dusk between its noon and the next solar midnight, so a dusk after
midnight is listed on the evening it ends. `midnight` and `lowest` are the solar midnight before the noon (the
middle of the night before) and the sun's height then. Times are local (Europe/Oslo), ISO 8601 with their
offset, rounded to the second; an empty cell is an event that does not happen. The time scale is skyfield's
built-in one (IERS values, then its long-term Delta T), so nothing is downloaded.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import skyfield
from skyfield import almanac
from skyfield.api import Loader, wgs84
from skyfield_data import get_skyfield_data_path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "data" / "sun_reference.csv"
PLACES_TARGET = ROOT / "tests" / "data" / "sun_reference_places.csv"
COMPARED = ("Oslo", "Tromsø", "Helsinki")
SCRIPT = "tools/sun_reference.py"
YEARS = (2000, 2026, 2040)
SUNRISE = -0.8333
CIVIL = -6.0
COLUMNS = ("date", "dawn", "sunrise", "noon", "sunset", "dusk", "midnight", "lowest", "highest")


def main() -> int:
    facts = tomllib.loads((ROOT / "data" / "roros.toml").read_text(encoding="utf-8"))
    latitude = float(facts["coordinates"]["latitude"]["value"])
    longitude = float(facts["coordinates"]["longitude"]["value"])
    elevation = float(facts["elevation"]["value"])
    zone = ZoneInfo(facts["timezone"]["iana"]["value"])

    load = Loader(get_skyfield_data_path(), expire=False)
    ts = load.timescale(builtin=True)
    eph = load("de421.bsp")
    made = f"# skyfield {skyfield.__version__}, JPL DE421 (skyfield-data wheel), skyfield's built-in Delta T.\n"
    made += "# sunrise/sunset: centre at -0.8333 deg geometric; dawn/dusk: centre at -6 deg geometric;\n"
    made += "# noon/midnight: meridian transits; lowest/highest: true (unrefracted) heights there, in degrees.\n"

    out = io.StringIO()
    out.write(f"# The sun at Røros ({latitude} N, {longitude} E, {elevation:g} m, {zone.key}) by {SCRIPT}\n{made}")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for year in YEARS:
        writer.writerows(_year(ts, eph, wgs84.latlon(latitude, longitude, elevation_m=elevation), zone, year))
    _write(TARGET, out.getvalue())

    # The places `roros sun --compare` offers most, from the bundled GeoNames file, for 2026 (at sea level).
    places = {p["name"]: p for p in json.loads((ROOT / "data" / "places.json").read_text(encoding="utf-8"))["places"]}
    out = io.StringIO()
    out.write(f"# The sun at {', '.join(COMPARED)} (data/places.json: GeoNames) in 2026 by {SCRIPT}\n{made}")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("place", *COLUMNS))
    for name in COMPARED:
        where = places[name]
        topos = wgs84.latlon(where["latitude"], where["longitude"])
        writer.writerows((name, *row) for row in _year(ts, eph, topos, ZoneInfo(where["timezone"]), 2026))
    _write(PLACES_TARGET, out.getvalue())
    return 0


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(text) // 1024} KB)")


def _year(ts: Any, eph: Any, place: Any, zone: ZoneInfo, year: int) -> list[tuple[str, ...]]:
    """One row a day of the year: see the module's docstring."""
    sun = eph["sun"]
    observer = eph["earth"] + place

    def local(t: Any) -> datetime:
        moment: datetime = t.utc_datetime().astimezone(zone)
        return moment

    def true_height(t: Any) -> float:
        altitude, _, _ = observer.at(t).observe(sun).apparent().altaz()
        return float(altitude.degrees)

    def crossings(finder: Any, horizon: float) -> list[datetime]:
        times, real = finder(observer, sun, start, end, horizon_degrees=horizon)
        return [local(t) for t, crossed in zip(times, real, strict=True) if crossed]

    def within(events: list[datetime], span: tuple[datetime, datetime]) -> str:
        found = [e for e in events if span[0] < e < span[1]]
        assert len(found) <= 1, found  # one crossing of a height between a midnight and a noon
        return found[0].isoformat(timespec="seconds") if found else ""

    start = ts.from_datetime(datetime(year, 1, 1, tzinfo=zone) - timedelta(days=2))
    end = ts.from_datetime(datetime(year + 1, 1, 1, tzinfo=zone) + timedelta(days=2))
    transits, kinds = almanac.find_discrete(start, end, almanac.meridian_transits(eph, sun, place))
    # Each noon with the solar midnights either side of it (a midnight can fall just before local midnight).
    around = {
        local(transits[i]).date(): (transits[i - 1], transits[i], transits[i + 1])
        for i in range(1, len(transits) - 1)
        if kinds[i] == 1
    }
    dawns = crossings(almanac.find_risings, CIVIL)
    rises = crossings(almanac.find_risings, SUNRISE)
    sets = crossings(almanac.find_settings, SUNRISE)
    dusks = crossings(almanac.find_settings, CIVIL)
    rows = []
    day = date(year, 1, 1)
    while day.year == year:
        midnight, noon, following = around[day]
        morning = (local(midnight), local(noon))
        evening = (local(noon), local(following))
        rows.append(
            (
                day.isoformat(),
                within(dawns, morning),
                within(rises, morning),
                morning[1].isoformat(timespec="seconds"),
                within(sets, evening),
                within(dusks, evening),
                morning[0].isoformat(timespec="seconds"),
                f"{true_height(midnight):.4f}",
                f"{true_height(noon):.4f}",
            )
        )
        day += timedelta(days=1)
    return rows


if __name__ == "__main__":
    sys.exit(main())
