"""What each command does once its arguments are parsed: call the core, pick an output, return a status.

Both the Typer app (`cli`) and the start-up fast path (`fastpath`) call these functions, so a command
behaves the same whichever parsed it. Rich is imported only on the branches that draw.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from roros_cli import document, output
from roros_cli import facts as query
from roros_cli.document import SCHEMA_VERSION
from roros_cli.model import Place
from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import TextIO

    from roros_cli import pages, render
    from roros_cli.loader import Problem
    from roros_cli.units import Unit


@dataclass(frozen=True)
class Options:
    """The global options: which data file, and whether to show tracebacks of bugs."""

    data: str | None = None
    debug: bool = False


def load_place(options: Options) -> Place:
    from roros_cli.datafile import requested_path
    from roros_cli.loader import DataError, load

    _check_data_option(options)
    try:
        return load(requested_path(options.data))
    except DataError as error:
        output.fail(str(error), output.DATA)


def _check_data_option(options: Options) -> None:
    if options.data == "":
        output.fail("--data needs a file name (leave --data out to use the built-in file)", output.USAGE)


def exclusive(**chosen: object) -> None:
    """Refuse options that cannot work together, naming both (exit 2); an empty --export is refused too."""
    if chosen.get("export") == "":
        output.fail("--export needs a file name ending in .svg, .html or .txt", output.USAGE)
    named = [f"--{name.rstrip('_').replace('_', '-')}" for name, value in chosen.items() if value]
    if len(named) > 1:
        output.fail(f"{named[0]} and {named[1]} cannot be used together: choose one", output.USAGE)


def _marks() -> render.Marks:
    """✓ ✗ ⚠ where stdout can show them, `ok` `MISMATCH` `!` where it cannot (an ASCII terminal)."""
    from roros_cli import render

    return render.marks_for(output.can_encode("✓✗⚠–"))


def emit_json(doc: document.Document) -> int:
    output.write(document.dumps(doc, ascii_only=not output.can_encode()))
    return output.OK


# ---------------------------------------------------------------------------------------------- info


def info(options: Options, *, json: bool, plain: bool, units: str, sources: bool, export: str | None) -> int:
    exclusive(json=json, plain=plain, export=export)
    place = load_place(options)
    if export:
        from roros_cli import pages

        return write_export(export, pages.info_sheet(place, units, sources))
    if json:
        return emit_json(document.info_document(place, units))
    if plain:
        lines = [document.plain_fact_line(place.facts[key], units) for s in place.sections for key in s.keys]
        output.write_lines(lines)
        return output.OK
    from roros_cli import render

    output.draw(render.info_view(place, units, sources, _marks()))
    return output.OK


def write_export(path: str, sheet: pages.Sheet) -> int:
    """Write a view to PATH as an HTML page, an SVG picture or plain text, by the file's suffix."""
    from roros_cli import pages

    suffix = os.path.splitext(path)[1].lower()
    if suffix not in {".svg", ".html", ".htm", ".txt", ".text"}:
        output.fail(f"cannot export to '{shorten(path)}': use a name ending in .svg, .html or .txt", output.USAGE)
    if suffix == ".svg":
        content = pages.svg_picture(sheet)
    elif suffix in {".html", ".htm"}:
        content = pages.html_page(sheet)
    else:
        content = pages.text(sheet)
    write_file(path, content)
    output.say(f"wrote {path}")
    return output.OK


def write_file(path: str, content: str) -> None:
    """Write atomically (see datafile.write_atomically); a file replaced keeps its permissions."""
    from roros_cli.datafile import write_atomically

    try:
        write_atomically(os.path.abspath(path), content, _mode_for(path))
    except OSError as error:
        output.fail(f"cannot write '{shorten(path)}': {error.strerror or error}", output.WRITE)


def _mode_for(path: str) -> int:
    """The replaced file's permissions, or what a new file gets under the user's umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# ---------------------------------------------------------------------------------------------- get


def get(options: Options, keys: list[str], *, json: bool, units: str) -> int:
    """One bare value a line for each key, in order; a group key prints its facts as key<TAB>value lines."""
    if json and len(keys) > 1:
        output.fail("--json takes one key; for several, use `roros info --json | jq`", output.USAGE)
    place = load_place(options)
    if not json and units == "both":
        from roros_cli import cache

        cache.write(options.data, place)  # so that the next `roros get` skips this load (see cache.py)
    lines: list[str] = []
    for key in keys:
        try:
            found = query.lookup(place, key)
        except query.NotFound as error:
            output.write_lines(lines)  # what was found before, so a script sees how far it got
            output.fail(str(error), output.NOT_FOUND)
        if isinstance(found, list):
            if json:
                return emit_json(document.group_document(place, key.strip(), found, units))
            lines += [document.bare_line(fact, units) for fact in found]
        elif json:
            return emit_json(document.fact_document(place, found, units))
        else:
            from roros_cli.safetext import clean_line

            lines.append(clean_line(query.bare_value(found, units)))
    output.write_lines(lines)
    return output.OK


def keys(options: Options, *, json: bool, plain: bool, export: str | None = None) -> int:
    exclusive(json=json, plain=plain, export=export)
    place = load_place(options)
    if export:
        from roros_cli import pages

        return write_export(export, pages.keys_sheet(place, document.key_rows(place)))
    if json:
        return emit_json(document.keys_document(place))
    rows = document.key_rows(place)
    if plain:
        from roros_cli.safetext import clean_line

        output.write_lines([f"{key}\t{clean_line(label)}" for key, label, _ in rows])
        return output.OK
    from roros_cli import render

    output.draw(render.keys_view(rows))
    return output.OK


def search(options: Options, term: str, *, json: bool, plain: bool, units: str, export: str | None = None) -> int:
    exclusive(json=json, plain=plain, export=export)
    if not term.strip():
        output.fail("search needs a word to look for, such as `roros search copper`", output.USAGE)
    place = load_place(options)
    matches = query.search(place, term)
    if not matches:
        if json:
            emit_json(document.search_document(place, term, matches, units))  # an empty list of matches
        output.say(f"roros: nothing matches '{shorten(term)}' (try a shorter word, or `roros keys`)")
        return output.NOT_FOUND
    if export:
        from roros_cli import pages

        return write_export(export, pages.search_sheet(place, term, matches, units))
    if json:
        return emit_json(document.search_document(place, term, matches, units))
    if plain:
        output.write_lines([document.plain_fact_line(match.fact, units) for match in matches])
        return output.OK
    from roros_cli import render

    output.draw(render.search_view(place, term, matches, units, _marks()))
    return output.OK


def timeline(options: Options, *, json: bool, plain: bool, units: str, export: str | None) -> int:
    exclusive(json=json, plain=plain, export=export)
    place = load_place(options)
    dated = query.timeline(place)
    if export:
        from roros_cli import pages

        return write_export(export, pages.timeline_sheet(place, dated, units))
    if json:
        return emit_json(document.timeline_document(place, dated, units))
    if plain:
        output.write_lines([document.plain_fact_line(fact, units) for fact in dated])
        return output.OK
    from roros_cli import render

    output.draw(render.timeline_view(place, dated, units, _marks()))
    return output.OK


# ---------------------------------------------------------------------------------------------- convert


def convert(
    value: str, source: str, target: str, *, precision: int | None, exact: bool, explain: bool, json: bool
) -> int:
    from roros_cli.units import UnitError, check_compatible, convert_text, parse_units, with_symbol

    exclusive(json=json, explain=explain)
    exclusive(exact=exact, precision=precision is not None)
    try:
        units = parse_units(source, target)
        check_compatible(*units)
        if value.strip() == "-":
            return convert_stream(sys.stdin, units, precision=precision, exact=exact, json=json)
        result = convert_text(value, *units, precision=precision, exact=exact)
    except UnitError as error:
        output.fail(str(error), output.USAGE)
    if json:
        return emit_json(document.conversion_document(result))
    if explain:
        from roros_cli.units import explain as explanation

        output.write_lines([piece for line in explanation(result) for piece in _indented_fit(_encodable(line))])
        return output.OK
    output.write(_encodable(with_symbol(result.shown, result.target)))
    return output.OK


def _indented_fit(line: str) -> list[str]:
    """A line of an explanation wrapped at spaces to the width, its later lines indented two more; a figure
    stays with its unit (the no-break spaces are not blanks to `textwrap`)."""
    import re
    import textwrap

    indent = " " * (len(line) - len(line.lstrip(" ")))
    # A figure and its unit, "nearest 10", "adjust = +0.301": each stays on one line.
    glued = re.sub(
        r"(?<=\d) (?=[^\d\s=×+-])|(?<=nearest) (?=\d)|(?<=adjust) (?==)|(?<==) (?=[+-]\d)", "\u00a0", line.lstrip(" ")
    )
    pieces = textwrap.wrap(
        glued,
        output.width(),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [piece.replace("\u00a0", " ") for piece in pieces]


def _encodable(text: str) -> str:
    """The encyclopedia's `1.5×10⁻⁵` where stdout can show it, `1.5x10^-5` where it cannot."""
    from roros_cli.units import ascii_figure

    return text if output.can_encode(text) else ascii_figure(text)


_LONGEST_LINE = 4096  # bytes: a longer input line is reported, not kept, so memory stays constant
_KEPT_ERRORS = 1000  # in the JSON document; every error still goes to stderr


def convert_stream(stream: TextIO, units: tuple[Unit, Unit], *, precision: int | None, exact: bool, json: bool) -> int:
    """One value a line in, one figure a line out, written as the input arrives, in constant memory.

    Line N of the output answers line N of the input: a blank line gives a blank line, and a bad line gives an
    empty line (and its error, with the line number, on stderr), so `paste` keeps the two aligned. Under
    --json the one document is streamed: its results as they come, then the errors.
    """
    from roros_cli.units import UnitError, ascii_figure, convert_text, figure, with_symbol

    source, target = units
    errors: list[tuple[int, str]] = []
    error_count = 0
    number = 0
    first = True
    encodable = output.can_encode("×⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
    plain_symbol = with_symbol("0", target)[1:]  # the unit as it follows a figure (" sq mi", "/km²")
    singular_aware = target.singular_symbol is not None  # only acres need "1 acre"
    if json:
        output.write_raw('{\n  "schema_version": %d,\n  "kind": "conversions",\n  "results": [' % SCHEMA_VERSION)
    output.on_terminate()
    stopped: KeyboardInterrupt | None = None
    try:
        for lines in output.read_lines(stream, _LONGEST_LINE):
            shown: list[str] = []
            for line in lines:
                number += 1
                try:
                    if line is None:
                        raise UnitError(f"the line is longer than {_LONGEST_LINE:,} bytes or is not UTF-8 text.")
                    text = line.strip()
                    if not text:
                        shown.append("")
                    elif json:
                        item = document.batch_item(number, convert_text(text, source, target, precision, exact))
                        shown.append(("\n    " if first else ",\n    ") + item)
                        first = False
                    else:
                        value = figure(text, source, target, precision, exact)
                        value = value if encodable or "×" not in value else ascii_figure(value)
                        shown.append(with_symbol(value, target) if singular_aware else value + plain_symbol)
                except UnitError as error:
                    error_count += 1
                    if len(errors) < _KEPT_ERRORS:
                        errors.append((number, str(error)))
                    output.say(f"roros: line {number}: {error}")
                    shown.append("")
            if json:
                output.write_raw("".join(item for item in shown if item))
            elif shown:
                output.write("\n".join(shown))
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: what is printed stays, and the JSON is closed
        stopped = stop
    if json:
        output.write(document.batch_tail(errors, error_count, first))
    if stopped is not None:
        output.say("roros: terminated" if isinstance(stopped, output.Terminated) else "roros: interrupted")
        return output.TERMINATED if isinstance(stopped, output.Terminated) else output.INTERRUPTED
    return output.NOT_FOUND if error_count else output.OK


# ---------------------------------------------------------------------------------------------- schema


def schema(name: str) -> int:
    from roros_cli import schema as schemas

    available = schemas.names()
    if name not in available:
        output.fail(f"no schema '{shorten(name)}'; choose one of: {', '.join(available)}", output.USAGE)
    return emit_json(schemas.get(name))


# ---------------------------------------------------------------------------------------------- validate


def validate(options: Options, path: str | None, *, json: bool) -> int:
    """Check a data file and report every problem; the file is only read, never written."""
    from roros_cli.datafile import requested_path
    from roros_cli.loader import DataError, load

    if path == "":
        output.fail("validate needs a file name, or none for the file in use", output.USAGE)
    _check_data_option(options)
    try:
        place = load(path or requested_path(options.data))
    except DataError as error:
        # The file was named on the command line, not by --data: say so, or the hint misleads.
        problems = [_named_by_argument(problem) if path else problem for problem in error.problems]
        place = None
    else:
        problems = []
    shown = place.origin if place is not None else problems[0].file
    if json:
        emit_json(document.validation_document(shown, place, problems))
    else:
        from roros_cli.safetext import clean_line

        if place is not None:
            output.write(clean_line(f"{shown}: valid ({len(place.facts)} facts in {len(place.sections)} sections)"))
        else:
            lines = [clean_line(str(problem)) for problem in problems]
            summary = f"{shown}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
            output.write_lines([*lines, clean_line(summary)])
    return output.OK if place is not None else output.DATA


def _named_by_argument(problem: Problem) -> Problem:
    from dataclasses import replace

    from roros_cli.loader import NO_SUCH_FILE

    if problem.message != NO_SUCH_FILE:
        return problem
    return replace(problem, message="no such file; check the file name given to `roros validate`")


# ---------------------------------------------------------------------------------------------- check


def check(options: Options, *, json: bool, plain: bool, export: str | None) -> int:
    from roros_cli.audit import DISAGREES, audit

    exclusive(json=json, plain=plain, export=export)
    place = load_place(options)
    checks = audit(place)
    status = output.NOT_FOUND if any(item.status == DISAGREES for item in checks) else output.OK
    if export:
        from roros_cli import pages

        write_export(export, pages.check_sheet(place, checks))
        return status
    if json:
        emit_json(document.check_document(place, checks))
    elif plain:
        from roros_cli.safetext import clean_line

        output.write_lines(
            [f"{item.status}\t{clean_line(item.relation)}\t{clean_line(item.detail)}" for item in checks]
        )
    else:
        from roros_cli import render

        output.draw(render.check_view(place, checks, _marks()))
    return status


# ---------------------------------------------------------------------------------------------- time


def time(options: Options, *, at: str | None, json: bool) -> int:
    from roros_cli.clock import ClockError, local_time, parse_instant

    place = load_place(options)
    zone = place.facts.get("timezone.iana")
    if zone is None or not isinstance(zone.value, str):
        output.fail(
            f"the data file has no 'timezone.iana' fact (an IANA zone such as Europe/Oslo), "
            f"so the local time in {place.name} is unknown",
            output.NOT_FOUND,
        )
    if at is not None and not at.strip():
        output.fail("--at needs a time such as 2026-07-01T12:00 (local) or 2026-07-01T12:00Z (UTC)", output.USAGE)
    try:
        instant = parse_instant(at, zone.value) if at else None
    except ClockError as error:
        output.fail(str(error), output.USAGE)
    try:
        now = local_time(zone.value, instant)
    except ClockError as error:
        output.fail(str(error), output.USAGE if at else output.DATA)
    if json:
        return emit_json(document.time_document(place, now))
    from roros_cli.safetext import clean_line

    line = clean_line(
        f"{place.name}: {now.local:%H:%M:%S} on {now.local:%A} {now.local.day} {now.local:%B %Y}, "
        f"{now.abbreviation} (UTC{now.offset}){', summer time' if now.dst else ''}"
    )
    output.write_lines(output.fitted(line))
    return output.OK


# ---------------------------------------------------------------------------------------------- quiz


def quiz(
    options: Options,
    *,
    count: int,
    seed: int | None,
    json: bool,
    projector: bool = False,
    worksheet: str | None = None,
) -> int:
    """Ask, mark and score (or, with --class, show each question and its answer to a room; or write a
    printable worksheet)."""
    import random as _random

    from roros_cli import session
    from roros_cli.quiz import make_quiz

    exclusive(json=json, class_=projector, worksheet=worksheet is not None)
    if worksheet is not None and not worksheet.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write a worksheet to '{shorten(worksheet)}': use a name ending in .html", output.USAGE)
    place = load_place(options)
    chosen_seed = seed if seed is not None else _random.SystemRandom().randrange(1, 1_000_000)
    questions = make_quiz(place, count, chosen_seed)
    if not questions:
        output.fail(f"the data file for {place.name} has no facts to ask about", output.NOT_FOUND)
    if worksheet is not None:
        from roros_cli import pages

        write_file(worksheet, pages.worksheet(place, questions))
        output.say(f"wrote {worksheet} ({len(questions)} questions and an answer key; seed {chosen_seed})")
        return output.OK
    if sys.stdin is None:
        output.fail("standard input is closed: the quiz reads its answers there (a terminal or a pipe)", output.OUTPUT)
    output.on_terminate()
    if projector:
        return session.present(place, questions)
    return session.ask(place, questions, chosen_seed, json=json)


# ---------------------------------------------------------------------------------------------- map


def map_(options: Options, *, geojson: bool, export: str | None) -> int:
    """Where the place is: a locator map on the terminal, GeoJSON for a GIS, or SVG for a page or a slide."""
    from roros_cli import maps

    exclusive(geojson=geojson, export=export)
    place = load_place(options)
    try:
        outlines = maps.load_outlines()
        point = maps.coordinates(place)
        if geojson:
            import json as _json

            output.write(_json.dumps(maps.geojson(place, outlines), ensure_ascii=not output.can_encode()))
            return output.OK
        if export is not None:
            if not export.lower().endswith(".svg"):
                output.fail(f"cannot export a map to '{shorten(export)}': use a name ending in .svg", output.USAGE)
            write_file(export, maps.svg(place, outlines))
            output.say(f"wrote {export}")
            return output.OK
        encodable = output.can_encode("⣿●├─┤")
        lines = maps.braille(outlines, point, place.name, output.width(), output.height() - 6, not encodable)
        bar = maps.scale_bar(outlines, point, place.name, output.width(), output.height() - 6)
        country = maps.country_at(outlines, point)
    except maps.MapError as error:
        output.fail(str(error), output.NOT_FOUND)
    from roros_cli import render

    notes = [f"{place.name}: {maps.degrees(point)}, in {country.name if country else 'no country we know'}"]
    notes += query.neighbours(place)
    if bar and encodable:
        notes.append(bar)
    notes.append("Outlines: Natural Earth (public domain)")
    output.draw(render.map_view(lines if encodable else _ascii_map(lines), notes))
    return output.OK


def _ascii_map(lines: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """Braille dots as `.` for a terminal that cannot show them."""
    return [
        [("".join("." if 0x2800 < ord(c) <= 0x28FF else c for c in text), style) for text, style in line]
        for line in lines
    ]


# ---------------------------------------------------------------------------------------------- sun


def sun(options: Options, *, on: str | None, year: str | None, json: bool) -> int:
    """Sunrise, sunset, noon, day length and civil twilight on a day, or month by month over a year."""
    from datetime import date

    from roros_cli import sun as suns

    if on is not None and year is not None:
        output.fail("--date and --year cannot be used together: choose one", output.USAGE)
    place = load_place(options)
    try:
        if year is not None:
            which = date.today().year if year == "this" else _year(year)
            months = suns.year(place, which)
            if json:
                return emit_json(document.sun_year_document(place, which, months))
            from roros_cli import render

            output.draw(render.sun_year_view(place, which, months, output.can_encode("█░")))
            return output.OK
        when = _date(on) if on is not None else date.today()
        today = suns.day(place, when)
    except suns.SunError as error:
        output.fail(str(error), output.NOT_FOUND)
    if json:
        return emit_json(document.sun_document(place, today))
    from roros_cli import render

    output.draw(render.sun_view(place, today))
    return output.OK


def _date(text: str) -> date:
    from datetime import date

    try:
        when = date.fromisoformat(text.strip())
    except ValueError:
        output.fail(f"'{shorten(text)}' is not a date such as 2026-06-21 (YYYY-MM-DD)", output.USAGE)
    if not 1 <= when.year <= 9998:
        output.fail(f"'{shorten(text)}' is outside the years the sun can be computed for", output.USAGE)
    return when


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 9998):
        output.fail(f"'{shorten(text)}' is not a year such as 2026", output.USAGE)
    return int(text)


# ---------------------------------------------------------------------------------------------- slides


def slides(options: Options, path: str, *, quiz: int, seed: int | None) -> int:
    """A self-contained 16:9 deck: the fact sheet, timeline, check findings, map and, with --quiz N, questions."""
    import random as _random

    from roros_cli import maps, pages
    from roros_cli.audit import audit
    from roros_cli.quiz import make_quiz

    if seed is not None and not quiz:
        output.fail(
            "--seed chooses the quiz's questions, and there is no quiz: add --quiz N, or drop --seed", output.USAGE
        )
    if not path.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write slides to '{shorten(path)}': use a name ending in .html", output.USAGE)
    place = load_place(options)
    chosen_seed = seed if seed is not None else _random.SystemRandom().randrange(1, 1_000_000)
    questions = make_quiz(place, quiz, chosen_seed) if quiz else []
    try:
        map_svg: str | None = maps.svg(place, maps.load_outlines())
    except maps.MapError:
        map_svg = None  # a place without coordinates, or outside the outlines: the deck has no map slide
    write_file(path, pages.slides(place, questions, map_svg, audit(place)))
    quizzed = f", {len(questions)} questions (seed {chosen_seed})" if questions else ""
    output.say(f"wrote {path}{quizzed}")
    return output.OK
