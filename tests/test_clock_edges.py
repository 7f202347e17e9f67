"""`roros time --at` on the nights the clocks change in 2026 and 2027, against two independent references: the
standard library's zoneinfo and GNU `date` with TZ=Europe/Oslo.

In spring a local hour never happens (02:00 CET jumps to 03:00 CEST): the tool refuses a time in it (exit 2)
and says what happened that night. In autumn an hour happens twice (03:00 CEST falls back to 02:00 CET): the
tool names both readings and asks for the offset meant (exit 2); with an offset it shows that instant.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from conftest import run_process

OSLO = ZoneInfo("Europe/Oslo")
SPRING = ["2026-03-29", "2027-03-28"]  # last Sunday of March
AUTUMN = ["2026-10-25", "2027-10-31"]  # last Sunday of October
GNU_FORMAT = "+%H:%M:%S on %A %-d %B %Y, %Z (UTC%:z)"  # the line `roros time` prints, after the name


def _gnu_date(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("date") is None:
        pytest.skip("no date command")
    run = subprocess.run(
        ["date", *args], env={"TZ": "Europe/Oslo", "LC_ALL": "C"}, capture_output=True, text=True, timeout=10
    )
    if "--version" not in args and "GNU" not in _gnu_version():
        pytest.skip("not GNU date")
    return run


def _gnu_version() -> str:
    return subprocess.run(["date", "--version"], capture_output=True, text=True, timeout=10).stdout


def _exists(local: str) -> bool:
    """zoneinfo's answer: a wall time exists when it survives a round trip through UTC."""
    wall = datetime.fromisoformat(local)
    return wall.replace(tzinfo=OSLO).astimezone(timezone.utc).astimezone(OSLO).replace(tzinfo=None) == wall


def _twice(local: str) -> bool:
    wall = datetime.fromisoformat(local)
    return wall.replace(tzinfo=OSLO, fold=0).utcoffset() != wall.replace(tzinfo=OSLO, fold=1).utcoffset()


@pytest.mark.parametrize("night", SPRING)
@pytest.mark.parametrize("clock", ["02:00", "02:30", "02:59:59"])
def test_a_local_time_that_never_happens_is_refused(roros_script: str, night: str, clock: str) -> None:
    local = f"{night}T{clock}"
    assert not _exists(local)  # zoneinfo
    assert _gnu_date("-d", local.replace("T", " ")).returncode != 0  # GNU date: "invalid date"
    run = run_process([roros_script, "time", "--at", local])
    assert run.returncode == 2 and not run.stdout
    message = run.stderr.decode()
    assert "never happened" in message and "02:00 CET" in message and "03:00 CEST" in message, message
    assert message.count("\n") == 1


@pytest.mark.parametrize("night", SPRING)
@pytest.mark.parametrize(("clock", "zone"), [("01:59:59", "CET"), ("03:00:00", "CEST")])
def test_the_times_either_side_of_the_spring_gap_are_shown(
    roros_script: str, night: str, clock: str, zone: str
) -> None:
    local = f"{night}T{clock}"
    assert _exists(local)
    gnu = _gnu_date("-d", local.replace("T", " "), GNU_FORMAT).stdout.strip()
    run = run_process([roros_script, "time", "--at", local])
    assert run.returncode == 0
    assert gnu.startswith(f"{clock} on ") and f", {zone} (" in gnu and gnu in run.stdout.decode(), (gnu, run.stdout)


@pytest.mark.parametrize("night", AUTUMN)
@pytest.mark.parametrize("clock", ["02:00", "02:30", "02:59:59"])
def test_a_local_time_that_happens_twice_names_both_readings(roros_script: str, night: str, clock: str) -> None:
    local = f"{night}T{clock}"
    assert _exists(local) and _twice(local)  # zoneinfo
    run = run_process([roros_script, "time", "--at", local])
    assert run.returncode == 2 and not run.stdout
    message = run.stderr.decode()
    assert "happens twice" in message and "CEST" in message and "CET" in message, message
    first, second = f"{local}+02:00", f"{local}+01:00"
    assert first in message and second in message
    # Each reading the message offers is a real instant an hour apart, shown as that wall time by GNU date too.
    instants = [datetime.fromisoformat(text) for text in (first, second)]
    assert (instants[1] - instants[0]).total_seconds() == 3600
    for text, zone in ((first, "CEST"), (second, "CET")):
        gnu = _gnu_date("-d", text, GNU_FORMAT).stdout.strip()
        assert gnu.startswith(f"{datetime.fromisoformat(text):%H:%M:%S} on ") and f", {zone} (" in gnu
        shown = run_process([roros_script, "time", "--at", text])
        assert shown.returncode == 0 and gnu in shown.stdout.decode(), (gnu, shown.stdout)


@pytest.mark.parametrize("night", AUTUMN)
def test_the_hour_before_and_after_the_autumn_change_is_plain(roros_script: str, night: str) -> None:
    for clock, zone in (("01:59:59", "CEST"), ("03:00:00", "CET")):
        local = f"{night}T{clock}"
        assert not _twice(local)
        gnu = _gnu_date("-d", local.replace("T", " "), GNU_FORMAT).stdout.strip()
        run = run_process([roros_script, "time", "--at", local])
        assert (
            run.returncode == 0
            and gnu.startswith(f"{clock} on ")
            and f", {zone} (" in gnu
            and gnu in run.stdout.decode()
        )


def test_the_json_timestamp_fed_back_is_the_same_instant(roros_script: str) -> None:
    import json

    doc = json.loads(run_process([roros_script, "time", "--at", "2026-03-29T01:00:00Z", "--json"]).stdout)
    assert doc["timestamp"] == "2026-03-29T03:00:00+02:00"
    again = json.loads(run_process([roros_script, "time", "--at", doc["timestamp"], "--json"]).stdout)
    assert again["timestamp"] == doc["timestamp"]
