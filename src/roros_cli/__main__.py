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
    except output.Failure as failure:
        output.say(f"roros: error: {failure}")
        status = failure.status
    except output.Terminated:
        output.say("roros: terminated")
        status = output.TERMINATED
    except KeyboardInterrupt:
        output.say("roros: interrupted")
        status = output.INTERRUPTED
    except Exception:
        if debug:
            import traceback

            traceback.print_exc()
        else:
            kind = sys.exc_info()[0]
            output.say(
                f"roros: internal error ({kind.__name__ if kind else 'unknown'}): this is a bug in roros. "
                "Please report it to the roros maintainers (see the README) with the output of the same "
                "command run with --debug."
            )
        status = output.INTERNAL
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
    from roros_cli.cli import app

    stderr = sys.stderr
    if stderr is not None:
        sys.stderr = _ShortEchoes(stderr)
    try:
        app(args=args, prog_name="roros", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        sys.stderr = stderr
    return output.OK


class _ShortEchoes:
    """stderr for Click's own messages, which quote a bad command or option whole: a flood is cut to 80."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        import re

        short = re.sub(r"\S{81,}", lambda match: match.group()[:79] + "…", text)
        return self._stream.write(short)  # type: ignore[attr-defined, no-any-return]

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
    from typer._completion_shared import get_completion_script

    output.write(get_completion_script(prog_name="roros", complete_var="_ROROS_COMPLETE", shell=shell).rstrip())
    return output.OK


if __name__ == "__main__":
    main()
