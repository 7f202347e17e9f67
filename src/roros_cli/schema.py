"""JSON Schemas (draft 2020-12) of every `--json` document, and of the data file itself.

`roros schema KIND` prints one; a contract test validates each command's output against them, so the
documents and their published shape cannot drift apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from roros_cli.document import SCHEMA_VERSION

if TYPE_CHECKING:
    from roros_cli.dataformat import Field

Schema = dict[str, Any]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
BASE: Final = "urn:roros:schema"  # a name, not a location: the schemas ship with the tool

_STR: Final[Schema] = {"type": "string"}
_NULLABLE_STR: Final[Schema] = {"type": ["string", "null"]}
_INT: Final[Schema] = {"type": "integer"}
_NUMBER: Final[Schema] = {"type": "number"}


def _object(properties: Schema, description: str | None = None) -> Schema:
    """A closed object: every property required (null stands for absent), no others allowed."""
    shape: Schema = {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }
    if description:
        shape["description"] = description
    return shape


def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


VALUE: Final[Schema] = {
    "description": "Text, a number, a yes/no, or a list of words.",
    "oneOf": [
        {"type": "string"},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "array", "items": {"type": "string"}, "minItems": 1},
    ],
}

_NULLABLE_INT: Final[Schema] = {"type": ["integer", "null"]}

FACT: Final[Schema] = _object(
    {
        "key": {"type": "string", "description": "Dotted key path, as `roros get` takes it."},
        "label": _STR,
        "value": VALUE,
        "unit": {"type": ["string", "null"], "description": "Unit code (km2, m, /km2, ...); null for none."},
        "unit_symbol": _NULLABLE_STR,
        "year": {"type": ["integer", "null"], "description": "The year the fact holds for, if the source says."},
        "approximate": {"type": "boolean"},
        "display": {"type": "string", "description": "The value as `roros info` shows it, with conversions."},
        "selected": {
            **_object({"value": VALUE, "unit": {"type": ["string", "null"]}}),
            "description": "The value `roros get` prints for the --units asked for, and its unit.",
        },
        "conversions": _array(
            _object(
                {
                    "unit": _STR,
                    "value": {"type": "number", "description": "Unrounded."},
                    "shown": {"type": "string", "description": "Rounded as the encyclopedia does, with unit."},
                    "precision": _NULLABLE_INT,
                }
            )
        ),
        "source": {"type": "string", "description": "Where in the source the fact stands."},
        "quotes": {**_array(_STR), "description": "The source's own words."},
        "note": _NULLABLE_STR,
        "conflicts": {**_array(_STR), "description": "Keys of facts this one disagrees with."},
    },
    "One fact with where it stands in the source.",
)
_FACT_REF: Final[Schema] = {"$ref": "#/$defs/fact"}
_FACTS_BY_KEY: Final[Schema] = {"type": "object", "additionalProperties": _FACT_REF}


def _nullable(shape: Schema) -> Schema:
    """An object that may be null (null: not asked for)."""
    return {"anyOf": [{"type": "null"}, shape]}


def _document(kind: str, title: str, body: Schema, place: bool = True) -> Schema:
    """A whole `--json` document: the envelope (schema_version, kind, place) and its body, all required."""
    head: Schema = {"schema_version": {"const": SCHEMA_VERSION}, "kind": {"const": kind}}
    if place:
        head["place"] = {"type": "string", "description": "The place's name, from the data file."}
    return {
        "$schema": DRAFT,
        "$id": f"{BASE}:{kind}:{SCHEMA_VERSION}",
        "title": title,
        **_object({**head, **body}),
        "$defs": {"fact": FACT},
    }


def _conversion() -> Schema:
    return {
        "input": _object({"text": _STR, "value": {"type": "number"}, "unit": _STR}),
        "output": _object(
            {
                "unit": _STR,
                "unit_symbol": _STR,
                "exact": {"type": "number"},
                "rounded": {"type": "number", "description": "The number the shown figure stands for."},
                "shown": {"type": "string", "description": "As the encyclopedia shows it: 2,070 or 1.5×10⁻⁵."},
                "precision": _NULLABLE_INT,
                "rule": {"enum": ["infobox", "fixed", "exact"]},
            }
        ),
    }


def output_schemas() -> dict[str, Schema]:
    """Every `--json` document's schema, by kind."""
    source = _object({"title": _STR, "publisher": _NULLABLE_STR, "url": _NULLABLE_STR, "license": _NULLABLE_STR})
    problem = _object(
        {"file": _STR, "line": _NULLABLE_INT, "column": _NULLABLE_INT, "key": _NULLABLE_STR, "message": _STR}
    )
    question = _object(
        {
            "number": _INT,
            "key": _STR,
            "kind": {"enum": ["choice", "number"]},
            "prompt": _STR,
            "options": _array(_STR),
            "answer": _STR,
            "given": _NULLABLE_STR,
            "correct": {"type": ["boolean", "null"]},
            "source": _STR,
            "category": {"type": "string", "description": "What the answer is: county, year, length, count..."},
            "quote": {"type": "string", "description": "The source's own words (empty when none)."},
            "feedback": {**_NULLABLE_STR, "description": "Why a number is wrong: '630 ft is about 192 m'."},
            "accepted": {
                "type": ["array", "null"],
                "items": {"type": "number"},
                "minItems": 2,
                "maxItems": 2,
                "description": "For a number: the lowest and highest right answer, in the fact's unit.",
            },
            "explain": {"type": "string", "description": "Why, in the source's words (empty when none)."},
        }
    )
    moment: Schema = {
        "type": ["string", "null"],
        "description": "ISO 8601 local time with its offset; null when it does not happen that day.",
    }
    sun_day: dict[str, Schema] = {
        "date": {"type": "string", "format": "date"},
        "dawn": {**moment, "description": "Civil dawn (the sun's centre 6° below the horizon); null: none."},
        "sunrise": moment,
        "noon": {"type": "string", "description": "ISO 8601 local time of solar noon."},
        "sunset": moment,
        "dusk": {**moment, "description": "Civil dusk of this day's evening, which may fall after midnight."},
        "solar_midnight": {"type": "string", "description": "The solar midnight before noon (the night before)."},
        "daylight_minutes": {"type": "number", "minimum": 0, "maximum": 1440},
        "noon_elevation": {"type": "number", "description": "True height at solar noon, degrees (no refraction)."},
        "noon_elevation_seen": {"type": "number", "description": "Height at solar noon as seen, with refraction."},
        "midnight_elevation": {"type": "number", "description": "True height at solar midnight (negative: below)."},
        "light_all_night": {"type": "boolean", "description": "The night before never got darker than civil twilight."},
        "light_tonight": {"type": "boolean", "description": "The night after never gets darker than civil twilight."},
    }
    site: dict[str, Schema] = {
        "name": {"type": "string", "description": "The compared place (--compare), from GeoNames."},
        "latitude": {"type": "number"},
        "longitude": {"type": "number"},
        "zone": {"type": "string", "description": "Its IANA time zone: its times are local there."},
    }
    check = _object(
        {
            "relation": _STR,
            "status": {"enum": ["agrees", "disagrees", "skipped"]},
            "detail": _STR,
            "keys": _array(_STR),
        }
    )
    bodies: dict[str, tuple[str, Schema, bool]] = {
        "info": (
            "roros info --json",
            {
                "source": source,
                "sections": _array(_object({"title": _STR, "keys": _array(_STR)})),
                "facts": _FACTS_BY_KEY,
            },
            True,
        ),
        "fact": ("roros get KEY --json (a fact)", {"fact": _FACT_REF}, True),
        "group": ("roros get GROUP --json (a group of facts)", {"key": _STR, "facts": _FACTS_BY_KEY}, True),
        "keys": (
            "roros keys --json",
            {"keys": _array(_object({"key": _STR, "label": _STR, "group": {"type": "boolean"}}))},
            True,
        ),
        "search": (
            "roros search TERM --json",
            {
                "term": _STR,
                "matches": _array(
                    _object({"score": _INT, "field": {"enum": ["key", "label", "value"]}, "fact": _FACT_REF})
                ),
            },
            True,
        ),
        "timeline": ("roros timeline --json", {"events": _array(_object({"year": _INT, "fact": _FACT_REF}))}, True),
        "conversion": ("roros convert VALUE FROM TO --json", _conversion(), False),
        "conversions": (
            "roros convert - FROM TO --json",
            {
                "results": _array(_object({"line": _INT, **_conversion()})),
                "errors": {
                    **_array(_object({"line": _INT, "message": _STR})),
                    "description": "The first 1,000 bad lines (all of them go to stderr).",
                },
                "error_count": _INT,
            },
            False,
        ),
        "validation": (
            "roros validate FILE --json",
            {
                "file": _STR,
                "valid": {"type": "boolean"},
                "facts": _NULLABLE_INT,
                "problems": _array(problem),
                "notes": {**_array(_STR), "description": "What is allowed but worth knowing (added later: optional)."},
            },
            False,
        ),
        "check": ("roros check --json", {"disagreements": _INT, "checks": _array(check)}, True),
        "time": (
            "roros time --json",
            {
                "zone": {"type": "string", "description": "IANA zone name."},
                "timestamp": {"type": "string", "description": "ISO 8601 local time with its UTC offset."},
                "utc_offset": {"type": "string", "pattern": "^[+-]\\d{2}:\\d{2}$"},
                "abbreviation": _STR,
                "dst": {"type": "boolean"},
            },
            True,
        ),
        "quiz": (
            "roros quiz --json",
            {"seed": _INT, "score": _INT, "asked": _INT, "count": _INT, "questions": _array(question)},
            True,
        ),
        "map_places": (
            "roros map --json (the places the map names)",
            {
                "zoom": {"enum": ["region", "country", "europe"]},
                "longitude": _NUMBER,
                "latitude": _NUMBER,
                "attribution": _STR,
                "places": _array(
                    _object(
                        {
                            "name": _STR,
                            "country": {"type": "string", "description": "ISO 3166-1 alpha-2 code."},
                            "longitude": _NUMBER,
                            "latitude": _NUMBER,
                            "population": _INT,
                            "distance_km": {"type": "number", "description": "Great circle, from the place."},
                            "bearing": {"type": "number", "description": "Degrees clockwise from true north."},
                            "compass": {"type": "string", "description": "One of 16 points: N, NNE, ..."},
                        }
                    )
                ),
            },
            True,
        ),
        "sun": (
            "roros sun --json",
            {"zone": _STR, **sun_day, "compare": _nullable(_object({**site, **sun_day}))},
            True,
        ),
        "sun_year": (
            "roros sun --year --json",
            {
                "year": _INT,
                "zone": _STR,
                "days": _array(_object(sun_day)),
                "compare": _nullable(_object({**site, "days": _array(_object(sun_day))})),
            },
            True,
        ),
    }
    schemas = {kind: _document(kind, title, body, place) for kind, (title, body, place) in bodies.items()}
    # Added after schema_version 1 was published: optional, so a document written before it still matches.
    schemas["validation"]["required"].remove("notes")
    return schemas


def names() -> list[str]:
    return sorted([*output_schemas(), "data"])


def get(name: str) -> Schema:
    """The schema called `name` (`data` is the data file's); raises KeyError for an unknown name."""
    return data_schema() if name == "data" else output_schemas()[name]


def data_schema() -> Schema:
    """The data file's format, for editors that check TOML against a JSON Schema while it is typed: made from
    `dataformat`, the description the loader's rules read.

    The loader is stricter than a schema can say (units must be compatible, `conflicts` must name facts,
    latitude and longitude ranges); `roros validate FILE` checks all of it.
    """
    from roros_cli import dataformat as f

    names: Schema = {"pattern": f"^{f.NAME_PATTERN}$"}
    return {
        "$schema": DRAFT,
        "$id": f"{BASE}:data:{f.FORMAT_VERSION}",
        "title": "roros data file (TOML)",
        "type": "object",
        "required": ["meta", "name"],
        "propertyNames": names,
        "properties": {
            "meta": _table(f.META),
            "layout": {"type": "array", "maxItems": f.MAX_SECTIONS, "items": _table(f.SECTION)},
            "name": {"$ref": "#/$defs/fact"},
        },
        "additionalProperties": {"$ref": "#/$defs/entry"},
        "$defs": {
            "fact": {**_table(f.FACT), "description": "A fact: a table with value, label and source."},
            "group": {
                "type": "object",
                "description": "A group of facts: a table without a value.",
                "not": {"required": ["value"]},
                "minProperties": 1,
                "propertyNames": names,
                "additionalProperties": {"$ref": "#/$defs/entry"},
            },
            "entry": {"oneOf": [{"$ref": "#/$defs/fact"}, {"$ref": "#/$defs/group"}]},
        },
    }


def _table(fields: tuple[Field, ...]) -> Schema:
    """A closed table of the described fields."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [field.name for field in fields if field.required],
        "properties": {field.name: {**_field(field), "description": field.meaning} for field in fields},
    }


def _field(field: Field) -> Schema:
    """The JSON Schema of one field, from the rule that checks it and the description's limits."""
    from roros_cli import dataformat as f
    from roros_cli.units import accepted_units

    text: Schema = {"type": "string", "minLength": 1, "maxLength": f.MAX_TEXT}
    words: Schema = {"type": "array", "items": text, "maxItems": field.limit, "uniqueItems": True}
    shapes: dict[str, Schema] = {
        "text": text,
        "pattern": {"type": "string", "pattern": f"^{f.TOPIC_PATTERN}$"},
        "value": {
            "oneOf": [
                {"type": "string", "maxLength": f.MAX_TEXT},
                {"type": "integer", "minimum": -f.MAX_INT, "maximum": f.MAX_INT},
                {"type": "number", "not": {"type": "integer"}},
                {"type": "boolean"},
                {
                    "type": "array",
                    "items": {"type": "string", "maxLength": f.MAX_TEXT},
                    "minItems": 1,
                    "maxItems": f.MAX_ITEMS,
                },
            ]
        },
        "unit": {"enum": accepted_units()},
        "whole": {"type": "integer", "minimum": field.low, "maximum": field.high},
        "words": words,
        "quote": {"oneOf": [text, words]},
        "flag": {"type": "boolean"},
        "tolerance": {"type": "number", "minimum": 0},
        "convert": {"type": "array", "items": {"enum": accepted_units()}, "uniqueItems": True},
        "precision": {
            "type": "object",
            "additionalProperties": {"type": "integer", "minimum": field.low, "maximum": field.high},
        },
        "format": {"const": f.FORMAT_VERSION},
        "roles": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                role.name: {"type": "string", "pattern": f"^{f.KEY_PATTERN}$", "description": role.meaning}
                for role in f.ROLES
            },
        },
    }
    return shapes[field.rule]
