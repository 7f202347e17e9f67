"""What the README promises a newcomer (issue 24): how `roros` gets on PATH, what the set-up assumes, examples
that do not undo each other, and lists that match the tool."""

from __future__ import annotations

import re
import shlex

from conftest import ROOT, run_process

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
INSTALL = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/roros info"
TESTS = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"


def test_the_two_set_up_commands_stay_as_they_are() -> None:
    assert f"```sh\n{INSTALL}\n```" in README
    assert f"```sh\n{TESTS}\n```" in README
    assert ".venv/bin/python -m pytest" in CI  # `.ci/run` runs the same test command


def test_the_readme_says_how_roros_gets_on_path() -> None:
    set_up = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    for way in (". .venv/bin/activate", "pipx install .", "uv tool install ."):
        assert way in set_up, way


def test_the_readme_says_what_the_set_up_assumes() -> None:
    set_up = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    assert "python3-venv" in set_up
    assert "minutes" in set_up
    assert "chromium" in set_up.lower() and "skipped" in set_up


def test_no_classroom_example_overwrites_a_file_an_earlier_one_wrote() -> None:
    block = README.split("## In the classroom", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    written: list[str] = []
    for line in block.splitlines():
        words = shlex.split(line.split("#", 1)[0])
        for option in ("--worksheet", "--export"):
            if option in words:
                path = words[words.index(option) + 1]
                assert path not in written, f"{line!r} replaces {path}"
                written.append(path)
        if words[:2] == ["roros", "slides"]:
            written.append(words[2])
    assert len(written) >= 3


def test_the_json_kinds_in_the_readme_are_the_kinds_roros_schema_has(roros_script: str) -> None:
    sentence = re.search(r"JSON Schema \(draft 2020-12\) of each kind — (.*?) —", README, re.DOTALL)
    assert sentence is not None
    listed = re.findall(r"`([a-z_]+)`", sentence.group(1))
    refused = run_process([roros_script, "schema", "no-such-kind"])
    assert refused.returncode == 2
    offered = refused.stderr.decode().split("choose one of:", 1)[1]
    kinds = {word.strip(" .\n") for word in offered.split(",")} - {"data"}  # data: the file's, not a document's
    assert len(kinds) == 15 and "map_places" in kinds  # the 15th, `map --places --json`, was missing
    assert sorted(listed) == sorted(kinds)


def test_scientific_notation_for_e_notation_input_starts_at_10_cubed(roros_script: str) -> None:
    assert "from 10⁴ up" not in README
    assert "from 10³ up" in README
    run = run_process([roros_script, "convert", "1.23e3", "m", "ft"], env={"PYTHONIOENCODING": "utf-8"})
    assert run.stdout.decode() == "4.04×10³ ft\n"
    assert run_process([roros_script, "convert", "1.23e2", "m", "ft"]).stdout.decode() == "404 ft\n"


def test_the_readme_documents_the_width_of_a_pipe() -> None:
    assert "a fixed\n80 columns" in README or "a fixed 80 columns" in README
