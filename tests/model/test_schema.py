"""Table-driven tests of the case record: valid and invalid records, every vocabulary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from palermo.model import vocab
from palermo.model.schema import CaseRecord, json_schema
from tests.factories import case_data, case_record

VALID: list[tuple[str, dict[str, Any]]] = [
    ("minimal", {}),
    ("international body", {"jurisdiction": "ECHR"}),
    ("year only", {"decision_date": None, "year": 2008}),
    ("undated", {"decision_date": None}),
    ("ecli", {"identifiers": [{"type": "ecli", "value": "ECLI:CE:ECHR:2010:0107JUD002596504"}]}),
    ("neutral citation", {"identifiers": [{"type": "neutral_citation", "value": "[2020] EWCA Civ 130"}]}),
    ("tribunal neutral citation", {"identifiers": [{"type": "neutral_citation", "value": "[2012] UKUT 82 (IAC)"}]}),
    ("application number", {"identifiers": [{"type": "application_number", "value": "25965/04"}]}),
    ("Canadian neutral citation", {"identifiers": [{"type": "neutral_citation", "value": "2015 ONCA 558"}]}),
    ("year-ordered report", {"identifiers": [{"type": "reporter_citation", "value": "[2014] ICR 847"}]}),
    ("WLR report", {"identifiers": [{"type": "reporter_citation", "value": "[2014] 1 WLR 2889"}]}),
    ("US reporter", {"identifiers": [{"type": "reporter_citation", "value": "487 U.S. 931"}]}),
    ("F.3d reporter", {"identifiers": [{"type": "reporter_citation", "value": "390 F.3d 145"}]}),
    ("EHRR reporter", {"identifiers": [{"type": "reporter_citation", "value": "(2010) 51 EHRR 1"}]}),
    ("UNODC number", {"identifiers": [{"type": "unodc_number", "value": "USA001"}]}),
    ("hudoc item", {"identifiers": [{"type": "hudoc_itemid", "value": "001-96549"}]}),
    ("docket", {"identifiers": [{"type": "docket_number", "value": "1:06-cr-00152"}]}),
    ("curated with summary", {"editorial_status": "curated", "summary": "A summary."}),
    (
        "full substance",
        {
            "offence_types": ["labour_trafficking", "domestic_servitude"],
            "palermo": {"acts": ["recruitment"], "means": ["deception"], "purposes": ["forced_labour"]},
            "legal_issues": ["means_element"],
            "ilo_indicators": ["retention_of_identity_documents"],
            "provisions": [{"instrument": "18 U.S.C.", "section": "§ 1589"}],
            "outcome": "conviction",
            "sentences": [{"defendant": "first defendant", "custody_months": 48, "restitution": {"amount": 1000, "currency": "USD"}}],
            "victims": {"count": 2, "female": 2, "nationalities": ["PHL"]},
            "defendants": {"count": 1, "natural_persons": 1, "names": ["John Doe"]},
            "related": [{"case_id": "other-case", "relation": "appeal_of"}],
        },
    ),
]

INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("unknown field", {"colour": "red"}, "colour"),
    ("bad id", {"id": "Not A Slug"}, "id"),
    ("unknown jurisdiction", {"jurisdiction": "XYZ"}, "jurisdiction"),
    ("alpha-2 jurisdiction", {"jurisdiction": "GB"}, "jurisdiction"),
    ("no sources", {"sources": []}, "sources"),
    ("source without url", {"sources": [{"name": "x"}]}, "sources.0.url"),
    ("source with bad url", {"sources": [{"name": "x", "url": "ftp://x"}]}, "sources.0.url"),
    ("impossible date", {"decision_date": "2010-13-01"}, "decision_date"),
    ("future date", {"decision_date": (dt.date.today() + dt.timedelta(days=40)).isoformat()}, "decision_date"),
    ("year disagrees", {"year": 2019}, "year"),
    ("unknown offence", {"offence_types": ["piracy"]}, "offence_types.0"),
    ("duplicate offence", {"offence_types": ["sex_trafficking", "sex_trafficking"]}, "offence_types"),
    ("unknown means", {"palermo": {"means": ["charm"]}}, "palermo.means.0"),
    ("unknown outcome", {"outcome": "won"}, "outcome"),
    ("unknown status", {"editorial_status": "draft"}, "editorial_status"),
    ("curated without summary", {"editorial_status": "curated"}, "editorial_status"),
    ("bad ecli", {"identifiers": [{"type": "ecli", "value": "ECLI-nonsense"}]}, "identifiers.0"),
    ("bad application number", {"identifiers": [{"type": "application_number", "value": "25965-04"}]}, "identifiers.0"),
    ("bad neutral citation", {"identifiers": [{"type": "neutral_citation", "value": "EWCA Civ 130 (2020)"}]}, "identifiers.0"),
    ("report without volume or year", {"identifiers": [{"type": "reporter_citation", "value": "ICR 847"}]}, "identifiers.0"),
    ("unknown identifier type", {"identifiers": [{"type": "isbn", "value": "1"}]}, "identifiers.0.type"),
    ("victim nationality", {"victims": {"nationalities": ["Narnia"]}}, "victims.nationalities"),
    ("negative count", {"victims": {"count": -1}}, "victims.count"),
    ("plain name in protected list", {"protected_names": ["Jane Roe"]}, "protected_names"),
    ("unknown editorial field", {"editorial_fields": ["mood"]}, "editorial_fields"),
    ("bad currency", {"sentences": [{"defendant": "x", "fine": {"amount": 1, "currency": "euro"}}]}, "sentences.0.fine.currency"),
]


@pytest.mark.parametrize(("name", "overrides"), VALID, ids=[v[0] for v in VALID])
def test_valid_records(name: str, overrides: dict[str, Any]) -> None:
    record = case_record(**overrides)
    assert CaseRecord.model_validate(record.to_data()) == record


@pytest.mark.parametrize(("name", "overrides", "loc"), INVALID, ids=[v[0] for v in INVALID])
def test_invalid_records(name: str, overrides: dict[str, Any], loc: str) -> None:
    with pytest.raises(ValidationError) as info:
        CaseRecord.model_validate(case_data(**overrides))
    locs = [".".join(str(p) for p in e["loc"]) for e in info.value.errors()]
    assert any(found.startswith(loc) for found in locs), locs


def test_year_filled_from_date() -> None:
    assert case_record(decision_date="2005-07-26").year == 2005


VOCABS = list(vocab.VOCABULARIES.items())


@pytest.mark.parametrize(("field", "enum"), VOCABS, ids=[v[0] for v in VOCABS])
def test_every_vocabulary_value_has_label_and_definition(field: str, enum: type[vocab.Vocabulary]) -> None:
    assert len(enum) >= 2
    for member in enum:
        assert member.value == member.value.lower()
        assert member.label and member.label[0].isupper(), member
        assert member.definition.endswith("."), member
        assert len(member.definition) < 140, member


def test_design_vocabularies_are_complete() -> None:
    assert len(vocab.OffenceType) == 12
    assert len(vocab.IloIndicator) == 11
    assert len(vocab.LegalIssue) == 16
    assert {m.value for m in vocab.PalermoAct} == {"recruitment", "transportation", "transfer", "harbouring", "receipt"}
    assert {m.value for m in vocab.EditorialStatus} == {"index_only", "extracted", "digested", "curated", "reviewed"}


@pytest.mark.parametrize("offence", list(vocab.OffenceType), ids=str)
def test_each_offence_type_accepted(offence: vocab.OffenceType) -> None:
    assert case_record(offence_types=[offence.value]).offence_types == [offence]


def test_json_schema_lists_vocabularies() -> None:
    schema = json_schema()
    text = str(schema)
    for member in vocab.OffenceType:
        assert member.value in text
    assert schema["additionalProperties"] is False
    assert "sources" in schema["required"]
