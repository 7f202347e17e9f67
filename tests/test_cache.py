"""The built-in file's packaged values: `roros get` and key completion without the whole load, answering only
for the bytes they were made from; nothing is ever written (the old per-user cache could be raced, forged,
planted as a FIFO, and grew without bound: each case below is now impossible). And what each everyday path
imports (not timing tests: the figures are bench/startup.py's)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from roros_cli import loader, prebuilt

from conftest import FJELLBY, ROOT, SPAWN_TIMEOUT, run_process

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


def _files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*")) if folder.exists() else []


def test_the_packaged_values_are_those_of_the_built_in_file() -> None:
    """Tied to data/roros.toml: after an edit, run tools/make_values.py (until then get only loses speed)."""
    raw = (ROOT / "data" / "roros.toml").read_bytes()
    packaged = Path(prebuilt.values_path()).read_text(encoding="utf-8")
    entry = prebuilt.parse(packaged, prebuilt.digest(raw))
    assert entry is not None, "src/roros_cli/roros.values is stale: run python tools/make_values.py"
    place = loader.load()
    assert entry.keys == place.all_keys()
    from roros_cli.query import bare_value

    assert entry.bare == {key: bare_value(fact) for key, fact in place.facts.items()}


def test_the_values_answer_only_for_the_bytes_they_were_made_from() -> None:
    raw = (ROOT / "data" / "roros.toml").read_bytes()
    packaged = Path(prebuilt.values_path()).read_text(encoding="utf-8")
    assert prebuilt.parse(packaged, prebuilt.digest(raw)) is not None
    edited = raw.replace(b"value = 3.31", b"value = 3.32", 1)
    assert edited != raw
    assert prebuilt.parse(packaged, prebuilt.digest(edited)) is None
    assert prebuilt.parse(packaged, prebuilt.digest(raw + b"\n")) is None


def test_an_edited_built_in_file_is_loaded_in_full(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    edited = tmp_path / "roros.toml"
    text = (ROOT / "data" / "roros.toml").read_text(encoding="utf-8")
    edited.write_text(text.replace("value = 3.31", "value = 3.32", 1), encoding="utf-8")
    from roros_cli import datafile, fastpath

    monkeypatch.setattr(prebuilt, "builtin_path", lambda: str(edited))
    monkeypatch.setattr(datafile, "builtin_path", lambda: str(edited))
    monkeypatch.setattr(loader, "builtin_path", lambda: str(edited))
    assert prebuilt.read(None) is None
    assert fastpath._prebuilt_get(["get", "area"]) is None  # so the full load answers: 3.32


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace("F\tarea\t3.31", "F\tarea\t\x1b[2J3.31"),  # an escape sequence
        lambda text: text.replace("roros-values 1", "roros-values 0"),
        lambda text: text.replace("G\tunesco\tunesco.name", "G\tunesco\tunesco.nowhere"),
    ],
    ids=["truncated", "escape", "old format", "dangling"],
)
def test_damaged_values_are_refused(damage: object) -> None:
    raw = (ROOT / "data" / "roros.toml").read_bytes()
    packaged = Path(prebuilt.values_path()).read_text(encoding="utf-8")
    assert prebuilt.parse(damage(packaged), prebuilt.digest(raw)) is None  # type: ignore[operator]


# ------------------------------------------------------------------------- what the old cache allowed


def _old_cache_name(raw: bytes) -> str:
    """Where the removed per-user cache kept the built-in file's values: a name anyone could predict."""
    from roros_cli import __version__

    return f"{prebuilt.digest(raw)}-{__version__}-py{sys.version_info[0]}{sys.version_info[1]}.cache"


@pytest.fixture
def homes(tmp_path: Path) -> dict[str, str]:
    home, cache = tmp_path / "home", tmp_path / "xdg-cache"
    home.mkdir()
    cache.mkdir()
    return {"HOME": str(home), "XDG_CACHE_HOME": str(cache)}


def test_nothing_is_ever_written_under_home_or_xdg_cache_home(
    roros_script: str, homes: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "town.toml"
    text = FJELLBY.read_text(encoding="utf-8")
    completion = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get un", "COMP_CWORD": "2"}
    for edit in range(2):  # each edit once made a new cache file, never removed
        data.write_text(text.replace("value = 2.0", f"value = {edit + 2}.0", 1), encoding="utf-8")
        for argv, extra in [
            (["get", "area"], {}),
            (["--data", str(data), "get", "area"], {}),
            (["get", "area"], {"ROROS_DATA": str(data)}),
            (["info", "--plain"], {}),
            ([], completion),
            ([], {**completion, "ROROS_DATA": str(data)}),
        ]:
            run = run_process([roros_script, *argv], env={**homes, **extra})
            assert run.returncode == 0, run.stderr
    assert _files_under(Path(homes["HOME"])) == []
    assert _files_under(Path(homes["XDG_CACHE_HOME"])) == []


def test_a_missing_home_is_never_created(roros_script: str, tmp_path: Path) -> None:
    nowhere = tmp_path / "nonexistent"
    env = {"HOME": str(nowhere), "XDG_CACHE_HOME": ""}
    run = run_process([roros_script, "get", "area"], env=env)
    assert (run.returncode, run.stdout) == (0, b"3.31\n")
    run = run_process([roros_script, "--data", str(FJELLBY), "get", "area"], env=env)
    assert (run.returncode, run.stdout) == (0, b"2\n")
    assert not nowhere.exists()


def test_a_fifo_or_a_forgery_at_the_old_cache_name_is_never_opened(roros_script: str, homes: dict[str, str]) -> None:
    raw = (ROOT / "data" / "roros.toml").read_bytes()
    folder = Path(homes["XDG_CACHE_HOME"]) / "roros"
    folder.mkdir(mode=0o777)
    os.mkfifo(folder / _old_cache_name(raw))  # once hung get and TAB forever
    forged = FJELLBY.read_bytes()
    (folder / _old_cache_name(forged)).write_text("roros-cache 1 0.1.0\nF\tarea\t99999 (forged)\n", encoding="utf-8")
    completion = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get are", "COMP_CWORD": "2"}
    assert run_process([roros_script, "get", "area"], env=homes).stdout == b"3.31\n"
    assert run_process([roros_script], env={**homes, **completion}).stdout == b"area\n"
    assert run_process([roros_script, "--data", str(FJELLBY), "get", "area"], env=homes).stdout == b"2\n"


SWAPPER = textwrap.dedent(
    """
    import os, sys
    target, first, second = sys.argv[1:4]
    swaps = 0
    while True:
        for source in (first, second):
            with open(source, "rb") as handle:
                data = handle.read()
            with open(target + ".new", "wb") as handle:
                handle.write(data)
            os.replace(target + ".new", target)
            os.sched_yield()  # a busy writer, not one that starves the readers on a small machine
            swaps += 1
            if swaps == 2:
                print("swapping", flush=True)
    """
)


def test_a_data_file_swapped_while_read_always_gives_its_own_values(roros_script: str, tmp_path: Path) -> None:
    """An editor saving while a script calls `roros get`: every answer is one file's, and afterwards each file
    gives its own value (the old cache gave file 2's value to file 1 for good)."""
    text = FJELLBY.read_text(encoding="utf-8")
    first, second, target = tmp_path / "v1.toml", tmp_path / "v2.toml", tmp_path / "d.toml"
    first.write_text(text.replace("value = 2.0", "value = 111.0", 1), encoding="utf-8")
    second.write_text(text.replace("value = 2.0", "value = 222.0", 1), encoding="utf-8")
    target.write_bytes(first.read_bytes())
    writer = subprocess.Popen(
        [sys.executable, "-c", SWAPPER, str(target), str(first), str(second)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "swapping\n"  # a signal, not a sleep
        answers = set()
        for _ in range(8):
            run = run_process([roros_script, "--data", str(target), "get", "area"])
            assert run.returncode == 0, run.stderr
            answers.add(run.stdout)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    assert answers <= {b"111\n", b"222\n"}
    final = b"111\n" if b"111.0" in target.read_bytes() else b"222\n"
    for path, value in ((first, b"111\n"), (second, b"222\n"), (target, final)):
        assert run_process([roros_script, "--data", str(path), "get", "area"]).stdout == value


def test_unknown_keys_and_options_still_get_the_full_answer(roros_script: str) -> None:
    unknown = run_process([roros_script, "get", "populaton"])
    assert unknown.returncode == 1 and b"did you mean 'population'?" in unknown.stderr
    imperial = run_process([roros_script, "get", "area", "--units", "imperial"])
    assert imperial.stdout == b"1.28\n"
    as_json = json.loads(run_process([roros_script, "get", "area", "--json"]).stdout)
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
        check=False,
        timeout=SPAWN_TIMEOUT,
    )
    return set(run.stderr.decode().split())


def test_get_on_the_built_in_file_imports_nothing_heavy() -> None:
    loaded = _imports(["get", "area"], {})
    assert not HEAVY & loaded, HEAVY & loaded
    assert "roros_cli.prebuilt" in loaded
    assert {"tomllib", "roros_cli.loader"} & _imports(["--data", str(FJELLBY), "get", "area"], {})  # read in full


def test_completion_on_the_built_in_file_imports_nothing_heavy() -> None:
    env = {"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get un", "COMP_CWORD": "2"}
    assert not HEAVY & _imports([], env)


@pytest.mark.parametrize("args", [["info"], ["keys"], ["timeline"], ["search", "copper"], ["check"]])
def test_drawing_paths_never_import_typer_or_jinja(args: list[str]) -> None:
    loaded = _imports(args, {})
    assert "typer" not in loaded and "jinja2" not in loaded and "astral" not in loaded
    assert "rich" in loaded


@pytest.mark.parametrize("args", [["get", "area", "--json"], ["convert", "630", "m", "ft"], ["info", "--plain"]])
def test_data_paths_never_import_rich_typer_or_jinja(args: list[str]) -> None:
    loaded = _imports(args, {})
    assert not {"rich", "typer", "jinja2", "astral"} & loaded
