"""Questions a class can trust, for every seed from 0 to 999: hints that never give the answer, no question that
answers another, four options with none standing out, and numeric marking by a stated range.

Quizzes are made in-process (no subprocess per seed), so a thousand seeds take a second or two."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import pytest

from roros_cli import session
from roros_cli.marking import Marked, hint, mark
from roros_cli.model import Place
from roros_cli.query import bare_value, fold
from roros_cli.quiz import Question, make_quiz

SEEDS = range(1000)
THIS_YEAR = 2026


def _topics_in_the_data() -> dict[str, str]:
    """Each quiz-able fact's topic, read from the data file with tomllib (not through the loader)."""

    data = tomllib.loads((Path(__file__).parent.parent / "data" / "roros.toml").read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(table: dict[str, object], prefix: str) -> None:
        for name, item in table.items():
            if isinstance(item, dict) and name not in {"meta"}:
                if "value" in item:
                    found[prefix + name] = str(item.get("topic", ""))
                else:
                    walk(item, f"{prefix}{name}.")

    walk(data, "")
    return found


TOPICS = sorted(set(_topics_in_the_data().values()) - {""})


@pytest.fixture(scope="module")
def quizzes(place: Place) -> list[list[Question]]:
    """The default-length quiz for every seed, and for every seed of every topic; a long one every 20th seed."""
    made = [make_quiz(place, 5, seed, THIS_YEAR) for seed in SEEDS]
    made += [make_quiz(place, 50, seed, THIS_YEAR) for seed in SEEDS[::20]]
    for topic in TOPICS:
        made += [make_quiz(place, 5, seed, THIS_YEAR, topic) for seed in SEEDS]
    return made


@pytest.fixture(scope="module")
def whole_topics(place: Place) -> list[list[Question]]:
    """Every seed of every topic, as long as each can be: the most questions of one topic side by side."""
    return [make_quiz(place, 50, seed, THIS_YEAR, topic) for topic in TOPICS for seed in SEEDS]


def test_the_data_gives_every_quizzed_fact_a_topic(place: Place) -> None:
    assert set(TOPICS) == {"history", "heritage", "geography", "names", "figures", "trivia"}
    untopiced = [key for key, topic in _topics_in_the_data().items() if not topic and place.facts[key].quiz]
    assert untopiced == []


def test_the_default_quiz_never_asks_trivia(quizzes: list[list[Question]]) -> None:
    topic = _topics_in_the_data()
    asked = {q.key for quiz in quizzes[: len(SEEDS)] for q in quiz}  # the default quiz of every seed
    assert asked and all(topic[key] != "trivia" for key in asked)
    assert {"postcode", "unesco.session", "unesco.buffer_zone", "timezone.standard_offset"} <= {
        key for key, name in topic.items() if name == "trivia"
    }


@pytest.mark.parametrize("topic", TOPICS)
def test_a_topic_asks_only_its_own_questions(whole_topics: list[list[Question]], topic: str) -> None:
    topic_of = _topics_in_the_data()
    first = TOPICS.index(topic) * len(SEEDS)  # whole_topics holds every seed of each topic in turn
    asked = {q.key for quiz in whole_topics[first : first + len(SEEDS)] for q in quiz}
    assert asked and {topic_of[key] for key in asked} == {topic}


@cache
def _word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(fold(term))}(?!\w)")


def _answers(question: Question, place: Place) -> list[str]:
    """What would give the answer away if printed: the option's text, or the figure as the data states it."""
    if question.kind == "choice":
        return [question.answer]
    fact = place.facts[question.key]
    assert question.value is not None
    plain = bare_value(fact)
    return [plain, f"{question.value:,g}", f"{question.value:g}"]


def _giveaways(question: Question, place: Place) -> list[str]:
    """The answers, and a choice's head word before its gloss: "bergstad (mining town)" is given by "bergstad"."""
    found = _answers(question, place)
    if question.kind == "choice" and "(" in question.answer:
        found.append(question.answer.partition("(")[0].strip())
    return found


@cache  # a question (frozen, so hashable) recurs in many of the 13,000 quizzes
def _shown(question: Question) -> str:
    """All a class reads of a question: its text, its options and the "Why" line after it."""
    return fold(" ".join((question.prompt, *question.options, question.explain)))


# Pairs of facts where one question's words tell the other's answer without quoting it, read from the article by
# hand: "Kongsberg, the other bergstad besides Røros" says Røros is a bergstad and that there are two of them.
IMPLIED: dict[str, set[str]] = {
    # "Which other Norwegian town ...": the adjective names Røros's country.
    "history.other_bergstad": {"classification", "history.bergstad_towns", "country"},
    "history.other_bergstad_nickname": {"classification", "history.bergstad_towns", "history.other_bergstad"},
    "history.other_bergstad_county": {"classification", "history.bergstad_towns", "history.other_bergstad"},
    "history.bergstad_towns": {"classification"},
}


def test_hints_never_contain_the_answer(place: Place, quizzes: list[list[Question]]) -> None:
    for question in {q.key: q for quiz in quizzes for q in quiz}.values():
        text = fold(hint(question))
        if question.kind == "number":
            for answer in _answers(question, place):
                assert not _word(answer).search(text), (question.key, hint(question))
        assert text.startswith("type ") and hint(question).endswith("."), hint(question)


def test_a_hints_example_is_a_wrong_answer_far_from_the_right_one(quizzes: list[list[Question]]) -> None:
    for question in {q.key: q for quiz in quizzes for q in quiz if q.kind == "number"}.values():
        example = re.search(r"“([^”]+)”", hint(question))
        if example:
            assert mark(question, example.group(1)).correct is False, (question.key, hint(question))


def test_numbers_without_a_unit_never_ask_for_a_unit(quizzes: list[list[Question]]) -> None:
    for question in (q for quiz in quizzes for q in quiz if q.kind == "number" and q.unit is None):
        assert "unit" not in hint(question), hint(question)


def test_no_question_answers_another_in_the_same_quiz(
    place: Place, quizzes: list[list[Question]], whole_topics: list[list[Question]]
) -> None:
    checked: set[frozenset[tuple[str, str]]] = set()
    giveaways: dict[Question, list[str]] = {}  # a question recurs in many quizzes
    for quiz in quizzes + whole_topics:
        shown = [_shown(question) for question in quiz]
        keys = {question.key for question in quiz}
        same = frozenset(zip((question.key for question in quiz), shown, strict=True))
        if same in checked:
            continue  # the same questions shown alike, in another order: a third of the quizzes, checked already
        checked.add(same)
        for index, asked in enumerate(quiz):
            told = IMPLIED.get(asked.key, set()) & keys
            assert not told, (asked.key, "tells the answer of", told)
            if asked not in giveaways:
                giveaways[asked] = _giveaways(asked, place)
            for answer in giveaways[asked]:
                folded = fold(answer)
                for where, text in enumerate(shown):
                    # The substring test is only a shortcut; the whole-word pattern decides.
                    if where != index and folded in text:
                        assert not _word(answer).search(text), (asked.key, answer, quiz[where].prompt)


def test_every_multiple_choice_question_has_four_options(quizzes: list[list[Question]]) -> None:
    for question in (q for quiz in quizzes for q in quiz if q.kind == "choice"):
        assert len(question.options) == 4, (question.key, question.options)
        assert len({fold(option) for option in question.options}) == 4


def test_no_right_option_alone_carries_the_town_name(place: Place, quizzes: list[list[Question]]) -> None:
    town = _word(place.name)
    for question in (q for quiz in quizzes for q in quiz if q.kind == "choice"):
        named = [option for option in question.options if town.search(fold(option))]
        assert named != [question.answer], (question.key, question.options)


def test_numeric_feedback_states_the_accepted_range(quizzes: list[list[Question]]) -> None:
    for question in {q.key: q for quiz in quizzes for q in quiz if q.kind == "number"}.values():
        assert question.accepted is not None
        low, high = question.accepted
        assert question.value is not None and low <= question.value <= high
        wrong = Marked(question, "1234567", False)
        feedback = session.feedback_text(wrong)
        assert f"accepted: {question.accepted_text}" in feedback, feedback
        assert re.search(r"\d to [\d−-]", question.accepted_text) or "exactly" in question.accepted_text


def test_the_built_in_pool_keeps_enough_questions(quizzes: list[list[Question]]) -> None:
    assert all(len(quiz) == 5 for quiz in quizzes[: len(SEEDS)])
    assert len({q.key for quiz in quizzes for q in quiz}) >= 25


# ---------------------------------------------------------------------------------------------- marking


def _asked(place: Place, key: str) -> Question:
    topic = place.facts[key].topic
    return next(q for seed in range(300) for q in make_quiz(place, 50, seed, THIS_YEAR, topic) if q.key == key)


@pytest.mark.parametrize(
    ("key", "answer", "right"),
    [
        ("coordinates.latitude", "62.5", True),
        ("coordinates.latitude", "62", False),
        ("coordinates.latitude", "63", True),
        ("coordinates.latitude", "62.6 N", True),
        ("coordinates.latitude", "62.6°N", True),
        ("coordinates.latitude", "62.6 S", False),
        ("coordinates.latitude", "about 62.6 degrees N", True),
        ("coordinates.latitude", "60", False),
        ("area", "3", True),
        ("area", "3.31 km²", True),
        ("area", "4", False),
        ("villages.glamos.distance", "about 10 km", True),
        ("villages.glamos.distance", "ca. 10", True),
        ("villages.glamos.distance", "about 15 km", False),
        ("villages.glamos.distance", "15", False),
        ("houses.count", "about 80", True),
        ("houses.count", "ca. 80", True),
        ("houses.count", "60", False),
        ("churches.count", "two", True),
        ("churches.count", "Two", True),
        ("churches.count", "three", False),
        ("elevation", "620", True),
        ("elevation", "640 m", True),
        ("elevation", "619", False),
        ("elevation", "641", False),
        ("elevation", "2,070 ft", True),
    ],
)
def test_marking_by_a_range_with_words_hedges_and_compass_letters(
    place: Place, key: str, answer: str, right: bool
) -> None:
    assert mark(_asked(place, key), answer).correct is right


@pytest.mark.parametrize(
    ("key", "accepted"),
    [
        ("elevation", "620 to 640 m"),
        ("houses.count", "70 to 90"),
        ("villages.glamos.distance", "9 to 11 km"),
        ("unesco.reference", "exactly 55"),
    ],
)
def test_the_accepted_range_reads_as_a_teacher_would_write_it(place: Place, key: str, accepted: str) -> None:
    assert _asked(place, key).accepted_text == accepted


def test_a_number_word_past_twenty_is_refused_without_giving_the_answer(place: Place) -> None:
    reference = _asked(place, "unesco.reference")
    with pytest.raises(ValueError) as refused:
        mark(reference, "fifty")
    assert "55" not in str(refused.value)


# ---------------------------------------------------------------------------------------------- any town's file


@pytest.fixture(scope="module")
def kongsberg(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """The complete example of docs/data-format.md, as a teacher would copy it."""
    from roros_cli import loader

    doc = (Path(__file__).parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert block and "kongsberg.toml" in block.group(1)
    path = tmp_path_factory.mktemp("kongsberg") / "kongsberg.toml"
    path.write_text(block.group(1), encoding="utf-8")
    return loader.load(str(path))


def test_generated_questions_read_as_english(kongsberg: Place, fjellby: Place) -> None:
    prompts = {
        (where.name, q.key): q.prompt for where in (kongsberg, fjellby) for seed in range(100)
        for q in make_quiz(where, 50, seed, THIS_YEAR)
    }  # fmt: skip
    assert prompts[("Kongsberg", "population")] == "What is the population of Kongsberg?"
    assert prompts[("Fjellby", "established")] == "In which year was Fjellby founded?"
    assert prompts[("Fjellby", "density")] == "What is the population density of Fjellby, per square kilometre?"
    for prompt in prompts.values():
        assert ": " not in prompt and ", for " not in prompt and " in per " not in prompt, prompt


def test_number_words_are_read_up_to_twenty_and_not_past_it(place: Place) -> None:
    churches = _asked(place, "churches.count")
    assert mark(churches, "twenty").correct is False  # read (as 20) and marked, not refused
    assert mark(churches, "about two").correct is True
    with pytest.raises(ValueError, match="is not an answer here"):
        mark(churches, "twenty-one")
