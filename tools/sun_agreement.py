"""Print how far `roros sun` is from the skyfield/DE421 reference tables, quantity by quantity.

Usage: python tools/sun_agreement.py   (needs only roros; the tables are in tests/data, written by
tools/sun_reference.py)

For each table and each quantity: the largest difference (seconds for times, degrees for heights), the date it
falls on, and how many days disagree on whether the event happens at all (should be 0).
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path

from roros_cli import sun
from roros_cli.loader import load

ROOT = Path(__file__).resolve().parent.parent
TIMES = ("dawn", "sunrise", "noon", "sunset", "dusk", "midnight")
HEIGHTS = ("lowest", "highest")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def _report(title: str, pairs: list[tuple[dict[str, str], sun.Day]]) -> None:
    print(title)
    for name in (*TIMES, *HEIGHTS):
        worst, when, mismatched = 0.0, "", 0
        for row, day in pairs:
            if name in HEIGHTS:
                difference = abs(float(row[name]) - getattr(day, name))
            else:
                mine = getattr(day, name)
                if (mine is None) != (row[name] == ""):
                    mismatched += 1
                    continue
                if mine is None:
                    continue
                difference = abs((mine - datetime.fromisoformat(row[name])).total_seconds())
            if difference > worst:
                worst, when = difference, row["date"]
        unit = "°" if name in HEIGHTS else " s"
        print(f"  {name:9} max {worst:.4f}{unit} on {when}; present/absent mismatches: {mismatched}")
    nights = sum(1 for row, day in pairs if (float(row["lowest"]) > sun.CIVIL) != day.light_all_night)
    print(f"  light-all-night disagreements: {nights}")


def main() -> int:
    roros = sun.site(load(str(ROOT / "data" / "roros.toml")))
    rows = _rows(ROOT / "tests" / "data" / "sun_reference.csv")
    _report("Røros, 2000, 2026, 2040", [(row, sun.day_of(roros, date.fromisoformat(row["date"]))) for row in rows])
    places = {p["name"]: p for p in json.loads((ROOT / "data" / "places.json").read_text(encoding="utf-8"))["places"]}
    rows = _rows(ROOT / "tests" / "data" / "sun_reference_places.csv")
    for name in dict.fromkeys(row["place"] for row in rows):
        where = places[name]
        site = sun.Site(name, where["latitude"], where["longitude"], where["timezone"])
        mine = [(row, sun.day_of(site, date.fromisoformat(row["date"]))) for row in rows if row["place"] == name]
        _report(f"{name}, 2026", mine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
