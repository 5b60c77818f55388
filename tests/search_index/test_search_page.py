"""The search page in Chromium: live results, facet counts, URL state, CSV export, hostile values shown as text."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE_TITLE = "Planted search test record <img src=x onerror=alert(1)> v. Nobody"


def _open(page: Any, site_url: str, query: str = "") -> None:
    page.goto(site_url + "search/" + query)
    page.wait_for_selector("#pl-search-app[data-ready]")


def _search(page: Any, text: str) -> None:
    page.fill("#pl-q", text)
    page.press("#pl-q", "Enter")
    _settled(page)


def _settled(page: Any) -> None:
    """Wait until the page shows its answer: the status says "Searching…" while a query's files arrive."""
    expect(page.locator("#pl-status")).to_have_text(re.compile(r"^(?!Searching)\S"))


def _count(page: Any, box: str) -> int:
    label = page.locator(f"label[for='{box}'] .pl-count").inner_text()
    return int(re.sub(r"\D", "", label))


def _total(page: Any) -> int:
    text = page.inner_text("#pl-status")
    return 0 if text.startswith("No case") else int(text.split()[0])


def _shown_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#pl-results > li", "els => els.map(e => e.dataset.caseId)")


def test_query_filters_counts_url_and_reload(page: Any, site_url: str) -> None:
    _open(page, site_url)
    everything = _total(page)
    assert everything > 10
    _search(page, "forced labour")
    matched = _total(page)
    assert 0 < matched < everything
    assert parse_qs(urlparse(page.url).query)["q"] == ["forced labour"]
    assert "ecthr-2017-chowdury-and-others-v-greece" in _shown_ids(page)

    box = "pl-f-offence-domestic_servitude"
    shown_count = _count(page, box)
    echr_before = _count(page, "pl-f-jurisdiction-ECHR")
    page.check(f"#{box}")
    expect(page.locator("#pl-status")).to_have_text(re.compile(f"^{shown_count} "))
    assert _total(page) == shown_count < matched
    assert parse_qs(urlparse(page.url).query)["offence"] == ["domestic_servitude"]
    assert _count(page, "pl-f-jurisdiction-ECHR") <= echr_before
    assert _count(page, box) == shown_count  # disjunctive: a facet's own counts ignore its own filter
    ids = _shown_ids(page)

    page.reload()
    page.wait_for_selector("#pl-search-app[data-ready]")
    assert page.input_value("#pl-q") == "forced labour"
    assert page.is_checked(f"#{box}")
    assert _shown_ids(page) == ids

    page.go_back()
    expect(page.locator(f"#{box}")).not_to_be_checked()
    _settled(page)
    assert _total(page) == matched


def test_csv_holds_exactly_the_visible_rows(page: Any, site_url: str) -> None:
    _open(page, site_url, "?q=trafficking&jurisdiction=ECHR")
    shown = _shown_ids(page)
    assert shown
    with page.expect_download() as download_info:
        page.click("#pl-csv")
    path = download_info.value.path()
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert [r["id"] for r in rows] == shown
    assert all(r["jurisdiction"] == "ECHR" for r in rows)


def test_hostile_title_is_shown_as_text(page: Any, site_url: str) -> None:
    _open(page, site_url)
    _search(page, "zyxwvutsplanted")
    assert _shown_ids(page) == ["zzz-2019-planted-xss-title"]
    assert page.inner_text("#pl-results .pl-result__title") == HOSTILE_TITLE
    assert page.locator("#pl-results img").count() == 0
    with page.expect_download() as download_info:
        page.click("#pl-csv")
    with open(download_info.value.path(), encoding="utf-8") as handle:
        assert HOSTILE_TITLE in handle.read()


def test_year_range_and_query_syntax(page: Any, site_url: str) -> None:
    _open(page, site_url, "?q=offence:labour_trafficking+year:2017..2017")
    assert "ecthr-2017-chowdury-and-others-v-greece" in _shown_ids(page)
    years = page.eval_on_selector_all("#pl-results .pl-meta", "els => els.map(e => e.textContent)")
    assert years and all("2017" in y for y in years)
    page.fill("#pl-from", "2030")
    page.press("#pl-from", "Tab")
    expect(page.locator("#pl-status")).to_have_text(re.compile("^No case"))
    assert parse_qs(urlparse(page.url).query)["from"] == ["2030"]


def test_malformed_query_is_explained(page: Any, site_url: str) -> None:
    _open(page, site_url)
    _search(page, '"unclosed phrase')
    expect(page.locator("#pl-error")).to_contain_text("unclosed quotation mark")
    _search(page, "colour:red")
    expect(page.locator("#pl-error")).to_contain_text("unknown field")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(forced labour", "a parenthesis '(' is never closed: add ')'"),
        ("forced labour)", "a closing parenthesis ')' has no matching '('"),
        ("title:", "title: needs a value, e.g. title:something"),
        ("ilo:", "ilo: needs a value, e.g. ilo:something"),
    ],
)
def test_the_page_refuses_what_the_command_line_refuses_with_the_same_words(page: Any, site_url: str, query: str, message: str) -> None:
    """The browser and ``palermo search`` explain a malformed query in the same words, and no stale count stays."""
    from search_index.query import QueryError, rewrite

    with pytest.raises(QueryError) as cli:
        rewrite(query)
    assert str(cli.value) == message
    _open(page, site_url, "?q=trafficking")
    expect(page.locator("#pl-status")).to_contain_text("case")
    _search(page, query)
    expect(page.locator("#pl-error")).to_contain_text(message)
    expect(page.locator("#pl-status")).to_have_text("No case listed: the query was not understood.")
    assert _shown_ids(page) == []


def test_the_ilo_prefix_filters_in_the_browser(page: Any, site_url: str) -> None:
    _open(page, site_url, "?q=ilo:debt_bondage")
    expect(page.locator("#pl-error")).to_be_hidden()
    assert _shown_ids(page)


def test_keyboard_only(page: Any, site_url: str) -> None:
    _open(page, site_url)
    page.focus("#pl-q")
    page.keyboard.type("trafficking")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=trafficking"))
    page.focus("#pl-f-offence-sex_trafficking")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"[?&]offence=sex_trafficking"))
    assert page.evaluate("document.activeElement.id") == "pl-f-offence-sex_trafficking"
    labels = page.eval_on_selector_all("#pl-search-app input", "els => els.filter(e => !e.labels || !e.labels.length).map(e => e.id)")
    assert labels == []


@pytest.mark.parametrize("query", ["forced labour", "positive obligations", "passport", "traffick*", "labor -sex"])
def test_page_ranks_like_the_python_lunr_index(page: Any, site_url: str, built_site: Any, query: str) -> None:
    from lunr.query import QueryPresence

    from search_index.browser_shards import assemble
    from search_index.lunr_export import lunr_index_from_compact, lunr_terms

    folder = built_site / "search" / "data"
    whole = assemble({p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.json")})
    docs = whole["docs"]
    index = lunr_index_from_compact(whole["index"])
    q = index.create_query()
    for word in query.split():
        prohibited = word.startswith("-")
        for term in lunr_terms(word.lstrip("-")) if "*" not in word else [word]:
            q.term(term, use_pipeline=False, presence=QueryPresence.PROHIBITED if prohibited else QueryPresence.REQUIRED)
    expected = [docs["id"][int(r["ref"])] for r in index.query(q)]
    # The thesaurus widens plain questions beyond lunr's own query: compare with it turned off.
    _open(page, site_url, "?q=" + query.replace(" ", "+") + "&thesaurus=off")
    shown = _shown_ids(page)
    assert expected and len(shown) == min(len(expected), 50)
    assert set(shown) <= set(expected) and shown[0] == expected[0]


def test_plain_questions_fall_back_to_closest_matches_and_use_the_thesaurus(page: Any, site_url: str) -> None:
    _open(page, site_url)
    _search(page, "strawberry pickers shot at when they asked for their wages")
    expect(page.locator("#pl-status")).to_contain_text("No case has every word; closest matches.")
    assert "ecthr-2017-chowdury-and-others-v-greece" in _shown_ids(page)[:5]
    _search(page, "girl sold as a fifth wife under wahaya custom")
    assert "ecowas-2008-hadijatou-mani-koraou-v-niger" in _shown_ids(page)[:5]
    _search(page, "psychological coercion")
    expect(page.locator("#pl-status")).to_contain_text("Also matched: serious harm")
    _search(page, '"psychological coercion"')
    expect(page.locator("#pl-status")).not_to_contain_text("Also matched")


@pytest.mark.parametrize(
    ("query", "at_least"),
    [("passport domestic servitude", 6), ("passports confiscated domestic servitude", 1), ("abuse of a position of vulnerability", 29)],
)
def test_page_finds_what_the_records_code(page: Any, site_url: str, query: str, at_least: int) -> None:
    """Coding labels and whole summaries are indexed: the cases the issue found missing in the browser are there."""
    _open(page, site_url, "?q=" + query.replace(" ", "+"))
    assert _total(page) >= at_least
