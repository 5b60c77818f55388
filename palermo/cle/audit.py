"""The append-only audit log: every change to a learner's record, who made it and when."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from palermo.cle.db import utcnow
from palermo.cle.models import audit


def record(conn: Connection, actor: str, action: str, enrolment_id: int | None = None, **detail: Any) -> None:
    """Append one entry (never updated, never deleted)."""
    conn.execute(
        audit.insert().values(
            at=utcnow(), actor=actor, action=action, enrolment_id=enrolment_id, detail=json.dumps(detail, sort_keys=True, default=str)
        )
    )


def entries(conn: Connection, enrolment_id: int | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """The newest entries first, for one enrolment or all."""
    query = select(audit).order_by(audit.c.id.desc()).limit(limit)
    if enrolment_id is not None:
        query = query.where(audit.c.enrolment_id == enrolment_id)
    return [
        {
            "id": r.id,
            "at": r.at.isoformat(),
            "actor": r.actor,
            "action": r.action,
            "enrolment_id": r.enrolment_id,
            "detail": json.loads(r.detail),
        }
        for r in conn.execute(query)
    ]
