"""The home page: what is inside, counts by offence type and jurisdiction, newest cases, ways in."""

from __future__ import annotations

from collections.abc import Iterator

from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.vocab import EditorialStatus, OffenceType
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.render import badge, case_list_html, esc, front_matter

NEWEST = 10
TOP_JURISDICTIONS = 15


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield ``index.md``."""
    yield GeneratedPage("index.md", render(ctx))


def render(ctx: SiteContext) -> str:
    """The home page Markdown."""
    total = len(ctx.records)
    status_counts = {s: sum(1 for r in ctx.records if r.editorial_status is s) for s in EditorialStatus}
    offence_rows = "\n".join(
        f"<tr><td>{badge(o, f'browse/offence/{o.value}/')}</td><td>{esc(o.definition)}</td>"
        f'<td class="pl-num">{len(ctx.by_offence.get(o, []))}</td></tr>'
        for o in OffenceType
    )
    ranked = sorted(ctx.jurisdiction_counts().items(), key=lambda kv: (-kv[1], jurisdiction_label(kv[0])))
    jurisdiction_rows = "\n".join(
        f'<tr><td><a href="browse/jurisdiction/{esc(code.lower())}/">{esc(jurisdiction_label(code))}</a></td><td class="pl-num">{count}</td></tr>'
        for code, count in ranked[:TOP_JURISDICTIONS]
    )
    more = (
        f'<p><a href="browse/#by-jurisdiction-or-court">All {len(ranked)} jurisdictions and courts</a></p>'
        if len(ranked) > TOP_JURISDICTIONS
        else ""
    )
    status_text = ", ".join(f"{count} {status.label.lower()}" for status, count in status_counts.items() if count)
    return f"""{front_matter("Home", search={"exclude": True})}
# Palermo

An open knowledge base of human-trafficking case law, named after the Palermo
Protocol whose act–means–purpose definition every trafficking court applies.
Judges browse it for jurisprudence, prosecutors search it for precedents and
lawyers take its continuing-legal-education courses.

<p class="pl-counts"><strong>{total}</strong> cases from <strong>{len(ctx.by_jurisdiction)}</strong>
jurisdictions and courts ({esc(status_text)}). Every record names its sources and says how far an editor
has checked it (<a href="editorial-policy/">editorial policy</a>).</p>

<ul class="pl-ways-in">
<li><a href="search/">Search</a> the full text, with filters by offence type, jurisdiction, court level, year, outcome and legal issue</li>
<li><a href="browse/">Browse</a> by offence type, jurisdiction, year, legal issue or ILO indicator</li>
<li><a href="stats/">Statistics</a>: cases per year, outcomes, sentences and jurisdictions, with the data</li>
<li><a href="downloads/">Downloads</a>: the whole corpus as JSON, CSV and CSL-JSON for citation managers</li>
<li><a href="feeds/all.xml" type="application/atom+xml">Atom feed of new cases</a>, and one per offence type and jurisdiction</li>
</ul>

## Newest decisions

{case_list_html(ctx.records, "", limit=NEWEST)}

## Browse by offence type

<table class="pl-table">
<caption class="pl-visually-hidden">Cases by offence type</caption>
<thead><tr><th scope="col">Offence type</th><th scope="col">Definition</th><th scope="col">Cases</th></tr></thead>
<tbody>
{offence_rows}
</tbody>
</table>

## Browse by jurisdiction

<table class="pl-table">
<caption class="pl-visually-hidden">Cases by jurisdiction or court</caption>
<thead><tr><th scope="col">Jurisdiction or court</th><th scope="col">Cases</th></tr></thead>
<tbody>
{jurisdiction_rows}
</tbody>
</table>
{more}
"""
