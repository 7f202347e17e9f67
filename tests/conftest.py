"""Shared fixtures: a CliRunner that sees what a user sees, the installed entry point, test data files."""

from __future__ import annotations

import atexit
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

import forkserver
import scheduling
from roros_cli import loader
from roros_cli.cli import app
from roros_cli.model import Place

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FJELLBY = TESTS / "data" / "fjellby.toml"
SOURCE_TEXT = ROOT / "data" / "sources" / "roros-town.txt"
# The installed `roros` entry point, beside this Python.
ROROS_SCRIPT = str(Path(sys.executable).parent / ("roros.exe" if os.name == "nt" else "roros"))


def _bytecode_cached() -> None:
    """Where Python may not write bytecode (PYTHONDONTWRITEBYTECODE is set, as on some CI and sandboxes), every
    `roros` a test starts compiles the package from source again: about 0.1 s of CPU each, a thousand times a
    run, and each xdist worker rewrites every test module's asserts anew. So the suite, its workers and every
    child may write bytecode where Python keeps it (`__pycache__`, ignored by git): the first run writes the
    package's, later runs read it, as on a developer's machine. (A folder of the suite's own, through
    PYTHONPYCACHEPREFIX, would hide the bytecode pip compiled for the installed libraries, and a fresh checkout's
    first run would compile them all again: four seconds of CPU in each worker.) Only for this checkout's own
    package: a copy elsewhere (tools/mutate.py tests each mutant in a temporary copy, and asks for no bytecode)
    is left as it is."""
    if not Path(loader.__file__).resolve().is_relative_to(ROOT.resolve() / "src"):
        return
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


_bytecode_cached()


# Hypothesis's text strategies need a table of what UTF-8 can encode: 3.3 s of CPU to build, kept in .hypothesis/
# once built (the charmap beside it, another half second). On a fresh checkout each worker would build it; so
# the first process starts one build in the background while the workers start and collect, and a worker finds
# the table made (Hypothesis writes it whole or not at all, and builds its own if it is not there yet).
_TABLES = """
from hypothesis.internal import charmap
charmap.charmap()
charmap.intervals_from_codec("utf-8")
"""


def _unicode_tables_started() -> None:
    """For this checkout's own runs only (tools/mutate.py runs the tests of each mutant in a copy)."""
    if not Path(loader.__file__).resolve().is_relative_to(ROOT.resolve() / "src"):
        return
    if os.environ.get("PYTEST_XDIST_WORKER") or any(Path(".hypothesis", "unicode_data").glob("*/codec-*utf-8*")):
        return
    build = subprocess.Popen(
        [sys.executable, "-c", _TABLES], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def reaped() -> None:  # it ends by itself within seconds; never left behind
        try:
            build.wait(timeout=SPAWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            build.kill()
            build.wait()

    atexit.register(reaped)


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


@pytest.fixture(autouse=True)
def _signal_handlers_restored() -> Iterator[None]:
    """A command run in-process (`cli`) may install roros's SIGTERM handler: it must not outlive the test, or a
    SIGTERM meant for pytest would raise roros's exception inside pytest."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        if signal.getsignal(number) is not handler and handler is not None:
            try:
                signal.signal(number, handler)
            except ValueError:  # not the main thread
                pass


@pytest.fixture
def cli() -> Iterator[CliInvoker]:
    yield CliInvoker()


# Typer builds the Click command from the app on every invoke (its test runner) and every `app()` call: 12 to
# 26 ms, a third to a half of an in-process run, and the suite invokes some five hundred times. The app is the
# same object all session, and the command holds no state of a run (each run makes its own context), so it is
# built once, here as in the fork server's children.
forkserver.build_command_once()
typer.testing._get_command = typer.main.get_command  # type: ignore[attr-defined]


# Each in-process run loads its data file as a process would, and `loader.parse` of the built-in file costs 13 ms
# of tomllib, in some five hundred runs. `parse` is a function of the text and its name only, and a place is never
# changed once made, so this process keeps the last few it made: the same text, read again, is not parsed again;
# a changed file is new text, parsed anew; a refusal is never kept. Real processes (run_process) parse for real.
loader.parse = lru_cache(maxsize=16)(loader.parse)


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
    found = ROROS_SCRIPT if Path(ROROS_SCRIPT).exists() else shutil.which("roros")
    if not found:
        pytest.fail("the roros script is not installed: run `pip install -e '.[test]'` first")
    return found


# A fence against a hung child, never a timing assert: a healthy run takes a second, a loaded machine ten.
SPAWN_TIMEOUT = 120
_unicode_tables_started()


# The environment this process started with (after the bytecode cache above): the fork server's own.
STARTED_WITH = dict(os.environ)
Limits = Sequence[tuple[int, int, int]]  # (resource.RLIMIT_..., soft, hard)


def run_process(
    argv: Sequence[str],
    *,
    input: str | bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    limits: Limits = (),
    terminal: int | None = None,
    screen: bool = False,
    unset: Sequence[str] = (),
) -> subprocess.CompletedProcess[bytes]:
    """`argv` run as a child with its output captured, as `subprocess.run` would. A run of the `roros` script
    is forked from a server that has imported it already (tests/forkserver.py says why and what differs);
    `ROROS_TESTS_EXEC=1` execs every one instead. `limits` are resource limits set in the child. With
    `terminal` (a pseudo-terminal's fd; no `input`), the child's stdin and stderr are that terminal, and only
    stdout is captured; with `screen` too, stdout is the terminal as well (see `run_in_terminal`). The child's
    environment is this process's with `env` added and the names in `unset` taken out."""
    merged = {name: value for name, value in {**os.environ, **(env or {})}.items() if name not in unset}
    data = input.encode() if isinstance(input, str) else input
    assert terminal is None or data is None, "a child reads the terminal or the input, not both"
    if argv and os.fsdecode(argv[0]) == ROROS_SCRIPT and forkserver.supported():
        server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)
        if server.runs(argv, merged):
            where = str(cwd) if cwd is not None else os.getcwd()
            return server.run(
                argv,
                env=merged,
                cwd=where,
                input=data,
                timeout=SPAWN_TIMEOUT,
                limits=limits,
                terminal=terminal,
                screen=screen,
            )
    return subprocess.run(
        list(argv),
        input=data,
        stdin=terminal,
        stdout=terminal if screen and terminal is not None else subprocess.PIPE,
        stderr=subprocess.PIPE if terminal is None else terminal,
        env=merged,
        cwd=cwd,
        timeout=SPAWN_TIMEOUT,
        check=False,
        preexec_fn=(lambda: forkserver.set_limits(limits)) if limits else None,
    )


def popen(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    unset: Sequence[str] = (),
    cwd: Path | None = None,
    stdin: Any = None,
    stdout: Any = None,
    stderr: Any = None,
    limits: Limits = (),
    session: bool = False,
) -> Any:
    """`argv` started as `subprocess.Popen` would, for a test that talks to it while it runs. A run of the
    `roros` script is forked from the server (`forkserver.Child`, which has Popen's methods); `ROROS_TESTS_EXEC=1`
    execs it. With `session`, it leads a session whose controlling terminal is its stdin (a pseudo-terminal), as
    a shell starts a program; SIGINT is at its default either way, so Ctrl-C ends it even when pytest was
    started with SIGINT ignored. `env` and `unset` as for `run_process`."""
    merged = {name: value for name, value in {**os.environ, **(env or {})}.items() if name not in unset}
    if argv and os.fsdecode(argv[0]) == ROROS_SCRIPT and forkserver.supported():
        server = forkserver.server(ROROS_SCRIPT, STARTED_WITH)
        if server.runs(argv, merged):
            where = str(cwd) if cwd is not None else os.getcwd()
            streams = {"stdin": stdin, "stdout": stdout, "stderr": stderr}
            return server.spawn(argv, env=merged, cwd=where, limits=limits, session=session, **streams)

    def prepare() -> None:
        if session:
            import fcntl
            import termios

            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        default_signals()
        forkserver.set_limits(limits)

    return subprocess.Popen(
        list(argv), stdin=stdin, stdout=stdout, stderr=stderr, env=merged, cwd=cwd, preexec_fn=prepare
    )


class Terminal:
    """`roros` in a pseudo-terminal of its own, as a shell starts it there (the terminal is its controlling
    one: Ctrl-C typed to it is SIGINT): what a person's screen shows, and keys typed at it. `columns` and
    `lines` go to COLUMNS and LINES; colour is on unless `colour` is False (then NO_COLOR=1)."""

    def __init__(self, argv: list[str], *, colour: bool = True, columns: int = 100, lines: int = 40) -> None:
        import pty

        self.main, secondary = pty.openpty()
        env = {"COLUMNS": str(columns), "LINES": str(lines), "TERM": "xterm-256color"}
        if not colour:
            env["NO_COLOR"] = "1"
        try:
            self.process = popen(
                argv,
                env=env,
                unset=() if not colour else ("NO_COLOR",),
                stdin=secondary,
                stdout=secondary,
                stderr=secondary,
                session=True,
            )
        finally:
            os.close(secondary)
        self.seen = b""

    def wait_for(self, text: bytes, count: int = 1) -> bytes:
        """Read until `text` has been shown `count` times (the signal that the program waits for a key); fails,
        never passes, if the program ends without showing it."""
        while (shown := self.seen.count(text)) < count:
            self.seen = read_until(self.main, text, self.seen, self._after(text, shown))
        return self.seen

    def _after(self, text: bytes, count: int) -> int:
        """Where the `count`-th showing of `text` ends (0 for none): the next one is looked for after it."""
        end = 0
        for _ in range(count):
            end = self.seen.index(text, end) + len(text)
        return end

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def finish(self) -> tuple[int, bytes]:
        """The exit status, after reading everything the program still shows."""
        self.seen = read_to_end(self.main, self.seen)
        code = int(self.process.wait(timeout=SPAWN_TIMEOUT))
        os.close(self.main)
        return code, self.seen


def _shim_folder() -> str:
    """The stand-in `roros` for this process's server: a new one if the server was started again."""
    return _shim_for(forkserver.server(ROROS_SCRIPT, STARTED_WITH))


@lru_cache(maxsize=4)
def _shim_for(server: forkserver.ForkServer) -> str:
    folder = tempfile.mkdtemp(prefix="rsh")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return forkserver.shim(server, folder)


def shell(
    script: str,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    input: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`bash -c script` as a user's shell runs it, where `roros` is the installed script, found on PATH: its
    pipes, redirections and statuses are bash's own. Each `roros` it starts is forked from the server through a
    stand-in (`forkserver.shim`, tests/shim.py); `ROROS_TESTS_EXEC=1` puts the script's own folder first on PATH
    instead."""
    argv = ["bash", "-c", script]
    env = _shell_environment(env)
    return subprocess.run(argv, input=input, capture_output=True, env=env, cwd=cwd, timeout=SPAWN_TIMEOUT)


def shell_popen(script: str, *, env: dict[str, str] | None = None, **streams: Any) -> subprocess.Popen[bytes]:
    """`bash -c script` as `shell` runs it, started as `subprocess.Popen` with `streams`."""
    return subprocess.Popen(["bash", "-c", script], env=_shell_environment(env), **streams)


def _shell_environment(env: dict[str, str] | None) -> dict[str, str]:
    first = _shim_folder() if forkserver.supported() else str(Path(ROROS_SCRIPT).parent)
    merged = {**os.environ, **(env or {})}
    merged["PATH"] = f"{first}{os.pathsep}{merged.get('PATH', '')}"
    return merged


def _sigint_as_at_a_terminal() -> None:
    """pytest started with SIGINT ignored passes that on to every child through exec; a handler does not pass
    on (exec resets it to the default). So give pytest Python's own handler, and every `roros` it starts can be
    stopped with Ctrl-C as at a terminal. Only the main thread may set handlers."""
    if hasattr(signal, "SIGINT") and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        except ValueError:  # not the main thread: the Ctrl-C tests set it in the child (default_signals)
            pass


_sigint_as_at_a_terminal()


def default_signals() -> None:
    """In a child before exec: Ctrl-C ends it as it would from a terminal, even when pytest itself was started
    with SIGINT ignored (a background job of a script, `trap '' INT`), which every child would inherit."""
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_DFL)


def read_to_end(fd: int, seen: bytes = b"", seconds: float = SPAWN_TIMEOUT) -> bytes:
    """Read a pseudo-terminal until its other side closes (end of output, or EIO on Linux): the signal that the
    child has finished. Returns `seen` and all that was read; fails, as a fence only, after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"the output did not end within {seconds:.0f} s; the child said {seen[-500:]!r}")
        if not select.select([fd], [], [], left)[0]:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # a pseudo-terminal whose other side closed
            return seen
        if not chunk:
            return seen
        seen += chunk


def run_in_terminal(
    argv: Sequence[str],
    env: dict[str, str],
    unset: Sequence[str] = (),
    columns: int | None = None,
    screen: bool = True,
) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """`argv` with a new pseudo-terminal (`columns` wide, when given) as its stdin and stderr, and with `screen`
    as its stdout too (as a terminal view runs; else stdout is a pipe, as in a script), not as its controlling
    terminal (nothing is typed to it); `env` and `unset` as for `run_process`. Returns the run (its stdout, when
    piped) and all the terminal received, read as it came (so a write to it never waits) until it closed."""
    import fcntl
    import pty
    import struct
    import termios
    import threading

    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    shown: list[bytes] = []
    reader = threading.Thread(target=lambda: shown.append(read_to_end(leader)))
    reader.start()
    try:
        run = run_process(argv, env=env, unset=unset, terminal=follower, screen=screen)
    finally:
        os.close(follower)  # the child's copies are closed: the reader now meets the end
        reader.join(timeout=SPAWN_TIMEOUT)
        os.close(leader)
    assert shown, "the terminal was not read to its end"
    return run, shown[0]


def read_until(fd: int, text: bytes, seen: bytes = b"", since: int = 0, seconds: float = SPAWN_TIMEOUT) -> bytes:
    """Read from `fd` until `text` appears (in what was read after `seen[:since]`): the readiness signal a test
    waits for, never a sleep. Returns all that was read. Fails at the end of the output (the child ended
    without saying it) or, as a fence only, after `seconds`."""
    deadline = time.monotonic() + seconds
    while text not in seen[since:]:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"waited {seconds:.0f} s for {text!r}; the child said {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # a pseudo-terminal whose other side closed
            chunk = b""
        if not chunk:
            pytest.fail(f"the output ended before {text!r}; the child said {seen[-500:]!r}")
        seen += chunk
    return seen


@pytest.fixture(scope="session")
def place() -> Place:
    return loader.load()


@pytest.fixture(scope="session")
def fjellby() -> Place:
    return loader.load(str(FJELLBY))


@pytest.fixture
def short_tmp_path() -> Iterator[Path]:
    """A folder with a short path: messages cut a path over 60 characters at its start, and pytest's own
    folders (longer under xdist) would be cut, so a test that names a whole path in a message uses this
    (tests/test_echoes.py tests the cut itself)."""
    with tempfile.TemporaryDirectory(prefix="rt", ignore_cleanup_errors=True) as folder:
        yield Path(folder)


# Debian's Chromium, run as the machine's own probe runs it: no background traffic, a fresh profile.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Chromium through Playwright, one for each xdist worker (a launch costs a second or two of CPU, and each
    test opens a context of its own); never a browser Playwright downloads."""
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A page lent to one test at a time: only local files load, every other request is refused and kept in
    `blocked` (each address asked for, allowed or not, is in `asked`), and console errors are kept in `errors`.
    The handlers are set once, when the page is made; lending it again empties the lists, so a test sees only
    what its own visits did."""

    def __init__(self, context: object) -> None:
        self.page: Any = context.new_page()  # type: ignore[attr-defined]
        self.blocked: list[str] = []
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.asked.append(url)
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def ready(self, width: int, height: int) -> Tab:
        """Back to a fresh visit's state: the given screen, no emulated media, nothing recorded, and in front
        (of a context's pages only the one in front may go full screen, as in a browser's window)."""
        self.page.bring_to_front()
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.emulate_media(media="null")
        self.blocked.clear()
        self.asked.clear()
        self.errors.clear()
        return self


class Tabs:
    """Pages kept open for the worker's whole session and lent to tests. A fresh context and page cost Chromium
    about a second of CPU, a new visit to an open page a third of that, and the browser tests open some thirty;
    each visit still loads its file anew (a navigation to another document starts it from nothing)."""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context()  # type: ignore[attr-defined]
        self.free: list[Tab] = []
        self.lent: list[Tab] = []

    def lend(self, width: int = 1280, height: int = 720) -> Tab:
        """A page for the test that asks: it comes back when the test ends."""
        tab = self.hold(width, height)
        self.lent.append(tab)
        return tab

    def hold(self, width: int = 1280, height: int = 720) -> Tab:
        """A page kept until `release` (a module's page, shared by its tests)."""
        return (self.free.pop() if self.free else Tab(self.context)).ready(width, height)

    def release(self, tab: Tab) -> None:
        tab.page.goto("about:blank")
        self.free.append(tab)

    def give_back(self) -> None:
        """After a test: each page lent is emptied (so nothing it showed keeps running) and free again."""
        for tab in self.lent:
            if not tab.page.is_closed():
                self.release(tab)
        self.lent.clear()


@pytest.fixture(scope="session")
def tabs(browser: object) -> Tabs:
    lent = Tabs(browser)
    KEPT_CONTEXTS.append(lent.context)
    return lent


KEPT_CONTEXTS: list[object] = []  # contexts that outlive a test: the pages lent to tests live there


@pytest.fixture(autouse=True)
def _contexts_closed(request: pytest.FixtureRequest) -> Iterator[None]:
    """The browser lives as long as the worker: what a test opens (its contexts, their pages) is closed when the
    test ends, so no page keeps running beside the next tests. A module's own page, opened before, stays; the
    pages lent from `tabs` are emptied and kept for the next test."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    before = list(browser.contexts)
    yield
    for context in browser.contexts:
        if not any(context is kept for kept in [*before, *KEPT_CONTEXTS]):
            context.close()
    if "tabs" in request.fixturenames:
        request.getfixturevalue("tabs").give_back()


# Modules whose tests share a costly module-scoped set-up (processes run, exports written, quizzes or years of
# sun computed, a page opened): xdist would hand their tests to both workers, and each would build it. Each is
# one unit of work, run whole on one worker; loadscope's order starts the largest units first, so the workers
# still end together. Every other test is a unit of its own.
SHARED_SET_UP = {
    "test_browser.py",
    "test_daylight.py",
    "test_map.py",
    "test_piped.py",
    "test_printed.py",
    "test_quiz_classroom_fixes.py",
    "test_quiz_pool.py",
    "test_shown_arithmetic.py",
    "test_slides.py",
    "test_sun_reference.py",
    "test_words.py",
}


# The modules that drive Chromium: one unit, on one worker (tests/scheduling.py says why).
CHROMIUM_MODULES = {
    "test_browser.py",
    "test_daylight.py",
    "test_links.py",
    "test_map.py",
    "test_printed.py",
    "test_slides.py",
}


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """`--dist loadgroup`, grouped by the modules above (tests/scheduling.py)."""
    return scheduling.make_scheduler(config, log, SHARED_SET_UP, CHROMIUM_MODULES)
