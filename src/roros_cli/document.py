"""JSON documents and plain tab-separated lines built from results. Pure functions; no Rich.

Every JSON document carries `schema_version` and `kind`; `roros schema KIND` prints the JSON Schema for it.
Keys are always present (null when a fact has no year, unit or note), so `jq` filters need no defaults.
"""

from __future__ import annotations

from roros_cli import query
from roros_cli.model import Fact, Place
from roros_cli.safetext import json_escape_extra, one_line
from roros_cli.units import Conversion

# typing is imported for the type checker only: at run time it would cost start-up time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any, Final

    from roros_cli.maplabels import Shown
    from roros_cli.maps import Point
    from roros_cli.sun import Day

SCHEMA_VERSION: Final = 1

if TYPE_CHECKING:
    Document = dict[str, Any]


def envelope(kind: str, place: Place | None, **body: Any) -> Document:
    head: Document = {"schema_version": SCHEMA_VERSION, "kind": kind}
    if place is not None:
        head["place"] = place.name
    head.update(body)
    return head


def dumps(document: Any, ascii_only: bool = False, indent: int | None = 2) -> str:
    """JSON text, the one serializer of every document and part of one (letters unescaped unless the output
    cannot encode them; what a terminal would act on, escaped). `indent=None`: on one line."""
    import json  # here, not at the top: only JSON output pays for it

    text = json.dumps(document, ensure_ascii=ascii_only, indent=indent, allow_nan=False)
    return text if ascii_only else json_escape_extra(text)


# ---------------------------------------------------------------------------------------------- facts


def fact_object(fact: Fact, units: str = "both") -> Document:
    unit = query.unit_of(fact)
    value: Any = list(fact.value) if isinstance(fact.value, tuple) else fact.value
    return {
        "key": fact.key,
        "label": fact.label,
        "value": value,
        "unit": fact.unit,
        "unit_symbol": unit.symbol if unit else None,
        "year": fact.year,
        "approximate": fact.approximate,
        "display": query.display_value(fact, units),
        "selected": _selected(fact, units),
        "conversions": [
            {"unit": shown.unit, "value": shown.exact, "shown": shown.text, "precision": shown.precision}
            for shown in query.conversions(fact)
        ],
        "source": fact.source,
        "quotes": list(fact.quotes),
        "note": fact.note,
        "conflicts": list(fact.conflicts),
    }


def _selected(fact: Fact, units: str) -> Document:
    """What `roros get` prints for these --units, with its unit: {"value": 1.28, "unit": "sqmi"}."""
    chosen = query.selected(fact, units)
    if chosen is not None:
        return {"value": chosen[0], "unit": chosen[1]}
    return {"value": list(fact.value) if isinstance(fact.value, tuple) else fact.value, "unit": fact.unit}


def source_object(place: Place) -> Document:
    source = place.source
    return {"title": source.title, "publisher": source.publisher, "url": source.url, "license": source.license}


def info_document(place: Place, units: str) -> Document:
    return envelope(
        "info",
        place,
        source=source_object(place),
        sections=[{"title": section.title, "keys": list(section.keys)} for section in place.sections],
        facts={key: fact_object(fact, units) for key, fact in place.facts.items()},
    )


def fact_document(place: Place, fact: Fact, units: str) -> Document:
    return envelope("fact", place, fact=fact_object(fact, units))


def group_document(place: Place, key: str, members: list[Fact], units: str) -> Document:
    return envelope("group", place, key=key, facts={fact.key: fact_object(fact, units) for fact in members})


def keys_document(place: Place) -> Document:
    rows = [{"key": key, "label": label, "group": group} for key, label, group in key_rows(place)]
    return envelope("keys", place, keys=rows)


def key_rows(place: Place) -> list[tuple[str, str, bool]]:
    """(key, label, is_group) for every key, groups labelled by the section they stand in."""
    rows: list[tuple[str, str, bool]] = []
    for key in place.all_keys():
        fact = place.facts.get(key)
        if fact is not None:
            rows.append((key, fact.label, False))
        else:
            count = len(query.group_facts(place, key))
            rows.append((key, f"group of {count} facts", True))
    return rows


def search_document(place: Place, term: str, matches: list[query.Match], units: str) -> Document:
    return envelope(
        "search",
        place,
        term=term,
        matches=[{"score": m.score, "field": m.field, "fact": fact_object(m.fact, units)} for m in matches],
    )


def map_places_document(place: Place, zoom: str, point: Point, shown: list[Shown], attribution: str) -> Document:
    """`roros map --json`: the places the map names, nearest first, with distance and bearing from the place."""
    return envelope(
        "map_places",
        place,
        zoom=zoom,
        longitude=point[0],
        latitude=point[1],
        attribution=attribution,
        places=[
            {
                "name": item.place.name,
                "country": item.place.country,
                "longitude": item.place.longitude,
                "latitude": item.place.latitude,
                "population": item.place.population,
                "distance_km": round(item.distance_km, 1),
                "bearing": round(item.bearing, 1),
                "compass": item.compass,
            }
            for item in shown
        ],
    )


def timeline_document(place: Place, dated: list[Fact], units: str) -> Document:
    return envelope("timeline", place, events=[{"year": f.year, "fact": fact_object(f, units)} for f in dated])


def conversion_object(result: Conversion) -> Document:
    return {
        "input": {"text": result.text, "value": result.value, "unit": result.source.code},
        "output": {
            "unit": result.target.code,
            "unit_symbol": result.target.symbol,
            "exact": result.exact,
            "rounded": result.rounded,
            "shown": result.shown,
            "precision": result.precision,
            "rule": result.rule,
        },
    }


def conversion_document(result: Conversion) -> Document:
    return envelope("conversion", None, **conversion_object(result))


# `roros convert - --json` streams one `conversions` document: its head, each result as it comes, then the
# errors. The three parts are made here, so the streamed document is shaped in one place.


def batch_head() -> str:
    return '{\n  "schema_version": %d,\n  "kind": "conversions",\n  "results": [' % SCHEMA_VERSION


def batch_item(line: int, result: Conversion, first: bool) -> str:
    """One result, on a line of its own, after the comma that parts it from the one before."""
    return ("\n    " if first else ",\n    ") + dumps({"line": line, **conversion_object(result)}, indent=None)


def batch_tail(errors: list[tuple[int, str]], count: int, empty: bool) -> str:
    """The end of the document: the errors (the first 1,000) and their count."""
    listed = [{"line": line, "message": message} for line, message in errors]
    body = dumps(listed, indent=None)
    return ("" if empty else "\n  ") + f'],\n  "errors": {body},\n  "error_count": {count}\n}}'


# ---------------------------------------------------------------------------------------------- plain


def plain_fact_line(fact: Fact, units: str) -> str:
    """`key TAB label TAB shown value TAB year TAB source`: one fact per line for grep, cut and awk."""
    year = "" if fact.year is None else str(fact.year)
    fields = (fact.key, fact.label, query.display_value(fact, units), year, fact.source)
    return "\t".join(one_line(field) for field in fields)


def bare_line(fact: Fact, units: str = "both") -> str:
    """`key TAB bare value`, for the facts of a group under `roros get GROUP`."""
    return f"{fact.key}\t{one_line(query.bare_value(fact, units))}"


def plain_key_lines(rows: list[tuple[str, str, bool]]) -> list[str]:
    """`key TAB label`, for `roros keys --plain`."""
    return [f"{key}\t{one_line(label)}" for key, label, _ in rows]


def plain_check_lines(checks: list[Any]) -> list[str]:
    """`status TAB relation TAB detail`, for `roros check --plain`."""
    return [f"{item.status}\t{one_line(item.relation)}\t{one_line(item.detail)}" for item in checks]


def validation_document(file: str, place: Place | None, problems: list[Any], notes: list[str]) -> Document:
    return envelope(
        "validation",
        None,
        file=file,
        valid=place is not None,
        facts=len(place.facts) if place is not None else None,
        problems=[
            {"file": p.file, "line": p.line, "column": p.column, "key": p.key, "message": p.message} for p in problems
        ],
        notes=notes,
    )


def check_document(place: Place, checks: list[Any]) -> Document:
    from roros_cli.audit import disagreements

    return envelope(
        "check",
        place,
        disagreements=disagreements(checks),
        checks=[
            {"relation": item.relation, "status": item.status, "detail": item.detail, "keys": list(item.keys)}
            for item in checks
        ],
    )


def time_document(place: Place, now: Any) -> Document:
    return envelope(
        "time",
        place,
        zone=now.zone,
        timestamp=now.iso,
        utc_offset=now.offset,
        abbreviation=now.abbreviation,
        dst=now.dst,
    )


def quiz_document(place: Place, seed: int, questions: list[Any], marked: list[Any]) -> Document:
    given = {id(item.question): item for item in marked}
    rows = []
    for number, question in enumerate(questions, start=1):
        answered = given.get(id(question))
        rows.append(
            {
                "number": number,
                "key": question.key,
                "kind": question.kind,
                "prompt": question.prompt,
                "options": list(question.options),
                "answer": question.answer,
                "given": answered.given if answered else None,
                "correct": answered.correct if answered else None,
                "source": question.source,
                "category": question.category,
                "quote": question.quote,
                "feedback": answered.why if answered else None,
                "accepted": list(question.accepted) if question.accepted else None,
                "explain": question.explain,
            }
        )
    return envelope(
        "quiz",
        place,
        seed=seed,
        score=sum(1 for item in marked if item.correct),
        asked=len(marked),
        count=len(questions),
        questions=rows,
    )


# ---------------------------------------------------------------------------------------------- sun


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def sun_object(day: Day) -> Document:
    return {
        "date": day.day.isoformat(),
        "dawn": _moment(day.dawn),
        "sunrise": _moment(day.sunrise),
        "noon": _moment(day.noon),
        "sunset": _moment(day.sunset),
        "dusk": _moment(day.dusk),
        "solar_midnight": _moment(day.midnight),
        "daylight_minutes": round(day.daylight.total_seconds() / 60, 1),
        "noon_elevation": round(day.highest, 2),
        "noon_elevation_seen": round(day.highest_seen, 2),
        "midnight_elevation": round(day.lowest, 2),
        "light_all_night": day.light_all_night,
        "light_tonight": day.light_tonight,
    }


def _compared(site: Any, sun: Document) -> Document:
    return {"name": site.name, "latitude": site.latitude, "longitude": site.longitude, "zone": site.zone, **sun}


def sun_document(place: Place, day: Day, compared: tuple[Any, Day] | None = None) -> Document:
    other = _compared(compared[0], sun_object(compared[1])) if compared is not None else None
    return envelope("sun", place, zone=str(day.noon.tzinfo), **sun_object(day), compare=other)


def sun_year_document(
    place: Place, year: int, months: list[Day], compared: tuple[Any, list[Day]] | None = None
) -> Document:
    other = _compared(compared[0], {"days": [sun_object(d) for d in compared[1]]}) if compared is not None else None
    return envelope(
        "sun_year",
        place,
        year=year,
        zone=str(months[0].noon.tzinfo),
        days=[sun_object(d) for d in months],
        compare=other,
    )
