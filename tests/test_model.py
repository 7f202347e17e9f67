"""`Fact.number`: a fact's value as a float, typed, for the views that compute with it."""

from __future__ import annotations

import pytest

from roros_cli import loader
from roros_cli.model import Fact, Value

from conftest import FJELLBY


@pytest.mark.parametrize(
    ("value", "number"),
    [(630, 630.0), (3.31, 3.31), (-4, -4.0), (0, 0.0), ("630", None), (True, None), (False, None), (("a",), None)],
)
def test_number_is_a_float_for_numbers_only(value: Value, number: float | None) -> None:
    fact = Fact(key="k", label="K", value=value, source="s")
    assert fact.number == number
    assert (fact.number is not None) == fact.is_number


def test_numbers_of_a_loaded_file_are_its_numbers() -> None:
    place = loader.load(str(FJELLBY))
    assert place.facts["coordinates.latitude"].number == 60.5  # as written in tests/data/fjellby.toml
    assert place.facts["coordinates.longitude"].number == 10.25
    assert place.facts["coordinates.dms"].number is None
