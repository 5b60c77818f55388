"""Atom 1.0 feeds of new cases: all cases, one per offence type and one per jurisdiction.

Feeds are built with :mod:`xml.etree.ElementTree`, which escapes every text
and attribute value; characters XML cannot carry are dropped first. Entry ids
are ``urn:uuid`` names derived from the case id, so they never change. With a public
base URL (``site_url`` in mkdocs.yml, ``palermo build --site-url`` or ``$PALERMO_SITE_URL``)
every link is absolute, so a reader that fetched the feed file alone can open each entry;
without one, links are relative to the feed's own address. A facet value with no case gets
no feed (and its browse page offers none).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence

from palermo.corpus.public import case_url
from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.pages.browse import FACETS, describe, feed_path, group
from palermo.site.render import date_text, rel

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50
"""Entries per feed: the newest cases only, as feed readers expect."""
SUMMARY_CHARS = 600

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", ATOM_NS)


def _q(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def clean(text: str) -> str:
    """Text safe for XML 1.0: control characters other than tab and newline removed."""
    return _NOT_XML.sub("", text)


def stable_id(name: str) -> str:
    """A permanent Atom id for a feed or case name."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'https://palermo.example.org/' + name)}"


def entry_date(record: CaseRecord) -> dt.date:
    """When a case was last new: its record update, else its decision date, else the end of its year."""
    return record.updated_at or record.decision_date or (dt.date(record.year, 12, 31) if record.year else dt.date(1970, 1, 1))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def newest(records: Sequence[CaseRecord], limit: int = FEED_LIMIT) -> list[CaseRecord]:
    """The records a feed carries: newest entry date first, then newest decision."""
    return sorted(records, key=lambda r: (entry_date(r), r.decision_date or dt.date.min, r.id), reverse=True)[:limit]


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrs)
    element.text = clean(text)
    return element


def _summary(record: CaseRecord) -> str:
    court = record.court.name if record.court else jurisdiction_label(record.jurisdiction)
    head = f"{court}, {date_text(record)}."
    if record.offence_types:
        head += " " + ", ".join(o.label for o in record.offence_types) + "."
    if record.outcome:
        head += f" Outcome: {record.outcome.label}."
    head += f" Editorial status: {record.editorial_status.label}."
    if record.summary:
        body = " ".join(record.summary.split())
        head += " " + (body if len(body) <= SUMMARY_CHARS else body[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…")
    return head


def render_feed(name: str, title: str, records: Sequence[CaseRecord], html_path: str, base_url: str = "") -> bytes:
    """One Atom feed document.

    Args:
        name: the feed's path without ``.xml`` (``feeds/offence/sex_trafficking``), used for its id and self link.
        title: the feed title (plain text).
        records: the candidate records; the newest :data:`FEED_LIMIT` are included.
        html_path: root-relative address of the page the feed belongs to.
        base_url: the site's public base URL ending in ``/``; links are relative when it is empty.
    """

    def link(target: str) -> str:
        return f"{base_url}{target}" if base_url else rel(f"{name}.xml", target)

    self_href = f"{base_url}{name}.xml" if base_url else name.rsplit("/", 1)[-1] + ".xml"
    entries = newest(records)
    feed = ET.Element(_q("feed"))
    _text(feed, "title", title)
    subtitle = "New and updated case records in Palermo, the open knowledge base of human-trafficking case law."
    _text(feed, "subtitle", subtitle if entries else subtitle + " This feed has no entries yet.")
    _text(feed, "id", stable_id(name))
    updated = max((entry_date(r) for r in entries), default=dt.date(1970, 1, 1))
    _text(feed, "updated", _stamp(updated))
    ET.SubElement(feed, _q("link"), {"rel": "self", "type": "application/atom+xml", "href": self_href})
    ET.SubElement(feed, _q("link"), {"rel": "alternate", "type": "text/html", "href": link(html_path)})
    author = ET.SubElement(feed, _q("author"))
    _text(author, "name", "Palermo editors")
    _text(feed, "generator", "Palermo")
    for record in entries:
        entry = ET.SubElement(feed, _q("entry"))
        _text(entry, "title", record.title, type="text")
        _text(entry, "id", stable_id(f"cases/{record.id}"))
        _text(entry, "updated", _stamp(entry_date(record)))
        ET.SubElement(entry, _q("link"), {"rel": "alternate", "type": "text/html", "href": link(case_url(record.id))})
        for offence in record.offence_types:
            ET.SubElement(entry, _q("category"), {"term": offence.value, "label": offence.label})
        _text(entry, "summary", _summary(record), type="text")
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield ``feeds/all.xml`` and a feed per offence type and per jurisdiction that has cases."""
    yield GeneratedPage("feeds/all.xml", render_feed("feeds/all", "Palermo: new cases", ctx.records, "", ctx.site_url))
    for facet in FACETS:
        if not facet.has_feed:
            continue
        for value, records in group(ctx, facet).items():
            if not records:
                continue
            label, _ = describe(facet, value)
            path = feed_path(facet.slug, value)
            yield GeneratedPage(
                path,
                render_feed(
                    path.removesuffix(".xml"), f"Palermo: new cases, {label}", records, f"browse/{facet.slug}/{value}/", ctx.site_url
                ),
            )
