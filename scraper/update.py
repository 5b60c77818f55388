"""Applying scraped records to a corpus folder: match, merge, write atomically, say what changed.

A record is matched to one already in the corpus by its identifiers first (see
:func:`scraper.merge.identifier_keys`), then by the case pages its sources cite (the
source's ``case_url_key``), then by id. Two records that share an id but carry
different identifiers of a one-per-case type (two ``United States v. Smith`` of the same
year from different dockets) are different cases: the newcomer gets a numbered id
(``…-2``). A record whose merge changes nothing leaves its file untouched.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from palermo.corpus.store import CaseFileError, atomic_write_text, case_path, dump_record, iter_case_files, load_case
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from scraper.merge import conflicting, identifier_keys, merge_records


def _years_apart(a: CaseRecord, b: CaseRecord) -> bool:
    """True when two records are over a year apart: a shared identifier is then a source's slip.

    SHERLOC has given one UNODC number to two different cases (USA174), so an identifier
    alone does not merge records decided years apart.
    """
    return a.year is not None and b.year is not None and abs(a.year - b.year) > 1


_PERSON_STATUSES = frozenset({EditorialStatus.CURATED, EditorialStatus.REVIEWED})
_APPENDABLE = ("identifiers", "related", "sources", "protected_names")
_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:")


def _without_nulls(item: Any) -> Any:
    if isinstance(item, dict):
        return {k: _without_nulls(v) for k, v in item.items() if v is not None}
    return item


def _edit_in_place(path: Path, existing: CaseRecord, merged: CaseRecord) -> str | None:
    """A person's file with only the new list entries appended as text, every other byte kept.

    A scrape adds only identifiers, related cases, sources and protected names to a curated
    record; appending them to the file as written keeps the editor's layout. Returns ``None``
    when anything else changed or the result would not read back as ``merged``.
    """
    old = existing.model_dump(mode="json")
    new = merged.model_dump(mode="json")
    if {k for k in new if new[k] != old.get(k)} - {*_APPENDABLE, "updated_at"}:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError:
        return None
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for name in _APPENDABLE:
        added = [_without_nulls(item) for item in new[name] if item not in old[name]]
        if not added:
            continue
        block = yaml.safe_dump(added, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096)
        head = next((i for i, line in enumerate(lines) if re.match(rf"^{name}:\s*(?:#.*)?$", line)), None)
        if head is None:
            lines.append(f"{name}:\n")
            lines.extend(block.splitlines(keepends=True))
            continue
        end = head + 1
        while end < len(lines) and not _TOP_LEVEL_KEY.match(lines[end]):
            end += 1
        first_item = next((line for line in lines[head + 1 : end] if line.lstrip().startswith("- ")), "- ")
        indent = " " * (len(first_item) - len(first_item.lstrip()))
        insert = [indent + line if line.strip() else line for line in block.splitlines(keepends=True)]
        while end > head + 1 and not lines[end - 1].strip():
            end -= 1  # keep blank lines after the block where they were
        lines[end:end] = insert
    if new.get("updated_at") and new.get("updated_at") != old.get("updated_at"):
        stamp = f"updated_at: {new['updated_at']}\n"
        at = next((i for i, line in enumerate(lines) if line.startswith("updated_at:")), None)
        if at is None:
            lines.append(stamp)
        else:
            lines[at] = stamp
    text = "".join(lines)
    try:
        again = CaseRecord.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValueError):
        return None
    return text if again == merged else None


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
        url_key: the source's :meth:`~scraper.base.BaseSource.case_url_key`; records citing the
            same case page are the same case.
    """

    root: Path
    today: datetime.date = field(default_factory=datetime.date.today)
    url_key: Callable[[str], str | None] | None = None
    records: dict[str, CaseRecord] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    load_errors: list[CaseFileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things the update left out on purpose (a duplicate identifier), for the report."""
    _by_identifier: dict[tuple[str, str], str] = field(default_factory=dict)
    _broken_paths: set[Path] = field(default_factory=set)
    _by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    """Identifiers as the validator compares them: one value of a type per corpus, whatever the court."""

    def __post_init__(self) -> None:
        if not self.root.exists():
            return
        for stale in self.root.rglob(".*.yaml.*.tmp"):  # left by a run killed mid-write; never a record
            stale.unlink(missing_ok=True)
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
        for ident in record.identifiers:
            self._by_value.setdefault((ident.type.value, ident.value), record.id)
        for key in self._keys(record):
            self._by_identifier.setdefault(key, record.id)

    def _keys(self, record: CaseRecord) -> list[tuple[str, str]]:
        keys = identifier_keys(record)
        if self.url_key is not None:
            for source in record.sources:
                url_key = self.url_key(source.url)
                if url_key:
                    keys.append(("case_url", url_key))
        return keys

    def match(self, incoming: CaseRecord) -> CaseRecord | None:
        """The existing record the incoming one is about, or ``None``."""
        for key in self._keys(incoming):
            found = self._by_identifier.get(key)
            if found is not None and not _years_apart(self.records[found], incoming):
                return self.records[found]
        same_id = self.records.get(incoming.id)
        if same_id is not None and not conflicting(same_id, incoming):
            return same_id
        return None

    def _unique_identifiers(self, incoming: CaseRecord, record_id: str) -> CaseRecord:
        """Drop identifiers another record already holds (a source's own duplicate), noting each."""
        keep = []
        for ident, key in zip(incoming.identifiers, identifier_keys(incoming), strict=True):
            holder = self._by_identifier.get(key) or self._by_value.get((ident.type.value, ident.value))
            if holder is not None and holder != record_id:
                self.notes.append(f"{record_id}: {ident.type.value} {ident.value} left out, already held by {holder}")
                continue
            keep.append(ident)
        if len(keep) == len(incoming.identifiers):
            return incoming
        return incoming.model_copy(update={"identifiers": keep})

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
            data = self._unique_identifiers(incoming, new_id).model_dump(mode="json")
            data.update(id=new_id, updated_at=self.today.isoformat())
            record = CaseRecord.model_validate(data)
            path = case_path(self.root, record)
            if path.resolve() in self._broken_paths or path.exists():
                raise UpdateError(record.id, f"{path} exists but does not load as a case record; fix it by hand, then re-run")
            atomic_write_text(path, dump_record(record))
            self._index(record, path)
            return Applied(Change.NEW, record, path)
        merged = merge_records(existing, self._unique_identifiers(incoming, existing.id), today=self.today, url_key=self.url_key)
        path = self.paths[existing.id]
        if merged is existing:
            return Applied(Change.UNCHANGED, existing, path)
        text = _edit_in_place(path, existing, merged) if existing.editorial_status in _PERSON_STATUSES else None
        atomic_write_text(path, text if text is not None else dump_record(merged))
        self._index(merged, path)
        return Applied(Change.UPDATED, merged, path)
