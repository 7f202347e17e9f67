"""The rules that check each field of a data file's tables against the format's description (`dataformat`).

Each field of the description names a rule in `RULES`: a small function that checks that one field of a table,
records any problem in the `Report` (with the key path, so it gets its line) and returns the field's value
for the model. The loader walks the document's shape (groups, facts, [meta], [[layout]]) and calls
`check_fields` on each table, so a new field is one line in the description and, if it needs a new kind of
check, one rule here.
"""

from __future__ import annotations

import math
import re

from roros_cli import dataformat as form
from roros_cli.problems import Report, type_name
from roros_cli.safetext import shorten

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Final

    from roros_cli.dataformat import Field

    # (report, the table, its key path, the field, the values of the fields checked before it) -> the value
    Rule = Callable[[Report, dict[str, Any], str, Field, dict[str, Any]], Any]

_TOPIC: Final = re.compile(form.TOPIC_PATTERN)


# ---------------------------------------------------------------------------------------------- field rules


def text(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> str | None:
    name = field.name
    item = table.get(name)
    if item is None:
        if field.required:
            report.add(where, f"missing required key '{name}' (a string)")
        return None
    if not isinstance(item, str):
        report.add(f"{where}.{name}", f"'{name}' must be a non-empty string, found {type_name(item)}")
        return None
    if not item.strip():
        report.add(f"{where}.{name}", f"'{name}' is blank; write some text, or leave the key out")
        return None
    if len(item) > form.MAX_TEXT:
        report.add(f"{where}.{name}", f"'{name}' is longer than {form.MAX_TEXT} characters")
        return None
    return item


def pattern(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> str | None:
    item = text(report, table, where, field, found)
    if item is not None and not _TOPIC.fullmatch(item):
        report.add(
            f"{where}.{field.name}",
            f"'{field.name}' must be one lower-case word, such as history; found {shorten(repr(item))}",
        )
    return item


def _scalar_problem(item: bool | int | float | str) -> str | None:
    """What is wrong with a single value (a true/false, a number, a text), or None."""
    if isinstance(item, bool):
        return None
    if isinstance(item, int) and abs(item) > form.MAX_INT:
        return f"integer {str(item)[:20]}… is too large; at most {form.MAX_INT:,} in magnitude"
    if isinstance(item, float) and not math.isfinite(item):
        return f"value must be a finite number, found {item}"
    if isinstance(item, str) and len(item) > form.MAX_TEXT:
        return f"text is longer than {form.MAX_TEXT} characters"
    return None


def value(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> Any:
    item = table[field.name]
    where = f"{where}.{field.name}"
    if isinstance(item, (bool, int, float, str)):
        problem = _scalar_problem(item)
        if problem:
            report.add(where, problem)
            return None
        return item
    if isinstance(item, list) and item and all(isinstance(word, str) for word in item):
        if too_many(report, where, "value", item, form.MAX_ITEMS) or _too_long(report, where, item):
            return None
        return tuple(item)
    report.add(where, f"value must be a string, number, boolean or non-empty array of strings, found {type_name(item)}")
    return None


def unit(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> str | None:
    from roros_cli.units import UNITS, accepted_units

    item = table.get(field.name)
    if item is None:
        return None
    if not isinstance(item, str):
        report.add(f"{where}.unit", f"'unit' must be a unit code such as \"km2\" (a string), found {type_name(item)}")
        return None
    if item not in UNITS:
        report.add(
            f"{where}.unit",
            f"unknown unit '{shorten(item)}' (units: {', '.join(accepted_units())})",
            (item, accepted_units()),
        )
        return None
    number = found.get("value")
    if number is not None and (isinstance(number, (bool, str, tuple))):
        report.add(f"{where}.value", f"a fact with a unit needs a number as its value, found {type_name(number)}")
    return item


def whole(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> int | None:
    name, low, high = field.name, field.low, field.high
    item = table.get(name)
    if item is None:
        return None
    if type(item) is not int or not low <= item <= high:
        report.add(
            f"{where}.{name}",
            f"'{name}' must be a whole number from {low} to {high}, found {item!r}"
            if type(item) is int
            else f"'{name}' must be a whole number, found {type_name(item)}",
        )
        return None
    return item


def words(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> tuple[str, ...]:
    name = field.name
    item = table.get(name)
    if item is None:
        return ()
    if field.rule == "quote" and isinstance(item, str):
        item = [item]
    if not isinstance(item, list) or not all(isinstance(word, str) and word for word in item):
        report.add(f"{where}.{name}", f"'{name}' must be an array of strings, found {type_name(item)}")
        return ()
    if too_many(report, f"{where}.{name}", name, item, field.limit) or _too_long(report, f"{where}.{name}", item):
        return ()
    if len(set(item)) < len(item):
        twice = next(word for index, word in enumerate(item) if word in item[:index])
        report.add(f"{where}.{name}", f"'{name}' lists '{shorten(twice)}' more than once")
        return ()
    return tuple(item)


def flag(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> bool:
    name = field.name
    item = table.get(name, field.default)
    if not isinstance(item, bool):
        report.add(f"{where}.{name}", f"'{name}' must be true or false, found {type_name(item)}")
        return field.default
    return item


def tolerance(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> float | None:
    item = table.get(field.name)
    if item is None:
        return None
    if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item) or item < 0:
        report.add(f"{where}.tolerance", f"'tolerance' must be a number of 0 or more, found {shorten(repr(item))}")
        return None
    if isinstance(found.get("value"), (bool, str, tuple)):
        report.add(f"{where}.tolerance", "'tolerance' is for a numeric value (how far off an answer may be)")
        return None
    return float(item)


def convert(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> tuple[str, ...]:
    from roros_cli.units import UNITS

    item, code = table.get(field.name), found.get("unit")
    if item is None:
        return ()
    if not isinstance(item, list) or not all(isinstance(target, str) for target in item):
        report.add(f"{where}.convert", f"'convert' must be an array of unit codes, found {type_name(item)}")
        return ()
    if code is None:
        report.add(f"{where}.convert", "'convert' needs the fact to have a 'unit'")
        return ()
    if too_many(report, f"{where}.convert", "convert", item, len(UNITS)):
        return ()
    if len(set(item)) < len(item):
        report.add(f"{where}.convert", "'convert' lists a unit more than once")
        return ()
    good: list[str] = []
    for target in item:
        other = UNITS.get(target)
        if other is None:
            report.add(f"{where}.convert", f"unknown unit '{shorten(target)}' in 'convert'", (target, list(UNITS)))
        elif other.dimension != UNITS[code].dimension:
            report.add(f"{where}.convert", f"cannot convert {code} to {target}: they measure different things")
        else:
            good.append(target)
    return tuple(good)


def precision(
    report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]
) -> tuple[tuple[str, int], ...]:
    item, low, high = table.get(field.name), field.low, field.high
    if item is None:
        return ()
    if not isinstance(item, dict):
        report.add(f"{where}.precision", f"'precision' must be a table such as {{ sqmi = 0 }}, found {type_name(item)}")
        return ()
    pairs: list[tuple[str, int]] = []
    for code, decimals in item.items():
        if code not in found.get("convert", ()):
            report.add(
                f"{where}.precision.{shorten(code)}", f"'{shorten(code)}' is not one of this fact's 'convert' units"
            )
        elif type(decimals) is not int or not low <= decimals <= high:
            report.add(
                f"{where}.precision.{code}",
                f"decimals must be a whole number from {low} to {high}, found {shorten(repr(decimals))}",
            )
        else:
            pairs.append((code, decimals))
    return tuple(pairs)


def version(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> object:
    item = table.get(field.name)
    if item is None:
        report.add(where, f"missing 'format' (this version reads format = {form.FORMAT_VERSION})")
    elif type(item) is not int or item != form.FORMAT_VERSION:
        report.add(f"{where}.format", f"format must be {form.FORMAT_VERSION}, found {shorten(repr(item))}")
    return item


def roles(
    report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]
) -> tuple[tuple[str, str], ...]:
    item = table.get(field.name)
    if item is None:
        return ()
    where = f"{where}.{field.name}"
    if not isinstance(item, dict):
        report.add(
            where, f"'roles' must be a table such as {{ buffer_zone = \"heritage.buffer\" }}, found {type_name(item)}"
        )
        return ()
    pairs: list[tuple[str, str]] = []
    for name, key in item.items():
        if name not in form.ROLE_KEYS:
            report.add(
                f"{where}.{shorten(name)}",
                f"unknown role '{shorten(name)}' (roles: {', '.join(form.ROLE_KEYS)})",
                (name, form.ROLE_KEYS),
            )
        elif not isinstance(key, str) or not re.fullmatch(form.KEY_PATTERN, key):  # compiled only if a file has roles
            report.add(f"{where}.{name}", f'a role names a key such as "unesco.area"; found {shorten(repr(key))}')
        else:
            pairs.append((name, key))
    return tuple(pairs)


RULES: Final[dict[str, Rule]] = {
    "text": text,
    "pattern": pattern,
    "value": value,
    "unit": unit,
    "whole": whole,
    "words": words,
    "quote": words,
    "flag": flag,
    "tolerance": tolerance,
    "convert": convert,
    "precision": precision,
    "format": version,
    "roles": roles,
}


def too_many(report: Report, where: str, name: str, items: list[Any], limit: int) -> bool:
    if len(items) <= limit:
        return False
    report.add(where, f"'{name}' has {len(items):,} items; at most {limit:,}")
    return True


def _too_long(report: Report, where: str, items: list[str]) -> bool:
    longest = max(items, key=len, default="")  # an empty array (`quote = []`) has nothing too long
    if len(longest) <= form.MAX_TEXT:
        return False
    report.add(where, f"an item is longer than {form.MAX_TEXT} characters ('{shorten(longest)}')")
    return True


# What each rule gives for a field left out, without a problem: such fields are not checked at all, which
# keeps a file of thousands of facts fast. Rules that speak when the key is missing (a required text, the
# format version, a fact's value) are always run.
_ABSENT: Final[dict[str, object]] = {"words": (), "quote": (), "convert": (), "precision": (), "roles": ()}
_ALWAYS: Final = frozenset({"value", "format"})


class Table:
    """A described table made ready to check: its fields' rules, the values of fields left out, and how
    messages name it ("a fact", "[meta]", "[[layout]]")."""

    __slots__ = ("absent", "called", "checks", "known")

    def __init__(self, fields: tuple[Field, ...], called: str) -> None:
        self.called = called
        self.known = frozenset(field.name for field in fields)
        self.absent = {
            field.name: field.default if field.rule == "flag" else _ABSENT.get(field.rule) for field in fields
        }
        self.checks = tuple(
            (field.name, RULES[field.rule], field, field.required or field.rule in _ALWAYS) for field in fields
        )


def check_fields(report: Report, table: dict[str, Any], where: str, described: Table) -> dict[str, Any]:
    """Each described field's value, by name, after its rule; unknown keys are reported first. A section's own
    key path is `layout[N]`, so its unknown keys are put on it."""
    known = described.known
    for name in sorted(set(table) - known):
        if report.full:
            break
        on = where if described.called == "[[layout]]" else f"{where}.{name}"
        report.add(on, f"unknown key '{shorten(name)}' in {described.called}", (name, known))
    found = described.absent.copy()
    for name, rule, field, always in described.checks:
        if always or name in table:
            found[name] = rule(report, table, where, field, found)
    return found
