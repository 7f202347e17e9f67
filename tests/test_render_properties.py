"""Property test: every file the loader accepts can be shown by every view without an exception."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from roros_cli import document, pages, render
from roros_cli.audit import audit
from roros_cli.loader import DataError, parse
from roros_cli.marking import BadAnswer, mark
from roros_cli.query import display_value, search, timeline
from roros_cli.quiz import make_quiz
from roros_cli.safetext import inert
from roros_cli.units import UNITS


def toml_string(text: str) -> str:
    """A TOML basic string for any text: control characters and DEL escaped, everything else as is."""

    def one(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        return f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) == 0x7F else char

    return '"' + "".join(one(char) for char in text) + '"'


HEAD = '[meta]\nformat = 1\nsource_title = "t"\n\n[name]\nlabel = "Name"\nvalue = {name}\nsource = "s"\n'

texts = st.text(min_size=1, max_size=30).filter(lambda text: text.strip() != "")
EDGES = [1.7e308, 1e308, 1e-300, 5e-324, 2.0**53, 0.1]
floats = st.one_of(
    st.sampled_from(EDGES), st.floats(min_value=-1e308, max_value=1e308, allow_nan=False, allow_infinity=False)
)
positive = st.one_of(
    st.sampled_from(EDGES), st.floats(min_value=1e-300, max_value=1e308, allow_nan=False, allow_infinity=False)
)


SPECIAL = [
    "area",
    "density",
    "population",
    "population_2025",
    "elevation",
    "established",
    "unesco.area",
    "unesco.buffer_zone",
    "unesco.inscription",
    "unesco.extension",
    "coordinates.latitude",
    "coordinates.longitude",
    "coordinates.dms",
    "timezone.iana",
    "timezone.standard",
]


TEXT_VALUES = {
    "timezone.iana": ["Europe/Oslo", "Mars/Base", "../x", "UTC"],
    "coordinates.dms": ["62°34′27″N 11°23′00″E", "99°99′99″S", "0°0′0″N 0°0′0″E"],
}


@st.composite
def facts(draw: st.DrawFn, index: int | str) -> str:
    kind = draw(st.sampled_from(["text", "int", "float", "quantity", "list", "bool", "dated"]))
    label = toml_string(draw(texts))
    key = index if isinstance(index, str) else f"f{index}"
    lines = [f"[{key}]", f"label = {label}", "source = 's'"]
    if key in TEXT_VALUES:
        return "\n".join([*lines, f"value = {toml_string(draw(st.sampled_from(TEXT_VALUES[key])))}"]) + "\n"
    if kind == "text":
        lines.append(f"value = {toml_string(draw(texts))}")
    elif kind == "int":
        lines.append(f"value = {draw(st.integers(-(2**53), 2**53))}")
    elif kind == "float":
        lines.append(f"value = {draw(floats)!r}")
    elif kind == "list":
        words = draw(st.lists(texts, min_size=1, max_size=3))
        lines.append(f"value = [{', '.join(toml_string(word) for word in words)}]")
    elif kind == "bool":
        lines.append(f"value = {'true' if draw(st.booleans()) else 'false'}")
    elif kind == "dated":
        year = draw(st.integers(-9999, 9999))
        lines += [f"value = {year}", f"year = {year}"]
    else:
        unit = draw(st.sampled_from(sorted(UNITS)))
        family = [code for code, other in UNITS.items() if other.dimension == UNITS[unit].dimension]
        value = draw(positive if UNITS[unit].dimension in {"area", "density"} else floats)
        if unit == "deg":
            value = draw(st.floats(-90, 90))
        lines += [f"value = {value!r}", f"unit = '{unit}'", f"convert = {json.dumps(family)}"]
        if draw(st.booleans()):
            lines.append("approximate = true")
    return "\n".join(lines) + "\n"


@st.composite
def places(draw: st.DrawFn) -> str:
    keys: list[int | str] = list(range(draw(st.integers(0, 4))))
    keys += draw(st.lists(st.sampled_from(SPECIAL), unique=True, max_size=8))
    body = [draw(facts(key)) for key in keys]
    return HEAD.format(name=toml_string(draw(texts))) + "\n".join(body)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(places(), st.sampled_from(["both", "metric", "imperial"]), texts)
def test_every_accepted_file_renders_in_every_view(text: str, units: str, term: str) -> None:
    try:
        place = parse(text, "generated.toml")
    except DataError:
        assume(False)  # only files the loader accepts are the subject here
        return
    raw, place = place, inert(place)  # JSON is made from the file's text, every other view from the inert place
    json.loads(document.dumps(document.info_document(raw, units)))
    for fact in place.facts.values():
        document.plain_fact_line(fact, units)
        display_value(fact, units)
    console = render.make_console(60, 40, file=io.StringIO())
    console.print(render.info_view(place, units, sources=True))
    console.print(render.timeline_view(place, timeline(place), units))
    console.print(render.check_view(place, audit(place)))
    matches = search(place, term)
    console.print(render.search_view(place, term, matches, units))
    console.print(render.keys_view(document.key_rows(place)))
    checks = audit(place)
    json.loads(document.dumps(document.check_document(place, checks)))
    json.loads(document.dumps(document.timeline_document(place, timeline(place), units)))
    json.loads(document.dumps(document.search_document(place, term, matches, units)))
    for question in make_quiz(place, 10, 1):
        for answer in ("1", question.answer, term):
            try:
                mark(question, answer)
            except BadAnswer:
                pass
    sheet = pages.info_sheet(place, units, sources=True)
    ET.fromstring(pages.svg_picture(sheet))
    pages.html_page(sheet)
    pages.text(sheet)
