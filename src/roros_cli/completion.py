"""Shell completion candidates: data keys for `roros get`, unit spellings for `roros convert`.

Completion runs the whole program on every TAB, so these stay light and never fail: a broken data file
simply offers no keys.
"""

from __future__ import annotations


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
    from roros_cli.units import convertible_units, unit_spellings

    typed = incomplete.lower()
    wanted = _fellows(source) if source is not None else None

    def fits(word: str) -> bool:
        return wanted is None or _code(word) in wanted

    codes = [code for code in convertible_units() if code.startswith(typed) and fits(code)]  # never deg
    others = [
        word
        for word in unit_spellings()
        if word.startswith(typed) and word not in codes and " " not in word and fits(word)
    ]
    return codes + others


def _fellows(source: str) -> set[str] | None:
    """The codes of the units `source` converts to, or None when `source` is no unit (then all are offered)."""
    from roros_cli.units import UNITS

    code = _code(source)
    if code is None:
        return None
    unit = UNITS[code]
    return {other.code for other in UNITS.values() if other.dimension == unit.dimension and other != unit}


def _code(word: str) -> str | None:
    from roros_cli.units import UnitError, parse_unit

    try:
        return parse_unit(word).code
    except UnitError:
        return None
