"""Exit statuses: one member for each meaning, with the words `roros --help` and the README give it.

The numbers are a contract (scripts test them) and never change. Status 1 is shared by several situations,
told apart by the message on stderr, never by the number:

- `get` or `search` finds nothing (an unknown key, a search with no match);
- `check` found a fact that disagrees with another;
- some lines of `convert -` could not be converted (the good ones are printed);
- the data file lacks what a command needs (no `timezone.iana` for `time`, no facts for `quiz`);
- `map` or `sun` cannot place the town (no coordinates, or a date the sun tables cannot answer).

`output` keeps the same numbers as plain ints for the start-up fast path, which must not import `enum`
(a few milliseconds on every `roros get`); `tests/test_status.py` fails if the two disagree.
"""

from __future__ import annotations

from enum import IntEnum


class Status(IntEnum):
    """How `roros` ended. `help` is the epilog line of `roros --help`; the README's table says more."""

    help: str  # at most 37 characters: Click indents the epilog by 2, and it must read at 40 columns

    def __new__(cls, value: int, help: str) -> Status:
        member = int.__new__(cls, value)
        member._value_ = value
        member.help = help
        return member

    OK = 0, "success"
    NOT_FOUND = 1, "not found, or a disagreement"
    USAGE = 2, "usage: bad command or option"
    DATA = 3, "the data file cannot be used"
    WRITE = 4, "an --export cannot be written"
    INTERNAL = 70, "a bug in roros (see --debug)"  # sysexits' EX_SOFTWARE
    OUTPUT = 74, "stdout/stdin closed, disk full"  # sysexits' EX_IOERR
    INTERRUPTED = 130, "interrupted (Ctrl-C)"  # 128 + SIGINT
    BROKEN_PIPE = 141, "the output pipe was closed"  # 128 + SIGPIPE, as a shell reports `yes | head`
    TERMINATED = 143, "terminated (SIGTERM)"  # 128 + 15


def epilog() -> str:
    """The exit-status table of `roros --help` (`\\b` keeps Click from rewrapping it)."""
    rows = "".join(f"  {status.value:<4} {status.help}\n" for status in Status)
    return f"\b\nExit status:\n{rows}"
