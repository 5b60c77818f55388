"""Atom feeds: valid Atom 1.0 (feedparser and RFC 4287 checks), absolute links under the public base URL,
one per offence type and jurisdiction that has cases, escaped; discovery links Material leaves alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from palermo.model.schema import CaseRecord
from palermo.model.vocab import OffenceType
from palermo.site.pages.feeds import FEED_LIMIT, render_feed
from tests.conftest import PUBLIC_BASE_URL
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
    offences = {o.value for r in site_records for o in r.offence_types}
    expected = {"all"} | {f"offence/{o}" for o in offences} | {f"jurisdiction/{j}" for j in jurisdictions}
    assert {str(f.relative_to(built_site / "feeds")).removesuffix(".xml") for f in feeds} == expected
    assert offences <= {o.value for o in OffenceType}  # an offence type with no case yet has no feed
    for feed in feeds:
        check_atom(feed.read_bytes())


def _site_path(built_site: Path, url: str) -> Path:
    assert url.startswith(PUBLIC_BASE_URL), url
    path = built_site / url.removeprefix(PUBLIC_BASE_URL)
    return path / "index.html" if url.endswith("/") else path


def test_feeds_validate_with_feedparser_and_link_absolutely(built_site: Path) -> None:
    """Every feed parses without feedparser's bozo flag; ids are unique, dates parse, every link is absolute and exists."""
    for feed_file in sorted((built_site / "feeds").rglob("*.xml")):
        parsed = feedparser.parse(feed_file.read_bytes())
        name = feed_file.relative_to(built_site)
        assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", name
        assert parsed.feed.id.startswith("urn:uuid:") and parsed.feed.updated_parsed, name
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == PUBLIC_BASE_URL + str(name), name
        assert _site_path(built_site, links["alternate"]).is_file(), name
        assert parsed.entries, f"{name} is empty: no empty feed is offered"
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), name
        newest = dt.datetime(*parsed.feed.updated_parsed[:6])
        for entry in parsed.entries:
            assert entry.updated_parsed and dt.datetime(*entry.updated_parsed[:6]) <= newest, (name, entry.id)
            assert _site_path(built_site, entry.link).is_file(), (name, entry.link)


def test_feed_entries_link_to_case_pages_that_exist(built_site: Path) -> None:
    feed = built_site / "feeds" / "offence" / "sex_trafficking.xml"
    root = check_atom(feed.read_bytes())
    for link in root.iterfind(f"{ATOM}entry/{ATOM}link"):
        assert _site_path(built_site, link.get("href")).is_file()


def test_without_a_base_url_feed_links_are_relative() -> None:
    root = check_atom(render_feed("feeds/offence/x", "t", [case_record(id="tst-2020-a")], "browse/offence/x/"))
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "x.xml"
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href") == "../../cases/tst-2020-a/"


def test_an_empty_feed_says_so() -> None:
    root = check_atom(render_feed("feeds/all", "t", [], ""))
    assert "no entries" in root.findtext(f"{ATOM}subtitle")


def test_browse_pages_offer_only_feeds_that_exist(built_site: Path) -> None:
    for page in (built_site / "browse" / "offence").glob("*/index.html"):
        doc = lxml.html.fromstring(page.read_bytes())
        for href in doc.xpath("//link[@type='application/atom+xml']/@href") + doc.xpath("//a[@type='application/atom+xml']/@href"):
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_feed_discovery_links_are_not_taken_for_language_versions(built_site: Path) -> None:
    """Material fetches sitemap.xml beside every rel="alternate" link; feeds use rel="alternate feed" so it never asks for feeds/sitemap.xml."""
    doc = lxml.html.fromstring((built_site / "browse" / "offence" / "sex_trafficking" / "index.html").read_bytes())
    feeds = doc.xpath("//link[@type='application/atom+xml']")
    assert len(feeds) == 2 and all(link.get("rel").split() == ["alternate", "feed"] for link in feeds)
    assert not doc.xpath("//link[@rel='alternate']")


def test_hostile_values_are_escaped_text_in_feeds(built_site: Path) -> None:
    data = (built_site / "feeds" / "jurisdiction" / "gbr.xml").read_bytes()
    root = check_atom(data)
    titles = [e.findtext(f"{ATOM}title") for e in root.iterfind(f"{ATOM}entry")]
    assert any("<script>window.__pwned=1</script>" in t for t in titles)  # kept as text…
    assert b"<script>" not in data and b"]]></content><script>" not in data  # …never as markup


@pytest.mark.parametrize("count", [0, 1, FEED_LIMIT + 5])
def test_feed_holds_the_newest_cases_up_to_the_limit(count: int) -> None:
    records = [case_record(id=f"tst-{2000 + i}-case-{i}", decision_date=f"{2000 + i % 20}-01-01", updated_at=None) for i in range(count)]
    root = check_atom(render_feed("feeds/all", "t", records, ""))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(count, FEED_LIMIT)
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_control_characters_are_dropped() -> None:
    record = case_record(title="Bell\x07 v. State\x0b")
    root = check_atom(render_feed("feeds/all", "t", [record], ""))
    assert root.findtext(f"{ATOM}entry/{ATOM}title") == "Bell v. State"


def test_sitemap_lists_every_page_under_the_base_url(built_site: Path) -> None:
    """With a base URL set, sitemap.xml lists every page of the site (the pages left at merged-away ids excepted)."""
    root = etree.fromstring((built_site / "sitemap.xml").read_bytes())
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs))
    listed = {_site_path(built_site, loc).relative_to(built_site) for loc in locs}
    pages = set()
    for page in built_site.rglob("*.html"):
        rel_path = page.relative_to(built_site)
        if rel_path.name == "404.html" or b'http-equiv="refresh"' in page.read_bytes()[:2000]:
            continue
        pages.add(rel_path)
    assert listed == pages
    assert any(str(p).startswith("cases/") for p in listed)
