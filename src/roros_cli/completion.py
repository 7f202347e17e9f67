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


def units(incomplete: str) -> list[str]:
    """Unit codes first, then other spellings, that start with what has been typed (ignoring case)."""
    from roros_cli.units import accepted_units, unit_spellings

    typed = incomplete.lower()
    codes = [code for code in accepted_units() if code.startswith(typed)]
    others = [word for word in unit_spellings() if word.startswith(typed) and word not in codes and " " not in word]
    return codes + others
