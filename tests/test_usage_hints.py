"""A usage error's hint names the command whose help answers it, even where Click raises it without one."""

from __future__ import annotations

import pytest

from conftest import CliInvoker


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["get", "area", "--units"], "get"),
        (["map", "--zoom"], "map"),
        (["quiz", "-n"], "quiz"),
        (["info", "--export"], "info"),
        (["convert", "5", "m", "ft", "--precision"], "convert"),
        (["sun", "--year"], "sun"),
    ],
    ids=lambda item: " ".join(item) if isinstance(item, list) else "",
)
def test_an_option_missing_its_value_points_to_its_commands_help(
    cli: CliInvoker, argv: list[str], command: str
) -> None:
    run = cli(*argv)
    assert run.status == 2, run.stderr
    assert f"`roros {command} -h` shows how to use it" in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1, run.stderr


def test_a_bad_command_still_points_to_the_main_help(cli: CliInvoker) -> None:
    run = cli("nosuchcommand")
    assert run.status == 2
    assert "`roros -h` shows how to use it" in run.stderr, run.stderr
