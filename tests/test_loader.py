"""The loader: a good file loads; bad files are refused with one error type naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from roros_cli.loader import DataError, load, parse

from conftest import FJELLBY

GOOD_HEAD = """\
[meta]
format = 1
source_title = "notes"

[name]
label = "Name"
value = "Testby"
source = "notes"
"""


def test_the_fictional_place_loads() -> None:
    place = load(str(FJELLBY))
    assert place.name == "Fjellby"
    assert place.facts["area"].value == 2.0
    assert place.sections[0].title == "Facts"


def test_minimal_file_loads() -> None:
    place = parse(GOOD_HEAD, "t.toml")
    assert list(place.facts) == ["name"]


def test_facts_are_frozen() -> None:
    place = parse(GOOD_HEAD, "t.toml")
    with pytest.raises(AttributeError):
        place.facts["name"].value = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        pytest.param(GOOD_HEAD.replace("format = 1\n", ""), "missing 'format'", 1, id="no-format"),
        pytest.param(
            GOOD_HEAD.replace('label = "Name"', 'lable = "Name"'), "did you mean 'label'", 6, id="unknown-key-suggests"
        ),
        pytest.param(
            GOOD_HEAD + "[area]\nlabel='A'\nvalue='big'\nunit='km2'\nsource='s'\n",
            "needs a number",
            11,
            id="unit-on-text",
        ),
        pytest.param(GOOD_HEAD + "[area]\nlabel='A'\nvalue=nan\nsource='s'\n", "finite number", 11, id="nan"),
        pytest.param(GOOD_HEAD + "[area]\nlabel='A'\nvalue=-inf\nsource='s'\n", "finite number", 11, id="inf"),
        pytest.param(
            GOOD_HEAD + "[c.latitude]\nlabel='L'\nvalue=91.0\nunit='deg'\nsource='s'\n",
            "between -90 and 90",
            11,
            id="latitude",
        ),
        pytest.param(
            GOOD_HEAD + "[area]\nlabel='A'\nvalue=-3.0\nunit='km2'\nsource='s'\n",
            "must be positive",
            11,
            id="negative-area",
        ),
        pytest.param(
            GOOD_HEAD + "[area]\nlabel='A'\nvalue=3.0\nunit='km3'\nsource='s'\n",
            "unknown unit 'km3' (units: m, km, ft, mi, m2, km2, ha, acre, sqft, sqmi, /km2, /sqmi, deg); "
            "did you mean 'km'?",
            12,
            id="unknown-unit",
        ),
        pytest.param(GOOD_HEAD + "[area\n", "TOML syntax error", 9, id="syntax"),
        pytest.param(
            GOOD_HEAD.replace('source = "notes"\n', "", 1).replace("[name]", "[name]"),
            "missing required key 'source'",
            None,
            id="missing-required",
        ),
    ],
)
def test_bad_files_name_the_problem_and_the_line(text: str, message: str, line: int | None) -> None:
    with pytest.raises(DataError) as caught:
        parse(text, "bad.toml")
    first = caught.value.problems[0]
    assert message in str(caught.value)
    assert first.file == "bad.toml"
    if line is not None:
        assert first.line == line


def test_every_problem_is_collected() -> None:
    text = GOOD_HEAD + "[a]\nlabel='A'\nvalue=nan\nsource='s'\n[b]\nlabel=1\nvalue=2\nsource='s'\n"
    with pytest.raises(DataError) as caught:
        parse(text, "bad.toml")
    assert {p.key for p in caught.value.problems} == {"a.value", "b.label"}
    assert "and 1 more problem" in str(caught.value)


def test_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load(str(tmp_path / "nowhere.toml"))
