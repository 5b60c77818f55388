"""The attendance record a CLE board audits: one row per learner and module, as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, and_, func, select

from palermo.cle.attendance import Clock, required_seconds
from palermo.cle.db import as_utc
from palermo.cle.models import certificates, code_entries, enrolments, module_progress, quiz_attempts, visits
from palermo.courses.model import Course

COLUMNS = [
    "enrolment_id",
    "name",
    "email",
    "jurisdiction",
    "bar_number",
    "enrolled_at",
    "module_id",
    "module_minutes",
    "first_opened_at",
    "last_seen_at",
    "visits",
    "active_minutes",
    "required_minutes",
    "codes_entered",
    "wrong_code_entries",
    "quiz_attempts",
    "quiz_passed",
    "module_complete",
    "certificate_id",
    "certificate_issued_at",
    "certificate_status",
]


def _iso(value: Any) -> str:
    return as_utc(value).isoformat(timespec="seconds") if value is not None else ""


def rows(conn: Connection, course: Course, clock: Clock) -> Iterator[dict[str, Any]]:
    """The record of every learner of a course, module by module."""
    learners = conn.execute(select(enrolments).where(enrolments.c.course_id == course.id).order_by(enrolments.c.id))
    for e in learners:
        cert = conn.execute(select(certificates).where(certificates.c.enrolment_id == e.id)).first()
        for module in course.modules:
            where_e = and_(module_progress.c.enrolment_id == e.id, module_progress.c.module_id == module.id)
            progress = conn.execute(select(module_progress).where(where_e)).first()
            seen = conn.execute(
                select(func.count(), func.max(visits.c.last_seen_at)).where(
                    and_(visits.c.enrolment_id == e.id, visits.c.module_id == module.id)
                )
            ).one()
            codes = list(
                conn.execute(
                    select(code_entries)
                    .where(and_(code_entries.c.enrolment_id == e.id, code_entries.c.module_id == module.id))
                    .order_by(code_entries.c.id)
                )
            )
            attempts = list(
                conn.execute(
                    select(quiz_attempts)
                    .where(
                        and_(
                            quiz_attempts.c.enrolment_id == e.id,
                            quiz_attempts.c.module_id == module.id,
                            quiz_attempts.c.submitted_at.is_not(None),
                        )
                    )
                    .order_by(quiz_attempts.c.id)
                )
            )
            active = float(progress.active_seconds) if progress else 0.0
            needed = required_seconds(course, module, clock)
            entered = {c.point: c.entered_at for c in codes if c.ok}
            passed = any(a.passed for a in attempts)
            yield {
                "enrolment_id": e.id,
                "name": e.name,
                "email": e.email,
                "jurisdiction": e.jurisdiction,
                "bar_number": e.bar_number,
                "enrolled_at": _iso(e.created_at),
                "module_id": module.id,
                "module_minutes": module.minutes,
                "first_opened_at": _iso(progress.first_opened_at) if progress else "",
                "last_seen_at": _iso(seen[1]),
                "visits": seen[0],
                "active_minutes": round(active / clock.seconds_per_minute, 2),
                "required_minutes": round(needed / clock.seconds_per_minute, 2),
                "codes_entered": "; ".join(f"point {p} at {_iso(at)}" for p, at in sorted(entered.items())),
                "wrong_code_entries": sum(1 for c in codes if not c.ok),
                "quiz_attempts": "; ".join(f"{a.score}% ({a.correct}/{a.total}) at {_iso(a.submitted_at)}" for a in attempts),
                "quiz_passed": passed,
                "module_complete": active >= needed and len(entered) == len(module.attendance_codes) and passed,
                "certificate_id": cert.id if cert else "",
                "certificate_issued_at": _iso(cert.issued_at) if cert else "",
                "certificate_status": ("revoked" if cert.revoked_at else "valid") if cert else "",
            }


def to_csv(conn: Connection, course: Course, clock: Clock) -> str:
    """The whole record of a course as CSV text (a header row, then one row per learner and module)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(conn, course, clock):
        writer.writerow(row)
    return out.getvalue()
