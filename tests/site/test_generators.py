"""Page generators on small hand-made corpora: editorial notices, reverse links, paging, the HTML skeleton."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import lxml.html

from palermo.corpus.ordering import newest_first_key
from palermo.corpus.relations import RelatedLinks
from palermo.model.vocab import Relation
from palermo.site.context import SiteContext
from palermo.site.pages import browse, case
from palermo.site.plugin import PalermoPlugin
from palermo.site.render import HTML_MARK, html_page
from tests.factories import case_record

SITE = "https://palermo.example.org/"


def _ctx(*records: object) -> SiteContext:
    return SiteContext(cases_dir=Path("."), records=sorted(records, key=newest_first_key))  # type: ignore[arg-type]


def _body(markdown: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(markdown.partition(HTML_MARK)[2])


def test_index_only_record_says_what_is_missing_and_links_the_source() -> None:
    record = case_record(editorial_status="index_only", decision_date=None, year=2015)
    page = _body(case.render(record, _ctx(record)))
    notice = page.cssselect(".pl-status")[0].text_content()
    assert "Index only" in notice
    assert "a summary, holdings, offence types, Palermo elements, the outcome, the court, the decision date" in notice
    assert page.cssselect('.pl-status a[href="https://example.org/judgment"]')


def test_reviewed_record_has_no_notice() -> None:
    record = case_record(editorial_status="reviewed", summary="A summary.")
    assert not _body(case.render(record, _ctx(record))).cssselect(".pl-status")


def test_reverse_links_are_computed_both_ways() -> None:
    old = case_record(id="aaa-2001-old")
    new = case_record(id="aaa-2010-new", related=[{"case_id": "aaa-2001-old", "relation": "cites"}])
    appeal = case_record(id="aaa-2011-appeal", related=[{"case_id": "aaa-2010-new", "relation": "appeal_of"}])
    links = RelatedLinks.build([old, new, appeal])
    assert links.of("aaa-2001-old") == {Relation.CITED_BY: ["aaa-2010-new"]}
    assert links.of("aaa-2010-new") == {Relation.CITES: ["aaa-2001-old"], Relation.APPEALED_IN: ["aaa-2011-appeal"]}
    page = _body(case.render(old, _ctx(old, new, appeal), links))
    [link] = page.cssselect("#cited-by + ul a")
    assert urljoin(SITE + "cases/aaa-2001-old/", link.get("href")) == SITE + "cases/aaa-2010-new/"


def test_long_browse_lists_are_paged_and_grouped_by_year() -> None:
    records = [case_record(id=f"aaa-{2000 + i % 25}-case-{i}", decision_date=f"{2000 + i % 25}-06-01") for i in range(250)]
    records.sort(key=newest_first_key)
    facet = next(f for f in browse.FACETS if f.slug == "jurisdiction")
    pages = list(browse._pages(facet, "gbr", records))
    assert [p.src_uri for p in pages] == [
        "browse/jurisdiction/gbr.md",
        "browse/jurisdiction/gbr/page/2.md",
        "browse/jurisdiction/gbr/page/3.md",
    ]
    first, second = _body(str(pages[0].content)), _body(str(pages[1].content))
    assert len(first.cssselect(".pl-case-list li")) == browse.PAGE_SIZE
    assert [h.get("id") for h in first.cssselect("h2")][:2] == ["y2024", "y2023"]
    pager = {urljoin(SITE + "browse/jurisdiction/gbr/", a.get("href")) for a in first.cssselect("nav.pl-pager a")}
    assert SITE + "browse/jurisdiction/gbr/page/2/" in pager
    jump = {a.text_content(): a.get("href") for a in second.cssselect(".pl-year-jump a")}
    assert urljoin(SITE + "browse/jurisdiction/gbr/page/2/", jump["2024"]) == SITE + "browse/jurisdiction/gbr/#y2024"
    assert second.cssselect('[aria-current="page"]')[0].text_content() == "Page 2"


def test_html_page_skeleton_matches_the_html_headings_and_skips_markdown() -> None:
    body = '<h1>T</h1>\n<h2 id="summary">Summary</h2>\n<p>x</p>\n<h3 id="cited-by">Cited &amp; by</h3>'
    source = html_page("---\ntitle: T\n---\n", body)
    skeleton = source.partition(HTML_MARK)[0]
    assert "## Summary {#summary}" in skeleton and "### Cited &amp; by {#cited-by}" in skeleton

    class _File:
        src_uri = "x.md"

    class _Page:
        file = _File()

    plugin = PalermoPlugin()
    assert plugin.on_page_markdown(source, _Page()) == skeleton
    assert plugin.on_page_content("<p>markdown output</p>", _Page()).strip() == body
    assert plugin.on_page_content("<p>other</p>", _Page()) == "<p>other</p>"
