"""`roros quiz --topics`, and `--topic NAME` on the quiz, the worksheet and the slides."""

from __future__ import annotations

import re
from pathlib import Path

from roros_cli.model import Place
from roros_cli.quiz import make_quiz

from conftest import CliInvoker


def test_topics_are_listed_with_the_questions_each_can_ask(cli: CliInvoker, place: Place) -> None:
    run = cli("quiz", "--topics")
    assert run.status == 0, run.stderr
    listed = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\S+)\s+(\d+) questions?", run.stdout, re.M)}
    assert set(listed) == {"history", "heritage", "geography", "names", "figures", "trivia"}
    for topic, count in listed.items():
        # Every question a topic can ask turns up over a few hundred seeds of long quizzes.
        asked = {q.key for seed in range(300) for q in make_quiz(place, 50, seed, topic=topic)}
        assert count == len(asked), topic
    assert "trivia" in run.stdout.split("only with --topic trivia")[0].splitlines()[-1]


def test_a_topic_picks_the_questions(cli: CliInvoker, place: Place) -> None:
    run = cli("quiz", "--topic", "history", "-n", "3", "--seed", "5", "--json", input="1\n1\n1\n")
    assert run.status == 0, run.stderr
    import json

    keys = [q["key"] for q in json.loads(run.stdout)["questions"]]
    assert keys == [q.key for q in make_quiz(place, 3, 5, topic="history")]
    assert all(place.facts[key].topic == "history" for key in keys)


def test_an_unknown_topic_is_a_usage_error_naming_the_topics(cli: CliInvoker, tmp_path: Path) -> None:
    for argv in (
        ["quiz", "--topic", "sport"],
        ["quiz", "--topic", "sport", "--worksheet", str(tmp_path / "w.html")],
        ["slides", str(tmp_path / "s.html"), "--quiz", "3", "--topic", "sport"],
    ):
        run = cli(*argv)
        assert run.status == 2, argv
        assert "no quiz topic 'sport'" in run.stderr and "history" in run.stderr
        assert not (tmp_path / "w.html").exists() and not (tmp_path / "s.html").exists()


def test_the_worksheet_and_the_slides_take_a_topic(cli: CliInvoker, place: Place, tmp_path: Path) -> None:
    questions = make_quiz(place, 4, 3, topic="heritage")
    sheet, deck = tmp_path / "w.html", tmp_path / "s.html"
    assert cli("quiz", "-n", "4", "--seed", "3", "--topic", "heritage", "--worksheet", str(sheet)).status == 0
    assert cli("slides", str(deck), "--quiz", "4", "--seed", "3", "--topic", "heritage").status == 0
    for path in (sheet, deck):
        import html

        text = html.unescape(path.read_text(encoding="utf-8"))
        for question in questions:
            assert question.prompt in text, (path.name, question.prompt)


def test_a_topic_that_is_not_one_word_is_refused_with_file_line_and_key(cli: CliInvoker, tmp_path: Path) -> None:
    from conftest import FJELLBY

    path = tmp_path / "bad.toml"
    path.write_text(
        FJELLBY.read_text(encoding="utf-8").replace('label = "Area"', 'label = "Area"\ntopic = "Local History"')
    )
    run = cli("validate", str(path))
    assert run.status == 3
    assert re.search(r"bad\.toml:13: \[area\.topic\] .topic. must be one lower-case word", run.stderr + run.stdout)
