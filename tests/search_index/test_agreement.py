"""The command line and the search page give the same answers: one set of queries through ``palermo search --json``
and through the built page in Chromium, the same result sets required (order may differ where scores tie).

Plain questions that fall back to the closest matches are compared at the same cut: every case that matches
at least the required share of the question's words, on both sides. The test prints the table of queries with
the number of cases each side found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from palermo.cli import main

pytestmark = pytest.mark.browser

QUERIES: list[str] = [
    # single words
    "trafficking",
    "passport",
    "wahaya",
    "peonage",
    "brothel",
    # several words
    "forced labour",
    "strawberry wages",
    "debt bondage",
    "domestic servitude passport",
    # questions in a lawyer's words that fall back to the closest matches
    "strawberry pickers shot at when they asked for their wages",
    "girl sold as a fifth wife under wahaya custom",
    "minor made to do housework without pay, passport kept, domestic servitude",
    "psychological coercion labour trafficking conviction",
    # phrases
    '"positive obligations"',
    '"serious harm"',
    '"abuse of a position of vulnerability"',
    # operators
    "labour AND passport",
    "cannabis OR brothel",
    "trafficking NOT sex",
    "labor -sex",
    "(passport OR visa) AND wages",
    "domestic OR sexual servitude",
    # fields
    "title:rantsev",
    'holdings:"positive obligations"',
    "provisions:1589",
    # facet filters
    "offence:labour_trafficking",
    "ilo:debt_bondage",
    "jurisdiction:GBR forced labour",
    "outcome:conviction year:2010..2015",
    # wildcards
    "traffick*",
]

Y_WORDS = ["pay", "money", "boys", "attorney"]
"""Words whose stems end in "y" after a vowel, where lunr.js and the lunr.py that built the index stem differently."""

KNOWN_INDEX_GAPS: dict[str, set[str]] = {}
"""Cases the command line finds and the page cannot, for a cause in how the browser index is built (not in the
query code both share); the test requires exactly these to be missing, so a fix there shows up here."""


@pytest.fixture(scope="module")
def cli_results(test_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, set[str]]]:
    """``{query: (match, case ids)}`` from ``palermo search --json``, every match listed."""
    import contextlib
    import io

    index_dir = tmp_path_factory.mktemp("agreement") / "index"
    out: dict[str, tuple[str, set[str]]] = {}
    for query in [*QUERIES, *Y_WORDS]:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
            code = main(["search", query, "--json", "--limit", "100000", "--cases", str(test_corpus), "--index", str(index_dir)])
        assert code == 0, query
        data = json.loads(buffer.getvalue())
        ids = {r["id"] for r in data["results"]}
        assert len(ids) == data["total"], query
        out[query] = (data["match"], ids)
    return out


def browser_results(page: Any, site_url: str, query: str) -> tuple[str, set[str]]:
    """The page's status line and every case it lists for a query (following "Show more results" to the end)."""
    page.goto(site_url + "search/?" + urlencode({"q": query}))
    page.wait_for_selector("#pl-search-app[data-ready]")
    ids = page.evaluate(
        """async () => {
          const more = document.getElementById("pl-more");
          const shown = () => document.querySelectorAll("#pl-results > li").length;
          while (!more.hidden) {
            // each page of results arrives once its row files are fetched
            const before = shown();
            more.click();
            while (!more.hidden && shown() <= before) { await new Promise(r => setTimeout(r, 10)); }
          }
          return Array.from(document.querySelectorAll("#pl-results > li")).map(li => li.dataset.caseId);
        }"""
    )
    return page.inner_text("#pl-status"), set(ids)


def test_the_page_and_the_command_line_find_the_same_cases(
    page: Any, site_url: str, cli_results: dict[str, tuple[str, set[str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(QUERIES) == 30
    rows = [f"{'query':<62} {'CLI':>5} {'page':>5}  same"]
    disagree = []
    for query in QUERIES:
        match, cli_ids = cli_results[query]
        status, page_ids = browser_results(page, site_url, query)
        closest_cli = match == "closest"
        closest_page = "closest matches" in status
        same = cli_ids - KNOWN_INDEX_GAPS.get(query, set()) == page_ids and closest_cli == closest_page
        rows.append(
            f"{query[:62]:<62} {len(cli_ids):>5} {len(page_ids):>5}  "
            + ("NO" if not same else "known index gap (KNOWN_INDEX_GAPS)" if query in KNOWN_INDEX_GAPS else "yes")
            + (" (closest)" if closest_cli else "")
        )
        if not same:
            disagree.append((query, sorted(cli_ids - page_ids)[:5], sorted(page_ids - cli_ids)[:5], closest_cli, closest_page))
    with capsys.disabled():
        print("\n" + "\n".join(rows))
    assert not disagree, "\n".join(map(str, disagree))


@pytest.mark.parametrize("word", Y_WORDS)
def test_words_ending_in_a_vowel_and_y_are_found(page: Any, site_url: str, cli_results: dict[str, tuple[str, set[str]]], word: str) -> None:
    """The page stems a query word as the index was stemmed ("pay" → "pai"), not as lunr.js would ("pay")."""
    _match, cli_ids = cli_results[word]
    assert cli_ids
    assert browser_results(page, site_url, word)[1] == cli_ids


def test_the_page_skips_the_command_lines_stop_words(repo_root: Path) -> None:
    """search.js's copy of the command line's stop words is the command line's list."""
    import re

    from search_index.analysis import STOP_WORDS

    script = (repo_root / "docs" / "assets" / "search" / "search.js").read_text(encoding="utf-8")
    block = re.search(r"COMMAND_LINE_STOP_WORDS = \[([^\]]*)\]", script)
    assert block is not None
    assert set(re.findall(r'"([^"]+)"', block.group(1))) == set(STOP_WORDS)
