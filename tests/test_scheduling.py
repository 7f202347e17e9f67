"""The suite's workers each take whole the modules with a shared set-up (tests/scheduling.py): checked in a
real two-worker xdist session on a small suite of its own, and on this suite's own modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import scheduling

from conftest import SHARED_SET_UP, SPAWN_TIMEOUT, TESTS

SMALL_CONFTEST = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
import scheduling

def pytest_xdist_make_scheduler(config, log):
    return scheduling.make_scheduler(config, log, {{"test_shared.py"}})
"""

# Each test notes which worker ran it; the shared module's set-up notes each time it is built.
SHARED = """
import os, pytest
@pytest.fixture(scope="module")
def costly():
    with open("built.txt", "a") as f:
        f.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
@pytest.mark.parametrize("n", range(12))
def test_shared(costly, n):
    with open("shared.txt", "a") as f:
        f.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""
OTHER = """
import os, pytest
@pytest.mark.parametrize("n", range(12))
def test_other(n):
    with open("other.txt", "a") as f:
        f.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_a_shared_module_runs_whole_on_one_worker_and_builds_its_set_up_once(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(SMALL_CONFTEST, encoding="utf-8")
    (tmp_path / "test_shared.py").write_text(SHARED, encoding="utf-8")
    (tmp_path / "test_other.py").write_text(OTHER, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-n", "2"]
    argv += ["--dist", "loadgroup"]
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}  # a session of its own
    run = subprocess.run(
        [*argv, "-c", str(tmp_path / "pytest.ini"), str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=SPAWN_TIMEOUT,
        check=False,
    )
    assert run.returncode == 0, run.stdout.decode()[-2000:]
    shared = (tmp_path / "shared.txt").read_text().split()
    assert len(shared) == 12 and len(set(shared)) == 1, shared
    assert (tmp_path / "built.txt").read_text().split() == shared[:1]
    assert len((tmp_path / "other.txt").read_text().split()) == 12


def test_each_shared_module_is_one_unit_and_every_other_test_its_own() -> None:
    for name in SHARED_SET_UP:
        assert (TESTS / name).exists(), name
        assert scheduling.unit(f"tests/{name}::test_a[1]", SHARED_SET_UP) == f"tests/{name}"
        assert scheduling.unit(f"tests/{name}::Class::test_b", SHARED_SET_UP) == f"tests/{name}"
    assert scheduling.unit("tests/test_units.py::test_a[x]", SHARED_SET_UP) == "tests/test_units.py::test_a[x]"
