"""Each command's options are declared once: the fast path's table (`fastpath.SPECS`) and the Typer app must
agree on names, flags, ranges, choices and defaults, so that a test fails as soon as the two drift."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from roros_cli import fastpath
from roros_cli.cli import Units, app
from roros_cli.query import PRECISIONS, UNIT_SYSTEMS

COMMAND = typer.main.get_command(app)
# Written out here, not read from the code: these are the limits the README and `--help` promise.
PROMISED_UNIT_SYSTEMS = ("both", "metric", "imperial")
PROMISED_PRECISION = (-10, 10)


def _commands() -> Any:
    return COMMAND.commands  # type: ignore[attr-defined]


def _kind(param: Any) -> str:
    """What the fast path would call this option's value, read from Click's description of it."""
    if getattr(param.type, "choices", None) is not None:
        assert tuple(param.type.choices) == UNIT_SYSTEMS, f"{param.opts}: a choice other than the unit systems"
        return "units"
    if type(param.type).__name__ == "IntRange":
        assert range(param.type.min, param.type.max + 1) == PRECISIONS, f"{param.opts}: another range"
        return "precision"
    assert type(param.type).__name__ in {"StringParamType", "_Key"}, f"{param.opts}: a kind the fast path lacks"
    return "text"


@pytest.mark.parametrize("name", sorted(fastpath.SPECS))
def test_fast_path_table_is_the_typer_commands_options(name: str) -> None:
    spec = fastpath.SPECS[name]
    params = _commands()[name].params
    options = [param for param in params if param.param_type_name == "option"]
    arguments = [param for param in params if param.param_type_name == "argument"]
    assert sorted(opt for param in options if param.is_flag for opt in param.opts) == sorted(spec.flags)
    valued = {opt: _kind(param) for param in options if not param.is_flag for opt in param.opts}
    assert valued == spec.valued
    typer_positionals = tuple(param.name + ("..." if param.nargs == -1 else "") for param in arguments)
    assert typer_positionals == spec.positionals


@pytest.mark.parametrize("name", sorted(fastpath.SPECS))
def test_fast_path_defaults_are_the_typer_defaults(name: str) -> None:
    parsed = fastpath.parse([name, *(["area"] if name == "get" else []), *(["x"] if name == "search" else [])])
    if name == "convert":
        parsed = fastpath.parse(["convert", "1", "m", "ft"])
    assert parsed is not None
    keywords = parsed[3]
    for param in _commands()[name].params:
        if param.param_type_name == "option":
            default = param.default.value if isinstance(param.default, Units) else param.default
            assert keywords[param.name] == default, param.name


def test_unit_systems_are_declared_once() -> None:
    assert UNIT_SYSTEMS == PROMISED_UNIT_SYSTEMS
    assert tuple(member.value for member in Units) == UNIT_SYSTEMS


@pytest.mark.parametrize(
    ("raw", "taken"),
    [("-10", -10), ("10", 10), ("-11", None), ("11", None), ("0", 0)],
)
def test_precision_limits_at_and_one_past(raw: str, taken: int | None) -> None:
    assert (PRECISIONS[0], PRECISIONS[-1]) == PROMISED_PRECISION
    parsed = fastpath.parse(["convert", "1", "m", "ft", "--precision", raw])
    assert (parsed[3]["precision"] if parsed is not None else None) == taken
