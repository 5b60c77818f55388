"""Case pages describe themselves: meta description, Open Graph, schema.org JSON-LD and Google Scholar's citation_* tags.

Zotero cannot run here, so the test reads what its Connector's Embedded Metadata translator reads:
the ``citation_*`` meta tags of each built case page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from palermo.corpus.citation import case_name
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from palermo.site.page_meta import DESCRIPTION_CHARS, description
from tests.conftest import PUBLIC_BASE_URL
from tests.factories import case_record

Pages = dict[Path, lxml.html.HtmlElement]


def _meta(page: lxml.html.HtmlElement, attribute: str, key: str) -> list[str]:
    return [m.get("content") for m in page.xpath(f"//head/meta[@{attribute}=$key]", key=key)]


def _case_pages(parsed_pages: Pages, site_records: list[CaseRecord]) -> list[tuple[CaseRecord, lxml.html.HtmlElement]]:
    return [(r, parsed_pages[Path("cases") / r.id / "index.html"]) for r in site_records]


def test_every_case_page_has_a_description_and_open_graph_tags(parsed_pages: Pages, site_records: list[CaseRecord]) -> None:
    for record, page in _case_pages(parsed_pages, site_records):
        url = f"{PUBLIC_BASE_URL}cases/{record.id}/"
        [text] = _meta(page, "name", "description")
        assert text == description(record) and text, record.id
        assert _meta(page, "property", "og:description") == [text], record.id
        assert _meta(page, "property", "og:title") == [record.display_title], record.id
        assert _meta(page, "property", "og:url") == [url], record.id
        assert _meta(page, "property", "og:type") == ["article"], record.id
        assert page.xpath("//link[@rel='canonical']/@href") == [url], record.id


def test_an_edited_summary_is_the_description(parsed_pages: Pages, site_records: list[CaseRecord]) -> None:
    curated = [r for r in site_records if r.summary and r.editorial_status is EditorialStatus.CURATED]
    assert len(curated) >= 40
    for record, page in _case_pages(parsed_pages, curated):
        [text] = _meta(page, "name", "description")
        summary = " ".join(record.summary.split())  # type: ignore[union-attr]
        assert len(text) <= DESCRIPTION_CHARS + 1 and summary.startswith(text.removesuffix("…")), record.id


def test_machine_records_are_described_by_their_facts_not_their_text() -> None:
    record = case_record(summary="Text a machine took from a judgment.", editorial_status="extracted")
    assert "machine" not in description(record) and description(record).startswith(record.display_title)


def test_long_summaries_are_cut_at_a_sentence_or_a_word() -> None:
    record = case_record(summary="First sentence here. " * 5 + "A much longer second part " * 10, editorial_status="curated")
    assert description(record).endswith(".") and len(description(record)) <= DESCRIPTION_CHARS
    record = case_record(summary="word " * 100, editorial_status="curated")
    assert description(record).endswith("word…")


def test_case_pages_carry_the_citation_tags_zotero_reads(parsed_pages: Pages, site_records: list[CaseRecord]) -> None:
    for record, page in _case_pages(parsed_pages, site_records):
        assert _meta(page, "name", "citation_title") == [case_name(record)], record.id
        dates = _meta(page, "name", "citation_date")
        if record.decision_date:
            assert dates == [record.decision_date.strftime("%Y/%m/%d")], record.id
        elif record.year:
            assert dates == [str(record.year)], record.id
        [publisher] = _meta(page, "name", "citation_publisher")
        assert publisher == (record.court.name if record.court else publisher) and publisher, record.id
        assert _meta(page, "name", "citation_public_url") == [f"{PUBLIC_BASE_URL}cases/{record.id}/"], record.id
        assert _meta(page, "name", "citation_language") == [record.language], record.id
    tang = parsed_pages[Path("cases/aus-2008-r-v-tang/index.html")]
    assert _meta(tang, "name", "citation_title") == ["R v Tang"]
    assert _meta(tang, "name", "citation_date") == ["2008/08/28"]
    assert _meta(tang, "name", "citation_publisher") == ["High Court of Australia"]


def test_structured_data_describes_the_decision(parsed_pages: Pages, site_records: list[CaseRecord]) -> None:
    for record, page in _case_pages(parsed_pages, site_records):
        [block] = page.xpath("//head/script[@type='application/ld+json']")
        data = json.loads(block.text)
        assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork", record.id
        assert data["name"] == record.display_title and data["url"] == f"{PUBLIC_BASE_URL}cases/{record.id}/", record.id
        assert data["sameAs"] == [s.url for s in record.sources], record.id
        if record.court:
            assert data["author"] == {"@type": "GovernmentOrganization", "name": record.court.name}, record.id
        if record.decision_date:
            assert data["dateCreated"] == record.decision_date.isoformat(), record.id


@pytest.mark.parametrize("case_id", ["zzz-2018-planted-script-payloads", "zzz-2019-planted-xss-title"])
def test_hostile_titles_stay_data_in_the_head(built_site: Path, case_id: str) -> None:
    html = (built_site / "cases" / case_id / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert "<" not in block and json.loads(block)["name"]
    assert "<script>window" not in head and "<img" not in head
