"""Help that fits a 40-column terminal everywhere (in-process, as the help is the same code; one real process
checks the layout): no line wider than 40, and no word broken
across lines (by a hyphen, or cut in the middle as `(or RORO` / `S_DEBUG=1)` was)."""

from __future__ import annotations

import pytest

from roros_cli.cli import app

from conftest import CliInvoker, run_process

COMMANDS = [[], *([command.name or getattr(command.callback, "__name__", "")] for command in app.registered_commands)]


def _help(cli: CliInvoker, command: list[str], width: int) -> str:
    run = cli(*command, "--help", env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert run.status == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "roros")
def test_help_fits_40_columns_with_every_word_whole(cli: CliInvoker, command: list[str]) -> None:
    narrow = _help(cli, command, 40)
    too_wide = [line for line in narrow.splitlines() if len(line) > 40]
    assert not too_wide
    # The same help at 80 columns has the same words: a piece of a word would not be among them.
    words = set(_help(cli, command, 80).split())
    broken = [word for word in narrow.split() if word not in words or (word.endswith("-") and word.strip("-"))]
    assert not broken


def test_options_stand_over_their_help_when_two_columns_do_not_fit(roros_script: str, cli: CliInvoker) -> None:
    run = run_process([roros_script, "convert", "--help"], env={"COLUMNS": "40", "NO_COLOR": "1"})
    lines = run.stdout.decode().splitlines()
    at = next(index for index, line in enumerate(lines) if line.strip().startswith("--precision"))
    below = " ".join(line.strip() for line in lines[at + 1 : at + 4])
    assert below.startswith("Decimals to show (negative: round to tens, hundreds). [-10<=x<=10]")
    wide = _help(cli, ["convert"], 80)
    assert "  --precision <int range>  Decimals to show" in wide  # two columns where they fit


def _formatted(width: int) -> list[str]:
    from roros_cli.cli import _TidyHelp

    formatter = _TidyHelp(width=width)
    formatter.write_dl([("--abc", "Words that wrap at spaces only.")])
    return formatter.getvalue().splitlines()


def test_two_columns_from_24_characters_of_help_beside_the_option() -> None:
    # "--abc" (5) + 2 blanks: the help starts at column 7 and Click keeps 2 more, so 7 + 2 + 24 = 33.
    assert _formatted(33)[0].startswith("--abc  Words that wrap")
    assert _formatted(32) == ["--abc", "    Words that wrap at spaces", "    only."]
