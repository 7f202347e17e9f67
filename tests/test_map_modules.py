"""The map is four modules, one concern each (maps: the globe and the projection; maplabels: the names; mapterm:
the Braille map; mapexport: GeoJSON and SVG), and each view of `roros map` imports only the ones it draws with.
"""

from __future__ import annotations

import sys

import pytest

from conftest import run_process

MAP_MODULES = ("roros_cli.maps", "roros_cli.maplabels", "roros_cli.mapterm", "roros_cli.mapexport")


def _map_modules_after(args: list[str]) -> set[str]:
    """The map modules a run of `roros ARGS` imports, as Python's own import log (`-X importtime`) lists them."""
    run = run_process([sys.executable, "-X", "importtime", "-m", "roros_cli", *args], env={"COLUMNS": "80"})
    assert run.returncode == 0, run.stderr[-300:]
    logged = {line.rpartition("|")[2].strip() for line in run.stderr.decode().splitlines() if "import time:" in line}
    return logged & set(MAP_MODULES)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["map"], {"roros_cli.maps", "roros_cli.maplabels", "roros_cli.mapterm"}, id="map"),
        pytest.param(
            ["map", "--geojson"], {"roros_cli.maps", "roros_cli.maplabels", "roros_cli.mapexport"}, id="map --geojson"
        ),
        pytest.param(["info", "--plain"], set(), id="info --plain"),
    ],
)
def test_each_view_of_the_map_imports_only_the_modules_it_draws_with(args: list[str], expected: set[str]) -> None:
    assert _map_modules_after(args) == expected
