"""The data tables the fact rules read (``scraper/rules/facts/*.yaml``), loaded and compiled once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TABLES_DIR = Path(__file__).resolve().parent.parent / "rules" / "facts"


class TableError(ValueError):
    """A fact-rule table is malformed: names the file, the rule and the problem."""


@dataclass(frozen=True)
class PhraseRule:
    """A rule that sets one value when one of its patterns occurs in the summary."""

    id: str
    value: str
    pattern: re.Pattern[str]
    yields_to: frozenset[str] = frozenset()


def compile_patterns(patterns: Any, where: str) -> re.Pattern[str]:
    """One case-insensitive alternation of a list of regular expressions."""
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise TableError(f"{where}: 'patterns' must be a non-empty list of regular expressions")
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise TableError(f"{where}: bad pattern: {exc}") from None


@functools.cache
def table(name: str) -> Any:
    """The parsed YAML table ``scraper/rules/facts/<name>.yaml``."""
    path = TABLES_DIR / f"{name}.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TableError(f"{path.name}: cannot read: {exc}") from None


@functools.cache
def phrase_rules(name: str, allowed: tuple[str, ...]) -> tuple[PhraseRule, ...]:
    """The phrase rules of table ``name``; every ``value`` and ``yields_to`` must be one of ``allowed``."""
    data = table(name)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise TableError(f"{name}.yaml: expected a mapping with a 'rules' list")
    rules = []
    for raw in data["rules"]:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise TableError(f"{name}.yaml: every rule needs an 'id' (got {raw!r})")
        where = f"{name}.yaml: rule {raw['id']}"
        unknown = sorted(set(raw) - {"id", "value", "patterns", "yields_to"})
        if unknown:
            raise TableError(f"{where}: unknown key(s) {', '.join(unknown)}")
        values = [raw.get("value"), *(raw.get("yields_to") or [])]
        bad = [v for v in values if v not in allowed]
        if bad:
            raise TableError(f"{where}: {bad[0]!r} is not one of {', '.join(allowed)}")
        rules.append(
            PhraseRule(
                id=raw["id"],
                value=str(raw["value"]),
                pattern=compile_patterns(raw.get("patterns"), where),
                yields_to=frozenset(raw.get("yields_to") or ()),
            )
        )
    return tuple(rules)
