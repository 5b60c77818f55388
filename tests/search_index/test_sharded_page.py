"""The search page on the sharded index answers exactly as on the whole index, and fetches only what a query needs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from search_index.browser_shards import assemble, shard_files

pytestmark = pytest.mark.browser

QUERIES = [
    "",
    "forced labour",
    "passport",
    "psychological coercion",
    "strawberry pickers shot at when they asked for their wages",
    "girl sold as a fifth wife under wahaya custom",
    "traffick*",
    "exploit* OR servitude",
    "labor -sex",
    '"debt bondage"',
    "title:greece",
    "holdings:consent",
    "trafficking&offence=labour_trafficking",
    "passport&offence=domestic_servitude",
    "victim&jurisdiction=ECHR",
    "forced labour&thesaurus=off",
    "offence:labour_trafficking year:2010..2020",
    "&offence=sex_trafficking&from=2015",
]


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.json")}


@pytest.fixture(scope="module")
def whole_layout(built_site: Path) -> dict[str, str]:
    """The site's index put back together and written as one term file and one row file."""
    whole = assemble(_files(built_site / "search" / "data"))
    return shard_files(whole["meta"], whole["index"], whole["docs"], shard_bytes=None, rows_per_file=len(whole["docs"]["id"]))


def _answer(page: Any, site_url: str, query: str) -> dict[str, Any]:
    text, _, rest = query.partition("&")
    url = site_url + "search/?q=" + text.replace(" ", "+").replace('"', "%22") + ("&" + rest if rest else "")
    page.goto(url)
    page.wait_for_selector("#pl-search-app[data-ready]")
    return {
        "status": page.inner_text("#pl-status"),
        "error": page.inner_text("#pl-error"),
        "ids": page.eval_on_selector_all("#pl-results > li", "els => els.map(e => e.dataset.caseId)"),
        "snippets": page.eval_on_selector_all("#pl-results .pl-result__snippet", "els => els.map(e => e.innerHTML)"),
        "counts": page.eval_on_selector_all(
            "#pl-facets li",
            "els => els.map(e => e.querySelector('input').id + ' ' + e.querySelector('.pl-count').textContent + ' ' + e.hidden)",
        ),
    }


def test_sharded_and_whole_index_give_the_same_answers(page: Any, site_url: str, whole_layout: dict[str, str]) -> None:
    sharded = {q: _answer(page, site_url, q) for q in QUERIES}

    def serve_whole(route: Any) -> None:
        name = route.request.url.split("/search/data/", 1)[1]
        route.fulfill(status=200, content_type="application/json", body=whole_layout[name])

    # the index files come whole; the word-pair files of phrases (not part of the index's layout) as built
    page.route(re.compile(r"/search/data/(meta|facets|terms/|rows/)"), serve_whole)
    for query in QUERIES:
        assert _answer(page, site_url, query) == sharded[query], query
    assert all(sharded[q]["ids"] for q in QUERIES if q), [q for q in QUERIES if not sharded[q]["ids"]]
    assert "closest matches" in sharded["strawberry pickers shot at when they asked for their wages"]["status"]


def test_a_query_fetches_only_its_shards_and_rows(page: Any, site_url: str, built_site: Path) -> None:
    folder = built_site / "search" / "data"
    manifest = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.split("/search/data/", 1)[1]) if "/search/data/" in request.url else None)
    page.goto(site_url + "search/?q=passport&offence=domestic_servitude")
    page.wait_for_selector("#pl-search-app[data-ready]")
    shown = page.eval_on_selector_all("#pl-results > li", "els => els.length")
    terms = [n for n in fetched if n.startswith("terms/")]
    rows = [n for n in fetched if n.startswith("rows/")]
    assert shown and len(terms) <= 3 < len(manifest["shards"])
    assert len(rows) <= shown < manifest["count"] // manifest["rows"]
    assert len(fetched) == len(set(fetched))  # each file once
    fetched.clear()
    page.fill("#pl-q", "passports")
    page.press("#pl-q", "Enter")
    expect(page).to_have_url(re.compile(r"q=passports"))
    page.wait_for_load_state("networkidle")
    assert not [n for n in fetched if n.startswith("terms/")]  # the shard is already in the page


def test_a_shard_that_fails_to_load_is_reported_and_fetched_again(page: Any, site_url: str) -> None:
    page.route(re.compile(r"/search/data/terms/"), lambda route: route.fulfill(status=503, body=""))
    page.goto(site_url + "search/?q=passport")
    expect(page.locator("#pl-error")).to_contain_text("The search index could not be loaded")
    page.unroute(re.compile(r"/search/data/terms/"))
    page.fill("#pl-q", "passport")
    page.press("#pl-q", "Enter")
    expect(page.locator("#pl-status")).to_contain_text("cases match")
    expect(page.locator("#pl-error")).to_be_hidden()
