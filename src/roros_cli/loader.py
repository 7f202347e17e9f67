"""Data file -> model: find the file, parse its TOML, and validate every field strictly.

Every problem is reported as a `Problem` naming the file, the line (where it can be found) and the key path;
`DataError` carries all of them, so `roros validate` can list them all while other commands show the first.
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass, replace

from roros_cli.datafile import builtin_path
from roros_cli.model import Fact, Place, Section, Source, Value, group_members

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import Any, Final

FORMAT_VERSION: Final = 1
MAX_BYTES: Final = 1_048_576  # a fact sheet is a few kilobytes; anything near this is not one
MAX_DEPTH: Final = 8  # group nesting below the top level
MAX_FACTS: Final = 5000
MAX_TEXT: Final = 4000  # characters in one string: a label, a value, a quote, an array item, a layout key
MAX_ITEMS: Final = 100  # items in one array (quotes, conflicts, a list value); layout keys: MAX_FACTS
MAX_SECTIONS: Final = 200
MAX_SUGGESTED: Final = 20  # "did you mean" costs a fuzzy search: only for the first problems reported
MAX_PROBLEMS: Final = 100  # a report longer than this helps nobody, and finding lines costs time
MAX_INT: Final = 2**53  # larger integers cannot be held exactly as JSON numbers or floats

META_FIELDS: Final = frozenset({"format", "source_title", "source_publisher", "source_url", "source_license"})
FACT_FIELDS: Final = frozenset(
    {
        "value",
        "label",
        "source",
        "unit",
        "year",
        "quote",
        "note",
        "approximate",
        "conflicts",
        "convert",
        "precision",
        "quiz",
        "question",
        "distractors",
        "kind",
        "tolerance",
        "topic",
        "explain",
        "reveals",
    }
)
SECTION_FIELDS: Final = frozenset({"title", "keys"})
RESERVED: Final = frozenset({"meta", "layout"})
_NAME: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
_TOPIC: Final = re.compile(r"[a-z][a-z0-9-]{0,31}")  # one word, as typed after `roros quiz --topic`


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file."""

    file: str
    message: str
    key: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        from roros_cli.safetext import shorten_path

        where = shorten_path(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"


class DataError(Exception):
    """The data file cannot be used. `problems` lists everything found (at least one)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''}; `roros validate` lists them all)" if more else ""
        super().__init__(first + tail)


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


def parse(text: str, shown: str = "<data>") -> Place:
    """Validate TOML text into a Place. Raises DataError listing every problem found."""
    # Parsing costs most per [table]: a file with far more tables than a fact sheet may have is refused first.
    tables = len(re.findall(r"^[ \t]*\[", text, re.MULTILINE))
    if tables > MAX_FACTS + MAX_SECTIONS:
        raise DataError(
            [Problem(shown, f"has {tables:,} tables, far more than the {MAX_FACTS:,} facts a file may have")]
        )
    try:
        document = _toml_loads(text)
    except _SyntaxProblem as error:
        raise DataError([Problem(shown, error.message, line=error.line, column=error.column)]) from None
    except RecursionError:
        raise DataError([Problem(shown, "is nested far too deeply to be a data file")]) from None
    checker = _Checker(shown, text)
    place = checker.place(document)
    if checker.problems or place is None:
        raise DataError(checker.problems)
    return place


def load_questions(path: str, known: Collection[str]) -> dict[str, Fact]:
    """A teacher's own questions (`--questions FILE.toml`): facts in the data file's format, each with a
    `question`, and no [meta] or [[layout]]. `known` are the data file's keys, which a question may not reuse.
    Raises DataError listing every problem, each with file, line and key."""
    try:
        text = read_text(path, path)
    except DataError as error:
        missing = [replace(problem, message=problem.message.replace("--data or ROROS_DATA", "--questions"))
                   for problem in error.problems]  # fmt: skip
        raise DataError(missing) from None
    try:
        document = _toml_loads(text)
    except _SyntaxProblem as error:
        raise DataError([Problem(path, error.message, line=error.line, column=error.column)]) from None
    except RecursionError:
        raise DataError([Problem(path, "is nested far too deeply to be a questions file")]) from None
    checker = _Checker(path, text)
    for name in sorted(RESERVED & set(document)):
        checker.add(name, f"a questions file holds only questions: [{name}] belongs in the data file")
    facts: dict[str, Fact] = {}
    body = {name: item for name, item in document.items() if name not in RESERVED}
    checker.walk(body, "", 0, facts, [])
    for key, fact in facts.items():
        if key in known:
            checker.add(key, f"'{_cut(key)}' is already a fact of the data file; give this question another key")
        elif fact.question is None:
            checker.add(key, "missing required key 'question' (a sentence that names the place)")
    if not facts and not checker.problems:
        checker.add(None, "holds no questions: each is a table with label, question, value and source")
    if checker.problems:
        raise DataError(checker.problems)
    return facts


def _type_name(item: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array", dict: "a table"}
    return names.get(type(item), "a date or time")


def _nearest(word: str, choices: Collection[str]) -> str:
    import difflib  # only on the error path

    # A fuzzy search is quadratic in the word's length: a long word or a huge key list gets no suggestion.
    if len(word) > 64 or len(choices) > 10_000:
        return ""
    near = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else ""


class _Checker:
    """Walks a parsed document, collecting every problem instead of stopping at the first."""

    def __init__(self, shown: str, text: str) -> None:
        self.shown = shown
        self.text = text
        self.index: _Lines | None = None
        self.problems: list[Problem] = []
        self.stopped = False  # set when going on would only repeat the same problem

    @property
    def full(self) -> bool:
        return self.stopped or len(self.problems) > MAX_PROBLEMS

    def add(self, key: str | None, message: str, near: tuple[str, Collection[str]] | None = None) -> None:
        """Record a problem; `near` is (word, choices) for a "did you mean", searched only if it is reported."""
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(Problem(self.shown, f"more than {MAX_PROBLEMS} problems; stopped looking"))
            self.stopped = True
        if self.full:
            return
        if near is not None and len(self.problems) < MAX_SUGGESTED:
            message += _nearest(*near)
        if self.index is None:
            self.index = _Lines(self.text)
        line = self.index.line_of(key) if key else None
        self.problems.append(Problem(self.shown, message, key=key, line=line))

    # -- the whole document

    def place(self, document: dict[str, Any]) -> Place | None:
        source = self.meta(document.get("meta"))
        facts: dict[str, Fact] = {}
        groups: list[str] = []
        body = {name: item for name, item in document.items() if name not in RESERVED}
        self.walk(body, "", 0, facts, groups)
        self.cross_check(facts)
        sections = self.layout(document.get("layout"), facts, groups)
        if source is None or self.problems:
            return None
        return Place(facts=facts, groups=tuple(groups), sections=sections, source=source, origin=self.shown)

    def meta(self, meta: object) -> Source | None:
        if meta is None:
            self.add(None, "missing the [meta] table (it needs format = 1 and source_title)")
            return None
        if not isinstance(meta, dict):
            self.add("meta", f"must be a table, not {_type_name(meta)}")
            return None
        for name in sorted(set(meta) - META_FIELDS):
            if self.full:
                break
            self.add(f"meta.{name}", f"unknown key '{_cut(name)}' in [meta]", (name, META_FIELDS))
        fmt = meta.get("format")
        if fmt is None:
            self.add("meta", f"missing 'format' (this version reads format = {FORMAT_VERSION})")
        elif type(fmt) is not int or fmt != FORMAT_VERSION:
            self.add("meta.format", f"format must be {FORMAT_VERSION}, found {_cut(repr(fmt))}")
        title = self.text_field(meta, "meta", "source_title", required=True)
        optional = {
            name: self.text_field(meta, "meta", name) for name in ("source_publisher", "source_url", "source_license")
        }
        if title is None:
            return None
        return Source(title, optional["source_publisher"], optional["source_url"], optional["source_license"])

    def text_field(self, table: dict[str, Any], where: str, name: str, required: bool = False) -> str | None:
        item = table.get(name)
        if item is None:
            if required:
                self.add(where, f"missing required key '{name}' (a string)")
            return None
        if not isinstance(item, str):
            self.add(f"{where}.{name}", f"'{name}' must be a non-empty string, found {_type_name(item)}")
            return None
        if not item.strip():
            self.add(f"{where}.{name}", f"'{name}' is blank; write some text, or leave the key out")
            return None
        if len(item) > MAX_TEXT:
            self.add(f"{where}.{name}", f"'{name}' is longer than {MAX_TEXT} characters")
            return None
        return item

    # -- facts and groups

    def walk(self, table: dict[str, Any], prefix: str, depth: int, facts: dict[str, Fact], groups: list[str]) -> None:
        for name, item in table.items():
            if len(facts) >= MAX_FACTS and not self.full:
                self.add(None, f"has more than {MAX_FACTS} facts, far too many for a fact sheet")
                self.stopped = True
            if self.full:
                return
            key = f"{prefix}.{name}" if prefix else name
            if not _NAME.fullmatch(name):
                self.add(prefix or None, f"key {_cut(repr(name))} must be 1 to 64 letters, digits, '_' or '-'")
                continue
            if not isinstance(item, dict):
                self.add(
                    key,
                    f"must be a fact (a table with value, label and source) or a group of facts, "
                    f"found {_type_name(item)}",
                )
            elif "value" in item:
                fact = self.fact(key, item)
                if fact is not None:
                    facts[key] = fact
            elif not item:
                self.add(key, "is an empty table: give it a value, label and source, or facts of its own")
            elif depth >= MAX_DEPTH:
                self.add(key, f"groups are nested more than {MAX_DEPTH} deep")
            else:
                groups.append(key)
                self.walk(item, key, depth + 1, facts, groups)

    def fact(self, key: str, item: dict[str, Any]) -> Fact | None:
        before = len(self.problems)
        for name in sorted(set(item) - FACT_FIELDS):
            if self.full:
                break
            self.add(f"{key}.{name}", f"unknown key '{_cut(name)}' in a fact", (name, FACT_FIELDS))
        label = self.text_field(item, key, "label", required=True)
        source = self.text_field(item, key, "source", required=True)
        note = self.text_field(item, key, "note")
        value = self.value(key, item["value"])
        unit = self.unit(key, item.get("unit"), value)
        year = self.integer(key, item, "year", -9999, 9999)
        quotes = self.words(key, item, "quote", single_allowed=True)
        conflicts = self.words(key, item, "conflicts")
        convert = self.conversions(key, item.get("convert"), unit)
        precision = self.precision(key, item.get("precision"), convert)
        approximate = self.flag(key, item, "approximate", False)
        quiz = self.flag(key, item, "quiz", True)
        question = self.text_field(item, key, "question")
        kind = self.text_field(item, key, "kind")
        distractors = self.words(key, item, "distractors")
        tolerance = self.tolerance(key, item.get("tolerance"), value)
        topic = self.text_field(item, key, "topic")
        if topic is not None and not _TOPIC.fullmatch(topic):
            self.add(f"{key}.topic", f"'topic' must be one lower-case word, such as history; found {_cut(repr(topic))}")
        explain = self.text_field(item, key, "explain")
        reveals = self.words(key, item, "reveals")
        if value is not None and not isinstance(value, (bool, tuple)):
            shown = str(value)
            if any(text.strip().casefold() == shown.casefold() for text in distractors):
                self.add(f"{key}.distractors", f"'distractors' lists the right answer, '{_cut(shown)}'")
        self.ranges(key, value, unit)
        if len(self.problems) > before or label is None or source is None or value is None:
            return None
        return Fact(
            key=key,
            label=label,
            value=value,
            source=source,
            unit=unit,
            year=year,
            quotes=quotes,
            note=note,
            approximate=approximate,
            conflicts=conflicts,
            convert=convert,
            precision=precision,
            quiz=quiz,
            question=question,
            distractors=distractors,
            kind=kind,
            tolerance=tolerance,
            topic=topic,
            explain=explain,
            reveals=reveals,
        )

    def value(self, key: str, item: object) -> Value | None:
        where = f"{key}.value"
        if isinstance(item, bool):
            return item
        if isinstance(item, int):
            if abs(item) > MAX_INT:
                self.add(where, f"integer {str(item)[:20]}… is too large; at most {MAX_INT:,} in magnitude")
                return None
            return item
        if isinstance(item, float):
            if not math.isfinite(item):
                self.add(where, f"value must be a finite number, found {item}")
                return None
            return item
        if isinstance(item, str):
            if len(item) > MAX_TEXT:
                self.add(where, f"text is longer than {MAX_TEXT} characters")
                return None
            return item
        if isinstance(item, list) and item and all(isinstance(word, str) for word in item):
            if self.too_many(where, "value", item) or self.too_long(where, item):
                return None
            return tuple(item)
        self.add(
            where, f"value must be a string, number, boolean or non-empty array of strings, found {_type_name(item)}"
        )
        return None

    def unit(self, key: str, item: object, value: Value | None) -> str | None:
        from roros_cli.units import UNITS, accepted_units

        if item is None:
            return None
        if not isinstance(item, str):
            self.add(f"{key}.unit", f"'unit' must be a unit code such as \"km2\" (a string), found {_type_name(item)}")
            return None
        if item not in UNITS:
            self.add(
                f"{key}.unit",
                f"unknown unit '{_cut(item)}' (units: {', '.join(accepted_units())})",
                (item, accepted_units()),
            )
            return None
        if value is not None and (isinstance(value, (bool, str, tuple))):
            self.add(f"{key}.value", f"a fact with a unit needs a number as its value, found {_type_name(value)}")
        return item

    def integer(self, key: str, table: dict[str, Any], name: str, low: int, high: int) -> int | None:
        item = table.get(name)
        if item is None:
            return None
        if type(item) is not int or not low <= item <= high:
            self.add(
                f"{key}.{name}",
                f"'{name}' must be a whole number from {low} to {high}, found {item!r}"
                if type(item) is int
                else f"'{name}' must be a whole number, found {_type_name(item)}",
            )
            return None
        return item

    def words(
        self, key: str, table: dict[str, Any], name: str, single_allowed: bool = False, limit: int = MAX_ITEMS
    ) -> tuple[str, ...]:
        item = table.get(name)
        if item is None:
            return ()
        if single_allowed and isinstance(item, str):
            item = [item]
        if not isinstance(item, list) or not all(isinstance(word, str) and word for word in item):
            self.add(f"{key}.{name}", f"'{name}' must be an array of strings, found {_type_name(item)}")
            return ()
        if self.too_many(f"{key}.{name}", name, item, limit) or self.too_long(f"{key}.{name}", item):
            return ()
        if len(set(item)) < len(item):
            twice = next(word for index, word in enumerate(item) if word in item[:index])
            self.add(f"{key}.{name}", f"'{name}' lists '{_cut(twice)}' more than once")
            return ()
        return tuple(item)

    def too_many(self, where: str, name: str, items: list[Any], limit: int = MAX_ITEMS) -> bool:
        if len(items) <= limit:
            return False
        self.add(where, f"'{name}' has {len(items):,} items; at most {limit:,}")
        return True

    def too_long(self, where: str, items: list[str]) -> bool:
        longest = max(items, key=len)
        if len(longest) <= MAX_TEXT:
            return False
        self.add(where, f"an item is longer than {MAX_TEXT} characters ('{_cut(longest)}')")
        return True

    def flag(self, key: str, table: dict[str, Any], name: str, default: bool) -> bool:
        item = table.get(name, default)
        if not isinstance(item, bool):
            self.add(f"{key}.{name}", f"'{name}' must be true or false, found {_type_name(item)}")
            return default
        return item

    def tolerance(self, key: str, item: object, value: Value | None) -> float | None:
        if item is None:
            return None
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item) or item < 0:
            self.add(f"{key}.tolerance", f"'tolerance' must be a number of 0 or more, found {_cut(repr(item))}")
            return None
        if isinstance(value, (bool, str, tuple)):
            self.add(f"{key}.tolerance", "'tolerance' is for a numeric value (how far off an answer may be)")
            return None
        return float(item)

    def conversions(self, key: str, item: object, unit: str | None) -> tuple[str, ...]:
        from roros_cli.units import UNITS

        if item is None:
            return ()
        if not isinstance(item, list) or not all(isinstance(code, str) for code in item):
            self.add(f"{key}.convert", f"'convert' must be an array of unit codes, found {_type_name(item)}")
            return ()
        if unit is None:
            self.add(f"{key}.convert", "'convert' needs the fact to have a 'unit'")
            return ()
        if self.too_many(f"{key}.convert", "convert", item, len(UNITS)):
            return ()
        if len(set(item)) < len(item):
            self.add(f"{key}.convert", "'convert' lists a unit more than once")
            return ()
        good: list[str] = []
        for code in item:
            target = UNITS.get(code)
            if target is None:
                self.add(f"{key}.convert", f"unknown unit '{_cut(code)}' in 'convert'", (code, list(UNITS)))
            elif target.dimension != UNITS[unit].dimension:
                self.add(f"{key}.convert", f"cannot convert {unit} to {code}: they measure different things")
            else:
                good.append(code)
        return tuple(good)

    def precision(self, key: str, item: object, convert: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
        if item is None:
            return ()
        if not isinstance(item, dict):
            self.add(
                f"{key}.precision", f"'precision' must be a table such as {{ sqmi = 0 }}, found {_type_name(item)}"
            )
            return ()
        pairs: list[tuple[str, int]] = []
        for code, decimals in item.items():
            if code not in convert:
                self.add(f"{key}.precision.{_cut(code)}", f"'{_cut(code)}' is not one of this fact's 'convert' units")
            elif type(decimals) is not int or not -10 <= decimals <= 10:
                self.add(
                    f"{key}.precision.{code}",
                    f"decimals must be a whole number from -10 to 10, found {_cut(repr(decimals))}",
                )
            else:
                pairs.append((code, decimals))
        return tuple(pairs)

    def ranges(self, key: str, value: Value | None, unit: str | None) -> None:
        from roros_cli.units import UNITS

        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return
        leaf = key.rsplit(".", 1)[-1]
        limits = {"latitude": 90, "longitude": 180}
        if leaf in limits and not -limits[leaf] <= value <= limits[leaf]:
            self.add(
                f"{key}.value", f"{leaf} must be between -{limits[leaf]} and {limits[leaf]} degrees, found {value}"
            )
        if unit is not None and UNITS[unit].dimension in {"area", "density"} and value <= 0:
            self.add(f"{key}.value", f"an {UNITS[unit].dimension} must be positive, found {value}")

    def cross_check(self, facts: dict[str, Fact]) -> None:
        name = facts.get("name")
        if name is None:
            if not any(p.key == "name" or (p.key or "").startswith("name.") for p in self.problems):
                self.add(None, "missing the 'name' fact: [name] with value, label and source")
        elif not isinstance(name.value, str):
            self.add("name.value", "the place's name must be a string")
        for fact in facts.values():
            for other in fact.conflicts:
                if other not in facts:
                    self.add(f"{fact.key}.conflicts", f"names '{_cut(other)}', which is not a fact", (other, facts))

    # -- layout

    def layout(self, item: object, facts: dict[str, Fact], groups: list[str]) -> tuple[Section, ...]:
        if item is None:
            return _default_layout(facts)
        if not isinstance(item, list) or not all(isinstance(entry, dict) for entry in item):
            self.add("layout", "layout must be an array of tables: [[layout]] with title and keys")
            return ()
        if self.too_many("layout", "layout", item, MAX_SECTIONS):
            return ()
        members = group_members(facts)
        sections: list[Section] = []
        placed: set[str] = set()
        for index, entry in enumerate(item):
            if self.full:
                break
            where = f"layout[{index}]"
            for name in sorted(set(entry) - SECTION_FIELDS):
                if self.full:
                    break
                self.add(where, f"unknown key '{_cut(name)}' in [[layout]]", (name, SECTION_FIELDS))
            title = self.text_field(entry, where, "title", required=True)
            keys = self.words(where, entry, "keys", limit=MAX_FACTS)
            shown = [fact for key in keys for fact in self.expand(where, key, facts, members)]
            twice = [key for key in shown if key in placed]
            if twice:
                more = f" and {len(twice) - 5:,} more" if len(twice) > 5 else ""
                self.add(where, f"facts listed in two sections: {', '.join(twice[:5])}{more}")
            placed.update(shown)
            if title is not None:
                sections.append(Section(title, tuple(shown)))
        rest = tuple(key for key in facts if key not in placed)
        if rest:
            sections.append(Section("Other facts", rest))
        return tuple(sections)

    def expand(self, where: str, key: str, facts: dict[str, Fact], members: dict[str, list[str]]) -> list[str]:
        if key in facts:
            return [key]
        if key in members:
            return members[key]
        self.add(where, f"layout names '{_cut(key)}', which is neither a fact nor a group", (key, [*facts, *members]))
        return []


def _cut(text: str, limit: int = 60) -> str:
    """A name from the file, short enough to quote in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


class _Lines:
    """Where each [table] header and each `key =` line stands: read once, on the first problem only."""

    _HEADER: Final = re.compile(r"\s*\[(\[)?\s*([^\]]+?)\s*\]")
    _FIELD: Final = re.compile(r"\s*([A-Za-z0-9_-]+)\s*[.=]")
    _ENTRY: Final = re.compile(r"([A-Za-z0-9_-]+)\[(\d+)\](?:\.(.+))?")

    def __init__(self, text: str) -> None:
        self.headers: dict[str, int] = {}
        self.arrays: dict[str, list[int]] = {}
        self.fields: dict[tuple[str, str], int] = {}
        current = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                path = "".join(header.group(2).split())
                if header.group(1):
                    self.arrays.setdefault(path, []).append(number)
                    current = f"{path}[{len(self.arrays[path]) - 1}]"
                else:
                    self.headers.setdefault(path, number)
                    current = path
                continue
            field = self._FIELD.match(line)
            if field:
                self.fields.setdefault((current, field.group(1)), number)

    def line_of(self, key: str) -> int | None:
        """Best-effort line of a key path: its `name =` line under the nearest header, or the header."""
        entry = self._ENTRY.fullmatch(key)
        if entry:
            name, index, rest = entry.group(1), int(entry.group(2)), entry.group(3)
            lines = self.arrays.get(name, [])
            if index >= len(lines):
                return None
            return (self.fields.get((f"{name}[{index}]", rest)) if rest else None) or lines[index]
        parts = key.split(".")
        for cut in range(len(parts), -1, -1):
            table, rest = ".".join(parts[:cut]), parts[cut:]
            if cut and table not in self.headers:
                continue
            found = self.fields.get((table, rest[0])) if rest else None
            if found is not None or cut:
                return found or self.headers[table]
        return None
