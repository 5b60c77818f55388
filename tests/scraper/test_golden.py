"""Golden output of every registered source, over its own small fixtures and the real saved documents.

For source ``<id>``, every document ``Source().documents_from()`` finds under
``tests/fixtures/<id>/`` (its ``malformed/`` folder aside) and under the source's folder of
``../shared/fixtures`` is parsed, and the records are compared with
``tests/golden/<id>/{own|real}__<relative path with / as __, no suffix>.json``. A missing
golden file is written and the test fails, so a person reviews it before committing it.
Large outputs (over ``FULL_LIMIT`` records) are kept as a digest: count, ids, sha256 of the
records and the first few in full. Files under ``malformed/`` must give a clear ParseError
or a reported problem — never another exception.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from palermo.model.schema import CaseRecord
from scraper.base import BaseSource, ParseError, file_document
from scraper.registry import UnknownSource, source_class, source_ids

ROOT = Path(__file__).resolve().parents[2]
OWN_ROOT = ROOT / "tests" / "fixtures"
GOLDEN_ROOT = ROOT / "tests" / "golden"
FULL_LIMIT = 200


def load(source_id: str) -> type[BaseSource]:
    try:
        return source_class(source_id)
    except UnknownSource as exc:
        pytest.fail(str(exc))


def golden_data(records: list[CaseRecord]) -> Any:
    """Records as golden JSON (retrieval dates left out: a file's mtime differs between clones); a digest when large."""
    out = []
    for record in records:
        data = record.to_data()
        for source in data.get("sources", []):
            source.pop("retrieved_at", None)
        out.append(data)
    if len(out) <= FULL_LIMIT:
        return out
    canonical = json.dumps(out, sort_keys=True, ensure_ascii=False).encode()
    return {"count": len(out), "sha256": hashlib.sha256(canonical).hexdigest(), "ids": [r["id"] for r in out], "first": out[:3]}


def golden_name(relative: str) -> str:
    return relative.replace("/", "__").rsplit(".", 1)[0]


def assert_golden(source_id: str, name: str, records: list[CaseRecord]) -> None:
    path = GOLDEN_ROOT / source_id / f"{name}.json"
    actual = golden_data(records)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        pytest.fail(f"golden file {path.relative_to(ROOT)} written: review and commit it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(expected, dict) and isinstance(actual, dict):
        assert actual["ids"] == expected["ids"], f"record ids differ from {path.relative_to(ROOT)}"
        assert actual["first"] == expected["first"], f"first records differ from {path.relative_to(ROOT)}"
    assert actual == expected, f"output differs from {path.relative_to(ROOT)}"


def run_documents(source_id: str, folder: Path, prefix: str) -> list[str]:
    """Parse every document the source finds under ``folder`` and check each against its golden file; return the names."""
    cls = load(source_id)
    names = []
    for doc in cls().documents_from(folder):
        assert doc.path is not None
        relative = doc.path.relative_to(folder).as_posix()
        if relative.startswith("malformed/"):
            continue
        source = cls()
        records = source.parse(doc)
        assert all(isinstance(r, CaseRecord) for r in records)
        name = prefix + golden_name(relative)
        assert_golden(source_id, name, records)
        names.append(name)
    return names


@pytest.mark.parametrize("source_id", source_ids(), ids=source_ids())
def test_own_fixtures_match_golden(source_id: str) -> None:
    folder = OWN_ROOT / source_id
    if not folder.is_dir():
        pytest.fail(f"tests/fixtures/{source_id}/ is missing: every source needs small fixtures of its own")
    names = run_documents(source_id, folder, "own__")
    assert names, f"no document in tests/fixtures/{source_id}/ matches the source's offline_patterns"


@pytest.mark.parametrize("source_id", source_ids(), ids=source_ids())
def test_real_documents_match_golden(shared_fixtures: Path, source_id: str) -> None:
    saved = load(source_id).saved_documents
    if saved is None:
        pytest.skip(f"{source_id} declares no folder of real saved documents")
    folder = shared_fixtures / saved
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing: the saved documents are not beside this checkout")
    names = run_documents(source_id, folder, "real__")
    assert names, f"the source reads none of the saved documents in {folder}"


@pytest.mark.parametrize("source_id", source_ids(), ids=source_ids())
def test_malformed_input_gives_a_clear_error(source_id: str) -> None:
    folder = OWN_ROOT / source_id / "malformed"
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "README.md") if folder.is_dir() else []
    if not files:
        pytest.fail(f"tests/fixtures/{source_id}/malformed/ holds no malformed input")
    cls = load(source_id)
    for path in files:
        source = cls()
        try:
            source.parse(file_document(source_id, path))
        except ParseError as exc:
            assert exc.field and exc.message, f"{path.name}: ParseError without field or message"
            assert str(path) in exc.document or path.name in exc.document, f"{path.name}: the error does not name the document"
            continue
        assert source.problems, f"{path.name}: malformed input accepted without an error or a reported problem"
