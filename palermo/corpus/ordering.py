"""The order every list of cases follows: newest decision first, undated records last, ties by title."""

from __future__ import annotations

import datetime as dt

from palermo.model.schema import CaseRecord


def date_rank(record: CaseRecord) -> int:
    """An integer that sorts records newest first when descending (0 for undated).

    A record with only a year sorts with the end of its year.
    """
    if record.decision_date is not None:
        return record.decision_date.toordinal()
    if record.year is not None:
        return dt.date(record.year, 12, 31).toordinal()
    return 0


def newest_first_key(record: CaseRecord) -> tuple[int, str, str]:
    """Sort key putting the newest decisions first, undated records last, ties by title."""
    return (-date_rank(record), record.display_title.casefold(), record.id)
