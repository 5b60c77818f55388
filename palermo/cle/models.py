"""The tables of the provider's record. Changes to them are made only by migrations (:mod:`palermo.cle.migrations`).

Times are UTC. Enrolment links are stored only as their SHA-256, so a copy of the
database does not open anyone's record. ``audit`` is append-only: the service
only inserts into it, and on SQLite a trigger refuses updates and deletes.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

enrolments = Table(
    "enrolments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("course_id", String(120), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("email", String(254), nullable=False),
    Column("jurisdiction", String(2), nullable=False),
    Column("bar_number", String(40), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

module_progress = Table(
    "module_progress",
    metadata,
    Column("enrolment_id", Integer, ForeignKey("enrolments.id"), primary_key=True),
    Column("module_id", String(120), primary_key=True),
    Column("first_opened_at", DateTime(timezone=True), nullable=False),
    Column("last_beat_at", DateTime(timezone=True), nullable=True),
    Column("active_seconds", Float, nullable=False, default=0.0),
)

visits = Table(
    "visits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("enrolment_id", Integer, ForeignKey("enrolments.id"), nullable=False, index=True),
    Column("module_id", String(120), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("active_seconds", Float, nullable=False, default=0.0),
)

code_entries = Table(
    "code_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("enrolment_id", Integer, ForeignKey("enrolments.id"), nullable=False, index=True),
    Column("module_id", String(120), nullable=False),
    Column("point", Integer, nullable=True),
    Column("value", String(40), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)

quiz_attempts = Table(
    "quiz_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("enrolment_id", Integer, ForeignKey("enrolments.id"), nullable=False, index=True),
    Column("module_id", String(120), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("layout", Text, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    Column("answers", Text, nullable=True),
    Column("correct", Integer, nullable=True),
    Column("total", Integer, nullable=True),
    Column("score", Integer, nullable=True),
    Column("passed", Boolean, nullable=True),
)

certificates = Table(
    "certificates",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("enrolment_id", Integer, ForeignKey("enrolments.id"), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("facts", Text, nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("revoked_reason", Text, nullable=True),
    UniqueConstraint("enrolment_id", name="uq_certificates_enrolment"),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(40), nullable=False),
    Column("action", String(60), nullable=False),
    Column("enrolment_id", Integer, nullable=True, index=True),
    Column("detail", Text, nullable=False),
)
