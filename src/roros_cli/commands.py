"""What the fact commands do once their arguments are parsed: call the core, build a result, show it.

Both the Typer app (`cli`) and the start-up fast path (`fastpath`) call these functions, so a command
behaves the same whichever parsed it. Each view command builds a `dispatch.Result` and hands it to
`dispatch.show` with the output the user chose; the other commands live in `commands_convert`,
`commands_where` (map, sun) and `commands_class` (quiz, slides).
"""

from __future__ import annotations

from roros_cli import document, output, query
from roros_cli.dispatch import Later, Options, Result, check_data_option, emit_json, form, load_place, show
from roros_cli.model import Place
from roros_cli.safetext import inert, one_line, shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from roros_cli import pages, render
    from roros_cli.loader import Problem
else:  # imported when a view or a sheet is made, never for JSON or plain lines
    pages, render = Later("roros_cli.pages"), Later("roros_cli.render")

__all__ = ["Options", "check", "get", "info", "keys", "schema", "search", "time", "timeline", "validate"]


# ---------------------------------------------------------------------------------------------- the views


def info(options: Options, *, json: bool, plain: bool, units: str, sources: bool, export: str | None) -> int:
    chosen = form(json=json, plain=plain, export=export)
    place = load_place(options, raw=chosen == "json")
    facts = [place.facts[key] for section in place.sections for key in section.keys]
    result = Result(
        document=lambda: document.info_document(place, units),
        lines=lambda: [document.plain_fact_line(fact, units) for fact in facts],
        view=lambda marks: render.info_view(place, units, sources, marks),
        sheet=lambda: pages.info_sheet(place, units, sources),
    )
    return show(result, chosen, export)


def keys(options: Options, *, json: bool, plain: bool, export: str | None = None) -> int:
    chosen = form(json=json, plain=plain, export=export)
    place = load_place(options, raw=chosen == "json")
    rows = document.key_rows(place)
    result = Result(
        document=lambda: document.keys_document(place),
        lines=lambda: document.plain_key_lines(rows),
        view=lambda marks: render.keys_view(rows),
        sheet=lambda: pages.keys_sheet(place, rows),
    )
    return show(result, chosen, export)


def search(options: Options, term: str, *, json: bool, plain: bool, units: str, export: str | None = None) -> int:
    chosen = form(json=json, plain=plain, export=export)
    if not term.strip():
        output.fail("search needs a word to look for, such as `roros search copper`", output.USAGE)
    place = load_place(options, raw=chosen == "json")
    matches = query.search(place, term)
    if not matches:
        if chosen == "json":
            emit_json(document.search_document(place, term, matches, units))  # an empty list of matches
        output.say(f"roros: nothing matches '{shorten(term)}' (try a shorter word, or `roros keys`)")
        return output.NOT_FOUND
    shown = inert(term)  # the views echo what was typed, made inert as the place's text is
    result = Result(
        document=lambda: document.search_document(place, term, matches, units),
        lines=lambda: [document.plain_fact_line(match.fact, units) for match in matches],
        view=lambda marks: render.search_view(place, shown, matches, units, marks),
        sheet=lambda: pages.search_sheet(place, shown, matches, units),
    )
    return show(result, chosen, export)


def timeline(options: Options, *, json: bool, plain: bool, units: str, export: str | None) -> int:
    chosen = form(json=json, plain=plain, export=export)
    place = load_place(options, raw=chosen == "json")
    dated = query.timeline(place)
    result = Result(
        document=lambda: document.timeline_document(place, dated, units),
        lines=lambda: [document.plain_fact_line(fact, units) for fact in dated],
        view=lambda marks: render.timeline_view(place, dated, units, marks),
        sheet=lambda: pages.timeline_sheet(place, dated, units),
    )
    return show(result, chosen, export)


def check(options: Options, *, json: bool, plain: bool, export: str | None) -> int:
    """Every relation recomputed; exit 1 when one disagrees, whichever form shows them."""
    from roros_cli.audit import DISAGREES, audit

    chosen = form(json=json, plain=plain, export=export)
    place = load_place(options, raw=chosen == "json")
    checks = audit(place)
    result = Result(
        document=lambda: document.check_document(place, checks),
        lines=lambda: document.plain_check_lines(checks),
        view=lambda marks: render.check_view(place, checks, marks),
        sheet=lambda: pages.check_sheet(place, checks),
        status=output.NOT_FOUND if any(item.status == DISAGREES for item in checks) else output.OK,
    )
    return show(result, chosen, export)


# ---------------------------------------------------------------------------------------------- get


def get(options: Options, keys: list[str], *, json: bool, units: str) -> int:
    """One bare value a line for each key, in order; a group key prints its facts as key<TAB>value lines."""
    if json and len(keys) > 1:
        output.fail("--json takes one key; for several, use `roros info --json | jq`", output.USAGE)
    place = load_place(options, raw=json)
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
            lines.append(one_line(query.bare_value(found, units)))
    output.write_lines(lines)
    return output.OK


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
    check_data_option(options)
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
        # A report about a file, which may never have become a place: messages, cleaned as messages are.
        from roros_cli.safetext import shorten_path

        shown = shorten_path(shown)
        if place is not None:
            lines = [f"{shown}: valid ({len(place.facts)} facts in {len(place.sections)} sections)"]
            output.tell([*lines, *(f"{shown}: note: {note}" for note in notes)])
        else:
            summary = f"{shown}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
            output.tell([*(str(problem) for problem in problems), summary])
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


# ---------------------------------------------------------------------------------------------- time


def time(options: Options, *, at: str | None, json: bool) -> int:
    from roros_cli.clock import ClockError, local_time, parse_instant

    place = load_place(options, raw=json)
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
    line = one_line(
        f"{place.name}: {now.local:%H:%M:%S} on {now.local:%A} {now.local.day} {now.local:%B %Y}, "
        f"{now.abbreviation} (UTC{now.offset}){', summer time' if now.dst else ''}"
    )
    output.write_lines(output.fitted(line))
    return output.OK
