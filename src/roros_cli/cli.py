"""The Typer app: parse arguments, call `commands`, map errors to exit statuses. No domain logic here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Optional

import typer
from typer.core import TyperCommand

from roros_cli import (
    __version__,
    commands,
    commands_class,
    commands_convert,
    commands_where,
    compat,
    output,
    query,
    status,
)

if TYPE_CHECKING:
    from roros_cli.compat import Context as _ClickContext
    from roros_cli.compat import HelpFormatter as _ClickHelpFormatter
    from roros_cli.compat import StringParamType as _StringType
else:
    _ClickHelpFormatter = compat.click_help_formatter()
    _StringType = compat.click_string_type()
term_len = compat.click_term_len()
wrap_text = compat.click_wrap_text()

EPILOG = status.epilog()


class _TidyHelp(_ClickHelpFormatter):
    """Click's help, fitted to narrow terminals too, with no blanks at the ends of lines.

    Click never formats narrower than 50 columns (a 40-column terminal is real), and its usage line can end
    in a blank when it wraps. The width is read when help is printed, not when the module is imported.
    """

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        if width is None:
            width = max(min(output.width(), max_width or 80) - 2, 18)
        super().__init__(indent_increment, width, max_width)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands in two columns where the help gets room; else each over its help, indented."""
        rows = list(rows)
        first = min(max((term_len(term) for term, _ in rows), default=0), col_max) + col_spacing
        if self.width - self.current_indent - first - 2 >= _HELP_COLUMN_AT_LEAST:
            super().write_dl(rows, col_max, col_spacing)
            return
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(f"{indent}{term}\n")
            for line in wrap_text(text, self.width - self.current_indent - 4, preserve_paragraphs=True).splitlines():
                self.write(f"{indent}    {line}\n" if line else "\n")

    def getvalue(self) -> str:
        return "\n".join(line.rstrip() for line in super().getvalue().split("\n"))


_HELP_COLUMN_AT_LEAST = 24  # characters of help beside an option; narrower, the help goes under it
compat.use_help_formatter(_TidyHelp)
compat.use_whole_word_wrapping()  # a word of the help is never split: not at a hyphen, not in the middle
compat.use_one_line_usage_errors()  # like every other error: one `roros: error:` line

app = typer.Typer(
    name="roros",
    help="Facts about Røros, the copper-mining town in Norway and UNESCO World Heritage Site, "
    "each with where it comes from.\n\n\b\nExamples:\n  roros info\n  roros get area\n"
    "  roros convert 630 m ft\n  roros search glamos",
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # never print a user's data or environment in a traceback
    rich_markup_mode=None,
)


class Zoom(str, Enum):
    region = "region"
    country = "country"
    europe = "europe"


class Units(str, Enum):
    both = "both"
    metric = "metric"
    imperial = "imperial"


def _options(ctx: typer.Context) -> commands.Options:
    found = ctx.find_object(commands.Options)
    return found if found is not None else commands.Options()


def _version(value: bool) -> None:
    if value:
        output.write(f"roros {__version__}")
        raise typer.Exit()


SHORT_HELP = (
    "roros - facts about Røros, the copper-mining town in Norway.",
    (
        ("roros info", "the whole fact sheet"),
        ("roros get area", "one bare value (3.31)"),
        ("roros get unesco --json", "a group of facts as JSON"),
        ("roros search glamos", "find facts (accents and case ignored)"),
        ("roros convert 630 m ft", "2,070 ft, rounded like the encyclopedia"),
    ),
    "Run `roros --help` for every command and option.",
)


def short_help(width: int) -> list[str]:
    """What bare `roros` prints: two columns where they fit, each example over its meaning where not."""
    head, examples, tail = SHORT_HELP
    column = max(len(command) for command, _ in examples) + 4
    lines = [*output_fitted(head, width), ""]
    for command, meaning in examples:
        if column + len(meaning) + 2 <= width:
            lines.append(f"  {command.ljust(column - 2)}{meaning}")
        else:
            lines += [f"  {command}", *(f"      {piece}" for piece in output_fitted(meaning, width - 6))]
    return [*lines, "", *output_fitted(tail, width)]


def output_fitted(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


@app.callback()
def main(
    ctx: typer.Context,
    data: Optional[str] = typer.Option(
        None, "--data", metavar="FILE", help="Use this data file instead of the built-in one (or set ROROS_DATA)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an unexpected error (or ROROS_DEBUG=1)."),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Facts about Røros, each with where it comes from."""
    ctx.obj = commands.Options(data=data, debug=debug)
    if ctx.invoked_subcommand is None:
        output.write_lines(short_help(output.width()))
        raise typer.Exit()


def _run(call: Callable[[], int]) -> None:
    """Run a command; a user error becomes one line on stderr and its exit status, never a traceback."""
    try:
        status = call()
    except output.Failure as failure:
        raise typer.Exit(output.report(failure)) from None
    if status:
        raise typer.Exit(status)


JSON = typer.Option(False, "--json", help="Print one JSON document (see `roros schema`).")
PLAIN = typer.Option(False, "--plain", help="One fact per line, tab-separated, no table drawing.")
UNITS = typer.Option(
    Units.both, "--units", metavar="SYSTEM", case_sensitive=False, help="both, metric or imperial units."
)
EXPORT = typer.Option(None, "--export", metavar="PATH", help="Write the view to PATH: .svg, .html or .txt.")


def _complete_key(ctx: typer.Context, incomplete: str) -> list[str]:
    from roros_cli import completion

    data = ctx.find_root().params.get("data")
    return completion.keys(incomplete, data if isinstance(data, str) else None)


def _complete_unit(ctx: typer.Context, incomplete: str) -> list[str]:
    from roros_cli import completion

    source = ctx.params.get("source")
    return completion.units(incomplete, source if isinstance(source, str) else None)


@app.command(short_help="The whole fact sheet.")
def info(
    ctx: typer.Context,
    json: bool = JSON,
    plain: bool = PLAIN,
    units: Units = UNITS,
    sources: bool = typer.Option(False, "--sources", help="Say where each fact stands, under its value."),
    export: Optional[str] = EXPORT,
) -> None:
    """The whole fact sheet, section by section.

    \b
    Example:
      roros info --units metric
    """
    _run(
        lambda: commands.info(_options(ctx), json=json, plain=plain, units=units.value, sources=sources, export=export)
    )


class _Key(_StringType):
    """A data key; a missing one gets a pointer to `roros keys` after Click's "Missing argument"."""

    name = "key"

    def get_missing_message(self, param: Any, ctx: Any) -> str:
        return "Give a key such as area; `roros keys` lists every key."


KEYS = typer.Argument(
    ...,
    metavar="KEY...",
    help="Dotted keys such as area or unesco.reference.",
    autocompletion=_complete_key,
    click_type=_Key(),
)
GET_UNITS = typer.Option(
    Units.both,
    "--units",
    metavar="SYSTEM",
    case_sensitive=False,
    help="metric or imperial: a quantity in that system (1.28 sq mi).",
)


@app.command(short_help="Bare values for scripts.")
def get(ctx: typer.Context, keys: list[str] = KEYS, json: bool = JSON, units: Units = GET_UNITS) -> None:
    """One bare value a line, for each key in order: `$(roros get area)` is 3.31.

    A group key (unesco, coordinates) prints key<TAB>value lines. --json takes one key.

    \b
    Examples:
      roros get unesco.reference
      roros get area --units imperial
      roros get area elevation population
    """
    _run(lambda: commands.get(_options(ctx), keys, json=json, units=units.value))


@app.command("keys", short_help="Every key and its label.")
def keys_command(ctx: typer.Context, json: bool = JSON, plain: bool = PLAIN, export: Optional[str] = EXPORT) -> None:
    """Every key, with a short label.

    \b
    Example:
      roros keys --plain | grep unesco
    """
    _run(lambda: commands.keys(_options(ctx), json=json, plain=plain, export=export))


@app.command(short_help="Find facts by any word.")
def search(
    ctx: typer.Context,
    term: str = typer.Argument(..., metavar="TERM", help="A word to find in keys, labels and values."),
    json: bool = JSON,
    plain: bool = PLAIN,
    units: Units = UNITS,
    export: Optional[str] = EXPORT,
) -> None:
    """Find facts by key, label or value, ignoring case and accents; best first.

    \b
    Example:
      roros search sami
    """
    _run(lambda: commands.search(_options(ctx), term, json=json, plain=plain, units=units.value, export=export))


class _Command(TyperCommand):
    """Every command: a usage error raised while its options are read names it, so the hint says `roros get -h`.
    Click raises "Option '--units' requires an argument" without its context, and the hint then said `roros -h`.
    """

    def parse_args(self, ctx: _ClickContext, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except Exception as error:
            if getattr(error, "ctx", False) is None:  # a usage error that does not know its command
                error.ctx = ctx  # type: ignore[attr-defined]
            raise


class _TakesNegativeNumbers(_Command):
    """A command whose VALUE may be negative: `-5` or `-1.5e3` is kept as an argument, not read as an option.

    Only when such a number is on the command line, so a mistyped option (`--precison`) is still named as one.
    """

    def parse_args(self, ctx: _ClickContext, args: list[str]) -> list[str]:
        import re

        if any(re.fullmatch(r"-[0-9][0-9,]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|-\.[0-9]+", arg) for arg in args):
            ctx.ignore_unknown_options = True
        return super().parse_args(ctx, args)


@app.command(short_help="Convert like an infobox.", cls=_TakesNegativeNumbers)
def convert(
    value: str = typer.Argument(
        ..., metavar="VALUE", help="The number as typed (16,510 or 3.31), or - to read one per line."
    ),
    source: str = typer.Argument(..., metavar="FROM", help="The unit it is in.", autocompletion=_complete_unit),
    target: str = typer.Argument(..., metavar="TO", help="The unit to show.", autocompletion=_complete_unit),
    precision: Optional[int] = typer.Option(
        None,
        "--precision",
        min=query.PRECISIONS[0],
        max=query.PRECISIONS[-1],
        help="Decimals to show (negative: round to tens, hundreds).",
    ),
    exact: bool = typer.Option(False, "--exact", help="Show the result at full precision."),
    explain: bool = typer.Option(False, "--explain", help="Explain the factor and the rounding in words."),
    json: bool = JSON,
) -> None:
    """Convert a number between units, rounded like the encyclopedia's infobox.

    Units: m km ft mi m2 km2 ha acre sqft sqmi /km2 /sqmi, and spellings such as km², sq mi, acres.
    A negative value is typed as it is: roros convert -5 m ft.

    \b
    Example:
      roros convert 630 m ft
    """
    _run(
        lambda: commands_convert.convert(
            value, source, target, precision=precision, exact=exact, explain=explain, json=json
        )
    )


@app.command(short_help="The dated facts, in order.")
def timeline(
    ctx: typer.Context, json: bool = JSON, plain: bool = PLAIN, units: Units = UNITS, export: Optional[str] = EXPORT
) -> None:
    """The dated facts in order, oldest first.

    \b
    Example:
      roros timeline
    """
    _run(lambda: commands.timeline(_options(ctx), json=json, plain=plain, units=units.value, export=export))


def _complete_schema(incomplete: str) -> list[str]:
    from roros_cli import schema as schemas

    return [name for name in schemas.names() if name.startswith(incomplete)]


@app.command(short_help="JSON Schema of --json.")
def schema(
    name: str = typer.Argument(
        "info",
        metavar="[KIND]",
        autocompletion=_complete_schema,
        help="info (default), fact, group, keys, search, timeline, conversion, conversions, validation, ...; "
        "data for the data file's own format.",
    ),
) -> None:
    """Print the JSON Schema (draft 2020-12) of a --json document, or of the data file.

    \b
    Examples:
      roros schema info > info.schema.json
      roros schema data > data.schema.json
    """
    _run(lambda: commands.schema(name))


@app.command(short_help="Check a data file.")
def validate(
    ctx: typer.Context,
    file: Optional[str] = typer.Argument(
        None, metavar="[FILE]", help="The data file to check (default: the one in use: --data, ROROS_DATA or built in)."
    ),
    json: bool = JSON,
) -> None:
    """Check a data file and list every problem, with file, line and key. Exit 0 when valid, 3 when not.

    The file is only read, never written.

    \b
    Example:
      roros validate kongsberg.toml
    """
    _run(lambda: commands.validate(_options(ctx), file, json=json))


@app.command(short_help="Recompute derived facts.")
def check(ctx: typer.Context, json: bool = JSON, plain: bool = PLAIN, export: Optional[str] = EXPORT) -> None:
    """Audit the data: recompute what can be derived and report each agreement and disagreement.

    Density from each population figure and the area, decimal coordinates from the degrees-minutes-seconds
    form, the time zone's offsets, the conversions the source prints, and more. Exit 1 on a disagreement,
    so a data file can be checked in CI.

    \b
    Example:
      roros check
    """
    _run(lambda: commands.check(_options(ctx), json=json, plain=plain, export=export))


@app.command(short_help="Local time in the town.")
def time(
    ctx: typer.Context,
    at: Optional[str] = typer.Option(
        None,
        "--at",
        metavar="TIME",
        help="An ISO 8601 time instead of now: with Z or an offset it is that instant; without, local time.",
    ),
    json: bool = JSON,
) -> None:
    """The current local time in the town, with its UTC offset and zone abbreviation (CET or CEST).

    A local --at time the clocks skip in spring is refused (status 2); one they pass twice in autumn needs
    its offset, which the message names (+02:00 for CEST, +01:00 for CET).

    \b
    Examples:
      roros time
      roros time --at 2026-07-01T12:00:00Z
      roros time --at 2026-12-24T15:00
    """
    _run(lambda: commands.time(_options(ctx), at=at, json=json))


TOPIC = typer.Option(
    None, "--topic", metavar="NAME", help="Only questions on this topic (`roros quiz --topics` lists them)."
)
QUESTIONS = typer.Option(
    None, "--questions", metavar="FILE.toml", help="Add your own questions (format: docs/data-format.md)."
)
ONLY_MINE = typer.Option(False, "--only-mine", help="Ask only the questions of --questions.")


@app.command(short_help="A quiz from the facts.")
def quiz(
    ctx: typer.Context,
    count: int = typer.Option(5, "--count", "-n", min=1, max=50, help="How many questions."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Ask the same questions, in the same order, again."),
    json: bool = typer.Option(False, "--json", help="Print the questions and results as one JSON document at the end."),
    projector: bool = typer.Option(
        False, "--class", help="For a projector: Enter shows each answer and its source; q then Enter ends. No typing."
    ),
    worksheet: Optional[str] = typer.Option(
        None, "--worksheet", metavar="FILE.html", help="Write a printable A4 worksheet with an answer key."
    ),
    topic: Optional[str] = TOPIC,
    list_topics: bool = typer.Option(False, "--topics", help="List the topics, with how many questions each has."),
    questions: Optional[str] = QUESTIONS,
    only_mine: bool = ONLY_MINE,
    key: Optional[str] = typer.Option(
        None, "--key", metavar="KEY.html", help="With --worksheet: the answer key in a file of its own."
    ),
) -> None:
    """A quiz from the facts: multiple choice, and numbers marked in their unit.

    On a terminal it prompts; otherwise it reads one answer a line from stdin, so a class or a script can
    feed answers, and it ends with the score so far when they run out. Ctrl-C ends with the score so far
    (status 130).

    \b
    Examples:
      roros quiz --count 3 --seed 7
      roros quiz --class --count 10
      roros quiz -n 10 --worksheet q.html
      roros quiz --topic history
      roros quiz -n 10 \\
        --worksheet q.html --key k.html
      printf '1\\n1\\n' |
        roros quiz -n 2 --seed 7
    """
    _run(
        lambda: commands_class.quiz(
            _options(ctx),
            count=count,
            seed=seed,
            json=json,
            projector=projector,
            worksheet=worksheet,
            key=key,
            topic=topic,
            list_topics=list_topics,
            questions=questions,
            only_mine=only_mine,
        )
    )


ZOOM = typer.Option(Zoom.region, "--zoom", help="region (300 km around), country or europe.")


@app.command("map", short_help="Where the town is: a map.")
def map_command(
    ctx: typer.Context,
    zoom: Zoom = ZOOM,
    places: bool = typer.Option(False, "--places", help="List the places shown: distance and bearing."),
    json: bool = typer.Option(False, "--json", help="The places shown as one JSON document."),
    geojson: bool = typer.Option(False, "--geojson", help="Print GeoJSON (RFC 7946): the town, places, outlines."),
    export: Optional[str] = typer.Option(None, "--export", metavar="PATH", help="Write the map to PATH as .svg."),
) -> None:
    """A map of the town's region, its country or Europe, with places, borders and a scale, fitted to the terminal.

    The outlines are Natural Earth's (public domain) and the places GeoNames' (CC BY 4.0), shipped with roros:
    nothing is downloaded. The map uses the data file's coordinates, so `roros --data FILE map` maps another
    place. --places lists the places the map names with their great-circle distance and compass bearing.

    \b
    Examples:
      roros map
      roros map --zoom country
      roros map --places
      roros map --geojson > roros.geojson
      roros map --export map.svg
    """
    _run(
        lambda: commands_where.map_(
            _options(ctx), geojson=geojson, export=export, zoom=zoom.value, places=places, json=json
        )
    )


@app.command(short_help="Sunrise, sunset, daylight.")
def sun(
    ctx: typer.Context,
    on: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Another day than today."),
    year: Optional[str] = typer.Option(None, "--year", metavar="[YEAR]", help="Month by month (default: this year)."),
    compare: Optional[str] = typer.Option(
        None, "--compare", metavar="PLACE", help="Side by side with a town of Norway, Sweden or Finland."
    ),
    export: Optional[str] = typer.Option(
        None, "--export", metavar="PATH", help="Write the year's daylight and twilight as an .svg chart."
    ),
    json: bool = JSON,
) -> None:
    """Sunrise, sunset, solar noon, day length and civil twilight in the town, in its own time zone.

    Standard definitions: sunrise and sunset with the sun's centre 0.833° below the horizon, civil twilight 6°
    below; a dusk after midnight is shown on the evening it ends. Years 1900 to 2100. Places to compare come
    from GeoNames (CC BY 4.0), shipped with roros.

    \b
    Examples:
      roros sun
      roros sun --date 2026-06-21
      roros sun --year
      roros sun --compare Oslo
      roros sun --year --compare Tromsø
      roros sun --year \\
        --export daylight.svg
    """
    _run(lambda: commands_where.sun(_options(ctx), on=on, year=year, json=json, compare=compare, export=export))


@app.command("slides", short_help="A slide deck for a class.")
def slides_command(
    ctx: typer.Context,
    path: str = typer.Argument(..., metavar="FILE.html", help="Where to write the deck."),
    quiz: int = typer.Option(0, "--quiz", min=0, max=50, metavar="N", help="Add N questions, each with its answer."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Ask the same questions again."),
    topic: Optional[str] = TOPIC,
    questions: Optional[str] = QUESTIONS,
    only_mine: bool = ONLY_MINE,
    handout: Optional[str] = typer.Option(
        None, "--handout", metavar="FILE.html", help="Also write an A4 handout: six slides a page, lines for notes."
    ),
) -> None:
    """A 16:9 slide deck in one self-contained HTML file, for a projector, with no network needed.

    The place and what it is, the fact sheet a section at a time, the timeline, what `roros check` finds,
    the map, and with --quiz N a question slide and its answer slide for each question; the source and its
    licence last. Keys: Right/Space/Enter next, Left/Backspace back, Home/End, a number then Enter, B blanks,
    F full screen, ? lists them all; a click on the right half moves on. Printing gives one slide a page.

    \b
    Examples:
      roros slides roros.html
      roros slides lesson.html \\
        --quiz 5 --seed 7
      roros slides lesson.html \\
        --handout notes.html
    """
    _run(
        lambda: commands_class.slides(
            _options(ctx),
            path,
            quiz=quiz,
            seed=seed,
            handout=handout,
            topic=topic,
            questions=questions,
            only_mine=only_mine,
        )
    )


# Every command is a _Command (convert a subclass of it), declared here once rather than at each decorator.
for _declared in app.registered_commands:
    if _declared.cls in (None, TyperCommand):
        _declared.cls = _Command
