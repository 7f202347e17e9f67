"""The place and its facts, as immutable values. No I/O, no printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

# What a fact's value may be: text, a count or measure, a yes/no, or a short list of words.
Value = str | int | float | bool | tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    """One fact, with where it stands in the source."""

    key: str
    label: str
    value: Value
    source: str
    unit: str | None = None
    year: int | None = None
    quotes: tuple[str, ...] = ()
    note: str | None = None
    approximate: bool = False
    conflicts: tuple[str, ...] = ()
    convert: tuple[str, ...] = ()
    precision: tuple[tuple[str, int], ...] = ()
    quiz: bool = True
    question: str | None = None  # the quiz's question, a sentence naming the place
    distractors: tuple[str, ...] = ()  # wrong answers of the same kind, for a multiple-choice question
    kind: str | None = None  # what the value is (county, river, year...): wrong options share it
    tolerance: float | None = None  # how far off a numeric answer may be and still be right, in `unit`
    topic: str | None = None  # the quiz topic (history, heritage...); "trivia" is asked only when chosen
    explain: str | None = None  # after the answer: one sentence why, quoting the source's own words
    reveals: tuple[str, ...] = ()  # keys of facts this question tells without quoting: never asked alongside

    def shown_precision(self, unit_code: str) -> int | None:
        """The decimals the source prints a conversion to, where the data file says so."""
        return dict(self.precision).get(unit_code)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    @property
    def number(self) -> float | None:
        """The value as a float when it is a number (never a bool, which TOML keeps apart); else None.
        Typed, so callers need no `float(fact.value)  # type: ignore`."""
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            return None
        return float(self.value)


def group_members(keys: Iterable[str]) -> dict[str, list[str]]:
    """Each group's keys in order, in one pass: `a.b.c` is in groups `a` and `a.b`."""
    members: dict[str, list[str]] = {}
    for key in keys:
        cut = key.find(".")
        while cut >= 0:
            members.setdefault(key[:cut], []).append(key)
            cut = key.find(".", cut + 1)
    return members


@dataclass(frozen=True)
class Section:
    """A titled part of the fact sheet: the keys of the facts it shows, in order."""

    title: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """Where the facts come from, as a whole."""

    title: str
    publisher: str | None = None
    url: str | None = None
    license: str | None = None

    @property
    def link(self) -> str | None:
        """The url when it may be a link: only http and https. Anything else (`javascript:`, `data:`, a
        file) would run or open something when clicked, so pages show it as text."""
        url = self.url
        if url and url.lower().startswith(("http://", "https://")) and url.isprintable() and " " not in url:
            return url
        return None


@dataclass(frozen=True)
class Place:
    """A place: its facts keyed by dotted path (in file order), the groups they sit in, and the layout."""

    facts: dict[str, Fact]
    groups: tuple[str, ...]
    sections: tuple[Section, ...]
    source: Source
    origin: str = field(default="")
    roles: tuple[tuple[str, str], ...] = ()  # (role, key) where the data file names its own key for a role

    def key(self, role: str) -> str:
        """The key of the fact (or group) that plays `role` (see `dataformat.ROLES`): the data file's choice,
        or the format's default."""
        from roros_cli.dataformat import ROLE_KEYS

        return dict(self.roles).get(role) or ROLE_KEYS[role]

    def role(self, role: str) -> Fact | None:
        """The fact that plays `role`, if the place has it."""
        return self.facts.get(self.key(role))

    @property
    def name(self) -> str:
        return str(self.facts["name"].value)

    @cached_property
    def members(self) -> dict[str, tuple[str, ...]]:
        """Each group's fact keys in file order, built once."""
        return {group: tuple(keys) for group, keys in group_members(self.facts).items()}

    def all_keys(self) -> list[str]:
        """Fact keys and group keys, facts in file order, each group just before its first fact."""
        keys: list[str] = []
        seen: set[str] = set()
        for key in self.facts:
            parts = key.split(".")
            for cut in range(1, len(parts)):
                group = ".".join(parts[:cut])
                if group not in seen:
                    seen.add(group)
                    keys.append(group)
            keys.append(key)
        return keys
