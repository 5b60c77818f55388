"""Browse pages: one per value of offence type, legal issue, ILO indicator, jurisdiction and year.

Each page gives the value's definition and its cases newest first, grouped by
year, :data:`PAGE_SIZE` to a page (``browse/<facet>/<value>/``, then
``…/page/2/``…), with a list of years that jumps to the right page. Offence-type
and jurisdiction pages link their Atom feed (also as ``<link rel="alternate">``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby

from palermo.model.facets import FACETS as REGISTRY
from palermo.model.facets import FacetSpec
from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord
from palermo.model.vocab import Vocabulary
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.render import case_item, esc, front_matter, heading, html_page, page_url, rel

PAGE_SIZE = 100
"""Cases per browse page: a page of 100 stays small and quick on a slow court network."""


@dataclass(frozen=True)
class BrowseFacet:
    """A field the site has browse pages for: its URL segment, heading and value lookup."""

    slug: str
    heading: str
    values: Callable[[CaseRecord], list[str]]
    vocabulary: type[Vocabulary] | None = None
    has_feed: bool = False


def _from_registry(spec: FacetSpec) -> BrowseFacet:
    """The browse facet of a registry entry (jurisdiction codes are lower-case in URLs)."""
    assert spec.browse is not None
    values = spec.values
    if spec.kind == "jurisdiction":

        def values(record: CaseRecord) -> list[str]:
            return [v.lower() for v in spec.values(record)]

    return BrowseFacet(spec.browse, spec.heading, values, spec.vocabulary, has_feed=spec.feed)


FACETS: tuple[BrowseFacet, ...] = tuple(_from_registry(spec) for spec in REGISTRY if spec.browse)
"""The facets with browse pages, from the registry (:mod:`palermo.model.facets`)."""


def group(ctx: SiteContext, facet: BrowseFacet) -> dict[str, list[CaseRecord]]:
    """Records per value of a facet (newest first), every vocabulary value present even when empty."""
    groups: dict[str, list[CaseRecord]] = defaultdict(list)
    if facet.vocabulary is not None:
        for term in facet.vocabulary:
            groups[term.value] = []
    for record in ctx.records:
        for value in facet.values(record):
            groups[value].append(record)
    return dict(groups)


def describe(facet: BrowseFacet, value: str) -> tuple[str, str]:
    """The title and one-line definition of a facet value."""
    if facet.vocabulary is not None:
        term = facet.vocabulary(value)
        return term.label, term.definition
    if facet.slug == "jurisdiction":
        name = jurisdiction_label(value.upper())
        return name, f"Cases decided in or by {name} ({value.upper()})."
    return value, f"Cases decided in {value}."


def feed_path(facet_slug: str, value: str) -> str:
    """Root-relative path of the Atom feed of a facet value (``feeds/offence/sex_trafficking.xml``)."""
    return f"feeds/{facet_slug}/{value}.xml"


def page_path(facet: BrowseFacet, value: str, number: int) -> str:
    """Root-relative URL of page ``number`` (1-based) of a facet value."""
    base = f"browse/{facet.slug}/{value}/"
    return base if number == 1 else f"{base}page/{number}/"


def _year_of(record: CaseRecord) -> str:
    return str(record.year) if record.year else "undated"


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield the browse index and the pages of every value of every facet."""
    for facet in FACETS:
        for value, records in group(ctx, facet).items():
            yield from _pages(facet, value, records)
    yield GeneratedPage("browse/index.md", _index(ctx))


def _pages(facet: BrowseFacet, value: str, records: list[CaseRecord]) -> Iterator[GeneratedPage]:
    title, definition = describe(facet, value)
    chunks = [records[i : i + PAGE_SIZE] for i in range(0, len(records), PAGE_SIZE)] or [[]]
    first_page: dict[str, int] = {}
    for number, chunk in enumerate(chunks, start=1):
        for record in chunk:
            first_page.setdefault(_year_of(record), number)
    for number in range(1, len(chunks) + 1):
        src = f"browse/{facet.slug}/{value}.md" if number == 1 else f"browse/{facet.slug}/{value}/page/{number}.md"
        yield GeneratedPage(src, _page(facet, value, title, definition, records, chunks, number, first_page, page_url(src)))


def _page(
    facet: BrowseFacet,
    value: str,
    title: str,
    definition: str,
    records: list[CaseRecord],
    chunks: list[list[CaseRecord]],
    number: int,
    first_page: dict[str, int],
    here: str,
) -> str:
    meta: dict[str, object] = {"search": {"exclude": True}}
    feed = ""
    if facet.has_feed and records:  # no empty feed is offered
        meta["feed"] = feed_path(facet.slug, value)
        meta["feed_title"] = esc(f"Palermo: new cases, {title}")
        feed = f' <a class="pl-feed-link" href="{esc(rel(here, feed_path(facet.slug, value)))}" type="application/atom+xml">Atom feed of new cases</a>'
    page_title = f"{facet.heading}: {title}" + (f" (page {number} of {len(chunks)})" if len(chunks) > 1 else "")
    front = front_matter(page_title, **meta)
    parts = [
        f"<h1>{esc(title)}</h1>\n",
        f'<p class="pl-definition"><em>{esc(facet.heading)}.</em> {esc(definition)}</p>\n',
        f"<p>{len(records)} case{'s' if len(records) != 1 else ''}, newest first.{feed}</p>\n",
    ]
    if not records:
        parts.append("<p>No case in the corpus yet.</p>\n")
        return html_page(front, "\n".join(parts))
    if len(chunks) > 1 and len(first_page) > 1 and facet.slug != "year":  # one page: the table of contents lists the years
        links = []
        for year, page_no in first_page.items():
            href = f"#y{year}" if page_no == number else rel(here, page_path(facet, value, page_no)) + f"#y{year}"
            links.append(f'<li><a href="{esc(href)}">{esc(year)}</a></li>')
        parts.append('<nav aria-label="Years"><ul class="pl-year-jump">\n' + "\n".join(links) + "\n</ul></nav>\n")
    pager = _pager(facet, value, len(chunks), number, here)
    for year, items in groupby(chunks[number - 1], key=_year_of):
        rows = "\n".join(f"<li>{case_item(r, here)}</li>" for r in items)
        heading_html = heading(2, year, f"y{year}") + "\n" if facet.slug != "year" else ""
        parts.append(f'{heading_html}<ul class="pl-case-list">\n{rows}\n</ul>\n')
    parts.append(pager)
    return html_page(front, "\n".join(parts))


def _pager(facet: BrowseFacet, value: str, pages: int, number: int, here: str) -> str:
    if pages == 1:
        return ""
    links = []
    if number > 1:
        links.append(f'<a href="{esc(rel(here, page_path(facet, value, number - 1)))}" rel="prev">Newer cases</a>')
    for n in range(1, pages + 1):
        if n == number:
            links.append(f'<span aria-current="page">Page {n}</span>')
        else:
            links.append(f'<a href="{esc(rel(here, page_path(facet, value, n)))}">Page {n}</a>')
    if number < pages:
        links.append(f'<a href="{esc(rel(here, page_path(facet, value, number + 1)))}" rel="next">Older cases</a>')
    return '<nav class="pl-pager" aria-label="Pages">\n' + "\n".join(links) + "\n</nav>\n"


def _index(ctx: SiteContext) -> str:
    parts = ["<h1>Browse the case law</h1>\n"]
    parts.append(
        "<p>Every value below has a page with its definition and its cases, newest first. Offence types and "
        'jurisdictions also have an Atom feed of new cases; <a href="../feeds/all.xml" type="application/atom+xml">'
        "the feed of all new cases</a> covers everything.</p>\n"
    )
    for facet in FACETS:
        groups = group(ctx, facet)
        if facet.vocabulary is not None:
            keys = list(groups)
        elif facet.slug == "year":
            keys = sorted(groups, reverse=True)
        else:
            keys = sorted(groups, key=lambda v: describe(facet, v)[0].casefold())
        items = []
        for value in keys:
            title, definition = describe(facet, value)
            items.append(f'<li><a href="{facet.slug}/{esc(value)}/" title="{esc(definition)}">{esc(title)}</a> ({len(groups[value])})</li>')
        heading_text = facet.heading if facet.heading[:2].isupper() else facet.heading[0].lower() + facet.heading[1:]
        title = f"By {heading_text}"
        parts.append(heading(2, title, re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")))
        parts.append('<ul class="pl-browse-list">\n' + "\n".join(items) + "\n</ul>\n")
    return html_page(front_matter("Browse"), "\n".join(parts))
