"""After each answer, right or wrong, one sentence says why, in the article's own words (`explain` in the data)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from roros_cli.model import Place
from roros_cli.quiz import make_quiz

from conftest import ROOT, SOURCE_TEXT, CliInvoker


def _explanations() -> dict[str, str]:
    """Each quizzed fact's `explain`, read with tomllib (not through the loader)."""
    data = tomllib.loads((ROOT / "data" / "roros.toml").read_text(encoding="utf-8"))
    found: dict[str, str] = {}

    def walk(table: dict[str, object], prefix: str) -> None:
        for name, item in table.items():
            if isinstance(item, dict) and name != "meta":
                if "value" in item:
                    if item.get("quiz", True) and not item.get("conflicts"):
                        found[prefix + name] = str(item.get("explain", ""))
                else:
                    walk(item, f"{prefix}{name}.")

    walk(data, "")
    return found


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_explanation_quotes_the_article_word_for_word() -> None:
    source = _words(Path(SOURCE_TEXT).read_text(encoding="utf-8"))
    explained = {key: text for key, text in _explanations().items() if text}
    assert len(explained) >= 40
    for key, text in explained.items():
        assert text[0].isupper() and text.endswith("."), (key, text)
        quoted = re.findall(r"“([^”]+)”", text)
        assert quoted, f"{key}: the explanation quotes nothing"
        for words in quoted:
            assert _words(words) in source, (key, words)


def test_every_question_asked_has_an_explanation(place: Place) -> None:
    explained = _explanations()
    for topic in (None, "trivia"):
        for seed in range(200):
            for question in make_quiz(place, 50, seed, topic=topic):
                assert explained.get(question.key), question.key
                assert question.explain == explained[question.key]


def test_the_plain_quiz_says_why_after_each_answer_right_or_wrong(cli: CliInvoker, place: Place) -> None:
    questions = make_quiz(place, 4, 11)
    # The first two answered right, the other two wrong ("9" is never an option, "99999" never in range).
    answers = []
    for index, question in enumerate(questions):
        right = question.options.index(question.answer) + 1 if question.options else question.value
        wrong = (question.options.index(question.answer) + 1) % 4 + 1 if question.options else 99999
        answers.append(str(right if index < 2 else wrong).removesuffix(".0"))
    run = cli("quiz", "-n", "4", "--seed", "11", input="\n".join(answers) + "\n")
    assert run.status == 0, run.stderr
    assert run.stdout.count("Right.") == 2 and run.stdout.count("Wrong.") == 2
    for question in questions:
        assert f"\n   Why: {question.explain}\n" in run.stdout


def test_the_class_answer_panel_says_why(cli: CliInvoker, place: Place) -> None:
    questions = make_quiz(place, 2, 11)
    run = cli("quiz", "--class", "-n", "2", "--seed", "11", input="\n\n\n\n")
    flat = _words(re.sub(r"[┃│]", " ", run.stdout))
    for question in questions:
        assert _words(question.explain) in flat
