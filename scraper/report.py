"""The end-of-run report of ``palermo scrape``: counts, skips with reasons, errors by document and field."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReportError:
    """One failure: the document (path or URL), the field, and what was wrong."""

    document: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.document}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Skip:
    """Input left out on purpose, with the reason."""

    what: str
    reason: str


@dataclass
class ScrapeReport:
    """What a scrape run did. ``exit_status`` is 0 (all well), 2 (some documents failed) or 1 (fatal)."""

    source_id: str
    mode: str
    fetched: int = 0
    parsed: int = 0
    records: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    resumed: bool = False
    completed: bool = False
    fatal: str | None = None
    retries: int = 0
    requests: int = 0

    def error(self, document: str, field_name: str, message: str) -> None:
        """Add an error unless the same one is already there."""
        item = ReportError(document, field_name, message)
        if item not in self.errors:
            self.errors.append(item)

    def skip(self, what: str, reason: str) -> None:
        """Add a skipped item with its reason."""
        self.skipped.append(Skip(what, reason))

    @property
    def exit_status(self) -> int:
        """0 when all went well, 2 when some documents failed and the rest were written, 1 on a fatal error."""
        if self.fatal:
            return 1
        return 2 if self.errors else 0

    def skip_reasons(self) -> dict[str, int]:
        """How many items were skipped for each reason."""
        counts: dict[str, int] = {}
        for item in self.skipped:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        data = asdict(self)
        data["exit_status"] = self.exit_status
        data["skip_reasons"] = self.skip_reasons()
        return data

    def to_text(self, max_skips: int = 20) -> str:
        """The report as lines for a terminal."""
        mode = f"{self.mode}, resumed an interrupted run" if self.resumed else self.mode
        lines = [
            f"palermo scrape {self.source_id} ({mode})",
            f"  fetched:   {self.fetched} document(s)"
            + (f" ({self.requests} request(s), {self.retries} retried)" if self.requests else ""),
            f"  parsed:    {self.parsed} document(s) -> {self.records} record(s)",
            f"  new:       {self.new}",
            f"  updated:   {self.updated}",
            f"  unchanged: {self.unchanged}",
            f"  skipped:   {len(self.skipped)}",
        ]
        for reason, count in sorted(self.skip_reasons().items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"    {count} x {reason}")
        if 0 < len(self.skipped) <= max_skips:
            lines.extend(f"      - {item.what}: {item.reason}" for item in self.skipped)
        lines.append(f"  errors:    {len(self.errors)}")
        lines.extend(f"    {error}" for error in self.errors)
        lines.extend(f"  warning: {warning}" for warning in self.warnings)
        if self.fatal:
            lines.append(f"  FATAL: {self.fatal}")
        elif not self.completed:
            lines.append("  run did not complete; run the same command again to resume")
        status = {0: "ok", 1: "failed", 2: "finished with errors"}[self.exit_status]
        lines.append(f"  status:    {status} (exit {self.exit_status})")
        return "\n".join(lines)
