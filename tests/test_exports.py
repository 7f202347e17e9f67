"""What an export does with what is already at its path (the policy in the README, "Exports"):
a new file is created; a regular file you may write is replaced, and stderr says "replaced"; a read-only file,
a symbolic link or anything not a regular file is refused with status 4 and left as it was; set-id bits are
never carried over; a folder that refuses new files gets the file written in place, as `>` would; SIGTERM
during a write leaves no temporary file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import FJELLBY, popen, run_process


def _export(roros: str, target: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    return run_process([roros, "--data", str(FJELLBY), *extra, "info", "--export", str(target)])


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(".roros-"))


def test_a_new_file_is_written(roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    run = _export(roros_script, target)
    assert (run.returncode, run.stderr.decode()) == (0, f"wrote {target}\n")
    assert target.read_text(encoding="utf-8").startswith("Fjellby")


def test_a_writable_file_is_replaced_and_stderr_says_so(roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    run = _export(roros_script, target)
    assert (run.returncode, run.stderr.decode()) == (0, f"replaced {target}\n")
    assert target.read_text(encoding="utf-8").startswith("Fjellby")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    for command in (["slides", str(tmp_path / "deck.html")], ["map", "--export", str(tmp_path / "m.svg")]):
        first = run_process([roros_script, *command])
        again = run_process([roros_script, *command])
        assert first.stderr.startswith(b"wrote ") and again.stderr.startswith(b"replaced "), command


def test_a_read_only_file_is_refused_as_the_shell_would(roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    run = _export(roros_script, target)
    assert run.returncode == 4
    assert run.stderr.decode().startswith("roros: error: cannot write '")
    assert run.stderr.decode().endswith("': it is read-only (chmod u+w to allow it)\n")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_symbolic_link_is_refused_and_left_as_it_was(roros_script: str, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("the target", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    run = _export(roros_script, link)
    assert run.returncode == 4
    assert b"is a symbolic link" in run.stderr and str(real).encode() not in run.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "the target"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    assert _export(roros_script, dangling).returncode == 4
    assert not (tmp_path / "nowhere.txt").exists()


def test_a_folder_or_a_fifo_is_refused(roros_script: str, tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    for name, why in (("folder.txt", b"is a directory"), ("pipe.txt", b"is not a regular file")):
        run = _export(roros_script, tmp_path / name)
        assert run.returncode == 4 and why in run.stderr, run.stderr


def test_set_id_bits_are_never_carried_over(roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o6755)
    if stat.S_IMODE(target.stat().st_mode) != 0o6755:
        pytest.skip("this file system keeps no set-id bits")
    assert _export(roros_script, target).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


@pytest.fixture
def closed_folder(tmp_path: Path) -> object:
    """A folder where no new file can be made, but its files can be written: read-only for a user, immutable
    (chattr +i) for root, which ignores permissions."""
    folder = tmp_path / "closed"
    folder.mkdir()
    target = folder / "sheet.txt"
    target.write_text("old", encoding="utf-8")
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False, timeout=10)
        if made.returncode != 0:
            pytest.skip("chattr +i is not possible here")
        yield target
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False, timeout=10)
    else:
        folder.chmod(0o555)
        yield target
        folder.chmod(0o755)


def test_a_writable_file_in_a_closed_folder_is_written_in_place(roros_script: str, closed_folder: Path) -> None:
    target = closed_folder
    run = _export(roros_script, target)
    assert (run.returncode, run.stderr.decode()) == (0, f"replaced {target}\n")
    assert target.read_text(encoding="utf-8").startswith("Fjellby")
    assert _leftovers(target.parent) == []
    new = _export(roros_script, target.parent / "new.txt")
    assert new.returncode == 4 and b"cannot write" in new.stderr


def test_sigterm_during_an_export_leaves_no_temporary_file(roros_script: str, tmp_path: Path) -> None:
    """Killed the moment its temporary file appears (a file to wait for, not a time): the target is then
    absent or whole, and no `.roros-*.tmp` is left."""
    caught = 0
    for attempt in range(30):
        target = tmp_path / f"deck{attempt}.html"
        process = popen([roros_script, "slides", str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None:
            os.sched_yield()  # a watch that leaves the core to the writer it watches
            if _leftovers(tmp_path):
                process.send_signal(signal.SIGTERM)
                caught += 1
                break
        process.wait(timeout=60)
        assert _leftovers(tmp_path) == [], attempt
        assert not target.exists() or target.read_text(encoding="utf-8").rstrip().endswith("</html>")
        if caught >= 3:
            break
    assert caught >= 1, "the temporary file was never seen: no kill landed during a write"
