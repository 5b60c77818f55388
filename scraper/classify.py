"""Classification of a document from the provisions it cites and the phrases it uses.

The rules are data (``scraper/rules/*.yaml``): statute and treaty
provisions map to offence types, Palermo elements and legal issues; key phrases
map to the same tags and to the ILO indicators of forced labour. Every tag the
machine sets carries an :class:`~palermo.model.schema.Evidence` naming the rule and
the passage (at most 200 characters) that fired it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from palermo.model.schema import Evidence, PalermoElements, Provision
from palermo.model.vocab import VOCABULARIES, IloIndicator, LegalIssue, OffenceType, Vocabulary
from scraper.normalise import redact_names, section_number

RULES_DIR = Path(__file__).with_name("rules")
PASSAGE_LIMIT = 200
LONG_TEXT = 100_000
SCALED_FIELDS = frozenset({"offence_types", "acts", "means", "purposes"})
_CONTEXT = 70
"""Characters kept either side of a match: enough to read the phrase, short enough to quote no sentence whole."""

TAG_FIELDS: dict[str, type[Vocabulary]] = {
    name: VOCABULARIES[name] for name in ("offence_types", "acts", "means", "purposes", "legal_issues", "ilo_indicators")
}
EVIDENCE_FIELD = {"acts": "palermo.acts", "means": "palermo.means", "purposes": "palermo.purposes"}
RELEVANCE = "relevance"
NOT_RULE_TABLES = frozenset({"sherloc_amp.yaml"})
"""Data files beside the rule tables that are not rule tables (the SHERLOC AMP label mapping)."""


class RuleError(ValueError):
    """A rule table is malformed: names the file, the rule and the problem."""


@dataclass(frozen=True)
class Rule:
    """One row of a rule table."""

    id: str
    tags: tuple[tuple[str, Vocabulary], ...]
    relevance: bool = False
    instrument: str | None = None
    sections: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    min_count: int = 1
    source: str = ""
    combined: re.Pattern[str] | None = None
    """All patterns as one alternation: one scan of the text per rule."""


@dataclass
class Classification:
    """Tags a document earned, each with its evidence."""

    offence_types: list[OffenceType] = field(default_factory=list)
    palermo: PalermoElements = field(default_factory=PalermoElements)
    legal_issues: list[LegalIssue] = field(default_factory=list)
    ilo_indicators: list[IloIndicator] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def is_trafficking(self) -> bool:
        """True when a rule found the document to be about trafficking, slavery, servitude or forced labour.

        Migrant smuggling alone does not count: it is kept for contrast only.
        """
        if any(o is not OffenceType.MIGRANT_SMUGGLING for o in self.offence_types):
            return True
        return any(e.field == RELEVANCE for e in self.evidence)

    def tags(self) -> dict[str, Any]:
        """The tag fields of a case record (offence types, Palermo elements, legal issues, ILO indicators).

        Evidence is left out: sources often add evidence of their own before storing it.
        """
        return {
            "offence_types": self.offence_types,
            "palermo": self.palermo,
            "legal_issues": self.legal_issues,
            "ilo_indicators": self.ilo_indicators,
        }

    def rules_fired(self) -> list[str]:
        """Ids of the rules that fired, in order, each once."""
        return list(dict.fromkeys(e.rule for e in self.evidence))

    def _target(self, name: str) -> list[Any]:
        if name in ("acts", "means", "purposes"):
            return getattr(self.palermo, name)
        return getattr(self, name)

    def add(self, name: str, value: Vocabulary, rule: str, passage: str | None) -> None:
        """Add one tag with its evidence; a tag already present keeps its first evidence."""
        target = self._target(name)
        if value in target:
            return
        target.append(value)
        self.evidence.append(Evidence(field=EVIDENCE_FIELD.get(name, name), value=value.value, rule=rule, passage=passage))

    def mark_relevant(self, rule: str, passage: str | None) -> None:
        """Record why the document is about trafficking (once per rule)."""
        if any(e.field == RELEVANCE and e.rule == rule for e in self.evidence):
            return
        self.evidence.append(Evidence(field=RELEVANCE, value="trafficking", rule=rule, passage=passage))


def _compile_rule(raw: Any, source: str) -> Rule:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise RuleError(f"{source}: every rule needs a mapping with an 'id' (got {raw!r})")
    rule_id = raw["id"]
    known = {"id", "instrument", "sections", "patterns", "min_count", "relevance", *TAG_FIELDS}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise RuleError(f"{source}: rule {rule_id}: unknown key(s) {', '.join(unknown)}")
    tags: list[tuple[str, Vocabulary]] = []
    for name, vocab in TAG_FIELDS.items():
        for value in raw.get(name) or []:
            try:
                tags.append((name, vocab(value)))
            except ValueError:
                raise RuleError(f"{source}: rule {rule_id}: {value!r} is not a value of {name}") from None
    try:
        patterns = tuple(re.compile(p, re.IGNORECASE) for p in raw.get("patterns") or [])
    except re.error as exc:
        raise RuleError(f"{source}: rule {rule_id}: bad pattern: {exc}") from None
    instrument = raw.get("instrument")
    if not patterns and not instrument:
        raise RuleError(f"{source}: rule {rule_id}: needs 'patterns' or 'instrument'")
    if not tags and not raw.get("relevance"):
        raise RuleError(f"{source}: rule {rule_id}: sets no tag and no relevance")
    return Rule(
        id=rule_id,
        tags=tuple(tags),
        relevance=bool(raw.get("relevance")),
        instrument=instrument,
        sections=frozenset(str(s) for s in raw.get("sections") or []),
        patterns=patterns,
        min_count=int(raw.get("min_count", 1)),
        source=source,
        combined=re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE) if patterns else None,
    )


def load_rules(directory: Path = RULES_DIR) -> tuple[Rule, ...]:
    """Read and compile every ``*.yaml`` rule table in ``directory`` (``provisions.yaml`` first, then by name).

    Raises:
        RuleError: when a table or rule is malformed, naming file and rule.
    """
    rules: list[Rule] = []
    seen: set[str] = set()
    # Provision rules first: when a statute and a phrase give the same tag, the statute is the better evidence.
    for path in sorted(directory.glob("*.yaml"), key=lambda p: (p.stem != "provisions", p.name)):
        if path.name in NOT_RULE_TABLES:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            raise RuleError(f"{path.name}: expected a mapping with a 'rules' list")
        for raw in data["rules"]:
            rule = _compile_rule(raw, path.name)
            if rule.id in seen:
                raise RuleError(f"{path.name}: duplicate rule id {rule.id}")
            seen.add(rule.id)
            rules.append(rule)
    return tuple(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The bundled rule tables, compiled once."""
    return load_rules(RULES_DIR)


def passage_around(text: str, start: int, end: int, names: Sequence[str] = ()) -> str:
    """The words around ``text[start:end]``, whitespace folded, cut at word edges, names after an honorific redacted, ≤200 characters."""
    left = max(0, start - _CONTEXT)
    right = min(len(text), end + _CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else start
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else end
    return redact_names(" ".join(text[left:right].split()), names)[:PASSAGE_LIMIT]


def _first_match(rule: Rule, text: str) -> re.Match[str] | None:
    """The earliest match of the rule's patterns, when they occur often enough in all (see :func:`needed_hits`)."""
    if rule.combined is None:
        return None
    first = rule.combined.search(text)
    needed = needed_hits(rule, text)
    if first is None or needed == 1:
        return first
    hits = sum(1 for _ in itertools.islice(rule.combined.finditer(text), needed))
    return first if hits >= needed else None


def needed_hits(rule: Rule, text: str) -> int:
    """How many matches a phrase rule needs: its ``min_count``, raised for offence and Palermo rules in long texts.

    A long judgment quotes the Protocol's definitions and mentions in passing what the
    case is not about; one stray mention of "removal of organs" in 300 pages must not
    tag the case. Offence types and Palermo elements therefore need one more hit per
    100,000 characters; legal issues and ILO indicators, named by specific phrases, do not.
    """
    if not any(name in SCALED_FIELDS for name, _value in rule.tags):
        return rule.min_count
    return max(rule.min_count, 1 + len(text) // LONG_TEXT)


def _cited(rule: Rule, provisions: Iterable[Provision]) -> Provision | None:
    for provision in provisions:
        if provision.instrument == rule.instrument and section_number(provision.section) in rule.sections:
            return provision
    return None


def classify(
    text: str, provisions: Sequence[Provision] = (), rules: Sequence[Rule] | None = None, names: Sequence[str] = ()
) -> Classification:
    """Tag a document from the provisions it cites and the phrases in ``text``.

    Args:
        text: the document's plain text (judgment, summary or listing entry).
        provisions: provisions already found in it (see :func:`scraper.normalise.find_citations`).
        rules: rule tables to apply; the bundled ones by default.
        names: surname stems to redact from quoted passages (see :func:`scraper.normalise.redact_names`).

    Returns:
        The tags with one evidence entry each (provision rules quote the provision; phrase rules the passage).
    """
    result = Classification()
    for rule in default_rules() if rules is None else rules:
        passage: str | None
        if rule.instrument:
            provision = _cited(rule, provisions)
            if provision is None:
                continue
            passage = provision.cite
            if rule.patterns:
                m = _first_match(rule, text)
                if m is None:
                    continue
                passage = f"{provision.cite}; {passage_around(text, m.start(), m.end(), names)}"[:PASSAGE_LIMIT]
        else:
            m = _first_match(rule, text)
            if m is None:
                continue
            passage = passage_around(text, m.start(), m.end(), names)
        if rule.relevance:
            result.mark_relevant(rule.id, passage)
        for name, value in rule.tags:
            result.add(name, value, rule.id, passage)
    return result
