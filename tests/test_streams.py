"""Real processes of the installed entry point: pipes, encodings, broken pipes, completion."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SPAWN_TIMEOUT, popen, run_process, shell


def test_no_escape_codes_when_piped(roros_script: str) -> None:
    for args in (["info"], ["keys"], ["search", "roros"], ["timeline"], ["get", "area"], ["--help"]):
        run = run_process([roros_script, *args], env={"TERM": "xterm-256color"})
        assert run.returncode == 0
        assert b"\x1b" not in run.stdout, args


def test_broken_pipe_exits_quietly(roros_script: str) -> None:
    # `roros info --json | head -c 1`: the reader goes away after one byte.
    producer = popen([roros_script, "info", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None and producer.stderr is not None
    assert producer.stdout.read(1) == b"{"
    producer.stdout.close()
    stderr = producer.stderr.read()
    status = producer.wait(timeout=SPAWN_TIMEOUT)
    assert b"Traceback" not in stderr
    assert stderr == b""
    assert status in (0, 141)


def test_shell_pipeline_to_head(roros_script: str) -> None:
    run = shell("set -o pipefail; roros info --json | head -c 1; echo; echo status=$?")
    assert b"Traceback" not in run.stderr
    assert run.stdout.startswith(b"{")


def test_ascii_stdout_degrades_letters_and_never_raises(roros_script: str) -> None:
    for args in (["info"], ["get", "name"], ["search", "glamos"]):
        run = run_process([roros_script, *args], env={"PYTHONIOENCODING": "ascii"})
        assert run.returncode == 0, run.stderr
        assert b"Traceback" not in run.stderr
        run.stdout.decode("ascii")  # every byte is ASCII
    assert run_process([roros_script, "get", "name"], env={"PYTHONIOENCODING": "ascii"}).stdout == b"R?ros\n"


def test_ascii_stdout_json_stays_valid_json_with_escapes(roros_script: str) -> None:
    run = run_process([roros_script, "get", "name", "--json"], env={"PYTHONIOENCODING": "ascii"})
    assert b"\\u00f8" in run.stdout
    assert json.loads(run.stdout)["fact"]["value"] == "Røros"


def test_utf8_json_is_not_escaped(roros_script: str) -> None:
    run = run_process([roros_script, "get", "name", "--json"], env={"PYTHONIOENCODING": "utf-8"})
    assert "Røros".encode() in run.stdout


def test_errors_go_to_stderr_only(roros_script: str) -> None:
    run = run_process([roros_script, "get", "nope"])
    assert run.returncode == 1
    assert run.stdout == b""
    assert run.stderr.startswith(b"roros: error: no fact 'nope'")


def test_readable_at_40_columns(roros_script: str) -> None:
    run = run_process([roros_script, "info"], env={"COLUMNS": "40"})
    assert max(len(line) for line in run.stdout.decode().splitlines()) <= 40


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("roros get un", 2, {"unesco", "unesco.reference"}),
        ("roros get unesco.r", 2, {"unesco.reference", "unesco.reason"}),
        ("roros convert 3 km2 sq", 4, {"sqmi", "sqft"}),
        ("roros ti", 1, {"timeline"}),
    ],
)
def test_bash_completion(roros_script: str, words: str, cword: int, expected: set[str]) -> None:
    run = run_process(
        [roros_script], env={"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    )
    assert run.returncode == 0
    assert expected <= set(run.stdout.decode().split())


def test_python_dash_m_has_the_same_errors(roros_script: str) -> None:
    module = run_process([sys.executable, "-m", "roros_cli", "get", "populaton"])
    script = run_process([roros_script, "get", "populaton"])
    assert (module.returncode, module.stdout, module.stderr) == (script.returncode, script.stdout, script.stderr)
    assert module.returncode == 1
    assert b"did you mean 'population'?" in module.stderr
