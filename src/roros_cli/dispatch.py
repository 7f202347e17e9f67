"""What every command shares once parsed: the global options, loading the place, refusing options that clash,
and the one path from a command's result to its output (an export, JSON, plain lines or the terminal).

A command builds a `Result` (how to make each form of its output, none made yet) and hands it to `show`
with the form the user chose; only that form is built, so a JSON or plain command line never imports Rich.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from roros_cli import document, output
from roros_cli.model import Place
from roros_cli.safetext import inert, shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal

    from rich.console import RenderableType

    from roros_cli import pages, render

    # The output forms of a view; `form` picks one from the flags.
    Form = Literal["export", "json", "plain", "terminal"]


@dataclass(frozen=True)
class Options:
    """The global options: which data file, and whether to show tracebacks of bugs."""

    data: str | None = None
    debug: bool = False


def load_place(options: Options, *, raw: bool = False) -> Place:
    """The place, its text made inert once (`safetext.inert`), so that no view has to clean what it shows.

    `raw=True` only for a JSON document (programs get the value itself; `document.dumps` escapes it) or for a
    place that is made inert later, once more text has joined it (`commands_class.with_questions`)."""
    from roros_cli.datafile import requested_path
    from roros_cli.loader import DataError, load

    check_data_option(options)
    try:
        place = load(requested_path(options.data))
    except DataError as error:
        output.fail(str(error), output.DATA)
    return place if raw else inert(place)


def check_data_option(options: Options) -> None:
    if options.data == "":
        output.fail("--data needs a file name (leave --data out to use the built-in file)", output.USAGE)


def exclusive(**chosen: object) -> None:
    """Refuse options that cannot work together, naming both (exit 2); an empty --export is refused too."""
    if chosen.get("export") == "":
        output.fail("--export needs a file name ending in .svg, .html or .txt", output.USAGE)
    named = [f"--{name.rstrip('_').replace('_', '-')}" for name, value in chosen.items() if value]
    if len(named) > 1:
        output.fail(f"{named[0]} and {named[1]} cannot be used together: choose one", output.USAGE)


def form(*, json: bool, plain: bool, export: str | None) -> Form:
    """The output the flags choose (refusing two at once): an export, JSON, plain lines, else the terminal."""
    exclusive(json=json, plain=plain, export=export)
    return "export" if export else "json" if json else "plain" if plain else "terminal"


class Later:
    """A module imported when first used: Rich and the page templates cost start-up time that a JSON or plain
    command line must not pay. The type checker sees the module itself (see the modules that use this)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> object:
        import importlib

        return getattr(importlib.import_module(self._name), attribute)


@dataclass(frozen=True)
class Result:
    """A command's result in each form it can take, each made only when chosen; `status` is the exit status
    whichever form is shown (`check` says 1 when the data disagrees, in every form)."""

    document: Callable[[], document.Document]
    lines: Callable[[], list[str]]
    view: Callable[[render.Marks], RenderableType]
    sheet: Callable[[], pages.Sheet]
    status: int = output.OK


def show(result: Result, chosen: Form, export: str | None = None) -> int:
    """The one path from a result to its output."""
    if chosen == "export":
        write_export(str(export), result.sheet())
    elif chosen == "json":
        emit_json(result.document())
    elif chosen == "plain":
        output.write_lines(result.lines())
    else:
        output.draw(result.view(marks()))
    return result.status


def marks() -> render.Marks:
    """✓ ✗ ⚠ where stdout can show them, `ok` `MISMATCH` `!` where it cannot (an ASCII terminal)."""
    from roros_cli import render

    return render.marks_for(output.can_encode("✓✗⚠–"))


def emit_json(doc: document.Document) -> int:
    output.write(document.dumps(doc, ascii_only=not output.can_encode()))
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
