"""Load digest files (``digests/sherloc/*.yaml``), reporting bad entries by file and key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from palermo.digests.model import DigestEntry


@dataclass(frozen=True)
class Problem:
    """One failed check: the file, the record key, the check's name and a message."""

    file: str
    key: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.check}: {self.message}"


def load_file(path: Path) -> tuple[list[DigestEntry], list[Problem]]:
    """Read one digest file; entries that fail the model come back as problems, the rest load."""
    name = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return [], [Problem(name, "-", "load", f"cannot read YAML: {exc}")]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Problem(name, "-", "load", "a digest file is a YAML list of entries")]
    entries: list[DigestEntry] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        key = str(item.get("key", f"entry {i + 1}")) if isinstance(item, dict) else f"entry {i + 1}"
        try:
            entries.append(DigestEntry.model_validate(item))
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "entry"
                problems.append(Problem(name, key, "model", f"{where}: {err['msg']}"))
    return entries, problems


def digest_files(root: Path) -> list[Path]:
    """Every digest file under ``root/digests/sherloc``, in name order."""
    return sorted((root / "digests" / "sherloc").glob("*.yaml"))
