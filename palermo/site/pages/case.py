"""A page per case: the facts, the holding and the citation in one screen, then the detail and provenance.

Every record value goes through :func:`palermo.site.render.esc` (free text
through :func:`~palermo.site.render.para`), so a record can never inject markup.
Next to each page sits the record as JSON (``cases/<id>.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date

from palermo.corpus.attribution import read_by_rule, sherloc_brief, source_codings
from palermo.corpus.citation import citation_parts, missing_parts
from palermo.corpus.export import ris_entry
from palermo.corpus.public import case_url, public_data
from palermo.corpus.relations import RelatedLinks
from palermo.digests.apply import READ_FROM_BRIEF
from palermo.model.jurisdictions import jurisdiction_label
from palermo.model.schema import CaseRecord, Sentence
from palermo.model.vocab import EditorialStatus, IdentifierType, Relation, Vocabulary
from palermo.site import page_meta
from palermo.site.citations import citations
from palermo.site.context import SiteContext
from palermo.site.csp import policy
from palermo.site.generate import GeneratedPage
from palermo.site.render import badge, date_text, esc, front_matter, heading, html_list, html_page, para, rel
from search_index.similar import similar_table

RELATED_LIMIT = 40
"""At most this many related cases per relation on a page (keeps a landmark case's page small)."""

_IDENTIFIER_ORDER = [IdentifierType.NEUTRAL_CITATION, IdentifierType.ECLI, IdentifierType.REPORTER_CITATION]


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield ``cases/<id>.md`` and ``cases/<id>.json`` for every record."""
    related = RelatedLinks.build(ctx.records)
    similar = similar_cases(ctx)
    csp = policy()
    for record in ctx.records:
        yield GeneratedPage(f"cases/{record.id}.md", render(record, ctx, related, similar.get(record.id, [])))
        yield GeneratedPage(f"cases/{record.id}.json", json.dumps(public_data(record), ensure_ascii=False, indent=1) + "\n")
        yield GeneratedPage(f"cases/{record.id}.ris", ris_entry(record))
        for alias in record.aliases:
            yield GeneratedPage(f"cases/{alias}/index.html", redirect_page(record, csp))


def redirect_page(record: CaseRecord, csp: str) -> str:
    """The page left at a merged-away id: it sends the reader (and search engines) on to the case's page."""
    target = f"../{record.id}/"
    title = esc(record.display_title)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">
<meta http-equiv="refresh" content="0; url={esc(target)}">
<meta name="robots" content="noindex">
<link rel="canonical" href="{esc(target)}">
<title>{title} — moved</title>
</head>
<body>
<p>This case was listed twice and its records were merged. It is now at <a href="{esc(target)}">{title}</a>.</p>
</body>
</html>
"""


def similar_cases(ctx: SiteContext, limit: int = 5) -> dict[str, list[str]]:
    """The most similar cases of every record (:func:`search_index.similar.similar_table`)."""
    return similar_table(ctx.records, limit=limit)


def _row(label: str, value_html: str) -> str:
    return f'<tr><th scope="row">{esc(label)}</th><td>{value_html}</td></tr>' if value_html else ""


def _identifiers(record: CaseRecord) -> str:
    ordered = sorted(record.identifiers, key=lambda i: _IDENTIFIER_ORDER.index(i.type) if i.type in _IDENTIFIER_ORDER else 99)
    return "<br>".join(f"{esc(i.type.label)}: <code>{esc(i.value)}</code>" for i in ordered)


def _facts(record: CaseRecord) -> str:
    court = esc(record.court.name) if record.court else ""
    jurisdiction = record.jurisdiction.lower()
    rows = [
        _row("Court", court),
        _row("Court level", esc(record.court_level.label) if record.court_level else ""),
        _row("Judges", esc(", ".join(record.judges))),
        _row(
            "Decided",
            f'<a href="{esc(rel(_here(record), f"browse/year/{record.year}/"))}">{esc(date_text(record))}</a>' if record.year else "",
        ),
        _row(
            "Jurisdiction",
            f'<a href="{esc(rel(_here(record), f"browse/jurisdiction/{jurisdiction}/"))}">{esc(jurisdiction_label(record.jurisdiction))}</a>',
        ),
        _row("Identifiers", _identifiers(record)),
        _row("Outcome", f'<span title="{esc(record.outcome.definition)}">{esc(record.outcome.label)}</span>' if record.outcome else ""),
        _row("Language", esc(record.language)),
        _row("Editorial status", f'<span title="{esc(record.editorial_status.definition)}">{esc(record.editorial_status.label)}</span>'),
    ]
    return (
        '<table class="pl-facts">\n<caption class="pl-visually-hidden">Facts of the case</caption>\n'
        + "\n".join(r for r in rows if r)
        + "\n</table>"
    )


def _terms(here: str, title: str, terms: Sequence[Vocabulary], browse: str | None = None) -> str:
    if not terms:
        return ""
    items = " ".join(badge(t, rel(here, f"browse/{browse}/{t.value}/") if browse else None) for t in terms)
    return f"<dt>{esc(title)}</dt><dd>{items}</dd>"


def custody_text(months: float) -> str:
    """A custodial term as ``2 years 6 months`` (months kept as given when fractional)."""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{int(years)} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest:g} month{'s' if rest != 1 else ''}")
    return " ".join(parts) or "0 months"


def _sentence(s: Sentence) -> str:
    parts = []
    if s.life:
        parts.append("life imprisonment")
    if s.custody_months is not None:
        parts.append(f"{custody_text(s.custody_months)} custody{' (suspended)' if s.suspended else ''}")
    for label, money in (("fine", s.fine), ("restitution", s.restitution), ("compensation", s.compensation)):
        if money is not None:
            parts.append(f"{label} {money.amount:,.2f} {money.currency}")
    if s.note:
        parts.append(s.note)
    return f"<strong>{esc(s.defendant)}</strong>: {esc('; '.join(parts) or 'not recorded')}"


def missing_fields(record: CaseRecord) -> list[str]:
    """What a reader would look for on the page but the record does not hold yet."""
    checks = [
        ("a summary", record.summary),
        ("holdings", record.holdings),
        ("offence types", record.offence_types),
        ("Palermo elements", record.palermo.acts or record.palermo.means or record.palermo.purposes),
        ("the outcome", record.outcome),
        ("the court", record.court),
        ("the decision date", record.decision_date),
    ]
    return [name for name, value in checks if not value]


def _status_notice(record: CaseRecord) -> str:
    status = record.editorial_status
    if status is EditorialStatus.REVIEWED:
        return ""
    source = record.sources[0]
    link = f'<a href="{esc(source.url)}">{esc(source.name)}</a>'
    kind = {"index_only": "info", "extracted": "warning", "digested": "note", "curated": "note"}[status.value]
    missing = missing_fields(record)
    # a digest's own line below says what it is; the status definition would only repeat it
    lines = [] if status is EditorialStatus.DIGESTED else [esc(status.definition)]
    if status is EditorialStatus.INDEX_ONLY:
        lines.append(f"It does not yet hold {esc(', '.join(missing) or 'any reviewed detail')}. Read the case at its source: {link}.")
    elif status is EditorialStatus.EXTRACTED:
        lines.append(f"Check every field against the judgment at {link} before relying on it.")
        if missing:
            lines.append(f"Not yet recorded: {esc(', '.join(missing))}.")
    if record.summary_basis is not None:
        basis = record.summary_basis
        checked = {"confirmed": "checked against it by a second reader", "corrected": "checked and corrected against it by a second reader"}
        lines.append(
            f"The digest below was written in our own words from the {esc(basis.of)} of {esc(_day(basis.snapshot))}, "
            f"not from the judgment; {esc(checked.get(basis.second_reading, 'not yet checked by a second reader'))}; "
            f'not reviewed by a legal editor. <a href="{esc(basis.url)}">Read the brief</a>.'
        )
        read = sorted({e.field.replace("_", " ") for e in record.classification_evidence if e.rule == READ_FROM_BRIEF})
        if read:
            lines.append(f"The {esc(', '.join(read))} shown here were read in the same brief and checked by the second reader.")
        if status is EditorialStatus.DIGESTED and missing:
            lines.append(f"Not yet recorded: {esc(', '.join(missing))}.")
    by_rule = list(
        dict.fromkeys(
            e.field.split(".", 1)[0].replace("_", " ").replace("ilo ", "ILO ")
            for e in record.classification_evidence
            if read_by_rule(e.rule)
        )
    )
    if by_rule:
        brief = sherloc_brief(record)
        where = f'the <a href="{esc(brief)}">case brief</a>\'s fact summary' if brief else "the source's fact summary"
        lines.append(
            f"The {esc(', '.join(by_rule))} shown here were read by rule from {where}; not checked by a person "
            '(each rule and the words it read are under "Why these tags").'
        )
    return (
        f'<div class="admonition {kind} pl-status" role="note"><p class="admonition-title">Editorial status: {esc(status.label)}</p>'
        + "".join(f"<p>{line}</p>" for line in lines)
        + "</div>"
    )


def _here(record: CaseRecord) -> str:
    """The URL of a record's own page, which its links are relative to."""
    return case_url(record.id)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def coding_line(record: CaseRecord) -> str:
    """One plain line crediting a source's own coding (``Act, means and purpose coded by UNODC SHERLOC …``), or ``""``."""
    lines = []
    for coding in source_codings(record):
        brief = sherloc_brief(record)
        link = f' <a href="{esc(brief)}">Read the case brief</a>.' if brief else ""
        lines.append(
            f'<p class="pl-coded-by">{esc(coding.what)} coded by {esc(coding.coder)} (snapshot of {_day(coding.snapshot)}).{link}</p>'
        )
    return "".join(lines)


def _cite(record: CaseRecord) -> str:
    missing = missing_parts(citation_parts(record))
    if missing:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        return (
            heading(2, "Cite this case", "cite-this-case")
            + f'\n<p class="pl-meta">No citation is offered yet: this record does not hold {esc(listed)}. '
            "Cite the judgment from its source.</p>\n"
        )
    blocks = []
    for citation in citations(record):
        ident = f"cite-{citation.style.lower()}"
        blocks.append(
            f'<div class="pl-cite"><p class="pl-cite__style">{esc(citation.style)}</p>'
            f'<p class="pl-cite__text" id="{ident}">{citation.html}</p>'
            f'<button type="button" class="md-button pl-copy" data-pl-copy="{esc(citation.text)}" '
            f'aria-label="Copy the {esc(citation.style)} citation" hidden>Copy</button></div>'
        )
    note = (
        '<p class="pl-meta">Built from the identifiers in this record; check it against the judgment and your '
        'style guide before filing. <span class="pl-copy-status" role="status" aria-live="polite"></span></p>'
    )
    return heading(2, "Cite this case", "cite-this-case") + "\n" + "\n".join(blocks) + "\n" + note + "\n"


def _related(record: CaseRecord, ctx: SiteContext, related: RelatedLinks) -> str:
    groups = related.of(record.id)
    if not groups:
        return ""
    parts = []
    for relation in Relation:
        ids = groups.get(relation, [])
        if not ids:
            continue
        known = sorted((ctx.by_id[i] for i in ids if i in ctx.by_id), key=lambda r: (-(r.year or 0), r.display_title))
        items = [
            f'<a href="{esc(rel(_here(record), case_url(r.id)))}">{esc(r.display_title)}</a> <span class="pl-meta">{esc(date_text(r))}</span>'
            for r in known[:RELATED_LIMIT]
        ]
        items += [f'{esc(i)} <span class="pl-meta">(not in the corpus)</span>' for i in ids if i not in ctx.by_id]
        more = f"<p>and {len(known) - RELATED_LIMIT} more.</p>" if len(known) > RELATED_LIMIT else ""
        parts.append(f"{heading(3, relation.label, relation.value.replace('_', '-'))}\n{html_list(items)}\n{more}")
    return heading(2, "Related cases", "related-cases") + "\n" + "\n".join(parts) + "\n"


def _similar(here: str, ctx: SiteContext, ids: Sequence[str]) -> str:
    items = [
        f'<a href="{esc(rel(here, case_url(r.id)))}">{esc(r.display_title)}</a> <span class="pl-meta">{esc(jurisdiction_label(r.jurisdiction))}, {esc(date_text(r))}</span>'
        for r in (ctx.by_id[i] for i in ids if i in ctx.by_id)
    ]
    return heading(2, "Similar cases", "similar-cases") + "\n" + html_list(items) + "\n" if items else ""


def render(record: CaseRecord, ctx: SiteContext, related: RelatedLinks | None = None, similar: Sequence[str] = ()) -> str:
    """The Markdown of one case page."""
    related = related if related is not None else RelatedLinks.build(ctx.records)
    p = record.palermo
    elements = "".join(
        [
            _terms(_here(record), "Offence types", record.offence_types, "offence"),
            _terms(_here(record), "Acts", p.acts, "act"),
            _terms(_here(record), "Means", p.means, "means"),
            _terms(_here(record), "Purposes", p.purposes, "purpose"),
            _terms(_here(record), "Form", [record.form] if record.form else [], "form"),
            _terms(_here(record), "Legal issues", record.legal_issues, "issue"),
            _terms(_here(record), "ILO forced-labour indicators", record.ilo_indicators, "ilo"),
        ]
    )
    sections = [
        f"<h1>{esc(record.title)}</h1>\n",
        _status_notice(record),
        coding_line(record),
        _facts(record),
        f'<dl class="pl-terms">{elements}</dl>' if elements else "",
    ]
    digest = record.summary_basis is not None
    if record.summary:
        title, anchor = ("Digest", "digest") if digest else ("Summary", "summary")
        sections.append(heading(2, title, anchor) + "\n" + para(record.summary) + "\n")
    if record.holdings:
        title, anchor = ("Points of law in the brief", "points-of-law") if digest else ("Holdings", "holdings")
        sections.append(heading(2, title, anchor) + "\n" + html_list((esc(h) for h in record.holdings), ordered=True) + "\n")
    sections.append(_cite(record))
    if record.provisions:
        sections.append(heading(2, "Provisions", "provisions") + "\n" + html_list(esc(pr.cite) for pr in record.provisions) + "\n")
    if record.victims or record.defendants:
        sections.append(heading(2, "Victims and defendants", "victims-and-defendants") + "\n" + _people(record))
    if record.sentences:
        sections.append(heading(2, "Sentences", "sentences") + "\n" + html_list(_sentence(s) for s in record.sentences) + "\n")
    if record.procedural_history:
        sections.append(heading(2, "Procedural history", "procedural-history") + "\n" + para(record.procedural_history) + "\n")
    sections.append(_related(record, ctx, related))
    sections.append(_similar(_here(record), ctx, similar))
    if record.corrections:
        sections.append(heading(2, "Corrections", "corrections") + "\n" + _corrections(record))
    sections.append(heading(2, "Sources", "sources") + "\n" + _sources(record))
    if record.classification_evidence:
        rows = "".join(
            f"<tr><td>{esc(e.field)}</td><td>{esc(e.value)}</td><td>{esc(e.rule)}{_machine(e.confidence)}{_by_rule(e.rule)}</td>"
            f"<td>{esc(e.passage or '')}</td></tr>"
            for e in record.classification_evidence
        )
        sections.append(
            heading(2, "Why these tags", "why-these-tags")
            + '\n<table class="pl-table"><thead><tr><th scope="col">Field</th><th scope="col">Value</th>'
            f'<th scope="col">Rule</th><th scope="col">Passage</th></tr></thead><tbody>{rows}</tbody></table>\n'
        )
    front = front_matter(
        record.display_title,
        search={"exclude": True},
        description=esc(_description(record)),
        head_meta=page_meta.head_meta(record, ctx.site_url),
        jsonld=page_meta.json_ld(record, ctx.site_url),
    )
    return html_page(front, "\n".join(s for s in sections if s))


def _machine(confidence: float | None) -> str:
    """How the page marks a tag a learned model set (rules carry no confidence)."""
    if confidence is None:
        return ""
    return f' <span class="pl-machine">(machine coding: learned model, confidence {confidence:.2f}; not checked by a person)</span>'


def _by_rule(rule: str) -> str:
    """How the page marks a fact read by rule from a fact summary (its passage is a quotation of at most 15 words)."""
    if not read_by_rule(rule):
        return ""
    return ' <span class="pl-machine">(read by rule from the fact summary; not checked by a person)</span>'


def _description(record: CaseRecord) -> str:
    return page_meta.description(record)


def _people(record: CaseRecord) -> str:
    rows = []
    if v := record.victims:
        nat = ", ".join(jurisdiction_label(c) for c in v.nationalities)
        for label, value in (("Victims", v.count), ("Female", v.female), ("Male", v.male), ("Minors", v.minors)):
            if value is not None:
                rows.append(_row(label, esc(value)))
        if nat:
            rows.append(_row("Victims' nationalities", esc(nat)))
    if d := record.defendants:
        for label, value in (("Defendants", d.count), ("Natural persons", d.natural_persons), ("Legal persons", d.legal_persons)):
            if value is not None:
                rows.append(_row(label, esc(value)))
        if d.names:
            rows.append(_row("Defendants named in the record", esc(", ".join(d.names))))
    return '<table class="pl-facts">' + "".join(rows) + "</table>\n"


def _corrections(record: CaseRecord) -> str:
    """What an editor corrected in the machine-read fields, why, and the public source for it."""
    items = []
    for c in record.corrections:
        when = f" ({_day(c.date)})" if c.date else ""
        items.append(
            f"<strong>{esc(c.field.replace('_', ' ').capitalize())}</strong>{esc(when)}: {esc(c.reason)} "
            f'<a href="{esc(c.source)}" rel="noopener">Source</a>.'
        )
    return "<p>An editor corrected what the machine read; later scrapes keep the correction.</p>\n" + html_list(items) + "\n"


def _sources(record: CaseRecord) -> str:
    items = []
    for s in record.sources:
        extra = [f"licence: {esc(s.licence)}" if s.licence else "licence not recorded"]
        if s.retrieved_at:
            extra.append(f"retrieved {esc(s.retrieved_at.isoformat())}")
        items.append(f'<a href="{esc(s.url)}">{esc(s.name)}</a> <span class="pl-meta">({"; ".join(extra)})</span>')
    updated = f"Record updated {esc(record.updated_at.isoformat())}. " if record.updated_at else ""
    data = (
        f'<p class="pl-meta">{updated}This record as data: <a href="../{esc(record.id)}.json" type="application/json">'
        f'{esc(record.id)}.json</a>; its citation for reference managers: <a href="../{esc(record.id)}.ris" '
        f'type="application/x-research-info-systems" download>{esc(record.id)}.ris</a> '
        f'(<a href="{esc(rel(_here(record), "downloads/"))}">all downloads</a>).</p>'
    )
    return html_list(items) + "\n" + data + "\n"
