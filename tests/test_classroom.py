"""For the classroom: quiz, check, time, timeline and exports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from roros_cli import session
from roros_cli.marking import BadAnswer, mark
from roros_cli.model import Place
from roros_cli.quiz import Question, make_quiz

from conftest import FJELLBY, ROOT, SPAWN_TIMEOUT, CliInvoker, popen, read_until

SEED = 7


def right_answer(question: Question) -> str:
    if question.kind == "choice":
        return str(question.options.index(question.answer) + 1)
    assert question.value is not None
    return str(question.value)


def wrong_answer(question: Question) -> str:
    if question.kind == "choice":
        return str(next(i for i, option in enumerate(question.options, 1) if option != question.answer))
    assert question.value is not None
    return str(question.value * 3 + 1000)


# ---------------------------------------------------------------------------------------------- quiz


def test_quiz_all_right_scores_full_marks(cli: CliInvoker, place: Place) -> None:
    questions = make_quiz(place, 5, SEED)
    run = cli("quiz", "--seed", str(SEED), input="".join(right_answer(q) + "\n" for q in questions))
    assert run.status == 0
    assert run.stdout.count("Right. The answer is") == 5
    assert run.stdout.rstrip().endswith("Score: 5/5")
    assert "Source: " in run.stdout


def test_quiz_wrong_answers_show_the_correct_answer_and_source(cli: CliInvoker, place: Place) -> None:
    questions = make_quiz(place, 3, SEED)
    run = cli("quiz", "-n", "3", "--seed", str(SEED), input="".join(wrong_answer(q) + "\n" for q in questions))
    assert run.stdout.count("Wrong.") == 3
    for question in questions:
        accepted = f" (accepted: {question.accepted_text})" if question.accepted else ""  # a number's range
        assert f"The answer is {question.answer}{accepted}.\n   Source: {question.source}" in run.stdout
    assert "Score: 0/3\n\nTo look at again:" in run.stdout  # then the review of the three missed


def test_quiz_ends_with_the_score_so_far_when_answers_run_out(cli: CliInvoker, place: Place) -> None:
    first = make_quiz(place, 5, SEED)[0]
    run = cli("quiz", "--seed", str(SEED), input=right_answer(first) + "\n")
    assert run.status == 0
    assert "Score: 1/1 (stopped after 1 of 5 questions)" in run.stdout


def test_piped_bad_input_counts_as_wrong_and_keeps_later_answers_in_step(cli: CliInvoker, place: Place) -> None:
    questions = make_quiz(place, 5, SEED)
    number = next(i for i, q in enumerate(questions) if q.kind == "number")
    choices = [i for i, q in enumerate(questions) if q.kind == "choice"][:2]
    bad = {number: "lots", choices[0]: "9"}  # letters where a number is expected; an option past the last
    if len(choices) > 1:
        bad[choices[1]] = "banana"
    answers = [bad.get(index, right_answer(question)) for index, question in enumerate(questions)]
    run = cli("quiz", "--seed", str(SEED), input="\n".join(answers) + "\n")
    # Every kind of bad input gets the same words: what was typed, and what to type instead.
    assert "'lots' is not an answer here: type a number" in run.stdout
    assert "'9' is not an answer here: type the number of your answer, 1 to" in run.stdout
    assert run.stdout.count("counted as wrong, on to the next question") == len(bad)
    assert f"\nScore: {5 - len(bad)}/5\n" in run.stdout


def test_the_same_seed_asks_the_same_quiz(cli: CliInvoker) -> None:
    first = cli("quiz", "--seed", "42", "-n", "8").stdout
    assert first == cli("quiz", "--seed", "42", "-n", "8").stdout
    assert first != cli("quiz", "--seed", "43", "-n", "8").stdout


def test_numbers_are_right_within_the_precision_the_source_gives(place: Place) -> None:
    heritage = next(q for seed in range(200) for q in make_quiz(place, 50, seed) if q.key == "unesco.area")
    assert heritage.prompt == "How large is the World Heritage area of Røros, in hectares?"
    assert mark(heritage, "16510").correct
    assert mark(heritage, "16,500 ha").correct  # 16,510 rounded to the hundreds still names it
    assert mark(heritage, "64 sq mi").correct  # the article's own conversion
    assert heritage.accepted_text == "14,510 to 18,510 ha"  # an area within a tenth (#19), like 3 for 3.31 km²
    assert mark(heritage, "15000").correct and not mark(heritage, "14000").correct
    with pytest.raises(BadAnswer):
        mark(heritage, "many")


def test_quiz_json_is_one_document_with_prompts_on_stderr(cli: CliInvoker, place: Place) -> None:
    questions = make_quiz(place, 2, SEED)
    run = cli(
        "quiz",
        "-n",
        "2",
        "--seed",
        str(SEED),
        "--json",
        input=right_answer(questions[0]) + "\n" + wrong_answer(questions[1]) + "\n",
    )
    document = json.loads(run.stdout)
    assert (document["score"], document["asked"], document["count"]) == (1, 2, 2)
    assert [q["correct"] for q in document["questions"]] == [True, False]
    assert "Score: 1/2" in run.stderr


def test_ctrl_c_ends_with_the_score_so_far_and_status_130(monkeypatch: pytest.MonkeyPatch, cli: CliInvoker) -> None:
    def interrupted(prompt: bool) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(session, "_read_answer", interrupted)
    run = cli("quiz", "--seed", "1")
    assert run.status == 130
    assert "Score: 0/0" in run.stdout


def test_ctrl_c_in_a_real_process(roros_script: str) -> None:
    quiz = popen(  # SIGINT at its default, even when pytest was started with it ignored
        [roros_script, "quiz", "--seed", "3"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert quiz.stdout is not None
    # Ready when it shows the first question (not a sleep); the end of its output fails the test, not a hang.
    seen = read_until(quiz.stdout.fileno(), b"\n1. ")
    os.kill(quiz.pid, signal.SIGINT)
    out, err = quiz.communicate(timeout=SPAWN_TIMEOUT)
    assert quiz.returncode == 130
    assert b"Score: 0/0" in seen + out
    assert b"Traceback" not in err


def test_quiz_uses_the_places_own_name(cli: CliInvoker) -> None:
    out = cli("--data", str(FJELLBY), "quiz", "--seed", "1").stdout
    assert out.startswith("Quiz on Fjellby")
    assert "Røros" not in out


# ---------------------------------------------------------------------------------------------- check


def test_check_finds_the_population_disagreement(cli: CliInvoker) -> None:
    run = cli("check", "--plain")
    assert run.status == 1
    disagreements = [line for line in run.stdout.splitlines() if line.startswith("disagrees")]
    assert len(disagreements) == 1
    assert "5,667 / 3.31 km² implies about 1,712/km², not the stated 1,181/km²" in disagreements[0]
    assert "it matches the 2024 figure of 3,909" in disagreements[0]


def test_check_confirms_what_agrees(cli: CliInvoker) -> None:
    doc = json.loads(cli("check", "--json").stdout)
    agreeing = {item["relation"] for item in doc["checks"] if item["status"] == "agrees"}
    assert "density from population (2024) and area" in agreeing
    assert "latitude from the degrees-minutes-seconds form" in agreeing
    assert "winter time of Europe/Oslo" in agreeing and "summer time of Europe/Oslo" in agreeing
    assert "elevation in ft as the source prints it" in agreeing
    assert doc["disagreements"] == 1


def test_check_passes_on_a_consistent_file(cli: CliInvoker) -> None:
    run = cli("--data", str(FJELLBY), "check")
    assert run.status == 0, run.stdout
    assert "0 disagreements" in run.stdout


def test_check_catches_an_inconsistent_coordinate(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "off.toml"
    path.write_text(FJELLBY.read_text(encoding="utf-8").replace("value = 10.25", "value = 10.26"), "utf-8")
    run = cli("--data", str(path), "check", "--plain")
    assert run.status == 1
    assert "disagrees\tlongitude from the degrees-minutes-seconds form" in run.stdout


def test_check_compares_the_unit_of_a_printed_conversion_not_only_its_digits(cli: CliInvoker, tmp_path: Path) -> None:
    data = (ROOT / "data" / "roros.toml").read_text(encoding="utf-8")
    assert 'quote = "630 m (2,070 ft)"' in data
    path = tmp_path / "wrong-unit.toml"
    path.write_text(data.replace('quote = "630 m (2,070 ft)"', 'quote = "630 m (2,070 m)"'), "utf-8")
    run = cli("--data", str(path), "check", "--plain")
    assert "disagrees\televation in ft as the source prints it" in run.stdout
    assert "agrees\televation in ft" in cli("check", "--plain").stdout


# ---------------------------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("instant", "abbreviation", "offset"),
    [("2026-01-15T12:00:00Z", "CET", "+01:00"), ("2026-07-15T12:00:00Z", "CEST", "+02:00")],
    ids=["winter", "summer"],
)
def test_time_matches_zoneinfo(cli: CliInvoker, instant: str, abbreviation: str, offset: str) -> None:
    doc = json.loads(cli("time", "--at", instant, "--json").stdout)
    at = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    expected = at.astimezone(ZoneInfo("Europe/Oslo"))
    assert doc["timestamp"] == expected.isoformat(timespec="seconds")
    assert (doc["abbreviation"], doc["utc_offset"]) == (abbreviation, offset)
    assert datetime.fromisoformat(doc["timestamp"]) == at
    text = cli("time", "--at", instant).stdout
    assert f"{expected:%H:%M:%S}" in text and f"{abbreviation} (UTC{offset})" in text


def test_time_now_is_close_to_now(cli: CliInvoker) -> None:
    doc = json.loads(cli("time", "--json").stdout)
    shown = datetime.fromisoformat(doc["timestamp"])
    assert abs((shown - datetime.now(timezone.utc)).total_seconds()) < 120


def test_time_bad_instant_and_missing_zone(cli: CliInvoker, tmp_path: Path) -> None:
    assert cli("time", "--at", "yesterday").status == 2
    path = tmp_path / "nozone.toml"
    path.write_text(
        '[meta]\nformat = 1\nsource_title = "t"\n[name]\nlabel = "N"\nvalue = "X"\nsource = "s"\n', encoding="utf-8"
    )
    run = cli("--data", str(path), "time")
    assert run.status == 1
    assert "no 'timezone.iana' fact" in run.stderr


# ---------------------------------------------------------------------------------------------- timeline


def test_timeline_is_in_order(cli: CliInvoker) -> None:
    doc = json.loads(cli("timeline", "--json").stdout)
    years = [event["year"] for event in doc["events"]]
    assert years == sorted(years)
    assert {1646, 1980, 2010, 2024, 2025} <= set(years)
    plain = cli("timeline", "--plain").stdout.splitlines()
    assert plain[0].startswith("established\tEstablished (as Bergstaden)\t1646\t1646")


# ---------------------------------------------------------------------------------------------- export


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.mark.parametrize("view", [["info"], ["timeline"], ["check"], ["keys"], ["search", "unesco"]])
def test_svg_and_html_exports_parse_and_carry_the_view(cli: CliInvoker, tmp_path: Path, view: list[str]) -> None:
    for suffix in (".svg", ".html", ".txt"):
        target = tmp_path / f"view{suffix}"
        run = cli(*view, "--export", str(target))
        assert run.status in (0, 1), run.stderr
        assert run.stdout == ""
        assert f"wrote {target}" in run.stderr
        content = target.read_text(encoding="utf-8")
        if suffix == ".svg":
            shown = "".join(ET.fromstring(content).itertext()).replace("\xa0", " ")
        elif suffix == ".html":
            parser = _Text()
            parser.feed(content)
            shown = "".join(parser.parts)
        else:
            shown = content
        assert "Røros" in shown or view[0] in {"keys", "search"}
        if view == ["info"]:
            assert "630 m (2,070 ft)" in shown


def test_export_bad_suffix_and_unwritable_path(cli: CliInvoker, tmp_path: Path) -> None:
    assert cli("info", "--export", str(tmp_path / "x.pdf")).status == 2
    run = cli("info", "--export", str(tmp_path / "missing-dir" / "x.svg"))
    assert run.status == 4
    assert "cannot write" in run.stderr


def test_check_skips_figures_too_large_to_recompute(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(
        '[meta]\nformat = 1\nsource_title = "t"\n[name]\nlabel = "N"\nvalue = "Huge"\nsource = "s"\n'
        '[area]\nlabel = "A"\nvalue = 1e308\nunit = "sqmi"\nconvert = ["km2"]\nsource = "s"\n'
        '[population]\nlabel = "P"\nvalue = 5\nsource = "s"\n'
        '[density]\nlabel = "D"\nvalue = 1e-300\nunit = "/sqmi"\nsource = "s"\n'
        '[unesco.area]\nlabel = "U"\nvalue = 1e308\nunit = "sqmi"\nsource = "s"\n'
        '[unesco.buffer_zone]\nlabel = "B"\nvalue = 1e300\nunit = "sqmi"\nsource = "s"\n',
        encoding="utf-8",
    )
    run = cli("--data", str(path), "check", "--plain")
    assert run.status == 1, run.stderr  # 5 people on 10^308 sq mi is not a density of 10^-300: said plainly
    assert "implies about 5.0×10⁻³⁰⁸/sq mi, not the stated 1×10⁻³⁰⁰/sq mi" in run.stdout
    assert "skipped\tbuffer zone larger than the World Heritage area" in run.stdout
    info = cli("--data", str(path), "info")
    assert info.status == 0  # the km² conversion of 1e308 sq mi is left out, not shown as inf
    assert "inf" not in info.stdout


def test_text_export_has_the_fixed_width_the_readme_promises(cli: CliInvoker, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    assert cli("info", "--export", str(target), env={"COLUMNS": "40"}).status == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert 80 < max(len(line) for line in lines) <= 100  # not the terminal's 40


def test_a_second_ctrl_c_does_not_cut_the_score_or_the_review(monkeypatch: pytest.MonkeyPatch, cli: CliInvoker) -> None:
    """A key pressed twice: the first Ctrl-C stops the questions, the second lands while the ending is written.
    It once cut the score and the review short (Typer's silent 130); the ending is now written whole."""
    answers = iter(["no such answer at all"])

    def typed(prompt: bool) -> str:
        answer = next(answers, None)
        if answer is None:
            raise KeyboardInterrupt  # the first Ctrl-C
        return answer + "\n"

    review = session._review

    def pressed_again(marked: list[Any], talk: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # the second Ctrl-C, handled before the next line if at all
        review(marked, talk)

    monkeypatch.setattr(session, "_read_answer", typed)
    monkeypatch.setattr(session, "_review", pressed_again)
    run = cli("quiz", "-n", "3", "--seed", "1")
    assert run.status == 130
    assert "Score: 0/1 (stopped after 1 of 3 questions)" in run.stdout
    assert "To look at again:" in run.stdout
