"""Strings from a data file are inert: no markup, no emoji codes, no escape sequences reach any output."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FJELLBY, CliInvoker

# As TOML escapes: ESC [ 2J (clear screen), an OSC 8 hyperlink, BEL, the 8-bit CSI U+009B, DEL, a NUL.
EVIL = (
    r"Evil\u001b[2J\u001b]8;;https://example.invalid\u0007link\u001b]8;;\u0007 [bold red]B[/] :coffee: "
    r"\u009b31m \u007f \u0000 abc\u202edcba \u2066iso\u2069 in\u200bvisible \ufeffbom \u2028line"
)
EVIL_TEXT = json.loads('"' + EVIL + '"')  # the same string as Python sees it
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI_AND_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\u2028\u2029]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = FJELLBY.read_text(encoding="utf-8")
    text = text.replace('value = "Fjellby"', f'value = "{EVIL}"')
    text = text.replace('label = "River"', f'label = "{EVIL}"').replace(
        'value = "Fjellelva"', f'value = "{EVIL}"\nnote = "{EVIL}"'
    )
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_inert(out: str, *, coloured: bool = False, shown: bool = True) -> None:
    assert "\x1b[2J" not in out
    assert "\x1b]8" not in out
    assert "\x07" not in out and "\x9b" not in out and "\x00" not in out and "\x7f" not in out
    if not coloured:
        assert "\x1b" not in out
    assert "☕" not in out  # :coffee: stays text
    assert not BIDI_AND_INVISIBLE.search(out)  # shown as \u202e and the like, never passed through
    if shown:
        assert "[bold red]B[/]" in out


VIEWS = [
    ["info"],
    ["info", "--plain"],
    ["info", "--sources"],
    ["get", "river"],
    ["get", "name"],
    ["search", "evil"],
    ["search", "evil", "--plain"],
    ["keys"],
    ["timeline"],
    ["validate"],
]


@pytest.mark.parametrize("args", VIEWS, ids=lambda args: "-".join(args))
def test_terminal_and_plain_outputs_are_inert(cli: CliInvoker, hostile: Path, args: list[str]) -> None:
    for env in ({}, {"FORCE_COLOR": "1"}):
        run = cli("--data", str(hostile), *args, env={"COLUMNS": "300", **env})
        assert run.status == 0, run.stderr
        shown = args[0] not in {"timeline", "validate"}  # these two do not show the hostile facts
        assert_inert(run.stdout, coloured=bool(env), shown=shown)
        if shown:
            assert "\\x1b[2J" in run.stdout  # shown, visibly, as characters


def test_json_escapes_every_control_character(cli: CliInvoker, hostile: Path) -> None:
    run = cli("--data", str(hostile), "info", "--json")
    assert not RAW_CONTROLS.search(run.stdout)
    assert "\\u009b" in run.stdout and "\\u001b" in run.stdout
    doc = json.loads(run.stdout)
    assert doc["place"] == EVIL_TEXT  # the value survives, escaped, for programs
    assert doc["facts"]["river"]["note"] == EVIL_TEXT


def test_error_messages_are_inert(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(FJELLBY.read_text(encoding="utf-8").replace('unit = "km2"', f'unit = "{EVIL}"'), encoding="utf-8")
    run = cli("--data", str(path), "info")
    assert run.status == 3
    assert not RAW_CONTROLS.search(run.stderr)
    validate = cli("validate", str(path))
    assert not RAW_CONTROLS.search(validate.stdout)


def test_svg_export_is_valid_xml_and_inert(cli: CliInvoker, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "sheet.svg"
    run = cli("--data", str(hostile), "info", "--export", str(target))
    assert run.status == 0, run.stderr
    svg = target.read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # valid XML
    assert not RAW_CONTROLS.search(svg)
    shown = "".join(root.itertext()).replace("\xa0", " ")  # Rich writes spaces as no-break spaces
    assert_inert(shown)
    assert "\\x1b[2J" in shown


def test_html_export_parses_and_is_inert(cli: CliInvoker, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    assert cli("--data", str(hostile), "info", "--export", str(target)).status == 0
    html = target.read_text(encoding="utf-8")
    HTMLParser().feed(html)
    assert not RAW_CONTROLS.search(html)
    assert '<span class="bold red">' not in html
    assert "[bold red]B[/]" in html


def test_svg_exports_hold_no_character_xml_forbids(roros_script: str, tmp_path: Path) -> None:
    """U+FFFE and U+FFFF are allowed in TOML but not in XML (Chromium: "PCDATA invalid Char value 65535")."""
    from conftest import run_process

    text = FJELLBY.read_text(encoding="utf-8").replace('value = "Fjellby"', r'value = "Fjell\uFFFFby\uFFFE"')
    text = text.replace('label = "River"', r'label = "Ri\uFFFFver"')
    data = tmp_path / "nonchar.toml"
    data.write_text(text, encoding="utf-8")
    for argv in (["info"], ["timeline"], ["keys"], ["check"]):
        target = tmp_path / f"{argv[0]}.svg"
        run = run_process([roros_script, "--data", str(data), *argv, "--export", str(target)])
        assert run.returncode == 0, run.stderr
        svg = target.read_text(encoding="utf-8")
        ET.fromstring(svg)  # expat refuses U+FFFF: this is the XML check
        assert "\uffff" not in svg and "\ufffe" not in svg
    shown = "".join(ET.fromstring((tmp_path / "info.svg").read_text(encoding="utf-8")).itertext())
    assert "Fjell\\uffffby\\ufffe" in shown
    map_svg = tmp_path / "map.svg"
    assert run_process([roros_script, "--data", str(data), "map", "--export", str(map_svg)]).returncode in (0, 1)
    if map_svg.exists():
        ET.fromstring(map_svg.read_text(encoding="utf-8"))


# What a registered command needs besides the data file to show something; {tmp} is a fresh folder.
# A command not named here is run with no arguments: a new command is covered without anyone adding it,
# and one that needs arguments fails below until they are written here.
ARGUMENTS = {
    "get": ["river"],
    "search": ["evil"],
    "convert": ["630", "m", "ft"],
    "quiz": ["--count", "1", "--seed", "7"],
    "time": ["--at", "2026-07-01 12:00"],
    "slides": ["{tmp}/deck.html"],
}
INPUT = {"quiz": "1\n"}


def _registered() -> list[str]:
    import typer.main

    from roros_cli.cli import app

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_registered_command_is_among_the_generated_views() -> None:
    assert {"map", "sun", "check", "time", "quiz", "info", "get"} <= set(_registered())
    assert set(ARGUMENTS) <= set(_registered()), "arguments for a command that no longer exists"


@pytest.mark.parametrize("name", _registered())
def test_every_registered_command_is_inert(cli: CliInvoker, hostile: Path, tmp_path: Path, name: str) -> None:
    args = [argument.replace("{tmp}", str(tmp_path)) for argument in ARGUMENTS.get(name, [])]
    for env in ({"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}):
        run = cli("--data", str(hostile), name, *args, input=INPUT.get(name), env={"COLUMNS": "160", **env})
        assert run.status not in {2, 70}, run.stderr
        assert_inert(run.stdout, coloured="FORCE_COLOR" in env, shown=False)
        assert_inert(run.stderr, shown=False)
