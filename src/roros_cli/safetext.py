"""Neutralising text from a data file before it reaches a terminal, a page or a JSON document.

A data file is user input: a string in it must never restyle, relink or clear the user's terminal. Control
characters (C0 but tab and newline, DEL, C1) are replaced by visible escapes such as `\\x1b`, which also
disarms every escape sequence (ESC [ 2J, ESC ] 8 hyperlinks, the 8-bit CSI U+009B).
"""

from __future__ import annotations

import re

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

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
    """For one-line-per-record outputs (plain, get): tabs and newlines are escaped too."""
    return clean(text).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def json_escape_extra(document: str) -> str:
    """Escape what `json.dumps(ensure_ascii=False)` leaves raw but a terminal would act on."""
    return _JSON_EXTRA.sub(lambda match: "\\u%04x" % ord(match.group()), document)


def shorten(text: str, limit: int = 60) -> str:
    """At most `limit` characters of something the user typed, so an echo in a message never floods the screen."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
