"""What roros echoes back is shown, never obeyed, and short: a newline in an argument cannot forge a second
message line, a long --data path is cut to 60 characters, and closed streams are reported, not papered over."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FJELLBY, run_process, shell

FORGED = "x\nroros: all good"


@pytest.mark.parametrize(
    "argv",
    [
        ["get", FORGED],
        ["search", FORGED],
        ["convert", "1", FORGED, "ft"],
        ["--data", FORGED, "info"],
        ["info", "--export", FORGED + ".txt"],
        ["schema", FORGED],
    ],
    ids=["get", "search", "convert", "data", "export", "schema"],
)
def test_a_newline_in_an_argument_cannot_forge_a_message_line(
    roros_script: str, argv: list[str], tmp_path: Path
) -> None:
    run = run_process([roros_script, *argv], cwd=tmp_path)
    assert run.returncode != 0 or argv[1] == "--export"
    lines = run.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert "x\\nroros: all good" in lines[0]


def test_validate_shows_a_newline_in_a_file_name_escaped(roros_script: str, tmp_path: Path) -> None:
    path = tmp_path / FORGED
    path.write_text(FJELLBY.read_text(encoding="utf-8").replace("[meta]", "[meta]\nbogus = 1", 1), encoding="utf-8")
    run = run_process([roros_script, "validate", str(path)])
    assert run.returncode == 3
    assert all(line.startswith(("…", "/")) for line in run.stdout.decode().splitlines())


LONG = "d" * 100_000


def test_a_long_data_path_is_cut_to_60_characters(roros_script: str) -> None:
    for argv in (["--data", f"/{LONG}/town.toml", "info"], ["validate", f"/{LONG}/town.toml"]):
        run = run_process([roros_script, *argv])
        assert run.returncode == 3
        text = (run.stdout + run.stderr).decode()
        assert len(text) < 300, len(text)
        assert "town.toml" in text  # the end of the path, where the file's name is, is kept


def test_validate_cuts_a_long_path_on_every_line(roros_script: str, tmp_path: Path) -> None:
    folder = tmp_path / ("p" * 200)
    folder.mkdir()
    path = folder / "town.toml"
    bad = "".join(f"x{i} = {i}\n" for i in range(50))
    path.write_text(FJELLBY.read_text(encoding="utf-8").replace("[meta]", "[meta]\n" + bad, 1), encoding="utf-8")
    run = run_process([roros_script, "validate", str(path)])
    lines = run.stdout.decode().splitlines()
    assert len(lines) == 51
    for line in lines:
        shown = line.split(": ")[0].split(":")[0]
        assert len(shown) == 60 and shown.endswith("town.toml"), line


def test_with_stderr_closed_a_usage_error_never_goes_to_stdout(roros_script: str) -> None:
    for argv in ("nope", "get", "info --bogus"):
        run = shell(f'roros {argv} 2>&-; echo "status $?"')
        assert run.stdout == b"status 2\n", (argv, run.stdout)


def test_help_into_a_closed_stdout_is_an_output_error(roros_script: str) -> None:
    for argv in ("info --help", "--help", "--version"):
        run = shell(f'roros {argv} >&-; echo "status $?" >&2')
        assert run.stderr.decode().endswith("status 74\n"), (argv, run.stderr)
        assert "closed" in run.stderr.decode()


def test_batch_json_with_stdin_closed_writes_no_half_document(roros_script: str) -> None:
    run = shell('roros convert - m ft --json <&-; echo "status $?" >&2')
    assert run.stdout == b""
    assert run.stderr.decode().endswith("status 74\n")
