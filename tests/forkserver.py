"""A `roros` with its imports done, forked for each run: the suite's children without Python's start-up.

Most of the suite's time went to the children it starts: about six hundred `roros` processes, each spending
0.1-0.2 s of CPU on Python's start-up and on importing Typer, Rich and the package before doing a few
milliseconds of work. A real process is still what each test needs (its own streams, status, signals, limits
and environment), so `run_process` asks this server for one: the server imported everything once, and forks a
child for each run, which takes the test's streams as its 0, 1 and 2, the test's environment, folder and
arguments, sets up `sys.stdin`/`stdout`/`stderr` as Python's start-up would for those streams, and runs the
script's `main()`. Its exit status comes back through the server, which is the child's parent.

What differs from an exec, and why it is safe:
- the modules are already imported: a missing lazy import would not show here. The import pins
  (`tests/test_fastpath.py`), the memory peaks and the installed wheel (`tests/test_package.py`) still exec the
  real script, and CI runs the suite on its oldest and newest Pythons with `ROROS_TESTS_EXEC=1`, which makes
  `run_process` and `popen` exec every child;
- the Click command is built once in the server (`build_command_once`), as an import is;
- settings Python reads once at start-up (`PYTHON*`, `LC_*`, `LANG`, other than `PYTHONIOENCODING`, which the
  child applies): a run whose environment changes one of them is exec'd;
- string hashing is seeded once for every child (a real process draws a new seed); `random` is reseeded in
  every child by Python itself (`os.register_at_fork`).
`run` is `subprocess.run` for a child; `spawn` is `subprocess.Popen` for one a test talks to as it runs (keys
typed at its pseudo-terminal, which it takes as its controlling terminal in a session of its own, as a shell
starts it; signals, sent through a pidfd). `tests/test_forkserver.py` runs a set of commands both ways and
requires the same bytes, status and streams.

Linux only (pidfd, SCM_RIGHTS over a SEQPACKET socket); elsewhere `run_process` execs as before.
"""

from __future__ import annotations

import atexit
import codecs
import io
import itertools
import json
import math
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

# What Python fixes at start-up: a run that changes one of these needs a real start-up (PYTHONIOENCODING is
# applied by the child itself).
_START_UP = ("PYTHON", "LC_", "LANG")
_APPLIED = {"PYTHONIOENCODING"}
_MESSAGE = 1 << 20


# ------------------------------------------------------------------------------------------------------ client


def available() -> bool:
    """Whether this machine can run the server."""
    return sys.platform.startswith("linux") and hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")


def supported() -> bool:
    """Whether `run_process` forks from the server: where it is available and not switched off."""
    return available() and os.environ.get("ROROS_TESTS_EXEC", "") in {"", "0"}


class _Server:
    """A server's address, and what runs there."""

    script: str
    environment: dict[str, str]
    address: str

    def runs(self, argv: Sequence[str], env: Mapping[str, str]) -> bool:
        """Whether `argv` with `env` runs here as it would after an exec."""
        if not argv or os.fsdecode(argv[0]) != self.script:
            return False
        names = set(env) | set(self.environment)
        return not any(
            name.startswith(_START_UP) and name not in _APPLIED and env.get(name) != self.environment.get(name)
            for name in names
        )

    def run(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: str,
        input: bytes | None,
        timeout: float,
        limits: Sequence[tuple[int, int, int]] = (),
        terminal: int | None = None,
        screen: bool = False,
    ) -> subprocess.CompletedProcess[bytes]:
        """Like `subprocess.run(argv, input=input, capture_output=True, env=env, cwd=cwd, timeout=timeout)`;
        with `terminal` (a pseudo-terminal's fd, and no input), stdin and stderr are that terminal, and with
        `screen` stdout too."""
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        connection.settimeout(timeout)  # a fence on a server that stopped answering, like the child's own
        connection.connect(self.address)
        stdin_r, stdin_w = os.pipe() if input is not None else (None, None)
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        words = [os.fsdecode(word) for word in argv]
        request = {"argv": words, "env": dict(env), "cwd": cwd, "limits": [list(limit) for limit in limits]}
        given = [0 if stdin_r is None else stdin_r, stdout_w, stderr_w]
        if terminal is not None:
            given = [terminal, terminal if screen else stdout_w, terminal]
        try:
            socket.send_fds(connection, [json.dumps(request).encode()], given)
        finally:
            for fd in (stdout_w, stderr_w, *([stdin_r] if stdin_r is not None else [])):
                os.close(fd)
        pid = json.loads(connection.recv(_MESSAGE))["pid"]
        try:
            stdout, stderr, status = _communicate(connection, pid, stdin_w, input, stdout_r, stderr_r, timeout)
        except subprocess.TimeoutExpired:
            _kill(pid)
            raise subprocess.TimeoutExpired(list(argv), timeout) from None
        finally:
            connection.close()
            for fd in (stdout_r, stderr_r):
                os.close(fd)
        return subprocess.CompletedProcess(list(argv), status, stdout, stderr)

    def spawn(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: str,
        stdin: Any = None,
        stdout: Any = None,
        stderr: Any = None,
        limits: Sequence[tuple[int, int, int]] = (),
        session: bool = False,
    ) -> Child:
        """Like `subprocess.Popen(argv, stdin=..., stdout=..., stderr=..., env=env, cwd=cwd)`, for a test that
        talks to the child while it runs (types to it, signals it, reads it as it goes). Each stream is None
        (this process's own), PIPE, DEVNULL, STDOUT (for stderr), an fd or a file. With `session`, the child
        leads a session of its own with its stdin (a pseudo-terminal) as the controlling terminal, as a shell
        starts a program in a terminal: Ctrl-C typed there reaches it as SIGINT."""
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        connection.connect(self.address)
        given, kept, made = _streams(stdin, stdout, stderr)
        request = {
            "argv": [os.fsdecode(word) for word in argv],
            "env": dict(env),
            "cwd": cwd,
            "limits": [list(limit) for limit in limits],
            "session": session,
            "handle": True,
        }
        try:
            socket.send_fds(connection, [json.dumps(request).encode()], given)
        finally:
            for fd in made:
                os.close(fd)
        message, fds, _, _ = socket.recv_fds(connection, _MESSAGE, 1)
        return Child(list(argv), connection, json.loads(message)["pid"], fds[0], kept)


def _streams(stdin: Any, stdout: Any, stderr: Any) -> tuple[list[int], list[Any], list[int]]:
    """The child's fds 0, 1 and 2; this process's ends of the pipes (file objects, or None); and the fds made
    here for the child, which this process closes once they are sent."""
    given: list[int] = []
    kept: list[Any] = [None, None, None]
    made: list[int] = []
    for target, how in enumerate((stdin, stdout, stderr)):
        if how is None:
            given.append(target)
        elif how == subprocess.STDOUT and target == 2:
            given.append(given[1])
        elif how == subprocess.PIPE:
            read, write = os.pipe()
            ours, theirs = (write, read) if target == 0 else (read, write)
            kept[target] = open(ours, "wb" if target == 0 else "rb")  # noqa: SIM115 - the caller closes it
            given.append(theirs)
            made.append(theirs)
        elif how == subprocess.DEVNULL:
            null = os.open(os.devnull, os.O_RDWR)
            given.append(null)
            made.append(null)
        else:
            given.append(how if isinstance(how, int) else how.fileno())
    return given, kept, made


class Child:
    """A child forked by the server, as `subprocess.Popen` shows one: `pid`, `stdin`/`stdout`/`stderr` (this
    process's ends of pipes, or None), `poll`, `wait`, `communicate`, `send_signal`, `terminate`, `kill`.
    Its status comes from the server, its parent; signals go through a pidfd, so never to a reused pid."""

    def __init__(self, args: list[str], connection: socket.socket, pid: int, pidfd: int, kept: list[Any]) -> None:
        self.args, self.pid = args, pid
        self.returncode: int | None = None
        self.stdin, self.stdout, self.stderr = kept
        self._connection, self._pidfd = connection, pidfd

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._connection], [], [], 0)[0]:
            self._receive()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not select.select([self._connection], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
            self._receive()
        assert self.returncode is not None
        return self.returncode

    def _receive(self) -> None:
        message = self._connection.recv(_MESSAGE)
        self.returncode = json.loads(message)["status"] if message else -signal.SIGKILL
        self._connection.close()
        os.close(self._pidfd)

    def communicate(self, input: bytes | None = None, timeout: float | None = None) -> tuple[bytes, bytes]:
        """Feed `input`, read stdout and stderr (where they are pipes) to their ends, and wait."""
        stdin_w = None
        if self.stdin is not None:
            self.stdin.flush()
            stdin_w = os.dup(self.stdin.fileno())
            self.stdin.close()
        outs = (self.stdout, self.stderr)
        spare = [os.open(os.devnull, os.O_RDONLY) for stream in outs if stream is None]  # read as empty
        fds = [spare.pop() if stream is None else stream.fileno() for stream in outs]
        try:
            stdout, stderr, status = _communicate(
                self._connection, self.pid, stdin_w, input, fds[0], fds[1], timeout or 1e9
            )
        finally:
            for stream, fd in zip(outs, fds, strict=True):
                os.close(fd) if stream is None else stream.close()
        self.returncode = status
        self._connection.close()
        os.close(self._pidfd)
        return stdout, stderr

    def send_signal(self, number: int) -> None:
        """As Popen's: nothing once the child has ended."""
        if self.poll() is None:
            try:
                signal.pidfd_send_signal(self._pidfd, number)
            except ProcessLookupError:  # it ended after the poll: its status is on the way
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServer(_Server):
    """One server per test process (each xdist worker has its own), started on first use."""

    def __init__(self, script: str, environment: Mapping[str, str]) -> None:
        self.script = script
        self.environment = dict(environment)
        self._folder = tempfile.mkdtemp(prefix="rfs")  # 0700: no other user can connect
        self.address = os.path.join(self._folder, "s")
        self._warmed = itertools.count()
        self._process = subprocess.Popen(
            [sys.executable, __file__, self.address, script],
            stdin=subprocess.PIPE,  # the server ends when this closes: when the test process ends
            stdout=subprocess.PIPE,
            env=self.environment,
            cwd=self._folder,
        )
        assert self._process.stdout is not None
        ready = self._process.stdout.readline()  # a signal, not a wait: the server says when it listens
        if ready != b"ready\n":
            raise RuntimeError(f"the fork server did not start: {ready!r}")

    def warmed(self, path: str, limits: Sequence[tuple[int, int, int]] = ()) -> Warmed:
        """A server of its own that has read and checked the data file at `path` once, under `limits`: each
        child it forks finds that file parsed (while its text is unchanged), and does only its own work."""
        return Warmed(self, path, os.path.join(self._folder, f"w{next(self._warmed)}"), limits)

    def close(self) -> None:
        if self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        assert self._process.stdout is not None
        self._process.stdout.close()
        for path in (self.address, self._folder):
            try:
                os.unlink(path) if path == self.address else os.rmdir(path)
            except OSError:
                pass


class Warmed(_Server):
    """A child of the server that read one data file and serves in its turn; it ends when closed."""

    def __init__(self, parent: ForkServer, path: str, address: str, limits: Sequence[tuple[int, int, int]]) -> None:
        self.script, self.environment, self.address = parent.script, parent.environment, address
        self._control = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._control.connect(parent.address)
        request = {"warm": path, "address": address, "limits": [list(limit) for limit in limits]}
        socket.send_fds(self._control, [json.dumps(request).encode()], [])
        while True:  # the server's "pid" and the warmed child's "ready" may come in either order
            message = self._control.recv(_MESSAGE)
            said = json.loads(message) if message else {"status": -signal.SIGKILL}
            if "ready" in said:
                return
            if "status" in said or "error" in said:
                self._control.close()
                raise RuntimeError(f"the data file could not be read once for all: {said}")

    def __enter__(self) -> Warmed:
        return self

    def __exit__(self, *exc: object) -> None:
        self._control.close()  # the warmed server ends when its control connection does
        try:
            os.unlink(self.address)
        except OSError:
            pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _communicate(
    connection: socket.socket,
    pid: int,
    stdin_w: int | None,
    input: bytes | None,
    stdout_r: int,
    stderr_r: int,
    timeout: float,
) -> tuple[bytes, bytes, int]:
    """Feed stdin, read stdout and stderr to their ends, and the status the server sends when the child ends."""
    deadline = time.monotonic() + timeout
    read = {stdout_r: bytearray(), stderr_r: bytearray()}
    reading = {stdout_r, stderr_r}
    status: int | None = None
    pending = memoryview(input or b"")
    if stdin_w is not None:
        os.set_blocking(stdin_w, False)
    try:
        while reading or status is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired("roros", timeout)
            readers = [*reading, *([connection.fileno()] if status is None else [])]
            writers = [stdin_w] if stdin_w is not None else []
            readable, writable, _ = select.select(readers, writers, [], left)
            if writable:
                assert stdin_w is not None
                stdin_w, pending = _feed(stdin_w, pending)
            for fd in readable:
                if fd == connection.fileno():
                    message = connection.recv(_MESSAGE)
                    status = json.loads(message)["status"] if message else -signal.SIGKILL
                    continue
                chunk = os.read(fd, 65536)
                read[fd] += chunk
                if not chunk:
                    reading.discard(fd)
    finally:
        if stdin_w is not None:
            os.close(stdin_w)
    return bytes(read[stdout_r]), bytes(read[stderr_r]), status


def _feed(stdin_w: int, pending: memoryview) -> tuple[int | None, memoryview]:
    """Write what the child's stdin can take now; close it when all is written or the child stopped reading."""
    try:
        pending = pending[os.write(stdin_w, pending[:65536]) :]
    except BrokenPipeError:  # the child does not read all of it: as subprocess.run, not an error
        pending = pending[:0]
    if pending:
        return stdin_w, pending
    os.close(stdin_w)
    return None, pending


def shim(server: _Server, folder: str) -> str:
    """A folder holding a `roros` for shells that forks from `server` (tests/shim.py): put it first on PATH. A
    shell's `ROROS_TESTS_SERVER` may name another server (a warmed one) for the runs it starts."""
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim.py")
    with open(source, encoding="utf-8") as file:
        text = file.read()
    fixed = {k: v for k, v in server.environment.items() if k.startswith(_START_UP) and k not in _APPLIED}
    placeholder = next(line for line in text.splitlines() if line.startswith("ADDRESS, SCRIPT,"))
    constants = (server.address, server.script, _START_UP, tuple(sorted(_APPLIED)), fixed)
    text = text.replace(placeholder, f"ADDRESS, SCRIPT, START_UP, APPLIED, FIXED = {constants!r}")
    path = os.path.join(folder, "roros")
    with open(path, "w", encoding="utf-8") as file:
        file.write(f"#!{sys.executable} -IS\n{text}")
    os.chmod(path, 0o755)
    return folder


_servers: dict[str, ForkServer] = {}
_lock = threading.Lock()


def server(script: str, environment: Mapping[str, str]) -> ForkServer:
    """This process's server for `script` (several threads may ask at once: one is started)."""
    with _lock:
        found = _servers.get(script)
        if found is None or found._process.poll() is not None:
            found = _servers[script] = ForkServer(script, environment)
            atexit.register(found.close)
        return found


# ------------------------------------------------------------------------------------------------------ server


def _preload() -> None:
    """Everything a command imports on its way: the package's modules and the libraries they use."""
    import importlib
    import pkgutil

    import roros_cli
    import roros_cli.__main__

    for module in pkgutil.iter_modules(roros_cli.__path__):
        importlib.import_module(f"roros_cli.{module.name}")
    # Not typer.rich_utils: it reads FORCE_COLOR and TERMINAL_WIDTH when it is imported, so each child that
    # prints help imports it itself, with its own environment.
    for name in ("rich.console", "rich.table", "rich.text", "rich.markup", "rich.panel", "typer"):
        importlib.import_module(name)
    build_command_once()


def build_command_once() -> None:
    """Typer builds the Click command from the app on every call of `app()`: 26 ms, in each child, like an
    import. The build reads one thing of the environment (whether completion may detect the shell, which
    Typer's own tests switch off), so a command is kept for each value of it: built here once, and each child
    runs the command it finds built. Options and help read the rest when a run uses them."""
    import functools

    import typer.main

    from roros_cli.cli import app

    build = typer.main.get_command
    if getattr(build, "built_once", False):
        return

    @functools.cache
    def built(typer_app: Any, detection: str | None) -> Any:
        return build(typer_app)

    def get_command(typer_app: Any) -> Any:
        return built(typer_app, os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"))

    get_command.built_once = True  # type: ignore[attr-defined]
    typer.main.get_command = get_command  # type: ignore[assignment]
    get_command(app)


def _serve(address: str, script: str) -> None:
    _preload()
    listener = _listen(address)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    _loop(listener, 0, script)  # fd 0: a pipe from the test process, which closes when it ends


def _listen(address: str) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(address)
    listener.listen(64)
    return listener


def _loop(listener: socket.socket, control: int, script: str) -> None:
    """Fork a child for each request, report each child's status, and end when `control` reads its end."""
    waiting: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> (pid, connection)
    while True:
        readable, _, _ = select.select([listener.fileno(), control, *waiting], [], [])
        for ready in readable:
            if ready == control:
                if not os.read(control, _MESSAGE):
                    return
            elif ready == listener.fileno():
                _start(listener, control, waiting, script)
            else:
                _report(ready, waiting)


def _start(listener: socket.socket, control: int, waiting: dict[int, tuple[int, socket.socket]], script: str) -> None:
    """Fork a child for one request. A client may hang up at any point (a test that timed out, or a warmed
    server's owner that heard "ready" first and is done): the server then goes on with the next one."""
    connection, _ = listener.accept()
    try:
        message, fds, _, _ = socket.recv_fds(connection, _MESSAGE, 3)
    except OSError:
        connection.close()
        return
    if not message:  # connected and hung up without asking
        for fd in fds:
            os.close(fd)
        connection.close()
        return
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:
        listener.close()
        if control > 2:
            os.close(control)
        for pidfd, (_, other) in waiting.items():
            os.close(pidfd)
            other.close()
        if "warm" in request:
            _warm(request, connection, script)  # never returns
        connection.close()
        _child(request, fds, script)  # never returns
    for fd in fds:
        if fd > 2:
            os.close(fd)
    pidfd = os.pidfd_open(pid)
    waiting[pidfd] = (pid, connection)  # reaped when it ends, whether or not anyone listens
    try:  # a client that talks to its child gets a pidfd to signal it by
        socket.send_fds(connection, [json.dumps({"pid": pid}).encode()], [pidfd] if request.get("handle") else [])
    except OSError:  # the client is gone; its child ends on its own (a warmed one when its control closes)
        pass


def _report(pidfd: int, waiting: dict[int, tuple[int, socket.socket]]) -> None:
    pid, connection = waiting.pop(pidfd)
    os.close(pidfd)
    _, status = os.waitpid(pid, 0)
    try:
        connection.send(json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode())
    except OSError:  # the test gave up on it (a timeout) and closed its end
        pass
    connection.close()


def _warm(request: dict[str, object], connection: socket.socket, script: str) -> None:
    """In a forked child: read and check the data file once (under the limits), then serve children that
    find it parsed, or refused with the same error. Only `loader.parse` of the very same text and name is
    answered from memory: every child still opens and reads the file itself (`read_text`), so a file changed
    since is parsed anew. Each child's CPU limit is what the reading left of it, as in one process."""
    global _SPENT
    status = 0
    try:
        set_limits(request["limits"])  # type: ignore[arg-type]
        from roros_cli import loader

        path = str(request["warm"])
        text = loader.read_text(path, path)
        try:
            place: object = loader.parse(text, path)
        except loader.DataError as refused:
            place = refused
        _SPENT = _cpu_seconds()
        parse = loader.parse

        def parsed(given: str, shown: str = "<data>") -> object:
            if shown != path or given != text:
                return parse(given, shown)
            if isinstance(place, loader.DataError):
                raise place
            return place

        loader.parse = parsed  # type: ignore[assignment]
        listener = _listen(str(request["address"]))
        connection.send(json.dumps({"ready": True}).encode())
        _loop(listener, connection.fileno(), script)
    except BaseException as error:
        connection.send(json.dumps({"error": f"{type(error).__name__}: {error}"[:1000]}).encode())
        status = 3
    finally:
        os._exit(status)


def _child(request: dict[str, object], fds: list[int], script: str) -> None:
    """In the forked child: become the process an exec of the script would have made, then run it."""
    status = 70
    try:
        targets = request.get("streams", [0, 1, 2])
        assert isinstance(targets, list)
        for target, fd in zip(targets, fds, strict=True):
            os.dup2(fd, target)
        for fd in set(fds):
            if fd > 2:
                os.close(fd)
        for fd in {0, 1, 2} - set(targets):  # closed where the client had it closed (`2>&-` in a shell)
            os.close(fd)
        if "umask" in request:
            os.umask(int(request["umask"]))  # type: ignore[call-overload]
        if request.get("session"):  # a session of its own, led by its terminal, as a shell starts it
            import fcntl
            import termios

            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        _signals()
        env = request["env"]
        assert isinstance(env, dict)
        os.environ.clear()
        os.environ.update(env)
        time.tzset()  # the local time zone as a new process would read it from TZ
        os.chdir(str(request["cwd"]))
        set_limits(budget(request["limits"], _SPENT))  # type: ignore[arg-type]
        argv = request["argv"]
        assert isinstance(argv, list)
        sys.argv = [str(word) for word in argv]
        sys.path[0] = os.path.dirname(os.path.abspath(script))
        _stdio(env)
        status = _run_main()
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(status)


def _signals() -> None:
    """As Python's start-up leaves them: Ctrl-C raises KeyboardInterrupt, SIGPIPE and SIGXFSZ are ignored."""
    signal.set_wakeup_fd(-1)
    for number in (signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP, signal.SIGQUIT, signal.SIGALRM):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


_SPENT = 0.0  # CPU seconds a warmed server spent reading its file: its children's share of the CPU limit


def _cpu_seconds() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def budget(limits: Sequence[Sequence[int]], spent: float) -> list[list[int]]:
    """`limits` for a child that starts where its parent spent `spent` CPU seconds on work an exec would have
    done itself: the CPU limit (whole seconds) less that, rounded so the child never gets more than an exec."""
    import resource

    taken = math.ceil(spent)
    return [
        [kind, max(1, soft - taken), max(1, hard - taken)]
        if kind == resource.RLIMIT_CPU and taken
        else [kind, soft, hard]
        for kind, soft, hard in limits
    ]


def set_limits(limits: Sequence[Sequence[int]]) -> None:
    """Resource limits, each (resource.RLIMIT_..., soft, hard), set in this process: a child's, before it runs."""
    import resource

    for kind, soft, hard in limits:
        resource.setrlimit(kind, (soft, hard))


def _stdio(env: Mapping[str, str]) -> None:
    """`sys.stdin`, `stdout` and `stderr` as Python's start-up makes them (Python/pylifecycle.c, create_stdio):
    the encoding and errors this server started with, or those PYTHONIOENCODING names (stderr keeps
    backslashreplace); stdout line-buffered at a terminal, stderr always; nothing buffered for writing under
    PYTHONUNBUFFERED; None for a stream that is closed."""
    encoding, errors = sys.stdout.encoding, sys.stdout.errors or "strict"
    codec, _, handler = env.get("PYTHONIOENCODING", "").partition(":")
    if codec:  # an encoding named without a handler is strict (the locale's surrogateescape goes with its own)
        encoding, errors = codecs.lookup(codec).name, "strict"  # Python shows the codec's own name
    errors = handler or errors
    buffered = not env.get("PYTHONUNBUFFERED")
    sys.stdin = sys.__stdin__ = _stream(0, "<stdin>", encoding, errors, buffered)  # type: ignore[misc]
    sys.stdout = sys.__stdout__ = _stream(1, "<stdout>", encoding, errors, buffered)  # type: ignore[misc]
    sys.stderr = sys.__stderr__ = _stream(2, "<stderr>", encoding, "backslashreplace", buffered)  # type: ignore[misc]


def _stream(fd: int, label: str, encoding: str, errors: str, buffered: bool) -> Any:
    try:
        os.fstat(fd)
    except OSError:
        return None
    writing = fd > 0
    binary: Any = open(  # noqa: SIM115 - the process's own stream, open to its end
        fd, "wb" if writing else "rb", buffering=-1 if buffered or not writing else 0, closefd=False
    )
    raw = getattr(binary, "raw", binary)
    raw.name = label
    text = io.TextIOWrapper(
        binary,
        encoding=encoding,
        errors=errors,
        newline="\n",
        line_buffering=buffered and (fd == 2 or raw.isatty()),
        write_through=not buffered and writing,
    )
    text.mode = "w" if writing else "r"  # type: ignore[misc]
    return text


def _run_main() -> int:
    """The script's `sys.exit(main())`, then Python's own ending: exit functions, a last flush."""
    from roros_cli.__main__ import main

    try:
        main()
        code: object = 0
    except SystemExit as exit_:
        code = exit_.code
    except KeyboardInterrupt:
        _flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as Python ends on an uncaught Ctrl-C: by the signal
        os.kill(os.getpid(), signal.SIGINT)
        return 130
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    import atexit as exits

    exits._run_exitfuncs()
    return status if _flush() else 120  # Py_Exit: a failed last flush makes the status 120


def _flush() -> bool:
    """Flush stdout and stderr as Python does at exit; False when stdout could not be flushed."""
    ok = True
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError) as error:
            if stream is sys.stdout:
                ok = False
                if sys.stderr is not None:  # Python's own words for it
                    sys.stderr.write(f"Exception ignored in: {stream!r}\n{type(error).__name__}: {error}\n")
                    sys.stderr.flush()
    return ok


if __name__ == "__main__":
    del sys.path[0]  # the tests folder: children see the script's folder there instead
    _serve(sys.argv[1], sys.argv[2])
