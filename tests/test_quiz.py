"""A quiz a teacher can run in front of a class: sentences, one right option of the right kind, honest marking,
and class mode driven through a real pseudo-terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from roros_cli import loader
from roros_cli.marking import BadAnswer, mark
from roros_cli.model import Place
from roros_cli.query import bare_value, fold
from roros_cli.quiz import Question, category, make_quiz

from conftest import FJELLBY, Terminal, run_process

SEEDS = range(300)
THIS_YEAR = 2026


def _all_questions(place: Place) -> list[Question]:
    return [question for seed in SEEDS for question in make_quiz(place, 50, seed, THIS_YEAR)]


@pytest.fixture(scope="module")
def asked(place: Place) -> list[Question]:
    return _all_questions(place)


def test_every_prompt_is_a_sentence_naming_the_place(place: Place, fjellby: Place, asked: list[Question]) -> None:
    for where, questions in ((place, asked), (fjellby, _all_questions(fjellby))):
        for question in questions:
            assert question.prompt[0].isupper() and question.prompt.endswith("?"), question.prompt
            assert where.name in question.prompt, question.prompt
            assert len(question.prompt.split()) >= 4, question.prompt


def test_exactly_one_right_option_and_no_duplicates(place: Place, asked: list[Question]) -> None:
    for question in (q for q in asked if q.kind == "choice"):
        folded = [fold(option) for option in question.options]
        assert len(set(folded)) == len(folded), question
        fact = place.facts[question.key]
        # Everything that is true for this question: its own value, and values of facts with the same label.
        true = {fold(bare_value(other)) for other in place.facts.values() if other.label == fact.label}
        assert sum(option in true for option in folded) == 1, question
        assert question.answer in question.options


def test_options_are_of_the_same_kind(place: Place, asked: list[Question]) -> None:
    for question in (q for q in asked if q.kind == "choice" and q.category != "year"):
        fact = place.facts[question.key]
        for option in question.options:
            if option == question.answer:
                continue
            same_kind = {bare_value(other) for other in place.facts.values() if category(other) == category(fact)}
            assert option in fact.distractors or option in same_kind, (question.key, option)


def test_years_are_near_the_answer_and_never_in_the_future(asked: list[Question]) -> None:
    years = [q for q in asked if q.category == "year"]
    assert {q.key for q in years} >= {"established", "unesco.inscription", "unesco.extension"}
    for question in years:
        for option in question.options:
            assert int(option) <= THIS_YEAR, question
            assert abs(int(option) - int(question.answer)) <= 50


def test_curated_distractors_are_never_true_of_roros(place: Place) -> None:
    curated = [fact for fact in place.facts.values() if fact.distractors]
    assert len(curated) >= 30
    for fact in curated:
        assert fact.kind, f"{fact.key} has distractors but no kind"
        # No distractor is the value of any fact of the same kind: none is true of Røros by the data.
        same_kind = {fold(bare_value(other)) for other in place.facts.values() if other.kind == fact.kind}
        for text in fact.distractors:
            assert fold(text) not in same_kind, (fact.key, text)


def test_every_multiple_choice_fact_in_the_built_in_file_has_a_written_question(place: Place) -> None:
    quizzed = {q.key for q in _all_questions(place)}
    for key in quizzed:
        assert place.facts[key].question, f"{key} is asked with a generated prompt"


def test_two_facts_with_one_label_say_which_is_meant(fjellby: Place, tmp_path: Path) -> None:
    text = FJELLBY.read_text(encoding="utf-8")
    twins = text + (
        '\n[villages.north.name]\nlabel = "Village"\nvalue = "Nordby"\nkind = "village"\nsource = "s"\n'
        '[villages.south.name]\nlabel = "Village"\nvalue = "Sørby"\nkind = "village"\nsource = "s"\n'
        '[villages.east.name]\nlabel = "Hamlet"\nvalue = "Østby"\nkind = "village"\nsource = "s"\n'
        '[villages.west.name]\nlabel = "Hamlet"\nvalue = "Vestby"\nkind = "village"\nsource = "s"\n'
        '[villages.middle.name]\nlabel = "Hamlet"\nvalue = "Midtby"\nkind = "village"\nsource = "s"\n'
    )
    path = tmp_path / "twins.toml"
    path.write_text(twins, encoding="utf-8")
    place = loader.load(str(path))
    prompts = {q.key: q for seed in range(200) for q in make_quiz(place, 50, seed) if q.key.startswith("villages.")}
    assert "(north)" in prompts["villages.north.name"].prompt
    assert "(south)" in prompts["villages.south.name"].prompt
    north = prompts["villages.north.name"]
    assert "Sørby" not in north.options  # the other village with the same label is also true: never an option


def _question(place: Place, key: str) -> Question:
    topic = place.facts[key].topic  # trivia is asked only when chosen
    return next(q for seed in SEEDS for q in make_quiz(place, 50, seed, THIS_YEAR, topic) if q.key == key)


@pytest.mark.parametrize(
    ("answer", "right"),
    [
        ("630", True),
        ("630 m", True),
        ("2,070 ft", True),
        ("2070 feet", True),
        ("0.63 km", True),
        ("630 ft", False),
        ("600", False),
        ("700 m", False),
    ],
)
def test_numbers_are_marked_in_their_unit(place: Place, answer: str, right: bool) -> None:
    assert mark(_question(place, "elevation"), answer).correct is right


def test_a_wrong_unit_says_what_the_answer_amounts_to(place: Place) -> None:
    marked = mark(_question(place, "elevation"), "630 ft")
    assert marked.why == "630 ft is about 192 m"


@pytest.mark.parametrize(("answer", "right"), [("62.6", True), ("63", True), ("62.57427", True), ("60", False)])
def test_measured_quantities_are_right_within_the_precision_the_source_gives(
    place: Place, answer: str, right: bool
) -> None:
    assert mark(_question(place, "coordinates.latitude"), answer).correct is right


def test_counts_identifiers_and_years_are_exact(place: Place) -> None:
    reference = _question(place, "unesco.reference")
    assert mark(reference, "55").correct and not mark(reference, "54").correct
    towns = _question(place, "history.bergstad_towns")
    assert mark(towns, "2").correct and not mark(towns, "3").correct
    with pytest.raises(BadAnswer):
        mark(reference, "55 km")  # a plain number takes no unit


def test_the_data_file_can_state_a_tolerance(tmp_path: Path) -> None:
    path = tmp_path / "tolerant.toml"
    path.write_text(
        FJELLBY.read_text(encoding="utf-8").replace('label = "Area"', 'label = "Area"\ntolerance = 0.5', 1), "utf-8"
    )
    place = loader.load(str(path))
    area = _question(place, "area")
    assert mark(area, "2.4").correct and not mark(area, "2.6").correct


@pytest.mark.parametrize(
    "bad", ["lots", "12 kg", "9", "banana", "²"], ids=["letters", "wrong dimension", "no option", "no word", "sup"]
)
def test_every_kind_of_bad_input_gets_the_same_words(place: Place, bad: str) -> None:
    choice = _question(place, "county")
    number = _question(place, "elevation")
    question = number if bad in {"lots", "12 kg"} else choice
    with pytest.raises(BadAnswer) as caught:
        mark(question, bad)
    assert str(caught.value).startswith(f"'{bad}' is not an answer here: type ")


def test_loader_refuses_a_distractor_that_is_the_answer(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        FJELLBY.read_text(encoding="utf-8").replace(
            'value = "Fjellelva"', 'value = "Fjellelva"\ndistractors = ["Fjellelva", "Other"]'
        ),
        "utf-8",
    )
    with pytest.raises(loader.DataError, match="'distractors' lists the right answer"):
        loader.load(str(path))


def test_json_records_the_kind_of_each_question(roros_script: str) -> None:
    import json

    run = run_process([roros_script, "quiz", "-n", "3", "--seed", "5", "--json"], input=b"1\n1\n1\n")
    doc = json.loads(run.stdout)
    assert all(q["category"] for q in doc["questions"])
    assert {"kind", "prompt", "options", "answer", "given", "correct", "source"} <= set(doc["questions"][0])


# ---------------------------------------------------------------------------------------------- class mode


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_class_mode_shows_question_then_answer_and_ends_with_a_summary(roros_script: str) -> None:
    terminal = Terminal([roros_script, "quiz", "--class", "-n", "3", "--seed", "4"], columns=80, lines=30)
    screen = terminal.wait_for(b"Enter shows the answer")
    assert b"question 1 of 3" in screen
    terminal.type(b"\n")
    screen = terminal.wait_for(b"Enter: next question")
    assert b"The answer:" in screen and b"Source:" in screen
    terminal.type(b"\n")
    terminal.wait_for(b"question 2 of 3")
    terminal.wait_for(b"Enter shows the answer", 2)
    terminal.type(b"q\n")
    code, screen = terminal.finish()
    assert code == 0
    assert b"1 of 3 questions shown" in screen
    assert b"\x1b[" in screen  # coloured on a terminal


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_class_mode_ends_on_ctrl_c_with_the_summary(roros_script: str) -> None:
    terminal = Terminal([roros_script, "quiz", "--class", "-n", "2", "--seed", "4"], columns=80, lines=30)
    terminal.wait_for(b"Enter shows the answer")
    terminal.type(b"\x03")  # Ctrl-C, through the terminal's line discipline
    code, screen = terminal.finish()
    assert code == 130
    assert b"0 of 2 questions shown" in screen


def test_class_mode_takes_no_typed_answers_with_json(roros_script: str) -> None:
    run = run_process([roros_script, "quiz", "--class", "--json"])
    assert run.returncode == 2
    assert b"--json and --class cannot be used together" in run.stderr
