"""The rules that check a parsed data file against its description (`dataformat`).

Each field of the description names a rule in `RULES`: a small function that checks that one field of a table,
records any problem in the `Report` (with the key path, so it gets its line) and returns the field's value
for the model. The structure (groups, facts, [meta], [[layout]]) is walked here; what each field may hold is
in the description, so a new field is one line there and, if it needs a new kind of check, one rule here.
"""

from __future__ import annotations

import math
import re

from roros_cli import dataformat as form
from roros_cli.model import Fact, Place, Section, Source, group_members
from roros_cli.problems import Report, cut, type_name

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from typing import Any, Final

    from roros_cli.dataformat import Field

    # (report, the table, its key path, the field, the values of the fields checked before it) -> the value
    Rule = Callable[[Report, dict[str, Any], str, Field, dict[str, Any]], Any]

_NAME: Final = re.compile(form.NAME_PATTERN)
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
            f"'{field.name}' must be one lower-case word, such as history; found {cut(repr(item))}",
        )
    return item


def value(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> Any:
    item = table[field.name]
    where = f"{where}.{field.name}"
    if isinstance(item, bool):
        return item
    if isinstance(item, int):
        if abs(item) > form.MAX_INT:
            report.add(where, f"integer {str(item)[:20]}… is too large; at most {form.MAX_INT:,} in magnitude")
            return None
        return item
    if isinstance(item, float):
        if not math.isfinite(item):
            report.add(where, f"value must be a finite number, found {item}")
            return None
        return item
    if isinstance(item, str):
        if len(item) > form.MAX_TEXT:
            report.add(where, f"text is longer than {form.MAX_TEXT} characters")
            return None
        return item
    if isinstance(item, list) and item and all(isinstance(word, str) for word in item):
        if _too_many(report, where, "value", item, form.MAX_ITEMS) or _too_long(report, where, item):
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
            f"unknown unit '{cut(item)}' (units: {', '.join(accepted_units())})",
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
    if _too_many(report, f"{where}.{name}", name, item, field.limit) or _too_long(report, f"{where}.{name}", item):
        return ()
    if len(set(item)) < len(item):
        twice = next(word for index, word in enumerate(item) if word in item[:index])
        report.add(f"{where}.{name}", f"'{name}' lists '{cut(twice)}' more than once")
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
        report.add(f"{where}.tolerance", f"'tolerance' must be a number of 0 or more, found {cut(repr(item))}")
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
    if _too_many(report, f"{where}.convert", "convert", item, len(UNITS)):
        return ()
    if len(set(item)) < len(item):
        report.add(f"{where}.convert", "'convert' lists a unit more than once")
        return ()
    good: list[str] = []
    for target in item:
        other = UNITS.get(target)
        if other is None:
            report.add(f"{where}.convert", f"unknown unit '{cut(target)}' in 'convert'", (target, list(UNITS)))
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
            report.add(f"{where}.precision.{cut(code)}", f"'{cut(code)}' is not one of this fact's 'convert' units")
        elif type(decimals) is not int or not low <= decimals <= high:
            report.add(
                f"{where}.precision.{code}",
                f"decimals must be a whole number from {low} to {high}, found {cut(repr(decimals))}",
            )
        else:
            pairs.append((code, decimals))
    return tuple(pairs)


def version(report: Report, table: dict[str, Any], where: str, field: Field, found: dict[str, Any]) -> object:
    item = table.get(field.name)
    if item is None:
        report.add(where, f"missing 'format' (this version reads format = {form.FORMAT_VERSION})")
    elif type(item) is not int or item != form.FORMAT_VERSION:
        report.add(f"{where}.format", f"format must be {form.FORMAT_VERSION}, found {cut(repr(item))}")
    return item


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
}


def _too_many(report: Report, where: str, name: str, items: list[Any], limit: int) -> bool:
    if len(items) <= limit:
        return False
    report.add(where, f"'{name}' has {len(items):,} items; at most {limit:,}")
    return True


def _too_long(report: Report, where: str, items: list[str]) -> bool:
    longest = max(items, key=len)
    if len(longest) <= form.MAX_TEXT:
        return False
    report.add(where, f"an item is longer than {form.MAX_TEXT} characters ('{cut(longest)}')")
    return True


def check_fields(
    report: Report, table: dict[str, Any], where: str, fields: tuple[Field, ...], known: Collection[str], called: str
) -> dict[str, Any]:
    """Each described field's value, by name, after its rule; unknown keys (in the table `called`, as messages
    name it) are reported first. A section's own key path is `layout[N]`, so its unknown keys are put on it."""
    for name in sorted(set(table) - set(known)):
        if report.full:
            break
        on = where if called == "[[layout]]" else f"{where}.{name}"
        report.add(on, f"unknown key '{cut(name)}' in {called}", (name, known))
    found: dict[str, Any] = {}
    for field in fields:
        found[field.name] = RULES[field.rule](report, table, where, field, found)
    return found


# ---------------------------------------------------------------------------------------------- the document

_FACT_FIELDS: Final = tuple((field.name, field.attribute or field.name) for field in form.FACT)


def place(report: Report, document: dict[str, Any]) -> Place | None:
    """The checked place, or None when the report holds problems."""
    source = meta(report, document.get("meta"))
    facts: dict[str, Fact] = {}
    groups: list[str] = []
    body = {name: item for name, item in document.items() if name not in form.RESERVED}
    walk(report, body, "", 0, facts, groups)
    cross_check(report, facts)
    sections = layout(report, document.get("layout"), facts)
    if source is None or report.problems:
        return None
    return Place(facts=facts, groups=tuple(groups), sections=sections, source=source, origin=report.shown)


def meta(report: Report, table: object) -> Source | None:
    if table is None:
        report.add(None, "missing the [meta] table (it needs format = 1 and source_title)")
        return None
    if not isinstance(table, dict):
        report.add("meta", f"must be a table, not {type_name(table)}")
        return None
    found = check_fields(report, table, "meta", form.META, form.META_FIELDS, "[meta]")
    if found["source_title"] is None:
        return None
    return Source(found["source_title"], found["source_publisher"], found["source_url"], found["source_license"])


def walk(
    report: Report, table: dict[str, Any], prefix: str, depth: int, facts: dict[str, Fact], groups: list[str]
) -> None:
    """Every fact and group below `prefix`: a table with a `value` is a fact, one without is a group."""
    for name, item in table.items():
        if len(facts) >= form.MAX_FACTS and not report.full:
            report.add(None, f"has more than {form.MAX_FACTS} facts, far too many for a fact sheet")
            report.stopped = True
        if report.full:
            return
        key = f"{prefix}.{name}" if prefix else name
        if not _NAME.fullmatch(name):
            report.add(prefix or None, f"key {cut(repr(name))} must be 1 to 64 letters, digits, '_' or '-'")
            continue
        if not isinstance(item, dict):
            report.add(
                key,
                f"must be a fact (a table with value, label and source) or a group of facts, found {type_name(item)}",
            )
        elif "value" in item:
            checked = fact(report, key, item)
            if checked is not None:
                facts[key] = checked
        elif not item:
            report.add(key, "is an empty table: give it a value, label and source, or facts of its own")
        elif depth >= form.MAX_DEPTH:
            report.add(key, f"groups are nested more than {form.MAX_DEPTH} deep")
        else:
            groups.append(key)
            walk(report, item, key, depth + 1, facts, groups)


def fact(report: Report, key: str, table: dict[str, Any]) -> Fact | None:
    before = len(report.problems)
    found = check_fields(report, table, key, form.FACT, form.FACT_FIELDS, "a fact")
    answer = found["value"]
    if answer is not None and not isinstance(answer, (bool, tuple)):
        shown = str(answer)
        if any(wrong.strip().casefold() == shown.casefold() for wrong in found["distractors"]):
            report.add(f"{key}.distractors", f"'distractors' lists the right answer, '{cut(shown)}'")
    _ranges(report, key, answer, found["unit"])
    if len(report.problems) > before or found["label"] is None or found["source"] is None or answer is None:
        return None
    return Fact(key=key, **{attribute: found[name] for name, attribute in _FACT_FIELDS})


def _ranges(report: Report, key: str, number: object, code: str | None) -> None:
    from roros_cli.units import UNITS

    if not isinstance(number, (int, float)) or isinstance(number, bool):
        return
    leaf = key.rsplit(".", 1)[-1]
    limit = form.DEGREES.get(leaf)
    if limit is not None and not -limit <= number <= limit:
        report.add(f"{key}.value", f"{leaf} must be between -{limit} and {limit} degrees, found {number}")
    if code is not None and UNITS[code].dimension in form.POSITIVE and number <= 0:
        report.add(f"{key}.value", f"an {UNITS[code].dimension} must be positive, found {number}")


def cross_check(report: Report, facts: dict[str, Fact]) -> None:
    name = facts.get("name")
    if name is None:
        if not any(p.key == "name" or (p.key or "").startswith("name.") for p in report.problems):
            report.add(None, "missing the 'name' fact: [name] with value, label and source")
    elif not isinstance(name.value, str):
        report.add("name.value", "the place's name must be a string")
    for each in facts.values():
        for other in each.conflicts:
            if other not in facts:
                report.add(f"{each.key}.conflicts", f"names '{cut(other)}', which is not a fact", (other, facts))


# ---------------------------------------------------------------------------------------------- layout


def layout(report: Report, item: object, facts: dict[str, Fact]) -> tuple[Section, ...]:
    if item is None:
        return _default_layout(facts)
    if not isinstance(item, list) or not all(isinstance(entry, dict) for entry in item):
        report.add("layout", "layout must be an array of tables: [[layout]] with title and keys")
        return ()
    if _too_many(report, "layout", "layout", item, form.MAX_SECTIONS):
        return ()
    members = group_members(facts)
    sections: list[Section] = []
    placed: set[str] = set()
    for index, entry in enumerate(item):
        if report.full:
            break
        where = f"layout[{index}]"
        found = check_fields(report, entry, where, form.SECTION, form.SECTION_FIELDS, "[[layout]]")
        shown = [each for key in found["keys"] for each in _expand(report, where, key, facts, members)]
        twice = [key for key in shown if key in placed]
        if twice:
            more = f" and {len(twice) - 5:,} more" if len(twice) > 5 else ""
            report.add(where, f"facts listed in two sections: {', '.join(twice[:5])}{more}")
        placed.update(shown)
        if found["title"] is not None:
            sections.append(Section(found["title"], tuple(shown)))
    rest = tuple(key for key in facts if key not in placed)
    if rest:
        sections.append(Section("Other facts", rest))
    return tuple(sections)


def _expand(report: Report, where: str, key: str, facts: dict[str, Fact], members: dict[str, list[str]]) -> list[str]:
    if key in facts:
        return [key]
    if key in members:
        return members[key]
    report.add(where, f"layout names '{cut(key)}', which is neither a fact nor a group", (key, [*facts, *members]))
    return []


def _default_layout(facts: dict[str, Fact]) -> tuple[Section, ...]:
    """Without [[layout]]: top-level facts first, then one section per top-level group."""
    tops = tuple(key for key in facts if "." not in key)
    order: dict[str, list[str]] = {}
    for key in facts:
        if "." in key:
            order.setdefault(key.split(".", 1)[0], []).append(key)
    sections = [Section("Facts", tops)] if tops else []
    sections += [Section(group.replace("_", " ").capitalize(), tuple(keys)) for group, keys in order.items()]
    return tuple(sections)
