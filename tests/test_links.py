"""Only http and https addresses become links: a `javascript:` (or any other) source_url in a data file is
shown as text in every page, and clicking it in Chromium runs nothing. `validate` says why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FJELLBY, Tabs, run_process

PAYLOAD = "javascript:document.title='PWN'"

# Click every link and everything that shows the source, then let a task queued after the clicks run: a
# javascript: address clicked is run by a task queued before it, so this waits for an order, not for time.
CLICK_ALL = """() => new Promise(done => {
    for (const element of document.querySelectorAll('a, footer, footer *, .source, .source *')) element.click();
    setTimeout(() => done(document.title + '|' + document.body.innerText.slice(0, 20)), 0);
})"""


def _url_toml(tmp_path: Path, url: str) -> Path:
    text = FJELLBY.read_text(encoding="utf-8")
    title = 'source_title = "Test fixture: the fictional town of Fjellby"'
    path = tmp_path / "linked.toml"
    path.write_text(text.replace(title, f"{title}\nsource_url = {json.dumps(url)}", 1), encoding="utf-8")
    return path


def _exports(roros: str, data: Path, folder: Path) -> list[Path]:
    sheet, deck = folder / "sheet.html", folder / "deck.html"
    for argv in (["info", "--export", str(sheet)], ["slides", str(deck)]):
        run = run_process([roros, "--data", str(data), *argv])
        assert run.returncode == 0, run.stderr
    return [sheet, deck]


def _click_everything(tabs: Tabs, page_file: Path, click: bool = True) -> tuple[str, list[str], list[str]]:
    """What the page says after every link is clicked, the links' addresses, and every address the page asked
    for besides its own file (all but local files blocked)."""
    tab = tabs.lend()
    tab.page.goto(page_file.as_uri())
    hrefs = tab.page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
    after = tab.page.evaluate(CLICK_ALL) if click else ""
    return after, hrefs, [url for url in tab.asked if url != page_file.as_uri()]


@pytest.mark.parametrize("url", [PAYLOAD, " JavaScript:document.title='PWN'"])
def test_a_script_address_is_text_and_clicking_it_runs_nothing(
    tabs: Tabs, roros_script: str, tmp_path: Path, url: str
) -> None:
    for page_file in _exports(roros_script, _url_toml(tmp_path, url), tmp_path):
        after, hrefs, requests = _click_everything(tabs, page_file)
        assert "PWN" not in after, page_file.name
        assert not [href for href in hrefs if not href.startswith(("http://", "https://", "#"))], hrefs
        assert url.strip() in page_file.read_text(encoding="utf-8").replace("&#39;", "'").replace("&lt;", "<")
        assert requests == []


def test_an_https_address_stays_a_link(tabs: Tabs, roros_script: str, tmp_path: Path) -> None:
    for page_file in _exports(roros_script, _url_toml(tmp_path, "https://example.org/fjellby"), tmp_path):
        _, hrefs, _ = _click_everything(tabs, page_file, click=False)  # a click would leave the page
        assert "https://example.org/fjellby" in hrefs, page_file.name


def test_validate_says_why_a_source_url_is_not_a_link(roros_script: str, tmp_path: Path) -> None:
    run = run_process([roros_script, "validate", str(_url_toml(tmp_path, PAYLOAD))])
    assert run.returncode == 0
    lines = run.stdout.decode().splitlines()
    assert ": valid (" in lines[0]
    assert any("source_url" in line and "http" in line and "text" in line for line in lines[1:]), lines
    good = run_process([roros_script, "validate", str(_url_toml(tmp_path, "https://example.org/"))])
    assert len(good.stdout.decode().splitlines()) == 1
