"""One parser behaviour: malformed and edge-case queries are accepted or refused alike by ``palermo search`` and the
search page, with the same message, and a refused query leaves no count or result of the query before on screen."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from palermo.cli import main

pytestmark = pytest.mark.browser

EDGE_QUERIES: list[str] = [
    "(forced labour",
    "forced labour)",
    "labour ()",
    "(labour NOT)",
    "title:",
    'title:""',
    "ilo:",
    "colour:red",
    "offence:piracy",
    "jurisdiction:XYZ",
    "ilo:debt_bondage",
    'ilo:"debt bondage"',
    "issue:non_punishment",
    "labour AND",
    "AND labour",
    "labour NOT",
    "labour OR OR passport",
    '"unclosed phrase',
    'passport "kept',
    "year:2020..2010",
    "year:20x",
    "year:2015",
    "the of and",
    "NOT the",
    "traffick*",
    "ECLI:CE:ECHR:2010:0107JUD002596504",
    "(passport OR visa) AND NOT wages",
    "-sex labour",
    # words in lunr's stop list, which the browser index leaves out: read as stop words by both
    "her AND passport",
    "NOT her passport",
    "title:her",
    '"her"',
    "must",
    '"passport of her employer"',
]


@pytest.fixture(scope="module")
def cli_answers(test_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """``{query: (total, "")}`` for an accepted query, ``{query: (-1, message)}`` for a refused one."""
    index_dir = tmp_path_factory.mktemp("parser") / "index"
    out: dict[str, tuple[int, str]] = {}
    for query in EDGE_QUERIES:
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["search", query, "--json", "--limit", "0", "--cases", str(test_corpus), "--index", str(index_dir)])
        if code == 0:
            out[query] = (json.loads(stdout.getvalue())["total"], "")
        else:
            assert code == 2, query
            lines = [line for line in stderr.getvalue().splitlines() if line.startswith("palermo search: ")]
            assert len(lines) == 1, stderr.getvalue()
            out[query] = (-1, lines[0].removeprefix("palermo search: "))
    return out


def _total(page: Any) -> int:
    text = page.inner_text("#pl-status")
    return 0 if text.startswith("No case") else int(text.split()[0])


def test_the_page_accepts_and_refuses_what_the_command_line_does_in_the_same_words(
    page: Any, site_url: str, cli_answers: dict[str, tuple[int, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    page.goto(site_url + "search/?q=trafficking")
    page.wait_for_selector("#pl-search-app[data-ready]")
    expect(page.locator("#pl-status")).to_have_text(re.compile(r"^\d+ cases match"))
    rows = []
    for query in EDGE_QUERIES:
        total, message = cli_answers[query]
        page.fill("#pl-q", query)
        page.press("#pl-q", "Enter")
        if message:
            expect(page.locator("#pl-error")).to_have_text(f"Query not understood: {message}.")
            expect(page.locator("#pl-status")).to_have_text("No case listed: the query was not understood.")
            assert page.locator("#pl-results > li").count() == 0
            assert page.locator("#pl-facets .pl-count").evaluate_all("els => els.filter(e => e.textContent).length") == 0
            rows.append(f"{query:<40} refused: {message}")
        else:
            expect(page.locator("#pl-error")).to_be_hidden()
            expect(page.locator("#pl-status")).not_to_have_text(re.compile("Searching"))
            assert _total(page) == total, query
            rows.append(f"{query:<40} accepted: {total} cases")
        # the next query starts from a page showing results, so a stale count would show
        page.fill("#pl-q", "trafficking")
        page.press("#pl-q", "Enter")
        expect(page.locator("#pl-error")).to_be_hidden()
    with capsys.disabled():
        print("\n" + "\n".join(rows))
