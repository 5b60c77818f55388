"""The browser index split into small files, so a query on a slow network downloads only what it needs.

The files (names relative to the search page's ``data/`` folder):

* ``meta.json``, always loaded: the page's metadata (facets and their values,
  spelling folds, thesaurus, closest-match settings), the number of records,
  the first term of every term shard and the number of rows per row file;
* ``terms/<n>.json``: a run of consecutive terms in sorted order (so a prefix
  looks only into the shards that can hold it) with their postings, and the
  global position of the shard's first term, so every term keeps the id it has
  in the whole index and lunr.js scores exactly as it does on the whole index
  (a score is the dot product of the query vector with the document's field
  vector divided by the query vector's magnitude: the postings of the query's
  terms are all it reads);
* ``facets.json``: one column per facet (a record's value positions) and the
  decision years, for filtering and for the facet counts over the whole result
  set (every query counts every facet, so they come in one file);
* ``rows/<n>.json``: the result-line columns (id, title, date, court, snippet)
  of ``ROWS_PER_FILE`` consecutive records, so a page of results fetches only
  the rows it shows.

:func:`shard_files` writes the layout; :func:`assemble` reads it back into the
whole compact index and document store (tests use it to prove nothing is lost).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

SHARD_BYTES = 24_000
"""Target raw size of a term shard (a shard holding one very common term can be larger)."""

ROWS_PER_FILE = 4
"""Records per row file: small, because a page of results is scattered over the store."""

LAYOUT = 2
"""Version of the file layout, in ``meta.json``."""

ROW_COLUMNS = ("id", "title", "date", "court", "s")


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _term_shards(compact: dict[str, Any], shard_bytes: int | None) -> list[tuple[int, int]]:
    """``[(start, end)]`` term-position ranges, each about ``shard_bytes`` of JSON (one range when ``None``)."""
    terms = compact["terms"]
    if shard_bytes is None or not terms:
        return [(0, len(terms))]
    ranges = []
    start, size = 0, 0
    for t, (term, row) in enumerate(zip(terms, compact["postings"], strict=True)):
        cost = len(_dump(row)) + len(term.encode("utf-8")) + 4
        if size and size + cost > shard_bytes:
            ranges.append((start, t))
            start, size = t, 0
        size += cost
    ranges.append((start, len(terms)))
    return ranges


def shard_files(
    meta: dict[str, Any],
    compact: dict[str, Any],
    documents: dict[str, Any],
    *,
    shard_bytes: int | None = SHARD_BYTES,
    rows_per_file: int = ROWS_PER_FILE,
) -> dict[str, str]:
    """The sharded browser index, ``{relative file name: JSON text}``.

    ``shard_bytes=None`` and ``rows_per_file`` at least the number of records give the whole index in one term
    file and one row file: the same page code then reads the unsharded index (tests compare the two).
    """
    count = len(documents["id"])
    ranges = _term_shards(compact, shard_bytes)
    files: dict[str, str] = {}
    for n, (start, end) in enumerate(ranges):
        files[f"terms/{n}.json"] = _dump({"start": start, "terms": compact["terms"][start:end], "postings": compact["postings"][start:end]})
    files["facets.json"] = _dump({**documents["facets"], "year": documents["year"]})
    courts = documents["courts"]
    rows_per_file = max(1, rows_per_file)
    for n, start in enumerate(range(0, count, rows_per_file)):
        end = start + rows_per_file
        rows = {
            "id": documents["id"][start:end],
            "title": documents["title"][start:end],
            "date": documents["date"][start:end],
            "court": [courts[c] for c in documents["c"][start:end]],
            "s": documents["s"][start:end],
        }
        files[f"rows/{n}.json"] = _dump(rows)
    manifest = {
        **meta,
        "layout": LAYOUT,
        "count": count,
        "shards": [compact["terms"][start] if end > start else "" for start, end in ranges],
        "rows": rows_per_file,
    }
    files["meta.json"] = _dump(manifest)
    return files


def assemble(files: Mapping[str, str]) -> dict[str, Any]:
    """``{"meta", "index", "docs"}``: the whole compact index and document store put back together from
    :func:`shard_files` output, as :meth:`~search_index.lunr_export.BrowserIndex.compact_index` and
    :meth:`~search_index.lunr_export.BrowserIndex.documents` make them."""
    manifest = json.loads(files["meta.json"])
    meta = {k: v for k, v in manifest.items() if k not in ("layout", "count", "shards", "rows")}
    terms: list[str] = []
    postings: list[Any] = []
    for n in range(len(manifest["shards"])):
        shard = json.loads(files[f"terms/{n}.json"])
        if shard["start"] != len(terms):
            raise ValueError(f"terms/{n}.json starts at term {shard['start']}, expected {len(terms)}")
        terms.extend(shard["terms"])
        postings.extend(shard["postings"])
    count = manifest["count"]
    columns: dict[str, list[Any]] = {k: [] for k in ROW_COLUMNS}
    for n in range(-(-count // manifest["rows"])):
        rows = json.loads(files[f"rows/{n}.json"])
        for k in ROW_COLUMNS:
            columns[k].extend(rows[k])
    courts: dict[str, int] = {}
    c = [courts.setdefault(name, len(courts)) for name in columns.pop("court")]
    columns_by_facet = json.loads(files["facets.json"])
    facets = {f["name"]: columns_by_facet[f["name"]] for f in manifest["facets"]}
    docs = {
        "courts": list(courts),
        "id": columns["id"],
        "title": columns["title"],
        "date": columns["date"],
        "year": columns_by_facet["year"],
        "c": c,
        "s": columns["s"],
        "facets": facets,
    }
    return {"meta": meta, "index": {"fields": meta["fields"], "terms": terms, "postings": postings}, "docs": docs}
