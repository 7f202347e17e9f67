"""Neutralising text from a data file before it reaches a terminal, a page or a JSON document.

A data file is user input: a string in it must never restyle, relink or clear the user's terminal. Control
characters (C0 but tab and newline, DEL, C1) are replaced by visible escapes such as `\\x1b`, which also
disarms every escape sequence (ESC [ 2J, ESC ] 8 hyperlinks, the 8-bit CSI U+009B).

Where: once, as a place is loaded for a view (`inert`, called by `dispatch.load_place`), so no view cleans;
JSON keeps the raw text and `document.dumps` escapes it; messages are cleaned by `output.say`.
"""

from __future__ import annotations

import re

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final, TypeVar

    T = TypeVar("T")

# Besides control characters: bidirectional overrides and isolates, which can reorder what a line appears to
# say (U+202A-202E, U+2066-2069), invisible ones that hide inside a word (U+200B-200D, U+2060, U+FEFF), and
# the Unicode line and paragraph separators (U+2028, U+2029), and the noncharacters U+FFFE and U+FFFF, which
# TOML allows but XML forbids (an SVG holding one does not parse).
_INVISIBLE: Final = "\u200b-\u200d\u2028-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff"
_CONTROL: Final = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# JSON's own escaping leaves DEL, C1 and the invisible characters raw; escape those too.
_JSON_EXTRA: Final = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\x%02x" % code if code <= 0xFF else "\\u%04x" % code


def clean(text: str) -> str:
    """`text` with every control character but tab and newline shown as `\\xNN`, invisible ones as `\\uNNNN`."""
    return _CONTROL.sub(_visible, text)


def clean_line(text: str) -> str:
    """For messages, one line each: control characters, tabs and newlines all shown as escapes."""
    return one_line(clean(text))


def one_line(text: str) -> str:
    """A field of a one-line-per-record output (plain, get): its tabs and newlines escaped, so they cannot
    forge another field or record. Not a cleaning: the text is inert already."""
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# Strings that are no text to show: a file's path (the loader may read the file again; a message cleans it).
_NOT_SHOWN: Final = frozenset({"origin"})


def inert(value: T) -> T:
    """`value` with every string in it cleaned: a str, or tuples, lists, dicts (their values) and dataclasses of
    them, to any depth; the same object where nothing needed it. A loaded place goes through here once, so the
    views built from it need no cleaning of their own, and a new view cannot forget it."""
    cleaned: T = _inert(value)
    return cleaned


def _inert(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return clean(value) if _CONTROL.search(value) else value
    if kind is tuple or kind is list:
        items = [_inert(item) for item in value]
        return value if all(new is old for new, old in zip(items, value, strict=True)) else kind(items)
    if kind is dict:
        entries = {key: _inert(item) for key, item in value.items()}
        return value if all(entries[key] is item for key, item in value.items()) else entries
    names = _TEXT_FIELDS.get(kind)
    if names is None:
        fields = getattr(kind, "__dataclass_fields__", None)
        names = _TEXT_FIELDS[kind] = tuple(name for name in fields or () if name not in _NOT_SHOWN)
    changed = {}
    for name in names:
        old = getattr(value, name)
        if old is None or old == ():
            continue
        new = _inert(old)
        if new is not old:
            changed[name] = new
    if not changed:
        return value
    from dataclasses import replace

    return replace(value, **changed)


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}  # the fields of each dataclass that may hold text


def json_escape_extra(document: str) -> str:
    """Escape what `json.dumps(ensure_ascii=False)` leaves raw but a terminal would act on."""
    return _JSON_EXTRA.sub(lambda match: "\\u%04x" % ord(match.group()), document)


def shorten(text: str, limit: int = 60) -> str:
    """At most `limit` characters of something the user typed, so an echo in a message never floods the screen."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shorten_path(path: str, limit: int = 60) -> str:
    """At most `limit` characters of a file's path, keeping its end (the file's name) and its beginning."""
    if len(path) <= limit:
        return path
    tail = (limit - 1) * 2 // 3
    return path[: limit - 1 - tail] + "…" + path[-tail:]
