"""The class quiz's prompts, read from a pipe: no line ends in blanks (the README's promise for output)."""

from __future__ import annotations

import pytest

from conftest import run_process


@pytest.mark.parametrize("answers", ["q\n", "\n\nq\n", ""])
def test_no_line_of_the_class_view_ends_in_a_blank(roros_script: str, answers: str) -> None:
    run = run_process([roros_script, "quiz", "--class", "--count", "10"], input=answers, env={"COLUMNS": "80"})
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode()
    assert "Enter shows the answer" in text
    ending = [line for line in text.splitlines() if line != line.rstrip()]
    assert ending == []
