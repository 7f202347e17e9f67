"""Entry point for the `roros` script and `python -m roros_cli`.

Catches what must never reach the user as a traceback: user errors become one line on stderr with a
documented status; bugs become one line saying how to report them (the traceback only with --debug).
"""

from __future__ import annotations

import os
import sys

from roros_cli import output


def main(argv: list[str] | None = None) -> None:
    """Run roros with `argv` (default: the command line) and exit with its status."""
    args = sys.argv[1:] if argv is None else argv
    output.prepare_streams()
    debug = "--debug" in args or os.environ.get("ROROS_DEBUG", "") not in {"", "0"}
    try:
        status = _dispatch(args)
    except Exception as error:
        status = output.report(error, debug)
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM as output.Terminated
        status = output.report(interrupt)
    finally:
        output.work_done()
    if status == output.INTERRUPTED and output.sigterm_raised():  # Typer's 130 for a Terminated that reached it
        status = output.report(output.Terminated())
    sys.exit(status)


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _dispatch(args: list[str]) -> int:
    if len(args) == 2 and args[0] == "--show-completion" and args[1] in SHELLS:
        return _show_completion(args[1])
    args = _optional_year(args)
    if os.environ.get("ROROS_NO_FASTPATH", "") in {"", "0"}:
        from roros_cli import fastpath

        status = fastpath.run(args)
        if status is not None:
            return status
    if sys.stdout is None and (not args or {"--help", "-h", "--version"} & set(args)):
        output.fail(
            "standard output is closed; give roros somewhere to write (a terminal, a file or a pipe)", output.OUTPUT
        )
    from roros_cli import compat
    from roros_cli.cli import app

    stderr = sys.stderr
    # Closed with 2>&-: Click would then write its usage errors to stdout, mixed with the data; drop them.
    sink = stderr if stderr is not None else open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - kept to the end
    compat.swap_stderr(_ShortEchoes(sink))
    try:
        app(args=args, prog_name="roros", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except OSError as error:
        return _write_failed(args, error)
    finally:
        compat.swap_stderr(stderr)
    return output.OK


def _write_failed(args: list[str], error: OSError) -> int:
    """Typer's own writing failed: the completion script (a file), or stdout (help to a full disk)."""
    from roros_cli.safetext import shorten

    reason = error.strerror or str(error)
    if "--install-completion" in args:
        where = f" to '{shorten(str(error.filename))}'" if error.filename else ""
        output.fail(
            f"cannot install the completion script{where}: {reason}; "
            "save `roros --show-completion SHELL` where your shell reads it instead",
            output.WRITE,
        )
    if isinstance(error, BrokenPipeError):
        output.detach_stdout()
        return output.BROKEN_PIPE
    output.detach_stdout()
    output.fail(f"cannot write the output: {reason}", output.OUTPUT)


class _ShortEchoes:
    """stderr for Click's own messages, which quote a bad command or option whole: a flood is cut to 80."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        import re

        short = re.sub(r"\S{81,}", lambda match: match.group()[:79] + "…", text)
        try:
            return self._stream.write(short)  # type: ignore[attr-defined, no-any-return]
        except (OSError, ValueError):
            return len(text)  # stderr full or closed: the message is lost, but the status still says what happened

    def flush(self) -> None:
        try:
            self._stream.flush()  # type: ignore[attr-defined]
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _optional_year(args: list[str]) -> list[str]:
    """`roros sun --year` with no year means this year: Click options take a value, so one is put in."""
    if "sun" not in args or "--year" not in args:
        return args
    at = args.index("--year")
    if at + 1 == len(args) or args[at + 1].startswith("-"):
        return [*args[: at + 1], "this", *args[at + 1 :]]
    return args


def _show_completion(shell: str) -> int:
    """The completion script for the shell named, whatever shell runs roros (Typer would guess the shell)."""
    from roros_cli import compat

    output.write(compat.completion_script(shell).rstrip())
    return output.OK


if __name__ == "__main__":
    main()
