"""Every example in `--help` and in the README runs as shown, in a shell, from an empty folder.

Where a README example's comment starts with a figure (`roros get area  # 3.31`), that figure is what the
command must print. Set-up lines (venvs, installing completion into the shell's start-up file, benchmarks)
are not run here: CI runs the set-up itself, and installing completion would edit the user's files.
"""

from __future__ import annotations

import functools
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import forkserver
from roros_cli.cli import app

from conftest import FJELLBY, ROOT, run_process, shell

SKIPPED = ("python3 -m venv", "--install-completion", "bench/", ".venv/bin/")


def _help(*command: str) -> str:
    """`roros [command] --help` at 200 columns, run in-process: collection reads every command's help on each
    xdist worker, where 15 processes cost seconds. A test below checks that the script shows the same."""
    run = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"}, prog_name="roros")
    return run.stdout


def _examples_in(texts: list[str]) -> list[str]:
    examples: list[str] = []
    for text in texts:
        for block in re.findall(r"Examples?:\n((?:    .*\n)+)", text):
            lines = [line.strip() for line in block.splitlines()]
            examples += _joined(lines)
    return examples


def _commands(top: str) -> list[str]:
    return re.findall(r"^  ([a-z]+)  ", top.split("Commands:")[1], re.MULTILINE)


@functools.cache
def _help_examples() -> list[str]:
    top = _help()
    return _examples_in([top] + [_help(name) for name in _commands(top)])


def _joined(lines: list[str]) -> list[str]:
    """A line ending in `|` or `\\` goes on with the next, as the shell reads it."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].endswith("|"):
            joined[-1] += " " + line
        elif joined and joined[-1].endswith("\\"):
            joined[-1] = joined[-1][:-1] + line
        else:
            joined.append(line)
    return joined


def _readme_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"```sh\n(.*?)```", readme, re.DOTALL) for line in block.splitlines()]
    return [line for line in lines if line.strip() and not any(skip in line for skip in SKIPPED)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder with the files the examples name."""
    here = tmp_path_factory.mktemp("examples")
    shutil.copy(FJELLBY, here / "kongsberg.toml")
    (here / "values.txt").write_text("1\n2.5\n10\n", encoding="utf-8")
    return here


# What makes a line more than a command and its words: pipes, redirections, substitutions, globs, lists.
SHELL_SYNTAX = re.compile(r"[|;&<>$`()*?\[\]{}~#!\\]")


def _run(example: str, roros: str, folder: Path) -> subprocess.CompletedProcess[bytes]:
    if "jq" in example and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    words = shlex.split(example)
    if forkserver.supported() and not SHELL_SYNTAX.search(example) and words[0] == "roros":
        # A plain command: the shell would only split the words and start `roros` with them, so the words go to
        # run_process (a child of the fork server). Lines with shell syntax, and every line when CI execs every
        # child (ROROS_TESTS_EXEC=1), run in bash.
        return run_process([roros, *words[1:]], env=env, cwd=folder)
    return shell(example, env=env, cwd=folder)


def test_there_are_examples_to_run(roros_script: str) -> None:
    assert len(_help_examples()) >= 15
    assert len(_readme_examples()) >= 20


def test_the_scripts_help_shows_the_examples_collected_in_process(roros_script: str) -> None:
    """The examples are collected from help rendered in-process; the installed script shows the same ones."""
    top = run_process([roros_script, "--help"], env={"COLUMNS": "200"}).stdout.decode()
    commands = _commands(top)
    assert commands == _commands(_help())
    texts = [top] + [
        run_process([roros_script, name, "--help"], env={"COLUMNS": "200"}).stdout.decode() for name in commands
    ]
    assert _examples_in(texts) == _help_examples()


def _answers_every_question(example: str, run: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in run.stderr and b"internal error" not in run.stderr
    if re.search(r"\|\s*roros quiz", example):  # answers piped in: every question gets one
        assert b"stopped after" not in run.stdout, "a quiz example must answer every question it asks"


def _status_ok(example: str, run: subprocess.CompletedProcess[bytes]) -> bool:
    # `roros check` exits 1 on the built-in file, by design: the article disagrees with itself.
    expected = {0, 1} if re.match(r"roros check\b", example) else {0}
    return run.returncode in expected


@pytest.mark.parametrize("example", _help_examples())
def test_every_help_example_runs(roros_script: str, folder: Path, example: str) -> None:
    run = _run(example, roros_script, folder)
    assert _status_ok(example, run), (example, run.returncode, run.stderr[-500:])
    _answers_every_question(example, run)


@pytest.mark.parametrize("example", _readme_examples())
def test_every_readme_example_runs_as_shown(roros_script: str, folder: Path, example: str) -> None:
    command, _, comment = example.partition("  #")
    run = _run(command.strip(), roros_script, folder)
    assert _status_ok(command.strip(), run), (example, run.returncode, run.stderr[-500:])
    _answers_every_question(example, run)
    promised = comment.strip()
    if promised[:1].isdigit():
        first = run.stdout.decode().split("\n")[0]
        assert promised == first or promised.startswith(first + " ("), (example, first)
