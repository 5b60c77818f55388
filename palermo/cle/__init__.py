"""The CLE provider service: enrolment, recorded attendance, server-graded quizzes and verifiable certificates.

``palermo cle serve`` runs it (:mod:`palermo.cle.app`): it serves the course pages
of the built site plus an API, keeps every learner's record in a SQL database
(SQLite by default, any SQLAlchemy URL otherwise, schema migrated by Alembic), and
is the only way to earn a certificate. It sits above :mod:`palermo.courses`; the
site generator never imports it.
"""
