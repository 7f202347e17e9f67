"""Exit statuses are described once, in `status.Status`: the help, the README and `output` agree with it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from roros_cli import output
from roros_cli.status import Status

from conftest import ROOT

# The numbers scripts rely on, written out independently of the code: renumbering must fail here.
CONTRACT = {
    "OK": 0,
    "NOT_FOUND": 1,
    "USAGE": 2,
    "DATA": 3,
    "WRITE": 4,
    "INTERNAL": 70,
    "OUTPUT": 74,
    "INTERRUPTED": 130,
    "BROKEN_PIPE": 141,
    "TERMINATED": 143,
}


def test_the_numbers_never_change() -> None:
    assert {member.name: member.value for member in Status} == CONTRACT


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_output_constants_are_the_enum_members(name: str) -> None:
    assert getattr(output, name) == Status[name]


def test_each_status_has_one_short_meaning() -> None:
    helps = [member.help for member in Status]
    assert len(set(helps)) == len(helps)
    assert all(0 < len(text) <= 37 for text in helps)


def test_help_lists_every_status_with_its_meaning() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "roros_cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"COLUMNS": "80", "PATH": "", "ROROS_NO_FASTPATH": "1"},
    )
    assert run.returncode == 0
    listed = re.findall(r"^\s+(\d+)\s+(.+?)\s*$", run.stdout.partition("Exit status:")[2], flags=re.MULTILINE)
    assert [(int(number), text) for number, text in listed] == [(member.value, member.help) for member in Status]


def test_readme_table_has_exactly_the_enum_statuses() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.partition("## Exit status")[2].partition("\n## ")[0]
    numbers = [int(number) for number in re.findall(r"^\| (\d+) \|", section, flags=re.MULTILINE)]
    assert numbers == [member.value for member in Status]


def test_status_one_situations_are_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.partition("## Exit status")[2].partition("\n## ")[0]
    row = re.search(r"^\| 1 \|(.*)$", section, flags=re.MULTILINE)
    assert row is not None
    for words in ("nothing found", "`check` found a disagreement", "`convert -`", "`time`", "`map`"):
        assert words in row.group(1)


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (output.Failure("no such key", output.USAGE), Status.USAGE, "roros: error: no such key"),
        (output.Terminated(), Status.TERMINATED, "roros: terminated"),
        (KeyboardInterrupt(), Status.INTERRUPTED, "roros: interrupted"),
        (ZeroDivisionError(), Status.INTERNAL, "roros: internal error (ZeroDivisionError)"),
    ],
)
def test_one_mapping_from_error_to_status(
    error: BaseException, status: Status, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert output.report(error) == status
    assert capsys.readouterr().err.startswith(line)
