"""Run checkpoints: which documents a scrape has finished, so an interrupted run resumes where it stopped.

The checkpoint is a small JSON file, by default ``<cases>/.palermo/scrape-<source>.json``
(the corpus loader skips dot-folders), rewritten atomically after every finished
document. A run that completes removes it; a run that finds one left by an interrupted
run with the same parameters skips the documents it lists.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from palermo.corpus.store import atomic_write_text

STATE_DIR_NAME = ".palermo"


def default_state_dir(cases: Path) -> Path:
    """The state folder of a corpus: ``<cases>/.palermo``."""
    return cases / STATE_DIR_NAME


@dataclass
class Checkpoint:
    """Finished document keys of one scrape run, persisted to ``path``.

    Args:
        path: the JSON file.
        run_key: what identifies the run (source and parameters); a checkpoint left by a
            different run is ignored and replaced.
    """

    path: Path
    run_key: str
    done: set[str] = field(default_factory=set)
    cursor: dict[str, Any] = field(default_factory=dict)
    resumed: bool = False

    @classmethod
    def open(cls, path: Path, run_key: str) -> Checkpoint:
        """Load the checkpoint at ``path`` when it belongs to the same run, else start an empty one."""
        checkpoint = cls(path=path, run_key=run_key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return checkpoint
        if isinstance(data, dict) and data.get("run_key") == run_key and isinstance(data.get("done"), list):
            checkpoint.done = {str(k) for k in data["done"]}
            checkpoint.cursor = dict(data.get("cursor") or {})
            checkpoint.resumed = bool(checkpoint.done or checkpoint.cursor)
        return checkpoint

    def is_done(self, key: str) -> bool:
        """True when the document ``key`` was finished by this run or the interrupted one it resumes."""
        return key in self.done

    def mark_done(self, key: str) -> None:
        """Record a finished document and persist the checkpoint atomically."""
        self.done.add(key)
        self.save()

    def set_cursor(self, name: str, value: Any) -> None:
        """Remember a position in a listing (page number, API cursor) and persist it."""
        self.cursor[name] = value
        self.save()

    def save(self) -> None:
        """Write the checkpoint atomically (temporary file, then rename)."""
        data = {
            "run_key": self.run_key,
            "saved_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "cursor": self.cursor,
            "done": sorted(self.done),
        }
        atomic_write_text(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")

    def clear(self) -> None:
        """Remove the checkpoint: the run finished."""
        self.path.unlink(missing_ok=True)
        self.done.clear()
        self.cursor.clear()
