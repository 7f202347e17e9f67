"""The start-up fast path: it behaves exactly as the Typer app, and keeps drawing code off the hot paths."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from roros_cli import fastpath
from roros_cli.__main__ import main

from conftest import FJELLBY

SAMPLES = {
    "keys...": ["area", "unesco", "populaton"],
    "term": ["glamos", "zeppelin"],
    "value": ["630", "16,510", "abc"],
    "source": ["m", "ha"],
    "target": ["ft", "sq mi"],
}
VALUES = {"units": ["metric", "IMPERIAL"], "precision": ["1", "-1", "10", "-10"], "text": None}


def _forms() -> list[list[str]]:
    """Every flag and option of every fast-path command, each on its own, from the table itself."""
    forms: list[list[str]] = []
    for name, spec in fastpath.SPECS.items():
        base = [name, *(SAMPLES[p][0] for p in spec.positionals)]
        if name == "convert":
            base = ["convert", "630", "m", "ft"]
        forms.append(base)
        forms.extend([*base, flag] for flag in spec.flags if name not in {"quiz"})
        for option, kind in spec.valued.items():
            for value in VALUES[kind] or []:
                forms.append([*base, option, value])
                forms.append([*base, f"{option}={value}"])
        for position, names in enumerate(spec.positionals):
            for sample in SAMPLES[names][1:]:
                form = list(base)
                form[1 + position] = sample
                forms.append(form)
    forms += [["--data", str(FJELLBY), "info"], [f"--data={FJELLBY}", "get", "river"], ["time", "--at", "2026-07-01"]]
    forms += [["get", "area", "elevation", "unesco"], ["get", "area", "nope", "elevation"]]
    return forms


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[object, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    out = capsys.readouterr()
    return exited.value.code, out.out, out.err


@pytest.mark.parametrize("args", _forms(), ids=" ".join)
def test_fast_path_output_is_the_typer_apps_output(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert fastpath.parse(args) is not None, "this form should take the fast path"
    if args[0] == "time" and "--at" not in " ".join(args):
        pytest.skip("the current time differs between two runs")
    fast = _run(args, capsys)
    monkeypatch.setenv("ROROS_NO_FASTPATH", "1")
    slow = _run(args, capsys)
    assert fast == slow


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["nope"],
        ["get"],
        ["get", "--help"],
        ["info", "-h"],
        ["info", "--bogus"],
        ["info", "--units", "kelvin"],
        ["convert", "--", "-5", "m", "ft"],
        ["convert", "-5", "m", "ft"],
        ["convert", "1", "m", "ft", "--precision", "99"],
        ["convert", "1", "m", "ft", "extra"],
        ["--data"],
        ["--version"],
        ["quiz"],
        ["schema"],
        ["info", "--export"],
    ],
    ids=" ".join,
)
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    assert fastpath.parse(args) is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get un", "COMP_CWORD": "2"}, True),
        ({"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get ", "COMP_CWORD": "2"}, True),
        ({"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros convert 3 km2 sq", "COMP_CWORD": "4"}, True),
        ({"_ROROS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "roros get unesco.r"}, True),
        ({"_ROROS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "roros get zz"}, True),
        ({"_ROROS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "roros convert 3 "}, True),
        ({"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros ti", "COMP_CWORD": "1"}, False),
        ({"_ROROS_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "roros get un"}, False),
    ],
)
def test_completion_is_the_same_on_both_paths(roros_script: str, env: dict[str, str], expected: bool) -> None:
    from conftest import run_process

    fast = run_process([roros_script], env=env)
    slow = run_process([roros_script], env={**env, "ROROS_NO_FASTPATH": "1"})
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode == 0


def _modules_after(args: list[str]) -> set[str]:
    probe = (
        "import sys\n"
        "from roros_cli.__main__ import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "names = sorted(sys.modules)\n"
        "import json\n"
        "sys.stderr.write('MODULES=' + json.dumps(names))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, timeout=60, check=False)
    marker = run.stderr.decode().rpartition("MODULES=")[2]
    return {name.split(".")[0] for name in json.loads(marker)}


@pytest.mark.parametrize(
    "args",
    [
        ["get", "area", "--json"],
        ["get", "area"],
        ["info", "--json"],
        ["info", "--plain"],
        ["keys", "--json"],
        ["convert", "630", "m", "ft"],
        ["search", "roros", "--json"],
    ],
    ids=" ".join,
)
def test_paths_that_do_not_draw_import_neither_rich_nor_typer(args: list[str]) -> None:
    modules = _modules_after(args)
    assert "rich" not in modules
    assert "typer" not in modules and "click" not in modules


def test_drawing_imports_rich_but_not_typer() -> None:
    modules = _modules_after(["info"])
    assert "rich" in modules
    assert "typer" not in modules


def test_bare_get_needs_neither_json_nor_rich() -> None:
    modules = _modules_after(["get", "area"])
    assert "json" not in modules
    assert "rich" not in modules
    assert "json" in _modules_after(["get", "area", "--json"])


def test_both_parsers_know_the_same_unit_systems() -> None:
    from roros_cli.cli import Units
    from roros_cli.query import UNIT_SYSTEMS

    assert [system.value for system in Units] == list(UNIT_SYSTEMS)
