"""The home page: what is inside, counts by offence type and jurisdiction, newest cases."""

from __future__ import annotations

from collections.abc import Iterator

from palermo.site.context import SiteContext, jurisdiction_label
from palermo.site.generate import GeneratedPage
from palermo.site.render import badge, case_list_html, esc
from palermo.vocab import EditorialStatus, OffenceType


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
    jurisdiction_rows = "\n".join(
        f'<tr><td><a href="browse/jurisdiction/{esc(code.lower())}/">{esc(jurisdiction_label(code))}</a></td>'
        f'<td class="pl-num">{count}</td></tr>'
        for code, count in sorted(ctx.jurisdiction_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    )
    status_text = ", ".join(f"{count} {status.label.lower()}" for status, count in status_counts.items() if count)
    return f"""---
title: Palermo — trafficking case law
search:
  exclude: true
---

# Palermo

An open knowledge base of human-trafficking case law, named after the Palermo
Protocol whose act–means–purpose definition every trafficking court applies.
Judges browse it for jurisprudence, prosecutors search it for precedents and
lawyers take its continuing-legal-education courses.

<p class="pl-counts"><strong>{total}</strong> cases from <strong>{len(ctx.by_jurisdiction)}</strong>
jurisdictions and courts ({esc(status_text)}).</p>

## Browse by offence type

<table class="pl-table">
<thead><tr><th>Offence type</th><th>Definition</th><th>Cases</th></tr></thead>
<tbody>
{offence_rows}
</tbody>
</table>

## Newest decisions

{case_list_html(ctx.records, depth=0, limit=10)}

## Browse by jurisdiction

<table class="pl-table">
<thead><tr><th>Jurisdiction or court</th><th>Cases</th></tr></thead>
<tbody>
{jurisdiction_rows}
</tbody>
</table>
"""
