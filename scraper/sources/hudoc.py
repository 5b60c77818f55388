"""HUDOC — the case-law database of the European Court of Human Rights.

Source: HUDOC (European Court of Human Rights)
Id: hudoc
URL: https://hudoc.echr.coe.int/
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-23: first version. Reads HUDOC RSS search exports, judgment and legal-summary
      text (paragraph JSON derived from the HUDOC DOCX, or the HTML of HUDOC's conversion
      endpoint), ECHR-OD processed metadata and raw query-API result pages. Live: the
      query API for Article 4 judgments, one window per year (the API stops at 10,000
      results per query), then each judgment's text through the conversion endpoint.

What each document gives:
    - RSS export (``*.rss``): title, date, application number(s), document type, itemid.
      The feed does not say which Articles a judgment concerns, so an item is kept only
      when the feed itself is an Article 4 / trafficking search (its title, description
      or link says so) or its application number is on the short list of known Article 4
      judgments (``scraper/rules/lists/hudoc_article4.yaml``); records are ``index_only``.
      GRETA country-report feeds are monitoring reports, not case law: no records.
    - judgment text (``derived-json/ENG_HEJUD_*.json``, conversion HTML): title, application
      number(s), date, respondent state(s) (from the "X Government" mentions, since the
      derived text lost place names), chamber, conclusion per Article from the operative
      part, provisions, classification from the text; ECLI when the text holds one.
    - legal summary (``ENG_CLIN_*``): title, number, date, Articles and HUDOC keywords, conclusion.
    - communicated case (``ENG_HECOM_*``): not a decision, no record.
    - ECHR-OD metadata (``echr-od/*.json``) and query-API pages: one record per Article 4
      judgment with ECLI, itemid, importance (parsed, not stored: the schema has no field),
      respondents and conclusions per Article.
Licence: HUDOC terms of use (Council of Europe); ECHR-OD data under the ODbL.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import yaml
from lxml import etree
from lxml import html as lxml_html

from palermo.model.schema import CaseRecord, Court, Defendants, Evidence, Identifier, Provision
from palermo.model.vocab import CourtLevel, EditorialStatus, IdentifierType, Outcome
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.classify import Classification, classify
from scraper.fetch import FetchError
from scraper.normalise import ECHR, ECLI, application_numbers, find_citations, make_case_id, parse_date

KNOWN_ARTICLE4 = Path(__file__).resolve().parent.parent / "rules" / "lists" / "hudoc_article4.yaml"
SEARCH_URL = "https://hudoc.echr.coe.int/eng#{{%22appno%22:[%22{appno}%22]}}"
ITEM_URL = "https://hudoc.echr.coe.int/eng?i={itemid}"
COURT_NAME = "European Court of Human Rights"
QUERY_FIELDS = "itemid,appno,docname,ecli,importance,kpdate,judgementdate,conclusion,article,respondent,doctypebranch,languageisocode"
ARTICLE4_QUERY = (
    'contentsitename:ECHR AND (NOT (doctype=PR OR doctype=HFCOMOLD OR doctype=HECOMOLD)) AND (languageisocode="ENG") '
    'AND (documentcollectionid="JUDGMENTS") AND (article="4")'
)
PAGE_LENGTH = 500
FIRST_YEAR = 1959

# Respondent states as the judgments name their governments ("the Cypriot Government").
GOVERNMENTS: dict[str, tuple[str, str]] = {
    "Albanian": ("ALB", "Albania"),
    "Andorran": ("AND", "Andorra"),
    "Armenian": ("ARM", "Armenia"),
    "Austrian": ("AUT", "Austria"),
    "Azerbaijani": ("AZE", "Azerbaijan"),
    "Belgian": ("BEL", "Belgium"),
    "Bulgarian": ("BGR", "Bulgaria"),
    "Croatian": ("HRV", "Croatia"),
    "Cypriot": ("CYP", "Cyprus"),
    "Czech": ("CZE", "the Czech Republic"),
    "Danish": ("DNK", "Denmark"),
    "Estonian": ("EST", "Estonia"),
    "Finnish": ("FIN", "Finland"),
    "French": ("FRA", "France"),
    "Georgian": ("GEO", "Georgia"),
    "German": ("DEU", "Germany"),
    "Greek": ("GRC", "Greece"),
    "Hungarian": ("HUN", "Hungary"),
    "Icelandic": ("ISL", "Iceland"),
    "Irish": ("IRL", "Ireland"),
    "Italian": ("ITA", "Italy"),
    "Latvian": ("LVA", "Latvia"),
    "Liechtenstein": ("LIE", "Liechtenstein"),
    "Lithuanian": ("LTU", "Lithuania"),
    "Luxembourg": ("LUX", "Luxembourg"),
    "Maltese": ("MLT", "Malta"),
    "Moldovan": ("MDA", "the Republic of Moldova"),
    "Monegasque": ("MCO", "Monaco"),
    "Montenegrin": ("MNE", "Montenegro"),
    "Netherlands": ("NLD", "the Netherlands"),
    "Dutch": ("NLD", "the Netherlands"),
    "Macedonian": ("MKD", "North Macedonia"),
    "Norwegian": ("NOR", "Norway"),
    "Polish": ("POL", "Poland"),
    "Portuguese": ("PRT", "Portugal"),
    "Romanian": ("ROU", "Romania"),
    "Russian": ("RUS", "Russia"),
    "Serbian": ("SRB", "Serbia"),
    "Slovak": ("SVK", "Slovakia"),
    "Slovenian": ("SVN", "Slovenia"),
    "Spanish": ("ESP", "Spain"),
    "Swedish": ("SWE", "Sweden"),
    "Swiss": ("CHE", "Switzerland"),
    "Turkish": ("TUR", "Turkey"),
    "Ukrainian": ("UKR", "Ukraine"),
    "United Kingdom": ("GBR", "the United Kingdom"),
    "British": ("GBR", "the United Kingdom"),
}
_GOVERNMENT = re.compile(
    r"\b((?:United Kingdom|[A-Z][a-z]+)(?:\s*(?:,|and)\s*(?:United Kingdom|[A-Z][a-z]+))*)\s+Governments?\b",
)
_AGAINST = re.compile(r"\bapplications? \(nos?\. [^)]*\) against (?:the )?(United Kingdom|[A-Z][a-z]+)")
"""The procedure's opening formula, "an application (no. 4239/08) against the United Kingdom …"."""
_SECTION = re.compile(r"European Court of Human Rights(?:,)?\s*\(([^)]+)\)")
_TRAFFICKING_FEED = re.compile(r"article\W{0,6}4\b|trafficking|slavery|servitude|forced labou?r", re.IGNORECASE)
_ITEMID = re.compile(r"itemid\W+(\d{3}-\d{1,7})")
_JUDGMENT_DATE = re.compile(r"^(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})$")
_CONCLUSION_ARTICLE = re.compile(r"\bArticles?\s+(\d{1,2})\b((?:\s*(?:,|and)\s*\d{1,2}\b)*)")
_NEGATIVE = re.compile(r"\b(?:no|not\s+been\s+(?:a|any))\s+(?:procedural\s+|substantive\s+)?(?:violation|breach)", re.IGNORECASE)
_POSITIVE = re.compile(r"\bbeen\s+an?\s+(?:procedural\s+|substantive\s+)?(?:violation|breach)", re.IGNORECASE)
_CLIN_HEAD = re.compile(r"^(?P<title>.+?\bv\.\s.+?)\s+-\s+(?P<appnos>\d{1,6}/\d{2}(?:[;,]\s*\d{1,6}/\d{2})*)")
_CLIN_DATE = re.compile(r"^(?:Judgment|Decision)\s+(\d{1,2}\.\d{1,2}\.\d{4})\s*(?:\[(.+?)\])?")
_OD_CONCLUSION = re.compile(r"^(No violation|Violation) of Article (\d{1,2})\b(?!\s+of\s+Protocol)(?![-+]?\s*P)")


@lru_cache(maxsize=1)
def known_article4() -> dict[str, str]:
    """Application number → title of the judgments known to decide an Article 4 complaint."""
    data = yaml.safe_load(KNOWN_ARTICLE4.read_text(encoding="utf-8"))
    return {str(row["appno"]): str(row["title"]) for row in data["judgments"]}


@dataclass
class HudocRow:
    """One judgment as HUDOC's metadata describes it (query API row or ECHR-OD record)."""

    itemid: str | None
    appnos: list[str]
    title: str
    date: datetime.date | None
    ecli: str | None
    importance: int | None
    respondents: list[str]
    articles: list[str]
    conclusions: dict[str, set[Outcome]] = field(default_factory=dict)
    chamber: str | None = None


def clean_title(docname: str) -> str:
    """HUDOC's document name as a case title: "CASE OF X v. Y" → "X v. Y" (case kept as HUDOC writes it)."""
    title = re.sub(r"^(?:CASE OF|AFFAIRE)\s+", "", " ".join(docname.split()), flags=re.IGNORECASE)
    return title.strip(" ,")


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in re.split(r"[;]", str(value)) if v.strip()]


def conclusions_from_strings(elements: Sequence[str]) -> dict[str, set[Outcome]]:
    """``{"4": {violation}, "2": {no_violation}}`` from HUDOC conclusion elements ("Violation of Article 4 - …")."""
    found: dict[str, set[Outcome]] = {}
    for element in elements:
        m = _OD_CONCLUSION.match(element.strip())
        if m:
            outcome = Outcome.NO_VIOLATION if m[1].lower().startswith("no") else Outcome.VIOLATION
            found.setdefault(m[2], set()).add(outcome)
    return found


def row_from_columns(columns: dict[str, Any], where: str) -> HudocRow:
    """Read one metadata row (HUDOC query API ``columns`` or an ECHR-OD record).

    Raises:
        ParseError: when the row has no document name or no application number.
    """
    docname = str(columns.get("docname") or "").strip()
    if not docname:
        raise ParseError(where, "docname", "missing")
    appnos = [a for a in _text_list(columns.get("appno")) if re.fullmatch(r"\d{1,6}/\d{2}", a)]
    if not appnos:
        raise ParseError(where, "appno", f"no application number in {columns.get('appno')!r}")
    raw_date = str(columns.get("judgementdate") or columns.get("kpdate") or "").split(" ")[0]
    date = parse_date(raw_date, dayfirst=True) if raw_date else None
    if raw_date and date is None:
        raise ParseError(where, "judgementdate", f"not a date: {raw_date!r}")
    conclusion = columns.get("conclusion")
    if isinstance(conclusion, list):
        elements = [str(c.get("element", "")) for c in conclusion if isinstance(c, dict)]
    else:
        elements = _text_list(conclusion)
    importance = str(columns.get("importance") or "").strip()
    articles = _text_list(columns.get("article"))
    ecli = str(columns.get("ecli") or "").strip() or None
    return HudocRow(
        itemid=str(columns.get("itemid") or "").strip() or None,
        appnos=appnos,
        title=clean_title(docname),
        date=date,
        ecli=ecli if ecli and ECLI.fullmatch(ecli) else None,
        importance=int(importance) if importance.isdigit() else None,
        respondents=[r for r in _text_list(columns.get("respondent")) if re.fullmatch(r"[A-Z]{3}", r)],
        articles=articles,
        conclusions=conclusions_from_strings(elements),
        chamber=str(columns.get("doctypebranch") or "").strip() or None,
    )


def is_article4(row: HudocRow) -> bool:
    """True when the judgment concerns Article 4 (article list or conclusions)."""
    return any(a == "4" or a.startswith("4-") for a in row.articles) or "4" in row.conclusions


def overall_outcome(conclusions: dict[str, set[Outcome]]) -> Outcome | None:
    """Violation when any Article was violated, no violation when only no-violation findings, else ``None``."""
    found = set().union(*conclusions.values()) if conclusions else set()
    if Outcome.VIOLATION in found:
        return Outcome.VIOLATION
    if Outcome.NO_VIOLATION in found:
        return Outcome.NO_VIOLATION
    return None


def conclusion_evidence(conclusions: dict[str, set[Outcome]], rule: str) -> Evidence | None:
    """The per-Article conclusions as one evidence entry explaining ``outcome``."""
    outcome = overall_outcome(conclusions)
    if outcome is None:
        return None
    parts = []
    for article in sorted(conclusions, key=int):
        labels = sorted(o.label.lower() for o in conclusions[article])
        parts.append(f"Art. {article}: {' and '.join(labels)}")
    return Evidence(field="outcome", value=outcome.value, rule=rule, passage="; ".join(parts)[:200])


def _chamber_name(chamber: str | None) -> str:
    if not chamber:
        return COURT_NAME
    pretty = {"GRANDCHAMBER": "Grand Chamber", "CHAMBER": "Chamber", "COMMITTEE": "Committee"}.get(chamber.upper(), chamber)
    return f"{COURT_NAME} ({pretty})"


class Source(BaseSource):
    """European Court of Human Rights judgments under Article 4 (slavery, servitude, forced labour, trafficking)."""

    source_id: ClassVar[str] = "hudoc"
    name: ClassVar[str] = "HUDOC (European Court of Human Rights)"
    homepage: ClassVar[str] = "https://hudoc.echr.coe.int/"
    licence: ClassVar[str] = "HUDOC terms of use (Council of Europe)"
    default_base_url: ClassVar[str] = "https://hudoc.echr.coe.int"
    offline_patterns: ClassVar[tuple[str, ...]] = (
        "rss/*.rss",
        "derived-json/*.json",
        "echr-od/*.json",
        "query/*.json",
        "conversion/*.html",
    )
    saved_documents: ClassVar[str | None] = "hudoc"
    corpus_order: ClassVar[int | None] = 10

    # -- live --------------------------------------------------------------------
    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Live: Article 4 judgments from the query API, one window per year, then each judgment's text.

        Each year is one query (Article 4 judgments never approach the API's 10,000-result
        cap in a year); pages of at most 500 rows. A failed listing page ends that window,
        a failed text is reported by the fetcher and skipped.
        """
        fetcher = self.require_fetcher()
        first = since.year if since else int(self.options.get("first_year", FIRST_YEAR))
        texts = 0
        for year in range(datetime.date.today().year, first - 1, -1):
            window = f'{ARTICLE4_QUERY} AND (kpdate>="{year}-01-01T00:00:00.0Z" AND kpdate<="{year}-12-31T23:59:59.0Z")'
            start = 0
            while True:
                try:
                    page = fetcher.get(
                        f"{self.base_url}/app/query/results",
                        params={
                            "query": window,
                            "select": QUERY_FIELDS,
                            "sort": "kpdate Descending",
                            "start": start,
                            "length": PAGE_LENGTH,
                        },
                        accept="application/json",
                    )
                except FetchError:
                    break
                yield page
                try:
                    data = json.loads(page.text())
                except (ValueError, ParseError):
                    break
                rows = data.get("results") or []
                for row in rows:
                    itemid = (row.get("columns") or {}).get("itemid")
                    if not itemid or (limit is not None and texts >= limit):
                        continue
                    try:
                        yield fetcher.get(
                            f"{self.base_url}/app/conversion/docx/html/body", params={"library": "ECHR", "id": itemid}, accept="text/html"
                        )
                        texts += 1
                    except FetchError:
                        continue
                start += PAGE_LENGTH
                if not rows or start >= int(data.get("resultcount") or 0) or start >= 10_000:
                    break
            if limit is not None and texts >= limit:
                return

    # -- parsing -----------------------------------------------------------------
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """Dispatch on the document's shape: RSS, paragraph JSON, metadata JSON, query page or judgment HTML."""
        text = doc.text()
        head = text.lstrip()[:200]
        if not head:
            raise ParseError(doc.name, "(document)", "empty document")
        if (head.startswith("<?xml") and "<rss" in text[:500]) or head.startswith("<rss"):
            return self.parse_rss(doc, text)
        if head.startswith(("{", "[")):
            try:
                data = json.loads(text)
            except ValueError as exc:
                raise ParseError(doc.name, "(json)", f"not valid JSON: {exc}") from None
            if isinstance(data, list):
                return self.parse_metadata_rows(doc, data)
            if isinstance(data, dict) and "text_paragraphs" in data:
                return self.parse_paragraph_json(doc, data)
            if isinstance(data, dict) and "results" in data:
                return self.parse_metadata_rows(doc, [r.get("columns") if isinstance(r, dict) else r for r in data["results"]])
            raise ParseError(doc.name, "(json)", "neither paragraph text, ECHR-OD metadata nor a query-API page")
        if head.startswith("<"):
            return self.parse_judgment_html(doc, text)
        raise ParseError(doc.name, "(document)", "not RSS, JSON or HTML")

    # RSS ------------------------------------------------------------------------
    def parse_rss(self, doc: RawDocument, text: str) -> list[CaseRecord]:
        """Listing records (``index_only``) from a HUDOC RSS search export."""
        try:
            root = etree.fromstring(text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise ParseError(doc.name, "(xml)", f"not well-formed RSS: {exc}") from None
        channel = root.find("channel")
        if channel is None:
            raise ParseError(doc.name, "channel", "no <channel> element")
        feed_link = channel.findtext("link") or ""
        if "greta" in feed_link.lower() or "greta" in (channel.findtext("title") or "").lower():
            self.note_skip(doc.name, "GRETA monitoring reports are not case law")
            return []
        feed_about = " ".join(channel.findtext(tag) or "" for tag in ("title", "description", "link"))
        whole_feed = bool(_TRAFFICKING_FEED.search(feed_about))
        known = known_article4()
        records: list[CaseRecord] = []
        seen: set[str] = set()
        left_out = 0
        for n, item in enumerate(channel.findall("item"), start=1):
            where = f"item {n}"
            title = clean_title(item.findtext("title") or "")
            if not title:
                self.report_problem(doc.name, f"{where}.title", "missing")
                continue
            description = item.findtext("description") or ""
            appnos = re.findall(r"\d{1,6}/\d{2}", description.split(" - ")[0])
            if not appnos:
                self.report_problem(doc.name, f"{where}.description", f"no application number in {description!r}")
                continue
            if not (whole_feed or any(a in known for a in appnos)):
                left_out += 1
                continue
            pub = item.findtext("pubDate") or ""
            date = parse_date(pub)
            if pub and date is None:
                self.report_problem(doc.name, f"{where}.pubDate", f"not a date: {pub!r}")
                continue
            itemid_match = _ITEMID.search(item.findtext("link") or "")
            itemid = itemid_match[1] if itemid_match else None
            kind = description.split(" - ", 1)[1].strip() if " - " in description else ""
            if kind and "judgment" not in kind.lower():
                left_out += 1
                continue
            known_title = next((known[a] for a in appnos if a in known), None)
            # the list spells names as HUDOC does in mixed case, with their diacritics ("Zoletić"); the feed shouts them
            record = self._listing_record(doc, known_title or title, appnos, date, itemid, kind, whole_feed)
            if record.id in seen:
                continue
            seen.add(record.id)
            records.append(record)
        if left_out:
            self.note_skip(doc.name, f"{left_out} feed item(s) not shown to concern Article 4 (the feed lists no Articles)")
        return records

    def _listing_record(
        self, doc: RawDocument, title: str, appnos: list[str], date: datetime.date | None, itemid: str | None, kind: str, whole_feed: bool
    ) -> CaseRecord:
        identifiers = [Identifier(type=IdentifierType.APPLICATION_NUMBER, value=a) for a in appnos]
        if itemid:
            identifiers.append(Identifier(type=IdentifierType.HUDOC_ITEMID, value=itemid))
        rule = "hudoc-feed-query" if whole_feed else "hudoc-known-article4"
        why = "the feed is an Article 4 search" if whole_feed else f"application no. {appnos[0]} is a known Article 4 judgment"
        chamber = "Grand Chamber" if kind.lower().startswith("grand chamber") else ("Chamber" if kind else None)
        return CaseRecord(
            id=make_case_id("ecthr", date.year if date else None, title),
            title=_title_case(title) if _capitals(title) else title,
            jurisdiction="ECHR",
            court=Court(id="ecthr", name=f"{COURT_NAME} ({chamber})" if chamber else COURT_NAME),
            court_level=CourtLevel.INTERNATIONAL,
            decision_date=date,
            identifiers=identifiers,
            provisions=[Provision(instrument=ECHR, section="Art. 4")],
            sources=[self.source_entry(doc, url=ITEM_URL.format(itemid=itemid) if itemid else SEARCH_URL.format(appno=appnos[0]))],
            editorial_status=EditorialStatus.INDEX_ONLY,
            classification_evidence=[Evidence(field="relevance", value="trafficking", rule=rule, passage=why)],
        )

    # metadata rows --------------------------------------------------------------
    def parse_metadata_rows(self, doc: RawDocument, rows: list[Any]) -> list[CaseRecord]:
        """One ``extracted`` record per Article 4 judgment in ECHR-OD metadata or a query-API page."""
        records: list[CaseRecord] = []
        kept_out = 0
        for n, columns in enumerate(rows, start=1):
            if not isinstance(columns, dict):
                self.report_problem(doc.name, f"row {n}", "not an object")
                continue
            try:
                row = row_from_columns(columns, doc.name)
            except ParseError as exc:
                self.report_problem(doc.name, f"row {n}.{exc.field}", exc.message)
                continue
            if not is_article4(row):
                kept_out += 1
                continue
            records.append(self._row_record(doc, row))
        if kept_out:
            self.note_skip(doc.name, f"{kept_out} judgment(s) not under Article 4")
        return records

    def _row_record(self, doc: RawDocument, row: HudocRow) -> CaseRecord:
        identifiers = [Identifier(type=IdentifierType.APPLICATION_NUMBER, value=a) for a in row.appnos]
        if row.ecli:
            identifiers.insert(0, Identifier(type=IdentifierType.ECLI, value=row.ecli))
        if row.itemid and re.fullmatch(r"\d{3}-\d{1,7}", row.itemid):
            identifiers.append(Identifier(type=IdentifierType.HUDOC_ITEMID, value=row.itemid))
        articles = sorted({a.split("-")[0] for a in row.articles if re.fullmatch(r"\d{1,2}(?:-.*)?", a)} | set(row.conclusions), key=int)
        substantive = [a for a in articles if 2 <= int(a) <= 18]
        provisions = [Provision(instrument=ECHR, section=f"Art. {a}") for a in substantive]
        evidence = [
            Evidence(field="relevance", value="trafficking", rule="hudoc-article-4", passage=f"Articles: {', '.join(row.articles)}"[:200])
        ]
        outcome_evidence = conclusion_evidence(row.conclusions, "hudoc-conclusion-metadata")
        if outcome_evidence:
            evidence.append(outcome_evidence)
        defendants_names = [_respondent_name(code) for code in row.respondents]
        title = _title_case(row.title) if _capitals(row.title) else row.title
        return CaseRecord(
            id=make_case_id("ecthr", row.date.year if row.date else None, title),
            title=title,
            jurisdiction="ECHR",
            court=Court(id="ecthr", name=_chamber_name(row.chamber)),
            court_level=CourtLevel.INTERNATIONAL,
            decision_date=row.date,
            identifiers=identifiers,
            provisions=provisions,
            outcome=overall_outcome(row.conclusions),
            defendants=_states(defendants_names),
            sources=[
                self.source_entry(doc, url=ITEM_URL.format(itemid=row.itemid) if row.itemid else SEARCH_URL.format(appno=row.appnos[0]))
            ],
            editorial_status=EditorialStatus.EXTRACTED,
            classification_evidence=evidence,
        )

    # judgment text --------------------------------------------------------------
    def parse_paragraph_json(self, doc: RawDocument, data: dict[str, Any]) -> list[CaseRecord]:
        """A judgment (HEJUD) or legal summary (CLIN) from paragraph JSON; communicated cases give no record."""
        paragraphs = data.get("text_paragraphs")
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            raise ParseError(doc.name, "text_paragraphs", "expected a list of strings")
        doc_type = str(data.get("doc_type") or "").upper()
        if doc_type == "HECOM":
            self.note_skip(doc.name, "communicated case: a statement of facts, not a decision")
            return []
        if doc_type == "CLIN":
            return self.parse_legal_summary(doc, paragraphs)
        if doc_type not in ("HEJUD", "HFJUD", "JUD", ""):
            raise ParseError(doc.name, "doc_type", f"unsupported document type {doc_type!r}")
        return self.parse_judgment(doc, paragraphs, itemid=None)

    def parse_judgment_html(self, doc: RawDocument, text: str) -> list[CaseRecord]:
        """A judgment from the HTML of HUDOC's conversion endpoint (one paragraph per block element)."""
        try:
            tree = lxml_html.fromstring(text)
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(doc.name, "(html)", f"unreadable HTML: {exc}") from None
        paragraphs = [" ".join(el.text_content().split()) for el in tree.iter("p", "h1", "h2", "h3", "h4", "li", "td")]
        query = parse_qs(urlsplit(doc.url).query)
        itemid = query["id"][0] if query.get("id") else None
        return self.parse_judgment(doc, [p for p in paragraphs if p], itemid=itemid)

    def parse_judgment(self, doc: RawDocument, paragraphs: list[str], itemid: str | None) -> list[CaseRecord]:
        """Facts, conclusions and classification from the paragraphs of a judgment."""
        lines = [p.strip() for p in paragraphs if p and p.strip()]
        if not lines:
            raise ParseError(doc.name, "text_paragraphs", "no text")
        heading = next((p for p in lines[:15] if re.match(r"^(?:CASE OF|AFFAIRE)\b", p)), None)
        in_case = next((p for p in lines[:30] if p.startswith("In the case of ")), None)
        if heading is None and in_case is None:
            raise ParseError(doc.name, "title", "no 'CASE OF …' heading nor 'In the case of …' line")
        first_block = "\n".join(lines[:40])
        appnos = application_numbers(first_block)
        if not appnos:
            raise ParseError(doc.name, "application_number", "no '(Application no. …)' in the heading")
        date = next((parse_date(m[1]) for p in lines[:20] if (m := _JUDGMENT_DATE.match(p))), None)
        if date is None:
            notified = re.search(r"notified in writing on (\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", "\n".join(lines[-40:]))
            date = parse_date(notified[1]) if notified else None
        if date is None:
            raise ParseError(doc.name, "decision_date", "no judgment date in the heading or the closing formula")
        facts_at = next((i for i, p in enumerate(lines) if p.strip().upper() in ("THE FACTS", "AS TO THE FACTS")), min(len(lines), 60))
        respondents = _respondents("\n".join(lines[:facts_at]))
        title = _judgment_title(in_case, heading, respondents)
        if re.search(r"(?:\bv\.|\band|\bthe)$", title):
            raise ParseError(doc.name, "title", f"{title!r} lost the respondent state and the text names no government to restore it")
        section = _SECTION.search(first_block)
        operative_at = next((i for i, p in enumerate(lines) if p.upper().startswith("FOR THESE REASONS")), None)
        conclusions = _operative_conclusions(lines[operative_at + 1 :]) if operative_at is not None else {}
        body = "\n".join(_without_materials(lines))
        identifiers: list[Identifier] = []
        ecli = ECLI.search("\n".join(lines[:40]))
        if ecli:
            identifiers.append(Identifier(type=IdentifierType.ECLI, value=ecli[0]))
        identifiers += [Identifier(type=IdentifierType.APPLICATION_NUMBER, value=a) for a in appnos]
        if itemid and re.fullmatch(r"\d{3}-\d{1,7}", itemid):
            identifiers.append(Identifier(type=IdentifierType.HUDOC_ITEMID, value=itemid))
        _ids, cited = find_citations(body, convention=ECHR)
        provisions = [Provision(instrument=ECHR, section=f"Art. {a}") for a in sorted(conclusions, key=int)]
        article4 = Provision(instrument=ECHR, section="Art. 4")
        if article4 in cited and article4 not in provisions:
            provisions.append(article4)
        provisions += [p for p in cited if p.instrument != ECHR and p not in provisions]
        result = classify(body, provisions, names=applicant_stems(title))
        if not result.is_trafficking():
            return []
        evidence = list(result.evidence)
        if _exceptions_only(conclusions, body):
            # Jury service, fire-brigade levies, military or prison work: Article 4 § 3 says these are not
            # forced labour, so the words the judgment quotes from Article 4 say nothing about trafficking.
            evidence = [e for e in evidence if e.field == "relevance"]
            evidence.append(Evidence(field="relevance", value="article_4_exceptions", rule="hudoc-article-4-3", passage=EXCEPTIONS_NOTE))
            result = Classification()
        outcome_evidence = conclusion_evidence(conclusions, "hudoc-operative-part")
        if outcome_evidence:
            evidence.append(outcome_evidence)
        chamber = f"{COURT_NAME} ({section[1]})" if section else COURT_NAME
        return [
            _extracted_judgment(
                title,
                date,
                chamber,
                result,
                evidence,
                identifiers=identifiers,
                provisions=provisions,
                outcome=overall_outcome(conclusions),
                defendants=_states([name.removeprefix("the ") for _code, name in respondents]),
                sources=[self.source_entry(doc, url=ITEM_URL.format(itemid=itemid) if itemid else SEARCH_URL.format(appno=appnos[0]))],
            )
        ]

    def parse_legal_summary(self, doc: RawDocument, paragraphs: list[str]) -> list[CaseRecord]:
        """A record from a HUDOC legal summary (Information Note): title, number, date, Articles, keywords, conclusion."""
        lines = [p.strip() for p in paragraphs if p and p.strip()]
        head = next((m for p in lines[:6] if (m := _CLIN_HEAD.match(p))), None)
        if head is None:
            raise ParseError(doc.name, "title", "no 'X v. Y - <application no.>' line")
        dated = next((m for p in lines[:8] if (m := _CLIN_DATE.match(p))), None)
        if dated is None:
            raise ParseError(doc.name, "decision_date", "no 'Judgment d.m.yyyy' line")
        date = parse_date(dated[1])
        if date is None:
            raise ParseError(doc.name, "decision_date", f"not a date: {dated[1]!r}")
        title = head["title"].strip()
        appnos = re.findall(r"\d{1,6}/\d{2}", head["appnos"])
        keywords_end = next((i for i, p in enumerate(lines) if p.startswith(("Facts", "Law"))), len(lines))
        headings = lines[: keywords_end - 1] if keywords_end > 1 else []
        articles = sorted({m[1] for p in headings if (m := re.fullmatch(r"Article (\d{1,2})(?:-\d+)?", p))}, key=int)
        keywords = [p for p in headings[4:] if not p.startswith("Article ")]
        body = "\n".join(lines)
        conclusions: dict[str, set[Outcome]] = {}
        for i, p in enumerate(lines):
            m = re.match(r"Conclusion:\s*(no violation|violation|inadmissible)", p, re.IGNORECASE)
            if not m:
                continue
            article = next((a[1] for q in reversed(lines[:i]) if (a := re.match(r"(?:Law:?\s*)?Article (\d{1,2})\b", q))), None)
            if article and m[1].lower() != "inadmissible":
                conclusions.setdefault(article, set()).add(Outcome.NO_VIOLATION if m[1].lower().startswith("no") else Outcome.VIOLATION)
        provisions = [Provision(instrument=ECHR, section=f"Art. {a}") for a in sorted(set(articles) | set(conclusions), key=int)]
        result = classify(body + "\n" + "\n".join(keywords), provisions, names=applicant_stems(title))
        if not result.is_trafficking():
            return []
        outcome = overall_outcome(conclusions)
        evidence = list(result.evidence)
        if keywords:
            evidence.append(Evidence(field="relevance", value="trafficking", rule="hudoc-keywords", passage="; ".join(keywords)[:200]))
        outcome_evidence = conclusion_evidence(conclusions, "hudoc-legal-summary-conclusion")
        if outcome_evidence:
            evidence.append(outcome_evidence)
        if outcome is None and any(re.match(r"Conclusion:\s*inadmissible", p, re.IGNORECASE) for p in lines):
            only_inadmissible = all(
                re.match(r"Conclusion:\s*inadmissible", p, re.IGNORECASE) for p in lines if p.lower().startswith("conclusion:")
            )
            if only_inadmissible:
                outcome = Outcome.DISMISSED
        chamber = f"{COURT_NAME} ({_section_name(dated[2])})" if dated[2] else COURT_NAME
        return [
            _extracted_judgment(
                title,
                date,
                chamber,
                result,
                evidence,
                identifiers=[Identifier(type=IdentifierType.APPLICATION_NUMBER, value=a) for a in appnos],
                provisions=provisions,
                outcome=outcome,
                sources=[self.source_entry(doc, url=SEARCH_URL.format(appno=appnos[0]))],
            )
        ]


def _extracted_judgment(
    title: str, date: datetime.date, chamber: str, result: Classification, evidence: list[Evidence], **fields: Any
) -> CaseRecord:
    """A machine-extracted ECtHR record: the Court, the chamber, the classification and its evidence, plus ``fields``."""
    return CaseRecord(
        id=make_case_id("ecthr", date.year, title),
        title=title,
        jurisdiction="ECHR",
        court=Court(id="ecthr", name=chamber),
        court_level=CourtLevel.INTERNATIONAL,
        decision_date=date,
        **result.tags(),
        **fields,
        editorial_status=EditorialStatus.EXTRACTED,
        classification_evidence=evidence,
    )


def _states(names: list[str]) -> Defendants | None:
    """Respondent states as the defendants aggregate (legal persons, named)."""
    return Defendants(count=len(names), legal_persons=len(names), names=names) if names else None


def applicant_stems(title: str) -> list[str]:
    """Surnames on the applicant's side of a title, to redact from quoted passages.

    A victim is often the applicant or the applicant's relative and shares the surname
    ("Rantsev" → "Rantseva"); quoted evidence must not name her.
    """
    applicants = title.split(" v. ", 1)[0]
    return [w for w in re.findall(r"[^\W\d_]{4,}", applicants) if w[0].isupper() and w.lower() not in {"others", "and"}]


def _capitals(title: str) -> bool:
    """True for a HUDOC name in capitals ("S.M. v. CROATIA"): everything but the "v." is upper case."""
    return re.sub(r"\bv\.", "", title).isupper()


def _title_case(title: str) -> str:
    """Mixed case for an all-capitals HUDOC name ("RANTSEV v. CYPRUS AND RUSSIA" → "Rantsev v. Cyprus and Russia")."""
    small = {"and", "of", "the", "v.", "v"}
    words = []
    for i, word in enumerate(title.split()):
        lower = word.lower()
        if i > 0 and lower in small:
            words.append(lower)
        elif re.fullmatch(r"(?:[A-Z]\.)+,?", word):
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def _section_name(label: str) -> str:
    """The Information Notes' "Section II" as the judgments write it ("Second Section"); other labels unchanged."""
    ordinals = {"I": "First", "II": "Second", "III": "Third", "IV": "Fourth", "V": "Fifth"}
    m = re.fullmatch(r"Section\s+([IV]+)", label.strip())
    return f"{ordinals[m[1]]} Section" if m and m[1] in ordinals else label.strip()


def _respondent_name(code: str) -> str:
    for alpha3, name in GOVERNMENTS.values():
        if alpha3 == code:
            return name.removeprefix("the ")
    return code


def _respondents(text: str) -> list[tuple[str, str]]:
    """``(alpha-3, name)`` of each respondent government named in the procedure section, in order of mention."""
    found: list[tuple[str, str]] = []
    for m in _GOVERNMENT.finditer(text):
        for word in re.split(r"\s*(?:,|\band\b)\s*", m[1]):
            hit = GOVERNMENTS.get(word.strip())
            if hit and hit not in found:
                found.append(hit)
    if not found:
        by_name = {name.removeprefix("the "): (code, name) for code, name in GOVERNMENTS.values()}
        for m in _AGAINST.finditer(text):
            hit = by_name.get(m[1])
            if hit and hit not in found:
                found.append(hit)
    return found


def _judgment_title(in_case: str | None, heading: str | None, respondents: list[tuple[str, str]]) -> str:
    """The case title, completed with the respondent states where the saved text lost them.

    The paragraph JSON lost place names ("In the case of Rantsev v. Cyprus and ,"): a
    title ending in "v." or "and" is completed from the governments the text names.
    """
    title = in_case.removeprefix("In the case of ").rstrip(" ,") if in_case else _title_case(clean_title(heading or ""))
    title = " ".join(title.split())
    if re.search(r"(?:\bv\.|\band|\bthe)$", title) and respondents:
        present = title.split(" v. ", 1)[1] if " v. " in title else ""
        missing = [name for _code, name in respondents if name.removeprefix("the ").lower() not in present.lower()]
        if missing:
            if title.endswith(" the") and missing[0].startswith("the "):
                title = title.removesuffix(" the")  # "C.N. v. the" lost "United Kingdom", not its article
            title = f"{title} {' and '.join(missing)}"
    return title.strip(" ,")


EXCEPTIONS_NOTE = "Article 4 § 3 exceptions only: no finding under Article 4 itself"
_ARTICLE_4_3 = re.compile(r"Article 4 (?:§|para\.)\s*3\b")


def _exceptions_only(conclusions: dict[str, set[Outcome]], body: str) -> bool:
    """True for a judgment on the Article 4 § 3 exceptions (civic obligations, military or prison work) alone.

    Such a judgment holds nothing under Article 4 itself (its findings are under Article 14 taken with it),
    and the text relies on paragraph 3, the list of what is *not* forced or compulsory labour.
    """
    return "4" not in conclusions and _ARTICLE_4_3.search(body) is not None


def _operative_conclusions(lines: list[str]) -> dict[str, set[Outcome]]:
    """Per-Article findings from the operative paragraphs ("Holds that there has been a violation of Article 4…")."""
    found: dict[str, set[Outcome]] = {}
    for line in lines:
        if line.startswith("Done in") or "OPINION" in line[:60].upper():
            break
        text = " ".join(line.split())
        negative, positive = _NEGATIVE.search(text), _POSITIVE.search(text)
        match = negative or positive
        if match is None:
            continue
        article = _CONCLUSION_ARTICLE.search(text, match.end())
        if article is None:
            continue
        numbers = [article[1], *re.findall(r"\d{1,2}", article[2] or "")]
        outcome = Outcome.NO_VIOLATION if negative else Outcome.VIOLATION
        for number in numbers:
            found.setdefault(number, set()).add(outcome)
    return found


def _without_materials(lines: list[str]) -> list[str]:
    """The judgment without its "relevant domestic/international law and material" sections.

    Those sections quote the definitions of the Palermo Protocol and the Trafficking
    Convention word for word; classifying them would tag every act and means whatever
    the facts were.
    """
    kept: list[str] = []
    skipping = False
    for line in lines:
        upper = line.upper()
        if re.match(r"^[IVX]+\.\s+RELEVANT\b", upper) or re.match(r"^RELEVANT\s+(?:DOMESTIC|INTERNATIONAL|LEGAL)", upper):
            skipping = True
            continue
        if upper.startswith("THE LAW") or upper.startswith("FOR THESE REASONS"):
            skipping = False
        if not skipping:
            kept.append(line)
    return kept
