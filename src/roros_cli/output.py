"""The two streams: data to stdout, messages to stderr; exit statuses; broken pipes and narrow encodings.

Only the CLI layer uses this module. Rich is not imported here: drawing lives in `render`.
"""

from __future__ import annotations

import os
import sys

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Final, NoReturn, TextIO

    from rich.console import RenderableType

# Exit statuses: `status.Status` describes them (README, `roros --help`). The same numbers as plain ints here
# because the fast path must not import `enum`; tests/test_status.py fails if the two disagree.
OK: Final = 0
NOT_FOUND: Final = 1  # no such key or term; `check` found a disagreement; some batch lines were bad
USAGE: Final = 2  # bad command, option, unit or number
DATA: Final = 3  # the data file cannot be used
WRITE: Final = 4  # an --export file cannot be written
INTERNAL: Final = 70  # a bug in roros (sysexits' EX_SOFTWARE)
OUTPUT: Final = 74  # stdout or stdin cannot be used: closed, or the disk is full (sysexits' EX_IOERR)
INTERRUPTED: Final = 130  # Ctrl-C (128 + SIGINT)
BROKEN_PIPE: Final = 141  # the reader went away (128 + SIGPIPE), as a shell reports `yes | head`
TERMINATED: Final = 143  # SIGTERM (128 + 15), after what was done so far is printed


_PIECE: Final = 32_768  # characters written at a time: half a Linux pipe's buffer even in 2-byte letters


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that it ends like Ctrl-C: what is done so far is kept."""


class Failure(Exception):
    """An error the user can fix: one message for stderr and the exit status that goes with it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def report(error: BaseException, debug: bool = False) -> int:
    """The one mapping from what ended roros to its line on stderr and its exit status."""
    if isinstance(error, Failure):
        say(f"roros: error: {error}")
        return error.status
    if isinstance(error, Terminated):
        say("roros: terminated")
        return TERMINATED
    if isinstance(error, KeyboardInterrupt):
        say("roros: interrupted")
        return INTERRUPTED
    if debug:
        import traceback

        traceback.print_exception(error)
    else:
        say(
            f"roros: internal error ({type(error).__name__}): this is a bug in roros. "
            "Please report it to the roros maintainers (see the README) with the output of the same "
            "command run with --debug."
        )
    return INTERNAL


def prepare_streams() -> None:
    """Make sure writing never raises on a stream that cannot encode `ø` (letters degrade to `?` instead),
    and reading never raises on bytes that are not UTF-8 (they become U+FFFD, which no answer matches)."""
    for stream in (sys.stdout, sys.stderr, sys.stdin):
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


def detach_stdout() -> None:
    # Python's documented recipe: point stdout at devnull so the interpreter's final flush cannot fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _quit_on_broken_pipe() -> NoReturn:
    detach_stdout()
    raise SystemExit(BROKEN_PIPE)


def _stdout() -> TextIO:
    if sys.stdout is None:
        fail("standard output is closed; give roros somewhere to write (a terminal, a file or a pipe)", OUTPUT)
    return sys.stdout


def _write_failed(error: OSError) -> NoReturn:
    detach_stdout()
    fail(f"cannot write the output: {error.strerror or error}", OUTPUT)


def write(text: str) -> None:
    """Data for stdout, one newline added."""
    write_raw(text + "\n")


def write_raw(text: str) -> None:
    """Data for stdout as it is, flushed at once (a stream's parts). A full disk is the user's error, not a bug."""
    stream = _stdout()
    try:
        # In pieces, each flushed: after a partial write to a pipe whose reader left, CPython drops the rest
        # without an error, so a large view would end with status 0 instead of 141.
        for start in range(0, len(text), _PIECE):
            stream.write(text[start : start + _PIECE])
            stream.flush()
    except BrokenPipeError:
        _quit_on_broken_pipe()
    except OSError as error:
        _write_failed(error)


def read_lines(stream: TextIO | None, longest: int) -> Iterator[list[str | None]]:
    """The lines of `stream`, a batch for each read, as soon as they arrive; in constant memory.

    A line longer than `longest` bytes, or not UTF-8, is given as None (a long one's bytes dropped as they
    come), so a flood without a newline cannot grow the process. A closed stdin is a user error, not a bug.
    """
    if stream is None:
        fail("standard input is closed: give the values on stdin, one a line (or a VALUE instead of -)", OUTPUT)
    read = _reader(stream)
    pending = b""
    overlong = False
    while True:
        try:
            chunk = read(1 << 16)
        except OSError as error:
            fail(f"cannot read standard input: {error.strerror or error}", OUTPUT)
        if not chunk:
            break
        whole, newline, rest = (pending + chunk).rpartition(b"\n")
        if newline:
            lines = _decoded(whole)
            if overlong:
                lines[0] = None
            yield [None if line is not None and len(line) > longest else line for line in lines]
            overlong = False
        overlong = overlong or len(rest) > longest
        pending = b"" if overlong else rest
    if pending or overlong:
        yield [None if overlong else _decoded(pending)[0]]


def _decoded(data: bytes) -> list[str | None]:
    """The lines of `data` as text; a line that is not UTF-8 becomes None. One decode for the common case."""
    try:
        return list(data.decode("utf-8").split("\n"))
    except UnicodeDecodeError:
        lines: list[str | None] = []
        for line in data.split(b"\n"):
            try:
                lines.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(None)
        return lines


def _reader(stream: TextIO) -> Callable[[int], bytes]:
    """A read that returns what has arrived (up to n bytes) without waiting for more: os.read on a real file."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        descriptor = -1
    if descriptor >= 0:
        return lambda size: os.read(descriptor, size)
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        return binary.read1  # type: ignore[no-any-return]
    return lambda size: stream.read(size).encode("utf-8", "surrogateescape")


PIPE_WIDTH: Final = 80  # a pipe without COLUMNS: scripts get the same layout from every terminal (README)
PIPE_LINES: Final = 40  # a pipe without LINES: a map's canvas
# The one terminal-size rule: COLUMNS and LINES count when they are whole numbers in these ranges (anything else,
# 0 or 99999999, is treated as unset); then the terminal's own size; then the pipe's defaults above.
SANE_COLUMNS: Final = range(20, 1001)
SANE_LINES: Final = range(10, 1001)


def terminal_size() -> tuple[int, int]:
    """(columns, lines) to fit output to; every view, drawn by Rich or written as text, is sized by this.

    Only stdout is asked: a pipe's output must not depend on the terminal that stdin or stderr are on."""
    return width(), height()


def width() -> int:
    """The width to fit text to (see `terminal_size`)."""
    return _terminal("COLUMNS", SANE_COLUMNS, PIPE_WIDTH)


def raw_width() -> int:
    """The width even below the 20 columns `width` insists on: for a view that must say it cannot fit.

    Only a real terminal can be that narrow: a COLUMNS outside 20-1,000 is ignored here too (the README's rule)."""
    return _terminal("COLUMNS", SANE_COLUMNS, PIPE_WIDTH, smallest_found=1)


def height() -> int:
    """The lines to fit a view to (see `terminal_size`)."""
    return _terminal("LINES", SANE_LINES, PIPE_LINES)


def _terminal(variable: str, sane: range, default: int, smallest_found: int | None = None) -> int:
    """A size from the environment if sane, else the terminal's, else `default`; absurd values are unset.

    `smallest_found` lets a real terminal be narrower than the environment may say (down to that)."""
    value = os.environ.get(variable, "")
    if value.isdigit() and int(value) in sane:
        return int(value)
    try:
        size = os.get_terminal_size(sys.stdout.fileno()) if sys.stdout is not None else None
    except (OSError, ValueError, AttributeError):
        size = None
    found = (size.columns if variable == "COLUMNS" else size.lines) if size is not None else 0
    lowest = sane.start if smallest_found is None else smallest_found
    return found if lowest <= found < sane.stop else default


def fitted(text: str) -> list[str]:
    """`text` wrapped at spaces to the width (a word longer than the width stays whole)."""
    import textwrap  # only the few outputs that wrap plain text

    return textwrap.wrap(text, width(), break_long_words=False, break_on_hyphens=False) or [""]


def write_lines(lines: list[str]) -> None:
    if lines:
        write("\n".join(lines))


def draw(renderable: RenderableType) -> None:
    """A Rich renderable on stdout (colour only on a terminal and without NO_COLOR)."""
    from roros_cli.render import make_console

    _stdout()
    # Sized by `terminal_size()`, not by Rich: Rich would ask stdin and stderr too, so a pipe from a terminal
    # would take that terminal's width. Coloured for the real stdout, but captured: write_raw writes it.
    columns, lines = terminal_size()
    console = make_console(columns, lines)
    try:
        with console.capture() as captured:
            console.print(renderable)
    except BrokenPipeError:  # Rich flushes stdout when a capture ends
        _quit_on_broken_pipe()
    except OSError as error:
        _write_failed(error)
    write_raw(captured.get())


def say(message: str) -> None:
    """A message for the user on stderr; control characters from data or input are shown, never obeyed."""
    if sys.stderr is None:  # closed with 2>&-: there is nowhere to say it
        return
    try:
        sys.stderr.write(_message(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def tell(messages: list[str]) -> None:
    """Messages that are a command's output (`roros validate`'s report), on stdout, each cleaned like `say`'s."""
    write_lines([_message(message) for message in messages])


def _message(text: str) -> str:
    """Messages quote what was typed and what a file holds, before or without a loaded place: cleaned here, and
    kept to one line (a newline echoed from input cannot forge another)."""
    from roros_cli.safetext import clean_line

    return clean_line(text)


class _Sigterm:
    """Whether a SIGTERM may still be raised as Terminated, and whether one was."""

    armed = False
    raised = False


def on_terminate() -> None:
    """From here on, SIGTERM ends the command like Ctrl-C, keeping what was printed (status 143). Once: a
    second SIGTERM, or one after the command's work is over (`work_done`), ends roros at once, as by default,
    rather than raising into the code that is already ending it (where it would show as a traceback)."""
    import signal  # only the long-running commands: the module costs start-up time

    def terminated(number: int, frame: object) -> None:
        if not _Sigterm.armed:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            return
        _Sigterm.armed, _Sigterm.raised = False, True
        raise Terminated

    _Sigterm.armed = True
    signal.signal(signal.SIGTERM, terminated)


def work_done() -> None:
    """The command has ended (its status is known): no SIGTERM is raised as Terminated from here on."""
    _Sigterm.armed = False


def sigterm_raised() -> bool:
    """Whether a SIGTERM was raised as Terminated (Typer reports any KeyboardInterrupt as 130, SIGTERM too)."""
    return _Sigterm.raised


def fail(message: str, status: int) -> NoReturn:
    raise Failure(message, status)
