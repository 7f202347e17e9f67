"""What a class can check with a pencil: every day length `roros sun` shows is the shown sunset minus the shown
sunrise, and every difference it shows is the difference of the shown lengths. The arithmetic here reads only
the printed text (times, lengths), never the program's own durations.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from roros_cli import render_sun
from roros_cli import sun as suns
from roros_cli.model import Place

from conftest import run_process

TIME = r"(\d\d):(\d\d)(?: on (\d+) (\w+))?"
LENGTH = r"(\d+) h (\d\d) min"


def printed(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=160, color_system=None, force_terminal=False, legacy_windows=False).print(renderable)
    return out.getvalue().replace("\xa0", " ")


def minutes_of(match: re.Match[str], first: int = 1) -> int:
    return int(match.group(first)) * 60 + int(match.group(first + 1))


def clock_minutes(match: re.Match[str], day: date) -> int:
    """Minutes since the day's midnight of a shown time; a time 'on 22 May' is on the next day."""
    minutes = minutes_of(match)
    if match.group(3) is not None:
        assert int(match.group(3)) == (day + timedelta(days=1)).day
        minutes += 24 * 60
    return minutes


def utc_shift(day: date, zone: str, hour: int) -> int:
    """Minutes the zone is ahead of UTC at `hour` local time (sunrise and sunset may differ across a clock change)."""
    from zoneinfo import ZoneInfo

    offset = datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


@pytest.fixture(scope="module")
def roros_2026(place: Place) -> list[suns.Day]:
    return suns.every_day(suns.site(place), 2026)


@pytest.fixture(scope="module")
def oslo_2026() -> list[suns.Day]:
    return suns.every_day(suns.compared_site("Oslo"), 2026)


def test_every_day_of_2026_the_shown_length_is_the_shown_sunset_minus_the_shown_sunrise(
    place: Place, roros_2026: list[suns.Day]
) -> None:
    zone = suns.site(place).zone
    for day in roros_2026:
        text = printed(render_sun.sun_view(place, day))
        rise = re.search(rf"Sunrise +{TIME}", text)
        sets = re.search(rf"Sunset +{TIME}", text)
        length = re.search(rf"Daylight +{LENGTH}", text)
        assert rise and sets and length, text
        start = clock_minutes(rise, day.day) - utc_shift(day.day, zone, int(rise.group(1)))
        end = clock_minutes(sets, day.day) - utc_shift(day.day, zone, min(int(sets.group(1)), 23))
        assert end - start == minutes_of(length), text


def test_every_month_of_the_year_view_adds_up(roros_script: str) -> None:
    result = run_process([roros_script, "sun", "--year", "2026"], env={"COLUMNS": "160", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    rows = re.findall(rf"(\w+) 21 .*? {LENGTH}, (\d\d):(\d\d)–(\d\d):(\d\d)", result.stdout.decode())
    assert len(rows) == 12
    for month, hours, minutes, rise_h, rise_m, set_h, set_m in rows:
        shown = int(hours) * 60 + int(minutes)
        assert (int(set_h) * 60 + int(set_m)) - (int(rise_h) * 60 + int(rise_m)) == shown, month
    # The teacher's case: 03:15-23:18 is 20 h 03 min.
    assert re.search(r"June 21 .* 20 h 03 min, 03:15–23:18", result.stdout.decode())


def test_the_teachers_compare_day_adds_up(roros_script: str) -> None:
    result = run_process(
        [roros_script, "sun", "--compare", "Oslo", "--date", "2026-11-30"], env={"COLUMNS": "160", "NO_COLOR": "1"}
    )
    text = result.stdout.decode()
    # By hand from the shown times: 14:55 - 09:11 = 5 h 44 min; 15:22 - 08:49 = 6 h 33 min; 49 min between.
    assert "Sunrise     09:11 in Røros · 08:49 in Oslo" in text
    assert "Sunset      14:55 in Røros · 15:22 in Oslo" in text
    assert "5 h 44 min in Røros · 6 h 33 min in Oslo" in text
    assert "0 h 49 min more daylight in Oslo." in text


def test_every_day_of_2026_the_shown_difference_is_the_difference_of_the_shown_lengths(
    place: Place, roros_2026: list[suns.Day], oslo_2026: list[suns.Day]
) -> None:
    here, other = suns.site(place), suns.compared_site("Oslo")
    for mine, theirs in zip(roros_2026, oslo_2026, strict=True):
        text = printed(render_sun.sun_compare_view(here, mine, other, theirs))
        both = re.search(rf"Daylight +{LENGTH} in Røros · {LENGTH} in Oslo", text)
        assert both, text
        gap = minutes_of(both, 1) - minutes_of(both, 3)
        if gap == 0:
            assert "The same daylight." in text
            continue
        more = re.search(rf"{LENGTH} more daylight in (\w+)\.", text)
        assert more, text
        assert minutes_of(more) == abs(gap), text
        assert more.group(3) == ("Røros" if gap > 0 else "Oslo"), text


def test_the_charts_midsummer_length_is_the_one_the_terminal_shows(roros_script: str, tmp_path: Path) -> None:
    chart = tmp_path / "daylight.svg"
    made = run_process([roros_script, "sun", "--year", "2026", "--export", str(chart)])
    assert made.returncode == 0, made.stderr
    texts = ["".join(t.itertext()) for t in ET.parse(chart).getroot().iter("{http://www.w3.org/2000/svg}text")]
    summer = next(re.search(rf"Midsummer, (\d+) June: {LENGTH}", t) for t in texts if t.startswith("Midsummer"))
    assert summer, texts
    day = run_process(
        [roros_script, "sun", "--date", f"2026-06-{summer.group(1)}"], env={"COLUMNS": "160", "NO_COLOR": "1"}
    )
    shown = re.search(rf"Daylight +{LENGTH}", day.stdout.decode())
    assert shown and minutes_of(shown) == minutes_of(summer, 2)
