"""What a teacher found trying the quiz in class: a refused piped answer must not shift the later answers, the
talk under --json has real line breaks, the "asks the same again" line repeats every option that shapes the
quiz, the projector's footer says how `q` works, and a latitude is right within half a degree."""

from __future__ import annotations

import json

import pytest

from roros_cli.marking import mark
from roros_cli.model import Place
from roros_cli.quiz import Question, make_quiz
from test_quiz_terminal import _answer

from conftest import CliInvoker, Terminal, run_process

SEED = 7


def _first_number_question(questions: list[Question]) -> int:
    return next(index for index, question in enumerate(questions) if question.kind == "number")


def test_a_refused_piped_answer_counts_as_wrong_and_the_next_line_answers_the_next_question(
    cli: CliInvoker, place: Place
) -> None:
    questions = make_quiz(place, 5, SEED)
    # The first question gets a line that is no answer; every later line is the right answer to its own question.
    lines = ["not a number at all\n"] + [_answer(question, True).decode() for question in questions[1:]]
    run = cli("quiz", "-n", "5", "--seed", str(SEED), "--json", input="".join(lines))
    assert run.status == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["score"] == 4, run.stderr
    assert "counted as wrong" in run.stderr
    assert "is not an answer here" in run.stderr


def test_the_talk_under_json_has_real_line_breaks(roros_script: str) -> None:
    done = run_process([roros_script, "quiz", "-n", "2", "--seed", "7", "--json"], input="1\n")
    stderr = done.stderr.decode()
    assert "\\n" not in stderr, stderr
    assert "Score:" in stderr.splitlines()[-1] or any(line.startswith("Score:") for line in stderr.splitlines())


@pytest.mark.parametrize(
    ("args", "again"),
    [
        (["--seed", "7"], "roros quiz -n 5 --seed 7"),
        (["--topic", "geography", "-n", "3", "--seed", "7"], "roros quiz --topic geography -n 3 --seed 7"),
    ],
)
def test_the_asks_the_same_again_line_repeats_every_option(cli: CliInvoker, args: list[str], again: str) -> None:
    run = cli("quiz", *args, input="q\n")
    assert f"`{again}` asks the same again" in run.stdout, run.stdout


def test_the_projector_footer_says_q_needs_enter(cli: CliInvoker) -> None:
    run = cli("quiz", "--class", "-n", "1", "--seed", "7", input="q\n")
    assert "q then Enter ends" in run.stdout, run.stdout
    assert "· q ends" not in run.stdout


@pytest.mark.parametrize(
    ("answer", "right"), [("62.57", True), ("62.1", True), ("62", False), ("63", True), ("63.1", False)]
)
def test_a_latitude_is_right_within_half_a_degree(place: Place, answer: str, right: bool) -> None:
    # The article gives 62.57427°N: half a degree either side is 62.07 to 63.07.
    question = next(
        q
        for seed in range(300)
        for q in make_quiz(place, 50, seed, 2026, "geography")
        if q.key == "coordinates.latitude"
    )
    assert mark(question, answer).correct is right


def _asked(place: Place, key: str) -> Question:
    topic = place.facts[key].topic
    return next(q for seed in range(300) for q in make_quiz(place, 50, seed, 2026, topic) if q.key == key)


@pytest.mark.parametrize(
    ("key", "answer", "right"),
    [
        ("area", "3,31", True),  # decimal comma: one comma and one or two digits
        ("area", "3,31 km²", True),
        ("coordinates.latitude", "62,6", True),
        ("coordinates.latitude", "62,6°N", True),
        ("density", "1 181", True),  # a space between groups of three
        ("density", "1\u2009181", True),  # a thin space
        ("density", "1\u00a0181", True),  # a no-break space
        ("elevation", "0,63 km", True),
        ("elevation", "2 070 ft", True),
        ("elevation", "2,070 ft", True),  # three digits after a comma: a thousands separator, as before
        ("elevation", "2 070 m", False),
        ("coordinates.latitude", "62°34′N", True),  # degrees and minutes
        ("coordinates.latitude", "62°34'27\"N", True),  # degrees, minutes, seconds in ASCII
        ("coordinates.latitude", "62° 34′ 27″ N", True),
        ("coordinates.latitude", "62°34′S", False),
        ("coordinates.latitude", "62°04′N", False),  # 62.067°: just outside 62.07 to 63.07
        ("coordinates.latitude", "62°05′N", True),  # 62.083°: just inside
    ],
)
def test_norwegian_number_forms_are_read(place: Place, key: str, answer: str, right: bool) -> None:
    assert mark(_asked(place, key), answer).correct is right


def test_a_quiz_shorter_than_asked_says_so_at_the_limit_and_past_it(cli: CliInvoker) -> None:
    run = cli("quiz", "--topic", "geography", "-n", "15", "--seed", "7", "--json", input="")
    asked = len(json.loads(run.stdout)["questions"])
    assert asked < 15
    assert f"only {asked} questions on geography can be asked together" in run.stderr, run.stderr
    at_limit = cli("quiz", "--topic", "geography", "-n", str(asked), "--seed", "7", "--json", input="")
    assert "can be asked together" not in at_limit.stderr
    assert len(json.loads(at_limit.stdout)["questions"]) == asked
    whole = cli("quiz", "-n", "40", "--seed", "7", "--json", input="")
    if len(json.loads(whole.stdout)["questions"]) < 40:
        assert "can be asked together" in whole.stderr


def test_topics_say_how_many_can_be_asked_in_one_quiz(cli: CliInvoker, place: Place) -> None:
    import re

    run = cli("quiz", "--topics")
    listed = dict(re.findall(r"^(\S+)\s+\d+ questions?, at most (\d+) in one quiz", run.stdout, re.M))
    assert set(listed) == {"history", "heritage", "geography", "names", "figures", "trivia"}, run.stdout
    for topic, most in listed.items():
        longest = max(len(make_quiz(place, 50, seed, topic=topic)) for seed in range(300))
        assert int(most) == longest, topic


@pytest.fixture(scope="module")
def many(place: Place) -> list[list[Question]]:
    return [make_quiz(place, 50, seed, 2026, topic) for topic in (None, "geography", "names") for seed in range(200)]


def test_no_right_option_alone_is_built_on_the_town_name(place: Place, many: list[list[Question]]) -> None:
    # "Rørosbanen" among "Bergensbanen, Dovrebanen" and "Rørosing" among "Bergenser" give themselves away.
    town = place.name.casefold()
    for question in (q for quiz in many for q in quiz if q.kind == "choice"):
        built = [option for option in question.options if town in option.casefold()]
        assert built != [question.answer], (question.key, question.options)


def test_two_questions_in_one_quiz_never_offer_the_same_wrong_options(many: list[list[Question]]) -> None:
    for quiz in many:
        wrong = [frozenset(q.options) - {q.answer} for q in quiz if q.kind == "choice"]
        assert len(wrong) == len(set(wrong)), [sorted(options) for options in wrong]


def _screen(roros_script: str, columns: int) -> list[str]:
    terminal = Terminal([roros_script, "quiz", "-n", "3", "--seed", "1"], colour=False, columns=columns)
    for number in range(1, 4):
        terminal.wait_for(b"> ", number)
        terminal.type(b"1\n")
    code, screen = terminal.finish()
    assert code == 0
    return [line.removeprefix("> ") for line in screen.decode().replace("\r\n", "\n").split("\n")]


@pytest.mark.parametrize("columns", [40, 80, 160])
def test_the_typed_quiz_wraps_at_spaces_to_the_terminal(roros_script: str, columns: int) -> None:
    wide = _screen(roros_script, 1000)  # the reference: nothing wrapped
    lines = _screen(roros_script, columns)
    assert all(len(line) <= columns for line in lines), [line for line in lines if len(line) > columns]
    # Wrapping only moves words to the next line: the same words, in the same order, none cut in two.
    assert " ".join(lines).split() == " ".join(wide).split()
