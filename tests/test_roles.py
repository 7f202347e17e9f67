"""Roles: the keys views rely on are declared once (`dataformat.ROLES`); a data file may name its own key for a
role in `[meta] roles`, and every view that looks for the role then finds the file's key. Run as a user would."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from roros_cli import dataformat

from conftest import ROROS_SCRIPT, run_process

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")

# A small place whose keys differ from the defaults, naming them in [meta] roles.
RENAMED = """\
[meta]
format = 1
source_title = "Class notes"
roles = { name_sami = "name_sme", nickname = "byname", heritage_area = "heritage.core", \
buffer_zone = "heritage.around", villages = "nearby" }

[name]
label = "Name"
value = "Fjellby"
source = "notes"

[name_sme]
label = "Northern Sami name"
value = "Várrešuoppal"
source = "notes"

[byname]
label = "Called"
value = "The Hill Town"
source = "notes"

[heritage.core]
label = "Protected core"
value = 50
unit = "ha"
source = "notes"

[heritage.around]
label = "Protected surroundings"
value = 20
unit = "ha"
source = "notes"

[coordinates.latitude]
label = "Latitude"
value = 62.57
unit = "deg"
source = "notes"

[coordinates.longitude]
label = "Longitude"
value = 11.38
unit = "deg"
source = "notes"

[nearby.tarn.name]
label = "Tarn"
value = "Tjønnbygda"
source = "notes"

[nearby.tarn.direction]
label = "Direction"
value = "east"
source = "notes"
"""


def _roros(*args: str, data: Path | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80", "LINES": "30", "NO_COLOR": "1"}
    env.pop("ROROS_DATA", None)
    prefix = ["--data", str(data)] if data else []
    run = run_process([ROROS_SCRIPT, *prefix, *args], env=env, cwd=cwd)
    return subprocess.CompletedProcess(run.args, run.returncode, run.stdout.decode(), run.stderr.decode())


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "fjellby.toml"
    path.write_text(RENAMED, encoding="utf-8")
    return path


def test_the_guide_lists_the_declared_roles() -> None:
    start = GUIDE.index("| role | default key | what it is |")
    block = GUIDE[start:].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| `([a-z_.]+)` \| (.+) \|$", block, re.MULTILINE)
    assert rows == [(role.name, role.key, role.meaning) for role in dataformat.ROLES]


def test_the_slides_title_shows_the_facts_the_file_names_for_its_roles(renamed: Path, tmp_path: Path) -> None:
    run = _roros("slides", "deck.html", data=renamed, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert "Northern Sami name: Várrešuoppal" in page
    assert "Called: The Hill Town" in page


def test_check_compares_the_heritage_areas_the_file_names(renamed: Path) -> None:
    run = _roros("check", "--json", data=renamed)
    document = json.loads(run.stdout)
    [buffer] = [c for c in document["checks"] if c["relation"].startswith("buffer zone")]
    assert buffer["status"] == "disagrees"  # 20 ha around a 50 ha core: the file's own keys were compared
    assert set(buffer["keys"]) == {"heritage.core", "heritage.around"}


def test_check_asks_for_the_files_own_keys_when_they_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "lacking.toml"
    path.write_text(RENAMED.split("[heritage.core]")[0], encoding="utf-8")
    run = _roros("check", data=path)
    assert run.returncode == 0, run.stderr
    assert "needs heritage.core, heritage.around" in " ".join(run.stdout.split())


def test_the_map_lists_the_villages_of_the_group_the_file_names(renamed: Path) -> None:
    run = _roros("map", data=renamed)
    assert run.returncode == 0, run.stderr
    assert "Tjønnbygda: east" in run.stdout


def test_without_roles_the_defaults_play_them() -> None:
    run = _roros("check", "--json")
    document = json.loads(run.stdout)
    [buffer] = [c for c in document["checks"] if c["relation"].startswith("buffer zone")]
    assert set(buffer["keys"]) == {"unesco.area", "unesco.buffer_zone"}


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ('{ bufer_zone = "x" }', "[meta.roles.bufer_zone] unknown role 'bufer_zone' (roles: name_sami, nickname, "
         "heritage_area, buffer_zone, villages); did you mean 'buffer_zone'?"),
        ('{ villages = "two words" }', "[meta.roles.villages] a role names a key such as \"unesco.area\"; "
         "found 'two words'"),
        ('{ villages = 3 }', "[meta.roles.villages] a role names a key such as \"unesco.area\"; found 3"),
        ('"villages"', "[meta.roles] 'roles' must be a table such as { buffer_zone = \"heritage.buffer\" }, "
         "found a string"),
    ],
    ids=["unknown role", "not a key", "not a string", "not a table"],
)  # fmt: skip
def test_a_bad_role_is_refused_with_file_line_and_key(tmp_path: Path, roles: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(RENAMED.replace(RENAMED[RENAMED.index("roles = {") : RENAMED.index("\n\n[name]")],
                                    f"roles = {roles}"), encoding="utf-8")  # fmt: skip
    run = _roros("validate", str(path))
    assert run.returncode == 3
    assert run.stdout.splitlines()[0].endswith(f"bad.toml:4: {message}"), run.stdout
