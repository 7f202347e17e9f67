"""`--questions FILE.toml`: a teacher's own questions, added to the built-in ones (or, with --only-mine, instead
of them), validated like the data file, on `quiz`, `quiz --worksheet` and `slides --quiz`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import CliInvoker

MINE = """\
# My own questions for the Røros lesson
[lesson.smelter]
label = "Smelting works"
question = "Which building in Røros melted the copper ore?"
value = "the smelting works"
kind = "mining building"
distractors = ["the church", "the town hall", "the railway station"]
source = "class notes, page 3"
topic = "history"
explain = "The notes say the ore was “melted in the smelting works”."

[lesson.slag]
label = "Slag heaps"
question = "How many slag heaps did the class count on the walk around Røros?"
value = 12
source = "our walk, 14 May"
"""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    return path


def _asked(cli: CliInvoker, *argv: str) -> list[str]:
    run = cli("quiz", *argv, "--json", input="")
    assert run.status == 0, run.stderr
    return [question["key"] for question in json.loads(run.stdout)["questions"]]


def test_own_questions_are_added_to_the_built_in_ones(cli: CliInvoker, mine: Path) -> None:
    asked = _asked(cli, "-n", "50", "--seed", "3", "--questions", str(mine))
    assert {"lesson.smelter", "lesson.slag"} <= set(asked)
    assert len(asked) > 10  # the built-in questions too


def test_only_mine_asks_only_the_teachers_questions(cli: CliInvoker, mine: Path) -> None:
    asked = _asked(cli, "-n", "50", "--seed", "3", "--questions", str(mine), "--only-mine")
    assert sorted(asked) == ["lesson.slag", "lesson.smelter"]


def test_own_questions_have_topics_and_explanations(cli: CliInvoker, mine: Path) -> None:
    asked = _asked(cli, "-n", "50", "--seed", "3", "--questions", str(mine), "--only-mine", "--topic", "history")
    assert asked == ["lesson.smelter"]
    run = cli(
        "quiz", "-n", "1", "--seed", "3", "--questions", str(mine), "--only-mine", "--topic", "history", input="1\n"
    )
    assert "Why: The notes say the ore was “melted in the smelting works”." in run.stdout


def test_only_mine_needs_a_questions_file(cli: CliInvoker) -> None:
    run = cli("quiz", "--only-mine")
    assert run.status == 2
    assert "--only-mine needs --questions FILE.toml" in run.stderr


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        (MINE.replace('question = "How many slag', 'questionn = "How many slag'), 14, "lesson.slag.questionn",
         "unknown key 'questionn' in a fact; did you mean 'question'?"),
        (MINE.replace('question = "How many slag heaps did the class count on the walk around Røros?"\n', ""), 12,
         "lesson.slag", "missing required key 'question'"),
        (MINE.replace("value = 12", 'value = "12"\ndistractors = ["12"]'), 16, "lesson.slag.distractors",
         "'distractors' lists the right answer"),
        (MINE.replace('topic = "history"', "topic = 3"), 9, "lesson.smelter.topic", "'topic' must be"),
        (MINE + '\n[meta]\nformat = 1\nsource_title = "x"\n', 18, "meta", "a questions file holds only questions"),
    ],
    ids=["unknown key", "no question", "distractor is the answer", "topic not text", "meta"],
)  # fmt: skip
def test_a_questions_file_is_validated_with_file_line_and_key(
    cli: CliInvoker, short_tmp_path: Path, text: str, line: int, key: str, message: str
) -> None:
    tmp_path = short_tmp_path  # the message names the whole path: one over 60 characters would be cut
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    for argv in (
        ["quiz", "--questions", str(path)],
        ["slides", str(tmp_path / "s.html"), "--quiz", "3", "--questions", str(path)],
    ):
        run = cli(*argv, input="")
        assert run.status == 3, (argv, run.stderr)
        assert f"{path}:{line}: [{key}] " in run.stderr, run.stderr
        assert message in run.stderr, run.stderr
    assert not (tmp_path / "s.html").exists()


def test_a_key_the_data_file_has_is_refused(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "clash.toml"
    path.write_text('[elevation]\nlabel = "E"\nquestion = "How high is Røros?"\nvalue = 1\nsource = "s"\n', "utf-8")
    run = cli("quiz", "--questions", str(path), input="")
    assert run.status == 3
    assert re.search(r"clash\.toml:1: \[elevation\] .*already a fact of the data file", run.stderr), run.stderr


def test_a_missing_questions_file_names_the_option(cli: CliInvoker, tmp_path: Path) -> None:
    run = cli("quiz", "--questions", str(tmp_path / "nope.toml"), input="")
    assert run.status == 3
    assert "no such file" in run.stderr and "--questions" in run.stderr


def test_the_worksheet_and_the_slides_ask_my_questions(cli: CliInvoker, mine: Path, tmp_path: Path) -> None:
    sheet, deck = tmp_path / "w.html", tmp_path / "s.html"
    own = ["--questions", str(mine), "--only-mine"]
    assert cli("quiz", "-n", "2", "--seed", "1", "--worksheet", str(sheet), *own).status == 0
    assert cli("slides", str(deck), "--quiz", "2", "--seed", "1", *own).status == 0
    for path in (sheet, deck):
        text = html.unescape(path.read_text(encoding="utf-8"))
        assert "Which building in Røros melted the copper ore?" in text
        assert "How many slag heaps did the class count on the walk around Røros?" in text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty; a questions file needs at least one question"),
        (b"\n  \n", "is empty; a questions file needs at least one question"),
        (b"\xff\xfeq\x00", "is UTF-16 text; a questions file must be UTF-8"),
    ],
    ids=["empty", "blank", "utf-16"],
)
def test_a_questions_file_that_cannot_be_read_is_named_as_one(
    cli: CliInvoker, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(content)
    run = cli("quiz", "--questions", str(path), input="")
    assert run.status == 3, run.stderr
    assert words in run.stderr, run.stderr
    assert "data file" not in run.stderr and "[meta]" not in run.stderr, run.stderr
