"""Alembic migrations of the provider's database; :func:`palermo.cle.db.migrate` runs them to the head revision."""
