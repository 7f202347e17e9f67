"""What each command does once its arguments are parsed: call the core, pick an output, return a status.

Both the Typer app (`cli`) and the start-up fast path (`fastpath`) call these functions, so a command
behaves the same whichever parsed it. Rich is imported only on the branches that draw.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from roros_cli import document, output, query
from roros_cli.document import SCHEMA_VERSION
from roros_cli.model import Place
from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import TextIO

    from roros_cli import pages, render
    from roros_cli import sun as sun_types
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
    output.say(f"{write_file(path, content)} {path}")
    return output.OK


def write_file(path: str, content: str) -> str:
    """Write an export (see export.write_export); "wrote" or "replaced", for the message that follows."""
    from roros_cli.export import Refused, write_export

    try:
        replaced = write_export(os.path.abspath(path), content)
    except Refused as refused:
        output.fail(f"cannot write '{shorten(path)}': {refused}", output.WRITE)
    except FileNotFoundError:
        folder = os.path.dirname(path) or "."  # as the user typed it, so the message quotes their words
        if not os.path.isdir(folder):
            output.fail(
                f"cannot write '{shorten(path)}': the folder '{shorten(folder)}' does not exist; create it first "
                "or choose another",
                output.WRITE,
            )
        output.fail(f"cannot write '{shorten(path)}': No such file or directory", output.WRITE)
    except OSError as error:
        output.fail(f"cannot write '{shorten(path)}': {error.strerror or error}", output.WRITE)
    return "replaced" if replaced else "wrote"


# ---------------------------------------------------------------------------------------------- get


def get(options: Options, keys: list[str], *, json: bool, units: str) -> int:
    """One bare value a line for each key, in order; a group key prints its facts as key<TAB>value lines."""
    if json and len(keys) > 1:
        output.fail("--json takes one key; for several, use `roros info --json | jq`", output.USAGE)
    place = load_place(options)
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
            if sys.stdin is None:  # before the first byte of output: never half a JSON document
                output.fail(
                    "standard input is closed: give the values on stdin, one a line (or a VALUE instead of -)",
                    output.OUTPUT,
                )
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
    notes = _validation_notes(place)
    if json:
        emit_json(document.validation_document(shown, place, problems, notes))
    else:
        from roros_cli.safetext import clean_line, shorten_path

        shown = shorten_path(shown)
        if place is not None:
            lines = [f"{shown}: valid ({len(place.facts)} facts in {len(place.sections)} sections)"]
            lines += [f"{shown}: note: {note}" for note in notes]
            output.write_lines([clean_line(line) for line in lines])
        else:
            lines = [clean_line(str(problem)) for problem in problems]
            summary = f"{shown}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
            output.write_lines([*lines, clean_line(summary)])
    return output.OK if place is not None else output.DATA


def _validation_notes(place: Place | None) -> list[str]:
    """What is allowed but worth knowing about a valid file: the same words for the text and the JSON."""
    if place is None or not place.source.url or place.source.link is not None:
        return []
    return [
        f"meta.source_url '{shorten(place.source.url)}' is not an http or https address, so pages show it as "
        "text, never as a link"
    ]


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
    topic: str | None = None,
    list_topics: bool = False,
    questions: str | None = None,
    only_mine: bool = False,
    key: str | None = None,
) -> int:
    """Ask, mark and score (or, with --class, show each question and its answer to a room; or write a
    printable worksheet; or list the topics)."""
    import random as _random
    import shlex

    from roros_cli import session
    from roros_cli.quiz import make_quiz

    exclusive(json=json, class_=projector, worksheet=worksheet is not None)
    if worksheet is not None and not worksheet.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write a worksheet to '{shorten(worksheet)}': use a name ending in .html", output.USAGE)
    _check_key(key, worksheet)
    place = with_questions(load_place(options), questions, only_mine)
    if list_topics:
        return _list_topics(place)
    _check_topic(place, topic)
    chosen_seed = seed if seed is not None else _random.SystemRandom().randrange(1, 1_000_000)
    asked = make_quiz(place, count, chosen_seed, topic=topic)
    if not asked:
        output.fail(f"the data file for {place.name} has no facts to ask about", output.NOT_FOUND)
    if len(asked) < count:
        # Never a shorter quiz without a word: no two questions that give each other away are asked together.
        on = f" on {topic}" if topic else ""
        output.say(
            f"only {len(asked)} questions{on} can be asked together with seed {chosen_seed} "
            f"(none may give away another's answer); asking {len(asked)}, not {count}"
        )
    if worksheet is not None:
        from roros_cli import pages

        about = topic or ""
        verb = write_file(worksheet, pages.worksheet(place, asked, chosen_seed, topic=about, key=key is None))
        if key is None:
            output.say(f"{verb} {worksheet} ({len(asked)} questions and an answer key; seed {chosen_seed})")
            return output.OK
        output.say(f"{verb} {worksheet} ({len(asked)} questions, no answers; seed {chosen_seed})")
        verb = write_file(key, pages.worksheet(place, asked, chosen_seed, topic=about, questions_shown=False))
        output.say(f"{verb} {key} (the answer key)")
        return output.OK
    if sys.stdin is None:
        output.fail("standard input is closed: the quiz reads its answers there (a terminal or a pipe)", output.OUTPUT)
    output.on_terminate()
    if projector:
        return session.present(place, asked)
    again = " ".join(
        [
            "roros quiz",
            *([f"--topic {topic}"] if topic else []),
            f"-n {count}",
            *([f"--questions {shlex.quote(questions)}"] if questions else []),
            *(["--only-mine"] if only_mine else []),
            f"--seed {chosen_seed}",
        ]
    )
    return session.ask(place, asked, chosen_seed, json=json, again=again)


def _list_topics(place: Place) -> int:
    """`roros quiz --topics`: each topic and its number of questions; trivia is asked only when chosen."""
    from roros_cli.quiz import TRIVIA, most_together, topics
    from roros_cli.safetext import clean

    found = topics(place)
    width = max((len(name) for name in found), default=0)
    for name, number in found.items():
        note = "  (asked only with --topic trivia)" if name == TRIVIA else ""
        most = f", at most {most_together(place, name)} in one quiz"
        output.write(clean(f"{name:<{width}}  {number:>3} question{'' if number == 1 else 's'}{most}{note}"))
    return output.OK


def with_questions(place: Place, path: str | None, only_mine: bool) -> Place:
    """The place with a teacher's own questions added (`--questions`), or with only those (`--only-mine`)."""
    from dataclasses import replace

    from roros_cli.loader import DataError
    from roros_cli.questions import load_questions

    if path is None:
        if only_mine:
            output.fail("--only-mine needs --questions FILE.toml (the questions to ask instead)", output.USAGE)
        return place
    try:
        mine = load_questions(path, place.facts)
    except DataError as error:
        output.fail(str(error), output.DATA)
    # The data file's facts stay (they name the place and lend wrong options of a kind); with --only-mine
    # they are no longer asked.
    facts = {key: replace(fact, quiz=False) for key, fact in place.facts.items()} if only_mine else place.facts
    return replace(place, facts={**facts, **mine})


def _check_topic(place: Place, topic: str | None) -> None:
    """An unknown topic is the user's error: say which topics there are."""
    from roros_cli.quiz import topics

    if topic is None:
        return
    found = topics(place)
    if topic not in found:
        choose = ", ".join(found) or "none: the data file gives no questions"
        output.fail(f"no quiz topic '{shorten(topic)}' for {place.name}: choose from {choose}", output.USAGE)


# ---------------------------------------------------------------------------------------------- map


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
    place = load_place(options)
    try:
        outlines, bundled = maps.load_outlines(), load_places()
        point = maps.coordinates(place)
        if geojson:
            return emit_json(maps.geojson(place, outlines, zoom, bundled))
        if export is not None:
            if not export.lower().endswith(".svg"):
                output.fail(f"cannot export a map to '{shorten(export)}': use a name ending in .svg", output.USAGE)
            output.say(f"{write_file(export, maps.svg(place, outlines, zoom, bundled))} {export}")
            return output.OK
        country = maps.country_at(outlines, point)
        where = f"{place.name}: {maps.degrees(point)}, in {country.name if country else 'no country we know'}"
        if places or json:
            shown = maps.shown(maps.svg_labels(place, outlines, zoom, bundled)[1], point)
            if json:
                return emit_json(document.map_places_document(place, zoom, point, shown, bundled.attribution))
            from roros_cli import render

            output.draw(render.map_places_view(place.name, zoom, shown, bundled.attribution))
            return output.OK
        if output.raw_width() < _MAP_COLUMNS:
            from roros_cli.safetext import clean

            wanted = f"The map needs at least {_MAP_COLUMNS} columns; this terminal has {output.raw_width()}."
            output.write_lines(_wrapped(f"{wanted} {clean(where)}", output.raw_width()))
            return output.OK
        encodable = output.can_encode("⣿●•├─┤↑")
        rows = output.height() - 7
        lines = maps.braille(outlines, point, place.name, output.width(), rows, not encodable, zoom, bundled)
        bar = maps.scale_bar(outlines, point, place.name, output.width(), rows, zoom)
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
    place = load_place(options)
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
    from roros_cli import render

    if other is not None and there is not None:
        output.draw(render.sun_compare_view(here, today, other, there))
    else:
        output.draw(render.sun_view(place, today))
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
    from roros_cli import render

    blocks = output.can_encode("█░")
    if compared is not None:
        output.draw(render.sun_year_compare_view(here, which, months, compared, blocks))
    else:
        output.draw(render.sun_year_view(place, which, months, blocks))
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


def _check_key(key: str | None, worksheet: str | None) -> None:
    """--key names an HTML file of its own, beside a worksheet."""
    if key is None:
        return
    if worksheet is None:
        output.fail("--key needs --worksheet: the key is written beside a worksheet", output.USAGE)
    if not key.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write an answer key to '{shorten(key)}': use a name ending in .html", output.USAGE)
    if os.path.abspath(key) == os.path.abspath(worksheet):
        output.fail("--key and --worksheet name the same file: give the key a name of its own", output.USAGE)


# ---------------------------------------------------------------------------------------------- slides


def slides(
    options: Options,
    path: str,
    *,
    quiz: int,
    seed: int | None,
    handout: str | None = None,
    topic: str | None = None,
    questions: str | None = None,
    only_mine: bool = False,
) -> int:
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
    if handout is not None and not handout.lower().endswith((".html", ".htm")):
        output.fail(f"cannot write a handout to '{shorten(handout)}': use a name ending in .html", output.USAGE)
    if handout is not None and os.path.abspath(handout) == os.path.abspath(path):
        output.fail("--handout names the deck's own file: give the handout a name of its own", output.USAGE)
    place = with_questions(load_place(options), questions, only_mine)
    _check_topic(place, topic)
    chosen_seed = seed if seed is not None else _random.SystemRandom().randrange(1, 1_000_000)
    asked = make_quiz(place, quiz, chosen_seed, topic=topic) if quiz else []
    try:
        from roros_cli.places import load_places

        # The country's map, as the deck had before the map had zooms: where the town is, for a class.
        map_svg: str | None = maps.svg(place, maps.load_outlines(), "country", load_places())
    except maps.MapError:
        map_svg = None  # a place without coordinates, or outside the outlines: the deck has no map slide
    checks = audit(place)
    verb = write_file(path, pages.slides(place, asked, map_svg, checks))
    quizzed = f", {len(asked)} questions (seed {chosen_seed})" if asked else ""
    output.say(f"{verb} {path}{quizzed}")
    if handout is not None:
        verb = write_file(handout, pages.handout(place, asked, map_svg, checks))
        output.say(f"{verb} {handout} (six slides a page)")
    return output.OK
