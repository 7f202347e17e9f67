"""Every command's --json output is valid against the schema `roros schema KIND` publishes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from roros_cli.schema import names

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from conftest import FJELLBY, ROOT, CliInvoker

COMMANDS = [
    pytest.param(["info", "--json"], "info", id="info"),
    pytest.param(["info", "--json", "--units", "imperial"], "info", id="info-imperial"),
    pytest.param(["--data", str(FJELLBY), "info", "--json"], "info", id="info-other-place"),
    pytest.param(["get", "area", "--json"], "fact", id="get-fact"),
    pytest.param(["get", "unesco.criteria", "--json"], "fact", id="get-list-fact"),
    pytest.param(["get", "unesco", "--json"], "group", id="get-group"),
    pytest.param(["keys", "--json"], "keys", id="keys"),
    pytest.param(["search", "roros", "--json"], "search", id="search"),
    pytest.param(["timeline", "--json"], "timeline", id="timeline"),
    pytest.param(["convert", "630", "m", "ft", "--json"], "conversion", id="convert"),
    pytest.param(["convert", "1", "m", "ft", "--json", "--exact"], "conversion", id="convert-exact"),
    pytest.param(["validate", "--json"], "validation", id="validate"),
    pytest.param(["check", "--json"], "check", id="check"),
    pytest.param(["time", "--json"], "time", id="time"),
    pytest.param(["time", "--json", "--at", "2026-07-01T00:00:00Z"], "time", id="time-at"),
    pytest.param(["quiz", "--json", "--seed", "5"], "quiz", id="quiz-no-answers"),
    pytest.param(["validate", str(FJELLBY), "--json"], "validation", id="validate-other"),
    pytest.param(["map", "--json"], "map_places", id="map-places"),
    pytest.param(["map", "--places", "--json", "--zoom", "country"], "map_places", id="map-places-country"),
]


def published(cli: CliInvoker, kind: str) -> Draft202012Validator:
    run = cli("schema", kind)
    assert run.status == 0
    schema = json.loads(run.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize(("args", "kind"), COMMANDS)
def test_command_json_matches_the_published_schema(cli: CliInvoker, args: list[str], kind: str) -> None:
    run = cli(*args)
    document = json.loads(run.stdout)
    errors = sorted(published(cli, kind).iter_errors(document), key=str)
    assert errors == []
    assert document["kind"] == kind
    assert document["schema_version"] == 1


def test_batch_json_matches_its_schema(cli: CliInvoker) -> None:
    run = cli("convert", "-", "km", "mi", "--json", input="10\nten\n")
    assert list(published(cli, "conversions").iter_errors(json.loads(run.stdout))) == []


def test_schema_info_is_the_default_and_every_schema_is_valid(cli: CliInvoker) -> None:
    assert cli("schema").stdout == cli("schema", "info").stdout
    for name in names():
        published(cli, name)


def test_a_document_missing_a_key_fails_validation(cli: CliInvoker) -> None:
    # The contract can fail: drop a required key from a real document and the schema notices.
    document = json.loads(cli("get", "area", "--json").stdout)
    del document["fact"]["year"]
    assert list(published(cli, "fact").iter_errors(document))


def test_unknown_schema_is_a_usage_error(cli: CliInvoker) -> None:
    run = cli("schema", "nope")
    assert run.status == 2
    assert "choose one of" in run.stderr


def test_validate_json_of_a_broken_file_matches_its_schema(cli: CliInvoker, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[meta]\nformat = 2\n", encoding="utf-8")
    run = cli("validate", str(bad), "--json")
    assert run.status == 3
    document = json.loads(run.stdout)
    assert document["valid"] is False and document["problems"]
    assert list(published(cli, "validation").iter_errors(document)) == []


@pytest.mark.parametrize("path", [ROOT / "data" / "roros.toml", FJELLBY], ids=["shipped", "fictional"])
def test_data_files_are_valid_against_the_published_data_schema(cli: CliInvoker, path: Path) -> None:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    assert list(published(cli, "data").iter_errors(data)) == []


def test_the_data_schema_rejects_what_the_loader_rejects(cli: CliInvoker) -> None:
    validator = published(cli, "data")
    base = {"meta": {"format": 1, "source_title": "t"}, "name": {"label": "N", "value": "X", "source": "s"}}
    assert list(validator.iter_errors(base)) == []
    for broken in (
        {**base, "meta": {"format": 2, "source_title": "t"}},
        {**base, "name": {"lable": "N", "value": "X", "source": "s"}},
        {**base, "area": {"label": "A", "value": 1.0, "unit": "km3", "source": "s"}},
        {"meta": base["meta"]},
    ):
        assert list(validator.iter_errors(broken)), broken


def test_validate_json_carries_the_note_the_text_prints(cli: CliInvoker, tmp_path: Path) -> None:
    text = (ROOT / "data" / "roros.toml").read_text(encoding="utf-8")
    odd = tmp_path / "odd.toml"
    odd.write_text(text.replace('source_url = "https://', 'source_url = "javascript://', 1), encoding="utf-8")
    run = cli("validate", str(odd), "--json")
    assert run.status == 0, run.stderr
    document = json.loads(run.stdout)
    [note] = document["notes"]
    assert "source_url" in note and "not an http or https address" in note
    assert list(published(cli, "validation").iter_errors(document)) == []
    plain = json.loads(cli("validate", "--json").stdout)
    assert plain["notes"] == []
    del plain["notes"]  # a document from before notes existed still matches: the field is optional
    assert list(published(cli, "validation").iter_errors(plain)) == []
    plain["notes"] = "a note"
    assert list(published(cli, "validation").iter_errors(plain))  # but when present it is a list
