"""The browser search index: built with the lunr Python package, shipped in a compact layout that lunr.js loads.

One class collects the entries (:class:`BrowserIndex`), one function writes the
files (:func:`browser_index_files`). What makes it small compared with the
naive export (``lunr(...).serialize()`` plus every field stored):

* documents are referred to by their position (``"17"``), not their case id;
* postings are delta-encoded integer lists per term and field, with scores
  rounded to two decimals, and lunr.js rebuilds its inverted index and field
  vectors from them on load;
* every field is indexed whole: title, holdings, summary, provisions, the
  coding in words (offence types, Palermo elements, legal issues, ILO
  indicators), court and jurisdiction (``summary_terms`` can still keep only
  each summary's most distinctive terms, by lunr's own BM25 weight, for a
  smaller index);
* the document store keeps, column by column, only what a result line and the
  facets need, with vocabulary values as small integers and a short snippet;
* the whole is shipped in shards (:mod:`search_index.browser_shards`): a query
  fetches the metadata, the facet columns, the term shards of its words and the
  rows of the results it shows.

Text is analysed in Python exactly as the page's lunr.js pipeline analyses a
query (lunr's trimmer and stop words, then British/American folding, then
lunr's Porter stemmer), so the index can be built without lunr's slow per-token
pipeline.
"""

from __future__ import annotations

import gzip
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as Idf
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as LUNR_STOP_WORDS
from lunr.token_set import TokenSet
from lunr.vector import Vector

from palermo.model.facets import FACETS as REGISTRY
from palermo.model.facets import FacetSpec
from palermo.model.jurisdictions import jurisdiction_label, jurisdiction_name
from palermo.model.schema import CaseRecord
from search_index.analysis import PREFIX_FOLDS, TOKEN_PATTERN, WORD_FOLDS, fold
from search_index.browser_shards import ROWS_PER_FILE, SHARD_BYTES, shard_files
from search_index.natural import FEW_RESULTS, MIN_SHARE
from search_index.thesaurus import EXPANSION_WEIGHT, load_thesaurus

FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 10.0),
    ("holdings", 3.0),
    ("summary", 1.0),
    ("provisions", 2.0),
    ("labels", 2.0),
    ("court", 1.0),
    ("jurisdiction", 1.0),
)
"""lunr fields and their build-time boosts (title and holdings weigh most)."""

SUMMARY_TERMS: int | None = None
"""Summary terms kept per record, the most distinctive ones; ``None`` keeps the whole summary (the default,
so the browser finds every summary word the command line finds)."""

SCORE_SCALE = 100
"""Scores are shipped as integers: round(score × SCORE_SCALE)."""

SNIPPET_CHARS = 160
FORMAT = 1

_TRIM_START = re.compile(r"^\W+", re.ASCII)
_TRIM_END = re.compile(r"\W+$", re.ASCII)


@lru_cache(maxsize=300_000)
def _analyse_word(word: str) -> str:
    word = _TRIM_END.sub("", _TRIM_START.sub("", word))
    if not word or word in LUNR_STOP_WORDS:
        return ""
    return str(porter_stemmer.stem(fold(word)))


def lunr_terms(text: str) -> list[str]:
    """Terms of a text as the search page makes them from a query: the command line's words (``TOKEN_PATTERN``, so
    "§ 1589(a)" gives "1589" on both), then lunr.js's pipeline (trim, stop words, fold, stem)."""
    out = []
    for word in TOKEN_PATTERN.findall(text.lower()):
        if word:
            term = _analyse_word(word)
            if term:
                out.append(term)
    return out


def record_fields(record: CaseRecord) -> dict[str, str]:
    """The text of each lunr field of a record."""
    return {
        "title": " ".join(t for t in (record.title, record.short_title) if t),
        "holdings": " ".join(record.holdings),
        "summary": "\n".join(t for t in (record.summary, record.procedural_history) if t),  # as the command line
        "provisions": " ".join(p.cite for p in record.provisions),
        "labels": " ".join(
            term.label
            for term in (
                *record.offence_types,
                *record.palermo.acts,
                *record.palermo.means,
                *record.palermo.purposes,
                *record.legal_issues,
                *record.ilo_indicators,
            )
        ),
        "court": record.court.name if record.court else "",
        "jurisdiction": f"{record.jurisdiction} {jurisdiction_name(record.jurisdiction) or ''}",
    }


def snippet(record: CaseRecord, chars: int = SNIPPET_CHARS) -> str:
    """The opening of the summary (or of the first holding), cut at a word."""
    text = " ".join((record.summary or (record.holdings[0] if record.holdings else "")).split())
    return text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + " …"


class _CountsBuilder(Builder):
    """lunr.py's Builder fed with analysed terms, scoring with lunr's BM25 (same k1, b, idf and boosts).

    ``add_terms`` skips lunr's per-token objects (text is analysed once, with
    caching, by :func:`lunr_terms`); ``scored_postings`` computes the scores
    lunr's ``_create_field_vectors`` would, straight into per-term lists.
    """

    def add_terms(self, doc_ref: str, fields: dict[str, list[str]]) -> None:
        self._documents[doc_ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            terms = fields.get(field_name, [])
            counts = Counter(terms)
            field_ref = str(FieldRef(doc_ref, field_name))
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = {}

    def scored_postings(self, keep: dict[str, int]) -> dict[str, dict[str, list[tuple[int, float]]]]:
        """``{term: {field: [(doc position, score)]}}``; for a field in ``keep`` only each document's best terms stay."""
        self._calculate_average_field_lengths()
        k1, b = self._k1, self._b
        idf_cache: dict[str, float] = {}
        out: dict[str, dict[str, list[tuple[int, float]]]] = defaultdict(lambda: defaultdict(list))
        for field_ref, frequencies in self.field_term_frequencies.items():
            field_name, doc_ref = field_ref.split("/", 1)
            length_ratio = self.field_lengths[field_ref] / (self.average_field_length[field_name] or 1)
            boost = self._fields[field_name].boost
            scored = []
            for term, tf in frequencies.items():
                idf = idf_cache.get(term)
                if idf is None:
                    idf = idf_cache[term] = Idf(self.inverted_index[term], self.document_count)
                scored.append((term, idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * length_ratio) + tf) * boost))
            if field_name in keep and len(scored) > keep[field_name]:
                scored = heapq.nlargest(keep[field_name], scored, key=lambda ts: ts[1])
            doc = int(doc_ref)
            for term, score in scored:
                out[term][field_name].append((doc, score))
        return out


@dataclass
class BrowserIndex:
    """Collects records and builds the compact browser index and document store."""

    summary_terms: int | None = SUMMARY_TERMS
    records: list[CaseRecord] = field(default_factory=list)

    def add(self, record: CaseRecord) -> None:
        """Add one record (its position becomes its lunr ref)."""
        self.records.append(record)

    def extend(self, records: Iterable[CaseRecord]) -> None:
        """Add records."""
        for record in records:
            self.add(record)

    def _builder(self) -> _CountsBuilder:
        builder = _CountsBuilder()
        builder.ref("ref")
        for name, boost in FIELDS:
            builder.field(name, boost=boost)
        for i, record in enumerate(self.records):
            texts = record_fields(record)
            builder.add_terms(str(i), {name: lunr_terms(texts[name]) for name, _ in FIELDS})
        return builder

    def build_lunr(self) -> Any:
        """A complete lunr.py ``Index`` of the records, as lunr.js would load it (used by tests to check the compact layout)."""
        return self._builder().build()

    def compact_index(self) -> dict[str, Any]:
        """``{"fields", "terms", "postings"}``: for term ``k`` and field ``f``, ``postings[k][f]`` is
        ``[doc delta, score × SCORE_SCALE, doc delta, score…]``; a field without the term is ``0``."""
        names = [name for name, _ in FIELDS]
        by_term = self._builder().scored_postings(keep={"summary": self.summary_terms} if self.summary_terms else {})
        postings = []
        terms = sorted(by_term)
        for term in terms:
            row: list[Any] = []
            for name in names:
                plist = by_term[term].get(name)
                if not plist:
                    row.append(0)
                    continue
                plist.sort()
                flat: list[int] = []
                last = 0
                for doc, score in plist:
                    flat.extend((doc - last, max(1, round(score * SCORE_SCALE))))
                    last = doc
                row.append(flat)
            postings.append(row)
        return {"fields": names, "terms": terms, "postings": postings}

    def documents(self) -> dict[str, Any]:
        """The document store, column by column; a facet's values as positions in its ``values`` list in :func:`meta`."""
        positions = {name: {value: n for n, (value, _label) in enumerate(pairs)} for name, pairs in facet_values(self.records).items()}
        courts: dict[str, int] = {}
        cols: dict[str, list[Any]] = {k: [] for k in ("id", "title", "date", "year", "c", "s")}
        facets: dict[str, list[Any]] = {spec.name: [] for spec in BROWSER_FACETS}
        for r in self.records:
            cols["id"].append(r.id)
            cols["title"].append(r.display_title)
            cols["date"].append(r.decision_date.isoformat() if r.decision_date else "")
            cols["year"].append(r.year or 0)
            court = r.court.name if r.court else ""
            cols["c"].append(courts.setdefault(court, len(courts)))
            cols["s"].append(snippet(r))
            for spec in BROWSER_FACETS:
                found = [positions[spec.name][v] for v in spec.values(r)]
                facets[spec.name].append(found if spec.kind == "array" else (found[0] if found else -1))
        return {"courts": list(courts), **cols, "facets": facets}


BROWSER_FACETS: tuple[FacetSpec, ...] = tuple(spec for spec in REGISTRY if spec.kind != "year")
"""The facets the search page filters by with check boxes (the year has its own range fields)."""


def facet_values(records: Sequence[CaseRecord]) -> dict[str, list[list[str]]]:
    """``{facet: [[value, label], …]}``: a vocabulary in its own order, else the values present, sorted."""
    out: dict[str, list[list[str]]] = {}
    for spec in BROWSER_FACETS:
        if spec.vocabulary is not None:
            out[spec.name] = [[t.value, t.label] for t in spec.vocabulary]
        else:
            present = sorted({v for r in records for v in spec.values(r)})
            label = jurisdiction_label if spec.kind == "jurisdiction" else str
            out[spec.name] = [[v, label(v)] for v in present]
    return out


def lunr_index_from_compact(compact: dict[str, Any]) -> Any:
    """A lunr.py ``Index`` rebuilt from :meth:`BrowserIndex.compact_index`, as search.js rebuilds it in the browser.

    Queries must pass analysed terms (:func:`lunr_terms`) with ``use_pipeline=False``.
    """
    fields = compact["fields"]
    inverted: dict[str, Any] = {}
    vectors: dict[str, list[float]] = {}
    for t, (term, row) in enumerate(zip(compact["terms"], compact["postings"], strict=True)):
        posting: dict[str, Any] = {"_index": t}
        for f, plist in enumerate(row):
            entries: dict[str, Any] = {}
            doc = 0
            for k in range(0, len(plist or []), 2):
                doc += plist[k]
                entries[str(doc)] = {}
                vectors.setdefault(f"{fields[f]}/{doc}", []).extend((t, plist[k + 1] / SCORE_SCALE))
            posting[fields[f]] = entries
        inverted[term] = posting
    return Index(
        inverted_index=inverted,
        field_vectors={k: Vector(v) for k, v in vectors.items()},
        token_set=TokenSet.from_list(compact["terms"]),
        fields=fields,
        pipeline=Pipeline(),
    )


def meta(records: Sequence[CaseRecord]) -> dict[str, Any]:
    """What the page needs besides the index: lunr version, fields, facets with their values, spelling folds,
    the legal thesaurus and the closest-match settings (the same as the command line's)."""
    values = facet_values(records)
    return {
        "format": FORMAT,
        "lunr": __TARGET_JS_VERSION__,
        "scale": SCORE_SCALE,
        "fields": [name for name, _ in FIELDS],
        "facets": [
            {"name": spec.name, "param": spec.flag, "label": spec.label, "aliases": list(spec.aliases), "values": values[spec.name]}
            for spec in BROWSER_FACETS
        ],
        "folds": {"prefix": PREFIX_FOLDS, "word": WORD_FOLDS},
        "thesaurus": {"weight": EXPANSION_WEIGHT, "entries": load_thesaurus().to_json()},
        "closest": {"few": FEW_RESULTS, "share": MIN_SHARE},
    }


def browser_index_files(
    records: Iterable[CaseRecord], *, shard_bytes: int | None = SHARD_BYTES, rows_per_file: int = ROWS_PER_FILE
) -> dict[str, str]:
    """The files of the browser index, by name relative to the page's ``data/`` folder: ``meta.json`` (always
    loaded), term shards, facet columns and row files fetched on demand (see :mod:`search_index.browser_shards`)."""
    browser = BrowserIndex()
    browser.extend(records)
    return shard_files(
        meta(browser.records), browser.compact_index(), browser.documents(), shard_bytes=shard_bytes, rows_per_file=rows_per_file
    )


def gzip_size(files: dict[str, str]) -> int:
    """Total gzip size (level 9) of the files, as a web server would send them."""
    return sum(len(gzip.compress(text.encode("utf-8"), 9)) for text in files.values())


def raw_size(files: dict[str, str]) -> int:
    """Total size in bytes of the files."""
    return sum(len(text.encode("utf-8")) for text in files.values())
