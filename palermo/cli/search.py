"""``palermo search QUERY [filters] [--json]``: ranked cases with snippets, badges and facet counts.

Query syntax: words (all must match), "exact phrases", AND / OR / NOT, -word,
parentheses, field:value (offence:labour_trafficking, jurisdiction:GBR,
issue:non_punishment, level:apex, outcome:conviction, ilo:debt_bondage,
title:rantsev, holdings:"positive obligations") and year:2010..2020.
An empty query lists cases newest first.

A query without that syntax is a plain question: phrases a legal thesaurus
knows (serious harm, debt bondage, wahaya...) also match their equivalents at a
lower weight (--no-thesaurus turns this off), and when fewer than three cases
have every word the closest matches are listed instead, labelled as such.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from palermo.cli.options import add_cases_argument
from palermo.model.facets import FACETS as REGISTRY
from search_index import DEFAULT_INDEX_DIR, QueryError, SearchRequest, ensure_index, parse_year_range
from search_index.engine import Hit, SearchResponse
from search_index.facets import FACETS


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``search`` subcommand."""
    p = sub.add_parser("search", help="search the case law", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="*", help="the query (quote it in the shell when it has quotes or parentheses)")
    for spec in REGISTRY:
        if spec.flag and spec.kind != "year":
            example = f", e.g. {next(iter(spec.vocabulary)).value}" if spec.vocabulary else ", e.g. GBR, ECHR"
            p.add_argument(
                spec.cli_option,
                dest=spec.flag,
                action="append",
                default=[],
                metavar="VALUE",
                help=f"{spec.label if spec.label[:2].isupper() else spec.label.lower()}{example} (repeat: any of)",
            )
    p.add_argument("--year", metavar="A..B", help="decision year or range: 2015, 2010..2020, ..2005, 2019..")
    p.add_argument("--limit", type=int, default=10, help="number of results to show (default 10)")
    p.add_argument("--json", action="store_true", help="print one JSON object: total, match, also_matched, results, facets")
    p.add_argument(
        "--no-thesaurus", dest="thesaurus", action="store_false", help="search only the words typed, not their legal equivalents"
    )
    add_cases_argument(p, "corpus folder, indexed on demand (default: cases/)")
    p.add_argument("--index", type=Path, default=DEFAULT_INDEX_DIR, help=f"index folder (default: {DEFAULT_INDEX_DIR}/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Search; exit 2 with a one-line explanation for a malformed query or filter."""
    try:
        years = parse_year_range(args.year) if args.year else None
    except QueryError as exc:
        print(f"palermo search: {exc}", file=sys.stderr)
        return 2
    filters = {
        spec.name: tuple(getattr(args, spec.flag)) for spec in REGISTRY if spec.flag and spec.kind != "year" and getattr(args, spec.flag)
    }
    request = SearchRequest(query=" ".join(args.query), filters=filters, years=years, limit=max(args.limit, 0), thesaurus=args.thesaurus)
    if not (args.index / "palermo-manifest.json").exists() and not args.cases.is_dir():
        print(f"palermo search: no index at {args.index} and no corpus folder {args.cases} to build it from", file=sys.stderr)
        return 1
    engine, report, errors = ensure_index(args.cases, args.index)
    if report is not None:
        print(f"(built the index at {args.index} from {args.cases}: {report.added} records)", file=sys.stderr)
    for error in errors:
        print(f"skipped {error}", file=sys.stderr)
    try:
        response = engine.search(request)
    except QueryError as exc:
        print(f"palermo search: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render(response, color=sys.stdout.isatty()))
    return 0


CLOSEST_LABEL = "no case has every word; closest matches"


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text


def _hit_lines(n: int, hit: Hit, color: bool) -> list[str]:
    offence = FACETS["offence_types"]
    badges = " ".join(f"[{offence.label_of(o)}]" for o in hit.offence_types)
    date = hit.decision_date or (str(hit.meta.get("year")) if hit.meta.get("year") else "undated")
    court = hit.meta.get("court") or hit.jurisdiction
    snippet = hit.snippet
    if color:
        parts = snippet.split("**")
        snippet = "".join(_bold(p, True) if i % 2 else p for i, p in enumerate(parts))
    lines = [f"{n:>2}. {_bold(hit.title, color)}  ({court}, {date})", f"    {hit.id}  {badges}".rstrip()]
    if snippet:
        lines.append(f"    {snippet}")
    lines.extend(f"    ! {flag}" for flag in hit.flags)
    return lines


def render(response: SearchResponse, color: bool = False) -> str:
    """The human-readable result list with facet counts."""
    lines = [
        f"{response.total} case(s)" + (f", showing {len(response.hits)}" if response.hits and len(response.hits) < response.total else "")
    ]
    if response.match == "closest":
        lines.append(CLOSEST_LABEL)
    if response.also_matched:
        lines.append("also matched: " + ", ".join(response.also_matched))
    for n, hit in enumerate(response.hits, 1):
        lines.extend(["", *_hit_lines(n, hit, color)])
    lines.append("")
    for name, counts in response.facets.items():
        if counts:
            facet = FACETS[name]
            shown = ", ".join(f"{facet.label_of(v) if name != 'jurisdiction' else v} {c}" for v, c in list(counts.items())[:12])
            lines.append(f"{facet.label}: {shown}")
    return "\n".join(lines)
