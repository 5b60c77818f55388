"""Alembic environment: runs on the connection :func:`palermo.cle.db.migrate` passes in (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from palermo.cle.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the service always passes its connection
    raise RuntimeError("run migrations through palermo.cle.db.migrate")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
