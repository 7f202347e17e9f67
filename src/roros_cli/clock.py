"""Local time in a place, from its IANA zone (Europe/Oslo: CET in winter, CEST in summer).

Uses the standard library's zoneinfo, which reads the system's tz database or, where there is none
(Windows), the `tzdata` package the project depends on there. Works offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Final

from roros_cli.safetext import shorten

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

# Mid-winter and mid-summer instants, to read a zone's standard and summer offsets.
_SEASONS: Final = {
    "winter": datetime(2025, 1, 15, 12, tzinfo=timezone.utc),
    "summer": datetime(2025, 7, 15, 12, tzinfo=timezone.utc),
}


class ClockError(ValueError):
    """The zone cannot be used (unknown name, or no tz database on this system)."""


@dataclass(frozen=True)
class LocalTime:
    zone: str
    local: datetime
    offset: str  # "+01:00"
    abbreviation: str  # "CET"
    dst: bool

    @property
    def iso(self) -> str:
        return self.local.isoformat(timespec="seconds")


def zone_info(name: str) -> ZoneInfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        raise ClockError(
            f"unknown time zone '{shorten(name)}' "
            "(or no time zone database on this system; `pip install tzdata` provides one)"
        ) from None
    except (ValueError, OSError):
        raise ClockError(f"'{shorten(name)}' is not a time zone name such as Europe/Oslo") from None


def format_offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_time(zone_name: str, at: datetime | None = None) -> LocalTime:
    """The local time in `zone_name` now, or at the instant `at` (an aware datetime)."""
    zone = zone_info(zone_name)
    instant = at if at is not None else datetime.now(timezone.utc)
    try:
        local = instant.astimezone(zone)
    except (OverflowError, ValueError):
        raise ClockError("that time is outside the range of dates the clock can show") from None
    dst = local.dst()
    return LocalTime(
        zone_name, local, format_offset(local.utcoffset()), local.tzname() or "", bool(dst and dst != timedelta(0))
    )


def zone_rules(zone_name: str) -> dict[str, tuple[str, str]]:
    """The zone's (offset, abbreviation) in winter and in summer."""
    rules = {}
    for season, instant in _SEASONS.items():
        shown = local_time(zone_name, instant)
        rules[season] = (shown.offset, shown.abbreviation)
    return rules


def parse_instant(text: str, zone_name: str) -> datetime:
    """An ISO 8601 time for --at: with an offset (or Z) it is that instant; without one it is the local
    time in the town's zone (as a person there would say it). A local time the clocks skip, or pass twice,
    is refused with what happened that night: it names no single instant."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ClockError(
            f"'{shorten(text)}' is not an ISO 8601 time such as 2026-07-01T12:00 (local) or 2026-07-01T12:00Z (UTC)"
        ) from None
    if parsed.tzinfo is None:
        parsed = _local_instant(parsed, zone_info(zone_name))
    try:
        parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise ClockError(f"'{shorten(text)}' is outside the range of dates the clock can show") from None
    return parsed


def _local_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The one instant a wall-clock time names in the zone, or a ClockError saying why there is none."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    try:
        if first.utcoffset() == second.utcoffset():
            return first
        earlier, later = sorted((first.astimezone(timezone.utc), second.astimezone(timezone.utc)))
    except (OverflowError, ValueError):
        return first  # at the ends of the calendar; the caller's range check answers
    before, after = _change(earlier, later, zone)
    night = f"{wall:%Y-%m-%d}"
    said = wall.isoformat(timespec="seconds" if wall.second else "minutes")
    if first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != wall:
        raise ClockError(
            f"{said} never happened in {zone.key}: on the night of {night} the clocks went from {before} "
            f"straight to {after}; give a time before or after that jump"
        )
    raise ClockError(
        f"{said} happens twice in {zone.key}: on the night of {night} the clocks went back from {before} to "
        f"{after}; give the offset you mean: "
        f"{said}{format_offset(first.utcoffset())} ({first.tzname()}, the first) or "
        f"{said}{format_offset(second.utcoffset())} ({second.tzname()}, an hour later)"
    )


def _change(earlier: datetime, later: datetime, zone: ZoneInfo) -> tuple[str, str]:
    """The zone's clock change between two UTC instants, as the clocks read it: ("02:00 CET", "03:00 CEST")."""
    offset = earlier.astimezone(zone).utcoffset()
    while later - earlier > timedelta(seconds=1):  # bisect to the second the offset changes
        middle = earlier + (later - earlier) / 2
        if middle.astimezone(zone).utcoffset() == offset:
            earlier = middle
        else:
            later = middle
    changed = later.replace(microsecond=0)
    before, after = (changed - timedelta(seconds=1)).astimezone(zone), changed.astimezone(zone)
    # The old clock's last second is one short of the change: say the hour it reached ("02:00", not "01:59:59").
    reached = before.replace(tzinfo=None) + timedelta(seconds=1)
    return f"{reached:%H:%M} {before.tzname()}", f"{after:%H:%M} {after.tzname()}"
