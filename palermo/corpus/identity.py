"""When two records are the same case: the keys that identify a decision, and the duplicate report.

A record is the same decision as another when they share a strong key:

* an identifier that names one decision: ECLI, neutral citation, reporter citation, HUDOC item id,
  CourtListener cluster, UNODC number, an application number (with the court), a docket number
  (with the court);
* the canonical address of the source's page for the case: SHERLOC's case-brief URL is keyed by the
  path after the crime-type folder (``usa/2008/united_states_v._kaufman``), because SHERLOC files
  a case under several crime types and has served it from two hosts.

Titles never decide identity; near-identical titles of the same year and place are only offered to an
editor (:func:`likely_pairs`). A trial judgment and its appeal are two decisions: they share no
decision identifier and are linked with ``related`` instead (see ``docs/methodology.md``).
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from palermo.model.jurisdictions import is_international
from palermo.model.schema import CaseRecord
from palermo.model.vocab import IdentifierType

SHERLOC_CASE_URL = re.compile(
    r"https?://(?:www\.|sherloc\.)?unodc\.org/cld/(?:[a-z]{2}/)?case-law-doc/(?P<crime>[a-z]+)/(?P<iso>[a-z_]{3,4})/"
    r"(?:(?P<year>\d{4}|YYYY)/+)?(?P<slug>[^?#/\s]+?)\.html",
    re.IGNORECASE,
)
"""A SHERLOC case brief, on either host, under any crime-type folder, with or without a year."""

COURT_SCOPED = frozenset({IdentifierType.DOCKET_NUMBER, IdentifierType.APPLICATION_NUMBER})
"""Identifiers unique only within one court: a docket number's key carries the court, an application
number's the international court it was lodged with (its jurisdiction code, ``ECHR``)."""

WEAK = frozenset({IdentifierType.UNODC_NUMBER})
"""Identifiers a source has been seen to give two different cases (SHERLOC's USA174): they identify a
decision only when the two records are at most a year apart."""


def sherloc_case_key(url: str) -> str | None:
    """``<iso3>/<year>/<slug>`` of a SHERLOC case-brief URL, crime-type folder and host left out; else None."""
    m = SHERLOC_CASE_URL.search(url)
    if m is None:
        return None
    year = m["year"] if m["year"] and m["year"].isdigit() else "-"
    return f"{m['iso'].lower()}/{year}/{urllib.parse.unquote(m['slug']).lower().rstrip('_')}"


def document_key(url: str) -> str | None:
    """The canonical key of a source page that describes one case (``sherloc:<path>``), or None."""
    key = sherloc_case_key(url)
    return f"sherloc:{key}" if key else None


def identifier_keys(record: CaseRecord) -> list[tuple[str, str]]:
    """``(kind, value)`` of each identifier; docket and application numbers carry the court (``docket_number@ca9``)."""
    keys = []
    for ident in record.identifiers:
        kind = ident.type.value
        if ident.type is IdentifierType.APPLICATION_NUMBER:
            kind = f"{kind}@{record.jurisdiction.lower()}"
        elif ident.type in COURT_SCOPED:
            kind = f"{kind}@{record.court.id if record.court else record.jurisdiction.lower()}"
        keys.append((kind, ident.value.casefold()))
    return keys


def identity_keys(record: CaseRecord) -> list[tuple[str, str]]:
    """Every strong key of a record: its identifiers and the canonical keys of the case pages it cites."""
    keys = identifier_keys(record)
    for source in record.sources:
        key = document_key(source.url)
        if key:
            keys.append(("document", key))
    return keys


def is_weak(kind: str) -> bool:
    """True for a key kind that identifies a decision only together with a close year."""
    return kind.split("@", 1)[0] in {t.value for t in WEAK}


def years_apart(a: CaseRecord, b: CaseRecord) -> bool:
    """True when two records are over a year apart."""
    return a.year is not None and b.year is not None and abs(a.year - b.year) > 1


@dataclass(frozen=True)
class DuplicateGroup:
    """Records that share a strong key: the same decision listed more than once."""

    ids: tuple[str, ...]
    keys: tuple[str, ...]
    """The shared keys, as ``kind=value``."""


def duplicate_groups(records: Sequence[CaseRecord]) -> list[DuplicateGroup]:
    """Groups of records sharing a strong key (connected through any chain of shared keys), largest first."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        for key in set(identity_keys(record)):
            by_key[key].append(i)
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shared: dict[tuple[str, str], list[int]] = {}
    for key, members in by_key.items():
        if len(members) < 2:
            continue
        if is_weak(key[0]):
            first = records[members[0]]
            members = [m for m in members if not years_apart(first, records[m])]
            if len(members) < 2:
                continue
        shared[key] = members
        for m in members[1:]:
            parent[find(m)] = find(members[0])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[find(i)].append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = tuple(sorted(records[m].id for m in members))
        keys = tuple(sorted(f"{kind}={value}" for (kind, value), ms in shared.items() if set(ms) <= set(members)))
        out.append(DuplicateGroup(ids, keys))
    return sorted(out, key=lambda g: (-len(g.ids), g.ids))


GENERIC_WORDS = frozenset(
    [
        "a",
        "and",
        "appeal",
        "application",
        "applicant",
        "accused",
        "ca",
        "case",
        "cases",
        "court",
        "crim",
        "criminal",
        "crown",
        "decision",
        "defendant",
        "district",
        "dosar",
        "federal",
        "first",
        "for",
        "high",
        "in",
        "instance",
        "judgment",
        "kingdom",
        "n",
        "no",
        "nr",
        "of",
        "on",
        "others",
        "otros",
        "outros",
        "autres",
        "et",
        "al",
        "aka",
        "verdict",
        "docket",
        "number",
        "ors",
        "people",
        "prosecutor",
        "prosecution",
        "processo",
        "public",
        "queen",
        "r",
        "regina",
        "republic",
        "s",
        "state",
        "states",
        "supreme",
        "the",
        "tribunal",
        "uoi",
        "united",
        "v",
        "vs",
        "america",
        "government",
        "ministry",
    ]
)
"""Words every title has: they say nothing about which case it is."""


def title_signature(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """The distinctive words (names) and the numbers of a title, accents and case folded."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    numbers = frozenset(n for n in (re.sub(r"\D", "", t) for t in re.findall(r"[\w./-]*\d[\w./-]*", text)) if len(n) >= 3)
    words = frozenset(w for w in re.findall(r"[a-z]{2,}", re.sub(r"[\w./-]*\d[\w./-]*", " ", text)) if w not in GENERIC_WORDS)
    return words, numbers


COMMON_TITLE_WORD = 6
"""A word in more titles than this is taken for part of a title's form, not a party's name."""


@dataclass(frozen=True)
class LikelyPair:
    """Two records an editor should look at: the same names (or the same case number) within a year."""

    first: str
    second: str
    reason: str


def _likely(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> str | None:
    words_a, numbers_a = a
    words_b, numbers_b = b
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return None  # two different case numbers: two cases
    if numbers_a & numbers_b and sum(len(n) for n in numbers_a & numbers_b) >= 8:
        return f"same case number {sorted(numbers_a & numbers_b)[0]}"
    if words_a and words_b and (words_a <= words_b or words_b <= words_a) and any(len(w) >= 4 for w in words_a & words_b):
        return f"same names: {', '.join(sorted(words_a & words_b))}"
    return None


def _citations_in_titles(records: Sequence[CaseRecord]) -> list[LikelyPair]:
    """Pairs where one record's title spells out another record's citation ("… 2013 Ewca Crim 991")."""
    cited: dict[str, str] = {}
    for record in records:
        for ident in record.identifiers:
            if ident.type in (IdentifierType.NEUTRAL_CITATION, IdentifierType.REPORTER_CITATION, IdentifierType.ECLI):
                cited[" ".join(re.findall(r"[a-z0-9]+", ident.value.lower()))] = record.id
    pairs = []
    for record in records:
        title = " " + " ".join(re.findall(r"[a-z0-9]+", record.title.lower())) + " "
        for citation, holder in cited.items():
            if holder != record.id and f" {citation} " in title:
                first, second = sorted((record.id, holder))
                pairs.append(LikelyPair(first, second, f"title cites {citation}"))
    return pairs


def likely_pairs(records: Sequence[CaseRecord], known: Iterable[DuplicateGroup] = ()) -> list[LikelyPair]:
    """Pairs of records an editor should compare, not already grouped by a shared key: titles that name the same
    parties or the same case number within a year (an undated record is compared with every year), and titles that
    spell out another record's citation.

    A national record is compared with an international court's too: SHERLOC files a European Court judgment
    under the respondent state.
    """
    in_group = {case_id: frozenset(g.ids) for g in known for case_id in g.ids}
    signatures = {r.id: title_signature(r.title) for r in records}
    frequency: Counter[str] = Counter(w for words, _numbers in signatures.values() for w in words)
    # a word in many titles ("causa", "anonymous", "kpid") is a form of title, not a party's name
    signatures = {
        case_id: (frozenset(w for w in words if frequency[w] <= COMMON_TITLE_WORD), numbers)
        for case_id, (words, numbers) in signatures.items()
    }
    dated = sorted((r for r in records if r.year is not None), key=lambda r: (r.year or 0, r.id))
    undated = [r for r in records if r.year is None]
    found: dict[tuple[str, str], str] = {}

    def consider(a: CaseRecord, b: CaseRecord) -> None:
        if a.id in in_group and in_group[a.id] == in_group.get(b.id):
            return
        if a.jurisdiction != b.jurisdiction and not (is_international(a.jurisdiction) or is_international(b.jurisdiction)):
            return
        reason = _likely(signatures[a.id], signatures[b.id])
        if reason:
            found.setdefault(tuple(sorted((a.id, b.id))), reason)  # type: ignore[arg-type]

    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if (b.year or 0) - (a.year or 0) > 1:
                break
            consider(a, b)
    for i, a in enumerate(undated):
        for b in [*undated[i + 1 :], *dated]:
            consider(a, b)
    for pair in _citations_in_titles(records):
        key = (pair.first, pair.second)
        if not (pair.first in in_group and in_group[pair.first] == in_group.get(pair.second)):
            found.setdefault(key, pair.reason)
    return [LikelyPair(first, second, reason) for (first, second), reason in sorted(found.items())]
