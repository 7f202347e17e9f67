"""Writing an export: the policy in the README ("Exports") and the atomic write under it.

Kept apart from datafile (which finds the file to read): writing touches the disk only when asked to.
"""

from __future__ import annotations

import os


class Refused(Exception):
    """What is at an export's path may not be replaced; the message says why."""


def write_export(path: str, text: str) -> bool:
    """Write an export by the policy in the README ("Exports"); True when an existing file was replaced.

    A regular file is replaced only when it may be written, as `>` would: a file with no write permission is
    refused even for root. A symbolic link is refused rather than replaced by a file (which would break the
    link and leave its target as it was) or written through (which would write wherever it points, and not
    atomically). The replaced file's permissions are kept, never its set-id bits. Raises Refused or OSError.
    """
    import stat

    try:
        status: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        status = None
    if status is None:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    elif stat.S_ISLNK(status.st_mode):
        raise Refused("it is a symbolic link: give the path of the file itself")
    elif stat.S_ISDIR(status.st_mode):
        raise Refused("it is a directory")
    elif not stat.S_ISREG(status.st_mode):
        raise Refused("it is not a regular file")
    elif not status.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise Refused("it is read-only (chmod u+w to allow it)")
    else:
        mode = stat.S_IMODE(status.st_mode) & 0o777  # never set-user-id, set-group-id or sticky
    try:
        write_atomically(path, text, mode)
    except PermissionError:
        if status is None:
            raise
        _write_in_place(path, text, mode)  # the folder takes no new file, but the file may be written, as with `>`
    return status is not None


def _write_in_place(path: str, text: str, mode: int) -> None:
    """Overwrite a regular file where it is (not atomic: the folder refuses the temporary file)."""
    import stat

    flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Refused("it is not a regular file")
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
        if stat.S_IMODE(os.fstat(descriptor).st_mode) & 0o7000:
            os.fchmod(descriptor, mode)


def write_atomically(path: str, text: str, mode: int | None = None) -> None:
    """Write `text` to `path` through a temporary file beside it and a rename, so a reader (or a failure:
    a full disk, a size limit, a kill) sees the old file or the new one, never a part. Raises OSError.

    SIGTERM, SIGINT and SIGHUP are held back while the temporary file exists: one that arrives meanwhile
    takes effect once the file is renamed or removed, so a kill never leaves a `.roros-*.tmp` behind.
    """
    import tempfile

    held = _hold_signals()
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".roros-", suffix=".tmp", dir=os.path.dirname(path) or ".")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if mode is not None:
                os.chmod(temporary, mode)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    finally:
        _release_signals(held)


def _hold_signals() -> object:
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows has no signal masks
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})


def _release_signals(held: object) -> None:
    import signal

    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # type: ignore[arg-type]
