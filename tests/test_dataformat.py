"""The data format is described once (`dataformat`): the documentation's tables, `roros schema data` and the
loader's rules must all agree with that description, so a field added in one place and not the others fails."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from roros_cli import dataformat
from roros_cli.loader import DataError, parse

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
HEAD = '[meta]\nformat = 1\nsource_title = "t"\n\n[name]\nlabel = "Name"\nvalue = "X"\nsource = "s"\n\n'


def _table_after(heading: str) -> dict[str, tuple[bool, str]]:
    """The `| key | required | what it is |` table that follows `heading` in the guide."""
    start = GUIDE.index("| key | required | what it is |", GUIDE.index(heading))
    block = GUIDE[start:].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| (yes|no) \| (.+) \|$", block, re.MULTILINE)
    return {key: (required == "yes", meaning) for key, required, meaning in rows}


@pytest.mark.parametrize(
    ("heading", "fields"),
    [
        ("`[meta]` says", dataformat.META),
        ("Each `[[layout]]`", dataformat.SECTION),
        ("## Facts", dataformat.FACT),
    ],
    ids=["meta", "layout", "fact"],
)
def test_the_guide_tables_are_the_description(heading: str, fields: tuple[dataformat.Field, ...]) -> None:
    table = _table_after(heading)
    assert table == {field.name: (field.required, field.meaning) for field in fields}


def test_the_guide_states_the_described_limits() -> None:
    refused = GUIDE[GUIDE.index("## What is refused") :]
    for words in (
        f"larger than {dataformat.MAX_BYTES // 1_048_576} MiB",
        f"nesting deeper than {dataformat.MAX_DEPTH} groups",
        f"more than {dataformat.MAX_FACTS:,} facts",
        f"strings over {dataformat.MAX_TEXT:,} characters",
        f"arrays over {dataformat.MAX_ITEMS} items",
        f"up to {dataformat.MAX_PROBLEMS}",
    ):
        assert words in " ".join(refused.split()), words
    assert "(at most 200)" in GUIDE and dataformat.MAX_SECTIONS == 200
    assert "(-9999 to 9999)" in GUIDE and dataformat.YEARS == (-9999, 9999)


@pytest.fixture(scope="module")
def published() -> Draft202012Validator:
    """The schema as a user gets it: `roros schema data`, in a real process."""
    run = subprocess.run(
        [sys.executable, "-m", "roros_cli", "schema", "data"], capture_output=True, text=True, timeout=60, check=True
    )
    return Draft202012Validator(json.loads(run.stdout))


def _document(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


# One breakage per described field, each at the limit's edge where it has one: the loader and the published
# schema must both refuse it (and both accept the fact without it).
BROKEN = {
    "label": 'label = ""',
    "source": "source = 3",
    "note": "note = []",
    "value": 'value = "' + "x" * 4001 + '"',
    "unit": 'unit = "km3"',
    "year": "year = 10000",
    "quote": "quote = [1]",
    "conflicts": 'conflicts = ["name", "name"]',
    "convert": 'convert = ["sqmi", "sqmi"]',
    "precision": "precision = { sqmi = 11 }",
    "approximate": 'approximate = "yes"',
    "quiz": "quiz = 0",
    "question": "question = false",
    "kind": "kind = 1",
    "distractors": "distractors = [" + ", ".join(f'"d{n}"' for n in range(101)) + "]",
    "tolerance": "tolerance = -1",
    "topic": 'topic = "Two words"',
    "explain": "explain = 2",
    "reveals": "reveals = [true]",
}


def test_every_described_fact_field_has_a_breakage_below() -> None:
    assert set(BROKEN) == dataformat.FACT_FIELDS


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_loader_and_the_schema_refuse_the_same_fact(name: str, published: Draft202012Validator) -> None:
    good = ["label", "source", "value", "unit", "convert"]
    lines = {
        "label": 'label = "Area"',
        "source": 'source = "s"',
        "value": "value = 3.31",
        "unit": 'unit = "km2"',
        "convert": 'convert = ["sqmi"]',
    }
    body = [BROKEN[name] if field == name else lines[field] for field in good]
    if name not in good:
        body.append(BROKEN[name])
    text = HEAD + "[area]\n" + "\n".join(body) + "\n"
    with pytest.raises(DataError):
        parse(text, "broken.toml")
    assert list(published.iter_errors(_document(text))), name
    fine = HEAD + "[area]\n" + "\n".join(lines[field] for field in good) + "\n"
    parse(fine, "fine.toml")
    assert list(published.iter_errors(_document(fine))) == []


def test_the_schema_takes_its_limits_from_the_description(published: Draft202012Validator) -> None:
    schema = published.schema
    fact = schema["$defs"]["fact"]["properties"]
    assert fact["year"]["minimum"] == -9999 and fact["year"]["maximum"] == 9999
    assert fact["label"]["maxLength"] == 4000
    assert fact["distractors"]["maxItems"] == 100
    assert schema["properties"]["layout"]["maxItems"] == 200
    assert set(schema["properties"]["meta"]["required"]) == {"format", "source_title"}


def test_the_readme_states_the_described_limits() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    limits = (
        f"enforces limits: {dataformat.MAX_BYTES // 1_048_576} MiB, {dataformat.MAX_FACTS:,} facts, "
        f"{dataformat.MAX_DEPTH} levels of groups, {dataformat.MAX_TEXT:,} characters in every string"
    )
    assert limits in readme
    rest = (
        f"{dataformat.MAX_ITEMS} items in an array, {dataformat.MAX_SECTIONS} layout sections; it stops after "
        f'{dataformat.MAX_PROBLEMS} problems and looks for "did you mean" suggestions only for the first '
        f"{dataformat.MAX_SUGGESTED}."
    )
    assert rest in readme


@pytest.mark.parametrize(
    "fields", [dataformat.META, dataformat.FACT, dataformat.SECTION], ids=["meta", "fact", "layout"]
)
def test_a_field_left_out_is_skipped_only_where_its_rule_would_say_nothing(
    fields: tuple[dataformat.Field, ...],
) -> None:
    """The rules skip fields a table leaves out (for speed): each skipped field's rule, run on a table without
    it, must add no problem and give the value the skip assumes."""
    from roros_cli import rules
    from roros_cli.problems import Report

    described = rules.Table(fields, "a table")
    for name, rule, field, always in described.checks:
        if always:
            continue
        report = Report("x.toml", "")
        assert rule(report, {}, "t", field, dict(described.absent)) == described.absent[name], name
        assert report.problems == [], name
