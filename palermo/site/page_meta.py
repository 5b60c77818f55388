"""What a case page tells link previews, search engines and reference managers about itself.

- ``<meta name="description">`` and Open Graph tags: the case's own summary when an editor wrote it
  (curated or reviewed records, whose summaries are in our words and checked against the sources),
  else a line of facts (court, date, offence types); never text taken from a judgment.
- The ``citation_*`` tags Google Scholar defines, which Zotero's Connector reads from a page.
- Structured data as schema.org JSON-LD: schema.org has no type for a judgment (``Legislation`` is
  for laws), so the decision is a ``CreativeWork`` with the court as its ``author``
  (a ``GovernmentOrganization``), its identifiers as ``PropertyValue`` items, its jurisdiction as
  ``spatialCoverage`` and its sources as ``sameAs``. The JSON-LD is a data block
  (``<script type="application/ld+json">``): the Content-Security-Policy does not apply to it,
  and the theme writes it with Jinja's ``tojson``, which escapes ``<``, ``>`` and ``&``.

The theme override (``overrides/main.html``) writes these from the page's front matter: ``head_meta``
(a list of ``[attribute, key, value]``) and ``jsonld`` (a mapping).
"""

from __future__ import annotations

from typing import Any

from palermo.corpus.citation import citation_parts
from palermo.corpus.public import case_url
from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from palermo.site.citations import citations
from palermo.site.render import date_text

DESCRIPTION_CHARS = 200
"""Longest meta description: search engines show about this much."""

SITE_NAME = "Palermo"


def description(record: CaseRecord) -> str:
    """The page's description: the editor's summary, shortened at a sentence or word, or a line of facts."""
    if record.summary and record.editorial_status in (EditorialStatus.CURATED, EditorialStatus.REVIEWED):
        return _shorten(" ".join(record.summary.split()))
    bits = [record.court.name if record.court else jurisdiction_label(record.jurisdiction), date_text(record)]
    if record.offence_types:
        bits.append(", ".join(o.label for o in record.offence_types))
    return f"{record.display_title}: " + "; ".join(b for b in bits if b)


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_CHARS:
        return text
    cut = text[:DESCRIPTION_CHARS]
    sentence = cut.rfind(". ")
    if sentence >= DESCRIPTION_CHARS // 2:
        return cut[: sentence + 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def head_meta(record: CaseRecord, site_url: str = "") -> list[list[str]]:
    """The ``<meta>`` tags of a case page as ``[attribute, key, value]``: Open Graph and Google Scholar's ``citation_*``."""
    parts = citation_parts(record)
    url = site_url + case_url(record.id) if site_url else ""
    text = description(record)
    tags: list[list[str]] = [
        ["property", "og:type", "article"],
        ["property", "og:site_name", SITE_NAME],
        ["property", "og:title", record.display_title],
        ["property", "og:description", text],
    ]
    if url:
        tags.append(["property", "og:url", url])
    tags.append(["name", "twitter:card", "summary"])
    tags.append(["name", "citation_title", parts.name])
    if record.decision_date:
        tags.append(["name", "citation_date", record.decision_date.strftime("%Y/%m/%d")])
        tags.append(["name", "citation_publication_date", record.decision_date.strftime("%Y/%m/%d")])
    elif record.year:
        tags.append(["name", "citation_date", str(record.year)])
    tags.append(["name", "citation_publisher", parts.court_name or jurisdiction_label(record.jurisdiction)])
    tags.append(["name", "citation_language", record.language])
    if url:
        tags.append(["name", "citation_public_url", url])
        tags.append(["name", "citation_abstract_html_url", url])
    for offence in record.offence_types:
        tags.append(["name", "citation_keywords", offence.label])
    return tags


def json_ld(record: CaseRecord, site_url: str = "") -> dict[str, Any]:
    """The schema.org description of the decision (see the module docstring for the choice of types)."""
    parts = citation_parts(record)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "genre": "court decision",
        "name": record.display_title,
        "headline": parts.name,
        "description": description(record),
        "inLanguage": record.language,
        "spatialCoverage": {"@type": "Place", "name": jurisdiction_label(record.jurisdiction)},
        "identifier": [{"@type": "PropertyValue", "propertyID": i.type.value, "value": i.value} for i in record.identifiers],
        "citation": [c.text for c in citations(record)],
        "sameAs": [s.url for s in record.sources],
    }
    if record.court:
        data["author"] = {"@type": "GovernmentOrganization", "name": record.court.name}
    if record.decision_date:
        data["dateCreated"] = record.decision_date.isoformat()
    elif record.year:
        data["dateCreated"] = str(record.year)
    if record.updated_at:
        data["dateModified"] = record.updated_at.isoformat()
    if record.offence_types:
        data["keywords"] = [o.label for o in record.offence_types]
    if site_url:
        data["url"] = site_url + case_url(record.id)
    data["isPartOf"] = {"@type": "Dataset", "name": SITE_NAME + ": human-trafficking case law", **({"url": site_url} if site_url else {})}
    return data
