"""The privacy rule: a victim's name listed (as a salted hash) in a record cannot appear in its text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from palermo.model.privacy import find_protected, hash_name
from tests.factories import case_data, case_record

RID = "tst-2020-test-v-state"


def test_hash_is_salted_by_record() -> None:
    assert hash_name(RID, "Jane Roe") != hash_name("other-id", "Jane Roe")
    assert hash_name(RID, "Jane  ROE") == hash_name(RID, "jane roe")
    assert "jane" not in hash_name(RID, "Jane Roe").lower()


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("The victim, Jane Roe, was recruited abroad.", True),
        ("JANE ROE testified.", True),
        ("Jané Roé testified.", True),
        ("The victim (J.R.) testified.", False),
        ("Janet Roebuck testified.", False),
    ],
)
def test_find_protected(text: str, hit: bool) -> None:
    assert bool(find_protected(RID, [hash_name(RID, "Jane Roe")], text)) is hit


def test_planted_name_rejected_in_summary() -> None:
    with pytest.raises(ValidationError, match="summary contains a protected victim name"):
        case_record(summary="Jane Roe was held in the house.", protected_names=[hash_name(RID, "Jane Roe")])


def test_planted_name_rejected_in_holding() -> None:
    with pytest.raises(ValidationError, match=r"holdings\.1 contains a protected victim name"):
        case_record(holdings=["First.", "Roe was a victim."], protected_names=[hash_name(RID, "Roe")])


def test_initials_allowed() -> None:
    record = case_record(summary="The victim J.R. was held.", protected_names=[hash_name(RID, "Jane Roe")])
    assert record.privacy_leaks() == {}


def test_bundled_records_have_no_leaks(repo_root) -> None:  # type: ignore[no-untyped-def]
    from palermo.corpus.store import load_corpus

    corpus = load_corpus(repo_root / "cases")
    assert not corpus.errors
    assert all(not r.privacy_leaks() for r in corpus.records)
    # the curated Rantsev record protects the victim's name, which is not part of the case title
    rantsev = corpus.by_id()["ecthr-2010-rantsev-v-cyprus-and-russia"]
    assert rantsev.protected_names
    assert case_data()  # factory stays importable
