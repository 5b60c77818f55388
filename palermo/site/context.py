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
SITE_URL_ENV = "PALERMO_SITE_URL"
"""Environment variable giving the site's public base URL, overriding ``site_url`` in mkdocs.yml (an intranet copy)."""


def public_base_url(configured: str | None) -> str:
    """The site's public base URL: ``$PALERMO_SITE_URL`` if set, else mkdocs.yml's ``site_url``; with a final ``/``."""
    url = (os.environ.get(SITE_URL_ENV) or configured or "").strip()
    return url if not url or url.endswith("/") else url + "/"


class CorpusInvalid(Exception):
    """The corpus has files that do not validate; the site is not built from a partial corpus."""


@dataclass
class SiteContext:
    """The corpus as the site sees it: trafficking cases (records marked ``out_of_scope`` left out), newest first,
    with indexes by facet."""

    cases_dir: Path
    records: list[CaseRecord] = field(default_factory=list)
    site_url: str = ""
    """The public base URL of the site, ending in ``/`` (empty when none is configured: links stay relative)."""

    def absolute(self, path: str) -> str:
        """A root-relative path as an absolute URL under :attr:`site_url` (the path itself when there is none)."""
        return self.site_url + path if self.site_url else path

    @classmethod
    def load(cls, config_dir: Path, site_url: str = "") -> SiteContext:
        """Load the corpus named by ``$PALERMO_CASES`` (or ``cases/`` beside mkdocs.yml).

        Args:
            config_dir: the folder of mkdocs.yml.
            site_url: the site's public base URL (see :func:`public_base_url`).

        Raises:
            CorpusInvalid: when any record fails to load.
        """
        cases_dir = Path(os.environ.get(CASES_ENV) or config_dir / "cases").resolve()
        corpus = load_corpus(cases_dir)
        if corpus.errors:
            lines = "\n".join(str(e) for e in corpus.errors[:20])
            raise CorpusInvalid(f"{len(corpus.errors)} invalid case file(s) under {cases_dir}:\n{lines}")
        records = sorted((r for r in corpus.records if r.in_scope), key=newest_first_key)  # out-of-scope entries are not published
        return cls(cases_dir=cases_dir, records=records, site_url=site_url)

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
