"""Where the place is and how its days run: `roros map` and `roros sun`."""

from __future__ import annotations

from roros_cli import document, output, query
from roros_cli.dispatch import Options, emit_json, exclusive, load_place, write_file
from roros_cli.model import Place
from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date

    from roros_cli import sun as sun_types


def map_(
    options: Options,
    *,
    geojson: bool,
    export: str | None,
    zoom: str = "region",
    places: bool = False,
    json: bool = False,
) -> int:
    """Where the place is: a map on the terminal, the places it shows, GeoJSON for a GIS, or SVG for a page."""
    from roros_cli import maps
    from roros_cli.places import load_places

    exclusive(geojson=geojson, export=export, places=places)
    exclusive(geojson=geojson, export=export, json=json)  # --places --json is one listing, as JSON
    place = load_place(options, raw=geojson or json)
    try:
        outlines, bundled = maps.load_outlines(), load_places()
        point = maps.coordinates(place)
        if geojson:
            from roros_cli import mapexport

            return emit_json(mapexport.geojson(place, outlines, zoom, bundled))
        if export is not None:
            if not export.lower().endswith(".svg"):
                output.fail(f"cannot export a map to '{shorten(export)}': use a name ending in .svg", output.USAGE)
            from roros_cli import mapexport

            output.say(f"{write_file(export, mapexport.svg(place, outlines, zoom, bundled))} {export}")
            return output.OK
        country = maps.country_at(outlines, point)
        where = f"{place.name}: {maps.degrees(point)}, in {country.name if country else 'no country we know'}"
        if places or json:
            from roros_cli import mapexport, maplabels

            shown = maplabels.shown(mapexport.svg_labels(place, outlines, zoom, bundled)[1], point)
            if json:
                return emit_json(document.map_places_document(place, zoom, point, shown, bundled.attribution))
            from roros_cli import render

            output.draw(render.map_places_view(place.name, zoom, shown, bundled.attribution))
            return output.OK
        if output.raw_width() < _MAP_COLUMNS:
            wanted = f"The map needs at least {_MAP_COLUMNS} columns; this terminal has {output.raw_width()}."
            output.write_lines(_wrapped(f"{wanted} {where}", output.raw_width()))
            return output.OK
        encodable = output.can_encode("⣿●•├─┤↑")
        rows = output.height() - 7
        from roros_cli import mapterm

        drawn = mapterm.terminal_map(outlines, point, place.name, output.width(), rows, not encodable, zoom, bundled)
        lines = drawn.lines
        bar = mapterm.scale_bar(outlines, point, place.name, output.width(), rows, zoom)
    except maps.MapError as error:
        output.fail(str(error), output.NOT_FOUND)
    from roros_cli import render

    notes = [where, *query.neighbours(place)]
    notes.append(f"↑ north   {bar}" if bar and encodable else "north is up")
    notes.append(f"{maps.OUTLINES_CREDIT}. {maps.PLACES_CREDIT}")
    output.draw(render.map_view(lines if encodable else _ascii_map(lines), notes))
    return output.OK


_MAP_COLUMNS = 20  # narrower, a Braille map of Norway is a smudge and a place's name does not fit beside it


def _wrapped(text: str, columns: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, max(columns, 1), break_long_words=True) or [""]


def _ascii_map(lines: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """Braille dots as `.` for a terminal that cannot show them."""
    return [
        [("".join("." if 0x2800 < ord(c) <= 0x28FF else c for c in text), style) for text, style in line]
        for line in lines
    ]


# ---------------------------------------------------------------------------------------------- sun


def sun(
    options: Options,
    *,
    on: str | None,
    year: str | None,
    json: bool,
    compare: str | None = None,
    export: str | None = None,
) -> int:
    """Sunrise, sunset, noon, day length and civil twilight on a day, or month by month over a year; beside
    another place with --compare; the year as an SVG chart with --export."""
    from datetime import date

    from roros_cli import sun as suns
    from roros_cli.clock import ClockError

    exclusive(json=json, export=export)
    if on is not None and year is not None:
        output.fail("--date and --year cannot be used together: choose one", output.USAGE)
    if export is not None and on is not None:
        output.fail("--export draws a whole year: use it with --year, not --date", output.USAGE)
    if export is not None and not export.lower().endswith(".svg"):
        output.fail(f"cannot export the daylight chart to '{shorten(export)}': use a name ending in .svg", output.USAGE)
    if compare is not None and not compare.strip():
        output.fail("--compare needs a place such as Oslo or Tromsø", output.USAGE)
    place = load_place(options, raw=json)
    try:
        here = suns.site(place)
        other = suns.compared_site(compare) if compare is not None else None
        if export is not None:
            return _daylight_chart(export, _which_year(year), here, other)
        if year is not None:
            return _sun_year(place, _which_year(year), here, other, json)
        when = _date(on) if on is not None else date.today()
        today = suns.day_of(here, when)
        there = suns.day_of(other, when) if other is not None else None
    except suns.SunError as error:
        output.fail(str(error), output.NOT_FOUND)
    except ClockError as error:  # the data file names a zone this system does not know
        output.fail(f"{error}: check 'timezone.iana' in the data file", output.DATA)
    if json:
        return emit_json(document.sun_document(place, today, (other, there) if other and there else None))
    from roros_cli import render_sun

    if other is not None and there is not None:
        output.draw(render_sun.sun_compare_view(here, today, other, there))
    else:
        output.draw(render_sun.sun_view(place, today))
    return output.OK


def _which_year(year: str | None) -> int:
    from datetime import date

    return date.today().year if year is None or year == "this" else _year(year)


def _sun_year(place: Place, which: int, here: sun_types.Site, other: sun_types.Site | None, json: bool) -> int:
    from roros_cli import sun as suns

    months = suns.months_of(here, which)
    theirs = suns.months_of(other, which) if other is not None else None
    compared = (other, theirs) if other is not None and theirs is not None else None
    if json:
        return emit_json(document.sun_year_document(place, which, months, compared))
    from roros_cli import render_sun

    blocks = output.can_encode("█░")
    if compared is not None:
        output.draw(render_sun.sun_year_compare_view(here, which, months, compared, blocks))
    else:
        output.draw(render_sun.sun_year_view(place, which, months, blocks))
    return output.OK


def _daylight_chart(path: str, which: int, here: sun_types.Site, other: sun_types.Site | None) -> int:
    from roros_cli import daylight
    from roros_cli import sun as suns

    theirs = (other, suns.every_day(other, which)) if other is not None else None
    attribution = ""
    if other is not None:
        from roros_cli.places import load_places

        attribution = load_places().attribution
    write_file(path, daylight.chart(which, here, suns.every_day(here, which), theirs, attribution))
    output.say(f"wrote {path}")
    return output.OK


def _sun_years() -> str:
    from roros_cli.sun import FIRST_YEAR, LAST_YEAR

    return f"{FIRST_YEAR} to {LAST_YEAR}"


def _date(text: str) -> date:
    from datetime import date

    from roros_cli.sun import FIRST_YEAR, LAST_YEAR

    try:
        when = date.fromisoformat(text.strip())
    except ValueError:
        output.fail(f"'{shorten(text)}' {_why_not_a_date(text.strip())}", output.USAGE)
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        output.fail(f"'{shorten(text)}' is outside the years roros sun covers ({_sun_years()})", output.USAGE)
    return when


def _why_not_a_date(text: str) -> str:
    """Why `text` is no date: a day or month the calendar lacks (2026-02-30), else the form wanted."""
    import calendar
    import re

    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
    if found is None:
        return "is not a date such as 2026-06-21 (YYYY-MM-DD)"
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        return f"does not exist: there is no month {found.group(2)} (months are 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    return f"does not exist: {calendar.month_name[month]} {year} has {days} days"


def _year(text: str) -> int:
    from roros_cli.sun import FIRST_YEAR, LAST_YEAR

    if not (text.isascii() and text.isdigit()):
        output.fail(f"'{shorten(text)}' is not a year such as 2026 (roros sun covers {_sun_years()})", output.USAGE)
    if not FIRST_YEAR <= int(text) <= LAST_YEAR:
        output.fail(f"'{shorten(text)}' is outside the years roros sun covers ({_sun_years()})", output.USAGE)
    return int(text)
