"""The two streams: data to stdout, messages to stderr; exit statuses; broken pipes and narrow encodings.

Only the CLI layer uses this module. Rich is not imported here: drawing lives in `render`.
"""

from __future__ import annotations

import os
import sys

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, NoReturn

    from rich.console import RenderableType

# Exit statuses, documented in the README and in `roros --help`.
OK: Final = 0
NOT_FOUND: Final = 1  # no such key or term; `check` found a disagreement; some batch lines were bad
USAGE: Final = 2  # bad command, option, unit or number
DATA: Final = 3  # the data file cannot be used
WRITE: Final = 4  # an --export file cannot be written
INTERNAL: Final = 70  # a bug in roros (sysexits' EX_SOFTWARE)
INTERRUPTED: Final = 130  # Ctrl-C (128 + SIGINT)
BROKEN_PIPE: Final = 141  # the reader went away (128 + SIGPIPE), as a shell reports `yes | head`


class Failure(Exception):
    """An error the user can fix: one message for stderr and the exit status that goes with it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def prepare_streams() -> None:
    """Make sure writing never raises on a stream that cannot encode `ø`: letters degrade to `?` instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "errors", "strict") == "strict"):
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or unusual stream: leave it be
                pass


def can_encode(text: str = "ø") -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _quit_on_broken_pipe() -> NoReturn:
    # Python's documented recipe: point stdout at devnull so the interpreter's final flush cannot fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(BROKEN_PIPE)


def write(text: str) -> None:
    """Data for stdout, one newline added."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _quit_on_broken_pipe()


def write_lines(lines: list[str]) -> None:
    if lines:
        write("\n".join(lines))


def draw(renderable: RenderableType) -> None:
    """A Rich renderable on stdout (colour only on a terminal and without NO_COLOR)."""
    from roros_cli.render import make_console

    try:
        make_console().print(renderable)
        sys.stdout.flush()
    except BrokenPipeError:
        _quit_on_broken_pipe()


def say(message: str) -> None:
    """A message for the user on stderr; control characters from data or input are shown, never obeyed."""
    from roros_cli.safetext import clean

    try:
        sys.stderr.write(clean(message) + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def fail(message: str, status: int) -> NoReturn:
    raise Failure(message, status)
