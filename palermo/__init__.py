"""Palermo: an open knowledge base of human-trafficking case law.

The package holds what every other part depends on: the controlled
vocabularies (:mod:`palermo.model.vocab`), the case record (:mod:`palermo.model.schema`),
corpus I/O and validation (:mod:`palermo.corpus.store`, :mod:`palermo.corpus.validate`) and
the static-site generator (:mod:`palermo.site`). The ``palermo`` command lives
in :mod:`palermo.cli`, which nothing imports.
"""

__version__ = "0.1.0"
