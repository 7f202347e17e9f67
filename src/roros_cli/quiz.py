"""Quiz questions from a place's facts, and the marking of answers, for a class. No I/O.

Every prompt is a sentence naming the place (the data file's own `question`, or one built from the label).
Words and years are multiple choice with exactly one right option: wrong options come from the fact's curated
`distractors`, or else from facts of the same kind, never from facts that answer the same question. Numbers
are marked in their unit: "630", "630 m" and "2,070 ft" are all right for an elevation of 630 m, "630 ft" is
wrong and the feedback says why. Counts, years and identifiers are exact; a measured quantity is right within
the precision the source gives it, or when it is the value rounded to at least two significant figures.
The same seed gives the same questions, in the same order, with the same options.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from roros_cli.facts import bare_value, display_value, fold, is_date, readable_quote
from roros_cli.model import Fact, Place
from roros_cli.safetext import shorten
from roros_cli.units import UNITS, UnitError, convert, format_fixed, parse_typed, parse_unit, with_symbol

MAX_CHOICE_TEXT: Final = 40  # longer values make poor options
# Matched against a stripped answer, so no pattern ends in `\s*` after a lazy part: linear in the length.
_ANSWER: Final = re.compile(r"([+-]?[0-9][0-9,]*(?:\.[0-9]*)?|[+-]?\.[0-9]+)\s*(.*)", re.DOTALL)
_YEAR: Final = re.compile(r"-?[0-9]{1,9}")  # ASCII digits only: `²` is a digit to str.isdigit, not to int
_YEAR_STEPS: Final = (-50, -40, -30, -20, -10, 10, 20, 30, 40, 50)


class BadAnswer(ValueError):
    """An answer that is not of the kind asked for (letters where a number is expected); ask again."""


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # "choice" or "number"
    prompt: str
    options: tuple[str, ...]  # for "choice"
    answer: str  # the right answer as shown
    value: float | None  # for "number", in the fact's unit
    tolerance: float  # absolute, for "number": how far off is still right
    source: str
    category: str = ""  # what the answer is: county, river, year, length, count...
    unit: str | None = None  # the fact's unit code, for "number"
    quote: str = ""  # the source's own words


@dataclass(frozen=True)
class Marked:
    question: Question
    given: str
    correct: bool
    why: str = ""  # for a wrong number: what it amounts to in the fact's unit ("630 ft is about 192 m")


# ---------------------------------------------------------------------------------------------- questions


def make_quiz(place: Place, count: int, seed: int, this_year: int | None = None) -> list[Question]:
    """Up to `count` questions, one per fact, chosen and ordered by `seed`."""
    rng = random.Random(seed)
    candidates = [fact for fact in place.facts.values() if fact.quiz and not fact.conflicts]
    rng.shuffle(candidates)
    year = this_year if this_year is not None else date.today().year
    questions: list[Question] = []
    for fact in candidates:
        question = _question(place, fact, rng, year)
        if question is not None:
            questions.append(question)
        if len(questions) == count:
            break
    return questions


def category(fact: Fact) -> str:
    """What kind of thing the fact's value is: declared in the data file, or read from its unit and shape."""
    if fact.kind:
        return fact.kind
    if is_date(fact):
        return "year"
    if fact.unit is not None:
        return UNITS[fact.unit].dimension
    if fact.is_number:
        return "count"
    return ""


def _question(place: Place, fact: Fact, rng: random.Random, this_year: int) -> Question | None:
    if is_date(fact):
        return _year_question(place, fact, rng, this_year)
    if fact.is_number:
        return _number_question(place, fact)
    if isinstance(fact.value, str) and len(fact.value) <= MAX_CHOICE_TEXT:
        return _text_question(place, fact, rng)
    return None


def prompt_for(place: Place, fact: Fact) -> str:
    """The data file's question, or a sentence built from the label that names the place and says which fact."""
    if fact.question:
        return fact.question
    label = fact.label[:1].lower() + fact.label[1:] if not fact.label[1:2].isupper() else fact.label
    twins = [other for other in place.facts.values() if other.label == fact.label and other.key != fact.key]
    which = f" ({fact.key.rsplit('.', 2)[-2] if '.' in fact.key else fact.key})" if twins else ""
    if is_date(fact):
        return f"In which year: {label}{which}, for {place.name}?"
    if fact.unit is not None:
        return f"What is the {label}{which} of {place.name}, in {UNITS[fact.unit].plural}?"
    if fact.is_number:
        return f"What is the number: {label}{which}, for {place.name}?"
    return f"What is the {label}{which} of {place.name}?"


def _quote(fact: Fact) -> str:
    return readable_quote(fact.quotes[0]) if fact.quotes else ""


def _year_question(place: Place, fact: Fact, rng: random.Random, this_year: int) -> Question | None:
    year = int(fact.year or 0)
    # Years near the answer, never after this year: an event that has happened cannot have a future date.
    near = [year + step for step in _YEAR_STEPS if year + step <= this_year]
    curated = [text for text in fact.distractors if _YEAR.fullmatch(text.strip()) and int(text) <= this_year]
    pool = curated or [str(other) for other in near]
    if len(pool) < 2:
        return None
    options = [str(year), *rng.sample(pool, min(3, len(pool)))]
    rng.shuffle(options)
    return Question(
        fact.key,
        "choice",
        prompt_for(place, fact),
        tuple(options),
        str(year),
        None,
        0.0,
        fact.source,
        "year",
        None,
        _quote(fact),
    )


def _number_question(place: Place, fact: Fact) -> Question:
    value = float(fact.value)  # type: ignore[arg-type]  # is_number was checked
    if fact.tolerance is not None:
        tolerance = fact.tolerance
    elif fact.unit is not None or fact.approximate:
        # Within the precision the source gives: 630 (to the tens) is 625 to 635; 62.57427 is to 0.000005.
        tolerance = 0.5 * 10.0 ** -parse_typed(_typed(value))[1]
    else:
        tolerance = 0.0  # counts, identifiers and post codes are exact
    return Question(
        fact.key,
        "number",
        prompt_for(place, fact),
        (),
        display_value(fact, "both"),
        value,
        tolerance,
        fact.source,
        category(fact),
        fact.unit,
        _quote(fact),
    )


def _typed(value: float) -> str:
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _text_question(place: Place, fact: Fact, rng: random.Random) -> Question | None:
    right = bare_value(fact)
    # Values that are also true for this question (a fact with the same label) can never be wrong options.
    also_true = {fold(bare_value(other)) for other in place.facts.values() if other.label == fact.label}
    also_true.add(fold(right))
    if fact.distractors:
        pool = [text for text in fact.distractors if fold(text) not in also_true]
    elif category(fact):
        kind = category(fact)
        pool = sorted(
            {
                bare_value(other)
                for other in place.facts.values()
                if other.key != fact.key
                and category(other) == kind
                and isinstance(other.value, str)
                and 0 < len(other.value) <= MAX_CHOICE_TEXT
            }
        )
        pool = [text for text in pool if fold(text) not in also_true]
    else:
        return None  # without a kind, another fact's value may be of another kind: no fair options
    pool = list(dict.fromkeys(pool))  # never the same option twice
    if len(pool) < 2:
        return None
    options = [right, *rng.sample(pool, min(3, len(pool)))]
    rng.shuffle(options)
    return Question(
        fact.key,
        "choice",
        prompt_for(place, fact),
        tuple(options),
        right,
        None,
        0.0,
        fact.source,
        category(fact),
        None,
        _quote(fact),
    )


# ---------------------------------------------------------------------------------------------- marking


def mark(question: Question, text: str) -> Marked:
    """Mark one answer; raises BadAnswer when it is not of the kind asked for."""
    given = text.strip()
    if question.kind == "choice":
        return Marked(question, given, _chosen(question, given) == question.answer)
    return _mark_number(question, given)


def not_an_answer(given: str, how: str) -> BadAnswer:
    """Every kind of bad input gets the same words: what was typed, and what to type instead."""
    return BadAnswer(f"'{shorten(given)}' is not an answer here: {how}")


def how_to_answer(question: Question) -> str:
    """What to type, for a question of this kind (said again after an answer that was not of that kind)."""
    return _how(question)


def _how(question: Question) -> str:
    if question.kind == "choice":
        return f"type the number of your answer, 1 to {len(question.options)}"
    if question.unit is None:
        return "type a number, such as 55"
    unit = UNITS[question.unit]
    return f"type a number, in {unit.plural} or with another unit of {unit.dimension}"


def _not_a_number(given: str, question: Question) -> BadAnswer:
    return not_an_answer(given, _how(question))


def _mark_number(question: Question, given: str) -> Marked:
    match = _ANSWER.fullmatch(given)
    if not match:
        raise _not_a_number(given, question)
    figure, unit_text = match.group(1), match.group(2)
    try:
        number, typed, _ = parse_typed(figure)
    except UnitError:
        raise _not_a_number(given, question) from None
    assert question.value is not None
    own = UNITS[question.unit] if question.unit else None
    if unit_text and own is None:
        raise not_an_answer(given, "type a plain number, with no unit")
    said = own
    if unit_text and own is not None and unit_text.lower() not in {own.code, own.symbol, own.name, own.plural}:
        try:
            said = parse_unit(unit_text)
            value = convert(number, said, own)
        except UnitError:
            raise not_an_answer(given, _how(question)) from None
    else:
        value = number
    if not (math.isfinite(value) and math.isfinite(question.value)):
        return Marked(question, given, value == question.value)  # beyond floats: no rounding, no "about"
    right = abs(value - question.value) <= question.tolerance + 1e-9 * max(1.0, abs(question.value))
    if not right and said is not None and own is not None and question.unit is not None:
        right = _rounds_to(question.value, number, typed, said, own)
    why = ""
    if not right and said is not None and own is not None and said != own:
        shown = format_fixed(value, max(0, 1 - math.floor(math.log10(abs(value)))) if value else 0)
        why = f"{with_symbol(figure, said)} is about {with_symbol(shown, own)}"
    return Marked(question, given, right, why)


def _rounds_to(true: float, number: float, typed: int, said: object, own: object) -> bool:
    """Whether the true value, in the unit the answer used, rounds to the answer at the precision typed, with
    at least two significant figures (so 62.6 is right for 62.57427, 60 is not; 2,070 ft is right for 630 m)."""
    from roros_cli.units import Unit

    assert isinstance(said, Unit) and isinstance(own, Unit)
    try:
        there = convert(true, own, said)
    except UnitError:
        return False  # 1e308 km in metres: past the largest float, no answer rounds to it
    if not math.isfinite(there):
        return False  # 1e308 km in metres: past the largest float, no answer rounds to it
    if there == 0:
        return number == 0
    if typed < 1 - math.floor(math.log10(abs(there))):
        return False  # coarser than two significant figures: 60 for 62.57
    step = 10.0**-typed
    return abs(round(there / step) * step - number) <= step * 1e-9


def _chosen(question: Question, given: str) -> str:
    if given.isascii() and given.isdigit() and len(given) < 10:  # `²` is a digit to isdigit, not to int
        index = int(given)
        if 1 <= index <= len(question.options):
            return question.options[index - 1]
        raise not_an_answer(given, _how(question))
    for option in question.options:
        if fold(option) == fold(given):
            return option
    raise not_an_answer(given, _how(question))
