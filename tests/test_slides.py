"""The slide deck and its handout as a presenter and a class meet them: Chromium, every request blocked.

One browser for the module. The deck is `roros slides --quiz 5 --seed 7`; what its questions should say comes
from `roros quiz --json` with the same seed (an independent path through the CLI), never from the deck's code.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CHROMIUM, Tabs, run_process

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")

SCREENS = [(1920, 1080), (1280, 720), (1024, 768)]
LETTERS = "ABCD"


@pytest.fixture(scope="module")
def files(roros_script: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("deck")
    deck, handout = folder / "deck.html", folder / "handout.html"
    argv = [roros_script, "slides", str(deck), "--quiz", "5", "--seed", "7", "--handout", str(handout)]
    run = run_process(argv)
    assert run.returncode == 0, run.stderr
    assert run.stderr.count(b"wrote ") == 2 and handout.exists()
    return deck, handout


@pytest.fixture(scope="module")
def questions(roros_script: str) -> list[dict[str, object]]:
    run = run_process([roros_script, "quiz", "-n", "5", "--seed", "7", "--json"], input="")
    found: list[dict[str, object]] = json.loads(run.stdout)["questions"]
    return found


@pytest.fixture(scope="module")
def opened(tabs: Tabs, files: tuple[Path, Path]) -> Iterator[Any]:
    tab = tabs.hold()
    tab.page.goto(files[0].as_uri())
    tab.page.blocked = tab.blocked
    yield tab.page
    tabs.release(tab)


@pytest.fixture
def shown(opened: object) -> object:
    """The one deck page of the module, back on a 1280x720 screen and in front (where a test lent another)."""
    opened.bring_to_front()  # type: ignore[attr-defined]
    opened.emulate_media(media="screen")  # type: ignore[attr-defined]
    opened.set_viewport_size({"width": 1280, "height": 720})  # type: ignore[attr-defined]
    return opened


def _number(page: object) -> int:
    return int(page.locator(".slide.current .number").inner_text().split(" / ")[0])  # type: ignore[attr-defined]


def _total(page: object) -> int:
    return page.locator(".slide").count()  # type: ignore[attr-defined,no-any-return]


# What a viewer sees on the current slide: its title's top, anything outside the slide, the smallest text.
MEASURE = """() => {
  const slide = document.querySelector('.slide.current');
  const frame = slide.getBoundingClientRect();
  const title = slide.querySelector('h1, h2');
  const outside = [];
  let smallest = Infinity, smallestText = '';
  for (const node of slide.querySelectorAll('*')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (node.ownerSVGElement) continue;  // a picture's shapes are clipped to the picture, which is measured
    if (box.left < frame.left - 1 || box.top < frame.top - 1 || box.right > frame.right + 1
        || box.bottom > frame.bottom + 1) outside.push(node.tagName + ' ' + (node.textContent || '').slice(0, 40));
    if (node.tagName === 'svg') continue;
    const own = Array.from(node.childNodes).some(c => c.nodeType === 3 && c.textContent.trim());
    if (own) {
      const size = parseFloat(getComputedStyle(node).fontSize);
      if (size < smallest) { smallest = size; smallestText = node.textContent.trim().slice(0, 40); }
    }
  }
  return {top: title ? title.getBoundingClientRect().top : null, title: title ? title.textContent : '',
          outside, smallest, smallestText, scroll: slide.scrollHeight > slide.clientHeight + 1};
}"""


# Every slide in turn, measured as shown: the deck's own key handler moves on (the keys a presenter presses are
# tested below; a key sent from here for each of fifty slides cost a round trip through the driver each).
MEASURE_EACH = f"""() => {{
  const seen = [];
  for (const _ of document.querySelectorAll('.slide')) {{
    seen.push(({MEASURE})());
    document.dispatchEvent(new KeyboardEvent('keydown', {{key: 'ArrowRight', bubbles: true}}));
  }}
  return seen;
}}"""


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_slide_has_its_title_in_one_place_and_large_text_inside_it(
    shown: object, width: int, height: int
) -> None:
    page = shown
    page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
    page.keyboard.press("Home")  # type: ignore[attr-defined]
    every = page.evaluate(MEASURE_EACH)  # type: ignore[attr-defined]
    assert len(every) == _total(page) and page.evaluate("location.hash") == f"#{len(every)}"  # type: ignore[attr-defined]
    tops = []
    for index, seen in enumerate(every):
        assert seen["top"] is not None, f"slide {index + 1} has no title"
        tops.append(round(seen["top"]))
        assert seen["outside"] == [] and not seen["scroll"], f"slide {index + 1} ({seen['title']}): {seen['outside']}"
        assert seen["smallest"] >= 28, f"slide {index + 1}: {seen['smallestText']!r} is {seen['smallest']} px"
    assert max(tops) - min(tops) <= 1, tops
    assert page.blocked == []  # type: ignore[attr-defined]


def test_long_sections_split_evenly_and_no_slide_holds_a_lone_row(shown: object) -> None:
    page = shown
    slides = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".slide",
        "nodes => nodes.map(n => [n.querySelector('h1, h2').textContent, n.querySelectorAll('.body > *').length])",
    )
    parts: dict[str, list[int]] = {}
    for title, rows in slides:
        split = re.fullmatch(r"(.+) \((\d+) of (\d+)\)", title)
        if split:
            parts.setdefault(split[1], []).append(rows)
            assert rows >= 2, f"{title} holds a lone row"
    assert any(title.startswith("Timeline") for title, _ in slides)
    assert len(parts) >= 3  # Location, World Heritage, Landmarks... are too long for one slide
    for name, counts in parts.items():
        assert len(counts) >= 2 and max(counts) - min(counts) <= 1, (name, counts)


def test_answer_slides_repeat_the_question_and_name_the_option_by_letter(
    shown: object, questions: list[dict[str, object]]
) -> None:
    page = shown
    page.emulate_media(media="print")  # type: ignore[attr-defined]  # every slide laid out, so it has lines
    texts = page.eval_on_selector_all(".slide", "nodes => nodes.map(n => n.innerText)")  # type: ignore[attr-defined]
    for number, question in enumerate(questions, start=1):
        asked = next(i for i, text in enumerate(texts) if text.startswith(f"Question {number}\n"))
        slide, answer = texts[asked], texts[asked + 1]
        assert answer.startswith(f"Answer {number}\n")
        assert str(question["prompt"]) in slide and str(question["prompt"]) in answer
        options = question["options"]
        if question["kind"] == "choice":
            assert isinstance(options, list)
            for letter, option in zip(LETTERS, options, strict=False):
                assert re.search(rf"^{letter}\s+{re.escape(option)}$", slide, re.M), (letter, option, slide)
            letter = LETTERS[options.index(question["answer"])]
            assert re.search(rf"^{letter}\s+{re.escape(str(question['answer']))}$", answer, re.M), answer
        else:
            assert str(question["answer"]) in answer
        assert f"Source: {question['source']}" in answer
        if question.get("explain"):
            assert str(question["explain"]) in answer  # the one-sentence why


def test_the_map_slide_fills_the_slide(shown: object) -> None:
    page = shown
    page.set_viewport_size({"width": 1920, "height": 1080})  # type: ignore[attr-defined]
    titles = page.eval_on_selector_all(".slide h2", "nodes => nodes.map(n => n.textContent)")  # type: ignore[attr-defined]
    page.keyboard.type(str(titles.index("Where Røros is") + 2))  # type: ignore[attr-defined]  # h1 is slide 1
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.locator(".slide.current h2").inner_text() == "Where Røros is"  # type: ignore[attr-defined]
    slide = page.locator(".slide.current").bounding_box()  # type: ignore[attr-defined]
    title = page.locator(".slide.current h2").bounding_box()  # type: ignore[attr-defined]
    picture = page.locator(".slide.current .map > svg").bounding_box()  # type: ignore[attr-defined]
    below = slide["y"] + slide["height"] - (title["y"] + title["height"])
    # The whole height under the title (less a margin) or the whole width: never a third of the slide.
    assert picture["height"] >= 0.8 * below or picture["width"] >= 0.85 * slide["width"], (picture, below)


# ---------------------------------------------------------------------------------------------- keys


@pytest.fixture
def page(shown: object) -> object:
    """The shared deck at 1280x720 on its first slide, as a presenter opens it."""
    shown.keyboard.press("Home")  # type: ignore[attr-defined]
    return shown


@pytest.mark.parametrize("key", ["ArrowRight", "ArrowDown", " ", "PageDown", "Enter"])
def test_a_key_moves_on(page: object, key: str) -> None:
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    page.keyboard.press(key)  # type: ignore[attr-defined]
    assert _number(page) == 3


@pytest.mark.parametrize("key", ["ArrowLeft", "ArrowUp", "Shift+Space", "PageUp", "Backspace"])
def test_a_key_goes_back(page: object, key: str) -> None:
    page.keyboard.press("End")  # type: ignore[attr-defined]
    total = _number(page)
    assert total == _total(page)
    page.keyboard.press(key)  # type: ignore[attr-defined]
    assert _number(page) == total - 1
    page.keyboard.press("Home")  # type: ignore[attr-defined]
    assert _number(page) == 1
    page.keyboard.press(key)  # type: ignore[attr-defined]  # nothing before the first slide
    assert _number(page) == 1


@pytest.mark.parametrize("key", ["b", "."])
def test_b_or_full_stop_blanks_the_screen_and_again_brings_it_back(page: object, key: str) -> None:
    centre = "document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('.slide.current') !== null"
    assert page.evaluate(centre)  # type: ignore[attr-defined]
    page.keyboard.press(key)  # type: ignore[attr-defined]
    assert not page.evaluate(centre)  # type: ignore[attr-defined]
    colour = "getComputedStyle(document.elementFromPoint(innerWidth / 2, innerHeight / 2)).backgroundColor"
    assert page.evaluate(colour) == "rgb(0, 0, 0)"  # type: ignore[attr-defined]
    page.keyboard.press(key)  # type: ignore[attr-defined]
    assert page.evaluate(centre)  # type: ignore[attr-defined]
    assert _number(page) == 1  # blanking does not move


def test_f_toggles_fullscreen(page: object) -> None:
    page.keyboard.press("f")  # type: ignore[attr-defined]
    page.wait_for_function("document.fullscreenElement !== null")  # type: ignore[attr-defined]
    page.keyboard.press("f")  # type: ignore[attr-defined]
    page.wait_for_function("document.fullscreenElement === null")  # type: ignore[attr-defined]


def test_a_number_then_enter_jumps_there(page: object) -> None:
    page.keyboard.type("12")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert _number(page) == 12
    page.keyboard.type("999")  # type: ignore[attr-defined]  # past the end: the last slide
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert _number(page) == _total(page)


def test_the_address_bar_moves_the_deck_and_follows_it(page: object) -> None:
    page.evaluate("location.hash = '#12'")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('.slide.current .number').textContent.startsWith('12 /')")  # type: ignore[attr-defined]
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == "#13"  # type: ignore[attr-defined]


def test_question_mark_shows_the_keys(page: object) -> None:
    help_box = page.locator("[role=dialog]")  # type: ignore[attr-defined]
    assert not help_box.is_visible()
    page.keyboard.press("?")  # type: ignore[attr-defined]
    assert help_box.is_visible()
    for word in ("PageDown", "Backspace", "Home", "End", "B", "F", "Enter", "#"):
        assert word in help_box.inner_text()
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert not help_box.is_visible()
    assert _number(page) == 1


def test_a_click_on_the_right_half_moves_on_and_on_the_left_half_goes_back(page: object) -> None:
    page.mouse.click(1280 * 0.75, 360)  # type: ignore[attr-defined]
    page.mouse.click(1280 * 0.51, 360)  # type: ignore[attr-defined]
    assert _number(page) == 3
    page.mouse.click(1280 * 0.49, 360)  # type: ignore[attr-defined]
    assert _number(page) == 2
    page.mouse.click(5, 700)  # type: ignore[attr-defined]
    assert _number(page) == 1


# ---------------------------------------------------------------------------------------------- print


def _pdf(page: object, **options: object) -> object:
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    return pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True, **options)))  # type: ignore[attr-defined]


def test_a_printed_deck_gives_one_slide_a_page(shown: object) -> None:
    page = shown
    total = _total(page)
    reader = _pdf(page)
    assert len(reader.pages) == total  # type: ignore[attr-defined]
    for number, sheet in enumerate(reader.pages, start=1):  # type: ignore[attr-defined]
        assert f"{number} / {total}" in sheet.extract_text()


def test_a_handout_gives_six_slides_to_an_a4_page_with_room_for_notes(
    tabs: Tabs, files: tuple[Path, Path], opened: object
) -> None:
    total = _total(opened)
    tab = tabs.lend(900, 1200)
    page = tab.page
    page.goto(files[1].as_uri())
    assert page.locator(".slide").count() == total
    reader = _pdf(page)
    assert len(reader.pages) == math.ceil(total / 6)  # type: ignore[attr-defined]
    for index, sheet in enumerate(reader.pages):  # type: ignore[attr-defined]
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 portrait, in points
        text = sheet.extract_text()
        for number in range(index * 6 + 1, min(total, index * 6 + 6) + 1):
            assert f"{number} / {total}" in text, (index, number)
        assert f"{index * 6 + 7} / {total}" not in text
    notes = page.eval_on_selector_all(".notes", "nodes => nodes.map(n => n.getBoundingClientRect().height)")
    slide = page.eval_on_selector(".slide", "n => n.getBoundingClientRect().height")
    assert len(notes) == total and min(notes) >= 0.5 * slide  # lines to write on, beside or under each slide
    assert tab.blocked == []
