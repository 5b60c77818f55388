"""Incremental indexing: only changed, new and removed records are touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from search_index.engine import SearchRequest
from search_index.whoosh_engine import WhooshEngine
from tests.factories import case_data


def _write(path: Path, **overrides: object) -> None:
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(case_data(**overrides), sort_keys=False), encoding="utf-8")


def test_only_what_changed_is_reindexed(tmp_path: Path, repo_root: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(repo_root / "cases", cases)
    engine = WhooshEngine(tmp_path / "index")
    first, errors = engine.index_corpus(cases)
    total = first.added
    assert first.rebuilt and not errors and total > 0

    again, _ = engine.index_corpus(cases)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, total)

    rantsev = cases / "echr" / "ecthr-2010-rantsev-v-cyprus-and-russia.yaml"
    rantsev.write_text(
        rantsev.read_text(encoding="utf-8").replace("cabaret in Limassol", "cabaret in Limassol quokkazebra"), encoding="utf-8"
    )
    _write(cases / "gbr" / "tst-2020-test-v-state.yaml", summary="A test record about a quokkazebra.")
    removed = next(p for p in (cases / "usa").glob("*.yaml") if "kozminski" not in p.name)
    removed.unlink()

    update, errors = engine.index_corpus(cases)
    assert not errors
    assert (update.added, update.updated, update.removed, update.unchanged) == (1, 1, 1, total - 2)
    hits = {h.id for h in engine.search(SearchRequest(query="quokkazebra")).hits}
    assert hits == {"ecthr-2010-rantsev-v-cyprus-and-russia", "tst-2020-test-v-state"}
    assert engine.search(SearchRequest(limit=0)).total == total
    assert removed.stem not in {h.id for h in engine.search(SearchRequest(limit=1000)).hits}


def test_bad_file_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    _write(cases / "gbr" / "tst-2020-test-v-state.yaml")
    (cases / "gbr" / "broken.yaml").write_text("id: [unclosed", encoding="utf-8")
    engine = WhooshEngine(tmp_path / "index")
    report, errors = engine.index_corpus(cases)
    assert report.added == 1
    assert len(errors) == 1 and "broken.yaml" in str(errors[0])


def test_records_interface_hashes_content(tmp_path: Path) -> None:
    from tests.factories import case_record

    engine = WhooshEngine(tmp_path / "index")
    records = [case_record(id=f"tst-2020-case-{i}", title=f"Case {i}") for i in range(3)]
    assert engine.index(records).added == 3
    records[1] = case_record(id="tst-2020-case-1", title="Case 1 renamed")
    report = engine.index(records[:2])
    assert (report.updated, report.removed, report.unchanged) == (1, 1, 1)
