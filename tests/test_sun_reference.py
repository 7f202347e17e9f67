"""`roros sun` against an independent reference: skyfield with JPL's DE421, every day of 2000, 2026 and 2040.

The table `tests/data/sun_reference.csv` is written by `tools/sun_reference.py` (skyfield is not needed to run
these tests). Its definitions are the standard ones: sunrise and sunset at -0.8333° (geometric), civil dawn and
dusk at -6° (geometric), noon and midnight at the meridian transits, true (unrefracted) heights; each date owns
the events between the solar midnight before its noon and the one after, so a dusk after midnight is listed on
the evening it ends.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from roros_cli import sun as suns
from roros_cli.model import Place

from conftest import run_process

TABLE = Path(__file__).parent / "data" / "sun_reference.csv"
EVENTS = ("dawn", "sunrise", "noon", "sunset", "dusk", "midnight")
MINUTE = timedelta(minutes=1)


def _reference() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as lines:
        return list(csv.DictReader(line for line in lines if not line.startswith("#")))


@pytest.fixture(scope="module")
def days(place: Place) -> list[tuple[dict[str, str], suns.Day]]:
    """Each reference row with the tool's day, computed in-process (about a second for the three years)."""
    return [(row, suns.day(place, date.fromisoformat(row["date"]))) for row in _reference()]


def test_the_reference_covers_three_whole_years() -> None:
    rows = _reference()
    assert [row["date"] for row in rows[:1] + rows[-1:]] == ["2000-01-01", "2040-12-31"]
    assert len(rows) == 366 + 365 + 366
    assert "skyfield" in TABLE.read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize("event", EVENTS)
def test_every_event_agrees_with_the_reference_within_a_minute(
    days: list[tuple[dict[str, str], suns.Day]], event: str
) -> None:
    """Where the reference has the event, the tool has it within a minute; where it has none, neither does the
    tool (so no dawn is missing without a reason)."""
    wrong = []
    for row, computed in days:
        mine: datetime | None = getattr(computed, event)
        expected = datetime.fromisoformat(row[event]) if row[event] else None
        if (mine is None) != (expected is None) or (
            mine is not None and expected is not None and abs(mine - expected) > MINUTE
        ):
            wrong.append((row["date"], row[event], mine))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("which", ["lowest", "highest"])
def test_heights_are_true_heights_within_a_hundredth_of_a_degree(
    days: list[tuple[dict[str, str], suns.Day]], which: str
) -> None:
    worst = max(abs(getattr(computed, which) - float(row[which])) for row, computed in days)
    assert worst < 0.01


def test_midwinter_noon_is_told_as_a_true_and_a_seen_height(place: Place) -> None:
    midwinter = suns.day(place, date(2026, 12, 21))
    assert round(midwinter.highest, 2) == 3.99  # the true height at noon
    assert round(midwinter.highest_seen, 1) == 4.2  # refraction lifts it by about 0.2°


def test_light_all_night_on_exactly_the_reference_nights(days: list[tuple[dict[str, str], suns.Day]]) -> None:
    expected = {row["date"] for row, _ in days if float(row["lowest"]) > suns.CIVIL}
    shown = {row["date"] for row, computed in days if computed.light_all_night}
    assert shown == expected
    in_2026 = sorted(night for night in shown if night.startswith("2026"))
    assert (len(in_2026), in_2026[0], in_2026[-1]) == (48, "2026-05-29", "2026-07-15")
    # The night after a day is the night before the next one.
    assert all(a[1].light_tonight == b[1].light_all_night for a, b in itertools.pairwise(days))


def test_no_missing_dawn_or_dusk_without_a_reason(days: list[tuple[dict[str, str], suns.Day]]) -> None:
    for _, computed in days:
        assert computed.dawn is not None or computed.light_all_night, computed.day
        assert computed.dusk is not None or computed.light_tonight, computed.day


def test_a_dusk_after_midnight_belongs_to_the_evening_it_ends(days: list[tuple[dict[str, str], suns.Day]]) -> None:
    late = [(row, computed) for row, computed in days if row["dusk"] and row["dusk"][:10] != row["date"]]
    assert {row["date"] for row, _ in late if row["date"].startswith("2026")} >= {
        f"2026-05-{d}" for d in range(21, 28)
    } | {f"2026-07-{d}" for d in range(16, 24)}
    for row, computed in late:
        assert computed.dusk is not None and computed.dusk.date().isoformat() == row["dusk"][:10]


def test_the_day_view_lists_the_late_dusk_on_its_evening_with_its_date(roros_script: str) -> None:
    run = run_process([roros_script, "sun", "--date", "2026-05-21"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    text = run.stdout.decode()
    assert run.returncode == 0
    # The reference: dusk at 00:02:45 on 22 May, after the 22:24 sunset of 21 May.
    assert re.search(r"Civil dusk +00:03 on 22 May", text), text
    assert re.search(r"Sunset +22:24", text), text
    assert "true height" in text


def test_the_day_view_says_which_night_stays_light(roros_script: str) -> None:
    """28 May 2026 still has a dawn (the night before dipped to -6.006°), but the night after stays light."""
    run = run_process([roros_script, "sun", "--date", "2026-05-28"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    text = run.stdout.decode()
    assert re.search(r"Civil dawn +01:1\d", text), text
    assert re.search(r"Civil dusk +none: light all night", text), text
    assert "Tonight" in text


def test_json_names_true_and_seen_heights_and_both_nights(roros_script: str) -> None:
    doc = json.loads(run_process([roros_script, "sun", "--date", "2026-05-21", "--json"]).stdout)
    assert doc["dusk"].startswith("2026-05-22T00:0")
    assert doc["noon_elevation"] == pytest.approx(47.66, abs=0.01)  # true height, as the reference has it
    assert doc["noon_elevation_seen"] > doc["noon_elevation"]
    assert doc["light_all_night"] is False and doc["light_tonight"] is False
    assert doc["solar_midnight"].startswith("2026-05-21T01:1")
