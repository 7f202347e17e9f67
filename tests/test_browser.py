"""Classroom exports in a real browser: Playwright for Python driving Debian's Chromium, never a downloaded one.

Every page is opened with all network requests blocked and recorded: the tests assert that none left the
machine and that the console stayed clean, then look at what a teacher would: the deck advancing with the
keys, the type size on a content slide at 1280x720, one printed page per slide, an A4 worksheet whose answer
key starts a page of its own, an export page that reads on a phone and a wide screen. Without Chromium they
skip with the reason; CI installs it (`apt-get install chromium`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CHROMIUM, FJELLBY, Tabs, run_process

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)"),
    pytest.mark.slow,  # one browser run in CI is enough: the pages do not depend on the Python
]

# Chromium as the machine's own probe runs it: no background traffic to the network, a fresh profile.


class Visit:
    """A page opened offline (a page lent by `tabs`): every request but local files is blocked and recorded,
    console errors are kept."""

    def __init__(self, tabs: Tabs, path: Path, width: int = 1280, height: int = 720) -> None:
        self.tab = tabs.lend(width, height)
        self.page = self.tab.page
        self.requests = self.tab.blocked
        self.errors = self.tab.errors
        self.page.goto(path.as_uri())

    def offline_and_clean(self) -> None:
        assert self.requests == [], f"requests left the machine: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"

    def pdf_pages(self, **options: object) -> tuple[int, list[tuple[float, float]]]:
        data = self.page.pdf(**options)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        boxes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)]
        return pages, boxes


def _write(roros: str, tmp_path: Path, *args: str, data: Path | None = None) -> Path:
    target = tmp_path / args[-1] if not args[-1].startswith("-") else tmp_path / "out.html"
    argv = [roros, *(["--data", str(data)] if data else []), *args[:-1], str(target)]
    run = run_process(argv)
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith(b"wrote ") and target.exists()  # a long path is shortened in the message
    return target


# ---------------------------------------------------------------------------------------------- slides


@pytest.fixture(scope="module")
def deck(roros_script: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deck")
    run = run_process([roros_script, "slides", str(folder / "roros.html"), "--quiz", "3", "--seed", "7"])
    assert run.returncode == 0, run.stderr
    return folder / "roros.html"


def test_the_deck_works_offline_and_advances_with_the_keys(tabs: Tabs, deck: Path) -> None:
    visit = Visit(tabs, deck)
    page = visit.page
    counter = page.locator(".slide.current .number")
    total = int(counter.inner_text().split(" / ")[1])
    assert counter.inner_text() == f"1 / {total}" and total >= 20
    assert "Røros" in page.locator(".slide.current h1").inner_text()
    for key, expected in (("ArrowRight", 2), (" ", 3), ("PageDown", 4), ("ArrowLeft", 3), ("PageUp", 2)):
        page.keyboard.press(key)
        assert counter.inner_text() == f"{expected} / {total}", key
    page.keyboard.press("End")
    assert counter.inner_text() == f"{total} / {total}"
    assert "CC BY-SA 4.0" in page.locator(".slide.current").inner_text()  # the source and its licence last
    page.keyboard.press("Home")
    assert counter.inner_text() == f"1 / {total}"
    visit.offline_and_clean()


def test_the_deck_has_every_part_a_lesson_needs(tabs: Tabs, deck: Path) -> None:
    page = Visit(tabs, deck).page
    titles = page.eval_on_selector_all(".slide h2", "nodes => nodes.map(n => n.textContent)")
    for wanted in ("Names", "Location", "Timeline", "Checking the source", "Where Røros is", "Question 1", "Answer 3"):
        assert any(title.startswith(wanted) for title in titles), wanted
    text = page.eval_on_selector_all(".slide", "nodes => nodes.map(n => n.textContent).join(' ')")
    assert "5,667" in text and "about 1,712 per km²" in text  # the population contradiction, as a lesson
    assert page.locator(".slide .map svg path").count() >= 2  # the map, inline: land and its neighbours


def test_body_text_on_a_content_slide_is_large(tabs: Tabs, deck: Path) -> None:
    page = Visit(tabs, deck, 1280, 720).page
    page.keyboard.press("ArrowRight")  # the first section of the fact sheet
    size = page.eval_on_selector(".slide.current .row div", "node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 28
    bigger = Visit(tabs, deck, 1920, 1080).page
    bigger.keyboard.press("ArrowRight")
    assert bigger.eval_on_selector(".slide.current .row div", "n => parseFloat(getComputedStyle(n).fontSize)") > size
    # Nothing spills off the slide.
    overflow = page.eval_on_selector(".slide.current", "n => n.scrollHeight > n.clientHeight + 1")
    assert not overflow


def test_printing_gives_one_landscape_page_per_slide(tabs: Tabs, deck: Path) -> None:
    visit = Visit(tabs, deck)
    total = visit.page.locator(".slide").count()
    pages, boxes = visit.pdf_pages(landscape=True, prefer_css_page_size=True, print_background=True)
    assert pages == total
    assert all(width > height for width, height in boxes)


# ---------------------------------------------------------------------------------------------- worksheet


def test_the_worksheet_prints_on_a4_with_the_answer_key_on_its_own_page(
    tabs: Tabs, roros_script: str, tmp_path: Path
) -> None:
    sheet = _write(roros_script, tmp_path, "quiz", "--count", "10", "--seed", "3", "--worksheet", "sheet.html")
    visit = Visit(tabs, sheet, 900, 1200)
    page = visit.page
    assert page.locator("ol.questions > li").count() == 10
    assert "Name:" in page.inner_text(".who") and "Date:" in page.inner_text(".who")
    assert page.locator(".options").count() >= 1
    page.emulate_media(media="print")
    assert page.eval_on_selector(".key", "n => getComputedStyle(n).breakBefore") == "page"
    pages, boxes = visit.pdf_pages(prefer_css_page_size=True)
    assert pages >= 2
    assert all(abs(width - 595.3) < 2 and abs(height - 841.9) < 2 for width, height in boxes)  # A4 in points
    # The key alone, printed: it fits where it starts, so it is a page (or pages) of its own after the questions.
    page.evaluate("document.querySelector('.key').remove()")
    without, _ = visit.pdf_pages(prefer_css_page_size=True)
    assert without < pages
    visit.offline_and_clean()


# ---------------------------------------------------------------------------------------------- exports


@pytest.mark.parametrize("view", [["info"], ["timeline"], ["check"], ["keys"], ["search", "unesco"]])
def test_an_html_export_is_a_real_page(tabs: Tabs, roros_script: str, tmp_path: Path, view: list[str]) -> None:
    target = tmp_path / "page.html"
    run = run_process([roros_script, *view, "--export", str(target)])
    assert run.returncode in (0, 1)
    wide = Visit(tabs, target, 1280, 900)
    assert wide.page.title()
    assert wide.page.eval_on_selector("body", "n => parseFloat(getComputedStyle(n).fontSize)") >= 16
    link = wide.page.locator("footer a")
    assert link.get_attribute("href") == "https://en.wikipedia.org/wiki/R%C3%B8ros_(town)"
    assert wide.page.eval_on_selector(".row", "n => getComputedStyle(n).gridTemplateColumns.split(' ').length") == 2
    wide.page.set_viewport_size({"width": 390, "height": 800})  # the same page on a phone: laid out again
    assert wide.page.evaluate("innerWidth") == 390
    assert wide.page.eval_on_selector(".row", "n => getComputedStyle(n).gridTemplateColumns.split(' ').length") == 1
    assert wide.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    wide.offline_and_clean()


def test_an_svg_export_projects_well_and_clips_nothing(tabs: Tabs, roros_script: str, tmp_path: Path) -> None:
    target = tmp_path / "sheet.svg"
    assert run_process([roros_script, "info", "--export", str(target)]).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")  # no fonts or anything else from the network
    visit = Visit(tabs, target, 1400, 900)
    width, height = visit.page.evaluate(
        "[document.documentElement.viewBox.baseVal.width, document.documentElement.viewBox.baseVal.height]"
    )
    boxes = visit.page.eval_on_selector_all(
        "text", "nodes => nodes.map(n => { const b = n.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })"
    )
    assert boxes and all(x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height for x0, y0, x1, y1 in boxes)
    size = visit.page.eval_on_selector("text", "n => parseFloat(getComputedStyle(n).fontSize)")
    assert size * min(1920 / width, 1080 / height) >= 18  # fitted to a 1080p projector, the type is still large
    assert "Hyttelva" in visit.page.evaluate("document.documentElement.textContent")
    visit.offline_and_clean()


def test_data_strings_stay_inert_in_pages(tabs: Tabs, roros_script: str, tmp_path: Path) -> None:
    evil = '<script>window.pwned = 1</script><img src=x onerror=\\"window.pwned = 2\\"> \\u202eevil'
    data = tmp_path / "evil.toml"
    data.write_text(FJELLBY.read_text(encoding="utf-8").replace('value = "Fjellelva"', f'value = "{evil}"'), "utf-8")
    for args in (["info", "--export", "e.html"], ["slides", "s.html"], ["info", "--export", "e.svg"]):
        target = _write(roros_script, tmp_path, *args, data=data)
        visit = Visit(tabs, target)
        assert visit.page.evaluate("window.pwned") is None
        assert "<script>window.pwned = 1</script>" in visit.page.content().replace("&lt;", "<").replace("&gt;", ">")
        assert "\u202e" not in target.read_text(encoding="utf-8")  # shown as \u202e, never passed on
        assert visit.requests == [], visit.requests  # the <img src=x> never loaded: it is text


def test_a_lent_page_blocks_the_network_and_comes_back_clean(tabs: Tabs, tmp_path: Path) -> None:
    """The pages lent to the browser tests are shared: what one test did (its requests, errors, screen and
    media) must not reach the next, or a test would pass or fail on another's visit."""
    asks = tmp_path / "asks.html"
    asks.write_text('<img src="https://example.org/x.png"><script>console.error("boom")</script>', "utf-8")
    tab = tabs.lend(1280, 720)
    tab.page.emulate_media(media="print")
    tab.page.goto(asks.as_uri())
    assert tab.blocked == ["https://example.org/x.png"] and "boom" in tab.errors
    assert tab.asked == [asks.as_uri(), "https://example.org/x.png"]
    tabs.give_back()
    again = tabs.lend(390, 800)
    assert again is tab and again.page.url == "about:blank"  # the same page, emptied
    assert again.blocked == again.errors == again.asked == []
    assert again.page.evaluate("[innerWidth, matchMedia('print').matches]") == [390, False]
