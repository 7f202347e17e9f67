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
    time in the town's zone (as a person there would say it)."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ClockError(
            f"'{shorten(text)}' is not an ISO 8601 time such as 2026-07-01T12:00 (local) or 2026-07-01T12:00Z (UTC)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone_info(zone_name))
    try:
        parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise ClockError(f"'{shorten(text)}' is outside the range of dates the clock can show") from None
    return parsed
