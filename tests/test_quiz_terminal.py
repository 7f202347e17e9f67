"""The quiz as a student or a teacher meets it: in a real pseudo-terminal, with colour on (TERM=xterm-256color,
NO_COLOR unset) and with NO_COLOR, answering a whole quiz right and then wrong.

Every read waits for a prompt or a line; the deadline is only a safety net that fails the test."""

from __future__ import annotations

import re
import sys

import pytest

from roros_cli.model import Place
from roros_cli.quiz import Question, make_quiz

from conftest import Terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

SEED = 7
COUNT = 4
# Real SGR sequences (ESC, '[', numbers, 'm') and the escaped text `clean()` would print instead.
SGR = re.compile(rb"\x1b\[[0-9;]*m")
GREEN_RIGHT = re.compile(rb"\x1b\[[0-9;]*32m(?:\x1b\[[0-9;]*m)*Right")
RED_WRONG = re.compile(rb"\x1b\[[0-9;]*31m(?:\x1b\[[0-9;]*m)*Wrong")
ESCAPED = (b"\\x1b", b"\\u001b", b"\\033")
# A colour among an SGR's parameters (NO_COLOR allows bold and italic, not colour): 30-37, 90-97, 38;...
COLOUR_SGR = re.compile(rb"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")


def _plain(screen: bytes) -> bytes:
    return SGR.sub(b"", screen)


@pytest.fixture(scope="module")
def questions(place: Place) -> list[Question]:
    return make_quiz(place, COUNT, SEED)  # the same questions the process asks with --seed (this year)


def _typed(value: float) -> str:
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _answer(question: Question, right: bool) -> bytes:
    if question.kind == "choice":
        wanted = question.options.index(question.answer)
        if not right:
            wanted = (wanted + 1) % len(question.options)
        return f"{wanted + 1}\n".encode()
    assert question.value is not None
    value = question.value if right else question.value * 3 + 1000
    return f"{_typed(value)}\n".encode()


def _assert_no_escaped_codes(screen: bytes) -> None:
    for escaped in ESCAPED:
        assert escaped not in screen, screen.decode(errors="replace")


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_the_plain_quiz_shows_real_colours_never_escaped_ones(
    roros_script: str, questions: list[Question], colour: bool, right: bool
) -> None:
    terminal = Terminal([roros_script, "quiz", "-n", str(COUNT), "--seed", str(SEED)], colour=colour)
    for number, question in enumerate(questions, start=1):
        terminal.wait_for(b"> ", number)
        terminal.type(_answer(question, right))
    code, screen = terminal.finish()
    assert code == 0
    assert f"Score: {COUNT if right else 0}/{COUNT}".encode() in screen
    _assert_no_escaped_codes(screen)
    verdict = GREEN_RIGHT if right else RED_WRONG
    if colour:
        assert len(verdict.findall(screen)) == COUNT, screen.decode(errors="replace")
    else:
        assert not COLOUR_SGR.search(screen), screen.decode(errors="replace")
        assert screen.count(b"Right." if right else b"Wrong.") == COUNT


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "NO_COLOR"])
def test_class_mode_shows_real_colours_and_names_the_right_option(
    roros_script: str, questions: list[Question], colour: bool
) -> None:
    terminal = Terminal([roros_script, "quiz", "--class", "-n", str(COUNT), "--seed", str(SEED)], colour=colour)
    for number, question in enumerate(questions, start=1):
        terminal.wait_for(b"Enter shows the answer", number)
        terminal.type(b"\n")
        screen = terminal.wait_for(b"The answer:", number)
        if question.kind == "choice":
            option = question.options.index(question.answer) + 1
            shown = _plain(screen[screen.rindex(b"The answer:") :])
            assert f"{option}) {question.answer}".encode() in shown
        if number < COUNT:
            terminal.wait_for(b"Enter: next question", number)
            terminal.type(b"\n")
    code, screen = terminal.finish()
    assert code == 0
    assert f"{COUNT} of {COUNT} questions shown".encode() in screen
    _assert_no_escaped_codes(screen)
    assert bool(COLOUR_SGR.search(screen)) is colour
