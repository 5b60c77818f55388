"""The English fact summaries of SHERLOC case briefs, read from the saved documents.

Sources: the five files of the SHERLOC analysis data set that carry a summary (joined on the
case-brief URL) and the summaries shown in the saved US search-results page. When a case has
several, the longest is kept. Cases are keyed by the URL path after the crime-type folder,
because cases move between crime-type folders and between hosts.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

_PATH = re.compile(r"case-law-doc/[^/]+/(.+)$", re.IGNORECASE)

SUMMARY_FILES: tuple[tuple[str, str], ...] = (
    ("sherloc-analysis/outputs/metrics/stage3_m1_complete_validation/a2/amp_case_level_errors.csv", "fact_summary"),
    ("sherloc-analysis/outputs/metrics/stage3_m1_complete_validation/a1/amp_case_level_errors.csv", "fact_summary"),
    ("sherloc-analysis/data/annotations/reliability_sample_100.csv", "english_fact_summary_raw"),
    ("sherloc-analysis/data/annotations/demo_bank_review_v2.csv", "english_fact_summary"),
)
PREDICTIONS = "sherloc-analysis/outputs/predictions/evaluation_b/m2/predictions.jsonl"
MANIFEST = "sherloc-analysis/data/manifests/case_urls.csv"
US_PAGE = "unodc-sherloc/sherloc_search_results_usa_185_cases.html"
US_URLS = "unodc-sherloc/sherloc_case_urls_usa.csv"
OTHER_SUMMARIES: tuple[tuple[str, str], ...] = (
    ("unodc-sherloc/sherloc_extracted_fact_summary_state_v_eze_zaf_2017.json", "facts_summary"),
    ("other-trafficking/htd_federal_trafficking_prosecutions_290rows.csv", "CaseSummary"),
)
"""Other saved case summaries a digest may not copy from either (they are no digest's basis)."""


class FixturesMissing(Exception):
    """The saved documents holding the fact summaries are not where they were looked for."""


@dataclass(frozen=True)
class Summary:
    """A case's English fact summary and where it was read."""

    key: str
    text: str
    source: str
    title: str = ""


def case_key(url: str) -> str | None:
    """``<iso>/<year>/<slug>`` of a SHERLOC case URL: the path after the crime-type folder, lower-case, no ``.html``, query or placeholder year."""
    m = _PATH.search(url.split("?")[0].split("#")[0])
    if m is None:
        return None
    rest = urllib.parse.unquote(m.group(1)).lower()
    rest = re.sub(r"\.html?$", "", rest)
    rest = re.sub(r"^([^/]+)/(?:yyyy|0000)/", r"\1/", rest)  # a placeholder year: the same case as the one without
    return re.sub(r"/+", "/", rest).strip("/")


def match_key(key: str) -> str:
    """The spelling of a key used to join sources (a slug's trailing ``_`` or ``.`` varies between lists)."""
    head, _, slug = key.rpartition("/")
    slug = slug.rstrip("_.")
    return f"{head}/{slug}" if head else slug


def fixtures_root(repo_root: Path) -> Path:
    """The saved documents: ``$PALERMO_FIXTURES``, else ``../shared/fixtures`` beside the checkout."""
    env = os.environ.get("PALERMO_FIXTURES")
    return Path(env) if env else (repo_root.parent / "shared" / "fixtures").resolve()


def _csv_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_summaries(root: Path) -> dict[str, Summary]:
    """Every English fact summary under ``root``, by :func:`match_key`; raises :class:`FixturesMissing`."""
    manifest = root / MANIFEST
    if not manifest.is_file():
        raise FixturesMissing(f"fact summaries not found: {manifest} is missing (set PALERMO_FIXTURES to the saved documents)")
    titles: dict[str, str] = {}
    for row in _csv_rows(manifest):
        key = case_key(row.get("canonical_url", ""))
        if key:
            titles.setdefault(match_key(key), row.get("case_title", ""))
    found: dict[str, Summary] = {}

    def add(url: str, text: str, source: str, title: str = "") -> None:
        key = case_key(url)
        text = " ".join((text or "").split())
        if key is None or not text:
            return
        mk = match_key(key)
        old = found.get(mk)
        if old is None or len(text) > len(old.text):
            found[mk] = Summary(key=key, text=text, source=source, title=titles.get(mk) or title)

    for rel, column in SUMMARY_FILES:
        path = root / rel
        if path.is_file():
            for row in _csv_rows(path):
                add(row.get("canonical_url", ""), row.get(column, ""), rel)
    if (root / PREDICTIONS).is_file():
        for line in (root / PREDICTIONS).read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                add(data.get("canonical_url", ""), data.get("fact_summary") or "", PREDICTIONS)
    if (root / US_PAGE).is_file() and (root / US_URLS).is_file():
        urls = [line.strip() for line in (root / US_URLS).read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = BeautifulSoup((root / US_PAGE).read_bytes(), "lxml").select("div.result-row")
        if len(urls) == len(rows):  # the URL list gives the rows' links, in order
            for url, result in zip(urls, rows, strict=True):
                node = result.select_one(".result-summary .text")
                title = result.select_one(".result-title")
                text = node.get_text(" ", strip=True) if node else ""
                if text and text != "No text":
                    add(url, text, US_PAGE, title.get_text(" ", strip=True) if title else "")
    return found


def load_other_summaries(root: Path) -> dict[str, str]:
    """Case summaries of other saved documents (:data:`OTHER_SUMMARIES`), by file and row; missing files are skipped."""
    found: dict[str, str] = {}
    for rel, field in OTHER_SUMMARIES:
        path = root / rel
        if not path.is_file():
            continue
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            for name, item in data.items():
                if isinstance(item, dict) and isinstance(item.get(field), str):
                    found[f"{rel}#{name}"] = item[field]
        else:
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                for i, row in enumerate(csv.DictReader(handle), 2):
                    if row.get(field):
                        found[f"{rel} row {i}"] = row[field]
    return found
