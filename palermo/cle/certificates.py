"""Certificates: issued only when every module is complete, dated by the server, verifiable by id at ``/verify/<id>``.

The facts are frozen into the record when the certificate is issued (the
learner, the course, the provider, the approval in the learner's state, the
credits under that state's rule and how they were rounded), so the certificate
and its verification page always agree, whatever changes later.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from typing import Any

from sqlalchemy import Connection, select

from palermo.cle import audit
from palermo.cle.barnumbers import us_jurisdictions
from palermo.cle.db import as_utc, utcnow
from palermo.cle.models import certificates, enrolments
from palermo.courses.credits import CreditRules
from palermo.courses.model import Course

ID_PATTERN = re.compile(r"^PLM-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$")


def new_certificate_id() -> str:
    """A random verification id (80 bits), e.g. ``PLM-7QXK-2M4D-…``."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "PLM-" + "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def credit_facts(course: Course, rules: CreditRules | None, state: str) -> dict[str, Any]:
    """The credit lines of a certificate for a learner admitted in ``state``; credits only under a confirmed rule."""
    name = us_jurisdictions().get(state, state)
    rule = None
    if rules is not None:
        try:
            rule = rules.rule(state)
        except KeyError:
            rule = None
    if rule is None:
        reason = f"Not stated: we hold no credit rule for {name}."
        return {"hours": None, "ethics_hours": None, "credits_text": reason, "ethics_text": reason, "rule_text": reason}
    if not rule.confirmed:
        reason = f"Not stated: our record of {name}'s credit rule rests on a secondary source only and is not confirmed."
        return {"hours": None, "ethics_hours": None, "credits_text": reason, "ethics_text": reason, "rule_text": reason}
    hours = rule.hours(course.total_minutes)
    ethics = rule.hours(course.ethics_minutes)
    rounding = (
        f" Rounded as the rule says: {rule.rounding.basis}"
        if rule.rounding
        else " Shown to the hundredth; the board applies its own rounding."
    )
    sources = "; ".join(f"{s.name} <{s.url}>" for s in rule.sources if s.kind != "secondary")
    return {
        "hours": hours,
        "ethics_hours": ethics,
        "credits_text": f"{hours:.2f}" if hours is not None else "",
        "ethics_text": f"{ethics:.2f}" if ethics is not None else "",
        "rule_text": f"{rule.name}: one credit hour is {rule.minutes_per_credit_hour} minutes of instruction ({rule.rule}).{rounding} Source: {sources}.",
    }


def issue(conn: Connection, course: Course, rules: CreditRules | None, enrolment: Any, verify_base: str) -> dict[str, Any]:
    """Issue the learner's certificate (the caller has checked that every module is complete); return its facts."""
    existing = conn.execute(select(certificates).where(certificates.c.enrolment_id == enrolment.id)).first()
    if existing is not None:
        return dict(json.loads(existing.facts))
    now = utcnow()
    cert_id = new_certificate_id()
    state_name = us_jurisdictions().get(enrolment.jurisdiction, enrolment.jurisdiction)
    approval = course.approval(enrolment.jurisdiction)
    review = course.legal_review
    facts: dict[str, Any] = {
        "id": cert_id,
        "verify_url": f"{verify_base}verify/{cert_id}",
        "name": enrolment.name,
        "bar_number": enrolment.bar_number,
        "jurisdiction": enrolment.jurisdiction,
        "jurisdiction_name": state_name,
        "course_id": course.id,
        "course_title": course.title,
        "provider": course.provider.name,
        "completed_on": now.date().isoformat(),
        "issued_at": now.isoformat(timespec="seconds"),
        "total_minutes": course.total_minutes,
        "ethics_minutes": course.ethics_minutes,
        "approval": approval.number if approval else None,
        "approval_text": f"{state_name} approval number {approval.number}" if approval else f"Not approved in {state_name}.",
        "review": (
            f"Legal content reviewed on {review.date} by {review.reviewer}."
            if review.done
            else "The course's legal content has not yet been reviewed by a qualified lawyer."
        ),
        **credit_facts(course, rules, enrolment.jurisdiction),
    }
    conn.execute(certificates.insert().values(id=cert_id, enrolment_id=enrolment.id, issued_at=now, facts=json.dumps(facts)))
    audit.record(conn, f"learner:{enrolment.id}", "certificate.issued", enrolment.id, certificate=cert_id)
    return facts


def find(conn: Connection, cert_id: str) -> dict[str, Any] | None:
    """A certificate's facts and status by verification id, or None when the id is unknown."""
    if not ID_PATTERN.match(cert_id):
        return None
    row = conn.execute(select(certificates).where(certificates.c.id == cert_id)).first()
    if row is None:
        return None
    facts = dict(json.loads(row.facts))
    facts["revoked_at"] = as_utc(row.revoked_at).isoformat(timespec="seconds") if row.revoked_at else None
    facts["revoked_reason"] = row.revoked_reason
    facts["status"] = "revoked" if row.revoked_at else "valid"
    return facts


def for_enrolment(conn: Connection, enrolment_id: int) -> dict[str, Any] | None:
    """The learner's certificate, if issued."""
    row = conn.execute(select(certificates.c.id).where(certificates.c.enrolment_id == enrolment_id)).first()
    return find(conn, row.id) if row else None


def revoke(conn: Connection, cert_id: str, reason: str) -> bool:
    """Revoke a certificate (admin); False when the id is unknown or it is revoked already."""
    row = conn.execute(select(certificates).where(certificates.c.id == cert_id)).first()
    if row is None or row.revoked_at is not None:
        return False
    conn.execute(certificates.update().where(certificates.c.id == cert_id).values(revoked_at=utcnow(), revoked_reason=reason))
    audit.record(conn, "admin", "certificate.revoked", row.enrolment_id, certificate=cert_id, reason=reason)
    return True


def enrolment_of(conn: Connection, enrolment_id: int) -> Any:
    """The enrolment row."""
    return conn.execute(select(enrolments).where(enrolments.c.id == enrolment_id)).first()
