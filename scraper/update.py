"""Applying scraped records to a corpus folder: match, merge, write atomically, say what changed.

A record is matched to one already in the corpus by its strong keys first (identifiers and the
canonical case pages its sources cite, :func:`palermo.corpus.identity.identity_keys`, plus the
source's own ``case_url_key``), then by an id merged away into another record (``aliases``), then by id. Two records that share an id but carry
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

from palermo.corpus.identity import identifier_keys, identity_keys, is_weak, years_apart
from palermo.corpus.store import CaseFileError, atomic_write_text, case_path, dump_record, iter_case_files, load_case
from palermo.model.schema import CaseRecord
from palermo.model.vocab import EditorialStatus
from scraper.merge import conflicting, merge_records

_PERSON_STATUSES = frozenset({EditorialStatus.CURATED, EditorialStatus.REVIEWED})
_APPENDABLE = ("aliases", "identifiers", "related", "sources", "protected_names")
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
    _by_alias: dict[str, str] = field(default_factory=dict)
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
        for alias in record.aliases:
            self._by_alias[alias] = record.id
        for ident in record.identifiers:
            self._by_value.setdefault((ident.type.value, ident.value), record.id)
        for key in self._keys(record):
            self._by_identifier.setdefault(key, record.id)

    def _keys(self, record: CaseRecord) -> list[tuple[str, str]]:
        keys = identity_keys(record)
        if self.url_key is not None:
            for source in record.sources:
                url_key = self.url_key(source.url)
                if url_key:
                    keys.append(("case_url", url_key))
        return keys

    def match(self, incoming: CaseRecord) -> CaseRecord | None:
        """The existing record the incoming one is about, or ``None``."""
        # strong keys before weak ones: a UNODC number SHERLOC gave two cases must not win over the case's own page
        for key in sorted(self._keys(incoming), key=lambda k: is_weak(k[0])):
            found = self._by_identifier.get(key)
            if found is not None and not (is_weak(key[0]) and years_apart(self.records[found], incoming)):
                return self.records[found]
        merged_into = self._by_alias.get(incoming.id)
        if merged_into is not None:
            return self.records[merged_into]  # an id an editor merged away: its case lives on under another id
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

    def fold(self, keep_id: str, other_id: str) -> CaseRecord:
        """Merge the record ``other_id`` into ``keep_id``: one case listed twice becomes one record.

        ``keep_id`` wins its id, place and editors' fields; it gains the other's sources, identifiers,
        related cases and empty machine fields, and the other's id as an alias (its page then redirects).
        Links to the other id in any record point to ``keep_id``. The kept record is written before the
        other file is removed, so an interrupted fold leaves both files and a rerun finishes it.

        Raises:
            UpdateError: when either id is unknown, they are the same, or a file cannot be read.
        """
        if keep_id == other_id:
            raise UpdateError(keep_id, "cannot merge a record into itself")
        for case_id in (keep_id, other_id):
            if case_id not in self.records:
                raise UpdateError(case_id, f"no record with this id under {self.root}")
        keep, other = self.records[keep_id], self.records[other_id]
        merged = merge_records(keep, other, today=self.today, url_key=self.url_key, fold_in=True)
        path = self.paths[keep_id]
        text = _edit_in_place(path, keep, merged) if keep.editorial_status in _PERSON_STATUSES else None
        atomic_write_text(path, text if text is not None else dump_record(merged))
        self._index(merged, path)
        for case_id, record in list(self.records.items()):
            if case_id in (keep_id, other_id) or not any(link.case_id == other_id for link in record.related):
                continue
            links = []
            for link in record.related:
                moved = link.model_copy(update={"case_id": keep_id}) if link.case_id == other_id else link
                if moved not in links:
                    links.append(moved)
            relinked = record.model_copy(update={"related": links, "updated_at": self.today})
            text = _edit_in_place(self.paths[case_id], record, relinked) if record.editorial_status in _PERSON_STATUSES else None
            atomic_write_text(self.paths[case_id], text if text is not None else dump_record(relinked))
            self._index(relinked, self.paths[case_id])
        self.paths.pop(other_id).unlink(missing_ok=True)
        del self.records[other_id]
        self._by_identifier = {k: (keep_id if v == other_id else v) for k, v in self._by_identifier.items()}
        self._by_value = {k: (keep_id if v == other_id else v) for k, v in self._by_value.items()}
        self._by_alias[other_id] = keep_id
        return merged

    def remove_stubs(self, url_key: str | None) -> list[str]:
        """Remove the index-only records that rest only on the case page ``url_key`` (its document was read and
        judged not about trafficking); return their ids. A record any person or other source vouches for stays."""
        if not url_key or self.url_key is None:
            return []
        removed = []
        for case_id, record in list(self.records.items()):
            if record.editorial_status is not EditorialStatus.INDEX_ONLY or record.editorial_fields:
                continue
            if not record.sources or any(self.url_key(source.url) != url_key for source in record.sources):
                continue
            self.paths.pop(case_id).unlink(missing_ok=True)
            del self.records[case_id]
            self._by_identifier = {k: v for k, v in self._by_identifier.items() if v != case_id}
            self._by_value = {k: v for k, v in self._by_value.items() if v != case_id}
            removed.append(case_id)
        return removed

    def judge_scope(self, judge: Callable[[CaseRecord], str | None]) -> list[tuple[str, str]]:
        """Mark or clear ``out_of_scope`` on every machine record as ``judge`` says (see
        :meth:`scraper.base.BaseSource.scope_of`); a person's record or field is never touched.

        Returns:
            ``(id, reason)`` of each record whose mark changed; the reason is ``""`` when a mark was cleared.
        """
        changed = []
        for case_id, record in list(self.records.items()):
            if record.editorial_status in _PERSON_STATUSES or "out_of_scope" in record.editorial_fields:
                continue
            verdict = judge(record)
            if verdict is None or (verdict or None) == record.out_of_scope:
                continue
            marked = record.model_copy(update={"out_of_scope": verdict or None, "updated_at": self.today})
            atomic_write_text(self.paths[case_id], dump_record(marked))
            self._index(marked, self.paths[case_id])
            changed.append((case_id, verdict))
        return changed
