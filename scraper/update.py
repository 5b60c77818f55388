"""Applying scraped records to a corpus folder: match, merge, write atomically, say what changed.

A record is matched to one already in the corpus by its identifiers first (see
:func:`scraper.merge.identifier_keys`), then by id. Two records that share an id but carry
different identifiers of a one-per-case type (two ``United States v. Smith`` of the same
year from different dockets) are different cases: the newcomer gets a numbered id
(``…-2``). A record whose merge changes nothing leaves its file untouched.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from pathlib import Path

from palermo.corpus import CaseFileError, atomic_write_text, case_path, dump_record, iter_case_files, load_case
from palermo.schema import CaseRecord
from scraper.merge import conflicting, identifier_keys, merge_records


class Change(enum.Enum):
    """What applying a record did to the corpus."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class UpdateError(Exception):
    """A record that could not be applied safely (the corpus file is left as it was)."""

    def __init__(self, record_id: str, message: str) -> None:
        super().__init__(f"{record_id}: {message}")
        self.record_id = record_id
        self.message = message


@dataclass(frozen=True)
class Applied:
    """The result of applying one record."""

    change: Change
    record: CaseRecord
    path: Path


@dataclass
class CorpusUpdater:
    """The corpus under ``root``, indexed for matching, updated one record at a time.

    Args:
        root: the corpus folder (``cases/``); created when missing.
        today: the date written to ``updated_at`` of new and changed records.
    """

    root: Path
    today: datetime.date = field(default_factory=datetime.date.today)
    records: dict[str, CaseRecord] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    load_errors: list[CaseFileError] = field(default_factory=list)
    _by_identifier: dict[tuple[str, str], str] = field(default_factory=dict)
    _broken_paths: set[Path] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.root.exists():
            return
        for path in iter_case_files(self.root):
            try:
                record = load_case(path)
            except CaseFileError as exc:
                self.load_errors.append(exc)
                self._broken_paths.add(path.resolve())
                continue
            self._index(record, path)

    def _index(self, record: CaseRecord, path: Path) -> None:
        self.records[record.id] = record
        self.paths[record.id] = path
        for key in identifier_keys(record):
            self._by_identifier.setdefault(key, record.id)

    def match(self, incoming: CaseRecord) -> CaseRecord | None:
        """The existing record the incoming one is about, or ``None``."""
        for key in identifier_keys(incoming):
            found = self._by_identifier.get(key)
            if found is not None:
                return self.records[found]
        same_id = self.records.get(incoming.id)
        if same_id is not None and not conflicting(same_id, incoming):
            return same_id
        return None

    def _free_id(self, incoming: CaseRecord) -> str:
        if incoming.id not in self.records:
            return incoming.id
        n = 2
        while f"{incoming.id}-{n}" in self.records:
            n += 1
        return f"{incoming.id}-{n}"

    def apply(self, incoming: CaseRecord) -> Applied:
        """Merge ``incoming`` into the corpus and write what changed (atomically).

        Raises:
            UpdateError: when the target file exists but cannot be read (a person may be
                editing it): it is never overwritten.
        """
        existing = self.match(incoming)
        if existing is None:
            new_id = self._free_id(incoming)
            data = incoming.model_dump(mode="json")
            data.update(id=new_id, updated_at=self.today.isoformat())
            record = CaseRecord.model_validate(data)
            path = case_path(self.root, record)
            if path.resolve() in self._broken_paths or path.exists():
                raise UpdateError(record.id, f"{path} exists but does not load as a case record; fix it by hand, then re-run")
            atomic_write_text(path, dump_record(record))
            self._index(record, path)
            return Applied(Change.NEW, record, path)
        merged = merge_records(existing, incoming, today=self.today)
        path = self.paths[existing.id]
        if merged is existing:
            return Applied(Change.UNCHANGED, existing, path)
        atomic_write_text(path, dump_record(merged))
        self._index(merged, path)
        return Applied(Change.UPDATED, merged, path)
