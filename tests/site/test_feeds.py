"""Atom feeds: well-formed Atom 1.0 with the required elements, one per offence type and jurisdiction, escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from palermo.model.schema import CaseRecord
from palermo.model.vocab import OffenceType
from palermo.site.pages.feeds import FEED_LIMIT, render_feed
from tests.factories import case_record

ATOM = "{http://www.w3.org/2005/Atom}"


def check_atom(data: bytes) -> etree._Element:
    """Parse a feed and check the RFC 4287 structure: required feed and entry elements, dates, links."""
    root = etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    ids = set()
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        entry_id = entry.findtext(f"{ATOM}id")
        assert entry_id.startswith("urn:uuid:") and entry_id not in ids
        ids.add(entry_id)
        assert entry.findtext(f"{ATOM}updated").endswith("T00:00:00Z")
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entry.find(f"{ATOM}summary") is not None  # no content element, so a summary is required
    return root


def test_every_feed_is_valid_atom(built_site: Path, site_records: list[CaseRecord]) -> None:
    feeds = sorted((built_site / "feeds").rglob("*.xml"))
    jurisdictions = {r.jurisdiction.lower() for r in site_records}
    expected = {"all"} | {f"offence/{o.value}" for o in OffenceType} | {f"jurisdiction/{j}" for j in jurisdictions}
    assert {str(f.relative_to(built_site / "feeds")).removesuffix(".xml") for f in feeds} == expected
    for feed in feeds:
        check_atom(feed.read_bytes())


def test_feed_entries_link_to_case_pages_that_exist(built_site: Path) -> None:
    feed = built_site / "feeds" / "offence" / "sex_trafficking.xml"
    root = check_atom(feed.read_bytes())
    for link in root.iterfind(f"{ATOM}entry/{ATOM}link"):
        assert (feed.parent / link.get("href") / "index.html").resolve().is_file()


def test_hostile_values_are_escaped_text_in_feeds(built_site: Path) -> None:
    data = (built_site / "feeds" / "jurisdiction" / "gbr.xml").read_bytes()
    root = check_atom(data)
    titles = [e.findtext(f"{ATOM}title") for e in root.iterfind(f"{ATOM}entry")]
    assert any("<script>window.__pwned=1</script>" in t for t in titles)  # kept as text…
    assert b"<script>" not in data and b"]]></content><script>" not in data  # …never as markup


@pytest.mark.parametrize("count", [0, 1, FEED_LIMIT + 5])
def test_feed_holds_the_newest_cases_up_to_the_limit(count: int) -> None:
    records = [case_record(id=f"tst-{2000 + i}-case-{i}", decision_date=f"{2000 + i % 20}-01-01", updated_at=None) for i in range(count)]
    root = check_atom(render_feed("feeds/all", "t", records, 1, ""))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(count, FEED_LIMIT)
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_control_characters_are_dropped() -> None:
    record = case_record(title="Bell\x07 v. State\x0b")
    root = check_atom(render_feed("feeds/all", "t", [record], 1, ""))
    assert root.findtext(f"{ATOM}entry/{ATOM}title") == "Bell v. State"
