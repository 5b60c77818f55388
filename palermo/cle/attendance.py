"""Attendance: time active on a module's page, from heartbeats, and attendance codes drawn per learner and module.

A page sends a heartbeat every ``heartbeat_seconds`` while it is visible. Each
beat credits the time since the learner's previous beat on that module, but only
when that gap is short (at most two beat intervals): a hidden tab, a closed
laptop or two tabs open at once add nothing. A module's time is complete at
``attendance_share`` of its minutes. Its codes are HMACs of the server secret,
the enrolment and the module, shown only once the learner's active time has
reached the minute at which each code appears.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select

from palermo.cle import audit
from palermo.cle.db import as_utc, inserted_id, utcnow
from palermo.cle.models import code_entries, module_progress, visits
from palermo.courses.model import Course, Module

WRONG_CODES_ALLOWED = 5
"""Wrong code entries allowed per learner within :data:`WRONG_CODES_WINDOW`."""
WRONG_CODES_WINDOW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Clock:
    """How long a course minute lasts and how often pages beat (shortened in tests)."""

    seconds_per_minute: float
    heartbeat_seconds: float

    @property
    def max_gap(self) -> float:
        """The longest gap between two beats that still counts as attended."""
        return 2 * self.heartbeat_seconds


def attendance_code(secret: bytes, course_id: str, enrolment_id: int, module_id: str, point: int) -> str:
    """The learner's code for one attendance point: 8 letters and digits (no 0, 1, 8 or 9)."""
    digest = hmac.new(secret, f"code:{course_id}:{enrolment_id}:{module_id}:{point}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:5]).decode("ascii")


def normalise_code(value: str) -> str:
    """What the learner typed, upper-cased, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", value).upper()


def required_seconds(course: Course, module: Module, clock: Clock) -> float:
    """The time a learner must spend active on a module."""
    return module.minutes * course.attendance_share * clock.seconds_per_minute


def _progress(conn: Connection, enrolment_id: int, module_id: str) -> Any:
    return conn.execute(
        select(module_progress).where(and_(module_progress.c.enrolment_id == enrolment_id, module_progress.c.module_id == module_id))
    ).first()


def open_module(conn: Connection, enrolment_id: int, module_id: str) -> int:
    """Record that the learner opened a module; return the visit id the page's heartbeats carry."""
    now = utcnow()
    if _progress(conn, enrolment_id, module_id) is None:
        conn.execute(
            module_progress.insert().values(
                enrolment_id=enrolment_id, module_id=module_id, first_opened_at=now, last_beat_at=None, active_seconds=0.0
            )
        )
    visit_id = inserted_id(
        conn.execute(
            visits.insert().values(enrolment_id=enrolment_id, module_id=module_id, opened_at=now, last_seen_at=now, active_seconds=0.0)
        )
    )
    audit.record(conn, f"learner:{enrolment_id}", "module.opened", enrolment_id, module=module_id, visit=visit_id)
    return int(visit_id)


def heartbeat(conn: Connection, enrolment_id: int, module_id: str, visit_id: int, clock: Clock) -> float:
    """Credit the time since the learner's previous beat on this module (if short enough); return the seconds credited.

    Raises:
        LookupError: when the visit is not this learner's visit of this module.
    """
    visit = conn.execute(
        select(visits).where(and_(visits.c.id == visit_id, visits.c.enrolment_id == enrolment_id, visits.c.module_id == module_id))
    ).first()
    progress = _progress(conn, enrolment_id, module_id)
    if visit is None or progress is None:
        raise LookupError("unknown visit: open the module again")
    now = utcnow()
    credit = 0.0
    if progress.last_beat_at is not None:
        gap = (now - as_utc(progress.last_beat_at)).total_seconds()
        if 0 < gap <= clock.max_gap:
            credit = gap
    conn.execute(
        module_progress.update()
        .where(and_(module_progress.c.enrolment_id == enrolment_id, module_progress.c.module_id == module_id))
        .values(last_beat_at=now, active_seconds=progress.active_seconds + credit)
    )
    conn.execute(visits.update().where(visits.c.id == visit_id).values(last_seen_at=now, active_seconds=visit.active_seconds + credit))
    audit.record(
        conn, f"learner:{enrolment_id}", "attendance.heartbeat", enrolment_id, module=module_id, visit=visit_id, credited=round(credit, 3)
    )
    return credit


def active_seconds(conn: Connection, enrolment_id: int, module_id: str) -> float:
    """Seconds the learner has spent active on a module."""
    progress = _progress(conn, enrolment_id, module_id)
    return float(progress.active_seconds) if progress is not None else 0.0


def entered_points(conn: Connection, enrolment_id: int, module_id: str) -> dict[int, dt.datetime]:
    """The attendance points whose code the learner entered, with when."""
    rows = conn.execute(
        select(code_entries.c.point, func.min(code_entries.c.entered_at))
        .where(and_(code_entries.c.enrolment_id == enrolment_id, code_entries.c.module_id == module_id, code_entries.c.ok.is_(True)))
        .group_by(code_entries.c.point)
    )
    return {int(point): as_utc(at) for point, at in rows if point is not None}


def recent_wrong_codes(conn: Connection, enrolment_id: int) -> int:
    """Wrong code entries of the learner within the rate-limit window."""
    since = utcnow() - WRONG_CODES_WINDOW
    return int(
        conn.execute(
            select(func.count())
            .select_from(code_entries)
            .where(and_(code_entries.c.enrolment_id == enrolment_id, code_entries.c.ok.is_(False), code_entries.c.entered_at >= since))
        ).scalar_one()
    )


class CodeRejected(Exception):
    """A code that is wrong or not yet shown; the message is for the learner."""


def enter_code(conn: Connection, secret: bytes, course: Course, module: Module, enrolment_id: int, value: str, clock: Clock) -> int:
    """Check a typed code against the learner's codes for this module; record the entry; return the point it matched.

    Raises:
        CodeRejected: when it matches no code of the module that the learner has been shown.
    """
    typed = normalise_code(value)
    seconds = active_seconds(conn, enrolment_id, module.id)
    matched: int | None = None
    for point, placed in enumerate(module.attendance_codes):
        expected = attendance_code(secret, course.id, enrolment_id, module.id, point)
        if hmac.compare_digest(expected, typed) and seconds >= placed.at_minute * clock.seconds_per_minute:
            matched = point
    conn.execute(
        code_entries.insert().values(
            enrolment_id=enrolment_id, module_id=module.id, point=matched, value=typed[:40], ok=matched is not None, entered_at=utcnow()
        )
    )
    audit.record(
        conn,
        f"learner:{enrolment_id}",
        "code.entered" if matched is not None else "code.rejected",
        enrolment_id,
        module=module.id,
        point=matched,
    )
    if matched is None:
        raise CodeRejected("That is not an attendance code shown to you in this module. Check the code in the module text.")
    return matched


def codes_state(
    secret: bytes, course: Course, module: Module, enrolment_id: int, seconds: float, entered: dict[int, dt.datetime], clock: Clock
) -> list[dict[str, Any]]:
    """Each attendance point: its minute, the learner's code once shown (else None), and whether it was entered."""
    out = []
    for point, placed in enumerate(module.attendance_codes):
        shown = seconds >= placed.at_minute * clock.seconds_per_minute
        out.append(
            {
                "point": point,
                "at_minute": placed.at_minute,
                "code": attendance_code(secret, course.id, enrolment_id, module.id, point) if shown else None,
                "entered": point in entered,
            }
        )
    return out
