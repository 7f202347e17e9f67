"""The shipped data file: every fact sourced, quoted verbatim, and the source's contradiction kept."""

from __future__ import annotations

import re

from roros_cli.model import Place

from conftest import SOURCE_TEXT


def _folded(text: str) -> str:
    # The article uses no-break spaces (U+00A0) between numbers and units; compare with white space folded.
    return re.sub(r"\s+", " ", text)


def test_every_fact_has_a_source_and_its_quotes_stand_in_the_article(place: Place) -> None:
    article = _folded(SOURCE_TEXT.read_text(encoding="utf-8"))
    unquoted = []
    for fact in place.facts.values():
        assert fact.source.strip(), fact.key
        if not fact.quotes and not fact.source.startswith("not in the article"):
            unquoted.append(fact.key)
        for quote in fact.quotes:
            assert _folded(quote) in article, f"{fact.key}: quote not found in the article: {quote!r}"
    assert unquoted == []


def test_the_only_fact_not_in_the_article_says_so(place: Place) -> None:
    outside = [fact.key for fact in place.facts.values() if not fact.quotes]
    assert outside == ["timezone.iana"]
    assert place.facts["timezone.iana"].source.startswith("not in the article")


def test_top_level_keys_scripts_rely_on_exist(place: Place) -> None:
    for key in ("name", "area", "elevation", "population", "density", "postcode", "demonym", "established"):
        assert key in place.facts, key
    for group in ("coordinates", "timezone", "unesco"):
        assert group in place.groups, group


def test_both_population_figures_are_kept_with_their_years_and_flagged(place: Place) -> None:
    current, infobox = place.facts["population"], place.facts["population_2025"]
    assert (current.value, current.year) == (3909, 2024)
    assert (infobox.value, infobox.year) == (5667, 2025)
    assert current.conflicts == ("population_2025",)
    assert infobox.conflicts == ("population",)


def test_quantities_are_numbers_with_units_not_strings(place: Place) -> None:
    for key, unit in [
        ("area", "km2"),
        ("elevation", "m"),
        ("density", "/km2"),
        ("unesco.area", "ha"),
        ("unesco.buffer_zone", "ha"),
        ("villages.glamos.distance", "km"),
    ]:
        fact = place.facts[key]
        assert fact.is_number, key
        assert fact.unit == unit, key


def test_every_fact_appears_in_exactly_one_section(place: Place) -> None:
    shown = [key for section in place.sections for key in section.keys]
    assert sorted(shown) == sorted(place.facts)
    assert len(shown) == len(set(shown))
