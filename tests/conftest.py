"""Shared fixtures: a CliRunner that sees what a user sees, the installed entry point, test data files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roros_cli import loader
from roros_cli.cli import app
from roros_cli.model import Place

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FJELLBY = TESTS / "data" / "fjellby.toml"
SOURCE_TEXT = ROOT / "data" / "sources" / "roros-town.txt"


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never depend on the machine: no user data file, a fixed width, no forced colour, a cache folder
    of their own (never the user's ~/.cache)."""
    for name in ("ROROS_DATA", "ROROS_DEBUG", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def cli() -> Iterator[CliInvoker]:
    yield CliInvoker()


class CliInvoker:
    """`cli("get", "area")` runs the Typer app in-process the way the `roros` script would."""

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
        result = CliRunner().invoke(app, list(args), input=input, env=env, prog_name="roros")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def roros_script() -> str:
    """The installed `roros` entry point (beside this Python), for tests that need a real process."""
    beside = Path(sys.executable).parent / ("roros.exe" if os.name == "nt" else "roros")
    found = str(beside) if beside.exists() else shutil.which("roros")
    if not found:
        pytest.fail("the roros script is not installed: run `pip install -e '.[test]'` first")
    return found


def run_process(
    argv: Sequence[str], *, input: str | bytes | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    merged = {**os.environ, **(env or {})}
    data = input.encode() if isinstance(input, str) else input
    return subprocess.run(list(argv), input=data, capture_output=True, env=merged, cwd=cwd, timeout=60, check=False)


@pytest.fixture(scope="session")
def place() -> Place:
    return loader.load()


@pytest.fixture(scope="session")
def fjellby() -> Place:
    return loader.load(str(FJELLBY))
