"""Property tests: any document, random or a mutation of the shipped file, loads or raises DataError."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roros_cli.loader import FACT_FIELDS, DataError, parse
from roros_cli.model import Place

from conftest import ROOT

pytestmark = pytest.mark.slow  # large Hypothesis budgets: CI runs them once, not on every Python

SHIPPED = (ROOT / "data" / "roros.toml").read_text(encoding="utf-8")
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON's escapes are valid TOML; what is not makes a syntax error, also fine
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(key)} = {_toml_value(item)}" for key, item in value.items()) + "}"


def to_toml(document: dict[str, Any]) -> str:
    return "\n".join(f"{json.dumps(key)} = {_toml_value(value)}" for key, value in document.items()) + "\n"


names = st.sampled_from(sorted(FACT_FIELDS | {"meta", "name", "layout", "format", "source_title", "x", "a-b"}))
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(names | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=15,
)
documents = st.dictionaries(names, values, max_size=8)


def loads_or_refuses(text: str) -> Place | None:
    try:
        return parse(text, "generated.toml")
    except DataError as error:
        assert error.problems, "a DataError always carries at least one problem"
        assert all(problem.message for problem in error.problems)
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_load_or_raise_the_documented_error(document: dict[str, Any]) -> None:
    place = loads_or_refuses(to_toml(document))
    if place is not None:
        assert isinstance(place.name, str)


@FAST
@given(st.text(max_size=300))
def test_random_text_loads_or_raises_the_documented_error(text: str) -> None:
    loads_or_refuses(text)


mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "replace", "duplicate"]),
        st.integers(0, len(SHIPPED)),
        st.integers(1, 40),
        st.text(max_size=12),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, steps: list[tuple[str, int, int, str]]) -> str:
    for action, where, size, insert in steps:
        where %= max(len(text), 1)
        if action == "delete":
            text = text[:where] + text[where + size :]
        elif action == "insert":
            text = text[:where] + insert + text[where:]
        elif action == "replace":
            text = text[:where] + insert + text[where + len(insert) :]
        else:
            text = text[:where] + text[where : where + size] + text[where:]
    return text


@FAST
@given(mutations)
def test_mutations_of_the_shipped_file_load_or_raise_the_documented_error(
    steps: list[tuple[str, int, int, str]],
) -> None:
    place = loads_or_refuses(mutate(SHIPPED, steps))
    if place is not None:
        assert place.facts  # whatever survives is still a usable place
