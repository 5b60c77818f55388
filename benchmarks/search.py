"""Search benchmark: tuned whoosh against stock whoosh, and the browser index against naive lunr, on synthetic records.

Usage::

    .venv/bin/python benchmarks/search.py --docs 10000
    .venv/bin/python benchmarks/search.py --docs 100000 --no-browser
    .venv/bin/python benchmarks/search.py --browser-shards --docs 10000

``--browser-shards`` runs only the sharded browser index, at the bundled corpus
and at ``--docs`` synthetic records: 20 queries (10 plain, 10 filtered by an
offence type), each in a fresh Chromium context (cold cache), served over
127.0.0.1 by a server that gzips every response (level 6); it prints per query
the time from navigation to the first result line and the gzip bytes sent
(index files, and the whole page), then the medians and maxima and the index's
size on disk.

Records are synthetic (benchmarks/synthetic.py): summary about 300 words,
holdings, a 5,000-word full text for one in five. Both whoosh set-ups index the
same records in the same run. "Stock" is whoosh as its documentation shows it:
StemmingAnalyzer, every field stored, keyword facets, the default writer, and
filters plus facet counts through ``search(filter=…, groupedby=…)``. Each build
runs in a child process so its peak memory can be read on its own. The last
line printed is one JSON object with every figure.

Figures of 23 November 2026 (2 vCPUs shared with other jobs: load average 4 to
10 during the runs, so wall times are noisy; tuned and stock ran in the same
process, one after the other), 10,000 records, final code::

    build                     tuned 174 s (76 MB, peak RSS 220 MB)   stock 300 s (154 MB, 381 MB)
    query p50 / p95, plain    tuned 117 / 223 ms                     stock 101 / 284 ms
    filtered + facet counts   tuned 118 / 304 ms                     stock 341 / 988 ms
    incremental, 1 file       1.33 s (stat 10,000 files, re-read one, rewrite one document)
    browser index             3.89 MB gzip (11.7 MB raw)             naive lunr 41.8 MB gzip (151.9 MB raw)
    Chromium load + 1st query 977 ms at 10,000 records, 622 ms at the bundled corpus (44 records, 28 KB gzip)

After the full text got its length column back (whoosh stats the disk for every posting of a field
without one), a build-only rerun at 10,000 records with one core taken by another job: tuned 66 s
(peak RSS 219 MB, 76 MB) against stock 113 s (380 MB, 154 MB), a ratio of 0.58.

An earlier run of the same day (before the full text became a term set), under
a lower load: build 167 s against 240 s, filtered p95 105 ms against 760 ms.
100,000 records (one run, --no-browser, tuned code of before the full-text length fix and the
os-based corpus walk)::

    build                     tuned 1,048 s (637 MB, peak RSS 1.9 GB)  stock 1,240 s (1.48 GB, 2.0 GB)
    query p50 / p95, plain    tuned 178 / 1,447 ms                     stock 381 / 1,392 ms
    filtered + facet counts   tuned 168 / 889 ms                       stock 1,808 / 6,785 ms
    incremental, 1 file       6.09 s in that run; 1.83 s on the same 100,000-file corpus after the os-based walk
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
warnings.filterwarnings("ignore", category=SyntaxWarning)
warnings.filterwarnings("ignore", category=DeprecationWarning)

from synthetic import LEGAL_WORDS, synthetic_records  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh import qparser, sorting  # noqa: E402
from whoosh.analysis import StemmingAnalyzer  # noqa: E402
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema  # noqa: E402
from whoosh.query import And, NumericRange, Or, Term  # noqa: E402

from benchmarks.naive_lunr import naive_lunr_files  # noqa: E402
from palermo.model.schema import CaseRecord  # noqa: E402
from search_index.documents import TEXT_FIELDS, record_texts  # noqa: E402
from search_index.engine import SearchRequest  # noqa: E402
from search_index.lunr_export import BrowserIndex, browser_index_files, gzip_size, raw_size  # noqa: E402
from search_index.query import YearRange  # noqa: E402
from search_index.whoosh_engine import WhooshEngine  # noqa: E402

STOCK_FACETS = ("offence_types", "legal_issues", "ilo_indicators", "jurisdiction", "court_level", "outcome")


# ---- stock whoosh --------------------------------------------------------------------------------------------


def stock_schema() -> Schema:
    """Whoosh as its documentation shows it: stemming analyzer, everything stored."""
    fields: dict[str, Any] = {"id": ID(stored=True, unique=True), "year": NUMERIC(int, stored=True)}
    for name in TEXT_FIELDS:
        fields[name] = TEXT(analyzer=StemmingAnalyzer(), stored=True)
    for name in STOCK_FACETS:
        fields[name] = KEYWORD(stored=True, commas=True)
    return Schema(**fields)


def stock_build(records: list[CaseRecord], path: Path) -> None:
    """Index with the default writer."""
    ix = whoosh_index.create_in(str(path), stock_schema())
    writer = ix.writer()
    for r in records:
        doc: dict[str, Any] = {"id": r.id, **record_texts(r)}
        if r.year:
            doc["year"] = r.year
        facets = {
            "offence_types": [o.value for o in r.offence_types],
            "legal_issues": [i.value for i in r.legal_issues],
            "ilo_indicators": [i.value for i in r.ilo_indicators],
            "jurisdiction": [r.jurisdiction],
            "court_level": [r.court_level.value] if r.court_level else [],
            "outcome": [r.outcome.value] if r.outcome else [],
        }
        for name, values in facets.items():
            if values:
                doc[name] = ",".join(values)
        writer.add_document(**doc)
    writer.commit()


class StockSearch:
    """Queries the stock index: filter as a query, facet counts through groupedby, highlights from stored text."""

    def __init__(self, path: Path) -> None:
        self.ix = whoosh_index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        self.parser = qparser.MultifieldParser(list(TEXT_FIELDS), self.ix.schema)

    def search(self, query: str, filters: dict[str, tuple[str, ...]], years: YearRange | None, facets: bool) -> int:
        q = self.parser.parse(query)
        parts: list[Any] = [Or([Term(name, v) for v in values]) for name, values in filters.items()]
        if years is not None:
            parts.append(NumericRange("year", years.start, years.end))
        flt = And(parts) if parts else None
        groupedby = {name: sorting.FieldFacet(name, allow_overlap=True, maptype=sorting.Count) for name in STOCK_FACETS} if facets else None
        results = self.searcher.search(q, limit=10, filter=flt, groupedby=groupedby)
        if facets:
            for name in STOCK_FACETS:
                results.groups(name)
        for hit in results:
            hit.highlights("summary")
        return len(results)


# ---- helpers -------------------------------------------------------------------------------------------------


def _child(target: Any, *args: Any) -> tuple[float, float]:
    """Run ``target(*args)`` in a forked child; return (seconds, peak RSS in MB of the child)."""
    queue: mp.Queue = mp.get_context("fork").Queue()

    def run() -> None:
        started = time.perf_counter()
        target(*args)
        queue.put((time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))

    proc = mp.get_context("fork").Process(target=run)
    proc.start()
    result = queue.get()
    proc.join()
    return result


def _tuned_build(records: list[CaseRecord], path: Path) -> None:
    WhooshEngine(path).index(records)


def dir_bytes(path: Path) -> int:
    """Total size of the files in a folder."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def make_queries(records: list[CaseRecord], count: int, seed: int = 7) -> list[tuple[str, dict[str, tuple[str, ...]], YearRange]]:
    """Plain queries (one to three words, common legal words and words from record titles and holdings) with filters for each."""
    rng = random.Random(seed)
    queries = []
    for n in range(count):
        kind = n % 3
        if kind == 0:
            text = " ".join(rng.sample(LEGAL_WORDS[:60], k=rng.randint(1, 2)))
        elif kind == 1:
            text = rng.choice(records).title.split(" (")[0].split()[-1]
        else:
            words = [w for w in re.findall(r"[a-z]{5,}", rng.choice(records).holdings[0].lower())]
            text = " ".join(rng.sample(words, k=min(2, len(words)))) if words else "trafficking"
        record = rng.choice(records)
        filters = {"offence_types": (record.offence_types[0].value,), "jurisdiction": (record.jurisdiction,)}
        if n % 2:
            filters = {"offence_types": (record.offence_types[0].value,)}
        start = rng.randint(1985, 2015)
        queries.append((text, filters, YearRange(start, start + 10)))
    return queries


def time_queries(run: Any, queries: list[Any]) -> list[float]:
    """Milliseconds per query."""
    out = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        out.append((time.perf_counter() - started) * 1000)
    return out


# ---- browser -------------------------------------------------------------------------------------------------


def browser_harness(records: list[CaseRecord], folder: Path) -> Path:
    """A folder with the search page (same markup and scripts as the site) and its index files."""
    from palermo.site.pages.search_page import PAGE

    body = PAGE.split("---", 2)[2]
    body = re.sub(r"^# .*$", "", body, flags=re.M)
    (folder / "search" / "data").mkdir(parents=True)
    (folder / "assets").mkdir()
    shutil.copytree(ROOT / "docs" / "assets" / "search", folder / "assets" / "search")
    html = f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body>{body}</body></html>'
    (folder / "search" / "index.html").write_text(html, encoding="utf-8")
    for name, content in browser_index_files(records).items():
        path = folder / "search" / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder


def browser_timing(folder: Path, query: str) -> dict[str, float]:
    """Chromium: time from navigation to the first results of a query given in the URL (load, parse, rebuild, query)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox", "--disable-gpu"])
            timings = []
            for _ in range(3):
                page = browser.new_page()
                page.goto(url)
                page.wait_for_selector("#pl-search-app[data-ready]", timeout=120_000)
                timings.append(page.evaluate("performance.now()"))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return {"first_query_ms": statistics.median(timings)}


SHARD_QUERY_WORDS = (
    "trafficking",
    "forced labour",
    "passport",
    "debt bondage",
    "domestic servitude",
    "victim consent",
    "exploitation wages",
    "recruitment deception",
    "traffick*",
    "psychological coercion",
)
"""The benchmark's query words: each once plain and once filtered by an offence type."""

SHARD_FILTERS = ("offence=labour_trafficking", "offence=sex_trafficking")

GZIP_LEVEL_SERVED = 6
"""gzip level of the benchmark's web server (nginx and Apache serve level 1 to 6; 6 is Apache's default)."""

FIRST_RESULT_SCRIPT = """
window.__firstResult = null;
new MutationObserver(function (changes, observer) {
  var results = document.getElementById("pl-results"), status = document.getElementById("pl-status");
  if ((results && results.children.length) || (status && /^No case/.test(status.textContent))) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""
"""Notes the time (from navigation start) at which the first result line, or the no-result line, is shown."""


def shard_queries() -> list[tuple[str, str]]:
    """20 queries, ``(label, URL query string)``: 10 plain, then the same words each filtered by an offence type."""
    out = []
    for word in SHARD_QUERY_WORDS:
        out.append((word, "q=" + word.replace(" ", "+")))
    for n, word in enumerate(SHARD_QUERY_WORDS):
        flt = SHARD_FILTERS[n % 2]
        out.append((f"{word} + {flt}", "q=" + word.replace(" ", "+") + "&" + flt))
    return out


def gzip_serving(folder: Path, log: list[tuple[str, int]]) -> Any:
    """A 127.0.0.1 web server for ``folder`` that sends every file gzip-compressed (level ``GZIP_LEVEL_SERVED``)
    and appends ``(path, bytes of the response body sent)`` to ``log``."""
    import gzip
    import http.server
    import mimetypes
    from urllib.parse import unquote, urlparse

    cache: dict[str, bytes] = {}

    class Gzipping(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as separate writes: without it, a kept-alive
        # connection waits about 40 ms for the client's delayed ACK on every response, as no real web server does

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = unquote(urlparse(self.path).path)
            target = (folder / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if folder.resolve() not in target.parents or not target.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            key = str(target)
            if key not in cache:
                cache[key] = gzip.compress(target.read_bytes(), GZIP_LEVEL_SERVED)
            body = cache[key]
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            log.append((path, len(body)))

    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gzipping)


def index_sizes(folder: Path) -> dict[str, int]:
    """Files, raw bytes and gzip bytes (level ``GZIP_LEVEL_SERVED``, file by file) of the index folder on disk."""
    import gzip

    paths = [p for p in folder.rglob("*") if p.is_file()]
    return {
        "files": len(paths),
        "raw_bytes": sum(p.stat().st_size for p in paths),
        "gzip_bytes": sum(len(gzip.compress(p.read_bytes(), GZIP_LEVEL_SERVED)) for p in paths),
    }


def browser_shard_figures(records: list[CaseRecord], folder: Path, log: Any = print) -> dict[str, Any]:
    """Chromium, each query in a fresh browser context (cold cache): bytes sent gzip-compressed (the index files,
    and everything the page fetched) and the time from navigation to the first result line."""
    import threading

    from playwright.sync_api import sync_playwright

    browser_harness(records, folder)
    sent: list[tuple[str, int]] = []
    server = gzip_serving(folder, sent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/search/?"
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox", "--disable-gpu"])
            for label, query in shard_queries():
                context = browser.new_context()
                context.add_init_script(FIRST_RESULT_SCRIPT)
                page = context.new_page()
                sent.clear()
                page.goto(base + query)
                page.wait_for_selector("#pl-search-app[data-ready]", timeout=120_000)
                first = page.evaluate("window.__firstResult")
                status = page.inner_text("#pl-status")
                context.close()
                index_files = [(p, n) for p, n in sent if "/search/data/" in p]
                row = {
                    "query": label,
                    "first_result_ms": round(first),
                    "index_bytes": sum(n for _, n in index_files),
                    "index_requests": len(index_files),
                    "page_bytes": sum(n for _, n in sent),
                    "status": status,
                }
                rows.append(row)
                log(
                    f"  {label:48} {row['first_result_ms']:5d} ms  index {row['index_bytes'] / 1000:6.1f} KB in {row['index_requests']:3d} files, "
                    f"page total {row['page_bytes'] / 1000:6.1f} KB  ({status})"
                )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    out: dict[str, Any] = {"queries": rows, **{f"index_{k}": v for k, v in index_sizes(folder / "search" / "data").items()}}
    for kind, part in (("plain", rows[:10]), ("filtered", rows[10:])):
        for key in ("first_result_ms", "index_bytes", "page_bytes"):
            values = [r[key] for r in part]
            out[f"{kind}_{key}_median"] = statistics.median(values)
            out[f"{kind}_{key}_max"] = max(values)
    return out


def top_agreement(records: list[CaseRecord], sample: int = 60) -> dict[str, float]:
    """Compact browser index against the full lunr index for title and holding queries, every word required as on the page.

    Returns the share of queries whose first result is the same in both, the mean overlap of the top five,
    and for each index the share where the record the query was taken from comes first.
    """
    from lunr.query import QueryPresence

    from search_index.lunr_export import lunr_index_from_compact, lunr_terms

    browser = BrowserIndex()
    browser.extend(records)
    full = browser.build_lunr()
    idx = lunr_index_from_compact(browser.compact_index())
    rng = random.Random(11)
    same_top1 = overlap = full_hit = compact_hit = 0.0
    picks = rng.sample(range(len(records)), k=min(sample, len(records)))
    for n, i in enumerate(picks):
        record = records[i]
        text = record.title.split(" (")[0] if n % 2 else " ".join(lunr_terms(record.holdings[0])[:6])
        terms = lunr_terms(text)

        def run(index: Any, terms: list[str] = terms) -> list[str]:
            query = index.create_query()
            for t in terms:
                query.term(t, use_pipeline=False, presence=QueryPresence.REQUIRED)
            return [r["ref"] for r in index.query(query)[:5]]

        a, b = run(full), run(idx)
        same_top1 += a[:1] == b[:1]
        overlap += len(set(a) & set(b)) / max(1, len(a))
        full_hit += a[:1] == [str(i)]
        compact_hit += b[:1] == [str(i)]
    k = len(picks)
    return {
        "top1_agreement": same_top1 / k,
        "top5_overlap": overlap / k,
        "full_top1_is_source": full_hit / k,
        "compact_top1_is_source": compact_hit / k,
    }


# ---- main ----------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--no-browser", action="store_true", help="skip the browser index part")
    parser.add_argument("--no-stock", action="store_true", help="skip stock whoosh")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--browser-shards",
        action="store_true",
        help="only the sharded browser index: bytes sent and time to first result for 20 queries in Chromium, "
        "at the bundled corpus and at --docs synthetic records",
    )
    args = parser.parse_args(argv)
    if args.browser_shards:
        return shards_main(args)

    work = Path(args.workdir or tempfile.mkdtemp(prefix="palermo-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"docs": args.docs}
    log = print

    started = time.perf_counter()
    records = synthetic_records(args.docs)
    log(f"generated {len(records)} synthetic records in {time.perf_counter() - started:.1f} s")

    tuned_dir, stock_dir = work / "tuned", work / "stock"
    for d in (tuned_dir, stock_dir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    out["build_s"], out["peak_rss_mb"] = _child(_tuned_build, records, tuned_dir)
    out["index_bytes"] = dir_bytes(tuned_dir)
    log(f"tuned whoosh: build {out['build_s']:.1f} s, {out['index_bytes'] / 1e6:.1f} MB, peak RSS {out['peak_rss_mb']:.0f} MB")
    if not args.no_stock:
        out["stock_build_s"], out["stock_peak_rss_mb"] = _child(stock_build, records, stock_dir)
        out["stock_index_bytes"] = dir_bytes(stock_dir)
        log(
            f"stock whoosh: build {out['stock_build_s']:.1f} s, {out['stock_index_bytes'] / 1e6:.1f} MB, peak RSS {out['stock_peak_rss_mb']:.0f} MB"
        )

    queries = make_queries(records, args.queries)
    engine = WhooshEngine(tuned_dir)
    first = time.perf_counter()
    engine.search(SearchRequest(query="trafficking"))
    out["tuned_first_query_ms"] = (time.perf_counter() - first) * 1000  # opens the searcher and builds the facet bitsets
    plain = time_queries(lambda q: engine.search(SearchRequest(query=q[0])), queries)
    filtered = time_queries(lambda q: engine.search(SearchRequest(query=q[0], filters=q[1], years=q[2])), queries)
    out.update(
        p50_plain_ms=statistics.median(plain),
        p95_plain_ms=percentile(plain, 95),
        p50_filtered_ms=statistics.median(filtered),
        p95_filtered_ms=percentile(filtered, 95),
    )
    log(
        f"tuned queries: plain p50 {out['p50_plain_ms']:.1f} / p95 {out['p95_plain_ms']:.1f} ms; filtered+facets p50 {out['p50_filtered_ms']:.1f} / p95 {out['p95_filtered_ms']:.1f} ms"
    )
    if not args.no_stock:
        stock = StockSearch(stock_dir)
        stock.search("trafficking", {}, None, facets=True)
        splain = time_queries(lambda q: stock.search(q[0], {}, None, facets=False), queries)
        sfiltered = time_queries(lambda q: stock.search(q[0], q[1], q[2], facets=True), queries)
        out.update(
            stock_p50_plain_ms=statistics.median(splain),
            stock_p95_plain_ms=percentile(splain, 95),
            stock_p50_filtered_ms=statistics.median(sfiltered),
            stock_p95_filtered_ms=percentile(sfiltered, 95),
        )
        log(
            f"stock queries: plain p50 {out['stock_p50_plain_ms']:.1f} / p95 {out['stock_p95_plain_ms']:.1f} ms; "
            f"filtered+facets p50 {out['stock_p50_filtered_ms']:.1f} / p95 {out['stock_p95_filtered_ms']:.1f} ms"
        )

    # Incremental: the corpus as files (JSON is valid YAML), indexed once, then one file changed.
    corpus = work / "cases"
    shutil.rmtree(corpus, ignore_errors=True)
    for r in records:
        path = corpus / r.jurisdiction.lower() / f"{r.id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(r.to_data(), ensure_ascii=False), encoding="utf-8")
    engine.close()
    engine.index_corpus(corpus)  # records unchanged: only learns each file's size and mtime
    changed = records[len(records) // 2]
    data = changed.to_data()
    data["summary"] = (data.get("summary") or "") + " Amended after review."
    (corpus / changed.jurisdiction.lower() / f"{changed.id}.yaml").write_text(json.dumps(data), encoding="utf-8")
    report, errors = engine.index_corpus(corpus)
    out["incremental_build_s"] = report.seconds
    assert report.updated == 1 and not errors, (report, errors)
    log(f"incremental rebuild after one changed file: {out['incremental_build_s']:.2f} s ({report})")

    if not args.no_browser:
        for label, subset in (("bundled", None), ("synthetic", records[:10_000])):
            if subset is None:
                from palermo.corpus.store import load_corpus

                subset = load_corpus(ROOT / "cases").records
            t0 = time.perf_counter()
            files = browser_index_files(subset)
            build = time.perf_counter() - t0
            folder = browser_harness(subset, work / f"browser-{label}")
            timing = browser_timing(folder, "trafficking")
            key = "" if label == "synthetic" else "bundled_"
            out[f"{key}browser_docs"] = len(subset)
            out[f"{key}browser_index_build_s"] = build
            out[f"{key}browser_index_raw_bytes"] = raw_size(files)
            out[f"{key}browser_index_gzip_bytes"] = gzip_size(files)
            out[f"{key}browser_first_query_ms"] = timing["first_query_ms"]
            t0 = time.perf_counter()
            naive = naive_lunr_files(subset)
            out[f"{key}naive_lunr_build_s"] = time.perf_counter() - t0
            out[f"{key}naive_lunr_raw_bytes"] = raw_size(naive)
            out[f"{key}naive_lunr_gzip_bytes"] = gzip_size(naive)
            log(
                f"browser index ({label}, {len(subset)} records): {out[f'{key}browser_index_raw_bytes'] / 1e6:.2f} MB raw, "
                f"{out[f'{key}browser_index_gzip_bytes'] / 1e6:.2f} MB gzip (naive lunr {out[f'{key}naive_lunr_raw_bytes'] / 1e6:.2f} MB raw, "
                f"{out[f'{key}naive_lunr_gzip_bytes'] / 1e6:.2f} MB gzip); load + first query {timing['first_query_ms']:.0f} ms"
            )
        agreement = top_agreement(records[:10_000])
        out.update(agreement)
        log(f"compact vs full lunr index, title and holding queries: {agreement}")
    out["gzip_level"] = 9
    out["cpu_count"] = os.cpu_count()
    print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in out.items()}))
    return 0


def shards_main(args: argparse.Namespace) -> int:
    """``--browser-shards``: the sharded index's figures at the bundled corpus and at ``--docs`` synthetic records."""
    from palermo.corpus.store import load_corpus

    work = Path(args.workdir or tempfile.mkdtemp(prefix="palermo-bench-"))
    out: dict[str, Any] = {"gzip_level_served": GZIP_LEVEL_SERVED, "cpu_count": os.cpu_count()}
    for label in ("bundled", "synthetic"):
        records = load_corpus(ROOT / "cases").records if label == "bundled" else synthetic_records(args.docs)
        folder = work / f"shards-{label}"
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        print(f"{label}: {len(records)} records")
        figures = browser_shard_figures(records, folder)
        figures["docs"] = len(records)
        figures["build_and_run_s"] = round(time.perf_counter() - started, 1)
        print(
            f"{label}: index on disk {figures['index_files']} files, {figures['index_raw_bytes'] / 1e6:.2f} MB raw, "
            f"{figures['index_gzip_bytes'] / 1e6:.2f} MB gzip; first result plain median/max "
            f"{figures['plain_first_result_ms_median']:.0f}/{figures['plain_first_result_ms_max']:.0f} ms, "
            f"filtered {figures['filtered_first_result_ms_median']:.0f}/{figures['filtered_first_result_ms_max']:.0f} ms; "
            f"index bytes plain {figures['plain_index_bytes_median'] / 1000:.0f}/{figures['plain_index_bytes_max'] / 1000:.0f} KB, "
            f"filtered {figures['filtered_index_bytes_median'] / 1000:.0f}/{figures['filtered_index_bytes_max'] / 1000:.0f} KB"
        )
        out[label] = figures
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
