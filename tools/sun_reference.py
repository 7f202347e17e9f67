"""Regenerate tests/data/sun_reference.csv: the sun at Røros for every day of 2000, 2026 and 2040, computed
independently of roros with skyfield and JPL's DE421 ephemeris, for the tests to compare `roros sun` with.

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
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
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
    sun = eph["sun"]
    place = wgs84.latlon(latitude, longitude, elevation_m=elevation)
    observer = eph["earth"] + place

    def local(t: object) -> datetime:
        moment: datetime = t.utc_datetime().astimezone(zone)  # type: ignore[attr-defined]
        return moment

    def true_height(t: object) -> float:
        altitude, _, _ = observer.at(t).observe(sun).apparent().altaz()
        return float(altitude.degrees)

    def crossings(finder: object, start: object, end: object, horizon: float) -> list[datetime]:
        times, real = finder(observer, sun, start, end, horizon_degrees=horizon)  # type: ignore[operator]
        return [local(t) for t, crossed in zip(times, real, strict=True) if crossed]

    def within(events: list[datetime], span: tuple[datetime, datetime]) -> str:
        found = [e for e in events if span[0] < e < span[1]]
        assert len(found) <= 1, found  # one crossing of a height between a midnight and a noon
        return found[0].isoformat(timespec="seconds") if found else ""

    out = io.StringIO()
    out.write(
        f"# The sun at Røros ({latitude} N, {longitude} E, {elevation:g} m, {zone.key}) by tools/sun_reference.py\n"
    )
    out.write(f"# skyfield {skyfield.__version__}, JPL DE421 (skyfield-data wheel), skyfield's built-in Delta T.\n")
    out.write("# sunrise/sunset: centre at -0.8333 deg geometric; dawn/dusk: centre at -6 deg geometric;\n")
    out.write("# noon/midnight: meridian transits; lowest/highest: true (unrefracted) heights there, in degrees.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for year in YEARS:
        start = ts.from_datetime(datetime(year, 1, 1, tzinfo=zone) - timedelta(days=2))
        end = ts.from_datetime(datetime(year + 1, 1, 1, tzinfo=zone) + timedelta(days=2))
        transits, kinds = almanac.find_discrete(start, end, almanac.meridian_transits(eph, sun, place))
        # Each noon with the solar midnights either side of it (a midnight can fall just before local midnight).
        around = {
            local(transits[i]).date(): (transits[i - 1], transits[i], transits[i + 1])
            for i in range(1, len(transits) - 1)
            if kinds[i] == 1
        }
        dawns = crossings(almanac.find_risings, start, end, CIVIL)
        rises = crossings(almanac.find_risings, start, end, SUNRISE)
        sets = crossings(almanac.find_settings, start, end, SUNRISE)
        dusks = crossings(almanac.find_settings, start, end, CIVIL)
        day = date(year, 1, 1)
        while day.year == year:
            midnight, noon, following = around[day]
            morning = (local(midnight), local(noon))
            evening = (local(noon), local(following))

            writer.writerow(
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
    TARGET.write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(out.getvalue()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
