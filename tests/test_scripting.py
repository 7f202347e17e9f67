"""The scripting contract: bare values, keys, search, streams and exit statuses, through the CLI."""

from __future__ import annotations

import json

import pytest

from roros_cli.model import Place

from conftest import FJELLBY, CliInvoker

BOX = set("─│┌┐└┘├┤┬┴┼━┃╭╮╯╰")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("area", "3.31"),
        ("elevation", "630"),
        ("population", "3909"),
        ("density", "1181"),
        ("name", "Røros"),
        ("demonym", "Rørosing"),
        ("postcode", "7374"),
        ("established", "1646"),
        ("unesco.reference", "55"),
        ("unesco.criteria", "iii, iv, v"),
        ("unesco.area", "16510"),
    ],
)
def test_get_prints_one_bare_value_and_a_newline(cli: CliInvoker, key: str, value: str) -> None:
    run = cli("get", key)
    assert (run.status, run.stdout, run.stderr) == (0, value + "\n", "")


def test_get_group_prints_key_tab_value_lines(cli: CliInvoker, place: Place) -> None:
    lines = cli("get", "coordinates").stdout.splitlines()
    assert lines == [
        "coordinates.latitude\t62.57427",
        "coordinates.longitude\t11.38339",
        "coordinates.dms\t62°34′27″N 11°23′00″E",
    ]
    timezone = dict(line.split("\t") for line in cli("get", "timezone").stdout.splitlines())
    assert timezone["timezone.standard"] == "CET"
    assert timezone["timezone.iana"] == "Europe/Oslo"


def test_get_json_is_the_fact_with_value_unit_year_and_source(cli: CliInvoker) -> None:
    doc = json.loads(cli("get", "population", "--json").stdout)
    fact = doc["fact"]
    assert (doc["kind"], fact["value"], fact["unit"], fact["year"]) == ("fact", 3909, None, 2024)
    assert fact["source"] == "lead, paragraph 2"
    area = json.loads(cli("get", "area", "--json").stdout)["fact"]
    assert (area["value"], area["unit"]) == (3.31, "km2")


def test_get_group_json(cli: CliInvoker) -> None:
    doc = json.loads(cli("get", "unesco", "--json").stdout)
    assert doc["kind"] == "group"
    assert doc["facts"]["unesco.reference"]["value"] == 55


def test_unknown_key_suggests_the_nearest_and_exits_1(cli: CliInvoker) -> None:
    run = cli("get", "populaton")
    assert run.status == 1
    assert run.stdout == ""
    assert "did you mean 'population'?" in run.stderr


def test_unknown_leaf_suggests_its_full_path(cli: CliInvoker) -> None:
    assert "did you mean 'unesco.reference'" in cli("get", "reference").stderr


def test_unknown_command_suggests_the_nearest_and_exits_2(cli: CliInvoker) -> None:
    run = cli("inof")
    assert run.status == 2
    assert "Did you mean 'info'?" in run.stderr


def test_keys_lists_every_fact_and_group(cli: CliInvoker, place: Place) -> None:
    lines = cli("keys", "--plain").stdout.splitlines()
    keys = [line.split("\t")[0] for line in lines]
    assert set(place.facts) <= set(keys)
    assert {"unesco", "coordinates", "villages.os"} <= set(keys)
    assert "area\tArea" in lines


def test_keys_json(cli: CliInvoker, place: Place) -> None:
    doc = json.loads(cli("keys", "--json").stdout)
    facts = [row["key"] for row in doc["keys"] if not row["group"]]
    assert facts == list(place.facts)


@pytest.mark.parametrize(
    ("term", "best"),
    [
        ("roros", "name"),
        ("RØROS", "name"),
        ("glamos", "villages.glamos.name"),
        ("sami", "name_sami"),
        ("reference", "unesco.reference"),
        ("kongsberg", "history.other_bergstad"),
        ("Trondelag", "county"),
    ],
)
def test_search_ignores_case_and_accents_best_first(cli: CliInvoker, term: str, best: str) -> None:
    doc = json.loads(cli("search", term, "--json").stdout)
    assert doc["matches"][0]["fact"]["key"] == best
    scores = [match["score"] for match in doc["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_search_plain_and_table(cli: CliInvoker) -> None:
    plain = cli("search", "glamos", "--plain").stdout
    assert plain.splitlines()[0].startswith("villages.glamos.name\tNeighbouring village\tGlåmos")
    assert "Glåmos" in cli("search", "glamos").stdout


def test_search_with_no_match_exits_1_with_a_message(cli: CliInvoker) -> None:
    run = cli("search", "zeppelin")
    assert run.status == 1
    assert run.stdout == ""
    assert "nothing matches 'zeppelin'" in run.stderr


@pytest.mark.parametrize("command", [["info"], ["keys"], ["search", "r"], ["timeline"]])
def test_plain_has_no_box_drawing_and_uses_tabs(cli: CliInvoker, command: list[str]) -> None:
    out = cli(*command, "--plain").stdout
    assert out
    assert not BOX & set(out)
    assert all("\t" in line for line in out.splitlines())


def test_another_places_file_works_for_get_and_keys(cli: CliInvoker) -> None:
    assert cli("--data", str(FJELLBY), "get", "river").stdout == "Fjellelva\n"
    assert cli("get", "river", env={"ROROS_DATA": str(FJELLBY)}).stdout == "Fjellelva\n"


def test_help_lists_exit_statuses(cli: CliInvoker) -> None:
    out = cli("--help").stdout
    for status in ("0", "1", "2", "3", "4", "70", "130", "141"):
        assert f"\n    {status} " in out, status
