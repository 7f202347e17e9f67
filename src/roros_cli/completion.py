"""Shell completion candidates: data keys for `roros get`, unit spellings for `roros convert`.

Completion runs the whole program on every TAB, so these stay light and never fail: a broken data file
simply offers no keys.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def keys(incomplete: str, data: str | None = None) -> list[str]:
    """Keys (facts and groups) that start with what has been typed so far: from the packaged values when they
    answer for the data file in use (see prebuilt.py)."""
    from roros_cli import prebuilt

    entry = prebuilt.read(data)
    if entry is not None:
        return [key for key in entry.keys if key.startswith(incomplete)]
    from roros_cli.datafile import requested_path
    from roros_cli.loader import DataError, load

    try:
        place = load(requested_path(data))
    except DataError:
        return []
    return [key for key in place.all_keys() if key.startswith(incomplete)]


def units(incomplete: str, source: str | None = None) -> list[str]:
    """Unit codes first, then other spellings, that start with what has been typed (ignoring case).

    After a known `source` unit, only the other units of its dimension: those are the ones that convert.
    """
    from roros_cli.units import UnitError, accepted_units, parse_unit, unit_spellings

    typed = incomplete.lower()
    fits: Callable[[str], bool] = lambda word: True  # noqa: E731
    if source is not None:
        try:
            known = parse_unit(source)
        except UnitError:
            known = None
        if known is not None:
            fits = lambda word: _dimension(word) == known.dimension and _code(word) != known.code  # noqa: E731
    codes = [code for code in accepted_units() if code.startswith(typed) and fits(code)]
    others = [
        word
        for word in unit_spellings()
        if word.startswith(typed) and word not in codes and " " not in word and fits(word)
    ]
    return codes + others


def _code(word: str) -> str | None:
    from roros_cli.units import UnitError, parse_unit

    try:
        return parse_unit(word).code
    except UnitError:
        return None


def _dimension(word: str) -> str | None:
    from roros_cli.units import UNITS

    code = _code(word)
    return UNITS[code].dimension if code is not None else None
