"""The plain quiz's conversation: how it ends (q, quit, Ctrl-D), the review of missed questions, answers that
run away (no newline, /dev/zero), and files a teacher may write that once ended in an internal error."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import termios
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roros_cli import session
from roros_cli.marking import mark
from roros_cli.model import Place
from roros_cli.quiz import Question, make_quiz
from test_quiz_terminal import _answer

from conftest import FJELLBY, Terminal, run_process

SEED = 7
COUNT = 4
LONGEST = 4096  # characters in one answer line: the documented cap


@pytest.fixture(scope="module")
def questions(place: Place) -> list[Question]:
    return make_quiz(place, COUNT, SEED)


@pytest.mark.parametrize("keys", [b"q\n", b"quit\n", b"Q\n", b"\x04"], ids=["q", "quit", "Q", "ctrl-d"])
def test_q_quit_and_ctrl_d_end_the_plain_quiz_and_the_first_prompt_says_so(
    roros_script: str, questions: list[Question], keys: bytes
) -> None:
    terminal = Terminal([roros_script, "quiz", "-n", str(COUNT), "--seed", str(SEED)], colour=False)
    first = terminal.wait_for(b"> ")
    assert b"q, quit or Ctrl-D ends the quiz" in first
    terminal.type(_answer(questions[0], True))
    terminal.wait_for(b"> ", 2)
    terminal.type(keys)
    code, screen = terminal.finish()
    assert code == 0
    assert b"Score: 1/1 (stopped after 1 of 4 questions)" in screen
    assert b"is not an answer" not in screen


def test_the_plain_quiz_ends_with_a_review_of_the_missed_questions(
    roros_script: str, questions: list[Question]
) -> None:
    # The first answered right, the others wrong: the review lists the three missed, with the right answers.
    answers = b"".join(_answer(question, index == 0) for index, question in enumerate(questions))
    run = run_process([roros_script, "quiz", "-n", str(COUNT), "--seed", str(SEED)], input=answers)
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode()
    review = out[out.index("Score: 1/4") :]
    assert "To look at again:" in review
    for question in questions[1:]:
        assert question.prompt in review and f"Answer: {question.answer}" in review
    assert questions[0].prompt not in review


def test_a_quiz_with_nothing_missed_says_so(roros_script: str, questions: list[Question]) -> None:
    answers = b"".join(_answer(question, True) for question in questions)
    run = run_process([roros_script, "quiz", "-n", str(COUNT), "--seed", str(SEED)], input=answers)
    out = run.stdout.decode()
    assert "Score: 4/4" in out and "To look at again:" not in out


def test_an_answer_at_the_cap_is_read_one_past_it_is_refused_and_each_counts_as_wrong(
    roros_script: str, questions: list[Question]
) -> None:
    at_cap = b"y" * (LONGEST - 1) + b"\n"  # the newline makes LONGEST characters: still an answer to mark
    past = b"y" * LONGEST + b"\n"
    # From a pipe each line answers one question: the two refused lines are questions 1 and 2, wrong.
    answers = at_cap + past + b"".join(_answer(question, True) for question in questions[2:])
    run = run_process([roros_script, "quiz", "-n", str(COUNT), "--seed", str(SEED)], input=answers)
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode()
    assert out.count("is not an answer here") == 1  # the answer at the cap was read and refused as letters
    assert out.count(f"longer than {LONGEST:,} characters") == 1
    assert out.count("counted as wrong") == 2
    assert "Score: 2/4" in out


def _peak_kib(argv: list[str], flood: int) -> int:
    """The peak memory (KiB) of `argv` reading `flood` NUL bytes and then the end of input."""
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert process.stdin is not None
    stdin = process.stdin

    def feed() -> None:
        try:
            chunk = b"\0" * min(flood, 1 << 20)
            for _ in range(max(1, flood // len(chunk))):
                stdin.write(chunk)
            stdin.close()
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    writer.join(timeout=120)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0
    return usage.ru_maxrss  # KiB on Linux


@pytest.mark.parametrize("mode", [[], ["--class"]], ids=["plain", "class"])
def test_a_flood_without_newlines_is_read_in_constant_memory(roros_script: str, mode: list[str]) -> None:
    """`roros quiz < /dev/zero` once grew to gigabytes; 32 MiB of NUL bytes now pass through a few KiB."""
    argv = [roros_script, "quiz", "-n", "1", "--seed", "1", *mode]
    # Compared with the same command reading a few bytes (the peak includes what the forked test process had):
    # reading the flood whole would add about 64 MiB (its bytes and its text).
    baseline = _peak_kib(argv, 16)
    flooded = _peak_kib(argv, 32 << 20)
    assert flooded - baseline < 16 * 1024, f"peak {flooded} KiB against {baseline} KiB"


def test_marking_a_long_answer_is_linear(place: Place) -> None:
    """`1 x`, a run of blanks, `x`: the old pattern backtracked over the blanks for each character."""
    number = next(q for seed in range(50) for q in make_quiz(place, 50, seed) if q.kind == "number" and q.unit)
    with pytest.raises(ValueError, match="is not an answer here"):
        mark(number, "1 x" + " " * (LONGEST - 4) + "x")


# ---------------------------------------------------------------------------------------------- teachers' files


def _with_founded_distractors(tmp_path: Path, distractors: str) -> Path:
    text = FJELLBY.read_text(encoding="utf-8").replace(
        "value = 1700\nyear = 1700", f'value = 1700\nyear = 1700\nkind = "year"\ndistractors = {distractors}', 1
    )
    path = tmp_path / "founded.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("distractors", ['["²"]', '["--5"]'])
@pytest.mark.parametrize("command", ["quiz", "worksheet", "slides"])
def test_odd_year_distractors_never_end_in_an_internal_error(
    roros_script: str, tmp_path: Path, distractors: str, command: str
) -> None:
    path = _with_founded_distractors(tmp_path, distractors)
    base = [roros_script, "--data", str(path)]
    argv = {
        "quiz": [*base, "quiz", "-n", "50", "--seed", "1"],
        "worksheet": [*base, "quiz", "-n", "50", "--seed", "1", "--worksheet", str(tmp_path / "w.html")],
        "slides": [*base, "slides", str(tmp_path / "s.html"), "--quiz", "50", "--seed", "1"],
    }[command]
    run = run_process(argv, input=b"1\n" * 100)
    assert run.returncode == 0, run.stderr
    assert b"internal error" not in run.stderr


def test_a_year_question_offers_only_years(tmp_path: Path) -> None:
    from roros_cli import loader

    place = loader.load(str(_with_founded_distractors(tmp_path, '["1650", "--5", "²", "1680", "1690"]')))
    founded = [q for seed in range(100) for q in make_quiz(place, 50, seed, 2026) if q.key == "established"]
    assert founded
    for question in founded:
        assert set(question.options) <= {"1700", "1650", "1680", "1690"}, question.options


def test_a_huge_measure_answered_in_a_small_unit_is_simply_wrong(roros_script: str, tmp_path: Path) -> None:
    from roros_cli import loader

    text = FJELLBY.read_text(encoding="utf-8").replace('value = 2.0\nunit = "km2"', 'value = 2.0\nunit = "km2"', 1)
    text += '\n[far]\nlabel = "Distance to the edge"\nvalue = 1e308\nunit = "km"\nsource = "invented for the tests"\n'
    path = tmp_path / "huge.toml"
    path.write_text(text, encoding="utf-8")
    place = loader.load(str(path))
    far = next(q for seed in range(100) for q in make_quiz(place, 50, seed) if q.key == "far")
    assert mark(far, "1 m").correct is False
    run = run_process([roros_script, "--data", str(path), "quiz", "-n", "50", "--seed", "1"], input=b"1 m\n" * 200)
    assert run.returncode == 0, run.stderr


def test_an_answer_past_the_largest_float_is_marked_not_a_crash(place: Place) -> None:
    number = next(q for seed in range(50) for q in make_quiz(place, 50, seed) if q.key == "elevation")
    for answer in ("9" * 400, "9" * 400 + " ft", "9" * 400 + " km"):
        try:
            assert mark(number, answer).correct is False
        except ValueError as refused:  # a figure no unit can hold is refused in the quiz's own words
            assert "is not an answer here" in str(refused)


@pytest.mark.parametrize("value", ["5e-324", "1e-300", "1.7e308", "0.001"])
def test_a_measure_at_the_ends_of_the_floats_gets_a_range_not_a_crash(tmp_path: Path, value: str) -> None:
    from roros_cli import loader

    text = FJELLBY.read_text(encoding="utf-8")
    text += f'\n[odd]\nlabel = "Odd density"\nvalue = {value}\nunit = "/km2"\nsource = "invented for the tests"\n'
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    place = loader.load(str(path))
    odd = next(q for seed in range(100) for q in make_quiz(place, 50, seed) if q.key == "odd")
    assert odd.accepted is not None and odd.accepted[0] <= float(value) <= odd.accepted[1]
    assert odd.accepted_text and not re.match(r"(\S+) to \1\b", odd.accepted_text), odd.accepted_text
    assert mark(odd, "1").correct is (float(value) == 1.0)


class _Stopped(Exception):
    """Stands for the handler of the signal that came with a Ctrl-C, raised where the wait goes round."""


class _NoBlockingRead(io.TextIOWrapper):
    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        raise AssertionError("read the terminal with a blocking readline: a line emptied by Ctrl-C would hang it")


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, int]]:
    """A pseudo-terminal as this process's stdin (canonical mode, as a shell leaves it); yields the keyboard's
    side, to type at, and the terminal's."""
    keyboard, terminal = pty.openpty()
    stdin = _NoBlockingRead(open(terminal, "rb", buffering=0, closefd=False), encoding="utf-8")  # noqa: SIM115
    monkeypatch.setattr(sys, "stdin", stdin)
    yield keyboard, terminal
    os.close(keyboard)
    os.close(terminal)


def test_an_answer_typed_at_a_terminal_is_read_and_ctrl_d_ends(typed: tuple[int, int]) -> None:
    keyboard, _ = typed
    os.write(keyboard, "3,3 km²\n".encode())
    assert session._read_line() == "3,3 km²\n"
    os.write(keyboard, b"\x04")  # Ctrl-D at the start of a line: the end of input
    assert session._read_line() is None


def test_a_line_that_ctrl_c_empties_after_the_wait_never_blocks_the_read(
    typed: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race a teacher's harness hit (3 in 320): select() says a line is there, then Ctrl-C empties the
    terminal's input and its signal is handled before the read. The read must not block on the empty terminal:
    the wait goes round, where the handler raises."""
    keyboard, terminal = typed
    waits = []
    real = select.select

    def wait(*args: Any) -> Any:
        waits.append(args)
        if len(waits) > 1:
            raise _Stopped  # the handler, run as the wait goes round
        ready = real(*args)
        termios.tcflush(terminal, termios.TCIFLUSH)  # Ctrl-C empties the input queue (ISIG, no NOFLSH)
        return ready

    os.write(keyboard, b"3.3\n")
    monkeypatch.setattr(select, "select", wait)
    with pytest.raises(_Stopped):
        session._read_line()
    assert len(waits) == 2
