"""Quiz questions from a place's facts, for a class, and the range of right answers to each. No I/O.

Every prompt is a sentence naming the place (the data file's own `question`, or one built from the label).
Words and years are multiple choice with exactly one right option: wrong options come from the fact's curated
`distractors`, or else from facts of the same kind, never from facts that answer the same question. Numbers
are asked in their unit. Counts, years and identifiers are exact; a measured quantity is right within the
precision the source gives it, or when it is the value rounded to at least two significant figures (`marking`
reads and marks the answers). The same seed gives the same questions, in the same order, with the same options.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

from roros_cli.model import Fact, Place
from roros_cli.query import bare_value, display_value, is_date, readable_quote
from roros_cli.query import fold as _fold_text
from roros_cli.units import UNITS, format_fixed, typed_text, with_symbol

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

MAX_CHOICE_TEXT: Final = 40  # longer values make poor options
_YEAR: Final = re.compile(r"-?[0-9]{1,9}")  # ASCII digits only: `²` is a digit to str.isdigit, not to int
_YEAR_STEPS: Final = (-50, -40, -30, -20, -10, 10, 20, 30, 40, 50)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """query.fold, remembered: a quiz folds the same options and prompts many times over."""
    return _fold_text(text)


@lru_cache(maxsize=4096)
def _whole_word(answer: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(fold(answer))}(?!\w)")


QuestionKind = Literal["choice", "number"]  # multiple choice, or a figure marked in its unit (see `marking`)


@dataclass(frozen=True)
class Question:
    key: str
    kind: QuestionKind
    prompt: str
    options: tuple[str, ...]  # for "choice"
    answer: str  # the right answer as shown
    value: float | None  # for "number", in the fact's unit
    tolerance: float  # absolute, for "number": how far off is still right
    source: str
    category: str = ""  # what the answer is: county, river, year, length, count...
    unit: str | None = None  # the fact's unit code, for "number"
    quote: str = ""  # the source's own words
    accepted: tuple[float, float] | None = None  # for "number": the lowest and highest right answer, in `unit`
    explain: str = ""  # one sentence why, in the source's words, shown after the answer

    @property
    def accepted_text(self) -> str:
        """The accepted range in words, for feedback and the worksheet's key: `620 to 640 m`, `exactly 55`."""
        if self.accepted is None:
            return ""
        low, high = self.accepted
        unit = UNITS[self.unit] if self.unit else None
        if low == high:
            return f"exactly {_figure(low, unit)}"
        places = max(_places(low), _places(high))
        shown = format_fixed(low, places), _figure(high, unit, places)
        if shown[0] == format_fixed(high, places):  # finer than six decimals (1e-300): say it in e-notation
            shown = f"{low:.3g}", _figure_text(f"{high:.3g}", unit)
        return f"{shown[0]} to {shown[1]}"


# ---------------------------------------------------------------------------------------------- questions


TRIVIA: Final = "trivia"  # a topic asked only when chosen: post codes, session numbers, UTC offsets
OTHER: Final = "other"  # the topic of a fact whose data file gives none


def topic_of(fact: Fact) -> str:
    return fact.topic or OTHER


def _in_pool(fact: Fact, topic: str | None) -> bool:
    """Whether a fact may be asked: by default every topic but trivia; with a topic, that topic only."""
    if not fact.quiz or fact.conflicts:
        return False
    return topic_of(fact) != TRIVIA if topic is None else topic_of(fact) == topic


def topics(place: Place, this_year: int | None = None) -> dict[str, int]:
    """Each topic with the number of questions it can ask, in the order the data file first names them."""
    year = this_year if this_year is not None else date.today().year
    facts = _index(place)
    counts: dict[str, int] = {}
    for fact in place.facts.values():
        if fact.quiz and not fact.conflicts and _question(fact, random.Random(0), year, facts) is not None:
            counts[topic_of(fact)] = counts.get(topic_of(fact), 0) + 1
    return counts


_SEEDS_TRIED: Final = 50  # seeds tried for the longest quiz a topic can make


def most_together(place: Place, topic: str | None, this_year: int | None = None) -> int:
    """The most questions one quiz on `topic` can ask, over the first seeds: fewer than the topic's questions,
    since no two that give each other away are asked together. A seed may give a few fewer."""
    everything = len(place.facts)
    return max(len(make_quiz(place, everything, seed, this_year, topic)) for seed in range(_SEEDS_TRIED))


def make_quiz(
    place: Place, count: int, seed: int, this_year: int | None = None, topic: str | None = None
) -> list[Question]:
    """Up to `count` questions, one per fact, chosen and ordered by `seed`; from one topic, or from all but
    trivia."""
    rng = random.Random(seed)
    facts = _index(place)
    candidates = facts.pool(topic)
    rng.shuffle(candidates)
    year = this_year if this_year is not None else date.today().year
    questions: list[Question] = []
    # A quiz must not answer itself: no question's text, options or "Why" line may hold another asked question's
    # answer, nor may two be asked where one `reveals` the other ("the other bergstad besides Røros" tells that
    # there are two).
    shown_so_far, answers_so_far = "", list[str]()
    asked: set[str] = set()
    revealed: set[str] = set()
    offered: set[frozenset[str]] = set()  # each question's wrong options: two alike read as a pattern
    for fact in candidates:
        if fact.key in revealed or asked.intersection(fact.reveals):
            continue
        question = _question(fact, rng, year, facts)
        if question is None:
            continue
        shown, answers = _shown(question), _answers(question)
        if _mentions(shown_so_far, answers) or _mentions(shown, answers_so_far):
            continue
        wrong = frozenset(question.options) - {question.answer}
        if wrong and wrong in offered:
            continue
        offered.add(wrong)
        questions.append(question)
        asked.add(fact.key)
        revealed.update(fact.reveals)
        shown_so_far += "\n" + shown
        answers_so_far += answers
        if len(questions) == count:
            break
    return questions


def _shown(question: Question) -> str:
    return fold(" ".join((question.prompt, *question.options, question.explain)))


def _answers(question: Question) -> list[str]:
    """The answer as it could appear in another question: the option (and its head word before a gloss:
    "bergstad (mining town)" is told by "bergstad"), or the figure as the data writes it."""
    if question.value is None:
        head = question.answer.partition(" (")[0].strip()
        return [question.answer, head] if head and head != question.answer else [question.answer]
    return [typed_text(question.value), f"{question.value:,g}", f"{question.value:g}"]


def _mentions(text: str, answers: list[str]) -> bool:
    """A whole-word match, so the answer `2` is not found in `2010`, nor `north` in `Northern Norway`."""
    # The substring test first: it is cheap and nearly always false; the pattern then checks whole words.
    return any(fold(answer) in text and _whole_word(answer).search(text) for answer in answers)


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


def _question(fact: Fact, rng: random.Random, this_year: int, facts: _Index) -> Question | None:
    if is_date(fact):
        return _year_question(fact, rng, this_year, facts)
    if fact.is_number:
        return facts.number_question(fact)
    if isinstance(fact.value, str) and len(fact.value) <= MAX_CHOICE_TEXT:
        return _text_question(fact, rng, facts)
    return None


def prompt_for(place: Place, fact: Fact) -> str:
    """The data file's question, or a sentence built from the label that names the place and says which fact."""
    if fact.question:
        return fact.question
    label = fact.label[:1].lower() + fact.label[1:] if not fact.label[1:2].isupper() else fact.label
    twins = [other for other in place.facts.values() if other.label == fact.label and other.key != fact.key]
    which = f" ({fact.key.rsplit('.', 2)[-2] if '.' in fact.key else fact.key})" if twins else ""
    if is_date(fact):
        # "Founded" reads as "In which year was Fjellby founded?"; a noun as "... was the inscription of Røros?"
        if label.split(" ", 1)[0].endswith("ed"):
            return f"In which year was {place.name} {label}{which}?"
        return f"In which year was the {label}{which} of {place.name}?"
    if fact.unit is not None:
        unit = UNITS[fact.unit]
        per = unit.plural if unit.per else f"in {unit.plural}"  # "per square kilometre", "in metres"
        return f"What is the {label}{which} of {place.name}, {per}?"
    return f"What is the {label}{which} of {place.name}?"


def _quote(fact: Fact) -> str:
    return readable_quote(fact.quotes[0]) if fact.quotes else ""


def _year_question(fact: Fact, rng: random.Random, this_year: int, facts: _Index) -> Question | None:
    year = int(fact.year or 0)
    # Years near the answer, never after this year: an event that has happened cannot have a future date.
    near = [year + step for step in _YEAR_STEPS if year + step <= this_year]
    curated = [text.strip() for text in fact.distractors if _YEAR.fullmatch(text.strip()) and int(text) <= this_year]
    curated = [text for text in dict.fromkeys(curated) if int(text) != year]
    pool = curated if len(curated) >= 3 else [str(other) for other in near]
    return _choice(facts, fact, str(year), pool, rng, "year")


def _choice(facts: _Index, fact: Fact, right: str, pool: list[str], rng: random.Random, kind: str) -> Question | None:
    """A multiple-choice question: the right option and three from `pool`, shuffled; four options or none."""
    if len(pool) < 3:
        return None
    options = [right, *rng.sample(pool, 3)]
    rng.shuffle(options)
    return Question(
        fact.key,
        "choice",
        facts.prompt(fact),
        tuple(options),
        right,
        None,
        0.0,
        fact.source,
        kind,
        None,
        facts.quote(fact),
        explain=fact.explain or "",
    )


def _number_question(place: Place, fact: Fact) -> Question:
    value = fact.number
    assert value is not None  # _question asks a number question only of a number
    tolerance = fact.tolerance if fact.tolerance is not None else default_tolerance(fact, value)
    # The bounds a teacher would write: to one decimal finer than the tolerance (62.57° ± 0.5: 62.07 to 63.07°).
    accepted = (value, value)
    if tolerance > 0 and math.isfinite(tolerance):
        # One decimal finer than the tolerance's first digit, never coarser than units (16,510 ± 2,000 stays
        # 14,510 to 18,510).
        places = max(0, 1 - math.floor(math.log10(tolerance)))
        accepted = (round(value - tolerance, places), round(value + tolerance, places))
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
        accepted,
        fact.explain or "",
    )


# How far off a number may be and still be right, by what it measures, when the data file does not say: near
# enough to show the fact was learnt (630 m: 620 to 640 m), never so wide that a guess passes.
_RELATIVE: Final = {"length": 0.015, "area": 0.1, "density": 0.05}
_APPROXIMATE: Final = 0.1  # "about 80": 70 to 90
_DEGREES: Final = 0.5  # half a degree, about 55 km of latitude: 62.57° accepts 62.1 to 63.07, not 62


def default_tolerance(fact: Fact, value: float) -> float:
    """Counts, identifiers and years are exact; a measure is right within a share of itself, made a round step."""
    if is_angle(fact.unit):
        return _DEGREES
    share = _APPROXIMATE if fact.approximate else _RELATIVE.get(UNITS[fact.unit].dimension, 0.0) if fact.unit else 0.0
    size = abs(value) * share
    if size == 0.0 or not math.isfinite(size) or size < 1e-300:
        return size if math.isfinite(size) else 0.0  # at the ends of the floats: no round step to take
    return _round_step(size)


def is_angle(code: str | None) -> bool:
    """Degrees of latitude or longitude: answered as `62.6 N` or `62°34′N` too."""
    return code is not None and UNITS[code].dimension == "angle"


def _round_step(size: float) -> float:
    """The round step nearest `size` (on a log scale): 1, 2 or 5 times a power of ten (9.45 -> 10, 0.331 -> 0.5,
    2,800 -> 2,000), so a range reads as a teacher would write it."""
    power = 10.0 ** math.floor(math.log10(size))
    return min((step * power for step in (1, 2, 5, 10)), key=lambda step: abs(math.log10(step / size)))


def _places(number: float) -> int:
    """Decimals needed to show `number` as written (3.81 -> 2, 620 -> 0), at most six."""
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    return len(text.partition(".")[2])


def _figure(number: float, unit: object, places: int | None = None) -> str:
    return _figure_text(format_fixed(number, _places(number) if places is None else places), unit)


def _figure_text(shown: str, unit: object) -> str:
    from roros_cli.units import Unit

    return with_symbol(shown, unit) if isinstance(unit, Unit) else shown


class _Index:
    """What a quiz looks up about the place, worked out once per place and kept: its facts by label and by kind,
    and for each fact what does not depend on the seed (its prompt, quote, number question and wrong options).
    `most_together` makes fifty quizzes of one place, and a prompt looks through every fact for its twins."""

    def __init__(self, place: Place) -> None:
        self.place = place
        self.by_label: dict[str, list[Fact]] = {}
        self.by_kind: dict[str, list[Fact]] = {}
        for fact in place.facts.values():
            self.by_label.setdefault(fact.label, []).append(fact)
            self.by_kind.setdefault(category(fact), []).append(fact)
        self._kept: dict[tuple[str, str | None], Any] = {}  # (what, fact key or topic) -> worked out once

    def _once(self, what: str, key: str | None, work: Callable[[], T]) -> T:
        if (what, key) not in self._kept:
            self._kept[what, key] = work()
        found: T = self._kept[what, key]
        return found

    def pool(self, topic: str | None) -> list[Fact]:
        """The facts a quiz on `topic` may ask, in the file's order: a new list, for the quiz to shuffle."""
        facts = self.place.facts.values()
        return list(self._once("pool", topic, lambda: [fact for fact in facts if _in_pool(fact, topic)]))

    def prompt(self, fact: Fact) -> str:
        return self._once("prompt", fact.key, lambda: prompt_for(self.place, fact))

    def quote(self, fact: Fact) -> str:
        return self._once("quote", fact.key, lambda: _quote(fact))

    def number_question(self, fact: Fact) -> Question:
        return self._once("number", fact.key, lambda: _number_question(self.place, fact))

    def wrong_options(self, fact: Fact) -> list[str] | None:
        return self._once("wrong", fact.key, lambda: _wrong_options(self, fact))


_LAST: list[_Index] = []  # the index of the place quizzed last: a run quizzes one place


def _index(place: Place) -> _Index:
    if not _LAST or _LAST[0].place is not place:
        _LAST[:] = [_Index(place)]
    return _LAST[0]


def _text_question(fact: Fact, rng: random.Random, facts: _Index) -> Question | None:
    pool = facts.wrong_options(fact)
    if pool is None:
        return None
    return _choice(facts, fact, bare_value(fact), pool, rng, category(fact))


def _wrong_options(facts: _Index, fact: Fact) -> list[str] | None:
    """The values a text question may offer as wrong, or None where no fair options can be found."""
    right = bare_value(fact)
    # Values that are also true for this question (a fact with the same label) can never be wrong options.
    also_true = {fold(bare_value(other)) for other in facts.by_label[fact.label]}
    also_true.add(fold(right))
    if fact.distractors:
        pool = [text for text in fact.distractors if fold(text) not in also_true]
    elif category(fact):
        pool = sorted(
            {
                bare_value(other)
                for other in facts.by_kind[category(fact)]
                if other.key != fact.key and isinstance(other.value, str) and 0 < len(other.value) <= MAX_CHOICE_TEXT
            }
        )
        pool = [text for text in pool if fold(text) not in also_true]
    else:
        return None  # without a kind, another fact's value may be of another kind: no fair options
    pool = list(dict.fromkeys(pool))  # never the same option twice
    # No option may stand out by form: when the right one carries the town's name, so must the wrong ones
    # ("Røros Church" among other towns' cathedrals gives itself away); otherwise none of them may.
    named = _mentions(fold(right), [facts.place.name])
    return [text for text in pool if _mentions(fold(text), [facts.place.name]) == named]
