"""What is wrong with a data file: `Problem` (file, line, key, message), `DataError` carrying them all, and
`Report`, which collects them while the rules check a file (with a line for each key, found on demand)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from roros_cli.dataformat import MAX_PROBLEMS, MAX_SUGGESTED

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection
    from typing import Final


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


class Report:
    """Every problem found in one file, instead of stopping at the first; at most MAX_PROBLEMS of them."""

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


def type_name(item: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array", dict: "a table"}
    return names.get(type(item), "a date or time")


def _nearest(word: str, choices: Collection[str]) -> str:
    import difflib  # only on the error path

    # A fuzzy search is quadratic in the word's length: a long word or a huge key list gets no suggestion.
    if len(word) > 64 or len(choices) > 10_000:
        return ""
    near = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else ""


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
