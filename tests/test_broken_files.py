"""Any data file, however broken, is refused with one clear message: file, place, what is wrong; status 3."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from roros_cli import loader

from conftest import FJELLBY, ROOT, CliInvoker


@pytest.fixture
def tmp_path(short_tmp_path: Path) -> Path:
    """Messages cut a path over 60 characters at its start: these tests name the whole path."""
    return short_tmp_path


GOOD = FJELLBY.read_text(encoding="utf-8")


def _fact(body: str) -> str:
    return GOOD + "\n[extra]\nlabel = 'Extra'\nsource = 's'\n" + body + "\n"


CASES = [
    pytest.param(b"", "is empty", id="empty"),
    pytest.param(b"   \n\n", "is empty", id="blank"),
    pytest.param(
        GOOD.encode("latin-1", errors="replace").replace(b"Fjellby", b"Fj\xe6llby"), "is not UTF-8 text", id="not-utf8"
    ),
    pytest.param(bytes(range(256)) * 4, "binary file", id="binary-garbage"),
    pytest.param((GOOD + "\n[broken\n").encode(), "TOML syntax error", id="syntax-error"),
    pytest.param((GOOD + '\nvalue = "again"\n').encode(), "TOML syntax error: Cannot overwrite", id="duplicate-key"),
    pytest.param(
        GOOD.replace('label = "River"', "label = 42").encode(),
        "'label' must be a non-empty string, found an integer",
        id="wrong-type",
    ),
    pytest.param(
        GOOD.replace('source_title = "Test fixture: the fictional town of Fjellby"', "").encode(),
        "missing required key 'source_title'",
        id="missing-required",
    ),
    pytest.param(GOOD.replace('label = "River"', 'lable = "River"').encode(), "did you mean 'label'", id="unknown-key"),
    pytest.param(_fact("value = nan").encode(), "finite number", id="nan"),
    pytest.param(_fact("value = inf").encode(), "finite number", id="infinity"),
    pytest.param(GOOD.replace("value = 60.5", "value = 91.5").encode(), "between -90 and 90", id="latitude"),
    pytest.param(GOOD.replace("value = 2.0", "value = -2.0").encode(), "an area must be positive", id="negative-area"),
    pytest.param(_fact("value = 123456789012345678901234567890").encode(), "too large", id="huge-int"),
    pytest.param(_fact("value = " + "9" * 5000).encode(), "far too large", id="int-beyond-python"),
    pytest.param(
        (GOOD + "\nx = " + "[" * 3000 + "]" * 3000 + "\n").encode(), "nested far too deeply", id="deep-arrays"
    ),
    pytest.param(
        (GOOD + "\n[" + ".".join(["g"] * 12) + "]\nlabel='L'\nvalue=1\nsource='s'\n").encode(),
        "nested more than 8 deep",
        id="deep-groups",
    ),
    pytest.param((GOOD + "\n[meta2]\nx = 1\n" * 1).encode(), "must be a fact", id="not-a-fact"),
    pytest.param(_fact("value = 1979-05-27").encode(), "found a date or time", id="date"),
    pytest.param(b"x = 1\n" * 200_000, "larger than 1024 KiB", id="too-large"),
    pytest.param(
        (GOOD + "".join(f"\n[many.f{i}]\nlabel='L'\nvalue={i}\nsource='s'\n" for i in range(5001))).encode(),
        "more than 5000 facts",
        id="too-many-facts",
    ),
    pytest.param(
        (GOOD.replace("[river]", "[river]\n" + "".join(f"x{i} = 1\n" for i in range(300)))).encode(),
        "unknown key 'x0' in a fact",
        id="hundreds-of-problems",
    ),
]


@pytest.mark.parametrize(("content", "message"), CASES)
def test_broken_file_is_refused_with_one_clear_message(
    cli: CliInvoker, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "place.toml"
    path.write_bytes(content)
    run = cli("--data", str(path), "info")
    assert run.status == 3
    assert run.stdout == ""
    assert run.stderr.startswith(f"roros: error: {path}")
    assert message in run.stderr
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_syntax_error_names_line_and_column(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "place.toml"
    path.write_text('[meta]\nformat = 1\nsource_title = "x"\n[name]\nvalue = "A\n', encoding="utf-8")
    assert re.search(r"place\.toml:5:\d+: TOML syntax error", cli("--data", str(path), "info").stderr)


def test_missing_file(cli: CliInvoker, tmp_path: Path) -> None:
    run = cli("--data", str(tmp_path / "nope.toml"), "get", "name")
    assert (run.status, run.stdout) == (3, "")
    assert "no such file" in run.stderr


def test_directory(cli: CliInvoker, tmp_path: Path) -> None:
    run = cli("--data", str(tmp_path), "keys")
    assert run.status == 3
    assert "is a directory" in run.stderr


def test_unreadable_file(cli: CliInvoker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make open() refuse as it would for a user
        real_open = os.open

        def refuse(name: str, *args: int, **kwargs: int) -> int:  # rmtree passes dir_fd on Python 3.13
            if name == str(path):
                raise PermissionError(13, "Permission denied")
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    run = cli("--data", str(path), "info")
    assert run.status == 3
    assert "permission denied" in run.stderr


def test_env_variable_file_is_used_and_the_flag_beats_it(cli: CliInvoker, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("nonsense", encoding="utf-8")
    assert cli("get", "name", env={"ROROS_DATA": str(broken)}).status == 3
    assert cli("--data", str(FJELLBY), "get", "name", env={"ROROS_DATA": str(broken)}).stdout == "Fjellby\n"


def test_validate_lists_every_problem_with_lines(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        GOOD.replace('label = "River"', 'lable = "River"').replace("value = 2.0", "value = -2.0"), encoding="utf-8"
    )
    run = cli("validate", str(path))
    assert run.status == 3
    lines = run.stdout.splitlines()
    assert any("unknown key 'lable'" in line and line.startswith(f"{path}:") for line in lines)
    assert any("an area must be positive" in line for line in lines)
    assert lines[-1] == f"{path}: 3 problems"


def test_validate_valid_file_and_json(cli: CliInvoker) -> None:
    run = cli("validate", str(FJELLBY))
    assert run.status == 0
    assert "valid" in run.stdout
    assert cli("validate").stdout.startswith("roros.toml (built in): valid")


def test_validate_never_writes_the_file(cli: CliInvoker, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b"[meta]\nformat = 7\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    cli("validate", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_the_documented_example_is_a_valid_data_file() -> None:
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", doc, flags=re.DOTALL)
    assert example is not None
    place = loader.parse(example.group(1), "example.toml")
    assert place.name == "Kongsberg"
    assert [s.title for s in place.sections] == ["Names", "Geography", "Other facts"]
