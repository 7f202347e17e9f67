"""A ready-to-read form of a data file's bare values, so `roros get` and key completion skip the whole load.

Scripts call `roros get` in loops and every TAB press runs the program; parsing TOML, validating and building
dataclasses costs several times Python's own start-up. After one full load, the bare value of every key is
written to a small text file named by a hash of the data file's bytes and the tool's version, so it is never
stale: a file changed by one byte has another name. The cache lives in `$XDG_CACHE_HOME/roros` (or
~/.cache/roros). It is only an optimisation: a read-only or missing folder, a file written by another user,
or a corrupt or tampered file is ignored, and the full load runs instead. This module imports nothing
beyond what Python has already loaded at start-up.
"""

from __future__ import annotations

import os
import sys

from roros_cli import __version__
from roros_cli.datafile import builtin_path, requested_path

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from roros_cli.model import Place

FORMAT = "roros-cache 1"  # bump when what a line means changes
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


def directory() -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.path.expanduser("~"), ".cache") if os.path.expanduser("~") != "~" else ""
    )
    return os.path.join(base, "roros") if base and os.path.isabs(base) else None


def _source(option: str | None) -> bytes | None:
    """The data file's bytes, if it is a plain, readable, regular file of a sane size; else None."""
    path = requested_path(option)
    if path is None:
        path = builtin_path()
        if path is None:
            return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        status = os.fstat(descriptor)
        if (status.st_mode & 0o170000) != 0o100000 or status.st_size > _LARGEST:  # a regular file only
            return None
        return os.read(descriptor, _LARGEST + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _name(raw: bytes) -> str:
    try:
        from _blake2 import blake2b  # the C module behind hashlib's, without hashlib's OpenSSL start-up

        digest = blake2b(raw, digest_size=20).hexdigest()
    except ImportError:  # pragma: no cover - a Python built without it
        import hashlib

        digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
    return f"{digest}-{__version__}-py{sys.version_info[0]}{sys.version_info[1]}.cache"


def read(option: str | None) -> Entry | None:
    """The cached entry for the data file in use, or None (no cache, stale, corrupt, not ours)."""
    folder = directory()
    raw = _source(option)
    if folder is None or raw is None:
        return None
    try:
        descriptor = os.open(os.path.join(folder, _name(raw)), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if hasattr(os, "getuid") and status.st_uid != os.getuid():
            return None  # planted by someone else in a shared folder
        text = os.read(descriptor, _LARGEST * 2).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(descriptor)
    return _parse(text)


def _parse(text: str) -> Entry | None:
    lines = text.split("\n")
    if lines[0] != f"{FORMAT} {__version__}" or lines[-1] != "":
        return None
    bare: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    keys: list[str] = []
    for line in lines[1:-1]:
        kind, _, rest = line.partition("\t")
        key, tab, value = rest.partition("\t")
        if not tab or not key or not key.isprintable() or not value.isprintable():
            return None  # corrupt, or not written by roros: never print it
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


def write(option: str | None, place: Place) -> None:
    """Store the entry for a data file that was just loaded in full; any failure is silently ignored."""
    from roros_cli.facts import bare_value
    from roros_cli.safetext import clean_line

    folder = directory()
    raw = _source(option)
    if folder is None or raw is None:
        return
    lines = [f"{FORMAT} {__version__}"]
    for key in place.all_keys():
        fact = place.facts.get(key)
        if fact is not None:
            lines.append(f"F\t{key}\t{clean_line(bare_value(fact))}")
        else:
            lines.append(f"G\t{key}\t{' '.join(place.members.get(key, ()))}")
    from roros_cli.datafile import write_atomically

    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        write_atomically(os.path.join(folder, _name(raw)), "\n".join(lines) + "\n")  # all of it or none
    except OSError:
        pass  # a read-only or full cache folder only costs speed
