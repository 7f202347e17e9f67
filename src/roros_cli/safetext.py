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

_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# JSON's own escaping leaves DEL, C1 and the two Unicode line separators raw; escape those too.
_JSON_EXTRA: Final = re.compile("[\x7f-\x9f\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    return "\\x%02x" % ord(match.group())


def clean(text: str) -> str:
    """`text` with every control character but tab and newline shown as `\\xNN`."""
    return _CONTROL.sub(_visible, text)


def clean_line(text: str) -> str:
    """For one-line-per-record outputs (plain, get): tabs and newlines are escaped too."""
    return clean(text).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def json_escape_extra(document: str) -> str:
    """Escape what `json.dumps(ensure_ascii=False)` leaves raw but a terminal would act on."""
    return _JSON_EXTRA.sub(lambda match: "\\u%04x" % ord(match.group()), document)
