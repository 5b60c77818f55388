"""What every page generator needs: the corpus, loaded once per build, and lookups on it."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from palermo.corpus.ordering import newest_first_key
from palermo.corpus.store import load_corpus
from palermo.model.schema import CaseRecord
from palermo.model.vocab import OffenceType

CASES_ENV = "PALERMO_CASES"
"""Environment variable naming the corpus folder a build reads (default: ``cases/`` beside mkdocs.yml)."""


class CorpusInvalid(Exception):
    """The corpus has files that do not validate; the site is not built from a partial corpus."""


@dataclass
class SiteContext:
    """The corpus as the site sees it: trafficking cases (records marked ``out_of_scope`` left out), newest first,
    with indexes by facet."""

    cases_dir: Path
    records: list[CaseRecord] = field(default_factory=list)

    @classmethod
    def load(cls, config_dir: Path) -> SiteContext:
        """Load the corpus named by ``$PALERMO_CASES`` (or ``cases/`` beside mkdocs.yml).

        Raises:
            CorpusInvalid: when any record fails to load.
        """
        cases_dir = Path(os.environ.get(CASES_ENV) or config_dir / "cases").resolve()
        corpus = load_corpus(cases_dir)
        if corpus.errors:
            lines = "\n".join(str(e) for e in corpus.errors[:20])
            raise CorpusInvalid(f"{len(corpus.errors)} invalid case file(s) under {cases_dir}:\n{lines}")
        records = sorted((r for r in corpus.records if r.in_scope), key=newest_first_key)  # out-of-scope entries are not published
        return cls(cases_dir=cases_dir, records=records)

    @cached_property
    def by_id(self) -> dict[str, CaseRecord]:
        """Records keyed by id."""
        return {r.id: r for r in self.records}

    @cached_property
    def by_offence(self) -> dict[OffenceType, list[CaseRecord]]:
        """Records per offence type, newest first."""
        groups: dict[OffenceType, list[CaseRecord]] = defaultdict(list)
        for record in self.records:
            for offence in record.offence_types:
                groups[offence].append(record)
        return dict(groups)

    @cached_property
    def by_jurisdiction(self) -> dict[str, list[CaseRecord]]:
        """Records per jurisdiction code, newest first."""
        groups: dict[str, list[CaseRecord]] = defaultdict(list)
        for record in self.records:
            groups[record.jurisdiction].append(record)
        return dict(groups)

    def jurisdiction_counts(self) -> Counter[str]:
        """Number of records per jurisdiction code."""
        return Counter({code: len(items) for code, items in self.by_jurisdiction.items()})
