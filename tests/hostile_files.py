"""Data files made to cost time or memory: valid or nearly valid, each about 1 MiB, the most roros reads.

Shared by `tests/test_budget.py` (every command on each file, under CPU and memory limits) and
`bench/hostile_files.py` (the same, timed, with the figures the README reports).
"""

from __future__ import annotations

from collections.abc import Callable

HEAD = '[meta]\nformat = 1\nsource_title = "x"\n[name]\nlabel = "N"\nvalue = "X"\nsource = "s"\n'
LIMIT = 1_000_000  # bytes: just under the loader's 1 MiB


def fill(head: str, make: Callable[[int], str], tail: str = "", limit: int = LIMIT) -> str:
    """`head`, then `make(0)`, `make(1)`, ... while the whole (with `tail`) stays under `limit` bytes."""
    parts, size, index = [head], len(head) + len(tail), 0
    while True:
        part = make(index)
        if size + len(part.encode()) > limit:
            return "".join(parts) + tail
        parts.append(part)
        size += len(part.encode())
        index += 1


def _array(name: str, item: Callable[[int], str], head: str = HEAD) -> str:
    return fill(head + f"{name} = [", lambda i: f'"{item(i)}", ', "]\n")


def _group_of_facts(count: int) -> str:
    return "".join(f"[g.f{i}]\nlabel = 'L{i}'\nvalue = {i}\nsource = 's'\n" for i in range(count))


CASES: dict[str, Callable[[], str]] = {
    "bad values": lambda: fill(HEAD, lambda i: f"[f{i}]\nlabel = 'L'\nvalue = nan\nsource = 's'\n"),
    "too many facts": lambda: fill(HEAD, lambda i: f"[g{i % 50}.f{i}]\nlabel = 'L'\nvalue = 1\nsource = 's'\n"),
    "unknown keys": lambda: fill(HEAD, lambda i: f"x{i} = {i}\n"),
    "layout repeats a group": lambda: _array(
        "keys", lambda i: "g", HEAD + _group_of_facts(2000) + '[[layout]]\ntitle = "T"\n'
    ),
    "layout names unknown keys": lambda: _array("keys", lambda i: f"u{i}", HEAD + '[[layout]]\ntitle = "T"\n'),
    "conflicts name unknown facts": lambda: _array(
        "conflicts", lambda i: f"c{i}", HEAD + "[p]\nlabel = 'P'\nvalue = 1\nsource = 's'\n"
    ),
    "convert repeats a unit": lambda: _array(
        "convert", lambda i: "sqmi", HEAD + "[area]\nlabel = 'A'\nvalue = 3.31\nunit = 'km2'\nsource = 's'\n"
    ),
    "many long quotes": lambda: fill(
        HEAD, lambda i: f"[q{i}]\nlabel = 'Q'\nvalue = 'v'\nsource = 's'\nquote = ['{'word ' * 790}', '{'x' * 3900}']\n"
    ),
    "long strings everywhere": lambda: fill(
        HEAD, lambda i: f"[s{i}]\nlabel = '{'L' * 3990}'\nvalue = '{'v' * 3990}'\nsource = '{'s' * 3990}'\n"
    ),
    "5,000 facts 8 groups deep": lambda: fill(
        HEAD, lambda i: f"[a{i % 7}.b{i % 11}.c{i % 13}.d.e.f.g{i}.h]\nlabel = 'L'\nvalue = {i}\nsource = 's'\n"
    ),
    "4,900 facts 8 groups deep, accepted": lambda: (
        HEAD
        + "".join(
            f"[a{i % 7}.b{i % 11}.c{i % 13}.d.e.f.g{i}.h]\nlabel = 'L'\nvalue = {i}\nyear = {i % 3000}\nsource = 's'\n"
            for i in range(4900)
        )
    ),
    "4,900 groups of one fact, accepted": lambda: (
        HEAD
        + "".join(f"[g{i}.f]\nlabel = 'Fact {i}'\nvalue = {i}\nquote = 'q{i}'\nsource = 's'\n" for i in range(4900))
    ),
    # Every figure in the quotes is a unit guess for `check` ("1.28 b", "1.28 b c", ...); each failed guess
    # once built a difflib suggestion: 20-24 s for check and slides.
    "area quotes full of figures, accepted": lambda: (
        HEAD
        + "".join(
            f"[area{n}]\nlabel = 'A'\nvalue = 3.31\nunit = 'km2'\nconvert = ['sqmi']\nsource = 's'\nquote = ["
            + ", ".join(f"'({q} {'1.28 b c d e ' * 295})'" for q in range(100))
            + "]\n"
            for n in range(2)
        )
    ),
    "5,000 groups of one fact": lambda: fill(
        HEAD, lambda i: f"[g{i}.f]\nlabel = 'L'\nvalue = {i}\nyear = {i % 3000}\nsource = 's'\n"
    ),
}

# Every command a user or a shell can run on a data file; completion is driven by its environment variable.
COMMANDS: dict[str, list[str]] = {
    "info": ["info"],
    "info --json": ["info", "--json"],
    "info --plain": ["info", "--plain"],
    "keys": ["keys"],
    "keys --json": ["keys", "--json"],
    "search": ["search", "l"],
    "timeline": ["timeline"],
    "check": ["check"],
    "get": ["get", "name"],
    "validate": ["validate"],
    "quiz": ["quiz", "-n", "50", "--seed", "1"],
    "completion": ["completion"],
    "slides": ["slides", "{folder}/deck.html"],  # {folder}: the data file's folder, so the deck lands beside it
}
