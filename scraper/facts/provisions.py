"""Provisions a fact summary cites: the instruments :func:`scraper.normalise.find_citations` knows (18 U.S.C.,
the ECHR, the Palermo Protocol…), and articles of a national criminal code ("article 145 bis of the Penal Code")."""

from __future__ import annotations

import re

from palermo.model.jurisdictions import jurisdiction_name
from palermo.model.schema import Provision
from scraper.facts.passage import pointer
from scraper.facts.reading import FactReading
from scraper.normalise import find_citations

CITED_RULE = "facts-provision-cited"
CODE_RULE = "facts-provision-code-article"
_CODE_ARTICLE = re.compile(
    r"\b(?:articles?|art\.)\s+(?P<number>\d{1,4}(?:\s*(?:bis|ter|quater|quinquies|[a-z])\b)?)"
    r"(?:\s*(?:\(\d+\)|,\s*(?:paragraph|para\.?|part)\s+\d+))*"
    r"\s+of\s+the\s+(?:\w+\s+)?(?P<code>Criminal\s+Code|Penal\s+Code)\b",
    re.IGNORECASE,
)


def read_provisions(text: str, jurisdiction: str | None, reading: FactReading) -> None:
    """Provisions cited in the summary, each once; a code article only when the record's country is known."""
    provisions: list[Provision] = []
    _identifiers, cited = find_citations(text)
    for provision in cited:
        where = text.find(provision.section.split()[-1]) if provision.section else -1
        if provision not in provisions:
            provisions.append(provision)
            passage = pointer(text, where, where + 1) if where >= 0 else f"“{provision.cite}”"
            reading.note("provisions", provision.cite, CITED_RULE, passage)
    country = jurisdiction_name(jurisdiction) if jurisdiction else None
    if country and len(jurisdiction or "") == 3:
        for m in _CODE_ARTICLE.finditer(text):
            code = " ".join(m["code"].split()).title()
            number = " ".join(m["number"].split()).lower()
            provision = Provision(instrument=f"{code} ({country})", section=f"Art. {number}")
            if provision not in provisions:
                provisions.append(provision)
                reading.note("provisions", provision.cite, CODE_RULE, pointer(text, m.start(), m.end()))
    if provisions:
        reading.values["provisions"] = provisions
