"""A planted record full of <script> and onerror payloads stays inert on every page, feed and download."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html

PLANTED = "zzz-2018-planted-script-payloads"
MARKER = re.compile(r"__pwned=\d+")


def _files_mentioning(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json", ".csv"} and b"__pwned" in p.read_bytes()]


def test_the_planted_record_reaches_the_site(built_site: Path) -> None:
    files = {str(p.relative_to(built_site)) for p in _files_mentioning(built_site)}
    for expected in (
        f"cases/{PLANTED}/index.html",
        f"cases/{PLANTED}.json",
        "browse/offence/labour_trafficking/index.html",
        "browse/jurisdiction/gbr/index.html",
        # feeds/all.xml carries only the newest entries; the planted record is old, so check its offence feed
        "feeds/offence/forced_criminality.xml",
        "downloads/palermo-cases.csv",
    ):
        assert expected in files


def test_no_payload_becomes_markup_on_any_page(built_site: Path) -> None:
    for path in _files_mentioning(built_site):
        if path.suffix != ".html":
            continue
        page = lxml.html.fromstring(path.read_bytes())
        for element in page.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                assert not (name.lower().startswith("on") and MARKER.search(value)), f"{path}: {element.tag} {name}"
                if name in ("href", "src"):
                    assert not value.strip().lower().startswith("javascript:"), f"{path}: {value}"
            if element.tag == "script" and element.get("type") == "application/ld+json":
                # a data block (schema.org JSON-LD) may hold the payload as JSON text, never as markup: no "<" at all
                assert "<" not in (element.text or "") and json.loads(element.text or ""), f"{path}: JSON-LD"
                continue
            if element.tag in ("script", "iframe", "img", "svg", "b"):
                assert not MARKER.search(lxml.html.tostring(element, encoding="unicode")), f"{path}: <{element.tag}>"


def test_payload_text_is_shown_as_text(built_site: Path) -> None:
    page = lxml.html.fromstring((built_site / "cases" / PLANTED / "index.html").read_bytes())
    assert page.cssselect("h1")[0].text_content().startswith("Test record <script>window.__pwned=1</script>")
    assert "<svg onload=window.__pwned=4>" in page.text_content()


def test_json_download_keeps_the_value_as_data(built_site: Path) -> None:
    data = json.loads((built_site / "cases" / f"{PLANTED}.json").read_text(encoding="utf-8"))
    assert data["title"].startswith("Test record <script>")
