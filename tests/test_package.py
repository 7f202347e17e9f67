"""Packaging: the wheel carries the data file, and the installed entry point works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from roros_cli import __version__
from roros_cli.loader import parse

from conftest import ROOT, run_process


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("roros-*.whl"))


@pytest.mark.xdist_group("wheel")  # one worker builds the wheel once for both tests that use it
def test_wheel_contains_the_data_file_and_it_loads(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "roros_cli/data/roros.toml" in names
        text = archive.read("roros_cli/data/roros.toml").decode("utf-8")
    assert parse(text, "wheel").name == "Røros"
    assert "roros_cli/__main__.py" in names
    assert "roros_cli/data/outlines.geojson" in names  # the map's outlines, nothing downloaded at run time
    assert "roros_cli/data/places.json" in names  # GeoNames' places, likewise
    assert "roros_cli/roros.values" in names  # the built-in file's values behind a fast `roros get`
    for template in ("page.html.j2", "slides.html.j2", "worksheet.html.j2"):
        assert f"roros_cli/templates/{template}" in names


def test_installed_script_runs_from_another_folder(roros_script: str, tmp_path: Path) -> None:
    version = run_process([roros_script, "--version"], cwd=tmp_path)
    assert version.returncode == 0
    assert version.stdout.decode().strip() == f"roros {__version__}"
    info = run_process([roros_script, "info"], cwd=tmp_path, env={"COLUMNS": "100"})
    assert info.returncode == 0, info.stderr
    assert "630 m (2,070 ft)" in info.stdout.decode()


def test_python_dash_m_works(tmp_path: Path) -> None:
    run = run_process([sys.executable, "-m", "roros_cli", "get", "area"], cwd=tmp_path)
    assert run.returncode == 0
    assert run.stdout == b"3.31\n"


def test_no_arguments_shows_short_help_and_exits_0(roros_script: str) -> None:
    run = run_process([roros_script])
    assert run.returncode == 0
    assert b"roros info" in run.stdout


def test_dash_h_is_help(roros_script: str) -> None:
    run = run_process([roros_script, "-h"])
    assert run.returncode == 0
    assert b"Usage: roros" in run.stdout


@pytest.mark.xdist_group("wheel")
def test_the_wheel_works_from_a_zip_where_the_data_comes_through_importlib_resources(wheel: Path) -> None:
    # A pure-Python wheel is importable as a zip: then the data file is no file on disk, and the loader
    # must read it through importlib.resources.
    probe = (
        "from roros_cli import loader\n"
        "from roros_cli.datafile import builtin_path\n"
        "assert builtin_path() is None, builtin_path()\n"
        "print(loader.load().facts['area'].value)\n"
        "from roros_cli import maps\n"
        "assert maps.outlines_path() is None\n"
        "print(maps.load_outlines().countries[0].name)\n"
        "from roros_cli import places\n"
        "print(places.find(places.load_places(), 'Tromsø').country)\n"
    )
    run = run_process([sys.executable, "-c", probe], env={"PYTHONPATH": str(wheel)}, cwd=wheel.parent)
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout == b"3.31\nNorway\nNO\n"
