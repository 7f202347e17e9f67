"""Hostile input, round two: bounded time and memory, safe streams and signals, atomic writes, plain messages.

Every test here runs the real `roros` script in a subprocess. The resource cases run under `resource` limits
(CPU seconds and address space) set in the child: a limit is a fence against a runaway, not a timing assert --
the budget itself (1 s and 200 MiB) is measured by bench/hostile_files.py.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import forkserver
from hostile_files import CASES, COMMANDS
from roros_cli import output, session
from roros_cli.__main__ import main

from conftest import FJELLBY, ROROS_SCRIPT, SPAWN_TIMEOUT, STARTED_WITH, popen, read_until, run_process, shell

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits, FIFOs and signals")

CPU_SECONDS = 8  # far above the 1-second budget, far below "minutes"
MEMORY = 1 << 30  # far above the 200 MiB budget, far below "gigabytes"


LIMITS = ((resource.RLIMIT_CPU, CPU_SECONDS, CPU_SECONDS), (resource.RLIMIT_AS, MEMORY, MEMORY))


Run = subprocess.CompletedProcess[bytes]


def limited(argv: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """`argv` under the CPU and memory limits, with nothing to read on stdin."""
    return run_process(argv, env=env, input=b"", limits=LIMITS)


# ---------------------------------------------------------------------------------------------- time and memory


def _command(roros: str, path: Path, name: str) -> tuple[list[str], dict[str, str]]:
    env = {"ROROS_DATA": str(path), "COLUMNS": "100"}
    if name == "completion":
        env.update({"_ROROS_COMPLETE": "complete_bash", "COMP_WORDS": "roros get ", "COMP_CWORD": "2"})
        return [roros], env
    return [roros, *(word.replace("{folder}", str(path.parent)) for word in COMMANDS[name])], env


# Commands with a path of their own to a data file: `validate` reports every problem, completion stays silent.
OWN_PATHS = ("validate", "completion")


def _within_the_limits(name: str, run: subprocess.CompletedProcess[bytes]) -> None:
    # Killed by a limit shows as a negative status (SIGXCPU, SIGKILL) or a MemoryError bug report.
    assert run.returncode in (0, 1, 3), f"{name}: status {run.returncode}: {run.stderr[-300:]!r}"
    assert b"internal error" not in run.stderr and b"Traceback" not in run.stderr, name
    assert run.stderr.count(b"\n") <= 1, f"{name}: one line at most: {run.stderr[:300]!r}"


@pytest.mark.slow  # 13 files of 1 MiB, up to 13 commands each: the costliest test; CI runs it once
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_command_on_a_costly_file_ends_within_the_limits(roros_script: str, tmp_path: Path, case: str) -> None:
    """Reading the file is the cost (tomllib, then the loader's checks). A file the loader refuses is refused
    by every command before its own work, with the same line (the test below proves it on a small file), so
    there `info` stands for them all, beside the commands with a path of their own; a file the loader accepts
    goes through every command."""
    path = tmp_path / "costly.toml"
    path.write_text(CASES[case](), encoding="utf-8")
    with _read_once(path) as run:
        first = run(*_command(roros_script, path, "info"))
        _within_the_limits("info", first)
        refused = first.returncode == 3
        names = [name for name in COMMANDS if name != "info" and (not refused or name in OWN_PATHS)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = pool.map(lambda name: run(*_command(roros_script, path, name)), names)
            for name, done in zip(names, runs, strict=True):
                _within_the_limits(name, done)


@contextmanager
def _read_once(path: Path) -> Iterator[Callable[[list[str], dict[str, str]], Run]]:
    """Runs of `roros` on a costly file that share one reading of it: the reading is done once, under the
    limits, in a warmed fork server (tests/forkserver.py), and each command's child starts from it, accepted or
    refused, with what the reading left of the CPU limit. Each child still opens and reads the file, and does
    all its own work within the limits. Where children are exec'd, each reads the file in full."""
    if not forkserver.supported():
        yield limited
        return
    with forkserver.server(ROROS_SCRIPT, STARTED_WITH).warmed(str(path), LIMITS) as warm:

        def run(argv: list[str], env: dict[str, str]) -> Run:
            merged = {**os.environ, **env}
            return warm.run(argv, env=merged, cwd=os.getcwd(), input=b"", timeout=SPAWN_TIMEOUT, limits=LIMITS)

        yield run


def test_every_command_refuses_a_refused_file_with_the_loaders_line(roros_script: str, tmp_path: Path) -> None:
    """Why a costly file that the loader refuses needs only `info`: every other command (but those with a path
    of their own) stops at the same refusal, with the same line."""
    path = tmp_path / "costly.toml"
    path.write_text(FJELLBY.read_text(encoding="utf-8") + "unknown = 1\n", encoding="utf-8")
    names = [name for name in COMMANDS if name not in OWN_PATHS]

    def one(name: str) -> tuple[int, bytes]:
        run = limited(*_command(roros_script, path, name))
        return run.returncode, run.stderr

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(names, pool.map(one, names), strict=True))
    assert runs["info"][0] == 3 and b"unknown key 'unknown'" in runs["info"][1], runs["info"]
    assert runs == dict.fromkeys(names, runs["info"])


def test_a_quadratic_regular_expression_is_gone(roros_script: str) -> None:
    run = limited([roros_script, "convert", " " * 30_000 + "x", "m", "ft"])
    assert run.returncode == 2
    assert b"'x' is not a number" in run.stderr
    run = limited([roros_script, "convert", "1" * 30_000 + "x", "m", "ft"])
    assert b"too long to be a number" in run.stderr
    assert len(run.stderr) < 300  # the echo is cut


@pytest.mark.parametrize("columns", ["0", "-5", "99999999", "abc", "19"])
def test_absurd_columns_are_treated_as_unset(roros_script: str, columns: str) -> None:
    run = limited([roros_script, "info"], env={"COLUMNS": columns})
    assert run.returncode == 0
    lines = run.stdout.decode().splitlines()
    assert len(lines) > 30  # something is printed
    assert max(len(line) for line in lines) <= 80  # not a terminal: Rich's default width


# ---------------------------------------------------------------------------------------------- files


def test_a_fifo_is_refused_at_once(roros_script: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    run = limited([roros_script, "--data", str(fifo), "info"])  # hangs forever if it waits for a writer
    assert run.returncode == 3
    assert b"not a regular file" in run.stderr


def test_a_device_is_refused(roros_script: str) -> None:
    run = limited([roros_script, "--data", "/dev/zero", "info"])
    assert run.returncode == 3
    assert b"not a regular file" in run.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("utf-16", b"is UTF-16 text; a data file must be UTF-8"),
        ("unit = 5", b"'unit' must be a unit code such as \"km2\" (a string), found an integer"),
        ("blank label", b"'label' is blank"),
        ("huge integer", b":7: an integer in the file has thousands of digits"),
    ],
)
def test_messages_say_what_is_wrong(roros_script: str, tmp_path: Path, content: str, message: bytes) -> None:
    good = FJELLBY.read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    if content == "utf-16":
        path.write_bytes(good.encode("utf-16"))
    elif content == "unit = 5":
        path.write_text(good.replace('unit = "km2"', "unit = 5", 1), encoding="utf-8")
    elif content == "blank label":
        path.write_text(good.replace('label = "Area"', 'label = "   "', 1), encoding="utf-8")
    else:
        lines = good.splitlines()
        lines[6] = "huge = " + "9" * 5000  # line 7
        path.write_text("\n".join(lines), encoding="utf-8")
    run = limited([roros_script, "--data", str(path), "info"])
    assert run.returncode == 3
    assert message in run.stderr


def test_a_utf8_byte_order_mark_is_accepted(roros_script: str, tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FJELLBY.read_bytes())
    run = limited([roros_script, "--data", str(path), "get", "name"])
    assert (run.returncode, run.stdout) == (0, b"Fjellby\n")


def test_an_empty_data_option_is_a_usage_error(roros_script: str) -> None:
    run = limited([roros_script, "--data", "", "info"])
    assert run.returncode == 2
    assert b"--data needs a file name" in run.stderr


def test_file_names_are_shown_inertly(roros_script: str, tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b]0;x\x07.toml"
    evil.write_text(FJELLBY.read_text(encoding="utf-8"), encoding="utf-8")
    for argv, env in (
        ([roros_script, "validate", str(evil)], {}),
        ([roros_script, "validate"], {"ROROS_DATA": str(evil)}),
        ([roros_script, "--data", str(evil) + "x", "info"], {}),
        ([roros_script, "--data", str(FJELLBY), "info", "--export", str(evil) + ".txt"], {}),
    ):
        run = limited(argv, env=env)
        both = run.stdout + run.stderr
        assert b"\x1b" not in both and b"\x07" not in both, argv
        assert b"\\x1b]0;x\\x07" in both, argv


def test_long_echoes_are_cut(roros_script: str) -> None:
    for argv in (
        ["get", "k" * 10_000],
        ["search", "s" * 10_000],
        ["schema", "x" * 10_000],
        ["c" * 10_000],  # Click's "No such command"
        ["info", "--" + "o" * 10_000],  # Click's "No such option"
        ["convert", "1", "u" * 10_000, "m"],
    ):
        run = limited([roros_script, *argv])
        assert run.returncode in (1, 2)
        assert len(run.stderr) < 400, argv


def test_an_export_that_fails_leaves_the_old_file_untouched(roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    target.write_text("the old sheet\n", encoding="utf-8")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

    run = subprocess.run(
        [roros_script, "info", "--export", str(target)],
        capture_output=True,
        preexec_fn=small_files,
        timeout=SPAWN_TIMEOUT,
        check=False,
    )
    assert run.returncode == 4
    assert b"cannot write" in run.stderr
    assert target.read_text(encoding="utf-8") == "the old sheet\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sheet.txt"]  # no partial file left


def test_an_export_replaces_the_file_and_keeps_its_permissions(roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    run = limited([roros_script, "info", "--export", str(target)])
    assert run.returncode == 0
    assert target.read_text(encoding="utf-8").startswith("Røros")
    assert target.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------------------------------------- streams


def test_batch_conversion_streams_from_an_endless_input(roros_script: str) -> None:
    run = shell('yes 1 | roros convert - km mi | head -3; echo "${PIPESTATUS[1]}"')
    assert run.stdout.decode().splitlines() == ["0.62 mi", "0.62 mi", "0.62 mi", "141"]


def test_batch_output_arrives_before_the_input_ends(roros_script: str) -> None:
    process = popen([roros_script, "convert", "-", "m", "ft"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"630\n")
    process.stdin.flush()
    assert process.stdout.readline() == b"2,070 ft\n"  # while stdin is still open
    process.stdin.close()
    assert process.wait(timeout=SPAWN_TIMEOUT) == 0


def test_a_full_disk_is_a_user_error(roros_script: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        process = popen([roros_script, "info"], stdout=full, stderr=subprocess.PIPE)
        _, stderr = process.communicate(timeout=SPAWN_TIMEOUT)
    assert process.returncode == 74
    assert stderr == b"roros: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    ("argv", "closed"),
    [
        (["info"], "stdout"),
        (["get", "area"], "stdout"),
        (["quiz", "-n", "1"], "stdin"),
        (["convert", "-", "m", "ft"], "stdin"),
    ],
)
def test_closed_streams_are_user_errors(roros_script: str, argv: list[str], closed: str) -> None:
    redirect = ">&-" if closed == "stdout" else "<&-"
    run = shell(f"roros {' '.join(argv)} {redirect}")
    assert run.returncode == 74, run.stderr
    assert f"standard {'output' if closed == 'stdout' else 'input'} is closed".encode() in run.stderr
    assert b"internal error" not in run.stderr


def test_undecodable_answers_are_asked_again(roros_script: str) -> None:
    run = run_process([roros_script, "quiz", "-n", "1", "--seed", "7"], input=b"\xff\xfe\n")
    assert run.returncode == 0
    assert b"internal error" not in run.stderr


Runner = Callable[[list[str]], Run]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str], Runner]]:
    """A file of 2,500 long facts, whose views are far larger than a pipe's buffer; the environment under which
    a shell's `roros` finds it read once (a warmed server: tests/forkserver.py), and a runner that reads it so."""
    path = tmp_path_factory.mktemp("large") / "large.toml"
    head = FJELLBY.read_text(encoding="utf-8")
    facts = "".join(f"[many.f{i}]\nlabel = '{'Fact ' * 30}{i}'\nvalue = {i}\nsource = 's'\n" for i in range(2500))
    path.write_text(head + facts, "utf-8")
    if not forkserver.supported():
        yield path, {}, lambda argv: run_process(argv)
        return
    with forkserver.server(ROROS_SCRIPT, STARTED_WITH).warmed(str(path)) as warm:

        def run(argv: list[str]) -> Run:
            return warm.run(argv, env=dict(os.environ), cwd=os.getcwd(), input=None, timeout=SPAWN_TIMEOUT)

        yield path, {"ROROS_TESTS_SERVER": warm.address}, run


@pytest.mark.parametrize("view", [["info"], ["info", "--plain"], ["info", "--json"], ["keys"], ["check"]])
def test_a_closed_pipe_is_141_for_every_view_large_or_small(
    roros_script: str, large: tuple[Path, dict[str, str], Runner], view: list[str]
) -> None:
    path, warmed, run_large = large
    for data, env, run in ((str(FJELLBY), {}, run_process), (str(path), warmed, run_large)):
        piped = shell(
            f"roros --data '{data}' {' '.join(view)} | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"", env=env
        )
        status = piped.stdout.decode().strip()
        whole = run([roros_script, "--data", data, *view]).stdout
        # A view smaller than a pipe's buffer may be written whole before `head` leaves: then 0 is right too.
        assert status == "141" if len(whole) > 200_000 else status in ("141", "0"), (data, status, piped.stderr)
        assert piped.stderr == b""


def _wait_for(process: Any, text: bytes) -> bytes:
    """Read stdout until `text` appears (the process is then waiting for input); fails if it never does."""
    assert process.stdout is not None
    return read_until(process.stdout.fileno(), text)


def test_sigterm_ends_the_quiz_with_the_score_so_far(roros_script: str) -> None:
    process = popen(
        [roros_script, "quiz", "-n", "3", "--seed", "7"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    seen = _wait_for(process, b"1.")
    assert b"1." in seen
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=SPAWN_TIMEOUT)
    assert process.returncode == 143
    assert b"Score: 0/0" in seen + out
    assert b"internal error" not in err


def test_sigterm_ends_batch_conversion_keeping_the_lines_so_far(roros_script: str) -> None:
    process = popen(
        [roros_script, "convert", "-", "m", "ft"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None
    process.stdin.write(b"630\n1\n")
    process.stdin.flush()
    seen = _wait_for(process, b"3.3 ft\n")
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=SPAWN_TIMEOUT)
    assert process.returncode == 143
    assert seen + out == b"2,070 ft\n3.3 ft\n"
    assert b"roros: terminated" in err


# ---------------------------------------------------------------------------------------------- check


def _place_file(tmp_path: Path, area: str, density: str) -> Path:
    text = (
        '[meta]\nformat = 1\nsource_title = "t"\n[name]\nlabel = "N"\nvalue = "T"\nsource = "s"\n'
        f'[area]\nlabel = "A"\n{area}\nsource = "s"\n'
        '[population]\nlabel = "P"\nvalue = 5\nsource = "s"\n'
        f'[density]\nlabel = "D"\n{density}\nsource = "s"\n'
    )
    path = tmp_path / "place.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_does_not_crash_on_a_density_with_a_length_unit(roros_script: str, tmp_path: Path) -> None:
    path = _place_file(tmp_path, 'value = 3.31\nunit = "km2"', 'value = 3\nunit = "km"')
    run = limited([roros_script, "--data", str(path), "check", "--plain"])
    assert run.returncode == 0, run.stderr
    assert b"skipped\tdensity from population and area\tthe density is in km" in run.stdout


def test_check_does_not_call_an_infinite_density_agreeing(roros_script: str, tmp_path: Path) -> None:
    path = _place_file(tmp_path, 'value = 5e-324\nunit = "km2"', 'value = 3\nunit = "/km2"')
    run = limited([roros_script, "--data", str(path), "check", "--plain"])
    assert b"agrees\tdensity" not in run.stdout
    assert b"skipped\tdensity from population and area\tthe area" in run.stdout


@pytest.fixture
def sigterm_kept() -> Iterator[None]:
    """For a test that lets roros set its SIGTERM handler in this process: the handler and the state put back."""
    before = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, before)
    output._Sigterm.armed = output._Sigterm.raised = False


def test_a_sigterm_that_escapes_the_quiz_is_143_not_typers_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sigterm_kept: None
) -> None:
    """A SIGTERM that lands after the questions (here, as the missed ones are reviewed) is outside the quiz's
    own catch; Typer reports any KeyboardInterrupt as 130, so roros puts back its own: 143, terminated."""
    review = session._review

    def terminated_meanwhile(marked: list[Any], talk: Any) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # its handler runs in this thread before the next line
        review(marked, talk)

    monkeypatch.setattr(session, "_review", terminated_meanwhile)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n1\n"))
    with pytest.raises(SystemExit) as ended:
        main(["quiz", "-n", "2", "--seed", "1"])
    assert ended.value.code == 143
    assert capsys.readouterr().err == "roros: terminated\n"


@pytest.mark.parametrize("when", ["after the work", "a second one"])
def test_a_late_sigterm_ends_roros_at_once_never_as_a_traceback(when: str) -> None:
    """After the command's work (while roros ends), or after a first SIGTERM was raised, a SIGTERM ends the
    process as the default action does, instead of raising into the code that is ending it. In a forked child,
    so the signal cannot reach this process."""
    pid = os.fork()
    if pid == 0:  # the child: 3 if Terminated was raised where it must not be
        code = 3
        try:
            output.on_terminate()
            if when == "a second one":
                try:
                    os.kill(os.getpid(), signal.SIGTERM)
                except output.Terminated:
                    pass
            else:
                output.work_done()
            os.kill(os.getpid(), signal.SIGTERM)
            code = 0
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == -signal.SIGTERM
