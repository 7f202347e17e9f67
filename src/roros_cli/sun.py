"""How the town's days run: sunrise, sunset, solar noon, day length and civil twilight. Pure: no printing.

The astronomy is astral's (NOAA's algorithms), imported only by `roros sun`. At 62.6° N the sun never sinks
6° below the horizon around midsummer, so civil twilight lasts all night: that is an answer, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from roros_cli.model import Place


class SunError(ValueError):
    """The place has no coordinates or time zone to compute the sun from."""


@dataclass(frozen=True)
class Day:
    """One day's sun at the place, in its own time zone. None where an event does not happen that day."""

    day: date
    dawn: datetime | None  # civil: the sun 6° below the horizon, rising
    sunrise: datetime | None
    noon: datetime
    sunset: datetime | None
    dusk: datetime | None
    daylight: timedelta  # from sunrise to sunset (0 in polar night, 24 h in polar day)
    elevation_at_noon: float  # degrees above the horizon
    lowest: float  # degrees: the sun's height at the day's solar midnight

    @property
    def light_all_night(self) -> bool:
        """Civil twilight all night: the sun never goes more than 6° below the horizon."""
        return self.dusk is None and self.dawn is None and self.lowest > -6

    @property
    def polar_day(self) -> bool:
        return self.sunrise is None and self.lowest > 0

    @property
    def polar_night(self) -> bool:
        return self.sunrise is None and self.elevation_at_noon < 0


def where(place: Place) -> tuple[float, float, float, str]:
    """(latitude, longitude, elevation in metres, IANA zone) from the data file."""
    facts = place.facts
    try:
        latitude = float(facts["coordinates.latitude"].value)  # type: ignore[arg-type]
        longitude = float(facts["coordinates.longitude"].value)  # type: ignore[arg-type]
        zone = str(facts["timezone.iana"].value)
    except (KeyError, TypeError, ValueError):
        raise SunError(
            f"the data file needs coordinates.latitude, coordinates.longitude and timezone.iana to compute the "
            f"sun at {place.name}"
        ) from None
    elevation = facts.get("elevation")
    height = float(elevation.value) if elevation is not None and elevation.unit == "m" else 0.0  # type: ignore[arg-type]
    return latitude, longitude, height, zone


def day(place: Place, when: date) -> Day:
    """The sun at the place on one day."""
    from astral import Observer
    from astral import sun as astral_sun

    from roros_cli.clock import zone_info

    latitude, longitude, _, zone_name = where(place)
    zone = zone_info(zone_name)
    # The observer at the horizon: astral's elevation correction is for a view over lower land, not a valley.
    observer = Observer(latitude=latitude, longitude=longitude)

    def event(name: str) -> datetime | None:
        try:
            found: datetime = getattr(astral_sun, name)(observer, date=when, tzinfo=zone)
        except ValueError:  # the sun does not reach that height today
            return None
        return found

    noon = astral_sun.noon(observer, date=when, tzinfo=zone)
    midnight = astral_sun.midnight(observer, date=when, tzinfo=zone)
    sunrise, sunset = event("sunrise"), event("sunset")
    at_noon = astral_sun.elevation(observer, noon)
    lowest = astral_sun.elevation(observer, midnight)
    if sunrise is not None and sunset is not None:
        daylight = sunset - sunrise
    else:
        daylight = timedelta(hours=24) if lowest > 0 else timedelta(0)
    return Day(when, event("dawn"), sunrise, noon, sunset, event("dusk"), daylight, at_noon, lowest)


def year(place: Place, which: int) -> list[Day]:
    """The 21st of every month: the solstices and equinoxes fall near it, so the seasons show."""
    return [day(place, date(which, month, 21)) for month in range(1, 13)]
