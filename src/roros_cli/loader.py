"""Data file -> model: find the file, read its bytes safely, parse its TOML, and hand the document to the
rules (`rules.py`) that check it against the format's description (`dataformat.py`).

Every problem is reported as a `Problem` naming the file, the line (where it can be found) and the key path;
`DataError` carries all of them, so `roros validate` can list them all while other commands show the first.
"""

from __future__ import annotations

import os
import re
import sys

from roros_cli import rules
from roros_cli.datafile import builtin_path
from roros_cli.dataformat import FACT_FIELDS as FACT_FIELDS  # re-exported: tests and tools name it here
from roros_cli.dataformat import FORMAT_VERSION as FORMAT_VERSION
from roros_cli.dataformat import MAX_BYTES, MAX_FACTS, MAX_SECTIONS
from roros_cli.problems import DataError, Problem, Report

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from roros_cli.model import Place

__all__ = ["BUILTIN_NAME", "NO_SUCH_FILE", "DataError", "Problem", "document", "load", "parse", "read_text"]


# ---------------------------------------------------------------------------------------------- finding


BUILTIN_NAME: Final = "roros.toml (built in)"  # how messages name the built-in file: never a machine path


def _builtin_text() -> str:
    path = builtin_path()
    if path is not None:
        return read_text(path, BUILTIN_NAME)
    from importlib.resources import files  # only for installs that are not plain files (zipimport)

    try:
        raw = files("roros_cli").joinpath("data/roros.toml").read_bytes()
    except OSError:
        raise DataError([Problem(BUILTIN_NAME, "is missing from this installation; reinstall roros")]) from None
    return raw.decode("utf-8")


NO_SUCH_FILE: Final = "no such file; check the path given to --data or ROROS_DATA"


def load(path: str | None = None) -> Place:
    """Read and validate a data file (the built-in one when `path` is None). Raises DataError."""
    if path is None:
        return parse(_builtin_text(), BUILTIN_NAME)
    # The user's own file is named as they typed it.
    return parse(read_text(path, path), path)


def read_text(path: str, shown: str) -> str:
    """The file's text, refusing what cannot be a data file before parsing it."""
    import stat

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below as not a regular file.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DataError([Problem(shown, NO_SUCH_FILE)]) from None
    except IsADirectoryError:
        raise DataError([Problem(shown, "is a directory, not a data file")]) from None
    except PermissionError:
        raise DataError([Problem(shown, "cannot be read: permission denied")]) from None
    except (OSError, ValueError) as error:
        raise DataError([Problem(shown, f"cannot be read: {getattr(error, 'strerror', None) or error}")]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise DataError([Problem(shown, "is a directory, not a data file")])
        if not stat.S_ISREG(mode):
            raise DataError([Problem(shown, "is not a regular file (a pipe, device or socket); give a .toml file")])
        with os.fdopen(descriptor, "rb") as handle:
            descriptor = -1
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise DataError([Problem(shown, f"cannot be read: {error.strerror or error}")]) from None
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    return _decode(raw, shown)


def _decode(raw: bytes, shown: str) -> str:
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(shown, f"is larger than {MAX_BYTES // 1024} KiB, far too large for a fact sheet")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1::2].count(0) > len(raw) // 4):
        raise DataError([Problem(shown, "is UTF-16 text; a data file must be UTF-8 (save it as UTF-8)")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark, as some editors write: harmless, so accepted
    if not raw.strip():
        raise DataError([Problem(shown, "is empty; a data file needs at least [meta] and a name fact")])
    if b"\x00" in raw:
        raise DataError([Problem(shown, "is a binary file (it contains NUL bytes), not TOML text")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError([Problem(shown, "is not UTF-8 text; save it as UTF-8", line=line)]) from None


# ---------------------------------------------------------------------------------------------- parsing


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_problem(str(error)) from None
    except ValueError:  # Python refuses to read an integer of more than 4300 digits
        found = re.search(r"[0-9_]{4000}", text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise _SyntaxProblem("an integer in the file has thousands of digits, far too large", line, None) from None


class _SyntaxProblem(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _syntax_problem(message: str) -> _SyntaxProblem:
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
    bare = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    return _SyntaxProblem(f"TOML syntax error: {bare}", line, column)


def document(text: str, shown: str, what: str = "a data file") -> dict[str, Any]:
    """The parsed TOML; a syntax error (with its line and column) raises DataError."""
    try:
        return _toml_loads(text)
    except _SyntaxProblem as error:
        raise DataError([Problem(shown, error.message, line=error.line, column=error.column)]) from None
    except RecursionError:
        raise DataError([Problem(shown, f"is nested far too deeply to be {what}")]) from None


def parse(text: str, shown: str = "<data>") -> Place:
    """Validate TOML text into a Place. Raises DataError listing every problem found."""
    # Parsing costs most per [table]: a file with far more tables than a fact sheet may have is refused first.
    tables = len(re.findall(r"^[ \t]*\[", text, re.MULTILINE))
    if tables > MAX_FACTS + MAX_SECTIONS:
        raise DataError(
            [Problem(shown, f"has {tables:,} tables, far more than the {MAX_FACTS:,} facts a file may have")]
        )
    report = Report(shown, text)
    place = rules.place(report, document(text, shown))
    if report.problems or place is None:
        raise DataError(report.problems)
    return place
