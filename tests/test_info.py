"""`roros info`: the whole fact sheet as text and as JSON."""

from __future__ import annotations

import json
import re

from roros_cli.model import Place

from conftest import FJELLBY, CliInvoker

ESCAPE = re.compile(r"\x1b")


def test_info_shows_the_article_figures_with_their_conversions(cli: CliInvoker) -> None:
    out = cli("info").stdout
    # Figures as the article prints them (converted by the tool, not stored).
    for figure in (
        "3.31 km² (1.28 sq mi; 820 acres)",
        "630 m (2,070 ft)",
        "1,181/km² (3,060/sq mi)",
        "16,510 ha (64 sq mi)",
        "481,240 ha (1,858 sq mi)",
        "about 10 km (6.2 mi)",
    ):
        assert figure in out, figure


def test_info_shows_every_fact_of_the_data_file(cli: CliInvoker, place: Place) -> None:
    # Stacked (each label over its value), so a label longer than the label column still reads in one piece.
    out = " ".join(cli("info", env={"COLUMNS": "40"}).stdout.split())
    for fact in place.facts.values():
        assert " ".join(fact.label.split()) in out, fact.key
    for title in (section.title for section in place.sections):
        assert title in out


def test_info_says_the_source_disagrees_about_population(cli: CliInvoker) -> None:
    out = cli("info", env={"COLUMNS": "250"}).stdout
    assert "3,909 (2024)" in out  # the year in brackets, as the article writes "population (2024)"
    assert "5,667 (2025)" in out
    assert "The source also gives Population (article's summary box): 5,667 (2025); the two disagree." in out


def test_info_fits_in_40_columns(cli: CliInvoker) -> None:
    out = cli("info", env={"COLUMNS": "40"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 40
    assert "Rørosbanen" in out


def test_info_is_plain_text_when_piped_and_coloured_only_when_forced(cli: CliInvoker) -> None:
    assert not ESCAPE.search(cli("info").stdout)
    assert ESCAPE.search(cli("info", env={"FORCE_COLOR": "1"}).stdout)
    coloured_but_no_color = cli("info", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", coloured_but_no_color)  # no foreground colours


def test_info_json_carries_every_fact_with_numbers_units_years_and_sources(cli: CliInvoker, place: Place) -> None:
    run = cli("info", "--json")
    assert run.status == 0
    doc = json.loads(run.stdout)
    assert doc["schema_version"] == 1
    assert doc["kind"] == "info"
    assert set(doc["facts"]) == set(place.facts)
    area = doc["facts"]["area"]
    assert area["value"] == 3.31
    assert area["unit"] == "km2"
    assert [c["shown"] for c in area["conversions"]] == ["1.28 sq mi", "820 acres"]
    assert doc["facts"]["population"]["year"] == 2024
    assert all(fact["source"] for fact in doc["facts"].values())
    assert "Røros" in run.stdout  # UTF-8, not \u-escaped


def test_info_units_metric_and_imperial(cli: CliInvoker) -> None:
    metric = cli("info", "--units", "metric").stdout
    imperial = cli("info", "--units", "imperial").stdout
    assert "630 m" in metric and "2,070 ft" not in metric
    assert "2,070 ft" in imperial and "630 m" not in imperial


def test_info_on_another_place_uses_its_own_name(cli: CliInvoker) -> None:
    out = cli("--data", str(FJELLBY), "info").stdout
    assert "Fjellby" in out
    assert "Røros" not in out


def test_info_sources_column(cli: CliInvoker) -> None:
    out = cli("info", "--sources", env={"COLUMNS": "250"}).stdout
    assert "summary box: Elevation" in out
