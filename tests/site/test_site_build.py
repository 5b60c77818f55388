"""The site builds strictly from the corpus and every record has its page."""

from __future__ import annotations

from pathlib import Path

from palermo.corpus.store import load_corpus
from palermo.model.vocab import OffenceType


def test_every_case_has_a_page(built_site: Path, test_corpus: Path) -> None:
    corpus = load_corpus(test_corpus)
    assert corpus.records and not corpus.errors
    for record in corpus.records:
        page = built_site / "cases" / record.id / "index.html"
        assert page.is_file() is record.in_scope, record.id  # a record marked out of scope is not published


def test_browse_pages_for_every_offence_type(built_site: Path) -> None:
    for offence in OffenceType:
        assert (built_site / "browse" / "offence" / offence.value / "index.html").is_file()


def test_home_page_counts(built_site: Path, test_corpus: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    total = sum(1 for r in load_corpus(test_corpus).records if r.in_scope)
    assert f"<strong>{total}</strong> cases" in html


def test_case_page_renders_fields(built_site: Path) -> None:
    html = (built_site / "cases" / "ecthr-2010-rantsev-v-cyprus-and-russia" / "index.html").read_text(encoding="utf-8")
    for text in ("Rantsev v. Cyprus and Russia", "25965/04", "ECLI:CE:ECHR:2010:0107JUD002596504", "Sex trafficking", "hudoc.echr.coe.int"):
        assert text in html, text


def test_build_from_another_corpus_folder(tmp_path: Path, repo_root: Path) -> None:
    import subprocess
    import sys

    from palermo.corpus.store import write_case
    from tests.factories import case_record

    cases = tmp_path / "cases"
    write_case(cases, case_record(title="Only v. One", summary="A short summary.", offence_types=["forced_begging"]))
    out = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "build", "--cases", str(cases), "--out", str(out)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Only v. One" in (out / "cases" / "tst-2020-test-v-state" / "index.html").read_text(encoding="utf-8")


def test_build_refuses_invalid_corpus(tmp_path: Path, repo_root: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "cases" / "gbr" / "broken.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("id: broken\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "build", "--cases", str(tmp_path / "cases"), "--out", str(tmp_path / "site")],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "broken.yaml" in proc.stderr


def test_case_page_names_the_judges(built_site: Path, test_corpus: Path) -> None:
    record = next(r for r in load_corpus(test_corpus).records if r.judges)
    html = (built_site / "cases" / record.id / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Judges</th>' in html
    from palermo.site.render import esc

    assert esc(", ".join(record.judges)) in html
