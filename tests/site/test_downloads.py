"""Downloads: JSON, CSV, CSL-JSON and RIS; the schema and the CLI give the same files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palermo.cli import main
from palermo.corpus.export import CSV_COLUMNS, csl_item, csv_safe, read_csv, ris_entry, to_csv
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
        assert item["title"] and item["URL"].startswith("http")
        assert "Court" not in item.get("authority", ""), item["id"]  # the court as citations abbreviate it, never its full name
        parts = item["issued"]["date-parts"][0] if "issued" in item else [2000]
        assert all(isinstance(p, int) for p in parts) and 1 <= len(parts) <= 3
    kozminski = next(i for i in items if i["id"] == "usa-1988-united-states-v-kozminski")
    assert (kozminski["volume"], kozminski["container-title"], kozminski["page"]) == ("487", "U.S.", "931")
    assert kozminski["issued"] == {"date-parts": [[1988, 6, 29]]}
    dann = next(i for i in items if i["id"] == "usa-2011-united-states-v-dann")
    assert (dann["authority"], dann["volume"], dann["container-title"], dann["page"]) == ("9th Cir.", "652", "F.3d", "1160")
    assert "number" not in dann  # a docket number in "number" reads as a neutral citation to OSCOLA
    tang = next(i for i in items if i["id"] == "aus-2008-r-v-tang")
    assert (tang["title"], tang["authority"], tang["number"], tang["volume"]) == ("R v. Tang", "HCA", "39", "(2008) 237")
    tjf = next(i for i in items if i["id"] == "can-2024-r-v-tjf")
    assert tjf["title"] == "R. v. T.J.F." and tjf["jurisdiction"] == "ca"  # no neutral citation in brackets in the title


def test_csl_item_parts() -> None:
    record = case_record(
        identifiers=[{"type": "application_number", "value": "25965/04"}, {"type": "reporter_citation", "value": "(2010) 51 EHRR 1"}]
    )
    item = csl_item(record)
    assert "number" not in item  # reported: the styles print the report, and OSCOLA would read "number" as a neutral citation
    assert (item["volume"], item["container-title"], item["page"]) == ("51", "EHRR", "1")
    assert item["issued"] == {"date-parts": [[2020, 3, 4]]}


def test_schema_download_is_the_record_schema(built_site: Path) -> None:
    assert json.loads((built_site / FILES["schema"]).read_text(encoding="utf-8")) == json_schema()


def test_ris_download_has_one_case_record_per_case(built_site: Path, site_records: list[CaseRecord]) -> None:
    text = (built_site / FILES["ris"]).read_bytes().decode("utf-8")
    records = [block for block in text.split("ER  - \r\n") if block.strip()]
    assert len(records) == len(site_records)
    assert all(block.lstrip().startswith("TY  - CASE\r\n") for block in records)
    assert all(len(line) >= 6 and line[2:6] == "  - " for line in text.splitlines() if line)
    tang = (built_site / "cases" / "aus-2008-r-v-tang.ris").read_bytes().decode("utf-8")
    for line in ("TI  - R v Tang", "PB  - High Court of Australia", "DA  - 2008/08/28", "T2  - CLR", "VL  - 237", "SP  - 1"):
        assert line + "\r\n" in tang
    assert tang in text


def test_ris_entry_keeps_one_line_per_field() -> None:
    record = case_record(title="A v\nB", summary="Line one.\nLine two.")
    entry = ris_entry(record)
    assert "TI  - A v B\r\n" in entry and "AB  - Line one. Line two.\r\n" in entry
    assert entry.endswith("ER  - \r\n")


@pytest.mark.parametrize("fmt", ["json", "csv", "csl-json", "ris"])
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
