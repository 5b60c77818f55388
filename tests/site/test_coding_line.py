"""The case page credits SHERLOC's own coding in one plain line, with the snapshot date and a link to the brief."""

from __future__ import annotations

from palermo.site.pages.case import coding_line
from tests.factories import case_record

BRIEF = "https://sherloc.unodc.org/cld/case-law-doc/traffickingpersonscrimetype/nzl/2019/placeholder_v._example.html?lng=en&tmpl=sherloc"


def test_a_record_coded_by_sherloc_says_so() -> None:
    record = case_record(
        palermo={"acts": ["recruitment"]},
        sources=[{"name": "UNODC SHERLOC case law database", "url": BRIEF}],
        classification_evidence=[{"field": "palermo.acts", "value": "recruitment", "rule": "sherloc-coding"}],
    )
    line = coding_line(record)
    assert "Act, means and purpose coded by UNODC SHERLOC (snapshot of 10 August 2026)." in line
    assert f'href="{BRIEF.replace("&", "&amp;")}"' in line


def test_a_machine_reading_is_not_credited_to_sherloc() -> None:
    record = case_record(
        palermo={"acts": ["recruitment"]},
        classification_evidence=[{"field": "palermo.acts", "value": "recruitment", "rule": "palermo-recruitment"}],
    )
    assert coding_line(record) == ""


def test_facts_read_by_rule_are_said_to_be_so_and_not_checked_by_a_person() -> None:
    from palermo.site.pages.case import _by_rule, _status_notice

    record = case_record(
        editorial_status="index_only",
        sector="agriculture",
        ilo_indicators=["excessive_overtime"],
        sources=[{"name": "UNODC SHERLOC case law database", "url": BRIEF}],
        classification_evidence=[
            {"field": "sector", "value": "agriculture", "rule": "facts-sector-agriculture", "passage": "“on his farm”"},
            {
                "field": "ilo_indicators",
                "value": "excessive_overtime",
                "rule": "facts-ilo-excessive-overtime",
                "passage": "“16 hours a day”",
            },
        ],
    )
    notice = _status_notice(record)
    assert "The sector, ILO indicators shown here were read by rule from the" in notice
    assert "not checked by a person" in notice and "case brief</a>" in notice
    assert "not checked by a person" in _by_rule("facts-sector-agriculture")
    assert _by_rule("sherloc-coding") == ""
