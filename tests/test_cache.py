"""The start-up cache: `roros get` and key completion from a ready-to-read file that is never stale, never
trusted when corrupt or not ours, and never needed. And what each everyday path imports (not timing tests:
the figures are bench/startup.py's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FJELLBY, SPAWN_TIMEOUT, run_process

HEAVY = {
    "tomllib",
    "tomli",
    "dataclasses",
    "inspect",
    "rich",
    "typer",
    "roros_cli.loader",
    "roros_cli.model",
    "roros_cli.units",
}


def _cache_files(folder: Path) -> list[Path]:
    return sorted((folder / "roros").glob("*.cache")) if (folder / "roros").exists() else []


@pytest.fixture
def cache_home(tmp_path: Path) -> Path:
    return tmp_path / "cache-home"


def _get(roros: str, cache_home: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return run_process([roros, *args], env={"XDG_CACHE_HOME": str(cache_home)})


def test_get_writes_the_cache_under_xdg_cache_home_and_reads_it_next_time(roros_script: str, cache_home: Path) -> None:
    first = _get(roros_script, cache_home, "get", "area", "unesco")
    assert first.returncode == 0
    files = _cache_files(cache_home)
    assert len(files) == 1
    second = _get(roros_script, cache_home, "get", "area", "unesco")
    assert second.stdout == first.stdout
    assert second.stdout.startswith(b"3.31\nunesco.name\tR\xc3\xb8ros Mining Town")


def test_a_one_byte_change_to_the_data_file_is_seen_at_once(
    roros_script: str, cache_home: Path, tmp_path: Path
) -> None:
    data = tmp_path / "town.toml"
    data.write_text(FJELLBY.read_text(encoding="utf-8"), encoding="utf-8")
    assert _get(roros_script, cache_home, "--data", str(data), "get", "area").stdout == b"2\n"
    assert _get(roros_script, cache_home, "--data", str(data), "get", "area").stdout == b"2\n"  # from the cache
    data.write_text(data.read_text(encoding="utf-8").replace("value = 2.0", "value = 3.0", 1), encoding="utf-8")
    assert _get(roros_script, cache_home, "--data", str(data), "get", "area").stdout == b"3\n"
    assert len(_cache_files(cache_home)) == 2  # one per content: the old entry can never answer for the new file


def test_completion_reads_and_writes_the_cache(roros_script: str, cache_home: Path) -> None:
    env = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get un", "COMP_CWORD": "2"}
    first = run_process([roros_script], env={**env, "XDG_CACHE_HOME": str(cache_home)})
    assert set(first.stdout.decode().split()) >= {"unesco", "unesco.reference"}
    assert _cache_files(cache_home)
    again = run_process([roros_script], env={**env, "XDG_CACHE_HOME": str(cache_home)})
    assert again.stdout == first.stdout


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace("F\tarea\t3.31", "F\tarea\t\x1b[2J3.31"),  # an escape sequence planted
        lambda text: "nonsense\n",
        lambda text: text.replace("roros-cache 1", "roros-cache 0"),
        lambda text: text.replace("G\tunesco\tunesco.name", "G\tunesco\tunesco.nowhere"),
    ],
    ids=["truncated", "escape", "nonsense", "old format", "dangling"],
)
def test_a_corrupt_or_tampered_cache_is_refused(roros_script: str, cache_home: Path, damage: object) -> None:
    _get(roros_script, cache_home, "get", "area")
    (path,) = _cache_files(cache_home)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    run = _get(roros_script, cache_home, "get", "area", "unesco.reference")
    assert (run.returncode, run.stdout, run.stderr) == (0, b"3.31\n55\n", b"")
    assert "\x1b" not in path.read_text(encoding="utf-8")  # the full load wrote it anew


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a file away")
def test_a_cache_file_that_another_user_owns_is_ignored(roros_script: str, cache_home: Path) -> None:
    _get(roros_script, cache_home, "get", "area")
    (path,) = _cache_files(cache_home)
    path.write_text(path.read_text(encoding="utf-8").replace("F\tarea\t3.31", "F\tarea\t999"), encoding="utf-8")
    os.chown(path, 65534, 65534)  # as if planted in a shared folder by someone else
    assert _get(roros_script, cache_home, "get", "area").stdout == b"3.31\n"


def test_an_unusable_cache_folder_costs_only_speed(roros_script: str, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    for home in (blocker, tmp_path / "relative-is-ignored"):
        run = run_process([roros_script, "get", "area"], env={"XDG_CACHE_HOME": str(home)})
        assert (run.returncode, run.stdout, run.stderr) == (0, b"3.31\n", b"")


def test_unknown_keys_and_options_still_get_the_full_answer(roros_script: str, cache_home: Path) -> None:
    _get(roros_script, cache_home, "get", "area")
    unknown = _get(roros_script, cache_home, "get", "populaton")
    assert unknown.returncode == 1 and b"did you mean 'population'?" in unknown.stderr
    imperial = _get(roros_script, cache_home, "get", "area", "--units", "imperial")
    assert imperial.stdout == b"1.28\n"
    as_json = json.loads(_get(roros_script, cache_home, "get", "area", "--json").stdout)
    assert as_json["fact"]["value"] == 3.31


# ---------------------------------------------------------------------------------------------- imports

PROBE = """
import sys
from roros_cli.__main__ import main
try:
    main({args!r})
except SystemExit:
    pass
sys.stderr.write(" ".join(sorted(sys.modules)))
"""


def _imports(args: list[str], env: dict[str, str]) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        capture_output=True,
        env={**os.environ, **env},
        timeout=SPAWN_TIMEOUT,
        check=False,
    )
    return set(run.stderr.decode().split())


def test_a_cached_get_imports_nothing_heavy(cache_home: Path) -> None:
    env = {"XDG_CACHE_HOME": str(cache_home)}
    cold = _imports(["get", "area"], env)
    assert {"tomllib", "roros_cli.loader"} & cold  # the first run loads the file (and writes the cache)
    warm = _imports(["get", "area"], env)
    assert not HEAVY & warm, HEAVY & warm
    assert "roros_cli.cache" in warm


def test_cached_completion_imports_nothing_heavy(cache_home: Path) -> None:
    env = {"XDG_CACHE_HOME": str(cache_home), "_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get un"}
    env["COMP_CWORD"] = "2"
    _imports([], env)
    assert not HEAVY & _imports([], env)


@pytest.mark.parametrize("args", [["info"], ["keys"], ["timeline"], ["search", "copper"], ["check"]])
def test_drawing_paths_never_import_typer_or_jinja(args: list[str], cache_home: Path) -> None:
    loaded = _imports(args, {"XDG_CACHE_HOME": str(cache_home)})
    assert "typer" not in loaded and "jinja2" not in loaded and "astral" not in loaded
    assert "rich" in loaded


@pytest.mark.parametrize("args", [["get", "area", "--json"], ["convert", "630", "m", "ft"], ["info", "--plain"]])
def test_data_paths_never_import_rich_typer_or_jinja(args: list[str], cache_home: Path) -> None:
    loaded = _imports(args, {"XDG_CACHE_HOME": str(cache_home)})
    assert not {"rich", "typer", "jinja2", "astral"} & loaded
