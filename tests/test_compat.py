"""Each private name roros leans on still exists and still does what roros needs; and only `compat` uses them.

A failure here after an upgrade names the internal that changed; `src/roros_cli/compat.py` says how to drop it.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
from pathlib import Path

import pytest

from roros_cli import cli, compat

SOURCE = Path(compat.__file__).parent


def test_blake2b_gives_hashlibs_digest() -> None:
    raw = "Røros kobberverk".encode()
    assert compat.blake2b(raw, digest_size=20) == hashlib.blake2b(raw, digest_size=20).hexdigest()


def test_every_click_context_formats_help_with_roros_formatter() -> None:
    from typer._click.core import Context

    assert Context.formatter_class is cli._TidyHelp
    assert issubclass(cli._TidyHelp, compat.click_help_formatter())


def test_click_help_wrapping_never_splits_a_word() -> None:
    wrap = compat.click_wrap_text()
    wrapped = wrap("use the built-in file", 10)
    assert "built-in" in wrapped.split("\n")


def test_click_term_len_ignores_colour_codes() -> None:
    assert compat.click_term_len()("\x1b[1mbold\x1b[0m") == 4


def test_click_string_type_takes_a_missing_message() -> None:
    assert hasattr(compat.click_string_type(), "get_missing_message")


def test_a_click_usage_error_shows_as_one_roros_line() -> None:
    from typer._click.exceptions import UsageError

    shown = io.StringIO()
    UsageError("Missing argument 'KEY...'.").show(shown)
    assert shown.getvalue() == "roros: error: Missing argument 'KEY...'. (`roros -h` shows how to use it)\n"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell", "pwsh"])
def test_completion_script_for_each_shell(shell: str) -> None:
    script = compat.completion_script(shell)
    assert "_ROROS_COMPLETE" in script
    assert "roros" in script


def test_swap_stderr_puts_back_what_it_replaced() -> None:
    original = sys.stderr
    replacement = io.StringIO()
    assert compat.swap_stderr(replacement) is original
    try:
        print("to the replacement", file=sys.stderr)
    finally:
        assert compat.swap_stderr(original) is replacement
    assert replacement.getvalue() == "to the replacement\n"


PRIVATE = re.compile(r"from typer\._|import typer\._|_blake2|_completion_shared|_environ=|sys\.stderr = |\._click\b")


@pytest.mark.parametrize("path", sorted(SOURCE.glob("*.py")), ids=lambda path: path.name)
def test_only_compat_touches_private_internals(path: Path) -> None:
    if path.name == "compat.py":
        return
    found = [line for line in path.read_text(encoding="utf-8").splitlines() if PRIVATE.search(line)]
    assert found == []
