"""`roros` for the shells the tests start: forks the installed script from the suite's server (forkserver.py).

The README examples and the tests of pipes and closed streams run `roros` in bash, as a user does, and each
exec of the script costs 0.15-0.2 s of CPU. `forkserver.shim` writes this file, with the server's address in
place of the constants below, as `roros` in a folder that `conftest.shell` puts first on PATH. It starts in
0.02 s (a Python without site, `-IS`, importing only C modules: json, socket and signal would bring re and
enum and triple that), and asks the server to fork the script with this process's streams (a closed one stays
closed), folder, environment, resource limits and umask; it forwards the signals it gets to the child and ends
as the child ended: with its status, or killed by the same signal, so bash sees 141 for SIGPIPE. The shell, its
pipes and redirections are real. A start-up setting that differs from the server's (`LANG=C roros ...`) execs
the real script instead.
"""

import _json
import _signal  # type: ignore[import-not-found]  # signal's C half, which has no stubs
import _socket
import array
import os
import resource
import sys

# The constants: forkserver.shim writes the server's in place of the next line.
ADDRESS, SCRIPT, START_UP, APPLIED, FIXED = "", "", ("PYTHON",), ("PYTHONIOENCODING",), {"": ""}
FORWARD = {_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP, _signal.SIGQUIT, _signal.SIGUSR1, _signal.SIGUSR2}
LIMITS = (resource.RLIMIT_CPU, resource.RLIMIT_AS, resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE)


def is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def as_json(value: object) -> str:
    """The request as JSON, from the few kinds it holds."""
    if isinstance(value, str):
        return str(_json.encode_basestring_ascii(value))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{as_json(key)}: {as_json(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(as_json(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    assert isinstance(value, int)
    return str(value)


def status_of(message: bytes) -> int:
    """The status from the server's `{"status": -13}`; a server gone away is a kill."""
    if not message:
        return -int(_signal.SIGKILL)
    return int(message.decode().split('"status":', 1)[1].strip(" }"))


def main() -> None:
    env = dict(os.environ)
    address = env.pop("ROROS_TESTS_SERVER", ADDRESS)  # a test may name a warmed server
    settings = {name: value for name, value in env.items() if name.startswith(START_UP) and name not in APPLIED}
    if settings != FIXED:
        os.execv(SCRIPT, [SCRIPT, *sys.argv[1:]])
    _signal.pthread_sigmask(_signal.SIG_BLOCK, FORWARD)  # until the child's pidfd is here to forward them to
    streams = [fd for fd in (0, 1, 2) if is_open(fd)]
    null = os.open(os.devnull, os.O_RDWR)  # takes the lowest closed one of 0, 1, 2 ...
    for fd in {0, 1, 2} - set(streams):
        os.dup2(null, fd)  # ... and these fill the rest, so the socket below is none of them
    umask = os.umask(0)
    os.umask(umask)
    request = {
        "argv": [SCRIPT, *sys.argv[1:]],
        "env": env,
        "cwd": os.getcwd(),
        "limits": [[kind, *resource.getrlimit(kind)] for kind in LIMITS],
        "streams": streams,
        "umask": umask,
        "handle": True,
    }
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_SEQPACKET)
    connection.connect(address)
    rights = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, array.array("i", streams))]
    connection.sendmsg([as_json(request).encode()], rights)
    _, ancillary, _, _ = connection.recvmsg(1 << 16, _socket.CMSG_SPACE(4))
    pidfd = array.array("i", ancillary[0][2][:4])[0]
    for fd in (0, 1):  # the child has them: a pipe must not wait on this process to read it or to close it
        os.dup2(null, fd)
    for number in FORWARD:
        _signal.signal(number, lambda number, frame: _signal.pidfd_send_signal(pidfd, number))
    _signal.pthread_sigmask(_signal.SIG_UNBLOCK, FORWARD)
    status = status_of(connection.recv(1 << 16))
    if status < 0:  # ended by a signal: end by the same one
        _signal.signal(-status, _signal.SIG_DFL)
        _signal.pthread_sigmask(_signal.SIG_UNBLOCK, {-status})
        os.kill(os.getpid(), -status)
    os._exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
    main()
