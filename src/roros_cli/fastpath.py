"""Start-up fast path: the everyday invocations, parsed without importing Typer.

Importing Typer (and the Click it carries) costs more start-up time than everything else `roros get` does.
Scripts call `roros get` in loops and every TAB press runs the program, so a complete, well-formed command
line for a data command is parsed here with a small table, and run by the same `commands` functions the
Typer app calls. Anything else -- help, a typo, an unknown option, a missing argument, `--`, completion of
anything but keys and units -- returns None and goes to Typer, which owns every message about usage.

A parity test runs each form in the table through both paths and compares the output byte for byte.
"""

from __future__ import annotations

import os

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Final

    from roros_cli.dispatch import Options


class _Spec:
    """What one command takes: positional names, boolean flags, and options with a value (and its kind)."""

    def __init__(
        self,
        positionals: tuple[str, ...],
        flags: tuple[str, ...],
        valued: dict[str, str],
        global_options: bool = True,
        module: str = "commands",
    ) -> None:
        self.positionals = positionals
        self.flags = flags
        self.valued = valued
        self.global_options = global_options  # whether the command function takes dispatch.Options first
        self.module = module  # the module of roros_cli whose function of the command's name runs it


SPECS: Final[dict[str, _Spec]] = {
    "info": _Spec((), ("--json", "--plain", "--sources"), {"--units": "units", "--export": "text"}),
    "get": _Spec(("keys...",), ("--json",), {"--units": "units"}),
    "keys": _Spec((), ("--json", "--plain"), {"--export": "text"}),
    "search": _Spec(("term",), ("--json", "--plain"), {"--units": "units", "--export": "text"}),
    "timeline": _Spec((), ("--json", "--plain"), {"--units": "units", "--export": "text"}),
    "check": _Spec((), ("--json", "--plain"), {"--export": "text"}),
    "time": _Spec((), ("--json",), {"--at": "text"}),
    "convert": _Spec(
        ("value", "source", "target"),
        ("--exact", "--explain", "--json"),
        {"--precision": "precision"},
        global_options=False,
        module="commands_convert",
    ),
}


def run(args: list[str]) -> int | None:
    """The exit status, or None when Typer should handle this command line."""
    if "_ROROS_COMPLETE" in os.environ:
        return complete(os.environ["_ROROS_COMPLETE"])
    prebuilt = _prebuilt_get(args)
    if prebuilt is not None:
        return prebuilt
    parsed = parse(args)
    if parsed is None:
        return None
    name, options, positionals, keywords = parsed
    import importlib  # here, not at the top: completion needs none of it

    function: Callable[..., int] = getattr(importlib.import_module(f"roros_cli.{SPECS[name].module}"), name)
    if SPECS[name].global_options:
        return function(options, *positionals, **keywords)
    return function(*positionals, **keywords)


def _prebuilt_get(args: list[str]) -> int | None:
    """`roros get KEY...` from the built-in file's packaged values, without loading it; None when they cannot
    answer (another data file, an edited built-in file, an unknown key, an option)."""
    data, _, rest = _global_options(args)
    if data == "" or len(rest) < 2 or rest[0] != "get" or any(token.startswith("-") for token in rest[1:]):
        return None
    from roros_cli import prebuilt

    entry = prebuilt.read(data)
    if entry is None:
        return None
    lines: list[str] = []
    for key in rest[1:]:
        found = entry.lines(key.strip())
        if found is None:
            return None  # an unknown key: the full path says so, with a suggestion
        lines += found
    from roros_cli import output

    output.write_lines(lines)
    return output.OK


def parse(args: list[str]) -> tuple[str, Options, list[str], dict[str, object]] | None:
    from roros_cli.dispatch import Options

    data, debug, rest = _global_options(args)
    if not rest or rest[0] not in SPECS:
        return None
    name, spec = rest[0], SPECS[rest[0]]
    positionals: list[str] = []
    keywords: dict[str, object] = {flag.lstrip("-"): False for flag in spec.flags}
    keywords.update({option.lstrip("-"): "both" if kind == "units" else None for option, kind in spec.valued.items()})
    tokens = iter(rest[1:])
    for token in tokens:
        option, equals, attached = token.partition("=")
        if token in spec.flags:
            keywords[token.lstrip("-")] = True
        elif option in spec.valued:
            raw = attached if equals else next(tokens, None)
            value = _value(spec.valued[option], raw)
            if value is None:
                return None
            keywords[option.lstrip("-")] = value
        elif token.startswith("-") and token != "-":
            return None  # --help, --, a typo, a negative number: Typer explains
        else:
            positionals.append(token)
    if spec.positionals and spec.positionals[-1].endswith("..."):  # one or more, passed as one list
        if not positionals:
            return None
        return name, Options(data=data, debug=debug), [positionals], keywords  # type: ignore[list-item]
    if len(positionals) != len(spec.positionals):
        return None
    return name, Options(data=data, debug=debug), positionals, keywords


def _global_options(args: list[str]) -> tuple[str | None, bool, list[str]]:
    data: str | None = None
    debug = False
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--debug":
            debug = True
        elif token == "--data" and index + 1 < len(args) and not args[index + 1].startswith("-"):
            data = args[index + 1]
            index += 1
        elif token.startswith("--data=") and len(token) > len("--data="):
            data = token[len("--data=") :]
        else:
            break
        index += 1
    return data, debug, args[index:]


def _value(kind: str, raw: str | None) -> object:
    if raw is None or (raw.startswith("-") and kind != "precision"):
        return None
    if kind == "units":
        from roros_cli.query import UNIT_SYSTEMS

        lowered = raw.lower()
        return lowered if lowered in UNIT_SYSTEMS else None
    if kind == "precision":
        from roros_cli.query import PRECISIONS

        try:
            number = int(raw)
        except ValueError:
            return None
        return number if number in PRECISIONS else None
    return raw


# ---------------------------------------------------------------------------------------------- completion


def complete(mode: str) -> int | None:
    """Keys after `get` and units after `convert VALUE`, in bash and zsh; Typer does the rest."""
    from roros_cli import completion, output

    if mode == "complete_bash":
        words = _split(os.environ.get("COMP_WORDS", ""))
        try:
            cword = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            return output.OK  # not what bash sets: no word is being completed, so nothing is offered
        if words is None or not 0 < cword <= len(words):
            return None
        args, incomplete = words[1:cword], words[cword] if cword < len(words) else ""
    elif mode == "complete_zsh":
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        split = _split(line)
        if split is None:
            return None
        args = split[1:]
        incomplete = ""
        if args and not line.endswith(" "):
            incomplete, args = args[-1], args[:-1]
    else:
        return None
    if args == ["get"]:
        found = completion.keys(incomplete)
    elif len(args) in (2, 3) and args[0] == "convert" and not args[1].startswith("-"):
        found = completion.units(incomplete, args[2] if len(args) == 3 else None)
    else:
        return None
    output.write(_bash(found) if mode == "complete_bash" else _zsh(found))
    return output.OK


def _split(line: str) -> list[str] | None:
    import shlex

    try:
        return shlex.split(line)
    except ValueError:
        return None


def _bash(values: list[str]) -> str:
    return "\n".join(values)


def _zsh(values: list[str]) -> str:
    if not values:
        return "_files"

    def escape(text: str) -> str:
        return text.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

    joined = "\n".join(f'"{escape(value)}"' for value in values)
    return f"_arguments '*: :(({joined}))'"
