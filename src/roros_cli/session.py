"""Running a quiz at a terminal: the question-and-answer conversation, and class mode for a projector.

`quiz` makes and marks the questions; this module talks. Answers come one a line from stdin (a terminal or a
pipe), so a class or a script can feed them. Ctrl-C or SIGTERM ends with the score so far.
"""

from __future__ import annotations

import os
import sys
from typing import Final

from roros_cli import document, output
from roros_cli.marking import BadAnswer, Marked, hint, how_to_answer, mark
from roros_cli.model import Place
from roros_cli.quiz import Question
from roros_cli.safetext import clean

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    Verdict = bool  # right (True) or wrong (False): the one part of a line said in colour

    class Talk(Protocol):
        def __call__(self, text: str, verdict: Verdict | None = None, /) -> None: ...


_GREEN, _RED, _RESET = "\x1b[1;32m", "\x1b[1;31m", "\x1b[0m"
LONGEST_ANSWER: Final = 4096  # characters in one answer line, newline included; a longer one is asked again
_TOO_LONG: Final = "\0too long"  # what _read_line gives for a longer line (compared by identity)
_ENDS: Final = frozenset({"q", "quit", "exit"})  # typed alone, each ends the quiz (so does Ctrl-D)


def _in_colour() -> bool:
    """Colour for a person at a terminal; plain words for a pipe, a file or NO_COLOR."""
    stream = sys.stdout
    return not os.environ.get("NO_COLOR") and stream is not None and stream.isatty()


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def ask(place: Place, questions: list[Question], seed: int, *, json: bool, again: str = "") -> int:
    """Ask, mark and score. Under --json the conversation goes to stderr, so stdout carries only the document.
    `again` is the command line that asks the same quiz again, every option that shapes it included."""
    # `say` keeps each message on one line (a newline from input cannot forge another), so each of our own lines
    # is said on its own: real line breaks, never a literal `\n`.
    stream = _say_lines if json else output.write
    # The verdict's colour is ours, added after the text is cleaned (cleaning would show it as `\x1b[...`);
    # under --json the talk goes through `say`, which cleans again, so it stays plain there.
    colour = not json and _in_colour()
    width = _width() if not json else 0

    def talk(text: str, verdict: Verdict | None = None) -> None:
        lead = "" if verdict is None else _verdict(verdict, False)
        shown = _wrapped(lead + clean(text), width)
        if verdict is not None and colour:  # colour added after wrapping, so it never counts as width
            shown = shown.replace(lead, _verdict(verdict, True), 1)
        stream(shown)

    talk(
        f"Quiz on {place.name}: {_plural(len(questions), 'question')} (seed {seed}; "
        f"`{again or f'roros quiz --seed {seed}'}` asks the same again)\n"
        "Type your answer and press Enter; q, quit or Ctrl-D ends the quiz."
    )
    marked, stopped = _ask_all(questions, talk, interactive=sys.stdin.isatty())
    score = sum(item.correct for item in marked)
    ended = "" if len(marked) == len(questions) else f" (stopped after {len(marked)} of {len(questions)} questions)"
    talk(f"\nScore: {score}/{len(marked)}{ended}")
    _review(marked, talk)
    if json:
        output.write(document.dumps(document.quiz_document(place, seed, questions, marked), not output.can_encode()))
    return _status(stopped)


def _width() -> int:
    """The terminal's width for a person at one (0: no wrapping for a pipe or a file)."""
    import shutil

    stream = sys.stdout
    if stream is None or not stream.isatty():
        return 0
    return max(20, shutil.get_terminal_size().columns)


def _wrapped(text: str, width: int) -> str:
    """Each line wrapped at spaces to `width`, continued under its own indent, so a terminal never cuts a word
    in two ("Be / rgstaden"); a word longer than the line stays whole."""
    if not width:
        return text
    import textwrap

    lines: list[str] = []
    for line in text.split("\n"):
        indent = " " * (len(line) - len(line.lstrip(" ")))
        lines += textwrap.wrap(
            line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        ) or [line]
    return "\n".join(lines)


def _say_lines(text: str) -> None:
    for line in text.split("\n"):
        output.say(line)


def _review(marked: list[Marked], talk: Talk) -> None:
    """The questions answered wrong, each with its right answer: what to look at again."""
    missed = [(number, item) for number, item in enumerate(marked, start=1) if not item.correct]
    if not missed:
        return
    talk("\nTo look at again:")
    for number, item in missed:
        talk(f"  {number}. {item.question.prompt}\n     Answer: {item.question.answer}")


def _keep_the_ending() -> None:
    """Once Ctrl-C has stopped the questions, a second one (a key pressed twice) would cut the score or the
    summary it was asked for: from here to the end, Ctrl-C is ignored. Stopping is already under way."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread, where no handler runs either
        pass


def _status(stopped: KeyboardInterrupt | None) -> int:
    if stopped is None:
        return output.OK
    return output.TERMINATED if isinstance(stopped, output.Terminated) else output.INTERRUPTED


def _ask_all(questions: list[Question], talk: Talk, interactive: bool) -> tuple[list[Marked], KeyboardInterrupt | None]:
    """Ask each question until it gets an answer of the right kind; stop when the answers run out or on Ctrl-C.
    At a terminal a person can try again; from a pipe each line answers one question, so a line that is no
    answer counts as wrong (and says so) rather than pushing every later answer onto the wrong question."""
    marked: list[Marked] = []
    try:
        for number, question in enumerate(questions, start=1):
            talk(f"\n{number}. {question.prompt}")
            for index, option in enumerate(question.options, start=1):
                talk(f"   {index}) {option}")
            talk(f"   {hint(question)}")
            while True:
                answer = _read_answer(interactive)
                if answer is None or answer.strip().lower() in _ENDS:
                    return marked, None
                if answer is _TOO_LONG:
                    problem = f"That answer is longer than {LONGEST_ANSWER:,} characters: {how_to_answer(question)}."
                    given = ""  # too long to keep
                else:
                    try:
                        result = mark(question, answer)
                        break
                    except BadAnswer as error:
                        problem, given = str(error), answer.strip()
                if interactive:
                    talk(f"   {problem}")
                    continue
                talk(f"   {problem.rstrip('.')}; counted as wrong, on to the next question.")
                result = Marked(question, given, False)
                break
            marked.append(result)
            talk(feedback_text(result), result.correct)
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (output.Terminated): the score so far
        _keep_the_ending()
        talk("")
        return marked, stop
    return marked, None


def _verdict(correct: bool, colour: bool) -> str:
    """`   Right` or `   Wrong`, green or red on a colour terminal."""
    word, code = ("Right", _GREEN) if correct else ("Wrong", _RED)
    return f"   {code}{word}{_RESET}" if colour else f"   {word}"


def feedback_text(result: Marked) -> str:
    """What follows the verdict: why, the answer (with the accepted range when a number was wrong), the source."""
    question = result.question
    why = f" {result.why}." if result.why else ""
    accepted = f" (accepted: {question.accepted_text})" if question.accepted and not result.correct else ""
    words = f" — “{question.quote}”" if question.quote else ""
    explain = f"\n   Why: {question.explain}" if question.explain else ""
    return f".{why} The answer is {question.answer}{accepted}.\n   Source: {question.source}{words}{explain}"


def _read_answer(prompt: bool) -> str | None:
    """One line from stdin (None at the end of input, _TOO_LONG past the cap); a `> ` prompt on a terminal."""
    if prompt:
        output.write_raw("> ")
    return _read_line()


def _read_line() -> str | None:
    """One line of at most LONGEST_ANSWER characters, newline included, in constant memory: the rest of a
    longer line is read and dropped piece by piece (as `convert -` does), so `< /dev/zero` cannot grow us."""
    typed = _typed_line()
    if typed is not _NOT_TYPED:
        return typed
    line = sys.stdin.readline(LONGEST_ANSWER)
    if len(line) < LONGEST_ANSWER or line.endswith("\n"):
        return line if line else None
    while True:
        rest = sys.stdin.readline(LONGEST_ANSWER)
        if not rest or rest.endswith("\n"):
            return _TOO_LONG


_NOT_TYPED: Final = "\0not a terminal"  # what _typed_line gives where stdin is no terminal (by identity)


def _typed_line() -> str | None:
    """At a terminal: the next line typed (None at Ctrl-D), read so that no Ctrl-C is lost.

    Python runs a signal's handler between bytecodes. A Ctrl-C that lands after the last such point and before
    a read starts would wait, unseen, for the next key; and Ctrl-C also empties the terminal's input, so a line
    that select() said was there may be gone when the read comes. So the wait is a select() on the terminal and
    on Python's signal wake-up pipe, and the read never blocks: it is made on a descriptor of this process's
    own (the terminal opened again, non-blocking, leaving the shell's flags alone), and when nothing is there,
    or a signal woke the wait, the loop goes round, where the handler runs (raising KeyboardInterrupt, or
    output.Terminated for SIGTERM). A terminal gives at most one line a read (canonical mode). Elsewhere (a
    pipe, a file, not the main thread, no terminal to open again) this gives _NOT_TYPED, and stdin is read as
    usual: a pipe has no one to press Ctrl-C at just the wrong moment.
    """
    stdin = sys.stdin
    if stdin is None or not stdin.isatty() or os.name != "posix":
        return _NOT_TYPED
    import signal

    try:
        own = os.open(os.ttyname(stdin.fileno()), os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return _NOT_TYPED
    wake_read, wake_write = os.pipe()
    try:
        os.set_blocking(wake_write, False)
        try:
            previous = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
        except ValueError:  # not the main thread: no wake-up pipe, and no handlers here either
            return _NOT_TYPED
        try:
            return _line_from(own, wake_read, stdin.encoding, stdin.errors or "strict")
        finally:
            signal.set_wakeup_fd(previous)
    finally:
        for fd in (own, wake_read, wake_write):
            os.close(fd)


def _line_from(terminal: int, wake: int, encoding: str, errors: str) -> str | None:
    import select

    while True:
        ready = select.select([terminal, wake], [], [])[0]
        if wake in ready:
            os.read(wake, 512)  # a signal came; its handler runs as the loop goes round
        if terminal not in ready:
            continue
        try:
            data = os.read(terminal, LONGEST_ANSWER * 4)
        except BlockingIOError:  # the line is gone (Ctrl-C empties the input): wait again, where the handler runs
            continue
        if not data:
            return None
        line = data.decode(encoding, errors)
        return _TOO_LONG if len(line) > LONGEST_ANSWER else line


# ---------------------------------------------------------------------------------------------- class mode


def present(place: Place, questions: list[Question]) -> int:
    """For a projector: each question large and clear; Enter shows the answer and its source, Enter again
    moves on; `q` (or Ctrl-C) ends, with a summary of what was shown. Nobody types answers."""
    from roros_cli import cards

    shown: list[Question] = []
    stopped: KeyboardInterrupt | None = None
    try:
        for number, question in enumerate(questions, start=1):
            _clear_screen()  # one question on the projector at a time
            output.draw(cards.question_card(place, question, number, len(questions)))
            if _wait("Enter shows the answer · q then Enter ends") == "q":
                break
            output.draw(cards.answer_card(question))
            shown.append(question)
            if number < len(questions) and _wait("Enter: next question · q then Enter ends") == "q":
                break
    except KeyboardInterrupt as stop:
        stopped = stop
        _keep_the_ending()
    output.draw(cards.summary_card(place, shown, len(questions)))
    return _status(stopped)


def _clear_screen() -> None:
    if sys.stdout is not None and sys.stdout.isatty():
        output.write_raw("\x1b[2J\x1b[H")


def _wait(hint: str) -> str:
    """Wait for Enter (or `q` and Enter); the end of input ends the lesson like `q`."""
    # The blank parts the cursor from the hint on a terminal; into a pipe or file it would end the line in a blank.
    tty = sys.stdout is not None and sys.stdout.isatty()
    output.write_raw(f"\n  {hint}{' ' if tty else ''}")
    line = _read_line()
    output.write("")
    if line is None:
        return "q"
    return "q" if line.strip().lower() in _ENDS else ""
