"""One scrape run: documents from disk or the network → records → the corpus, with a report.

Used by ``palermo scrape`` and by ``benchmarks/scrape.py``. Bad input never stops the run:
each failure is recorded against its document and field, and the run goes on.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from palermo.model.schema import CaseRecord
from scraper.base import BaseSource, ParseError, RawDocument
from scraper.checkpoint import Checkpoint, default_state_dir
from scraper.fetch import Fetcher, FetchError, FetchPolicy
from scraper.registry import UnknownSource, source_class
from scraper.report import ScrapeReport
from scraper.update import CorpusUpdater, UpdateError

LICENCE_NOTICE = (
    "{name} publishes its judgments under the Open Justice Licence, which covers reading and re-using them "
    "but not computational analysis in bulk: that needs a separate (free) computational-analysis licence from "
    "The National Archives (https://caselaw.nationalarchives.gov.uk/computational-licence-form). "
    "A live bulk run of '{source}' therefore needs --licence-confirmed, meaning you hold that licence. "
    "Offline runs over saved documents (--from) do not."
)


@dataclass
class ScrapeOptions:
    """What to scrape and where to put it (the ``palermo scrape`` arguments)."""

    source_id: str
    from_path: Path | None = None
    since: datetime.date | None = None
    limit: int | None = None
    base_url: str | None = None
    cases: Path = Path("cases")
    json_out: bool = False
    save_responses: Path | None = None
    licence_confirmed: bool = False
    state_dir: Path | None = None
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    today: datetime.date | None = None

    def run_key(self) -> str:
        """What makes two runs the same run (for resuming a checkpoint)."""
        key = {
            "source": self.source_id,
            "from": str(self.from_path.resolve()) if self.from_path else None,
            "since": self.since.isoformat() if self.since else None,
            "limit": self.limit,
            "base_url": self.base_url,
        }
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


def _validation_message(exc: ValidationError) -> tuple[str, str]:
    first = exc.errors()[0]
    return ".".join(str(p) for p in first["loc"]) or "(record)", str(first["msg"])


def _document_key(doc: RawDocument) -> str:
    return f"{doc.url}#{doc.sha256}" if doc.path is not None else doc.url


def _documents(source: BaseSource, options: ScrapeOptions, report: ScrapeReport) -> Iterator[RawDocument]:
    if options.from_path is not None:
        yield from source.documents_from(options.from_path)
    else:
        yield from source.discover(options.since, options.limit)


def _drain(source: BaseSource, report: ScrapeReport, fetcher: Fetcher | None) -> None:
    for problem in source.problems:
        report.error(problem.document, problem.field, problem.message)
    source.problems.clear()
    for what, reason in source.skips:
        report.skip(what, reason)
    source.skips.clear()
    if fetcher is not None:
        for failure in fetcher.failures:
            report.error(failure.url, "(fetch)", failure.message)
        fetcher.failures.clear()


def _before_since(record: CaseRecord, since: datetime.date) -> bool:
    if record.decision_date is not None:
        return record.decision_date < since
    return record.year is not None and record.year < since.year


def run_scrape(options: ScrapeOptions, emit: Callable[[CaseRecord], None] | None = None) -> ScrapeReport:
    """Run one scrape and return its report (never raises for bad input).

    Args:
        options: the run's parameters.
        emit: called with each record instead of writing the corpus when ``options.json_out`` is set.
    """
    mode = "offline" if options.from_path is not None else "live"
    report = ScrapeReport(source_id=options.source_id, mode=mode)
    try:
        cls = source_class(options.source_id)
    except UnknownSource as exc:
        report.fatal = str(exc)
        return report
    if mode == "live" and cls.requires_licence_confirmation and not options.licence_confirmed:
        report.fatal = LICENCE_NOTICE.format(name=cls.name, source=cls.source_id)
        return report
    if options.from_path is not None and not options.from_path.exists():
        report.fatal = f"--from {options.from_path}: no such file or folder"
        return report
    fetcher = None
    if mode == "live":
        fetcher = Fetcher(source_id=cls.source_id, policy=options.policy, save_responses=options.save_responses)
    source = cls(fetcher=fetcher, base_url=options.base_url)
    updater = None
    checkpoint = None
    if not options.json_out:
        updater = CorpusUpdater(options.cases, today=options.today or datetime.date.today(), url_key=source.case_url_key)
        for load_error in updater.load_errors:
            report.warnings.append(f"existing record not loaded (left untouched): {load_error}")
        state = options.state_dir or default_state_dir(options.cases)
        checkpoint = Checkpoint.open(state / f"scrape-{cls.source_id}.json", options.run_key())
        report.resumed = checkpoint.resumed
        source.already_done = checkpoint.is_done
    applied = 0
    # live: the source stops after `limit` case documents (listings add their index entries on top);
    # offline: at most `limit` records
    record_limit = options.limit if mode == "offline" else None
    try:
        documents = _documents(source, options, report)
        while True:
            try:
                doc = next(documents)
            except StopIteration:
                break
            except FetchError as exc:
                report.error(exc.url, "(fetch)", exc.message)
                if report.fetched == 0:
                    report.fatal = f"nothing could be fetched: {exc}"
                break
            except ParseError as exc:
                report.error(exc.document, exc.field, exc.message)
                break
            report.fetched += 1
            key = _document_key(doc)
            if checkpoint is not None and checkpoint.is_done(key):
                report.skip(doc.name, "finished by the interrupted run this one resumes")
                continue
            try:
                records = source.parse(doc)
            except ParseError as exc:
                report.error(exc.document, exc.field, exc.message)
                records = None
            except ValidationError as exc:
                where, message = _validation_message(exc)
                report.error(doc.name, where, message)
                records = None
            except Exception as exc:  # a parser bug must not stop the run or print a traceback
                report.error(doc.name, "(parser)", f"{type(exc).__name__}: {exc}")
                records = None
            noted = bool(source.skips)
            _drain(source, report, fetcher)
            if records is None:
                continue
            report.parsed += 1
            if not records:
                if not noted:
                    report.skip(doc.name, "not about trafficking")
                if updater is not None and not options.json_out:
                    for removed in updater.remove_stubs(source.case_url_key(doc.url)):
                        report.skip(removed, f"listing entry removed: its document {doc.name} was judged not about trafficking")
            for record in records:
                if record_limit is not None and applied >= record_limit:
                    break
                if options.since is not None and _before_since(record, options.since):
                    report.skip(record.id, f"decided before --since {options.since.isoformat()}")
                    continue
                report.records += 1
                applied += 1
                if options.json_out or updater is None:
                    if emit is not None:
                        emit(record)
                    continue
                try:
                    result = updater.apply(record)
                except UpdateError as exc:
                    report.error(doc.name, f"record {exc.record_id}", exc.message)
                    continue
                except ValidationError as exc:
                    where, message = _validation_message(exc)
                    report.error(doc.name, f"record {record.id}: {where}", message)
                    continue
                setattr(report, result.change.value, getattr(report, result.change.value) + 1)
            if checkpoint is not None:
                checkpoint.mark_done(key)
            if record_limit is not None and applied >= record_limit:
                break
        _drain(source, report, fetcher)
        if mode == "offline" and report.fetched == 0 and not report.errors:
            report.fatal = (
                f"--from {options.from_path}: no file there is one {cls.source_id} reads (patterns {', '.join(cls.offline_patterns)})"
            )
        if updater is not None and report.fatal is None and record_limit is None and options.since is None:
            for case_id, reason in updater.judge_scope(source.scope_of):
                report.skip(case_id, f"out of scope: {reason}" if reason else "back in scope: the source lists it")
        if updater is not None:
            report.warnings.extend(updater.notes)
        report.completed = report.fatal is None
        if report.completed and checkpoint is not None:
            checkpoint.clear()
    finally:
        if fetcher is not None:
            report.retries = fetcher.retries
            report.requests = fetcher.requests_made
            report.warnings.extend(fetcher.warnings)
            fetcher.close()
    return report
