"""Reading and writing the corpus: one YAML file per case in ``cases/<jurisdiction>/<id>.yaml``.

Writes are atomic (temporary file in the same folder, then rename) and skip
files whose content would not change, so an interrupted run never leaves a
half-written record and an unchanged corpus keeps its timestamps.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from palermo.model.schema import CaseRecord

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that keeps timestamps as text, so pydantic (not YAML) reports a bad date with its field."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)

DEFAULT_CASES_DIR = Path("cases")


class CaseFileError(Exception):
    """A case file that cannot be read or does not validate."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Corpus:
    """Records loaded from a folder, with the files that failed to load."""

    root: Path
    records: list[CaseRecord] = field(default_factory=list)
    errors: list[CaseFileError] = field(default_factory=list)

    def by_id(self) -> dict[str, CaseRecord]:
        """Records keyed by id."""
        return {r.id: r for r in self.records}


def case_path(root: Path, record: CaseRecord) -> Path:
    """The file a record belongs in: ``<root>/<jurisdiction lower-case>/<id>.yaml``."""
    return root / record.jurisdiction.lower() / f"{record.id}.yaml"


def iter_case_files(root: Path) -> Iterator[Path]:
    """Every ``*.yaml`` case file under ``root``, sorted; files and folders starting with ``_`` or ``.`` are skipped."""
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        yield path


def read_yaml(path: Path) -> Any:
    """Parse a YAML file with the fast safe loader."""
    with path.open("r", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def load_case(path: Path) -> CaseRecord:
    """Load and validate one case file.

    Raises:
        CaseFileError: when the file is not valid YAML or not a valid record.
    """
    try:
        data = read_yaml(path)
    except UnicodeDecodeError as exc:
        raise CaseFileError(path, f"not UTF-8 text (byte {exc.start}: {exc.reason}); save the file as UTF-8") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise CaseFileError(path, f"cannot read YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CaseFileError(path, "a case file must hold a mapping")
    try:
        return CaseRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(record)"
        raise CaseFileError(path, f"{loc}: {first['msg']}") from exc


def load_corpus(root: Path = DEFAULT_CASES_DIR) -> Corpus:
    """Load every record under ``root``; invalid files are collected in ``errors``, not raised."""
    corpus = Corpus(root=root)
    for path in iter_case_files(root):
        try:
            corpus.records.append(load_case(path))
        except CaseFileError as exc:
            corpus.errors.append(exc)
    corpus.records.sort(key=lambda r: r.id)
    return corpus


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_record(record: CaseRecord) -> str:
    """Serialise a record as YAML in schema field order, empty fields left out."""
    return yaml.dump(record.to_data(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _new_file_mode() -> int:
    """The mode a new file gets under the current umask (what ``open`` would give it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_text(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically; return False (and touch nothing) when unchanged.

    The file keeps its mode when it exists; a new file gets the default mode under the umask, as
    its neighbours did (the temporary file's private mode never survives the rename).
    """
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_case(root: Path, record: CaseRecord) -> bool:
    """Write a record to its place under ``root``; return True when the file changed."""
    return atomic_write_text(case_path(root, record), dump_record(record))
