"""Hand-written pages: the case template validates, every scraper source is documented."""

from __future__ import annotations

import importlib
from pathlib import Path

from palermo.corpus.store import read_yaml
from palermo.model.schema import CaseRecord

SOURCE_IDS = ("sherloc", "hudoc", "uk_fcl", "courtlistener", "us_courts", "htd")


def test_case_template_validates(repo_root: Path) -> None:
    data = read_yaml(repo_root / "docs" / "assets" / "case-template.yaml")
    record = CaseRecord.model_validate(data)
    assert record.sources and record.summary


def test_every_source_is_listed_on_the_sources_page(repo_root: Path) -> None:
    text = (repo_root / "docs" / "sources.md").read_text(encoding="utf-8")
    registered = set(getattr(importlib.import_module("scraper.sources"), "__all__", []))
    for source_id in set(SOURCE_IDS) | registered:
        assert f"`{source_id}`" in text, f"docs/sources.md does not list the source {source_id}"


def test_propose_page_links_the_template(built_site: Path) -> None:
    html = (built_site / "propose-a-case" / "index.html").read_text(encoding="utf-8")
    assert "assets/case-template.yaml" in html
    assert (built_site / "assets" / "case-template.yaml").is_file()
