"""Text from a data file is made inert once, as the place is loaded for a view: no view cleans on its own.

So a view added tomorrow, written without a thought for escape sequences, still shows a hostile place name as
visible characters; and no module that builds a view calls the cleaning functions (they are called where text
enters: `safetext.inert` for a loaded place, `output.say` for messages).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from roros_cli import dispatch, output
from test_hostile import EVIL, EVIL_TEXT, assert_inert

from conftest import FJELLBY, ROOT


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = FJELLBY.read_text(encoding="utf-8").replace('value = "Fjellby"', f'value = "{EVIL}"')
    text = text.replace('value = "Fjellelva"', f'value = "Fjellelva"\nnote = "{EVIL}"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_terminal_view_with_no_cleaning_of_its_own_is_inert(
    hostile: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Group
    from rich.text import Text

    from roros_cli.layout import Cell, Paragraph

    monkeypatch.setenv("FORCE_COLOR", "1")
    place = dispatch.load_place(dispatch.Options(data=str(hostile)))
    # A view as a newcomer would write it: the place's text straight into Rich, styled.
    view = Group(Text(place.name, style="bold"), Paragraph(Cell().add(place.facts["river"].note or "", "italic")))
    output.draw(view)
    shown = capsys.readouterr().out
    assert "\x1b[1m" in shown  # the view's own style is there: colour is on
    assert_inert(shown, coloured=True)
    assert shown.count("\\x1b[2J") == 2  # the name and the note, each shown as characters


def test_a_new_plain_view_with_no_cleaning_of_its_own_is_inert(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    place = dispatch.load_place(dispatch.Options(data=str(hostile)))
    output.write_lines([place.name, place.facts["river"].note or ""])
    shown = capsys.readouterr().out
    assert_inert(shown)
    assert shown.count("\\x1b[2J") == 2


def test_json_still_carries_the_raw_text_escaped(hostile: Path) -> None:
    """Programs get the value itself: JSON is loaded raw and made inert by its one serializer."""
    import json

    from roros_cli import document

    place = dispatch.load_place(dispatch.Options(data=str(hostile)), raw=True)
    text = document.dumps(document.info_document(place, "both"))
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert json.loads(text)["place"] == EVIL_TEXT


# Where cleaning belongs: safetext itself; output, which cleans every message as it writes it; session, which
# cleans what a person types before echoing it; prebuilt, whose packaged values never pass through a loaded
# place. Every other module (a view added tomorrow too) builds from the inert place and may not clean on its own.
CLEANING_MODULES = {"safetext", "output", "session", "prebuilt"}
VIEW_MODULES = sorted(
    path.stem
    for path in (ROOT / "src" / "roros_cli").glob("*.py")
    if path.stem not in CLEANING_MODULES and not path.stem.startswith("_")
)
CLEANERS = {"clean", "clean_line", "json_escape_extra"}


def _calls(module: str) -> list[str]:
    tree = ast.parse((ROOT / "src" / "roros_cli" / f"{module}.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in CLEANERS:
                found.append(f"{module}.py:{node.lineno} {name}()")
    return found


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_no_view_module_cleans_text_itself(module: str) -> None:
    calls = _calls(module)
    if module == "document":  # its one serializer escapes what JSON leaves raw: the boundary of every document
        assert calls == [c for c in calls if "json_escape_extra" in c] and len(calls) == 1, calls
        return
    assert calls == []


def test_the_place_is_made_inert_in_one_place() -> None:
    """`safetext.inert` is called where a place is loaded for a view (and where a teacher's questions join it),
    and for the search term a view echoes: nowhere else."""
    callers = []
    for path in sorted((ROOT / "src" / "roros_cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "inert":
                callers.append(path.name)
    assert sorted(callers) == ["commands.py", "commands_class.py", "dispatch.py"]


def test_the_bundled_names_need_no_cleaning() -> None:
    """The map and `sun --compare` show GeoNames' and Natural Earth's names from files shipped with roros, not
    loaded as a place: they must hold nothing a terminal would act on (checked here, not at every run)."""
    import re

    from roros_cli.maps import load_outlines
    from roros_cli.places import load_places

    unsafe = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200d\u2028-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]")
    names = [place.name for place in load_places().places] + [country.name for country in load_outlines().countries]
    assert len(names) > 100
    assert [name for name in names if unsafe.search(name)] == []
