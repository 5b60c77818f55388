"""The first schema: enrolments, attendance (progress, visits, codes), quiz attempts, certificates and the audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create every table, and on SQLite the triggers that keep ``audit`` append-only."""
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("course_id", sa.String(120), nullable=False, index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("jurisdiction", sa.String(2), nullable=False),
        sa.Column("bar_number", sa.String(40), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "module_progress",
        sa.Column("enrolment_id", sa.Integer, sa.ForeignKey("enrolments.id"), primary_key=True),
        sa.Column("module_id", sa.String(120), primary_key=True),
        sa.Column("first_opened_at", TS, nullable=False),
        sa.Column("last_beat_at", TS, nullable=True),
        sa.Column("active_seconds", sa.Float, nullable=False),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enrolment_id", sa.Integer, sa.ForeignKey("enrolments.id"), nullable=False, index=True),
        sa.Column("module_id", sa.String(120), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("active_seconds", sa.Float, nullable=False),
    )
    op.create_table(
        "code_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enrolment_id", sa.Integer, sa.ForeignKey("enrolments.id"), nullable=False, index=True),
        sa.Column("module_id", sa.String(120), nullable=False),
        sa.Column("point", sa.Integer, nullable=True),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("entered_at", TS, nullable=False),
    )
    op.create_table(
        "quiz_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enrolment_id", sa.Integer, sa.ForeignKey("enrolments.id"), nullable=False, index=True),
        sa.Column("module_id", sa.String(120), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("layout", sa.Text, nullable=False),
        sa.Column("submitted_at", TS, nullable=True),
        sa.Column("answers", sa.Text, nullable=True),
        sa.Column("correct", sa.Integer, nullable=True),
        sa.Column("total", sa.Integer, nullable=True),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("passed", sa.Boolean, nullable=True),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("enrolment_id", sa.Integer, sa.ForeignKey("enrolments.id"), nullable=False),
        sa.Column("issued_at", TS, nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.Column("revoked_reason", sa.Text, nullable=True),
        sa.UniqueConstraint("enrolment_id", name="uq_certificates_enrolment"),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(40), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("enrolment_id", sa.Integer, nullable=True, index=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_no_{event.lower()} BEFORE {event} ON audit "
                "BEGIN SELECT RAISE(ABORT, 'the audit table is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the audit table is append-only'; END $$"
        )
        op.execute("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()")


def downgrade() -> None:
    """Drop everything (only for a database that holds no records worth keeping)."""
    for table in ("audit", "certificates", "quiz_attempts", "code_entries", "visits", "module_progress", "enrolments"):
        op.drop_table(table)
