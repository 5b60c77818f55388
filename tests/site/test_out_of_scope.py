"""A record marked out of scope is kept in the corpus but never counted, browsed, fed or searched as a trafficking case."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.corpus.stats import compute
from palermo.corpus.store import write_case
from palermo.site.context import CASES_ENV, SiteContext
from palermo.site.pages import browse, feeds
from search_index.engine import SearchRequest
from search_index.lunr_export import meta
from search_index.whoosh_engine import WhooshEngine
from tests.factories import case_record

REASON = "UNODC SHERLOC files this case under drug offences only and does not list it among its trafficking-in-persons cases"


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    root = tmp_path / "cases"
    write_case(root, case_record(id="gbr-2020-in-scope", title="In Scope v. State", offence_types=["sex_trafficking"]))
    write_case(
        root, case_record(id="gbr-2020-out-of-scope", title="Out Of Scope v. State", offence_types=["sex_trafficking"], out_of_scope=REASON)
    )
    return root


def test_statistics_do_not_count_it() -> None:
    stats = compute([case_record(id="a-1"), case_record(id="a-2", out_of_scope=REASON)])
    assert stats["cases"] == 1 and stats["out_of_scope"] == 1


def test_the_site_leaves_it_out_of_pages_browse_pages_and_feeds(cases: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CASES_ENV, str(cases))
    ctx = SiteContext.load(tmp_path)
    assert [r.id for r in ctx.records] == ["gbr-2020-in-scope"]
    generated = "".join(str(page.content) for page in [*browse.generate(ctx), *feeds.generate(ctx)])
    assert "In Scope v. State" in generated and "Out Of Scope" not in generated
    offence = next(f for f in meta(ctx.records)["facets"] if f["name"] == "offence_types")
    assert offence["values"][0][0] == "sex_trafficking"


def test_the_search_index_leaves_it_out(cases: Path, tmp_path: Path) -> None:
    engine = WhooshEngine(tmp_path / "index")
    report, errors = engine.index_corpus(cases)
    assert not errors and report.added == 1
    response = engine.search(SearchRequest(limit=100))
    assert [h.id for h in response.hits] == ["gbr-2020-in-scope"]
