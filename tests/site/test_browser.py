"""The built site in Chromium: axe-core finds no serious or critical violation, the CSP holds, scripts work, keys work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = {
    "home": "",
    "case": "cases/ecthr-2010-rantsev-v-cyprus-and-russia/",
    "planted case": "cases/zzz-2018-planted-script-payloads/",
    "browse": "browse/offence/labour_trafficking/",
    "browse index": "browse/",
    "statistics": "stats/",
    "downloads": "downloads/",
    "search": "search/",
}
CSP_ONLY = {"methodology": "methodology/", "sources": "sources/", "scrapers": "scrapers/", "courses": "courses/", "404": "404.html"}
"""Further pages checked for CSP violations (hand-written Markdown, tables with aligned columns, the courses)."""
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def _open(page: Any, url: str) -> None:
    page.add_init_script(WATCH)
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("load")


def _axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated through the devtools protocol, so the page's CSP does not apply
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(name: str, page: Any, site_url: str, built_site: Path) -> None:
    path = PAGES[name]
    if not (built_site / path / "index.html").is_file():
        pytest.skip(f"{path} is not in the built site yet")
    _open(page, site_url + path)
    violations = _axe(page)
    report = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations]
    assert not violations, "\n".join(report)


@pytest.mark.parametrize("name", list(PAGES) + list(CSP_ONLY))
def test_pages_run_without_csp_violations(name: str, page: Any, site_url: str, built_site: Path) -> None:
    path = {**PAGES, **CSP_ONLY}[name]
    if not (built_site / path).exists():
        pytest.skip(f"{path} is not in the built site yet")
    _open(page, site_url + path)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__csp") == []


def test_planted_payloads_do_not_run(page: Any, site_url: str) -> None:
    for path in ("cases/zzz-2018-planted-script-payloads/", "browse/jurisdiction/gbr/", "browse/offence/labour_trafficking/", ""):
        _open(page, site_url + path)
        page.mouse.move(200, 300)
        assert page.evaluate("typeof window.__pwned") == "undefined", path


def test_copy_citation_button_by_keyboard(page: Any, site_url: str) -> None:
    _open(page, site_url + PAGES["case"])
    button = page.locator("button[data-pl-copy]").first
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".pl-copy-status")
    status.wait_for(state="attached")
    page.wait_for_function("document.querySelector('.pl-copy-status').textContent.length > 0")
    assert status.text_content().startswith("Copied: Rantsev v. Cyprus & Russia")


def test_keyboard_reaches_the_content_first(page: Any, site_url: str) -> None:
    _open(page, site_url + PAGES["case"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to content")
    page.keyboard.press("Enter")
    for _ in range(60):  # every badge link and button is reachable by Tab
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button[data-pl-copy]')"):
            break
    else:
        pytest.fail("the copy button is not reachable with the keyboard")


def test_case_page_prints_without_site_chrome(page: Any, site_url: str) -> None:
    _open(page, site_url + PAGES["case"])
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', 'button[data-pl-copy]']
              .map(s => document.querySelector(s)).filter(Boolean)
              .map(e => getComputedStyle(e).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    assert page.locator("h1").is_visible() and page.locator("#cite-this-case").is_visible()
