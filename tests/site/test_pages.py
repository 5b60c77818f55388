"""Page-content tests over the built site: every case and facet value has its page, links resolve, nothing external loads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from palermo.model.schema import CaseRecord
from palermo.model.vocab import GeographicForm, IloIndicator, LegalIssue, OffenceType, PalermoAct, PalermoMeans, PalermoPurpose, Sector
from palermo.site.csp import policy, script_hash
from palermo.site.pages.browse import FACETS, PAGE_SIZE

MAX_CASE_PAGE = 40 * 1024
Pages = dict[Path, lxml.html.HtmlElement]


def test_every_case_has_a_page_and_a_json_record(built_site: Path, site_records: list[CaseRecord]) -> None:
    for record in site_records:
        page = built_site / "cases" / record.id / "index.html"
        assert page.is_file(), record.id
        data = json.loads((built_site / "cases" / f"{record.id}.json").read_text(encoding="utf-8"))
        assert CaseRecord.model_validate(data).id == record.id
        assert "protected_names" not in data


def test_case_pages_stay_under_40_kb(built_site: Path, site_records: list[CaseRecord]) -> None:
    sizes = {r.id: (built_site / "cases" / r.id / "index.html").stat().st_size for r in site_records}
    too_big = {k: v for k, v in sizes.items() if v > MAX_CASE_PAGE}
    assert not too_big


def test_every_facet_value_has_a_browse_page(built_site: Path, site_records: list[CaseRecord]) -> None:
    expected = {("offence", o.value) for o in OffenceType} | {("issue", i.value) for i in LegalIssue}
    expected |= {("ilo", i.value) for i in IloIndicator}
    expected |= {("act", a.value) for a in PalermoAct} | {("means", m.value) for m in PalermoMeans}
    expected |= {("purpose", p.value) for p in PalermoPurpose} | {("form", f.value) for f in GeographicForm}
    expected |= {("sector", s.value) for s in Sector}
    for record in site_records:
        expected.add(("jurisdiction", record.jurisdiction.lower()))
        if record.year:
            expected.add(("year", str(record.year)))
    for slug, value in expected:
        assert (built_site / "browse" / slug / value / "index.html").is_file(), (slug, value)
    assert {f.slug for f in FACETS} == {slug for slug, _ in expected}


def test_browse_page_lists_its_cases_newest_first_with_a_feed(parsed_pages: Pages, site_records: list[CaseRecord]) -> None:
    page = parsed_pages[Path("browse/offence/labour_trafficking/index.html")]
    links = [a.get("href") for a in page.cssselect(".pl-case-list a")]
    expected = [r for r in site_records if OffenceType.LABOUR_TRAFFICKING in r.offence_types]
    assert len(links) == min(len(expected), PAGE_SIZE)
    years = [int(h.get("id")[1:]) for h in page.cssselect("h2[id^=y]") if h.get("id")[1:].isdigit()]
    assert years == sorted(years, reverse=True)
    alternate = page.cssselect('link[rel~=alternate][type="application/atom+xml"]')
    assert any(link.get("href").endswith("feeds/offence/labour_trafficking.xml") for link in alternate)


def test_case_page_has_every_section(parsed_pages: Pages) -> None:
    page = parsed_pages[Path("cases/ecthr-2010-rantsev-v-cyprus-and-russia/index.html")]
    text = page.text_content()
    headings = {h.text_content().strip() for h in page.cssselect("h2")}
    assert {"Summary", "Holdings", "Cite this case", "Provisions", "Victims and defendants", "Sources"} <= headings
    assert "Rantsev v. Cyprus & Russia, App. No. 25965/04" in text
    assert "Rantsev v Cyprus and Russia (2010) 51 EHRR 1" in text
    assert page.cssselect('a[href="../ecthr-2010-rantsev-v-cyprus-and-russia.json"]')
    assert page.cssselect('a[href="../../browse/offence/sex_trafficking/"] .pl-badge')
    assert "ECLI:CE:ECHR:2010:0107JUD002596504" in text
    copy = page.cssselect("button[data-pl-copy]")
    assert [b.get("data-pl-copy") for b in copy][1] == "Rantsev v Cyprus and Russia (2010) 51 EHRR 1"


def test_every_internal_link_resolves(built_site: Path, parsed_pages: Pages) -> None:
    broken = []
    for rel_path, page in parsed_pages.items():
        base = (built_site / rel_path).parent
        for element, attribute, link, _ in page.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "data:")) or not parts.path:
                continue
            target = (base / unquote(parts.path)) if not parts.path.startswith("/") else built_site / unquote(parts.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{rel_path}: <{element.tag} {attribute}={link!r}>")
    assert not broken, "\n".join(broken[:30])


def test_nothing_is_loaded_from_outside_the_site(parsed_pages: Pages) -> None:
    external = []
    for rel_path, page in parsed_pages.items():
        for element in page.xpath("//*[@src] | //link[@href]"):
            url = element.get("src") or element.get("href")
            loads = element.tag != "link" or set((element.get("rel") or "").split()) & {
                "stylesheet",
                "preload",
                "modulepreload",
                "icon",
                "preconnect",
            }
            if loads and re.match(r"^(?:[a-z]+:)?//", url, re.I):
                external.append(f"{rel_path}: {url}")
    assert not external, external[:20]


def test_every_page_has_the_csp_and_it_covers_every_inline_script(parsed_pages: Pages) -> None:
    expected = policy()
    for rel_path, page in parsed_pages.items():
        metas = page.xpath('//meta[@http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, rel_path
        csp = metas[0].get("content")
        assert csp == expected, f"{rel_path}: overrides/main.html is out of date; run python -m palermo.site.csp"
        assert "'unsafe-inline'" not in csp
        first_script = page.xpath("//script")
        if page.xpath('//meta[@http-equiv="refresh"]') and not first_script:
            continue  # the page left at a merged-away id: no script at all
        assert first_script and metas[0] in first_script[0].xpath("preceding::meta"), f"{rel_path}: CSP must come before any script"
        for script in page.xpath("//script[not(@src)]"):
            if (script.get("type") or "text/javascript") in ("application/json", "application/ld+json"):  # data blocks, never run
                continue
            assert script_hash(script.text or "") in csp, f"{rel_path}: inline script not allowed by the CSP: {(script.text or '')[:80]}"


def test_no_inline_style_or_event_handler_attributes_on_generated_pages(parsed_pages: Pages) -> None:
    for rel_path, page in parsed_pages.items():
        if not str(rel_path).startswith(("cases/", "browse/", "stats/", "downloads/", "index.html")):
            continue
        for element in page.iter():
            if not isinstance(element.tag, str):
                continue
            bad = [a for a in element.attrib if a.lower().startswith("on") or a.lower() == "style"]
            assert not bad, f"{rel_path}: <{element.tag} {bad}>"


def test_the_404_page_offers_a_way_back(parsed_pages: Pages) -> None:
    page = parsed_pages[Path("404.html")]
    assert "Page not found" in page.text_content()
    assert page.cssselect('a[href$="browse/"]')


def test_hand_written_pages_are_in_the_nav(parsed_pages: Pages) -> None:
    nav = " ".join(a.text_content().strip() for a in parsed_pages[Path("index.html")].cssselect("nav.md-nav a"))
    for title in ("Statistics", "Downloads", "Methodology", "Editorial policy", "Propose a case", "Sources"):
        assert title in nav
    assert "Rantsev" not in nav, "case pages must stay out of the navigation"


def test_case_page_table_of_contents_links_its_sections(parsed_pages: Pages) -> None:
    page = parsed_pages[Path("cases/ecthr-2010-rantsev-v-cyprus-and-russia/index.html")]
    toc = {a.get("href") for a in page.cssselect('nav[aria-label="Table of contents"] a')}
    assert {"#summary", "#holdings", "#cite-this-case", "#sources"} <= toc
    for href in toc:
        assert page.get_element_by_id(href[1:]) is not None


def test_every_inline_style_attribute_is_allowed_by_the_csp(parsed_pages: Pages) -> None:
    csp = policy()
    for rel_path, page in parsed_pages.items():
        assert not page.xpath("//style"), f"{rel_path}: <style> elements are blocked by the CSP"
        for element in page.xpath("//*[@style]"):
            assert script_hash(element.get("style")) in csp, f"{rel_path}: style={element.get('style')!r} is blocked by the CSP"


def test_every_merged_away_id_redirects_to_its_case(built_site: Path, site_records: list[CaseRecord]) -> None:
    aliased = [r for r in site_records if r.aliases]
    assert aliased, "the bundled corpus has merged records"
    for record in aliased:
        for alias in record.aliases:
            page = built_site / "cases" / alias / "index.html"
            html = page.read_text(encoding="utf-8")
            assert f'url=../{record.id}/"' in html and f'href="../{record.id}/"' in html, alias
            assert (page.parent / f"../{record.id}/index.html").resolve().is_file()


def test_a_digested_case_page_says_what_the_digest_is_and_is_not(built_site: Path, site_records: list[CaseRecord]) -> None:
    record = next(r for r in site_records if r.summary_basis is not None)
    html = (built_site / "cases" / record.id / "index.html").read_text(encoding="utf-8")
    assert "not from the judgment" in html and "not reviewed by a legal editor" in html
    assert 'id="digest"' in html and record.summary_basis is not None
    assert f'href="{record.summary_basis.url}"' in html
