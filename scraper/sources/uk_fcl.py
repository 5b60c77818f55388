"""Find Case Law — judgments of the courts and tribunals of England and Wales and the UK, from The National Archives.

Source: Find Case Law (The National Archives)
Id: uk_fcl
URL: https://caselaw.nationalarchives.gov.uk/
Maintainer: Palermo scraper maintainers
History:
    - 2026-11-23: first version. Reads LegalDocML (Akoma Ntoso) judgments in both flavours
      Find Case Law has served (the 2021-22 one with relative FRBR URIs and ``uk:`` bound to
      ``https:/judgments.gov.uk/``; the current one with https URIs, ``uk:parser``, ``<party>``
      and ``<judge>``), press summaries, and the Atom search feed. Live: the feed for
      trafficking searches, then each judgment's ``data.xml``.

What each document gives:
    - judgment XML: neutral citation, court (``uk:court`` and its TLCOrganization name), date,
      docket number(s), parties with their roles (kept for matching and tests, never written
      to the record except respondents that are public bodies or companies: appellants and
      claimants in these cases are often the victims), judges, provisions cited, and the
      classification. A judgment that neither cites a trafficking provision (Modern Slavery
      Act 2015, ECHR Art. 4, the Trafficking Convention, the EU Directive) nor uses trafficking
      phrases yields no record.
    - press summary XML: no record of its own (it summarises a judgment, whose record it would
      duplicate); the report notes the judgment it belongs to.
    - Atom feed: ``index_only`` records when the feed is a trafficking search (its self link's
      ``query`` says so), else none; live runs use it to find ``data.xml`` links.
Licence: Open Justice Licence. It does not cover computational analysis in bulk, which
needs a separate (free) transactional licence from The National Archives: a live run
requires ``--licence-confirmed``, and every Source entry names the licence. Judgment text
is not kept in records.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from palermo.model.schema import CaseRecord, Court, Defendants, Evidence, Identifier
from palermo.model.vocab import CourtLevel, EditorialStatus, IdentifierType
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.classify import classify
from scraper.fetch import FetchError
from scraper.normalise import NEUTRAL_CITATION, find_citations, make_case_id, neutral_citations, parse_date

BASE = "https://caselaw.nationalarchives.gov.uk"
LICENCE = "Open Justice Licence (The National Archives); computational analysis in bulk needs a separate transactional licence"
SEARCHES = ("trafficking", "modern slavery", "forced labour", "servitude")
"""Queries a live run sends to the feed: what a trafficking judgment is likely to say."""

COURT_LEVELS: dict[str, CourtLevel] = {
    "UKSC": CourtLevel.APEX,
    "UKHL": CourtLevel.APEX,
    "UKPC": CourtLevel.APEX,
    "EWCA": CourtLevel.APPELLATE,
    "EAT": CourtLevel.APPELLATE,
    "UKEAT": CourtLevel.APPELLATE,
    "UKUT": CourtLevel.APPELLATE,
    "EWHC": CourtLevel.FIRST_INSTANCE,
    "EWCOP": CourtLevel.FIRST_INSTANCE,
    "EWFC": CourtLevel.FIRST_INSTANCE,
    "UKFTT": CourtLevel.FIRST_INSTANCE,
    "UKET": CourtLevel.FIRST_INSTANCE,
}
COURT_NAMES = {"uksc": "Supreme Court of the United Kingdom", "ukpc": "Judicial Committee of the Privy Council", "ukhl": "House of Lords"}
"""Names for courts whose Find Case Law name is too bare ("The Supreme Court")."""


def court_id_from_citation(cite: str) -> str:
    """A court id from a neutral citation, as the corpus spells them: ``[2020] EWCA Civ 130`` → ``ewca-civ``.

    ``[2012] UKUT 82 (IAC)`` → ``ukut-iac``, ``[2014] EWHC 1234 (Admin)`` → ``ewhc-admin``, ``[2023] UKSC 42`` → ``uksc``.
    """
    m = NEUTRAL_CITATION.match(cite)
    if m is None:
        return ""
    parts = [m[2], m[3] or "", m[5] or ""]
    return "-".join(p.lower() for p in parts if p)


_PUBLIC_BODY = re.compile(
    r"\b(?:Secretary of State|Officer|Ministry|Minister|Department|Council|Commissioner|Crown Prosecution|Director of Public"
    r"|Chief Constable|Police|Home Office|Attorney|Lord Chancellor|Limited|Ltd|plc|LLP|Trust|Party|Authority|Agency|Board|University|College)\b",
    re.IGNORECASE,
)
_JUDGE_LINE = re.compile(
    r"^(?:THE\s+(?:RIGHT\s+)?HONOURABLE\s+|THE\s+HON\.?\s+)?(?:LORD|LADY|MR|MRS|MS|MISS|SIR|DAME|HHJ|HIS HONOUR|HER HONOUR|"
    r"(?:DEPUTY\s+)?(?:UPPER\s+TRIBUNAL\s+|DISTRICT\s+|EMPLOYMENT\s+)?JUDGE)\b",
    re.IGNORECASE,
)
_ON_APPLICATION = re.compile(r"^(?:R|The\s+(?:King|Queen))\.?\s*\(on\s+the\s+application\s+of\s+(.+)\)\s+v\s+", re.IGNORECASE)
_ANON = re.compile(r"(?:,\s*)?\bR\.?\s*\((?:on the application of|On the Application Of)\)\s*", re.IGNORECASE)


def _localise(root: etree._Element) -> None:
    """Drop namespaces from every tag: the two flavours bind ``uk:`` to different URIs."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(root)


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


@dataclass
class Judgment:
    """What a Find Case Law judgment says about itself."""

    uri: str
    name: str
    cite: str | None
    court_code: str | None
    court_name: str | None
    date: datetime.date | None
    year: int | None
    dockets: list[str] = field(default_factory=list)
    parties: list[tuple[str, str]] = field(default_factory=list)
    """``(name, role)`` in document order; roles lower case (appellant, respondent, claimant…)."""
    judges: list[str] = field(default_factory=list)
    text: str = ""


def short_name(name: str) -> str:
    """A short title: "R (on the application of)" dropped, "& Ors"/"& Anor" dropped, the Home Secretary as SSHD.

    ``"QSA & Ors, R. (On the Application Of) v Secretary of State for the Home Department & Anor"`` → ``"QSA v SSHD"``.
    """
    text = _ON_APPLICATION.sub(r"\1 v ", name)
    text = _ANON.sub(" ", text)
    text = re.sub(r"\s*(?:&|and)\s+(?:Ors|Anor|Others|Another)\b\.?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:The\s+)?Secretary of State for the Home(?:\s+Department)?\b", "SSHD", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*,\s*(?=\bv\b)", " ", text)
    return " ".join(text.split()).strip(" ,")


def _title_case(text: str, keep_initials: bool = True) -> str:
    """Mixed case for a name in capitals; short all-capital words stay (anonymised parties: MN, QSA, IXU)."""
    if not re.sub(r"\bv\b", "", text).isupper():
        return text
    small = {"v", "of", "the", "and", "for", "on", "in"}
    words = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if i and lower in small:
            words.append(lower)
        elif keep_initials and len(word) <= 3 and word.isalpha():
            words.append(word)  # initials used as anonymised names (MN, QSA, IXU)
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


class Source(BaseSource):
    """Trafficking, slavery and forced-labour judgments from Find Case Law (England and Wales, UK tribunals)."""

    source_id: ClassVar[str] = "uk_fcl"
    name: ClassVar[str] = "Find Case Law (The National Archives)"
    homepage: ClassVar[str] = f"{BASE}/"
    licence: ClassVar[str] = LICENCE
    default_base_url: ClassVar[str] = BASE
    requires_licence_confirmation: ClassVar[bool] = True
    offline_patterns: ClassVar[tuple[str, ...]] = ("*.xml",)
    saved_documents: ClassVar[str | None] = "tna-find-case-law"
    corpus_order: ClassVar[int | None] = 20

    # -- live --------------------------------------------------------------------
    def discover(self, since: datetime.date | None, limit: int | None) -> Iterator[RawDocument]:
        """Live: page through the Atom feed for each trafficking search (newest first), then fetch each ``data.xml``.

        Stops a search at the first entry published before ``since``; never fetches a judgment twice.
        """
        fetcher = self.require_fetcher()
        seen: set[str] = set()
        fetched = 0
        for query in self.options.get("queries", SEARCHES):
            page = 1
            while True:
                try:
                    feed = fetcher.get(
                        f"{self.base_url}/atom.xml", params={"query": query, "order": "-date", "page": page}, accept="application/atom+xml"
                    )
                except FetchError:
                    break
                yield feed
                try:
                    entries, has_next = self.feed_entries(feed)
                except ParseError:
                    break
                older = False
                for entry in entries:
                    if since and entry.published and entry.published < since:
                        older = True
                        break
                    if entry.data_url in seen or (limit is not None and fetched >= limit):
                        continue
                    seen.add(entry.data_url)
                    try:
                        yield fetcher.get(entry.data_url, accept="application/xml")
                        fetched += 1
                    except FetchError:
                        continue
                if older or not has_next or not entries or (limit is not None and fetched >= limit):
                    break
                page += 1

    # -- parsing -----------------------------------------------------------------
    def parse(self, doc: RawDocument) -> list[CaseRecord]:
        """A judgment, press summary or Atom feed, told apart by the root element."""
        root = self._root(doc)
        if root.tag == "feed":
            return self.parse_feed(doc, root)
        if root.tag != "akomaNtoso":
            raise ParseError(doc.name, "(xml)", f"root element is <{root.tag}>, expected <akomaNtoso> or an Atom <feed>")
        if root.find("doc[@name='pressSummary']") is not None:
            cite = _text(root.find(".//summaryOfCite")) or "an unnamed judgment"
            self.note_skip(doc.name, f"press summary of {cite}: no record of its own")
            return []
        if root.find("judgment") is None:
            raise ParseError(doc.name, "judgment", "no <judgment> element")
        judgment = self.read_judgment(doc, root)
        return self.judgment_records(doc, judgment)

    def _root(self, doc: RawDocument) -> etree._Element:
        if not doc.content.strip():
            raise ParseError(doc.name, "(document)", "empty document")
        try:
            root = etree.fromstring(doc.content, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
        except etree.XMLSyntaxError as exc:
            raise ParseError(doc.name, "(xml)", f"not well-formed XML: {exc}") from None
        _localise(root)
        return root

    def read_judgment(self, doc: RawDocument, root: etree._Element) -> Judgment:
        """The facts a judgment gives about itself, from either flavour.

        Raises:
            ParseError: when it has neither a neutral citation nor an FRBR URI, or a date that is not one.
        """
        work = root.find(".//FRBRWork")
        if work is None:
            raise ParseError(doc.name, "FRBRWork", "missing")
        this = (work.find("FRBRthis").get("value") if work.find("FRBRthis") is not None else "") or ""
        uri = re.sub(r"^https?://[^/]+/(?:id/)?", "", this).strip("/")
        name_el = work.find("FRBRname")
        name = " ".join((name_el.get("value") if name_el is not None else "").split())
        cite = _text(root.find(".//proprietary/cite")) or _text(root.find(".//neutralCitation")) or None
        if cite and not neutral_citations(cite):
            raise ParseError(doc.name, "cite", f"not a neutral citation: {cite!r}")
        if not cite and not uri:
            raise ParseError(doc.name, "cite", "no neutral citation and no FRBR URI")
        date = None
        for dated in work.findall("FRBRdate"):
            if dated.get("name") in ("judgment", "decision"):
                date = parse_date(dated.get("date") or "")
                if date is None:
                    raise ParseError(doc.name, "FRBRdate", f"not a date: {dated.get('date')!r}")
        year_text = _text(root.find(".//proprietary/year"))
        year = date.year if date else (int(year_text) if year_text.isdigit() else None)
        court_code = _text(root.find(".//proprietary/court")) or None
        author = work.find("FRBRauthor")
        court_name = None
        if author is not None and author.get("href", "").startswith("#"):
            org = root.find(f".//TLCOrganization[@eId='{author.get('href', '')[1:]}']")
            court_name = org.get("showAs") if org is not None else None
        if court_name is None and court_code:
            org = root.find(f".//TLCOrganization[@eId='{court_code.lower()}']")
            court_name = org.get("showAs") if org is not None else None
        header = root.find(".//header")
        dockets = [_text(d) for d in root.iter("docketNumber") if _text(d)]
        return Judgment(
            uri=uri,
            name=name,
            cite=neutral_citations(cite)[0] if cite else None,
            court_code=court_code,
            court_name=court_name,
            date=date,
            year=year,
            dockets=list(dict.fromkeys(dockets)),
            parties=_parties(root, header),
            judges=_judges(root, header),
            text=_text(root.find(".//judgmentBody")) or _text(root.find("judgment")),
        )

    def judgment_records(self, doc: RawDocument, judgment: Judgment) -> list[CaseRecord]:
        """A record when the judgment is about trafficking, else none."""
        _ids, provisions = find_citations(judgment.text)
        result = classify(judgment.text, provisions, names=_party_stems(judgment))
        if not result.is_trafficking():
            return []
        if judgment.year is None:
            raise ParseError(doc.name, "FRBRdate", "no judgment date and no year")
        title = _title_case(judgment.name) if judgment.name else (judgment.cite or judgment.uri)
        title = re.sub(r"(SECRETARY OF STATE FOR THE HOME|Secretary of State for the Home)$", r"\1 Department", title)
        short = short_name(title)
        identifiers = []
        if judgment.cite:
            identifiers.append(Identifier(type=IdentifierType.NEUTRAL_CITATION, value=judgment.cite))
        identifiers += [Identifier(type=IdentifierType.DOCKET_NUMBER, value=d) for d in judgment.dockets[:3]]
        prefix = (judgment.cite or "").split()[1] if judgment.cite else (judgment.court_code or "").split("-")[0].upper()
        court = None
        court_id = court_id_from_citation(judgment.cite) if judgment.cite else (judgment.court_code or "").lower()
        if court_id and (judgment.court_name or judgment.court_code):
            name = COURT_NAMES.get(court_id) or (judgment.court_name or judgment.court_code or prefix).removeprefix("The ")
            court = Court(id=court_id, name=name)
        respondents = [n for n, role in judgment.parties if role in ("respondent", "defendant") and _PUBLIC_BODY.search(n)]
        respondents = list(dict.fromkeys(_title_case(n) for n in respondents))
        public_url = f"{BASE}/{judgment.uri}" if judgment.uri else self.homepage
        evidence = list(result.evidence)
        return [
            CaseRecord(
                id=make_case_id("gbr", judgment.year, short),
                title=title,
                short_title=short if short != title else None,
                jurisdiction="GBR",
                court=court,
                court_level=COURT_LEVELS.get(prefix),
                decision_date=judgment.date,
                year=judgment.year,
                identifiers=identifiers,
                **result.tags(),
                provisions=provisions,
                defendants=Defendants(count=len(respondents), legal_persons=len(respondents), names=respondents) if respondents else None,
                judges=judgment.judges,
                sources=[self.source_entry(doc, url=public_url)],
                editorial_status=EditorialStatus.EXTRACTED,
                classification_evidence=evidence,
            )
        ]

    # Atom -----------------------------------------------------------------------
    def feed_entries(self, doc: RawDocument) -> tuple[list[FeedEntry], bool]:
        """The entries of an Atom feed page and whether a next page exists."""
        root = self._root(doc)
        if root.tag != "feed":
            raise ParseError(doc.name, "feed", f"root element is <{root.tag}>, not an Atom <feed>")
        return _entries(doc, root, self), root.find("link[@rel='next']") is not None

    def parse_feed(self, doc: RawDocument, root: etree._Element) -> list[CaseRecord]:
        """``index_only`` records from a feed that is a trafficking search; none from any other feed."""
        self_link = root.find("link[@rel='self']")
        query = " ".join(parse_qs(urlsplit(self_link.get("href", "") if self_link is not None else "").query).get("query", []))
        entries = _entries(doc, root, self)
        relevant = classify(query + " " + query).is_trafficking() or any(q in query.lower() for q in SEARCHES)
        if not relevant:
            self.note_skip(doc.name, f"feed of {len(entries)} judgment(s) for query {query!r}: not a trafficking search")
            return []
        records = []
        for entry in entries:
            year = entry.published.year if entry.published else None
            if entry.cite:
                cite_year = int(entry.cite[1:5])
                year = year or cite_year
            identifiers = [Identifier(type=IdentifierType.NEUTRAL_CITATION, value=entry.cite)] if entry.cite else []
            prefix = entry.cite.split()[1] if entry.cite else ""
            records.append(
                CaseRecord(
                    id=make_case_id("gbr", year, short_name(entry.title)),
                    title=entry.title,
                    jurisdiction="GBR",
                    court=Court(
                        id=court_id_from_citation(entry.cite), name=COURT_NAMES.get(court_id_from_citation(entry.cite), entry.court)
                    )
                    if entry.court and entry.cite
                    else None,
                    court_level=COURT_LEVELS.get(prefix),
                    decision_date=entry.published,
                    year=year,
                    identifiers=identifiers,
                    sources=[self.source_entry(doc, url=f"{BASE}/{entry.uri}" if entry.uri else self.homepage)],
                    editorial_status=EditorialStatus.INDEX_ONLY,
                    classification_evidence=[
                        Evidence(
                            field="relevance", value="trafficking", rule="uk-fcl-feed-query", passage=f"Find Case Law search for {query!r}"
                        )
                    ],
                )
            )
        return records


@dataclass
class FeedEntry:
    """One judgment listed in the Atom feed."""

    title: str
    uri: str
    cite: str | None
    published: datetime.date | None
    court: str | None
    data_url: str
    content_hash: str | None


def _entries(doc: RawDocument, root: etree._Element, source: BaseSource) -> list[FeedEntry]:
    entries = []
    for n, entry in enumerate(root.findall("entry"), start=1):
        where = f"entry {n}"
        title = _text(entry.find("title"))
        uri = _text(entry.find("uri")).strip("/")
        if not title:
            source.report_problem(doc.name, f"{where}.title", "missing")
            continue
        if not uri:
            source.report_problem(doc.name, f"{where}.tna:uri", "missing")
            continue
        identifier = next((_text(i) for i in entry.findall("identifier") if i.get("type") in (None, "ukncn")), "")
        cites = neutral_citations(identifier)
        if identifier and not cites:
            source.report_problem(doc.name, f"{where}.tna:identifier", f"not a neutral citation: {identifier!r}")
            continue
        published_text = _text(entry.find("published"))
        published = parse_date(published_text) if published_text else None
        if published_text and published is None:
            source.report_problem(doc.name, f"{where}.published", f"not a date: {published_text!r}")
            continue
        data_url = next(
            (link.get("href", "") for link in entry.findall("link") if link.get("href", "").endswith("data.xml")),
            f"{BASE}/{uri}/data.xml",
        )
        entries.append(
            FeedEntry(
                title=title,
                uri=uri,
                cite=cites[0] if cites else None,
                published=published,
                court=_text(entry.find("author/name")) or None,
                data_url=data_url,
                content_hash=_text(entry.find("contenthash")) or None,
            )
        )
    return entries


def _parties(root: etree._Element, header: etree._Element | None) -> list[tuple[str, str]]:
    """``(name, role)`` from ``<party as="#role">`` (both flavours when present), else from the header's "Between" block."""
    found: list[tuple[str, str]] = []
    for party in root.iter("party"):
        name = _text(party).strip(" ,")
        role = (party.get("as") or "").lstrip("#").lower()
        if name and (name, role) not in found:
            found.append((name, role))
    if found or header is None:
        return _merge_split_names(found)
    lines = [_text(p) for p in header.iter("p")]
    try:
        start = next(i for i, line in enumerate(lines) if line.lower().startswith("between"))
    except StopIteration:
        return []
    side: list[str] = []
    role = ""
    for line in lines[start + 1 :]:
        if not line or set(line) <= {"-", " "}:
            if side and role:
                break
            continue
        marker = re.search(r"\b(Claimants?|Appellants?|Respondents?|Defendants?|Applicants?|Interveners?)\b", line)
        if marker:
            role = marker[1].lower().rstrip("s")
            line = (line[: marker.start()] + line[marker.end() :]).strip()
        if re.fullmatch(r"(?:-\s*)?and\s*-?", line, re.IGNORECASE):
            for name in side:
                found.append((name, role or "claimant"))
            side, role = [], "respondent"
            continue
        if re.match(r"^(?:THE\s+(?:QUEEN|KING)\s+ON\s+THE\s+APPLICATION\s+OF)\b", line, re.IGNORECASE) or not line:
            continue
        if "(instructed by" in line or line.lower().startswith("hearing"):
            break
        side.append(line)
    for name in side:
        found.append((name, role or "respondent"))
    return _merge_split_names(found)


def _merge_split_names(parties: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join a party name split over two lines ("SECRETARY OF STATE FOR THE HOME" + "DEPARTMENT")."""
    merged: list[tuple[str, str]] = []
    for name, role in parties:
        if merged and merged[-1][1] == role and name.upper() in ("DEPARTMENT", "DEPARTMENT.") and merged[-1][0].upper().endswith("HOME"):
            merged[-1] = (f"{merged[-1][0]} {name}", role)
            continue
        if (name, role) not in merged:
            merged.append((name, role))
    return merged


def _judges(root: etree._Element, header: etree._Element | None) -> list[str]:
    """Judges from ``<judge>`` elements, else the header lines between "Before" and "Between"."""
    names = [_text(j).rstrip(" ,") for j in root.iter("judge") if _text(j)]
    if not names and header is not None:
        lines = [_text(p) for p in header.iter("p")]
        inside = False
        for line in lines:
            if re.search(r"\bBefore\s*:?\s*$", line):
                inside = True
                continue
            if line.lower().startswith("between"):
                break
            if inside and _JUDGE_LINE.match(line):
                names.append(line)
    return list(dict.fromkeys(_title_case(re.sub(r"\s*,\s*$", "", n), keep_initials=False) for n in names))


def _party_stems(judgment: Judgment) -> list[str]:
    """Surnames of the parties who are not public bodies, to redact from quoted passages."""
    stems = []
    for name, _role in judgment.parties:
        if _PUBLIC_BODY.search(name):
            continue
        stems += [w for w in re.findall(r"[^\W\d_]{4,}", name) if w.lower() not in {"queen", "king", "application", "others"}]
    return stems
