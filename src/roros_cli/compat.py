"""Every private name of Typer, Click, Rich and CPython that roros leans on, each behind one small function.

An upgrade that removes one fails `tests/test_compat.py` by name, and this module is the only place to change.
Each function says why it is needed and how to drop it. Nothing is imported at the top: the start-up fast
path uses `blake2b` alone and must not pay for Typer or Rich.
"""

from __future__ import annotations

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import IO, Any, TextIO

    # Re-exported for the type checker: a class cli.py derives from must be a name it can see.
    from typer._click.core import Context as Context
    from typer._click.formatting import HelpFormatter as HelpFormatter
    from typer._click.types import StringParamType as StringParamType


def blake2b(raw: bytes, digest_size: int) -> str:
    """The hex digest from CPython's `_blake2`, the C module behind `hashlib.blake2b`: importing hashlib
    starts OpenSSL, a few milliseconds on every `roros get`. To drop: use `hashlib.blake2b` (same digests)."""
    try:
        from _blake2 import blake2b as blake
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b as blake
    return blake(raw, digest_size=digest_size).hexdigest()


def click_help_formatter() -> type[HelpFormatter]:
    """Click's help formatter, as vendored by Typer 0.28 under the private `typer._click` (pinned <0.29).
    To drop: when Typer exposes Click again (or roros depends on click), import `click.formatting`."""
    from typer._click.formatting import HelpFormatter

    return HelpFormatter


def click_string_type() -> type[StringParamType]:
    """Click's string parameter type (for a custom "missing argument" message). To drop: as above."""
    from typer._click.types import StringParamType

    return StringParamType


def click_term_len() -> Callable[[str], int]:
    """The width Click gives a term (ANSI codes removed). To drop: `len` of the text without escapes."""
    from typer._click._compat import term_len

    return term_len


def click_wrap_text() -> Callable[..., str]:
    """Click's paragraph wrapper, which the help formatter uses. To drop: as `click_help_formatter`."""
    from typer._click.formatting import wrap_text

    return wrap_text


def use_help_formatter(formatter: type[HelpFormatter]) -> None:
    """Every Click context (so every help page, Typer's included) formats with `formatter`, set globally on
    the private Context because Typer passes no formatter_class through. To drop: give each command a
    `context_class` whose `formatter_class` is `formatter`, once Typer lets an app set it."""
    from typer._click.core import Context

    Context.formatter_class = formatter


def use_whole_word_wrapping() -> None:
    """Click's help wrapper never splits a word (`built-` / `in`): its private `_textwrap.TextWrapper` is
    replaced, which `wrap_text` imports at each call. To drop: a formatter whose `write_text` wraps itself."""
    from typer._click import _textwrap

    class WholeWords(_textwrap.TextWrapper):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "break_on_hyphens": False, "break_long_words": False})

    _textwrap.TextWrapper = WholeWords  # type: ignore[misc]


def use_one_line_usage_errors() -> None:
    """Click shows a usage error as a usage block, a blank line and "Error: ..."; roros shows it as one
    `roros: error:` line, like every other error, by replacing the private vendored `UsageError.show`.
    To drop: when Typer lets an app choose how usage errors are shown, pass the same function there."""
    from typer._click.exceptions import UsageError
    from typer._click.utils import echo

    def show(self: UsageError, file: IO[Any] | None = None) -> None:
        where = self.ctx.command_path if self.ctx is not None else "roros"
        message = " ".join(self.format_message().split())
        echo(f"roros: error: {message} (`{where} -h` shows how to use it)", file=file, err=file is None)

    UsageError.show = show  # type: ignore[method-assign]


def completion_script(shell: str) -> str:
    """Typer's completion script for `shell`, from its private `_completion_shared` (its public way guesses
    the shell from the parent process). To drop: when Typer's `--show-completion` takes a shell name."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name="roros", complete_var="_ROROS_COMPLETE", shell=shell)


def swap_stderr(stream: TextIO | object) -> TextIO:
    """Put `stream` in place of `sys.stderr` (Click writes its usage errors there, with no hook to shorten
    them) and return the one it replaced, to be put back. To drop: when Click's messages can be filtered."""
    import sys

    previous = sys.stderr
    sys.stderr = stream
    return previous
