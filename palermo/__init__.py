"""Palermo: an open knowledge base of human-trafficking case law.

The package is layered, each layer importing only those below it (checked by import-linter):
:mod:`palermo.model` (the case record, vocabularies, identifiers, jurisdictions, privacy, facets),
:mod:`palermo.corpus` (reading, writing, validating and deriving from the case files), then the
scrapers, search, courses and digests, then :mod:`palermo.site` and :mod:`palermo.cle`, and
:mod:`palermo.cli` on top, which nothing imports.
"""

__version__ = "0.1.0"
