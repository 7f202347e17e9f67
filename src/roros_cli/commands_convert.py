"""`roros convert`: one value, or a stream of them on stdin (one a line, in constant memory)."""

from __future__ import annotations

import sys

from roros_cli import document, output
from roros_cli.dispatch import emit_json, exclusive

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from roros_cli.units import Unit


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
        output.write_raw(document.batch_head())
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
                        shown.append(
                            document.batch_item(number, convert_text(text, source, target, precision, exact), first)
                        )
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
