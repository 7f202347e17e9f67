"""The docs' complete example ships as `docs/examples/kongsberg.toml` (the file `roros validate --help` names),
is the same as the block in `docs/data-format.md`, and goes through every command: each ends with a documented
status and one clear message where it cannot answer; never a traceback, never status 70."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, CliInvoker, run_process

EXAMPLE = ROOT / "docs" / "examples" / "kongsberg.toml"
NEEDS_A_ZONE = {"time", "sun"}  # these need timezone.iana, which the example has


def test_the_shipped_example_is_the_docs_complete_example() -> None:
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = doc.split("## A complete example", 1)[1]
    block = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert block is not None
    assert EXAMPLE.read_text(encoding="utf-8") == block.group(1)


COMMANDS = [
    ["info"],
    ["info", "--sources"],
    ["info", "--plain"],
    ["info", "--json"],
    ["info", "--units", "imperial"],
    ["get", "name"],
    ["get", "area", "--units", "imperial"],
    ["get", "coordinates"],
    ["get", "population", "--json"],
    ["keys"],
    ["keys", "--json"],
    ["search", "silver"],
    ["timeline"],
    ["timeline", "--json"],
    ["check"],
    ["check", "--json"],
    ["time"],
    ["sun"],
    ["sun", "--year", "2026"],
    ["sun", "--date", "2026-06-21"],
    ["map"],
    ["map", "--geojson"],
    ["validate"],
    ["quiz", "-n", "3", "--seed", "7"],
    ["quiz", "-n", "3", "--seed", "7", "--json"],
    ["quiz", "-n", "3", "--seed", "1", "--worksheet", "{tmp}/sheet.html"],
    ["slides", "{tmp}/deck.html", "--quiz", "3", "--seed", "7"],
    ["info", "--export", "{tmp}/sheet.svg"],
    ["info", "--export", "{tmp}/sheet.html"],
    ["keys", "--export", "{tmp}/keys.txt"],
    ["map", "--export", "{tmp}/map.svg"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args).replace("{tmp}/", ""))
def test_every_command_takes_the_example(cli: CliInvoker, tmp_path: Path, args: list[str]) -> None:
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    run = cli("--data", str(EXAMPLE), *argv, input="1\n1\n1\n")  # an exception here fails the test
    assert "Traceback" not in run.stderr
    assert run.status == 0, run.stderr
    assert run.stdout.strip() or list(tmp_path.iterdir())


@pytest.mark.parametrize("command", sorted(NEEDS_A_ZONE))
def test_without_its_zone_the_example_names_the_missing_fact(cli: CliInvoker, tmp_path: Path, command: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("[timezone.iana]")
    zoneless = tmp_path / "zoneless.toml"
    zoneless.write_text(text[:start] + text[text.index("quiz = false", start) + len("quiz = false\n") :], "utf-8")
    run = cli("--data", str(zoneless), command)
    assert run.status in {1, 3} and "Traceback" not in run.stderr
    assert "timezone.iana" in run.stderr and run.stderr.count("\n") == 1


def test_validate_passes_in_a_real_process(roros_script: str) -> None:
    run = run_process([roros_script, "validate", str(EXAMPLE)])
    assert (run.returncode, run.stderr) == (0, b"")
    assert "valid (8 facts in 3 sections)" in run.stdout.decode()
