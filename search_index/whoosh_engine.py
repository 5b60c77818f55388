"""The whoosh implementation of :class:`search_index.engine.SearchEngine`, tuned.

What differs from whoosh used with stock settings, and why:

* one small stored field (display data and a capped snippet source) instead of
  every field stored: smaller segments, faster writes;
* one analyzer with an unbounded stem cache and spelling folding;
* full builds write with a large memory limit and one segment per process, and
  skip the final merge;
* facet filters and facet counts never go through whoosh's grouping: each
  facet value is a bitset of document numbers (built once per searcher), a
  filter is an OR/AND of bitsets and a count is one popcount, so counting
  facets over every hit costs about the same for 10 or 100,000 hits;
* an incremental update rewrites only the records whose content hash changed
  (the manifest beside the index keeps one hash per record, and for corpus
  folders the size and mtime of each file, so unchanged files are not re-read).
"""

from __future__ import annotations

import heapq
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import highlight, index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.query import And, AndMaybe, AndNot, DisjunctionMax, Every, Not, Or, Query, Require, Term
from whoosh.searching import Searcher

from palermo.corpus.ordering import date_rank
from palermo.corpus.store import CaseFileError, atomic_write_text, load_case
from palermo.model.facets import record_facets
from palermo.model.schema import CaseRecord
from search_index import bitset, natural, trust
from search_index.analysis import TermSetFormat, text_analyzer
from search_index.documents import FIELD_BOOSTS, TEXT_FIELDS, record_hash, record_meta, record_texts
from search_index.engine import Hit, IndexReport, SearchRequest, SearchResponse
from search_index.facets import FACETS
from search_index.query import QueryError, parse
from search_index.thesaurus import load_thesaurus

FORMAT = 6
"""Bump when the schema or the document layout changes: an index of another format is rebuilt from scratch."""

MANIFEST = "palermo-manifest.json"
SNIPPET_SOURCE_CHARS = 2000
TERM_CACHE_SIZE = 2000
"""Per-term match bitsets kept between queries (12.5 KB each at 100,000 documents)."""


def build_schema() -> Schema:
    """The tuned schema: text fields with positions (phrases), keyword facets, a year, a date rank, one stored blob."""
    analyzer = text_analyzer()
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "year": NUMERIC(numtype=int, bits=32, signed=False),
        "date_rank": NUMERIC(numtype=int, bits=32, signed=False, sortable=True),
        "meta": STORED(),
    }
    for name in TEXT_FIELDS:
        fields[name] = TEXT(analyzer=analyzer, phrase=True, field_boost=FIELD_BOOSTS[name])
    # The full text only records which terms a judgment contains: no positions (a phrase matches its words
    # anywhere in it) and no frequencies: BM25 sees each matching term once, so a long judgment cannot outweigh a summary.
    full_text = fields["full_text"]
    full_text.format = TermSetFormat(field_boost=FIELD_BOOSTS["full_text"])
    full_text.scorable = True  # keeps a length column: whoosh stats the disk for every posting of a field without one
    for name in FACETS:
        fields[facet_field(name)] = KEYWORD(commas=True, lowercase=False, scorable=False)
    return Schema(**fields)


def facet_field(name: str) -> str:
    """The keyword field holding a facet's values (the year also has a numeric field, for ranges)."""
    return "year_key" if name == "year" else name


def document(record: CaseRecord) -> dict[str, Any]:
    """The whoosh document of a record."""
    doc: dict[str, Any] = {"id": record.id, "date_rank": date_rank(record)}
    doc.update(record_texts(record))
    if record.year:
        doc["year"] = record.year
    for name, values in record_facets(record).items():
        if values:
            doc[facet_field(name)] = ",".join(values)
    meta = record_meta(record)
    meta["legal_issues"] = [i.value for i in record.legal_issues]
    meta["ilo_indicators"] = [i.value for i in record.ilo_indicators]
    meta.update(trust.trust_meta(record))
    meta["snip"] = [(record.summary or "")[:SNIPPET_SOURCE_CHARS], "\n".join(record.holdings)[:SNIPPET_SOURCE_CHARS]]
    doc["meta"] = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    return doc


@dataclass
class _FacetCache:
    """Bitsets per facet value, live documents and date ranks of one searcher generation."""

    size: int
    alive: int
    postings: dict[str, dict[str, int]]
    date_rank: list[int]
    terms: dict[tuple[str, Any], int] = field(default_factory=dict)


class _MarkFormatter(highlight.Formatter):
    """Marks matched words as ``**word**`` (plain text: safe in a terminal, in JSON and, escaped, in HTML)."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


class WhooshEngine:
    """A whoosh index of the corpus in ``index_dir``, with facet counting on bitsets."""

    def __init__(self, index_dir: Path, procs: int | None = None, limitmb: int = 256) -> None:
        self.index_dir = Path(index_dir)
        self.procs = procs if procs is not None else min(2, os.cpu_count() or 1)
        self.limitmb = limitmb
        self.schema = build_schema()
        self._searcher: Searcher | None = None
        self._cache: _FacetCache | None = None
        self._cache_key: Any = None

    # ---- building -------------------------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether an index of the current format is present."""
        return index.exists_in(str(self.index_dir)) and self._manifest().get("format") == FORMAT

    def clear(self) -> None:
        """Forget the index so the next run rebuilds it from scratch (whoosh drops the old segments on that commit)."""
        self.close()
        (self.index_dir / MANIFEST).unlink(missing_ok=True)

    def _manifest(self) -> dict[str, Any]:
        try:
            return json.loads((self.index_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def index(self, records: Iterable[CaseRecord]) -> IndexReport:
        """Bring the index up to date with ``records`` (the whole corpus): only changed records are rewritten."""
        started = time.perf_counter()
        current = {r.id: r for r in records}
        hashes = {case_id: record_hash(r) for case_id, r in current.items()}
        manifest = self._manifest() if self.exists() else {}
        old: dict[str, str] = manifest.get("records", {})
        changed = [current[i] for i, h in hashes.items() if old.get(i) != h]
        removed = [i for i in old if i not in current]
        report = self._apply(changed, removed, added=sum(1 for r in changed if r.id not in old), fresh=not manifest)
        manifest = {"format": FORMAT, "records": hashes, "files": manifest.get("files", {})}
        atomic_write_text(self.index_dir / MANIFEST, json.dumps(manifest, separators=(",", ":")))
        return _timed(report, len(current) - len(changed), started)

    def index_corpus(self, cases_dir: Path) -> tuple[IndexReport, list[CaseFileError]]:
        """Index a corpus folder, re-reading only files whose size or mtime changed since the last run.

        Returns:
            The report, and the files that failed to load (skipped; the run goes on).
        """
        started = time.perf_counter()
        manifest = self._manifest() if self.exists() else {}
        old_files: dict[str, list[Any]] = manifest.get("files", {})
        old_hashes: dict[str, str] = manifest.get("records", {})
        files: dict[str, list[Any]] = {}
        hashes: dict[str, str] = {}
        changed: list[CaseRecord] = []
        errors: list[CaseFileError] = []
        for key, st in _case_files(cases_dir):
            path = Path(key)
            seen = old_files.get(key)
            if seen and seen[0] == st.st_mtime_ns and seen[1] == st.st_size and seen[2] in old_hashes:
                files[key] = seen
                hashes[seen[2]] = old_hashes[seen[2]]
                continue
            try:
                record = load_case(path)
            except CaseFileError as exc:
                errors.append(exc)
                continue
            if not record.in_scope:
                continue  # kept in the corpus with its reason, never searched or counted as a trafficking case
            digest = record_hash(record)
            files[key] = [st.st_mtime_ns, st.st_size, record.id]
            if record.id in hashes:
                errors.append(CaseFileError(path, f"duplicate case id {record.id!r}; this file was not indexed"))
                continue
            hashes[record.id] = digest
            if old_hashes.get(record.id) != digest:
                changed.append(record)
        removed = [i for i in old_hashes if i not in hashes]
        report = self._apply(changed, removed, added=sum(1 for r in changed if r.id not in old_hashes), fresh=not manifest)
        atomic_write_text(
            self.index_dir / MANIFEST, json.dumps({"format": FORMAT, "records": hashes, "files": files}, separators=(",", ":"))
        )
        return _timed(report, len(hashes) - len(changed), started), errors

    def _apply(self, changed: list[CaseRecord], removed: list[str], added: int, fresh: bool) -> IndexReport:
        self.close()
        if fresh:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            ix = index.create_in(str(self.index_dir), self.schema)
            if self.procs > 1 and len(changed) > 2000:
                writer = ix.writer(procs=self.procs, limitmb=self.limitmb, multisegment=True)
            else:
                writer = ix.writer(limitmb=self.limitmb)
            for record in changed:
                writer.add_document(**document(record))
            writer.commit()
            return IndexReport(added=len(changed), rebuilt=True)
        if not changed and not removed:
            return IndexReport()
        ix = index.open_dir(str(self.index_dir))
        writer = ix.writer(limitmb=self.limitmb)
        for case_id in removed:
            writer.delete_by_term("id", case_id)
        for record in changed:
            writer.update_document(**document(record))
        writer.commit()
        return IndexReport(added=added, updated=len(changed) - added, removed=len(removed))

    # ---- searching ------------------------------------------------------------------------------------------

    def close(self) -> None:
        """Release the open searcher, if any."""
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._cache = None

    def searcher(self) -> Searcher:
        """The open searcher (reopened when the index changed on disk)."""
        if self._searcher is None:
            self._searcher = index.open_dir(str(self.index_dir)).searcher()
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
        return self._searcher

    def facet_cache(self, searcher: Searcher) -> _FacetCache:
        """Bitsets for every facet value of the searcher's generation (built once, then reused)."""
        reader = searcher.reader()
        key = (id(reader), reader.doc_count_all())
        if self._cache is not None and self._cache_key == key:
            return self._cache
        size = reader.doc_count_all()
        alive = bitset.from_ids(reader.all_doc_ids(), size)
        postings: dict[str, dict[str, int]] = {}
        for name in FACETS:
            fieldname = facet_field(name)
            postings[name] = {}
            for term in reader.lexicon(fieldname):
                value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                postings[name][value] = bitset.from_ids(reader.postings(fieldname, value).all_ids(), size) & alive
        ranks = list(reader.column_reader("date_rank")) if size else []
        self._cache, self._cache_key = _FacetCache(size, alive, postings, ranks), key
        return self._cache

    def _filters(self, request: SearchRequest, cache: _FacetCache) -> dict[str, int]:
        filters: dict[str, int] = {}
        for name, values in request.filters.items():
            if not values:
                continue
            facet = FACETS.get(name)
            if facet is None:
                raise QueryError(f"unknown facet {name!r}")
            try:
                wanted = [facet.normalise(v) for v in values]
            except ValueError as exc:
                raise QueryError(str(exc)) from exc
            filters[name] = bitset.union(cache.postings[name].get(v, 0) for v in wanted)
        if request.years is not None and (request.years.start is not None or request.years.end is not None):
            years = request.years
            filters["year"] = bitset.union(bits for y, bits in cache.postings["year"].items() if years.contains(int(y)))
        return filters

    def search(self, request: SearchRequest) -> SearchResponse:
        """Ranked hits with snippets, the total, and facet counts over every match.

        Facet counts are disjunctive: a facet's counts apply every filter but its own,
        so ticking a second value of the same facet adds exactly the count shown.
        A plain question (no search syntax) is widened by the thesaurus unless the
        request turns it off, and falls back to the closest matches when every word
        together finds fewer than :data:`search_index.natural.FEW_RESULTS` cases.

        Raises:
            QueryError: for a malformed query or an unknown filter value.
        """
        question = natural.plan(request.query, load_thesaurus() if request.thesaurus else None) if natural.is_plain(request.query) else None
        query = natural.all_words_query(question.units, self.schema) if question else parse(request.query, self.schema)
        searcher = self.searcher()
        cache = self.facet_cache(searcher)
        filters = self._filters(request, cache)
        matched = cache.alive if query is None else self._matches(searcher, cache, query) & cache.alive
        allowed = self._allowed(matched, filters)
        match = "all_words"
        strict = 0
        if question and len(question.units) > 1 and allowed.bit_count() < natural.FEW_RESULTS:
            unit_queries = [natural.unit_query(u, self.schema) for u in question.units]
            unit_bits = [self._matches(searcher, cache, q) for q in unit_queries]
            matched = self._at_least(cache, unit_bits, question.min_match)
            closest = self._allowed(matched, filters)
            if closest.bit_count() > allowed.bit_count():
                strict, query, allowed, match = allowed, Or(unit_queries), closest, "closest"
            else:
                matched = self._matches(searcher, cache, query) & cache.alive
        facets: dict[str, dict[str, int]] = {}
        for name, facet in FACETS.items():
            base = matched
            for other, bits in filters.items():
                if other != name:
                    base &= bits
            facets[name] = facet.results(base, cache.postings[name], selected=request.filters.get(name, ()))
        if match == "closest":
            # The few cases with every word come first, then the closest of the rest.
            def share(docnum: int) -> float:
                return sum(bits >> docnum & 1 for bits in unit_bits) / len(unit_bits)

            hits = self._top(searcher, cache, query, strict, request.limit, filtered=True)
            hits += self._top(searcher, cache, query, allowed & ~strict, request.limit - len(hits), filtered=True, share=share)
        else:
            hits = self._top(searcher, cache, query, allowed, request.limit, filtered=bool(filters))
        used = self._equivalents_used(searcher, cache, question, allowed) if question else []
        return SearchResponse(total=allowed.bit_count(), hits=hits, facets=facets, match=match, also_matched=used)

    def _equivalents_used(self, searcher: Searcher, cache: _FacetCache, question: natural.Plan, allowed: int) -> list[str]:
        """The thesaurus equivalents that match at least one of the results."""
        used: list[str] = []
        for unit in question.units:
            for words, label in zip(unit.alternatives, unit.labels, strict=True):
                alternative = natural.unit_query(natural.Unit(words), self.schema) if len(words) == 1 else None
                if alternative is None:
                    alternative = natural.phrase_query(words, self.schema)
                if label not in used and self._matches(searcher, cache, alternative) & allowed:
                    used.append(label)
        return used

    @staticmethod
    def _allowed(matched: int, filters: dict[str, int]) -> int:
        for bits in filters.values():
            matched &= bits
        return matched

    @staticmethod
    def _at_least(cache: _FacetCache, unit_bits: list[int], k: int) -> int:
        """Documents in at least ``k`` of the bitsets (counters: at_least[j] |= at_least[j-1] & bits)."""
        at_least = [cache.alive] + [0] * k
        for bits in unit_bits:
            for j in range(k, 0, -1):
                at_least[j] |= at_least[j - 1] & bits
        return at_least[k] & cache.alive

    def _matches(self, searcher: Searcher, cache: _FacetCache, query: Query) -> int:
        """Every document a query matches, as a bitset: boolean algebra over cached per-term bitsets,
        asking whoosh only for what that cannot express (phrases, ranges, wildcards)."""
        if isinstance(query, Term):
            key = (query.fieldname, query.text)
            bits = cache.terms.get(key)
            if bits is None:
                reader = searcher.reader()
                found = (query.fieldname, query.text) in reader
                bits = bitset.from_ids(reader.postings(query.fieldname, query.text).all_ids(), cache.size) if found else 0
                if len(cache.terms) > TERM_CACHE_SIZE:
                    cache.terms.clear()
                cache.terms[key] = bits
            return bits
        if isinstance(query, Every):
            return cache.alive
        if isinstance(query, Not):
            return cache.alive & ~self._matches(searcher, cache, query.query)
        if isinstance(query, AndNot):
            return self._matches(searcher, cache, query.a) & ~self._matches(searcher, cache, query.b)
        if isinstance(query, AndMaybe):
            return self._matches(searcher, cache, query.a)
        if isinstance(query, Require):
            return self._matches(searcher, cache, query.a) & self._matches(searcher, cache, query.b)
        if isinstance(query, (And, Or, DisjunctionMax)) and not getattr(query, "minmatch", 0):
            parts = [self._matches(searcher, cache, q) for q in query.subqueries]
            out = parts[0] if parts else 0
            for part in parts[1:]:
                out = out & part if isinstance(query, And) else out | part
            return out
        return bitset.from_ids(searcher.docs_for_query(query), cache.size)

    def _top(
        self,
        searcher: Searcher,
        cache: _FacetCache,
        query: Query | None,
        allowed: int,
        limit: int,
        filtered: bool,
        share: Callable[[int], float] | None = None,
    ) -> list[Hit]:
        """The best ``limit`` documents of ``allowed``: BM25, times the record's richness, times the share of the
        question's words a document matches when closest matches are ranked (so six words of seven beat four)."""
        if limit <= 0 or not allowed:
            return []
        if query is None:  # newest first, ties by title then id (palermo.corpus.ordering.newest_first_key)
            ranks = cache.date_rank
            members = list(bitset.members(allowed))
            top = heapq.nlargest(limit, members, key=lambda d: ranks[d])
            if not top:
                return []
            cutoff = ranks[top[-1]]
            ranked_by_date = [(ranks[d], self._hit(searcher, d, 0.0, None)) for d in members if ranks[d] >= cutoff]
            ranked_by_date.sort(key=lambda pair: (-pair[0], pair[1].title.casefold(), pair[1].id))
            return [hit for _rank, hit in ranked_by_date[:limit]]
        # Fetch more than shown, then let a record's richness reorder near-equal matches.
        results = searcher.search(
            query, limit=limit * 3 + (40 if share else 10), filter=bitset.BitsFilter(allowed) if filtered else None, terms=False
        )
        terms = {text for field, text in query.iter_all_terms(phrases=True) if field in TEXT_FIELDS}
        ranked = []
        for hit in results:
            meta = json.loads(searcher.stored_fields(hit.docnum)["meta"])
            score = (hit.score or 0.0) * trust.boost(meta) * (share(hit.docnum) if share else 1.0)
            ranked.append((score, hit.docnum))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [self._hit(searcher, docnum, score, terms) for score, docnum in ranked[:limit]]

    def _hit(self, searcher: Searcher, docnum: int, score: float, terms: set[Any] | None) -> Hit:
        stored = searcher.stored_fields(docnum)
        meta = json.loads(stored["meta"])
        return Hit(
            id=meta["id"],
            title=meta["title"],
            score=float(score),
            snippet=self._snippet(meta.get("snip", []), terms),
            offence_types=meta["offence_types"],
            jurisdiction=meta["jurisdiction"],
            decision_date=meta["decision_date"],
            meta=meta,
            flags=trust.flags(meta, {t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in terms} if terms else set()),
        )

    def _snippet(self, sources: list[str], terms: set[Any] | None, width: int = 220) -> str:
        texts = [t for t in sources if t]
        if terms:
            words = {t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in terms}
            for text in texts:
                fragment = highlight.highlight(
                    text,
                    frozenset(words),
                    self.schema["summary"].analyzer,
                    highlight.ContextFragmenter(maxchars=width, surround=60),
                    _MarkFormatter(),
                    top=2,
                )
                if fragment:
                    return " ".join(fragment.split())
        if not texts:
            return ""
        text = " ".join(texts[0].split())
        return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"


def _case_files(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    """``(absolute path, stat)`` of every case file, by the rules of :func:`palermo.corpus.iter_case_files`.

    Walks with ``os`` rather than ``pathlib``: at 100,000 files, resolving and comparing Path objects took
    nine of the ten seconds an update with one changed file needed.
    """
    if root.is_file():
        yield str(root.resolve()), root.stat()
        return
    for dirpath, dirnames, filenames in os.walk(root.resolve()):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(("_", ".")))
        for name in sorted(filenames):
            if name.endswith(".yaml") and not name.startswith(("_", ".")):
                path = os.path.join(dirpath, name)
                yield path, os.stat(path)


def _timed(report: IndexReport, unchanged: int, started: float) -> IndexReport:
    return IndexReport(
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=unchanged,
        rebuilt=report.rebuilt,
        seconds=time.perf_counter() - started,
    )
