"""The fork server (tests/forkserver.py) gives what an exec of the script gives: the same bytes on stdout and
stderr, the same status, the same files written, for the streams, encodings, widths, colours, errors and
limits the suite uses. If it did not, every test that runs `roros` through `run_process` would be testing
something a user never runs."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

import forkserver

from conftest import FJELLBY, ROROS_SCRIPT, SPAWN_TIMEOUT, STARTED_WITH, Terminal, popen, read_until, shell, shell_popen

pytestmark = pytest.mark.skipif(not forkserver.available(), reason="the fork server is Linux only")

# (arguments, environment, stdin): a piped view, JSON, colour, narrow, a quiz fed its answers, a usage error, a
# bad key, help in colour (which imports typer.rich_utils in the child, with its own environment), an ASCII
# stdout, the fast path, the sun and the map, a data file from the environment.
CASES = {
    "info": (["info"], {}, None),
    "info json": (["info", "--json"], {}, None),
    "check 40 columns": (["check"], {"COLUMNS": "40"}, None),
    "info in colour": (["info"], {"FORCE_COLOR": "1"}, None),
    "quiz with answers": (["quiz", "-n", "3", "--seed", "1"], {"NO_COLOR": "1"}, b"1\n2\nnot a number\n"),
    "quiz at end of input": (["quiz", "-n", "3", "--seed", "2"], {}, b""),
    "usage error": (["info", "--nope"], {}, None),
    "unknown key": (["get", "nope"], {}, None),
    "help in colour": (["--help"], {"FORCE_COLOR": "1", "COLUMNS": "60"}, None),
    "ascii stdout": (["convert", "40", "m2", "sqmi"], {"PYTHONIOENCODING": "ascii"}, None),
    "ascii fast path": (["get", "name"], {"PYTHONIOENCODING": "ascii"}, None),
    "latin-1 with replace": (["info", "--plain"], {"PYTHONIOENCODING": "latin-1:replace"}, None),
    "sun": (["sun", "--date", "2026-06-21"], {}, None),
    "map": (["map", "--places"], {"COLUMNS": "80"}, None),
    "other data": (["timeline"], {"ROROS_DATA": str(FJELLBY)}, None),
    "debug": (["get", "area", "--debug"], {"ROROS_DEBUG": "1"}, None),
    "another time zone": (["time", "--at", "2026-07-01T12:00:00Z"], {"TZ": "America/Chicago"}, None),
}


def _exec(argv: list[str], env: dict[str, str], data: bytes | None, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, input=data, capture_output=True, env=env, cwd=cwd, timeout=SPAWN_TIMEOUT, check=False)


@pytest.mark.parametrize("case", CASES)
def test_a_forked_run_gives_what_an_exec_gives(case: str, tmp_path: Path) -> None:
    args, extra, data = CASES[case]
    env = {**os.environ, "COLUMNS": "100", **extra}
    argv = [ROROS_SCRIPT, *args]
    server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)
    assert server.runs(argv, env)
    real = _exec(argv, env, data, tmp_path)
    forked = server.run(argv, env=env, cwd=str(tmp_path), input=data, timeout=SPAWN_TIMEOUT)
    assert (forked.returncode, forked.stderr.decode(errors="replace")) == (
        real.returncode,
        real.stderr.decode(errors="replace"),
    )
    assert forked.stdout == real.stdout
    assert real.stdout or real.stderr  # the case says something, so the comparison is not of two silences


def test_a_forked_export_writes_the_same_file_in_its_own_folder(tmp_path: Path) -> None:
    """The child works in the folder it is given: a relative export lands there, with the same bytes."""
    server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)
    env = {**os.environ, "COLUMNS": "100"}
    argv = [ROROS_SCRIPT, "info", "--export", "sheet.txt"]
    (tmp_path / "exec").mkdir()
    (tmp_path / "fork").mkdir()
    real = _exec(argv, env, None, tmp_path / "exec")
    forked = server.run(argv, env=env, cwd=str(tmp_path / "fork"), input=None, timeout=SPAWN_TIMEOUT)
    assert (forked.returncode, forked.stderr) == (real.returncode, real.stderr.replace(b"/exec/", b"/fork/"))
    assert (tmp_path / "fork" / "sheet.txt").read_bytes() == (tmp_path / "exec" / "sheet.txt").read_bytes()


def test_limits_hold_in_a_forked_child(tmp_path: Path) -> None:
    """A memory limit too small for the work stops the forked child as it stops an exec'd one: by the limit,
    never by the server's own size (the child's CPU time starts at zero)."""
    server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)
    env = {**os.environ, "COLUMNS": "100"}
    roomy = ((resource.RLIMIT_CPU, 8, 8), (resource.RLIMIT_AS, 1 << 30, 1 << 30))
    run = server.run([ROROS_SCRIPT, "info"], env=env, cwd=str(tmp_path), input=None, timeout=60, limits=roomy)
    assert run.returncode == 0 and b"R\xc3\xb8ros" in run.stdout
    tiny = ((resource.RLIMIT_AS, 1 << 20, 1 << 20),)  # 1 MiB: no Python runs in that
    run = server.run([ROROS_SCRIPT, "info"], env=env, cwd=str(tmp_path), input=None, timeout=60, limits=tiny)
    assert run.returncode != 0


@pytest.mark.parametrize("name", ["LANG", "LC_ALL", "PYTHONUTF8", "PYTHONHASHSEED", "PYTHONPATH"])
def test_a_run_that_changes_what_python_reads_at_start_up_is_execd(name: str) -> None:
    server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)
    env = dict(STARTED_WITH)
    assert server.runs([ROROS_SCRIPT, "info"], env)
    assert server.runs([ROROS_SCRIPT, "info"], {**env, "PYTHONIOENCODING": "ascii", "COLUMNS": "40"})
    assert not server.runs([ROROS_SCRIPT, "info"], {**env, name: "C" if name.startswith("L") else "1"})
    assert not server.runs([sys.executable, "-m", "roros_cli", "info"], env)  # only the script is forked


def test_the_suite_can_exec_every_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """ROROS_TESTS_EXEC=1 (CI's runs on the oldest and newest Python) turns the server off."""
    monkeypatch.setenv("ROROS_TESTS_EXEC", "1")
    assert not forkserver.supported()
    monkeypatch.setenv("ROROS_TESTS_EXEC", "0")
    assert forkserver.supported()
    monkeypatch.delenv("ROROS_TESTS_EXEC")
    assert forkserver.supported()


def test_a_warmed_server_answers_only_the_text_it_read(tmp_path: Path) -> None:
    """The costly-file tests share one reading of a file: a child of the warmed server gives what an exec gives,
    and a file changed after the warming is read and checked anew, never answered from the old reading."""
    path = tmp_path / "fjellby.toml"
    path.write_text(FJELLBY.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "COLUMNS": "100", "ROROS_DATA": str(path)}
    argv = [ROROS_SCRIPT, "info", "--plain"]
    with forkserver.server(ROROS_SCRIPT, STARTED_WITH).warmed(str(path)) as warm:
        forked = warm.run(argv, env=env, cwd=str(tmp_path), input=None, timeout=SPAWN_TIMEOUT)
        real = _exec(argv, env, None, tmp_path)
        assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)
        assert b"Fjellby" in forked.stdout
        path.write_text(path.read_text(encoding="utf-8").replace("Fjellby", "Nyby"), encoding="utf-8")
        changed = warm.run(argv, env=env, cwd=str(tmp_path), input=None, timeout=SPAWN_TIMEOUT)
        assert b"Nyby" in changed.stdout and b"Fjellby" not in changed.stdout
        path.write_text("not toml [", encoding="utf-8")
        broken = warm.run(argv, env=env, cwd=str(tmp_path), input=None, timeout=SPAWN_TIMEOUT)
        assert broken.returncode == _exec(argv, env, None, tmp_path).returncode == 3


def test_a_refused_file_is_warmed_with_its_refusal(tmp_path: Path) -> None:
    """A file the loader refuses is read once too: each child gives the refusal an exec gives, and a file
    mended since is read anew."""
    path = tmp_path / "broken.toml"
    path.write_text(FJELLBY.read_text(encoding="utf-8") + "unknown = 1\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": "100", "ROROS_DATA": str(path)}
    with forkserver.server(ROROS_SCRIPT, STARTED_WITH).warmed(str(path)) as warm:
        for argv in ([ROROS_SCRIPT, "info"], [ROROS_SCRIPT, "validate", "--json"]):
            forked = warm.run(argv, env=env, cwd=str(tmp_path), input=None, timeout=SPAWN_TIMEOUT)
            real = _exec(argv, env, None, tmp_path)
            assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)
            assert forked.returncode in (1, 3) and b"unknown" in forked.stdout + forked.stderr
        path.write_text(FJELLBY.read_text(encoding="utf-8"), encoding="utf-8")
        mended = warm.run([ROROS_SCRIPT, "info"], env=env, cwd=str(tmp_path), input=None, timeout=SPAWN_TIMEOUT)
        assert mended.returncode == 0 and b"Fjellby" in mended.stdout


def test_a_file_that_cannot_be_warmed_says_why(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="could not be read once"):
        forkserver.server(ROROS_SCRIPT, STARTED_WITH).warmed(str(tmp_path / "missing.toml"))


def test_a_child_of_a_warmed_server_has_the_cpu_the_reading_left() -> None:
    """The reading is part of each command's cost: a child gets the CPU limit less what the server spent on
    it, in whole seconds rounded against the child, and every other limit as given."""
    cpu, memory = resource.RLIMIT_CPU, resource.RLIMIT_AS
    limits = [[cpu, 8, 8], [memory, 1 << 30, 1 << 30]]
    assert forkserver.budget(limits, 0.0) == limits
    assert forkserver.budget(limits, 0.01) == [[cpu, 7, 7], [memory, 1 << 30, 1 << 30]]
    assert forkserver.budget(limits, 1.0) == [[cpu, 7, 7], [memory, 1 << 30, 1 << 30]]
    assert forkserver.budget(limits, 1.5) == [[cpu, 6, 6], [memory, 1 << 30, 1 << 30]]


@pytest.mark.parametrize("request_kind", ["run", "warm"])
def test_a_client_that_hangs_up_before_its_answer_leaves_the_server_serving(tmp_path: Path, request_kind: str) -> None:
    """A test may close its end before the server has answered: a warmed server that said "ready" before the
    server sent its pid, or a run that timed out. The server must go on serving the next client. The server is
    stopped (a signal we wait for, not a time) while the client sends and hangs up, so its answer always finds
    the client gone."""
    server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)  # this process's own: it must go on serving
    try:
        pid = server._process.pid
        os.kill(pid, signal.SIGSTOP)
        os.waitid(os.P_PID, pid, os.WSTOPPED | os.WNOWAIT)
        client = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        client.connect(server.address)
        if request_kind == "warm":
            path = tmp_path / "fjellby.toml"
            path.write_text(FJELLBY.read_text(encoding="utf-8"), encoding="utf-8")
            request: dict[str, object] = {"warm": str(path), "address": str(tmp_path / "w"), "limits": []}
            socket.send_fds(client, [json.dumps(request).encode()], [])
        else:
            argv = [ROROS_SCRIPT, "get", "name"]
            request = {"argv": argv, "env": dict(os.environ), "cwd": str(tmp_path), "limits": []}
            with open(os.devnull, "rb+") as null:
                socket.send_fds(client, [json.dumps(request).encode()], [null.fileno()] * 3)
        client.close()
        os.kill(pid, signal.SIGCONT)
        env = {**os.environ, "COLUMNS": "80"}
        after = server.run([ROROS_SCRIPT, "get", "name"], env=env, cwd=str(tmp_path), input=None, timeout=SPAWN_TIMEOUT)
        assert after.returncode == 0 and after.stdout.strip() == b"R\xc3\xb8ros"
        assert server._process.poll() is None
    finally:
        os.kill(server._process.pid, signal.SIGCONT)


T = TypeVar("T")


def _both_ways(monkeypatch: pytest.MonkeyPatch, talk: Callable[[], T]) -> tuple[T, T]:
    """`talk()` with its `roros` forked from the server, then exec'd."""
    forked = talk()
    monkeypatch.setenv("ROROS_TESTS_EXEC", "1")
    real = talk()
    monkeypatch.delenv("ROROS_TESTS_EXEC")
    return forked, real


def test_a_spawned_child_streams_as_an_execd_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`popen` with each kind of stream: a file, a pipe, stderr into stdout, nothing (this process's own)."""
    kinds: dict[str, dict[str, Any]] = {
        "file and pipe": {"stdout": "file", "stderr": subprocess.PIPE},
        "pipe and file": {"stdout": subprocess.PIPE, "stderr": "file"},
        "stderr to stdout": {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT},
        "devnull and pipe": {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE},
    }
    for name, streams in kinds.items():

        def talk(streams: dict[str, Any] = streams) -> tuple[int | None, bytes, bytes, bytes]:
            target = tmp_path / "out"
            with open(target, "wb") as file:
                given = [file if how == "file" else how for how in (streams["stdout"], streams["stderr"])]
                process = popen([ROROS_SCRIPT, "get", "area", "--bogus"], stdout=given[0], stderr=given[1])
                out, err = process.communicate(timeout=SPAWN_TIMEOUT)
            return process.returncode, out or b"", err or b"", target.read_bytes()

        forked, real = _both_ways(monkeypatch, talk)
        assert forked == real, name
        assert b"--bogus" in b"".join(real[1:]), name


def test_a_spawned_child_takes_signals_and_ctrl_c_as_an_execd_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM sent to a spawned child (through its pidfd), and Ctrl-C typed at its controlling terminal."""

    def terminated() -> tuple[int | None, bytes]:
        process = popen([ROROS_SCRIPT, "quiz", "-n", "3", "--seed", "7"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert process.stdout is not None
        seen = read_until(process.stdout.fileno(), b"1.")
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=SPAWN_TIMEOUT)
        return process.returncode, (seen + out).splitlines()[-1]  # the signal may land before the hint line

    def interrupted() -> tuple[int, bytes]:
        terminal = Terminal([ROROS_SCRIPT, "quiz", "--class", "-n", "2", "--seed", "4"], columns=80)
        terminal.wait_for(b"Enter shows the answer")
        terminal.type(b"\x03")
        return terminal.finish()

    forked, real = _both_ways(monkeypatch, terminated)
    assert forked == real and real[0] == 143 and real[1].startswith(b"Score: 0/0")
    forked, real = _both_ways(monkeypatch, interrupted)
    assert forked == real and real[0] == 130 and b"0 of 2 questions shown" in real[1]


# Shell lines whose `roros` goes through the stand-in (tests/shim.py): streams closed by a redirection,
# a pipe whose reader leaves (141), the umask and a file-size limit set by the shell, a start-up setting (exec'd).
SHELL_LINES = {
    "stderr closed": 'roros info --bogus 2>&-; echo "status $?"',
    "stdout closed": 'roros get area >&-; echo "status $?" >&2',
    "stdin closed": 'roros quiz -n 1 <&-; echo "status $?"',
    "endless input": 'yes 1 | roros convert - km mi | head -3; echo "${PIPESTATUS[1]}"',
    "reader leaves": 'roros --data "$FJELLBY" info --json | head -c 1; echo " ${PIPESTATUS[0]}"',
    "umask": "umask 077; roros info --export out.txt 2>/dev/null; stat -c %a out.txt; rm out.txt",
    "file size limit": 'ulimit -f 1; roros info --export big.txt; echo "status $?"; rm -f big.txt',
    "start-up setting": "LANG=C roros get name; printf '1\\n' | NO_COLOR=1 roros quiz -n 1 --seed 3 | tail -1",
}


@pytest.mark.parametrize("line", SHELL_LINES.values(), ids=SHELL_LINES)
def test_a_shell_runs_roros_through_the_stand_in_as_it_runs_the_script(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, line: str
) -> None:
    env = {"FJELLBY": str(FJELLBY), "COLUMNS": "80"}

    def run() -> tuple[int, bytes, bytes]:
        done = shell(line, env=env, cwd=tmp_path)
        return done.returncode, done.stdout, done.stderr

    forked, real = _both_ways(monkeypatch, run)
    assert forked == real
    assert real[1] + real[2]  # each line shows something to compare


def test_the_stand_in_forwards_a_signal_and_ends_as_its_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM to the `roros` a shell started (here the shell itself, by exec) reaches the child: status 143."""

    def terminated() -> tuple[int | None, bytes]:
        script = "exec roros quiz -n 3 --seed 7"
        process = shell_popen(script, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert process.stdout is not None
        seen = read_until(process.stdout.fileno(), b"1.")
        process.send_signal(signal.SIGTERM)
        # The signal takes one step more through the stand-in: wait for what it does before the input ends.
        seen = read_until(process.stdout.fileno(), b"Score:", seen)
        out, _ = process.communicate(timeout=SPAWN_TIMEOUT)
        return process.returncode, (seen + out).splitlines()[-1]  # the signal may land before the hint line

    forked, real = _both_ways(monkeypatch, terminated)
    assert forked == real and real[0] == 143 and real[1].startswith(b"Score: 0/0")
