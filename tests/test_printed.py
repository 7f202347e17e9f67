"""What goes to paper or a screen as a picture: worksheets and their keys, export pages, SVG pictures.

Chromium prints each page to PDF (every request blocked) and pypdf reads the text back a page at a time: a
question, a row or a heading must sit on one page with what follows it. What the pages should say comes from
`roros quiz --json` and the data file (independent of the page code); the accepted ranges are worked by hand.
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, ROOT, Tabs, run_process

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# The ranges the quiz marks right for seed 7 (an identifier exactly; "about" figures within the quiz's margin).
RANGES = {
    "unesco.reference": "exactly 55",
    "churches.count": "exactly 2",
    "houses.count": "70 to 90",
    "villages.glamos.distance": "9 to 11 km",
    "villages.os.distance": "9 to 11 km",  # "about 10 km": within 10 %
    "history.bergstad_towns": "exactly 2",
    "area": "2.81 to 3.81 km²",  # 3.31 km², within half a square kilometre
}


@pytest.fixture(scope="module")
def page(tabs: Tabs) -> Iterator[object]:
    tab = tabs.hold(900, 1200)
    yield tab.page
    assert tab.blocked == []
    tabs.release(tab)


def _printed(page: object, path: Path) -> list[str]:
    """Each printed A4 page's text, whitespace folded."""
    page.emulate_media(media="print")  # type: ignore[attr-defined]  # as printing does (and "screen" would undo)
    page.goto(path.as_uri())  # type: ignore[attr-defined]
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))  # type: ignore[attr-defined]
    texts = []
    for sheet in reader.pages:
        assert abs(float(sheet.mediabox.width) - 595.3) < 2 and abs(float(sheet.mediabox.height) - 841.9) < 2
        texts.append(_fold(sheet.extract_text()))
    return texts


def _fold(text: str) -> str:
    """Whitespace folded, and the PDF's ligatures (ﬁ) read as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _on_one_page(pages: list[str], *parts: str) -> bool:
    return any(all(_fold(part) in text for part in parts) for text in pages)


# ---------------------------------------------------------------------------------------------- worksheet


Worksheet = tuple[Path, Path, list[dict[str, object]]]  # the sheet, its key, and the quiz's questions as JSON


@pytest.fixture(scope="module")
def worksheet(roros_script: str, tmp_path_factory: pytest.TempPathFactory) -> Worksheet:
    folder = tmp_path_factory.mktemp("worksheet")
    sheet, key = folder / "ws.html", folder / "KEY.html"
    run = run_process([roros_script, "quiz", "-n", "10", "--seed", "7", "--worksheet", str(sheet), "--key", str(key)])
    assert run.returncode == 0, run.stderr
    assert run.stderr.count(b"wrote ") == 2 and sheet.exists() and key.exists()
    reference = run_process([roros_script, "quiz", "-n", "10", "--seed", "7", "--json"], input="")
    return sheet, key, json.loads(reference.stdout)["questions"]


def test_the_sheet_and_its_key_name_the_same_worksheet(page: object, worksheet: Worksheet) -> None:
    sheet, key, _ = worksheet
    for path in (sheet, key):
        assert f"Worksheet 7-10, roros {VERSION}" in _printed(page, path)[0]


def test_the_key_holds_the_answers_and_the_sheet_does_not(page: object, worksheet: Worksheet) -> None:
    sheet, key, questions = worksheet
    sheet_pages, key_pages = _printed(page, sheet), _printed(page, key)
    sheet_text, key_text = " ".join(sheet_pages), " ".join(key_pages)
    assert "Answer key" in key_text and "Answer key" not in sheet_text
    for number, question in enumerate(questions, start=1):
        assert _on_one_page(sheet_pages, str(question["prompt"]), *question["options"]), number  # type: ignore[misc]
        answer = str(question["answer"])
        if question["kind"] == "choice":
            letter = "ABCD"[question["options"].index(answer)]  # type: ignore[attr-defined]
            assert re.search(rf"\b{number}\. {letter} {re.escape(answer)}", key_text), (number, answer)
        else:
            assert _fold(RANGES[str(question["key"])]) not in sheet_text
            assert len(answer) < 4 or _fold(answer) not in sheet_text, answer  # "2" is on any page
            assert re.search(
                rf"\b{number}\. {re.escape(_fold(answer))}.*?{re.escape(_fold(RANGES[str(question['key'])]))}", key_text
            ), number
        assert f"Source: {question['source']}" in key_text
    assert "Source: paragraph" not in sheet_text


def test_the_sheet_has_boxes_to_tick_and_a_score_box(page: object, worksheet: Worksheet) -> None:
    sheet, _, questions = worksheet
    page.emulate_media(media="screen")  # type: ignore[attr-defined]
    page.goto(sheet.as_uri())  # type: ignore[attr-defined]
    items = page.locator("ol.questions > li")  # type: ignore[attr-defined]
    assert items.count() == len(questions)
    for index, question in enumerate(questions):
        boxes = items.nth(index).locator(".box")
        if question["kind"] == "choice":
            assert boxes.count() == len(question["options"])  # type: ignore[arg-type]
            assert [b.inner_text().strip() for b in boxes.all()] == list("ABCD"[: boxes.count()])
            first = boxes.first.bounding_box()
            assert first["width"] >= 12 and abs(first["width"] - first["height"]) < 3  # a square to tick
        else:
            assert boxes.count() == 0
    assert re.search(r"Score:?\s*/\s*10", page.inner_text(".score"))  # type: ignore[attr-defined]


def test_without_key_the_key_follows_on_a_page_of_its_own(page: object, roros_script: str, tmp_path: Path) -> None:
    sheet = tmp_path / "ws.html"
    assert run_process([roros_script, "quiz", "-n", "10", "--seed", "7", "--worksheet", str(sheet)]).returncode == 0
    printed = _printed(page, sheet)
    starts = [i for i, text in enumerate(printed) if "Answer key" in text]
    assert len(starts) == 1 and "1. " not in printed[starts[0]].split("Answer key")[0].split("Worksheet 7-10")[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--key", "k.html"], "--key needs --worksheet"),
        (["--worksheet", "w.html", "--key", "k.txt"], "use a name ending in .html"),
        (["--worksheet", "w.html", "--key", "w.html"], "the same file"),
    ],
)
def test_a_key_without_a_worksheet_or_html_is_refused(
    roros_script: str, tmp_path: Path, args: list[str], message: str
) -> None:
    run = run_process([roros_script, "quiz", "-n", "2", *args], cwd=tmp_path)
    assert run.returncode == 2
    assert message in run.stderr.decode() and "Traceback" not in run.stderr.decode()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("handout", ["deck.html", "./deck.html"])
def test_a_handout_never_replaces_its_own_deck(roros_script: str, tmp_path: Path, handout: str) -> None:
    run = run_process([roros_script, "slides", "deck.html", "--handout", handout], cwd=tmp_path)
    assert run.returncode == 2 and "a name of its own" in run.stderr.decode()
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------- pages


def test_a_printed_page_keeps_headings_and_rows_with_what_follows(
    page: object, roros_script: str, tmp_path: Path
) -> None:
    target = tmp_path / "page.html"
    assert run_process([roros_script, "info", "--export", str(target)]).returncode == 0
    page.goto(target.as_uri())  # type: ignore[attr-defined]
    script = """sections => sections.map(s => [s.querySelector('h2').textContent,
        [...s.querySelectorAll('.row')].map(r => [r.querySelector('dt'), ...r.querySelector('dd').childNodes]
                                                 .map(n => n.textContent))])"""
    rows = page.eval_on_selector_all("section", script)  # type: ignore[attr-defined]
    printed = _printed(page, target)
    assert len(printed) >= 2
    for heading, texts in rows:
        first = texts[0][0]
        assert _on_one_page(printed, heading, first), f"{heading!r} is parted from {first!r}"
        for pieces in texts:
            assert _on_one_page(printed, *pieces), f"a row is split across pages: {pieces}"
    for text in printed[:-1]:
        assert not any(text.endswith(_fold(heading)) for heading, _ in rows), "a heading at the foot of a page"
    margins = page.evaluate(  # type: ignore[attr-defined]
        "[...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSPageRule)"
        ".map(r => r.style.margin)"
    )
    assert margins and all(margins), "the page sets its own print margins"


# ---------------------------------------------------------------------------------------------- SVG

FIT = """() => {
  const svg = document.documentElement;
  const scale = svg.getScreenCTM().a;
  const texts = [...document.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const boxes = texts.map(t => t.getBoundingClientRect());
  return {smallest: Math.min(...sizes), heights: Math.min(...boxes.map(b => b.height)),
          outside: boxes.filter(b => b.left < 0 || b.top < 0 || b.right > innerWidth + 0.5
                                     || b.bottom > innerHeight + 0.5).length,
          view: svg.viewBox.baseVal ? [svg.viewBox.baseVal.width, svg.viewBox.baseVal.height] : null,
          fixed: svg.hasAttribute('width') || svg.hasAttribute('height')};
}"""


@pytest.mark.parametrize(("view", "least"), [(["info"], 18), (["timeline"], 14), (["check"], 14)])
def test_an_svg_picture_scales_to_a_1080p_screen(
    page: object, roros_script: str, tmp_path: Path, view: list[str], least: int
) -> None:
    target = tmp_path / "picture.svg"
    assert run_process([roros_script, *view, "--export", str(target)]).returncode in (0, 1)
    page.set_viewport_size({"width": 1920, "height": 1080})  # type: ignore[attr-defined]
    page.emulate_media(media="screen")  # type: ignore[attr-defined]
    page.goto(target.as_uri())  # type: ignore[attr-defined]
    seen = page.evaluate(FIT)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 900, "height": 1200})  # type: ignore[attr-defined]
    assert seen["view"] and not seen["fixed"]  # a viewBox, and no size of its own: it takes the place it is given
    assert seen["outside"] == 0
    assert seen["smallest"] >= least, seen
    assert seen["heights"] >= least, seen  # the glyphs as drawn, not only the number in the style
    width, height = seen["view"]
    assert 1.3 <= width / height <= 2.1  # shaped for a screen, not a strip


def test_a_worksheet_on_one_topic_names_it_on_the_sheet_and_the_key(
    page: object, roros_script: str, tmp_path: Path
) -> None:
    sheet, key = tmp_path / "ws.html", tmp_path / "key.html"
    argv = [roros_script, "quiz", "-n", "3", "--seed", "7", "--topic", "history", "--worksheet", str(sheet)]
    run = run_process([*argv, "--key", str(key)])
    assert run.returncode == 0, run.stderr
    for path in (sheet, key):
        assert f"Worksheet 7-3, topic: history, roros {VERSION}" in _printed(page, path)[0]
