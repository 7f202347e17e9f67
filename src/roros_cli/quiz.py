"""Quiz questions generated from a place's facts, and the marking of answers. No I/O.

Years and words are multiple choice; quantities and counts take a number, accepted within a tolerance
(5 % for measured quantities and large counts, 10 % where the fact itself is approximate, exact for small
counts). The same seed gives the same questions, in the same order, with the same options.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Final

from roros_cli.facts import bare_value, display_value, fold, is_date
from roros_cli.model import Fact, Place
from roros_cli.safetext import shorten
from roros_cli.units import UNITS, format_as_typed, parse_number

MAX_CHOICE_TEXT: Final = 40  # longer values make poor options
_LEADING_NUMBER: Final = re.compile(r"\s*([+-]?[\d,]*\.?\d+)")


class BadAnswer(ValueError):
    """An answer that is not of the kind asked for (letters where a number is expected); ask again."""


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # "choice" or "number"
    prompt: str
    options: tuple[str, ...]  # for "choice"
    answer: str  # the right answer as shown
    value: float | None  # for "number"
    tolerance: float  # absolute, for "number"
    source: str


@dataclass(frozen=True)
class Marked:
    question: Question
    given: str
    correct: bool


def make_quiz(place: Place, count: int, seed: int) -> list[Question]:
    """Up to `count` questions, one per fact, chosen and ordered by `seed`."""
    rng = random.Random(seed)
    candidates = [fact for fact in place.facts.values() if fact.quiz and not fact.conflicts]
    rng.shuffle(candidates)
    questions: list[Question] = []
    for fact in candidates:
        question = _question(place, fact, rng)
        if question is not None:
            questions.append(question)
        if len(questions) == count:
            break
    return questions


def _question(place: Place, fact: Fact, rng: random.Random) -> Question | None:
    if is_date(fact):
        return _year_question(fact, rng)
    if fact.is_number:
        return _number_question(fact)
    if isinstance(fact.value, str) and len(fact.value) <= MAX_CHOICE_TEXT:
        return _text_question(place, fact, rng)
    return None


def _year_question(fact: Fact, rng: random.Random) -> Question:
    year = int(fact.year or 0)
    offsets = rng.sample([-50, -30, -20, -10, 10, 20, 30, 50], 3)
    options = [str(year), *(str(year + offset) for offset in offsets)]
    rng.shuffle(options)
    return Question(fact.key, "choice", f"{fact.label}: which year?", tuple(options), str(year), None, 0.0, fact.source)


def _number_question(fact: Fact) -> Question:
    value = float(fact.value)  # type: ignore[arg-type]  # is_number was checked
    unit = UNITS[fact.unit] if fact.unit else None
    if unit is not None:
        prompt = f"{fact.label}: how many {unit.plural}?"
        share = 0.10 if fact.approximate else 0.05
    else:
        year = f" ({fact.year})" if fact.year is not None else ""
        prompt = f"{fact.label}{year}: what number?"
        share = 0.10 if fact.approximate else (0.05 if abs(value) >= 20 else 0.0)
    tolerance = abs(value) * share
    return Question(fact.key, "number", prompt, (), display_value(fact, "metric"), value, tolerance, fact.source)


def _shape(text: str) -> tuple[bool, bool, bool]:
    """What kind of answer a text is: a name (Capitalised), a code (+01:00, 7374), a short phrase."""
    return text[:1].isupper(), any(char.isdigit() for char in text), len(text.split()) <= 3


def _text_question(place: Place, fact: Fact, rng: random.Random) -> Question | None:
    right = bare_value(fact)
    others = {
        bare_value(other)
        for other in place.facts.values()
        if isinstance(other.value, str) and other.key != fact.key and 0 < len(other.value) <= MAX_CHOICE_TEXT
    }
    # Wrong options of the same shape as the right one (names among names), so the answer is not obvious.
    alike = sorted(other for other in others if fold(other) != fold(right) and _shape(other) == _shape(right))
    if len(alike) < 2:
        return None
    options = [right, *rng.sample(alike, min(3, len(alike)))]
    rng.shuffle(options)
    return Question(fact.key, "choice", f"{fact.label}?", tuple(options), right, None, 0.0, fact.source)


def mark(question: Question, text: str) -> Marked:
    """Mark one answer; raises BadAnswer when it is not of the kind asked for."""
    given = text.strip()
    if question.kind == "choice":
        return Marked(question, given, _chosen(question, given) == question.answer)
    number = _LEADING_NUMBER.match(given)
    if not number:
        raise BadAnswer(f"'{shorten(given)}' is not a number; type digits, such as 16510 or 3.31")
    try:
        value = parse_number(number.group(1))
    except ValueError:
        raise BadAnswer(f"'{shorten(given)}' is not a number; type digits, such as 16510 or 3.31") from None
    assert question.value is not None
    return Marked(question, format_as_typed(value), abs(value - question.value) <= question.tolerance + 1e-9)


def _chosen(question: Question, given: str) -> str:
    if given.isascii() and given.isdigit() and len(given) < 10:  # `²` is a digit to isdigit, not to int
        index = int(given)
        if 1 <= index <= len(question.options):
            return question.options[index - 1]
        raise BadAnswer(f"choose a number from 1 to {len(question.options)}")
    for option in question.options:
        if fold(option) == fold(given):
            return option
    raise BadAnswer(
        f"'{shorten(given)}' is not one of the options; answer with its number, 1 to {len(question.options)}"
    )
