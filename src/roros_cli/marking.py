"""Marking a quiz's answers: what a right answer is, how to answer (a hint that never gives the answer away), and
reading what a person types. No I/O.

Choices are marked by their number or their text. Numbers are marked in their unit: "630", "630 m" and
"2,070 ft" are all right for an elevation of 630 m, "630 ft" is wrong and the feedback says why. Norwegian forms
("1 181", "3,31"), "about 80", number words to twenty, and for an angle degrees and minutes or a compass letter
are read as a person means them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from roros_cli.quiz import Question, fold, is_angle
from roros_cli.safetext import shorten
from roros_cli.units import UNITS, UnitError, convert, counterpart, format_fixed, parse_typed, parse_unit, with_symbol


class BadAnswer(ValueError):
    """An answer that is not of the kind asked for (letters where a number is expected); ask again."""


@dataclass(frozen=True)
class Marked:
    question: Question
    given: str
    correct: bool
    why: str = ""  # for a wrong number: what it amounts to in the fact's unit ("630 ft is about 192 m")


# Matched against a stripped answer, so no pattern ends in `\s*` after a lazy part: linear in the length.
_ANSWER: Final = re.compile(r"([+-]?[0-9][0-9,]*(?:\.[0-9]*)?|[+-]?\.[0-9]+)\s*(.*)", re.DOTALL)


def mark(question: Question, text: str) -> Marked:
    """Mark one answer; raises BadAnswer when it is not of the kind asked for."""
    given = text.strip()
    if question.kind == "choice":
        return Marked(question, given, _chosen(question, given) == question.answer)
    return _mark_number(question, given)


def not_an_answer(given: str, how: str) -> BadAnswer:
    """Every kind of bad input gets the same words: what was typed, and what to type instead."""
    return BadAnswer(f"'{shorten(given)}' is not an answer here: {how}")


def hint(question: Question) -> str:
    """How to answer, as a sentence: the kind of answer, and for a measure a unit example far from the answer
    (so the example can never be copied as the right answer)."""
    if question.kind == "choice":
        return f"Type the number of your answer, 1 to {len(question.options)}."
    if question.unit is None:
        return "Type a number, in figures or in words up to twenty."
    unit = UNITS[question.unit]
    # "in metres", but "per square kilometre" (not "in per square kilometre")
    how = f"Type a number {unit.plural}" if unit.per else f"Type a number in {unit.plural}"
    example = _example(question)
    if example is None:
        return f"{how}."
    return f"{how}, or give another unit of {unit.dimension}, as in “{example}”."


def how_to_answer(question: Question) -> str:
    """The hint as a clause, said again after an answer that was not of the kind asked for."""
    text = hint(question)
    return text[:1].lower() + text[1:].rstrip(".")


_EXAMPLES: Final = (1, 5, 20, 100, 500, 2000, 10_000, 50_000, 200_000, 1_000_000)


def _example(question: Question) -> str | None:
    """`100 ft` for an elevation of 630 m: the round figure in another unit nearest the answer's size that is
    still at least ten times off it, so it shows the form of an answer without being near a right one."""
    # The unit the example uses: the other system's unit of the same dimension (units.counterpart).
    own = UNITS[question.unit] if question.unit else None
    other = counterpart(own) if own is not None else None
    if own is None or other is None or question.value is None or not question.value:
        return None
    target = math.log10(abs(question.value))

    try:
        offs = {figure: abs(math.log10(convert(figure, other, own)) - target) for figure in _EXAMPLES}
    except (UnitError, ValueError):
        return None
    far = [figure for figure, off in offs.items() if off >= 1]
    if not far:
        return None
    figure = min(far, key=offs.__getitem__)
    return with_symbol(f"{figure:,}", other)


_WORDS_TO_TWENTY: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
_NUMBER_WORDS: Final = {word: number for number, word in enumerate(_WORDS_TO_TWENTY)}
# "about 80", "ca. 80", "approximately 80", "~80": the hedge is allowed and ignored. Linear: one alternation.
_HEDGE: Final = re.compile(r"(?:about|around|approximately|approx\.?|roughly|circa|ca\.?|c\.|~)\s*", re.IGNORECASE)
# A compass letter after a degree figure: "62.6 N", "62.6°N", "11.4 degrees E".
_COMPASS: Final = re.compile(r"(?:°|deg|degrees?)?\s*([nsew])", re.IGNORECASE)


# Norwegian ways of writing a number, read as the English ones. Spaces (normal, no-break, thin) between groups of
# three digits: "1 181". A comma followed by one or two digits (and no more figures) is a decimal comma: "3,31",
# "62,6"; followed by three digits it stays a thousands separator, as in English ("2,070 ft"). Each pattern is
# anchored and has no nested repetition: linear in the length.
_GROUPS: Final = re.compile(r"([+-]?[0-9]{1,3})((?:[ \u00a0\u2009\u202f][0-9]{3})+)(?![0-9])")
_DECIMAL_COMMA: Final = re.compile(r"([+-]?[0-9]+),([0-9]{1,2})(?![0-9.,])")
# Degrees and minutes, with seconds or not: "62°34′N", "62° 34′ 27″ N", "62°34'27\"N".
_DMS: Final = re.compile(
    r"([0-9]{1,3})\s*°\s*([0-9]{1,2}(?:\.[0-9]+)?)\s*[′']\s*(?:([0-9]{1,2}(?:\.[0-9]+)?)\s*(?:″|\"|''))?\s*(.*)",
    re.DOTALL,
)


def _as_english(text: str, degrees: bool) -> str:
    """`1 181` as `1181`, `3,31` as `3.31`, and for an angle `62°34′N` as `62.566667 N`."""
    groups = _GROUPS.match(text)
    if groups:
        text = groups.group(1) + re.sub(r"\D", "", groups.group(2)) + text[groups.end() :]
    comma = _DECIMAL_COMMA.match(text)
    if comma:
        text = f"{comma.group(1)}.{comma.group(2)}{text[comma.end() :]}"
    dms = _DMS.fullmatch(text) if degrees else None
    if dms:
        value = int(dms.group(1)) + float(dms.group(2)) / 60 + float(dms.group(3) or 0) / 3600
        text = f"{value:.6f} {dms.group(4)}".strip()
    return text


def _mark_number(question: Question, given: str) -> Marked:
    text = _HEDGE.sub("", given, count=1) if _HEDGE.match(given) else given
    text = _as_english(text, is_angle(question.unit))
    first, _, rest = text.partition(" ")
    if first.lower() in _NUMBER_WORDS:
        text = f"{_NUMBER_WORDS[first.lower()]} {rest}".strip()
    match = _ANSWER.fullmatch(text)
    if not match:
        raise not_an_answer(given, how_to_answer(question))
    figure, unit_text = match.group(1), match.group(2)
    try:
        number, _, _ = parse_typed(figure)
    except UnitError:
        raise not_an_answer(given, how_to_answer(question)) from None
    assert question.value is not None and question.accepted is not None
    own = UNITS[question.unit] if question.unit else None
    said = own
    compass = _COMPASS.fullmatch(unit_text) if is_angle(question.unit) and unit_text else None
    if compass:
        number = -number if compass.group(1).lower() in "sw" else number  # 62.6 S is south of the equator
        unit_text = ""
    if unit_text and own is None:
        raise not_an_answer(given, "type a plain number, with no unit")
    if unit_text and own is not None and unit_text.lower() not in {own.code, own.symbol, own.name, own.plural}:
        try:
            said = parse_unit(unit_text)
            value = convert(number, said, own)
        except UnitError:
            raise not_an_answer(given, how_to_answer(question)) from None
    else:
        value = number
    low, high = question.accepted
    slack = 1e-9 * max(1.0, abs(question.value))  # 2,070 ft is 630.936 m: float noise never decides
    right = math.isfinite(value) and low - slack <= value <= high + slack
    why = ""
    if not right and math.isfinite(value) and value and said is not None and own is not None and said != own:
        shown = format_fixed(value, max(0, 1 - math.floor(math.log10(abs(value)))))
        why = f"{with_symbol(figure, said)} is about {with_symbol(shown, own)}"
    return Marked(question, given, right, why)


def _chosen(question: Question, given: str) -> str:
    if given.isascii() and given.isdigit() and len(given) < 10:  # `²` is a digit to isdigit, not to int
        index = int(given)
        if 1 <= index <= len(question.options):
            return question.options[index - 1]
        raise not_an_answer(given, how_to_answer(question))
    for option in question.options:
        if fold(option) == fold(given):
            return option
    raise not_an_answer(given, how_to_answer(question))
