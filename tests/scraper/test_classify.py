"""Table tests for scraper.classify: statute and phrase rules, evidence, and malformed rule tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from palermo.model.schema import CaseRecord, Provision
from scraper.classify import PASSAGE_LIMIT, RuleError, classify, default_rules, load_rules, passage_around
from scraper.normalise import COE_TRAFFICKING, ECHR, EU_DIRECTIVE, MSA, PALERMO, find_citations
from tests.factories import case_record


def usc(section: str, title: int = 18) -> Provision:
    return Provision(instrument=f"{title} U.S.C.", section=f"§ {section}")


def tags(text: str, provisions: tuple[Provision, ...] = ()) -> dict[str, list[str]]:
    c = classify(text, provisions)
    return {
        "offence_types": [str(v) for v in c.offence_types],
        "acts": [str(v) for v in c.palermo.acts],
        "means": [str(v) for v in c.palermo.means],
        "purposes": [str(v) for v in c.palermo.purposes],
        "legal_issues": [str(v) for v in c.legal_issues],
        "ilo_indicators": [str(v) for v in c.ilo_indicators],
    }


# (provisions cited, field, value expected) — the statute table
STATUTES = [
    ((usc("1581"),), "offence_types", "slavery_servitude"),
    ((usc("1584"),), "offence_types", "slavery_servitude"),
    ((usc("1589(a)"),), "offence_types", "labour_trafficking"),
    ((usc("1589"),), "purposes", "forced_labour"),
    ((usc("1590"),), "offence_types", "labour_trafficking"),
    ((usc("1591"),), "offence_types", "sex_trafficking"),
    ((usc("1591"),), "purposes", "sexual_exploitation"),
    ((usc("1592"),), "ilo_indicators", "retention_of_identity_documents"),
    ((usc("1593"),), "legal_issues", "compensation_restitution"),
    ((usc("1593A"),), "legal_issues", "corporate_liability"),
    ((usc("1595"),), "legal_issues", "compensation_restitution"),
    ((usc("1596"),), "legal_issues", "jurisdiction_extraterritorial"),
    ((usc("1324", title=8),), "offence_types", "migrant_smuggling"),
    ((Provision(instrument=MSA, section="s. 1"),), "offence_types", "slavery_servitude"),
    ((Provision(instrument=MSA, section="s. 1"),), "purposes", "servitude"),
    ((Provision(instrument=MSA, section="s. 45"),), "legal_issues", "non_punishment"),
    ((Provision(instrument=COE_TRAFFICKING, section="Art. 26"),), "legal_issues", "non_punishment"),
    ((Provision(instrument=EU_DIRECTIVE, section="Art. 8"),), "legal_issues", "non_punishment"),
]


@pytest.mark.parametrize(("provisions", "field", "value"), STATUTES)
def test_statute_rules(provisions: tuple[Provision, ...], field: str, value: str) -> None:
    assert value in tags("", provisions)[field]


# (provision, counts as trafficking) — relevance without an offence type
RELEVANCE = [
    (usc("1594"), True),
    (usc("1597"), True),
    (usc("7102", title=22), True),
    (Provision(instrument=ECHR, section="Art. 4"), True),
    (Provision(instrument=ECHR, section="Art. 3"), False),
    (Provision(instrument=MSA, section="s. 2"), True),
    (Provision(instrument=COE_TRAFFICKING, section="Art. 4"), True),
    (Provision(instrument=EU_DIRECTIVE, section="Art. 2"), True),
    (Provision(instrument=PALERMO, section="Art. 3"), True),
    (usc("1324", title=8), False),
    (usc("1343"), False),
]


@pytest.mark.parametrize(("provision", "expected"), RELEVANCE)
def test_relevance_from_provisions(provision: Provision, expected: bool) -> None:
    assert classify("", (provision,)).is_trafficking() is expected


def test_1591_with_minors_adds_child_trafficking() -> None:
    assert "child_trafficking" in tags("the victim was a minor aged 15", (usc("1591"),))["offence_types"]
    assert "child_trafficking" not in tags("the victims were adult women", (usc("1591"),))["offence_types"]


# (text, field, value expected) — key phrases
PHRASES = [
    ("convicted of sex trafficking", "offence_types", "sex_trafficking"),
    ("trafficking of women for the purpose of sexual exploitation", "offence_types", "sex_trafficking"),
    ("forced labour on a farm ... forced labour again", "offence_types", "labour_trafficking"),
    ("she was held in domestic servitude", "offence_types", "domestic_servitude"),
    ("servitude and slavery", "offence_types", "slavery_servitude"),
    ("child trafficking ring", "offence_types", "child_trafficking"),
    ("he was forced to beg in the street", "offence_types", "forced_begging"),
    ("a forced marriage", "offence_types", "forced_marriage"),
    ("trafficking for the removal of organs", "offence_types", "organ_removal"),
    ("an illegal adoption", "offence_types", "illegal_adoption"),
    ("forced criminality in a cannabis factory", "offence_types", "forced_criminality"),
    ("charged with alien smuggling", "offence_types", "migrant_smuggling"),
    ("he recruited workers abroad", "acts", "recruitment"),
    ("they harboured the women in a flat", "acts", "harbouring"),
    ("they transported the victims to the city", "acts", "transportation"),
    ("obtained by force, fraud, or coercion", "means", "fraud"),
    ("obtained by force, fraud, or coercion", "means", "coercion"),
    ("false promises of work", "means", "deception"),
    ("abuse of a position of vulnerability", "means", "abuse_of_vulnerability"),
    ("she was abducted", "means", "abduction"),
    ("he threatened to kill her family", "means", "threat"),
    ("forced into prostitution", "purposes", "sexual_exploitation"),
    ("the Court found no positive obligations were breached", "legal_issues", "positive_obligations"),
    ("a conclusive grounds decision under the National Referral Mechanism", "legal_issues", "victim_identification"),
    ("the principle of non-punishment", "legal_issues", "non_punishment"),
    ("the consent of the victim is irrelevant", "legal_issues", "consent_irrelevance"),
    ("ads posted on Backpage", "legal_issues", "technology_facilitated"),
    ("an organised criminal group", "legal_issues", "organised_crime"),
    ("under the sentencing guidelines", "legal_issues", "sentencing"),
    ("she claimed asylum", "legal_issues", "immigration_asylum"),
    ("they confiscated her passport on arrival", "ilo_indicators", "retention_of_identity_documents"),
    ("her passport was taken by the employer", "ilo_indicators", "retention_of_identity_documents"),
    ("she was not allowed to leave the house", "ilo_indicators", "restriction_of_movement"),
    ("she worked fifteen hours a day, seven days a week", "ilo_indicators", "excessive_overtime"),
    ("she worked without pay", "ilo_indicators", "withholding_of_wages"),
    ("a debt to be repaid from her earnings", "ilo_indicators", "debt_bondage"),
    ("threatened to report her to immigration", "ilo_indicators", "intimidation_threats"),
    ("lured with false promises", "ilo_indicators", "deception"),
    ("he beat her repeatedly", "ilo_indicators", "physical_sexual_violence"),
    ("appalling living conditions", "ilo_indicators", "abusive_conditions"),
]


@pytest.mark.parametrize(("text", "field", "value"), PHRASES)
def test_phrase_rules(text: str, field: str, value: str) -> None:
    assert value in tags(text)[field]


# (text, field, value that must NOT be set) — near misses
NEAR_MISSES = [
    ("the Modern Slavery Act 2015 received Royal Assent", "offence_types", "slavery_servitude"),
    ("the rules in force at the time", "means", "force"),
    ("an ordinary fraud on the revenue", "means", "fraud"),
    ("forced labour is mentioned once", "offence_types", "labour_trafficking"),
    ("a trade mark dispute about labour costs", "offence_types", "labour_trafficking"),
]


@pytest.mark.parametrize(("text", "field", "value"), NEAR_MISSES)
def test_near_misses(text: str, field: str, value: str) -> None:
    assert value not in tags(text)[field]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A dispute over a lease of commercial premises.", False),
        ("one mention of human trafficking only", False),
        ("human trafficking ... victims of trafficking", True),
        ("smuggling of migrants across the border", False),
        ("sex trafficking", True),
    ],
)
def test_is_trafficking(text: str, expected: bool) -> None:
    assert classify(text).is_trafficking() is expected


def test_every_tag_has_evidence_naming_rule_and_passage() -> None:
    text = "He recruited her with false promises and kept her passport. " * 3 + "She was forced into prostitution."
    c = classify(text, (usc("1591"),))
    tagged = len(c.offence_types) + len(c.legal_issues) + len(c.ilo_indicators)
    tagged += len(c.palermo.acts) + len(c.palermo.means) + len(c.palermo.purposes)
    assert tagged == len([e for e in c.evidence if e.field != "relevance"])
    for e in c.evidence:
        assert e.rule and e.passage
        assert len(e.passage) <= PASSAGE_LIMIT
    statute = next(e for e in c.evidence if e.value == "sex_trafficking")
    assert statute.rule == "usc-1591-sex-trafficking"
    assert statute.passage == "18 U.S.C. § 1591"


def test_classification_fits_a_case_record() -> None:
    text = "sex trafficking of a minor, recruited online via Backpage"
    _identifiers, provisions = find_citations("18 U.S.C. § 1591")
    c = classify(text, provisions)
    record = case_record(
        offence_types=[str(o) for o in c.offence_types],
        palermo=c.palermo.model_dump(mode="json"),
        legal_issues=[str(i) for i in c.legal_issues],
        classification_evidence=[e.model_dump(mode="json") for e in c.evidence],
        provisions=[p.model_dump(mode="json") for p in provisions],
    )
    assert isinstance(record, CaseRecord)
    assert record.offence_types


def test_passage_is_cut_at_word_edges() -> None:
    text = "alpha beta gamma " * 20 + "TARGET" + " delta epsilon zeta" * 20
    start = text.index("TARGET")
    passage = passage_around(text, start, start + 6)
    assert "TARGET" in passage
    assert len(passage) <= PASSAGE_LIMIT
    assert passage.split()[0] in {"alpha", "beta", "gamma"}
    assert passage.split()[-1] in {"delta", "epsilon", "zeta"}


def test_bundled_rules_load() -> None:
    ids = [r.id for r in default_rules()]
    assert len(ids) == len(set(ids))
    assert ids[0].startswith("usc-")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("rules: [{id: x, patterns: ['a'], offence_types: [piracy]}]", "'piracy' is not a value of offence_types"),
        ("rules: [{id: x, patterns: ['(unclosed'], relevance: true}]", "bad pattern"),
        ("rules: [{id: x, offence_types: [sex_trafficking]}]", "needs 'patterns' or 'instrument'"),
        ("rules: [{id: x, patterns: ['a']}]", "sets no tag"),
        ("rules: [{id: x, patterns: ['a'], relevance: true, colour: red}]", "unknown key"),
        ("rules: [{patterns: ['a']}]", "needs a mapping with an 'id'"),
        ("just a string", "expected a mapping with a 'rules' list"),
        ("rules: [{id: x, patterns: ['a'], relevance: true}, {id: x, patterns: ['b'], relevance: true}]", "duplicate rule id x"),
    ],
)
def test_malformed_rule_tables_name_file_and_rule(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "bad.yaml").write_text(table, encoding="utf-8")
    with pytest.raises(RuleError, match=r"bad\.yaml") as info:
        load_rules(tmp_path)
    assert message in str(info.value)


def test_long_texts_need_more_hits_for_offence_and_palermo_rules() -> None:
    filler = "The parties argued about costs. " * 4000  # ~128,000 characters
    once = filler + "Trafficking for the removal of organs was mentioned once."
    assert "organ_removal" not in tags(once)["offence_types"]
    assert "organ_removal" in tags("Trafficking for the removal of organs.")["offence_types"]
    twice = once + " Removal of organs again."
    assert "organ_removal" in tags(twice)["offence_types"]
    # legal issues and ILO indicators keep their own threshold
    assert "retention_of_identity_documents" in tags(filler + "They confiscated her passport.")["ilo_indicators"]
