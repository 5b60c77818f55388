"""The search page on a phone and on a desktop: results first, facets behind a Filters button on narrow screens,
no layout shift above 0.1 while a query from the URL loads, and a CSV export that says what it holds."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MAX_CLS = 0.1

CLS_SCRIPT = """
window.__plShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) { window.__plShifts.push(entry.value); }
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Opens the search page in a fresh context of a given viewport; fails the test on any JavaScript error."""
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(viewport: dict[str, int], mobile: bool = False, cls: bool = False) -> Any:
        context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        if cls:
            page.add_init_script(CLS_SCRIPT)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _load(page: Any, site_url: str, query: str) -> None:
    page.goto(site_url + "search/" + query)
    page.wait_for_selector("#pl-search-app[data-ready]")
    expect(page.locator("#pl-results > li").first).to_be_visible()


def test_on_a_phone_results_come_first_and_the_facets_open_from_a_button(open_page: Any, site_url: str) -> None:
    page = open_page(PHONE, mobile=True)
    _load(page, site_url, "?q=trafficking")
    first = page.locator("#pl-results > li").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= PHONE["height"], first  # the whole first result on the first screen
    button = page.locator("#pl-filters")
    panel = page.locator("#pl-facets")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-controls", "pl-facets")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box is not None
    first_now = page.locator("#pl-results > li").first.bounding_box()
    assert first_now is not None and first_now["y"] < box["y"]  # the first result stands above the facet panel
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()

    # keyboard: Enter and Space work the button, Escape in the panel closes it and gives the focus back
    button.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
    page.keyboard.press("Space")
    expect(panel).to_be_hidden()
    page.keyboard.press("Enter")
    page.focus("#pl-f-offence-sex_trafficking")
    page.keyboard.press("Space")
    expect(page.locator("#pl-f-offence-sex_trafficking")).to_be_checked()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "pl-filters"


def test_on_a_desktop_the_facets_stand_left_of_the_results_without_a_button(open_page: Any, site_url: str) -> None:
    page = open_page(DESKTOP)
    _load(page, site_url, "?q=trafficking")
    expect(page.locator("#pl-filters")).to_be_hidden()
    expect(page.locator("#pl-facets")).to_be_visible()
    facets = page.locator("#pl-facets").bounding_box()
    first = page.locator("#pl-results > li").first.bounding_box()
    assert facets is not None and first is not None
    assert facets["x"] + facets["width"] <= first["x"]
    assert facets["y"] < PHONE["height"]


@pytest.mark.parametrize(("name", "viewport", "mobile"), [("desktop", DESKTOP, False), ("phone", PHONE, True)])
def test_no_layout_shift_while_a_query_from_the_url_loads(
    open_page: Any, site_url: str, capsys: pytest.CaptureFixture[str], name: str, viewport: dict[str, int], mobile: bool
) -> None:
    """Cumulative layout shift (every shift without recent input, summed: stricter than the largest session window)."""
    page = open_page(viewport, mobile=mobile, cls=True)
    _load(page, site_url, "?q=forced+labour&offence=labour_trafficking")
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.__plShifts")
    total = sum(shifts)
    with capsys.disabled():
        print(f"\nsearch page layout shift, {name} {viewport['width']}x{viewport['height']}: {total:.4f} ({len(shifts)} shifts)")
    assert total <= MAX_CLS, shifts


def _download(page: Any, button: str) -> list[dict[str, str]]:
    with page.expect_download() as info:
        page.click(button)
    with open(info.value.path(), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(io.StringIO(handle.read())))


def test_csv_buttons_say_what_they_hold_and_one_exports_every_match(open_page: Any, site_url: str) -> None:
    page = open_page(DESKTOP)
    _load(page, site_url, "?q=trafficking")
    total = int(page.inner_text("#pl-status").split()[0])
    assert total > 50
    expect(page.locator("#pl-csv")).to_have_text("CSV: 50 shown")
    expect(page.locator("#pl-csv-all")).to_have_text(f"CSV: all {total} matches")
    shown = page.eval_on_selector_all("#pl-results > li", "els => els.map(e => e.dataset.caseId)")
    assert [r["id"] for r in _download(page, "#pl-csv")] == shown
    every = _download(page, "#pl-csv-all")
    assert len(every) == total
    assert [r["id"] for r in every[:50]] == shown
    assert len({r["id"] for r in every}) == total

    page.click("#pl-more")
    expect(page.locator("#pl-csv")).to_have_text("CSV: 100 shown")
    page.fill("#pl-q", "wahaya")
    page.press("#pl-q", "Enter")
    expect(page.locator("#pl-csv")).to_have_text("CSV: 1 shown")
    expect(page.locator("#pl-csv-all")).to_have_text("CSV: the 1 match")
