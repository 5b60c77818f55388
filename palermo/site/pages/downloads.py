"""Downloads: the whole corpus as JSON, CSV, CSL-JSON and RIS (:mod:`palermo.corpus.export`), and the record's JSON Schema."""

from __future__ import annotations

from collections.abc import Iterator

from palermo.corpus.export import CSV_COLUMNS, EXPORTERS, schema_json
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.render import esc, front_matter

FILES = {
    "json": "downloads/palermo-cases.json",
    "csv": "downloads/palermo-cases.csv",
    "csl-json": "downloads/palermo-cases.csl.json",
    "ris": "downloads/palermo-cases.ris",
    "schema": "downloads/case-record.schema.json",
}
"""Root-relative paths of the download files, by format."""


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield the download files and the page that lists them."""
    sizes = {}
    for fmt, export in EXPORTERS.items():
        content = export(ctx.records).encode("utf-8")
        sizes[fmt] = len(content)
        yield GeneratedPage(FILES[fmt], content)
    schema = schema_json().encode("utf-8")
    sizes["schema"] = len(schema)
    yield GeneratedPage(FILES["schema"], schema)
    yield GeneratedPage("downloads/index.md", _page(ctx, sizes))


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def _page(ctx: SiteContext, sizes: dict[str, int]) -> str:
    rows = [
        (
            "json",
            "JSON",
            "Every record as published, one object per case, in an array; fields as in the JSON Schema. Judgment texts are in each case's own JSON.",
        ),
        ("csv", "CSV", "One row per case, for spreadsheets. Lists are joined with “; ”, holdings with “ | ”."),
        (
            "csl-json",
            "CSL-JSON",
            "Citation data (type legal_case) for Zotero, Mendeley and other citation managers, and for CSL citation styles.",
        ),
        ("ris", "RIS", "The same citation data as RIS (type CASE), for EndNote, Zotero, Mendeley and other tools that prefer it."),
        ("schema", "JSON Schema", "The schema of a case record (draft 2020-12), to check records in your own editor."),
    ]
    body = "\n".join(
        f'<tr><td><a href="{esc(FILES[fmt].removeprefix("downloads/"))}" download>{esc(label)}</a></td>'
        f"<td>{esc(text)}</td><td>{esc(_size(sizes[fmt]))}</td></tr>"
        for fmt, label, text in rows
    )
    columns = ", ".join(f"<code>{esc(c)}</code>" for c in CSV_COLUMNS)
    return f"""{front_matter("Downloads")}
# Downloads

Take the data away: the whole corpus of {len(ctx.records)} case records, rebuilt with every
change. The data is free to reuse; please cite Palermo and, for each case, the sources its record
names. Victims never appear by name in any file.

<table class="pl-table">
<caption>Download files</caption>
<thead><tr><th scope="col">File</th><th scope="col">What it holds</th><th scope="col">Size</th></tr></thead>
<tbody>
{body}
</tbody>
</table>

## Other ways to take the data

- **One record**: every case page links its own JSON and RIS files.
- **Feeds**: subscribe to new cases in any feed reader, with the
  <a href="../feeds/all.xml" type="application/atom+xml">feed of all new cases</a> or the feed of an offence type
  or a jurisdiction (linked from its <a href="../browse/">browse page</a>).
- **Statistics**: each chart on the <a href="../stats/">statistics page</a> has its data as CSV.
- **Command line**: `palermo export --format json|csv|csl-json|ris --out FILE` writes the same files
  from a checkout of the corpus.

## Importing into Zotero

In Zotero choose *File → Import…*, pick `palermo-cases.csl.json` (or `palermo-cases.ris`) and import.
Each case becomes a *Case* item: the court as citations abbreviate it (`9th Cir.`, `UKSC`, `ECtHR`), a
neutral citation's number or an unreported judgment's application or docket number, the reporter split
into volume, reporter and first page, and the decision date, so the Bluebook and OSCOLA styles print
the case as this site's "Cite this case" does wherever the style can. Zotero's Connector also reads
the citation metadata of each case page.

## CSV columns

<p>{columns}.</p>
"""
