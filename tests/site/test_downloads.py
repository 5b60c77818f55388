"""Downloads: JSON, CSV and CSL-JSON round-trip; the schema and the CLI give the same files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palermo.cli import main
from palermo.corpus.export import CSV_COLUMNS, csl_item, csv_safe, read_csv, to_csv
from palermo.corpus.ordering import newest_first_key
from palermo.model.schema import CaseRecord, json_schema
from palermo.site.pages.downloads import FILES
from tests.factories import case_record


def _by_id(records: list[CaseRecord]) -> dict[str, CaseRecord]:
    return {r.id: r for r in records}


def test_json_download_round_trips_to_the_same_records(built_site: Path, site_records: list[CaseRecord]) -> None:
    data = json.loads((built_site / FILES["json"]).read_text(encoding="utf-8"))
    loaded = {d["id"]: CaseRecord.model_validate(d) for d in data}
    originals = _by_id(site_records)
    assert loaded.keys() == originals.keys()
    for case_id, record in loaded.items():
        expected = originals[case_id].model_copy(update={"protected_names": [], "full_text": None})
        assert record == expected, case_id


def test_csv_download_round_trips(built_site: Path, site_records: list[CaseRecord]) -> None:
    rows = read_csv((built_site / FILES["csv"]).read_text(encoding="utf-8"))
    originals = _by_id(site_records)
    assert [r["id"] for r in rows] == [r.id for r in sorted(site_records, key=newest_first_key)]
    for row in rows:
        record = originals[row["id"]]
        assert list(row) == list(CSV_COLUMNS)
        assert row["title"] == record.title
        assert row["offence_types"].split("; ") == ([o.value for o in record.offence_types] or [""])
        assert row["decision_date"] == (record.decision_date.isoformat() if record.decision_date else "")
        assert row["summary"] == (record.summary or "")


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "plain"])
def test_csv_cells_never_run_as_formulas_and_read_back_unchanged(value: str) -> None:
    record = case_record(title=value)
    assert not csv_safe(value).startswith(("=", "+", "-", "@"))
    assert read_csv(to_csv([record]))[0]["title"] == value


def test_csl_json_is_what_zotero_imports(built_site: Path, site_records: list[CaseRecord]) -> None:
    items = json.loads((built_site / FILES["csl-json"]).read_text(encoding="utf-8"))
    assert len(items) == len(site_records)
    for item in items:
        assert item["type"] == "legal_case"
        assert item["title"] and item["authority"] and item["URL"].startswith("http")
        parts = item["issued"]["date-parts"][0] if "issued" in item else [2000]
        assert all(isinstance(p, int) for p in parts) and 1 <= len(parts) <= 3
    kozminski = next(i for i in items if i["id"] == "usa-1988-united-states-v-kozminski")
    assert (kozminski["volume"], kozminski["container-title"], kozminski["page"]) == ("487", "U.S.", "931")
    assert kozminski["issued"] == {"date-parts": [[1988, 6, 29]]}


def test_csl_item_parts() -> None:
    record = case_record(
        identifiers=[{"type": "application_number", "value": "25965/04"}, {"type": "reporter_citation", "value": "(2010) 51 EHRR 1"}]
    )
    item = csl_item(record)
    assert item["number"] == "25965/04"
    assert (item["volume"], item["container-title"], item["page"]) == ("51", "EHRR", "1")
    assert item["issued"] == {"date-parts": [[2020, 3, 4]]}


def test_schema_download_is_the_record_schema(built_site: Path) -> None:
    assert json.loads((built_site / FILES["schema"]).read_text(encoding="utf-8")) == json_schema()


@pytest.mark.parametrize("fmt", ["json", "csv", "csl-json"])
def test_cli_export_writes_the_site_download(fmt: str, built_site: Path, test_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert main(["export", "--format", fmt, "--cases", str(test_corpus), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (built_site / FILES[fmt]).read_text(encoding="utf-8")


def test_cli_export_reports_a_bad_file_and_exports_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases" / "gbr"
    cases.mkdir(parents=True)
    (cases / "bad.yaml").write_text("id: bad\ntitle: Bad\n", encoding="utf-8")
    good = case_record(id="gbr-2020-good")
    from palermo.corpus.store import write_case

    write_case(tmp_path / "cases", good)
    assert main(["export", "--format", "json", "--cases", str(tmp_path / "cases")]) == 1
    captured = capsys.readouterr()
    assert "bad.yaml" in captured.err
    assert [d["id"] for d in json.loads(captured.out)] == ["gbr-2020-good"]


def test_cli_stats_json(test_corpus: Path, site_records: list[CaseRecord], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--cases", str(test_corpus), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["cases"] == len(site_records)
    assert sum(stats["by_jurisdiction"].values()) == len(site_records)
    assert sum(stats["by_editorial_status"].values()) == len(site_records)
