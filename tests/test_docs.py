"""Docs that cannot drift: every command has help with an example, the README shows it, and runs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from roros_cli.cli import app

from conftest import ROOT, CliInvoker

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(cli: CliInvoker, command: str) -> None:
    run = cli(command, "--help")
    assert run.status == 0
    assert re.search(r"Examples?:\n", run.stdout)
    assert f"$ roros {command} --help" in README
    assert f"`roros {command}" in README


def test_readme_is_in_sync_with_the_tool() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "README.md"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout.decode() + run.stderr.decode()


# Every README example runs as shown, in a real shell: tests/test_examples.py.
