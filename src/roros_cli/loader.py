"""Data file -> model: find the file, read its bytes safely, parse its TOML, and hand the document to the
rules (`rules.py`) that check it against the format's description (`dataformat.py`).

Every problem is reported as a `Problem` naming the file, the line (where it can be found) and the key path;
`DataError` carries all of them, so `roros validate` can list them all while other commands show the first.
"""

from __future__ import annotations

import os
import re
import sys

from roros_cli import dataformat as form
from roros_cli import rules
from roros_cli.datafile import builtin_path
from roros_cli.dataformat import FACT_FIELDS as FACT_FIELDS  # re-exported: tests and tools name it here
from roros_cli.dataformat import FORMAT_VERSION as FORMAT_VERSION
from roros_cli.dataformat import MAX_BYTES, MAX_FACTS, MAX_SECTIONS
from roros_cli.model import Fact, Place, Section, Source, group_members
from roros_cli.problems import DataError, Problem, Report, type_name
from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

__all__ = [
    "BUILTIN_NAME",
    "NO_SUCH_FILE",
    "DataError",
    "Problem",
    "check",
    "document",
    "load",
    "parse",
    "read_text",
    "walk",
]


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
    place = check(report, document(text, shown))
    if report.problems or place is None:
        raise DataError(report.problems)
    return place


# ---------------------------------------------------------------------------------------------- checking

_NAME: Final = re.compile(form.NAME_PATTERN)
_META: Final = rules.Table(form.META, "[meta]")
_FACT: Final = rules.Table(form.FACT, "a fact")
_SECTION: Final = rules.Table(form.SECTION, "[[layout]]")
_RENAMED: Final = tuple((field.name, field.attribute) for field in form.FACT if field.attribute)


def check(report: Report, document: dict[str, Any]) -> Place | None:
    """The checked place, or None when the report holds problems."""
    source, roles = meta(report, document.get("meta"))
    facts: dict[str, Fact] = {}
    groups: list[str] = []
    body = {name: item for name, item in document.items() if name not in form.RESERVED}
    walk(report, body, "", 0, facts, groups)
    cross_check(report, facts)
    sections = layout(report, document.get("layout"), facts)
    if source is None or report.problems:
        return None
    return Place(facts, tuple(groups), sections, source, origin=report.shown, roles=roles)


def meta(report: Report, table: object) -> tuple[Source | None, tuple[tuple[str, str], ...]]:
    """Where the facts come from, and the keys the file names for roles."""
    if table is None:
        report.add(None, f"missing the [meta] table (it needs format = {form.FORMAT_VERSION} and source_title)")
        return None, ()
    if not isinstance(table, dict):
        report.add("meta", f"must be a table, not {type_name(table)}")
        return None, ()
    found = rules.check_fields(report, table, "meta", _META)
    if found["source_title"] is None:
        return None, ()
    source = Source(found["source_title"], found["source_publisher"], found["source_url"], found["source_license"])
    return source, found["roles"]


def walk(
    report: Report, table: dict[str, Any], prefix: str, depth: int, facts: dict[str, Fact], groups: list[str]
) -> None:
    """Every fact and group below `prefix`: a table with a `value` is a fact, one without is a group."""
    for name, item in table.items():
        if len(facts) >= form.MAX_FACTS and not report.full:
            report.add(None, f"has more than {form.MAX_FACTS} facts, far too many for a fact sheet")
            report.stopped = True
        if report.full:
            return
        key = f"{prefix}.{name}" if prefix else name
        if not _NAME.fullmatch(name):
            report.add(prefix or None, f"key {shorten(repr(name))} must be 1 to 64 letters, digits, '_' or '-'")
            continue
        if not isinstance(item, dict):
            report.add(
                key,
                f"must be a fact (a table with value, label and source) or a group of facts, found {type_name(item)}",
            )
        elif "value" in item:
            checked = fact(report, key, item)
            if checked is not None:
                facts[key] = checked
        elif not item:
            report.add(key, "is an empty table: give it a value, label and source, or facts of its own")
        elif depth >= form.MAX_DEPTH:
            report.add(key, f"groups are nested more than {form.MAX_DEPTH} deep")
        else:
            groups.append(key)
            walk(report, item, key, depth + 1, facts, groups)


def fact(report: Report, key: str, table: dict[str, Any]) -> Fact | None:
    before = len(report.problems)
    found = rules.check_fields(report, table, key, _FACT)
    answer = found["value"]
    if answer is not None and not isinstance(answer, (bool, tuple)):
        shown = str(answer)
        if any(wrong.strip().casefold() == shown.casefold() for wrong in found["distractors"]):
            report.add(f"{key}.distractors", f"'distractors' lists the right answer, '{shorten(shown)}'")
    _ranges(report, key, answer, found["unit"])
    if len(report.problems) > before or found["label"] is None or found["source"] is None or answer is None:
        return None
    for name, attribute in _RENAMED:
        found[attribute] = found.pop(name)
    return Fact(key=key, **found)


def _ranges(report: Report, key: str, number: object, code: str | None) -> None:
    from roros_cli.units import UNITS

    if not isinstance(number, (int, float)) or isinstance(number, bool):
        return
    leaf = key.rsplit(".", 1)[-1]
    limit = form.DEGREES.get(leaf)
    if limit is not None and not -limit <= number <= limit:
        report.add(f"{key}.value", f"{leaf} must be between -{limit} and {limit} degrees, found {number}")
    if code is not None and UNITS[code].dimension in form.POSITIVE and number <= 0:
        report.add(f"{key}.value", f"an {UNITS[code].dimension} must be positive, found {number}")


def cross_check(report: Report, facts: dict[str, Fact]) -> None:
    name = facts.get("name")
    if name is None:
        if not any(p.key == "name" or (p.key or "").startswith("name.") for p in report.problems):
            report.add(None, "missing the 'name' fact: [name] with value, label and source")
    elif not isinstance(name.value, str):
        report.add("name.value", "the place's name must be a string")
    for each in facts.values():
        for other in each.conflicts:
            if other not in facts:
                report.add(f"{each.key}.conflicts", f"names '{shorten(other)}', which is not a fact", (other, facts))


# ---------------------------------------------------------------------------------------------- layout


def layout(report: Report, item: object, facts: dict[str, Fact]) -> tuple[Section, ...]:
    if item is None:
        return _default_layout(facts)
    if not isinstance(item, list) or not all(isinstance(entry, dict) for entry in item):
        report.add("layout", "layout must be an array of tables: [[layout]] with title and keys")
        return ()
    if rules.too_many(report, "layout", "layout", item, form.MAX_SECTIONS):
        return ()
    members = group_members(facts)
    sections: list[Section] = []
    placed: set[str] = set()
    for index, entry in enumerate(item):
        if report.full:
            break
        where = f"layout[{index}]"
        found = rules.check_fields(report, entry, where, _SECTION)
        shown = [each for key in found["keys"] for each in _expand(report, where, key, facts, members)]
        twice = [key for key in shown if key in placed]
        if twice:
            more = f" and {len(twice) - 5:,} more" if len(twice) > 5 else ""
            report.add(where, f"facts listed in two sections: {', '.join(twice[:5])}{more}")
        placed.update(shown)
        if found["title"] is not None:
            sections.append(Section(found["title"], tuple(shown)))
    rest = tuple(key for key in facts if key not in placed)
    if rest:
        sections.append(Section("Other facts", rest))
    return tuple(sections)


def _expand(report: Report, where: str, key: str, facts: dict[str, Fact], members: dict[str, list[str]]) -> list[str]:
    if key in facts:
        return [key]
    if key in members:
        return members[key]
    report.add(where, f"layout names '{shorten(key)}', which is neither a fact nor a group", (key, [*facts, *members]))
    return []


def _default_layout(facts: dict[str, Fact]) -> tuple[Section, ...]:
    """Without [[layout]]: top-level facts first, then one section per top-level group."""
    tops = tuple(key for key in facts if "." not in key)
    order: dict[str, list[str]] = {}
    for key in facts:
        if "." in key:
            order.setdefault(key.split(".", 1)[0], []).append(key)
    sections = [Section("Facts", tops)] if tops else []
    sections += [Section(group.replace("_", " ").capitalize(), tuple(keys)) for group, keys in order.items()]
    return tuple(sections)
