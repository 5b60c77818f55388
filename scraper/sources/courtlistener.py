"""CourtListener — US opinions from the Free Law Project's REST API v4.

Source: CourtListener (Free Law Project)
Id: courtlistener
URL: https://www.courtlistener.com/
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-23: first version. Live: the v4 search API (``type=o``) for opinions citing
      the US trafficking statutes (18 U.S.C. §§ 1581–1597), cursor pagination through
      ``next``; for each hit the cluster, its opinions, the docket and the court, combined
      into one bundle document. Offline: such bundles (the shape a third-party scraper saved:
      ``{search, cluster, opinions, docket, court}``), search-result pages (``{count, next,
      results}``) and bare lists of search results.

What each document gives:
    - bundle: case name, court (courts-db id = CourtListener court id), court level, date
      filed, docket number, reporter citations, cluster id, judges, disposition (only
      "remanded"/"dismissed" are read as outcomes), provisions cited in the opinion text and
      the classification. An opinion that cites no trafficking statute and uses no
      trafficking phrase yields no record.
    - search results: ``index_only`` records for the hits whose own snippet shows they are
      about trafficking; the rest are listings only (a live run fetches their bundles).
Authentication: an API token from ``PALERMO_COURTLISTENER_TOKEN`` (or the ``token`` option);
a live run without one stops with a message saying so.
Licence: CourtListener data are free to reuse (Free Law Project); US court opinions are public domain.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from palermo.model.schema import CaseRecord, Court, Defendants, Evidence, Identifier
from palermo.model.vocab import CourtLevel, EditorialStatus, IdentifierType, Outcome
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.classify import classify
from scraper.fetch import FetchError
from scraper.normalise import find_citations, make_case_id, parse_date

TOKEN_VARIABLE = "PALERMO_COURTLISTENER_TOKEN"  # noqa: S105 - the name of the variable, not a secret
SEARCH_QUERY = (
    '("18 U.S.C. § 1581" OR "18 U.S.C. § 1584" OR "18 U.S.C. § 1589" OR "18 U.S.C. § 1590" OR "18 U.S.C. § 1591" '
    'OR "18 U.S.C. § 1592" OR "18 U.S.C. § 1593A" OR "18 U.S.C. § 1594" OR "18 U.S.C. § 1595" OR "sex trafficking" '
    'OR "forced labor" OR "involuntary servitude" OR peonage)'
)
LEVELS = {
    "F": CourtLevel.APPELLATE,
    "FD": CourtLevel.FIRST_INSTANCE,
    "S": CourtLevel.APEX,
    "SA": CourtLevel.APPELLATE,
    "ST": CourtLevel.FIRST_INSTANCE,
}
_CRIMINAL = re.compile(
    r"^(?:United States(?: of America)?|USA|People(?: of the State of [A-Z][a-z]+)?|State(?: of [A-Z][a-z]+)?|Commonwealth)\s+v\.?\s+(.+)$"
)
_TAGS = re.compile(r"<[^>]+>")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


class Source(BaseSource):
    """US opinions that cite the federal trafficking statutes, through CourtListener's API v4."""

    source_id: ClassVar[str] = "courtlistener"
    name: ClassVar[str] = "CourtListener (Free Law Project)"
    homepage: ClassVar[str] = "https://www.courtlistener.com/"
    licence: ClassVar[str] = "CourtListener data, free to reuse (Free Law Project); US court opinions are public domain"
    default_base_url: ClassVar[str] = "https://www.courtlistener.com"
    offline_patterns: ClassVar[tuple[str, ...]] = ("*.json",)
    saved_documents: ClassVar[str | None] = "courtlistener"
    corpus_order: ClassVar[int | None] = 30

    def matches(self, path: Path) -> bool:
        """Saved API objects, not the third-party OpenAPI description kept beside them."""
        return super().matches(path) and "openapi" not in path.name and "schema-reference" not in path.parts

    # -- live --------------------------------------------------------------------
    def token(self) -> str | None:
        """The API token: the ``token`` option, else ``$PALERMO_COURTLISTENER_TOKEN``."""
        return self.options.get("token") or os.environ.get(TOKEN_VARIABLE) or None

    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Live: search pages (cursor pagination), then one bundle per hit (cluster, opinions, docket, court).

        Raises:
            FetchError: before any request when no API token is set.
        """
        fetcher = self.require_fetcher()
        token = self.token()
        search_url = f"{self.base_url}/api/rest/v4/search/"
        if not token:
            raise FetchError(search_url, f"CourtListener needs an API token: set {TOKEN_VARIABLE} (free account at courtlistener.com)")
        headers = {"Authorization": f"Token {token}"}
        params: dict[str, Any] | None = {"type": "o", "q": self.options.get("query", SEARCH_QUERY), "order_by": "dateFiled desc"}
        if since and params is not None:
            params["filed_after"] = since.isoformat()
        url: str | None = search_url
        bundles = 0
        while url:
            try:
                page = fetcher.get(url, params=params, headers=headers, accept="application/json")
            except FetchError:
                return
            yield page
            params = None  # the cursor URL in "next" carries every parameter
            try:
                data = json.loads(page.text())
            except (ValueError, ParseError):
                return
            for hit in _as_list(data.get("results")):
                if limit is not None and bundles >= limit:
                    return
                bundle = self._bundle(fetcher, hit, headers)
                if bundle is not None:
                    bundles += 1
                    yield bundle
            url = data.get("next") or None

    def _bundle(self, fetcher: Any, hit: dict[str, Any], headers: dict[str, str]) -> RawDocument | None:
        """Fetch a hit's cluster, opinions, docket and court and join them into one document (each response is kept by the fetcher)."""
        api = f"{self.base_url}/api/rest/v4"
        try:
            cluster_doc = fetcher.get(f"{api}/clusters/{hit['cluster_id']}/", headers=headers, accept="application/json")
            cluster = json.loads(cluster_doc.text())
            opinions = [
                json.loads(fetcher.get(link, headers=headers, accept="application/json").text())
                for link in _as_list(cluster.get("sub_opinions"))
            ]
            docket = (
                json.loads(fetcher.get(cluster["docket"], headers=headers, accept="application/json").text())
                if cluster.get("docket")
                else {}
            )
            court_id = hit.get("court_id") or docket.get("court_id")
            court = (
                json.loads(fetcher.get(f"{api}/courts/{court_id}/", headers=headers, accept="application/json").text()) if court_id else {}
            )
        except (FetchError, ParseError, ValueError, KeyError):
            return None
        content = json.dumps({"search": hit, "cluster": cluster, "opinions": opinions, "docket": docket, "court": court}).encode()
        return RawDocument(
            source_id=self.source_id,
            url=cluster_doc.url,
            content=content,
            retrieved_at=cluster_doc.retrieved_at,
            content_type="application/json",
        )

    # -- parsing -----------------------------------------------------------------
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """A bundle, a search page or a bare list of search results."""
        text = doc.text()
        if not text.strip():
            raise ParseError(doc.name, "(document)", "empty document")
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ParseError(doc.name, "(json)", f"not valid JSON: {exc}") from None
        if isinstance(data, list):
            return self.parse_search_results(doc, data)
        if not isinstance(data, dict):
            raise ParseError(doc.name, "(json)", "expected an object or a list")
        if "cluster" in data:
            return self.parse_bundle(doc, data)
        if "results" in data:
            return self.parse_search_results(doc, _as_list(data["results"]))
        raise ParseError(doc.name, "(json)", "neither a cluster bundle nor search results")

    def parse_bundle(self, doc: RawDocument, data: dict[str, Any]) -> list[CaseRecord]:
        """One record from a cluster with its opinions, docket and court, when the opinions are about trafficking."""
        cluster = data.get("cluster")
        if not isinstance(cluster, dict):
            raise ParseError(doc.name, "cluster", "expected an object")
        cluster_id = _str(cluster.get("id"))
        if not re.fullmatch(r"\d{1,12}", cluster_id):
            raise ParseError(doc.name, "cluster.id", f"not a cluster id: {cluster.get('id')!r}")
        case_name = _str(cluster.get("case_name") or cluster.get("case_name_full") or (data.get("search") or {}).get("caseName"))
        if not case_name:
            raise ParseError(doc.name, "cluster.case_name", "missing")
        filed_text = _str(cluster.get("date_filed"))
        filed = parse_date(filed_text) if filed_text else None
        if filed_text and filed is None:
            raise ParseError(doc.name, "cluster.date_filed", f"not a date: {filed_text!r}")
        opinions = data.get("opinions")
        if not isinstance(opinions, list) or not all(isinstance(o, dict) for o in opinions):
            raise ParseError(doc.name, "opinions", "expected a list of objects")
        text = "\n".join(_opinion_text(o) for o in opinions)
        docket = data.get("docket") if isinstance(data.get("docket"), dict) else {}
        court = data.get("court") if isinstance(data.get("court"), dict) else {}
        assert isinstance(docket, dict) and isinstance(court, dict)
        _ids, provisions = find_citations(text)
        result = classify(text, provisions)
        if not result.is_trafficking():
            return []
        identifiers = [Identifier(type=IdentifierType.COURTLISTENER_CLUSTER, value=cluster_id)]
        for citation in _as_list(cluster.get("citations")):
            if isinstance(citation, dict) and citation.get("volume") and citation.get("reporter") and citation.get("page"):
                try:
                    cite = f"{citation['volume']} {citation['reporter']} {citation['page']}"
                    identifiers.append(Identifier(type=IdentifierType.REPORTER_CITATION, value=cite))
                except ValueError:
                    self.report_problem(doc.name, "cluster.citations", f"not a reporter citation: {citation!r}")
        docket_number = _str(docket.get("docket_number") or (data.get("search") or {}).get("docketNumber"))
        if docket_number:
            identifiers.append(Identifier(type=IdentifierType.DOCKET_NUMBER, value=docket_number[:80]))
        court_id = _str(court.get("id") or docket.get("court_id") or (data.get("search") or {}).get("court_id")).lower()
        court_name = _str(court.get("full_name") or (data.get("search") or {}).get("court"))
        evidence = list(result.evidence)
        outcome = _outcome(_str(cluster.get("disposition")))
        if outcome is not None:
            evidence.append(
                Evidence(
                    field="outcome", value=outcome.value, rule="courtlistener-disposition", passage=_str(cluster.get("disposition"))[:200]
                )
            )
        defendant = _CRIMINAL.match(case_name)
        absolute = _str(cluster.get("absolute_url"))
        return [
            CaseRecord(
                id=make_case_id("usa", filed.year if filed else None, case_name),
                title=case_name,
                short_title=_str(cluster.get("case_name_short")) or None,
                jurisdiction="USA",
                court=Court(id=court_id, name=court_name) if court_id and court_name else None,
                court_level=CourtLevel.APEX if court_id == "scotus" else LEVELS.get(_str(court.get("jurisdiction"))),
                decision_date=filed,
                identifiers=identifiers,
                **result.tags(),
                provisions=provisions,
                outcome=outcome,
                defendants=Defendants(count=1, names=[defendant[1]]) if defendant and " et al" not in defendant[1] else None,
                judges=[j.strip() for j in _str(cluster.get("judges")).split(",") if j.strip()],
                sources=[self.source_entry(doc, url=f"https://www.courtlistener.com{absolute}" if absolute.startswith("/") else None)],
                editorial_status=EditorialStatus.EXTRACTED,
                classification_evidence=evidence,
            )
        ]

    def parse_search_results(self, doc: RawDocument, results: list[Any]) -> list[CaseRecord]:
        """``index_only`` records for search hits whose own snippet is about trafficking."""
        records = []
        listed = 0
        for n, hit in enumerate(results, start=1):
            where = f"results[{n - 1}]"
            if not isinstance(hit, dict):
                self.report_problem(doc.name, where, "not an object")
                continue
            case_name = _str(hit.get("caseName"))
            cluster_id = _str(hit.get("cluster_id"))
            if not case_name:
                self.report_problem(doc.name, f"{where}.caseName", "missing")
                continue
            if not re.fullmatch(r"\d{1,12}", cluster_id):
                self.report_problem(doc.name, f"{where}.cluster_id", f"not a cluster id: {hit.get('cluster_id')!r}")
                continue
            filed_text = _str(hit.get("dateFiled"))
            filed = parse_date(filed_text) if filed_text else None
            if filed_text and filed is None:
                self.report_problem(doc.name, f"{where}.dateFiled", f"not a date: {filed_text!r}")
                continue
            snippet = " ".join(_TAGS.sub("", _str(o.get("snippet"))) for o in _as_list(hit.get("opinions")) if isinstance(o, dict))
            _ids, provisions = find_citations(snippet)
            result = classify(f"{case_name}\n{snippet}", provisions)
            if not result.is_trafficking():
                listed += 1
                continue
            identifiers = [Identifier(type=IdentifierType.COURTLISTENER_CLUSTER, value=cluster_id)]
            if _str(hit.get("docketNumber")):
                identifiers.append(Identifier(type=IdentifierType.DOCKET_NUMBER, value=_str(hit.get("docketNumber"))[:80]))
            absolute = _str(hit.get("absolute_url"))
            court_id = _str(hit.get("court_id")).lower()
            records.append(
                CaseRecord(
                    id=make_case_id("usa", filed.year if filed else None, case_name),
                    title=case_name,
                    jurisdiction="USA",
                    court=Court(id=court_id, name=_str(hit.get("court"))) if court_id and _str(hit.get("court")) else None,
                    decision_date=filed,
                    identifiers=identifiers,
                    offence_types=result.offence_types,
                    provisions=provisions,
                    sources=[self.source_entry(doc, url=f"https://www.courtlistener.com{absolute}" if absolute.startswith("/") else None)],
                    editorial_status=EditorialStatus.INDEX_ONLY,
                    classification_evidence=result.evidence,
                )
            )
        if listed:
            self.note_skip(doc.name, f"{listed} search hit(s) whose snippet does not show trafficking (listing only)")
        return records


def _opinion_text(opinion: dict[str, Any]) -> str:
    """An opinion's text: plain text when there is some, else its HTML without tags."""
    plain = opinion.get("plain_text")
    if isinstance(plain, str) and plain.strip():
        return plain
    for key in ("html_with_citations", "html", "html_lawbox", "html_columbia", "xml_harvard"):
        value = opinion.get(key)
        if isinstance(value, str) and value.strip():
            return _TAGS.sub(" ", value)
    return ""


def _outcome(disposition: str) -> Outcome | None:
    """Only the dispositions that say one thing: remanded, or dismissed."""
    lower = disposition.lower()
    if "remand" in lower:
        return Outcome.REMANDED
    if lower.startswith("dismiss"):
        return Outcome.DISMISSED
    return None
