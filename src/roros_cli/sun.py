"""How the town's days run: sunrise, sunset, solar noon, day length and civil twilight. Pure: no printing.

The sun's position comes from Jean Meeus, *Astronomical Algorithms* (2nd ed.): its low-accuracy solar
theory (chapter 25) with nutation (chapter 22), aberration and the solar parallax, good to a few arc seconds
over 1900-2100, which is what the white nights need: at 62.6° N the sun grazes -6° around midnight in late
May and mid July, and a few thousandths of a degree decide whether a night gets darker than civil twilight.
Events use the standard definitions (the Astronomical Almanac's, NOAA's):

- sunrise and sunset: the centre of the sun 0.833° below a sea-level horizon (34' of refraction plus the
  sun's 16' radius), computed on its true (geometric) height;
- civil dawn and dusk: the centre of the sun 6° below the horizon, geometric (no refraction below it);
- solar noon and solar midnight: the sun on the meridian, due south and due north.

A day runs from the solar midnight before its noon to the one after it, so a dusk after midnight belongs to
the evening it ends, and a dawn to its morning. Heights are true heights unless named otherwise. The tests
compare every day of 2000, 2026 and 2040 with skyfield and JPL's DE421 (`tools/sun_reference.py`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Final

from roros_cli.model import Place
from roros_cli.query import LATITUDE, LONGITUDE, position
from roros_cli.safetext import shorten

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from roros_cli.places import Places

FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2100
SUNRISE: Final = -0.833  # degrees: 34' of refraction at the horizon and the sun's 16' radius
CIVIL: Final = -6.0  # degrees: civil twilight, geometric
ZONE: Final = "timezone.iana"  # the key of the place's time zone

_J2000: Final = 2451545.0  # 2000 January 1, 12:00 TT, as a Julian day
_UNIX_EPOCH: Final = 2440587.5  # 1970 January 1, 00:00 UTC, as a Julian day
_SIDEREAL_RATE: Final = 360.98564736629  # degrees of hour angle the Earth turns in a solar day
# Delta T (TT - UT, seconds) on 1 January of every tenth year, from the Astronomical Almanac's table and IERS.
_DELTA_T: Final = (-2.8, 10.4, 21.2, 24.0, 24.3, 29.1, 33.2, 40.2, 50.5, 56.9, 63.8, 66.1, 69.4)
_DELTA_T_NOW: Final = 69.2  # flat since 2017; held after 2020 (no one can predict it to a minute by 2100)


class SunError(ValueError):
    """The place has no coordinates or time zone to compute the sun from, or the date is out of range."""


@dataclass(frozen=True)
class Day:
    """One solar day at the place, in its own time zone: from the solar midnight before its noon to the one after.

    Events are None where the sun does not cross that height in the morning (dawn, sunrise) or the evening
    (sunset, dusk). Heights are true (geometric) degrees above the horizon, negative below it.
    """

    day: date
    dawn: datetime | None  # civil: the sun's centre 6° below the horizon, rising
    sunrise: datetime | None
    noon: datetime
    sunset: datetime | None
    dusk: datetime | None  # may fall after midnight, on the next date: it still ends this day's evening
    midnight: datetime  # the solar midnight before noon: the middle of the night before
    next_midnight: datetime  # the middle of the night after
    highest: float  # true height at noon
    lowest: float  # true height at the solar midnight before noon
    lowest_after: float  # true height at the next solar midnight

    @property
    def daylight(self) -> timedelta:
        """From sunrise to sunset (0 in polar night, 24 h when the sun neither rises nor sets in a polar day)."""
        if self.sunrise is not None and self.sunset is not None:
            return _span(self.sunrise, self.sunset)
        if self.sunrise is None and self.sunset is None:
            return timedelta(hours=24) if self.lowest > SUNRISE else timedelta(0)
        # The sun rises but does not set (or the reverse): the light lasts from one to the next solar midnight.
        start = self.sunrise if self.sunrise is not None else self.midnight
        end = self.sunset if self.sunset is not None else self.next_midnight
        return _span(start, end)

    @property
    def light(self) -> timedelta:
        """From civil dawn to civil dusk: daylight with its twilight (from or to solar midnight on a light night)."""
        start = self.dawn if self.dawn is not None else self.midnight if self.light_all_night else None
        end = self.dusk if self.dusk is not None else self.next_midnight if self.light_tonight else None
        if start is None or end is None:  # the sun stays 6° below the horizon all day: no twilight either
            return timedelta(0) if self.highest < CIVIL else self.daylight
        return min(_span(start, end), timedelta(hours=24))

    @property
    def highest_seen(self) -> float:
        """The height at noon as the eye sees it, lifted by refraction."""
        return self.highest + refraction(self.highest)

    @property
    def light_all_night(self) -> bool:
        """The night before (ending this morning) never got darker than civil twilight."""
        return self.lowest > CIVIL

    @property
    def light_tonight(self) -> bool:
        """The night after (starting this evening) never gets darker than civil twilight."""
        return self.lowest_after > CIVIL

    @property
    def polar_day(self) -> bool:
        return self.sunrise is None and self.sunset is None and self.lowest > SUNRISE

    @property
    def polar_night(self) -> bool:
        return self.sunrise is None and self.sunset is None and self.highest < SUNRISE


def _minute(moment: datetime) -> datetime:
    """The moment as views show it: rounded to the nearest minute, as almanacs print times."""
    shifted = moment + timedelta(seconds=30)
    return shifted - timedelta(seconds=shifted.second, microseconds=shifted.microsecond)


def shown_daylight(day: Day) -> timedelta:
    """Day length, in whole minutes, from the sunrise and sunset as shown (rounded), not the exact length rounded.

    A class checks a length by subtracting the times it sees: rounding the exact length on its own can be a
    minute off from that (03:15-23:18 shown as 20 h 04 min). The times stay the almanac's, so the length
    follows them, and differences are taken between these shown lengths: every figure adds up with a pencil."""
    if day.sunrise is not None and day.sunset is not None:
        return _span(_minute(day.sunrise), _minute(day.sunset))
    return timedelta(minutes=round(day.daylight.total_seconds() / 60))


def _span(start: datetime, end: datetime) -> timedelta:
    """Elapsed time (in UTC: two times in one zone subtract as wall clocks, wrong across a clock change)."""
    return end.astimezone(timezone.utc) - start.astimezone(timezone.utc)


def refraction(height: float) -> float:
    """Degrees the atmosphere lifts the sun at a true height (Saemundsson's formula, 10 °C, 1010 hPa)."""
    if height < -1:
        return 0.0
    return 1.02 / math.tan(math.radians(height + 10.3 / (height + 5.11))) / 60


def where(place: Place) -> tuple[float, float, str]:
    """(latitude, longitude, IANA zone) from the data file; the message names only what is missing."""
    latitude, longitude = position(place)
    zone_fact = place.facts.get(ZONE)
    zone = zone_fact.value if zone_fact is not None and isinstance(zone_fact.value, str) else None
    missing = [key for key, value in ((LATITUDE, latitude), (LONGITUDE, longitude), (ZONE, zone)) if value is None]
    if latitude is None or longitude is None or zone is None:
        raise SunError(f"the data file needs {_listed(missing)} to compute the sun at {place.name}")
    return latitude, longitude, zone


def _listed(keys: list[str]) -> str:
    quoted = [f"'{key}'" for key in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# ---------------------------------------------------------------------------------------------- astronomy


def _delta_t(julian_day: float) -> float:
    """TT - UT in days, interpolated in the decade table (n seconds wrong there move every event by n seconds)."""
    year = 2000 + (julian_day - _J2000) / 365.25
    if year >= 2020:
        return _DELTA_T_NOW / 86400
    index = max(0.0, (year - 1900) / 10)
    low = min(int(index), len(_DELTA_T) - 2)
    return (_DELTA_T[low] + (_DELTA_T[low + 1] - _DELTA_T[low]) * (index - low)) / 86400


def _sun(julian_day: float) -> tuple[float, float, float, float]:
    """(right ascension, declination, distance in au, apparent sidereal time at Greenwich) in degrees, for a
    moment in UT given as a Julian day: Meeus chapters 12, 22 and 25."""
    t = (julian_day + _delta_t(julian_day) - _J2000) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    anomaly = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    eccentricity = 0.016708634 - 0.000042037 * t - 0.0000001267 * t * t
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000289 * math.sin(3 * anomaly)
    )
    true_anomaly = anomaly + math.radians(centre)
    distance = 1.000001018 * (1 - eccentricity**2) / (1 + eccentricity * math.cos(true_anomaly))
    # Nutation (the main terms of chapter 22, good to 0.5"), and the aberration of light.
    node = math.radians(125.04452 - 1934.136261 * t)
    sun_l = math.radians(2 * (280.4665 + 36000.7698 * t))
    moon_l = math.radians(2 * (218.3165 + 481267.8813 * t))
    nutation = (
        -17.20 * math.sin(node) - 1.32 * math.sin(sun_l) - 0.23 * math.sin(moon_l) + 0.21 * math.sin(2 * node)
    ) / 3600
    tilt = (9.20 * math.cos(node) + 0.57 * math.cos(sun_l) + 0.10 * math.cos(moon_l) - 0.09 * math.cos(2 * node)) / 3600
    mean_obliquity = 23.439291111 - (46.8150 * t + 0.00059 * t * t - 0.001813 * t**3) / 3600
    obliquity = math.radians(mean_obliquity + tilt)
    longitude = math.radians(mean_longitude + centre + nutation - 20.4898 / 3600 / distance)
    right_ascension = math.degrees(math.atan2(math.cos(obliquity) * math.sin(longitude), math.cos(longitude)))
    declination = math.degrees(math.asin(math.sin(obliquity) * math.sin(longitude)))
    u = julian_day - _J2000
    sidereal = 280.46061837 + _SIDEREAL_RATE * u + 0.000387933 * (u / 36525) ** 2 + nutation * math.cos(obliquity)
    return right_ascension, declination, distance, sidereal


def _hour_angle(latitude: float, longitude: float, julian_day: float) -> tuple[float, float]:
    """(hour angle in degrees from -180 to 180, true topocentric height in degrees) of the sun."""
    right_ascension, declination, distance, sidereal = _sun(julian_day)
    hour_angle = (sidereal + longitude - right_ascension + 180) % 360 - 180
    phi, dec, h = math.radians(latitude), math.radians(declination), math.radians(hour_angle)
    height = math.degrees(math.asin(math.sin(phi) * math.sin(dec) + math.cos(phi) * math.cos(dec) * math.cos(h)))
    # Seen from the surface, not the Earth's centre: the solar parallax (8.794" at 1 au) lowers the sun.
    return hour_angle, height - 8.794 / 3600 / distance * math.cos(math.radians(height))


def _transit(latitude: float, longitude: float, guess: float, target: float) -> float:
    """The Julian day near `guess` when the sun's hour angle is `target` (0: noon, 180: midnight)."""
    moment = guess
    for _ in range(4):  # each step is about 1000 times closer (the sun's own motion is slow)
        hour_angle, _ = _hour_angle(latitude, longitude, moment)
        moment -= ((hour_angle - target + 180) % 360 - 180) / _SIDEREAL_RATE
    return moment


def _crossing(height: Callable[[float], float], start: float, end: float, level: float) -> float | None:
    """When the height, monotonic between start and end, passes `level`; None when it does not (bisection to
    a tenth of a second: the sun can graze a height, where faster methods lose the bracket)."""
    low, high = height(start) - level, height(end) - level
    if (low < 0) == (high < 0):
        return None
    rising = low < 0
    for _ in range(40):
        middle = (start + end) / 2
        if (height(middle) - level < 0) == rising:
            start = middle
        else:
            end = middle
        if end - start < 1e-6:
            break
    return (start + end) / 2


def _julian(moment: datetime) -> float:
    return moment.timestamp() / 86400 + _UNIX_EPOCH


def _local(julian_day: float, zone: ZoneInfo) -> datetime:
    """The moment in the zone's local time, to the nearest second."""
    seconds = round((julian_day - _UNIX_EPOCH) * 86400)
    return (datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=seconds)).astimezone(zone)


# ---------------------------------------------------------------------------------------------- days


@dataclass(frozen=True)
class Site:
    """Where the sun is computed: a name, a latitude and longitude in degrees, and an IANA time zone."""

    name: str
    latitude: float
    longitude: float
    zone: str


# The countries `--compare` offers (ISO 3166-1), and the names its message suggests.
COMPARED_COUNTRIES: Final = {"NO": "Norway", "SE": "Sweden", "FI": "Finland"}
_SUGGESTED: Final = "Oslo, Tromsø, Stockholm or Helsinki"


def site(place: Place) -> Site:
    latitude, longitude, zone = where(place)
    return Site(place.name, latitude, longitude, zone)


def compared_site(name: str) -> Site:
    """A bundled place of Norway, Sweden or Finland to compare with, by its name (Tromsø or tromso)."""
    from roros_cli.places import find, load_places

    found = find(_Nordic(load_places()), name)
    if found is None:
        countries = ", ".join(list(COMPARED_COUNTRIES.values())[:-1]) + " and " + list(COMPARED_COUNTRIES.values())[-1]
        raise SunError(f"no place '{shorten(name)}' among the bundled towns of {countries}: try {_SUGGESTED}")
    return Site(found.name, found.latitude, found.longitude, found.timezone)


def _Nordic(places: Places) -> Places:  # noqa: N802 - reads as the kind of places it keeps
    from dataclasses import replace

    return replace(places, places=tuple(p for p in places.places if p.country in COMPARED_COUNTRIES))


def day(place: Place, when: date) -> Day:
    """The sun at the place on one day."""
    return day_of(site(place), when)


def day_of(where_: Site, when: date) -> Day:
    from roros_cli.clock import zone_info

    return day_at(where_.latitude, where_.longitude, zone_info(where_.zone), when)


def day_at(latitude: float, longitude: float, zone: ZoneInfo, when: date) -> Day:
    """The sun at a latitude and longitude on one day of its time zone's calendar."""
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise SunError(f"roros sun covers the years {FIRST_YEAR} to {LAST_YEAR}")
    local_noon = datetime(when.year, when.month, when.day, 12, tzinfo=zone)
    noon = _transit(latitude, longitude, _julian(local_noon), 0)
    midnight = _transit(latitude, longitude, noon - 0.5, 180)
    following = _transit(latitude, longitude, noon + 0.5, 180)

    def height(moment: float) -> float:
        return _hour_angle(latitude, longitude, moment)[1]

    def event(start: float, end: float, level: float) -> datetime | None:
        found = _crossing(height, start, end, level)
        return _local(found, zone) if found is not None else None

    return Day(
        day=when,
        dawn=event(midnight, noon, CIVIL),
        sunrise=event(midnight, noon, SUNRISE),
        noon=_local(noon, zone),
        sunset=event(noon, following, SUNRISE),
        dusk=event(noon, following, CIVIL),
        midnight=_local(midnight, zone),
        next_midnight=_local(following, zone),
        highest=height(noon),
        lowest=height(midnight),
        lowest_after=height(following),
    )


def year(place: Place, which: int) -> list[Day]:
    """The 21st of every month: the solstices and equinoxes fall near it, so the seasons show."""
    return months_of(site(place), which)


def months_of(where_: Site, which: int) -> list[Day]:
    return [day_of(where_, date(which, month, 21)) for month in range(1, 13)]


def every_day(where_: Site, which: int) -> list[Day]:
    """Every day of the year (about a second for one place: each day's events are found by bisection)."""
    from roros_cli.clock import zone_info

    zone = zone_info(where_.zone)
    first = date(which, 1, 1)
    days = (first + timedelta(days=n) for n in range((date(which + 1, 1, 1) - first).days))
    return [day_at(where_.latitude, where_.longitude, zone, when) for when in days]
