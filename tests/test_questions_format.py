"""A questions file (`quiz --questions FILE.toml`) is checked by the data file's own rules: every field the format
describes gets the same message, on the same key and line, whichever kind of file holds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from roros_cli.loader import DataError, parse
from roros_cli.questions import load_questions
from test_dataformat import BROKEN

HEAD = '[meta]\nformat = 1\nsource_title = "t"\n\n[name]\nlabel = "Name"\nvalue = "X"\nsource = "s"\n\n'
QUESTION = """\
[lesson.area]
label = "Area"
question = "How large is the town?"
source = "notes"
value = 3.31
unit = "km2"
convert = ["sqmi"]
"""


def _broken(name: str) -> str:
    """The question with one field broken (replacing the good line of that field, where it has one)."""
    lines = [line for line in QUESTION.splitlines() if not line.startswith(f"{name} =")]
    return "\n".join([*lines, BROKEN[name]]) + "\n"


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_field_breaks_alike_in_a_data_file_and_a_questions_file(name: str, tmp_path: Path) -> None:
    body = _broken(name)
    with pytest.raises(DataError) as in_data:
        parse(HEAD + body, "data.toml")
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as in_questions:
        load_questions(str(path), {"name"})
    offset = HEAD.count("\n")  # the data file's question stands this many lines further down

    def seen(error: pytest.ExceptionInfo[DataError], shift: int) -> list[tuple[str, str | None, int | None]]:
        return [(p.message, p.key, p.line - shift if p.line else None) for p in error.value.problems]

    assert seen(in_questions, 0) == seen(in_data, offset)
    assert all(p.file == str(path) for p in in_questions.value.problems)


def test_a_questions_file_problem_reaches_the_user_with_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_broken("year"), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("ROROS_DATA", None)
    run = subprocess.run(
        [sys.executable, "-m", "roros_cli", "quiz", "--questions", str(path), "--count", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.strip().endswith(
        "mine.toml:8: [lesson.area.year] 'year' must be a whole number from -9999 to 9999, found 10000"
    ), run.stderr
