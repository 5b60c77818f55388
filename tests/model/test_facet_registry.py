"""Every consumer of the facet registry offers the same facets: whoosh, ``palermo search``, the browser index
and page, the browse pages and the feeds (:mod:`palermo.model.facets` declares each facet once)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from palermo.cli.search import register
from palermo.model.facets import BY_NAME, FACETS, record_facets
from palermo.site.pages.browse import FACETS as BROWSE_FACETS
from search_index.facets import FACETS as SEARCH_FACETS
from search_index.lunr_export import BROWSER_FACETS, meta
from search_index.query import QueryError, rewrite
from tests.factories import case_record

ROOT = Path(__file__).resolve().parents[2]


def _search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    return parser


def test_whoosh_counts_every_registered_facet() -> None:
    assert list(SEARCH_FACETS) == [spec.name for spec in FACETS]
    for name, facet in SEARCH_FACETS.items():
        assert facet.spec is BY_NAME[name]
        assert facet.aliases == BY_NAME[name].aliases


def test_cli_has_a_flag_for_every_filterable_facet() -> None:
    sub = _search_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    options = {opt for action in sub.choices["search"]._actions for opt in action.option_strings}  # type: ignore[attr-defined]
    for spec in FACETS:
        expected = "--year" if spec.kind == "year" else spec.cli_option
        assert expected in options, f"palermo search has no {expected} for the {spec.name} facet"


def test_every_query_prefix_is_understood_by_the_cli_parser() -> None:
    for spec in FACETS:
        if spec.kind == "year":
            continue
        value = next(iter(spec.vocabulary)).value if spec.vocabulary else "GBR"
        for alias in spec.aliases:
            assert rewrite(f"{alias}:{value}") == f"{spec.name}:{value}"
    with pytest.raises(QueryError, match="unknown field"):
        rewrite("nosuchfacet:x")


def test_the_browser_offers_every_facet_the_cli_filters_by() -> None:
    record = case_record()
    offered = meta([record])["facets"]
    assert [f["name"] for f in offered] == [spec.name for spec in FACETS if spec.kind != "year"]
    assert [spec.name for spec in BROWSER_FACETS] == [f["name"] for f in offered]
    for entry in offered:
        spec = BY_NAME[entry["name"]]
        assert entry["aliases"] == list(spec.aliases) and entry["param"] == spec.flag and entry["label"] == spec.label
    assert any(f["name"] == "ilo_indicators" and "ilo" in f["aliases"] for f in offered)


def test_the_search_page_declares_no_facet_list_of_its_own() -> None:
    script = (ROOT / "docs" / "assets" / "search" / "search.js").read_text(encoding="utf-8")
    assert re.search(r"var FACETS = \[\s*\{", script) is None, "search.js must read the facets from the index metadata"
    assert "FACETS = meta.facets" in script


def test_browse_pages_and_feeds_follow_the_registry() -> None:
    browse = [spec for spec in FACETS if spec.browse]
    assert [f.slug for f in BROWSE_FACETS] == [spec.browse for spec in browse]
    assert [f.has_feed for f in BROWSE_FACETS] == [spec.feed for spec in browse]
    record = case_record()
    for facet, spec in zip(BROWSE_FACETS, browse, strict=True):
        assert [v.lower() for v in facet.values(record)] == [v.lower() for v in record_facets(record)[spec.name]]


def test_palermo_elements_and_form_are_facets() -> None:
    record = case_record(
        palermo={"acts": ["recruitment"], "means": ["abuse_of_power", "abuse_of_vulnerability"], "purposes": ["forced_labour"]},
        form="transnational",
    )
    values = record_facets(record)
    assert values["acts"] == ["recruitment"]
    assert "abuse_of_vulnerability" in values["means"]
    assert values["purposes"] == ["forced_labour"] and values["form"] == ["transnational"]
    assert all(BY_NAME[name].browse for name in ("acts", "means", "purposes", "form"))
