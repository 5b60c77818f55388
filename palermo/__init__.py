"""Palermo: an open knowledge base of human-trafficking case law.

The package holds what every other part depends on: the controlled
vocabularies (:mod:`palermo.vocab`), the case record (:mod:`palermo.schema`),
corpus I/O and validation (:mod:`palermo.corpus`, :mod:`palermo.validate`) and
the static-site generator (:mod:`palermo.site`). The ``palermo`` command lives
in :mod:`palermo.cli`, which nothing imports.
"""

__version__ = "0.1.0"
