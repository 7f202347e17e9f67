"""Paths that once ended in "internal error" (status 70): a full or closed stream, completion called with a
broken environment, an install that cannot write, a figure that rounds past the largest float. Each now gets
a documented status and, where a stream is left to say it on, one line that says what could not be done."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import FJELLBY, SPAWN_TIMEOUT, popen, run_process

FULL = "/dev/full"
pytestmark = pytest.mark.skipif(not os.path.exists(FULL), reason="needs /dev/full")


def _run(argv: list[str], **streams: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, timeout=60, check=False, capture_output=not streams, **streams)  # type: ignore[call-overload, no-any-return]


def test_help_to_a_full_disk_is_an_output_error(roros_script: str) -> None:
    with open(FULL, "w") as full:
        process = popen([roros_script, "--help"], stdout=full, stderr=subprocess.PIPE)
        _, stderr = process.communicate(timeout=SPAWN_TIMEOUT)
    assert process.returncode == 74, stderr
    assert stderr.decode().startswith("roros: error: cannot write the output")
    assert b"internal error" not in stderr and stderr.count(b"\n") == 1


def test_a_usage_error_with_stderr_on_a_full_disk_keeps_its_status(roros_script: str) -> None:
    with open(FULL, "w") as full:
        process = popen([roros_script, "nope"], stdout=subprocess.PIPE, stderr=full)
        stdout, _ = process.communicate(timeout=SPAWN_TIMEOUT)
    assert process.returncode == 2
    assert stdout == b""


@pytest.mark.parametrize("cword", [None, "", "abc"])
def test_bash_completion_with_a_broken_cword_offers_nothing(roros_script: str, cword: str | None) -> None:
    env = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get"}
    if cword is not None:
        env["COMP_CWORD"] = cword
    run = run_process([roros_script], env=env, unset=["COMP_CWORD"] if cword is None else [])
    assert (run.returncode, run.stdout, run.stderr) == (0, b"", b"")


def test_install_completion_into_a_home_that_cannot_be_written(roros_script: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    home = blocker / "home"  # every write under it fails (ENOTDIR), as under a read-only home
    # The shell is the one named: else Typer looks for a shell among pytest's parents, and a run started without
    # one (a service, a detached job) gets "Shell None is not supported" and status 1 instead.
    env = {"HOME": str(home), "SHELL": "/bin/bash", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    run = run_process([roros_script, "--install-completion", "bash"], env=env)
    assert run.returncode == 4, run.stderr
    assert run.stderr.decode().startswith("roros: error: cannot install the completion script")
    assert b"internal error" not in run.stderr and run.stderr.count(b"\n") == 1


# ------------------------------------------------------------------------ figures past the largest float


def test_a_conversion_that_rounds_past_the_largest_float_says_so(roros_script: str) -> None:
    for extra in ([], ["--json"]):
        run = run_process([roros_script, "convert", "1.67e307", "m2", "sqft", *extra])
        assert run.returncode == 2, run.stderr
        assert b"too large" in run.stderr and run.stderr.count(b"\n") == 1
        assert run.stdout == b""


def test_batch_json_never_writes_infinity(roros_script: str) -> None:
    run = run_process([roros_script, "convert", "-", "m2", "sqft", "--json"], input="1.67e307\n2\n")
    document = json.loads(run.stdout, parse_constant=lambda name: pytest.fail(f"not JSON: {name}"))
    assert [result["input"]["text"] for result in document["results"]] == ["2"]
    assert document["error_count"] == 1 and "too large" in document["errors"][0]["message"]
    assert run.returncode == 1
    plain = run_process([roros_script, "convert", "-", "m2", "sqft"], input="1.67e307\n2\n")
    assert b"inf" not in plain.stdout.lower() and b"too large" in plain.stderr


def test_get_in_other_units_never_prints_inf(roros_script: str, tmp_path: Path) -> None:
    text = FJELLBY.read_text(encoding="utf-8")
    data = tmp_path / "huge.toml"
    data.write_text(
        text + "\n[huge]\nlabel = 'Huge'\nvalue = 1.67e307\nunit = 'km2'\nconvert = ['sqmi', 'acre']\nsource = 's'\n",
        encoding="utf-8",
    )
    for units in ("imperial", "metric", "both"):
        run = run_process([roros_script, "--data", str(data), "get", "huge", "--units", units])
        assert run.returncode == 0, run.stderr
        assert b"inf" not in run.stdout.lower()
    info = run_process([roros_script, "--data", str(data), "info", "--plain", "--units", "imperial"])
    assert b"inf" not in info.stdout.lower().replace(b"info", b"")
