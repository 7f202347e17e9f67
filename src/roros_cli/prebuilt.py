"""The built-in data file's bare values, ready to read, so `roros get` and key completion skip the whole load.

Scripts call `roros get` in loops and every TAB press runs the program; parsing TOML, validating and building
dataclasses costs several times Python's own start-up. The built-in file is the same bytes for everyone who
installed a version, so its bare values ship with the package in `roros.values` (made by
`tools/make_values.py`; a test ties it to `data/roros.toml`). The file's first line holds a hash of the data
file's bytes: the values answer only when the bytes read now have that hash, so an edited built-in file is
loaded in full, never answered from old values. A `--data` or ROROS_DATA file is always read in full.

Nothing is ever written: an earlier per-user cache could be raced, forged, planted as a FIFO and grow without
bound. This module imports nothing beyond what Python has already loaded at start-up.
"""

from __future__ import annotations

import os

from roros_cli.datafile import builtin_path, requested_path

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from roros_cli.model import Place

FORMAT = "roros-values 1"  # bump when what a line means changes
FILE_NAME = "roros.values"
_LARGEST = 1_048_576  # the loader reads no more either


class Entry:
    """The bare values by key, the groups' member keys, and every key in file order."""

    def __init__(self, bare: dict[str, str], groups: dict[str, list[str]], keys: list[str]) -> None:
        self.bare, self.groups, self.keys = bare, groups, keys

    def lines(self, key: str) -> list[str] | None:
        """What `roros get KEY` prints, or None when the key is unknown (the full path explains)."""
        if key in self.bare:
            return [self.bare[key]]
        members = self.groups.get(key)
        if members is None:
            return None
        return [f"{member}\t{self.bare[member]}" for member in members]


def values_path() -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), FILE_NAME)


def _regular_file(path: str) -> bytes | None:
    """A regular file's bytes, if it is of a sane size; None for anything else (a FIFO never blocks)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        status = os.fstat(descriptor)
        if (status.st_mode & 0o170000) != 0o100000 or status.st_size > _LARGEST:
            return None
        return os.read(descriptor, _LARGEST + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def digest(raw: bytes) -> str:
    from roros_cli import compat

    return compat.blake2b(raw, digest_size=20)


def read(option: str | None) -> Entry | None:
    """The built-in file's values when it is the file in use and its bytes are the ones they were made from."""
    if requested_path(option) is not None:
        return None  # the user's own file is read in full, every time
    path = builtin_path()
    raw = _regular_file(path) if path is not None else None
    values = _regular_file(values_path())
    if raw is None or values is None:
        return None
    try:
        text = values.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return parse(text, digest(raw))


def parse(text: str, expected: str) -> Entry | None:
    """The entry in `text`, or None when it was made from other bytes or is not well formed."""
    lines = text.split("\n")
    if lines[0] != f"{FORMAT} {expected}" or lines[-1] != "":
        return None
    bare: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    keys: list[str] = []
    for line in lines[1:-1]:
        kind, _, rest = line.partition("\t")
        key, tab, value = rest.partition("\t")
        if not tab or not key or not key.isprintable() or not value.isprintable():
            return None  # corrupt: never print it
        if kind == "F":
            bare[key] = value
        elif kind == "G":
            groups[key] = value.split(" ")
        else:
            return None
        keys.append(key)
    if any(member not in bare for members in groups.values() for member in members):
        return None
    return Entry(bare, groups, keys)


def render(place: Place, raw: bytes) -> str:
    """The text of `roros.values` for a data file's bytes and the place loaded from them."""
    from roros_cli.query import bare_value
    from roros_cli.safetext import clean_line

    lines = [f"{FORMAT} {digest(raw)}"]
    for key in place.all_keys():
        fact = place.facts.get(key)
        if fact is not None:
            lines.append(f"F\t{key}\t{clean_line(bare_value(fact))}")
        else:
            lines.append(f"G\t{key}\t{' '.join(place.members.get(key, ()))}")
    return "\n".join(lines) + "\n"
