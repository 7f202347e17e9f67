"""Docs that cannot drift: every command has help with an example, the README shows it, and runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roros_cli.cli import app

from conftest import ROOT, CliInvoker, run_process

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


def _example_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("roros ") and "completion" not in line]


# `roros check` exits 1 by design on the built-in file: the article disagrees with itself.
EXPECTED_STATUS = {"roros check": 1}


@pytest.mark.parametrize("line", _example_lines())
def test_readme_examples_run(roros_script: str, line: str, tmp_path: Path) -> None:
    if "|" in line:
        if not shutil.which("jq") and "jq" in line:
            pytest.skip("jq is not installed")
        script = line.replace("roros ", f"'{roros_script}' ", 1)
        run = subprocess.run(
            ["bash", "-o", "pipefail", "-c", script], capture_output=True, timeout=60, check=False, cwd=tmp_path
        )
    else:
        run = run_process([roros_script, *shlex.split(line, comments=True)[1:]], cwd=tmp_path)
    command = " ".join(shlex.split(line, comments=True))
    assert run.returncode == EXPECTED_STATUS.get(command, 0), run.stderr.decode()
    assert run.stdout.strip() or "--export" in line
