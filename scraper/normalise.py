"""Normalisation shared by every source: dates, case ids, courts, countries and citations.

Pure functions, no network. US reporter and U.S. Code citations come from
eyecite; UK neutral citations, ECLI, ECtHR application numbers, EHRR reports and
the treaty/statute provisions that matter for trafficking are parsed here with
our own patterns (eyecite knows none of them).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Sequence
from email.utils import parsedate_to_datetime
from functools import lru_cache

from palermo.model.jurisdictions import country_to_alpha3
from palermo.model.schema import Identifier, Provision
from palermo.model.vocab import IdentifierType

MAX_ID_LENGTH = 100

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DMY_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
_MDY_WORDS = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, *, dayfirst: bool = False) -> dt.date | None:
    """Parse the date spellings our sources use; ``None`` when the text is not a date.

    Accepts ISO (``2010-01-07``, with an optional time), ``7 January 2010``,
    ``January 7, 2010``, ``07.01.2010`` (European, day first), RFC 822
    (``Thu, 07 Jan 2010 00:00:00 GMT``) and slashed dates, which are read as
    US month/day/year unless ``dayfirst`` is set (HUDOC writes ``07/01/2010``).

    Args:
        text: the raw date text.
        dayfirst: read ``NN/NN/YYYY`` as day/month/year.
    """
    value = " ".join(text.split()).strip()
    if not value:
        return None
    if m := _ISO.match(value):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY_WORDS.match(value):
        month = MONTHS.get(m[2].lower())
        return _date(int(m[3]), month, int(m[1])) if month else None
    if m := _MDY_WORDS.match(value):
        month = MONTHS.get(m[1].lower())
        return _date(int(m[3]), month, int(m[2])) if month else None
    if m := _SLASHED.match(value):
        a, b = int(m[1]), int(m[2])
        return _date(int(m[3]), b, a) if dayfirst else _date(int(m[3]), a, b)
    if m := _DOTTED.match(value):
        return _date(int(m[3]), int(m[2]), int(m[1]))
    if "," in value or value[:3].isalpha():
        try:
            return parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError):
            return None
    return None


_CASE_OF = re.compile(r"^(?:case of|affaire)\s+", re.IGNORECASE)
_DROPPED = re.compile(r"[.'’‘`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_V_THE = re.compile(r"-v-the-")  # HUDOC writes "v. the United Kingdom"; the team's ids drop the article


def slugify(text: str) -> str:
    """Lower-case ASCII slug: accents folded, dots and apostrophes dropped (``C.N.`` → ``cn``)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    folded = folded.replace("&", " and ")
    return _NON_ALNUM.sub("-", _DROPPED.sub("", folded)).strip("-")


def make_case_id(prefix: str, year: int | None, title: str) -> str:
    """Build a stable case id ``<prefix>-<year>-<slug of title>`` of at most 100 characters.

    ``("ecthr", 2010, "Rantsev v. Cyprus and Russia")`` gives
    ``ecthr-2010-rantsev-v-cyprus-and-russia``; a leading "CASE OF" is dropped
    and the slug is cut at a hyphen when too long.

    Args:
        prefix: ``ecthr`` for the European Court, the jurisdiction code in lower case for national courts.
        year: the decision year, or ``None`` when unknown (left out of the id).
        title: the case title.

    Raises:
        ValueError: when the title yields an empty slug.
    """
    slug = slugify(_CASE_OF.sub("", title.strip()))
    if not slug:
        raise ValueError(f"title {title!r} gives an empty slug")
    head = "-".join(p for p in (slugify(prefix), str(year) if year else "") if p)
    slug = _V_THE.sub("-v-", f"-{slug}-").strip("-")
    case_id = f"{head}-{slug}"
    if len(case_id) > MAX_ID_LENGTH:
        case_id = case_id[: MAX_ID_LENGTH + 1].rsplit("-", 1)[0]
    return case_id


@lru_cache(maxsize=1024)
def us_court_id(name: str) -> str | None:
    """The courts-db id of a US court named in words, or ``None`` unless exactly one court matches.

    Args:
        name: e.g. ``"Court of Appeals for the Fifth Circuit"`` → ``ca5``.
    """
    from courts_db import find_court  # loads its regex table on first use (~0.5 s)

    text = " ".join(name.split())
    if not text:
        return None
    matches = list(dict.fromkeys(find_court(text)))
    return matches[0] if len(matches) == 1 else None


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a country name or code (``"the United Kingdom"`` → ``GBR``), or ``None``."""
    text = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
    aliases = {"russia": "RUS", "turkey": "TUR", "türkiye": "TUR", "moldova": "MDA", "macedonia": "MKD", "uk": "GBR", "usa": "USA"}
    if text.lower() in aliases:
        return aliases[text.lower()]
    return country_to_alpha3(text)


# --- citations ---------------------------------------------------------------------------------

ECHR = "ECHR"
COE_TRAFFICKING = "Council of Europe Convention on Action against Trafficking in Human Beings"
EU_DIRECTIVE = "Directive 2011/36/EU"
MSA = "Modern Slavery Act 2015"
PALERMO = "Palermo Protocol"
USC = "U.S.C."

_NEUTRAL_COURTS = (
    "UKSC|UKHL|UKPC|EWCA|EWHC|EWCOP|EWFC|UKUT|UKFTT|UKEAT|EAT|UKAIT|UKIAT|CSIH|CSOH|HCJAC|NICA|NIQB|NICC|NIKB|"
    "IEHC|IESC|IECA|HCA|FCA|FCAFC|NSWCCA|VSCA|QCA|NZSC|NZCA|NZHC|SGCA|SGHC|ZASCA|ZACC|UKET"
)
NEUTRAL_CITATION = re.compile(
    rf"\[(\d{{4}})\]\s+({_NEUTRAL_COURTS})(?:\s+(Civ|Crim|Admin|Fam|QB|KB|Ch|IAC|AAC|LC|TCC))?\s+(\d{{1,5}})(?:\s+\(([A-Za-z]{{2,8}})\))?"
)
ECLI = re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}[A-Z0-9]")
APP_NO = re.compile(r"\b(?:[Aa]pplications?|[Nn]os?\.)\s*((?:no\.\s*)?\d{1,6}/\d{2}(?:\s*(?:,|and)\s*\d{1,6}/\d{2})*)")
_APP_NUMBER = re.compile(r"\d{1,6}/\d{2}\b")
EHRR = re.compile(r"\((\d{4})\)\s+(\d{1,3})\s+E\.?H\.?R\.?R\.?\s+(\d{1,4})")
HUDOC_ITEMID = re.compile(r"\b(\d{3}-\d{1,7})\b")

_USC_MULTI = re.compile(
    r"\b(\d{1,2})\s+U\.\s?S\.\s?C\.?(?:A\.)?\s*(?:§§?|[Ss]ections?|[Ss]ecs?\.)?\s*((?:\d{3,5}[a-zA-Z]?(?:\([a-z0-9]+\))*(?:\s*(?:,|and|or|&|-|–)\s*)?)+)"
)
_USC_SECTION = re.compile(r"\d{3,5}[A-Z]?(?=\b|\()", re.IGNORECASE)

_ARTICLE = r"[Aa]rt(?:icle|s?\.|icles)?\s*(\d{1,2})(?:\s*(?:\([a-z0-9]{1,3}\))+|\s*§\s*\d)?"
_ECHR_NAMES = r"(?:ECHR|the\s+European\s+Convention\s+(?:on|for\s+the\s+Protection\s+of)\s+Human\s+Rights(?:\s+and\s+Fundamental\s+Freedoms)?|the\s+Human\s+Rights\s+Convention)"
ECHR_ARTICLE = re.compile(rf"{_ARTICLE}\s+(?:of\s+)?{_ECHR_NAMES}")
CONVENTION_ARTICLE = re.compile(rf"{_ARTICLE}\s+of\s+the\s+Convention\b(?!\s+on\s+Action)")
_COE_NAMES = (
    r"(?:ECAT|the\s+(?:Council\s+of\s+Europe\s+)?(?:Anti-?\s?)?Trafficking\s+Convention|"
    r"the\s+(?:Council\s+of\s+Europe\s+)?Convention\s+on\s+Action\s+against\s+Trafficking\s+in\s+Human\s+Beings)"
)
COE_ARTICLE = re.compile(rf"{_ARTICLE}\s+(?:of\s+)?{_COE_NAMES}")
EU_ARTICLE = re.compile(rf"{_ARTICLE}\s+of\s+(?:the\s+)?(?:EU\s+)?(?:Anti-?\s?Trafficking\s+)?Directive\s+(?:2011/36(?:/EU)?|2011/36)")
EU_DIRECTIVE_MENTION = re.compile(r"Directive\s+2011/36")
PALERMO_ARTICLE = re.compile(rf"{_ARTICLE}\s+of\s+the\s+(?:Palermo|Trafficking|UN\s+Trafficking|United\s+Nations\s+Trafficking)\s+Protocol")
_MSA_SECTION = r"(?:[Ss](?:ection|s?\.)?|[Ss]ections)\s*(\d{1,2})(?:\(\d+\))?"
MSA_SECTION = re.compile(rf"{_MSA_SECTION}\s+(?:of\s+)?(?:the\s+)?(?:Modern\s+Slavery\s+Act(?:\s+2015)?|MSA(?:\s+2015)?)\b")
MSA_SECTION_AFTER = re.compile(r"(?:Modern\s+Slavery\s+Act(?:\s+2015)?|MSA\s+2015),?\s+(?:s|section)\.?\s*(\d{1,2})\b")


_US_REPORTER_HINT = re.compile(
    r"\d\s+(?:U\.\s?S\.|F\.\s?(?:\dd|\d\w\w|Supp)|S\.\s?Ct\.|L\.\s?Ed\.|[A-Z][a-z]*\.\s?(?:\dd|App\.)|So\.\s?\d)"
)
"""Cheap test for US reporter or Code citations before the (slow) eyecite tokenizer runs."""


def _add_identifier(found: list[Identifier], kind: IdentifierType, value: str) -> None:
    try:
        ident = Identifier(type=kind, value=value)
    except ValueError:
        return
    if ident not in found:
        found.append(ident)


def _add_provision(found: list[Provision], instrument: str, section: str | None) -> None:
    provision = Provision(instrument=instrument, section=section)
    if provision not in found:
        found.append(provision)


def neutral_citations(text: str) -> list[str]:
    """Every UK (and Commonwealth) neutral citation in ``text``, canonically spaced, in order found."""
    out: list[str] = []
    for m in NEUTRAL_CITATION.finditer(text):
        cite = f"[{m[1]}] {m[2]}" + (f" {m[3]}" if m[3] else "") + f" {m[4]}" + (f" ({m[5]})" if m[5] else "")
        if cite not in out:
            out.append(cite)
    return out


def application_numbers(text: str) -> list[str]:
    """ECtHR application numbers introduced by "no."/"nos."/"application" (``25965/04``), in order found."""
    out: list[str] = []
    for m in APP_NO.finditer(text):
        for number in _APP_NUMBER.findall(m[1]):
            if number not in out:
                out.append(number)
    return out


def usc_sections(text: str) -> list[tuple[str, str]]:
    """``(title, section)`` pairs of U.S. Code citations, including lists (``18 U.S.C. §§ 1589, 1590``)."""
    out: list[tuple[str, str]] = []
    for m in _USC_MULTI.finditer(text):
        for section in _USC_SECTION.findall(m[2]):
            pair = (m[1], section.upper())
            if pair not in out:
                out.append(pair)
    return out


def find_citations(text: str, *, convention: str | None = None) -> tuple[list[Identifier], list[Provision]]:
    """Identifiers and provisions cited anywhere in ``text``, each once, in order found.

    Identifiers: ECLI, neutral citations, ECtHR application numbers, EHRR and US
    reporter citations (eyecite). Provisions: U.S. Code sections (eyecite plus
    our own reading of section lists), ECHR articles, Council of Europe
    Trafficking Convention articles, EU Directive 2011/36 articles, Palermo
    Protocol articles, Modern Slavery Act 2015 sections. These are everything
    the text cites, not only the case's own identifiers: callers choose.

    Args:
        text: plain text of a judgment, summary or listing.
        convention: the instrument an unqualified "Article N of the Convention"
            means in this document (``"ECHR"`` for Strasbourg judgments); left
            unread when ``None``, since in other courts it may mean another treaty.
    """
    identifiers: list[Identifier] = []
    provisions: list[Provision] = []
    for m in ECLI.finditer(text):
        _add_identifier(identifiers, IdentifierType.ECLI, m[0])
    for cite in neutral_citations(text):
        _add_identifier(identifiers, IdentifierType.NEUTRAL_CITATION, cite)
    for number in application_numbers(text):
        _add_identifier(identifiers, IdentifierType.APPLICATION_NUMBER, number)
    for m in EHRR.finditer(text):
        _add_identifier(identifiers, IdentifierType.REPORTER_CITATION, f"({m[1]}) {m[2]} EHRR {m[3]}")
    if _US_REPORTER_HINT.search(text):
        _eyecite(text, identifiers, provisions)
    for title, section in usc_sections(text):
        _add_provision(provisions, f"{title} {USC}", f"§ {section}")
    for pattern, instrument in (
        (ECHR_ARTICLE, ECHR),
        (COE_ARTICLE, COE_TRAFFICKING),
        (EU_ARTICLE, EU_DIRECTIVE),
        (PALERMO_ARTICLE, PALERMO),
    ):
        for m in pattern.finditer(text):
            _add_provision(provisions, instrument, f"Art. {int(m[1])}")
    if convention:
        for m in CONVENTION_ARTICLE.finditer(text):
            _add_provision(provisions, convention, f"Art. {int(m[1])}")
    for pattern in (MSA_SECTION, MSA_SECTION_AFTER):
        for m in pattern.finditer(text):
            _add_provision(provisions, MSA, f"s. {int(m[1])}")
    return identifiers, provisions


def _eyecite(text: str, identifiers: list[Identifier], provisions: list[Provision]) -> None:
    logging.getLogger("eyecite").setLevel(logging.ERROR)  # it logs "Unknown overlap case" for ordinary statute lists
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation, FullLawCitation

    for citation in get_citations(text):
        if isinstance(citation, FullCaseCitation):
            groups = citation.groups
            if groups.get("volume") and groups.get("page"):
                _add_identifier(identifiers, IdentifierType.REPORTER_CITATION, f"{groups['volume']} {groups['reporter']} {groups['page']}")
        elif isinstance(citation, FullLawCitation):
            groups = citation.groups
            if groups.get("reporter") == USC and groups.get("title") and groups.get("section"):
                section = _USC_SECTION.match(groups["section"])
                if section:
                    _add_provision(provisions, f"{groups['title']} {USC}", f"§ {section[0].upper()}")


_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mme|Mlle|Dr)\.?\s+(?:[A-Z]\.\s*)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


_NAME_WITH_INITIALS = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:[A-Z]\.){1,3}(?=[\s,;)]|$)")


def redact_names(text: str, stems: Sequence[str] = ()) -> str:
    """Replace personal names with ``[name]`` in a passage quoted as evidence.

    Catches names after an honorific (``Ms Rantseva`` → ``Ms [name]``), a name followed by
    initials (``Rantseva O.N.``) and any word starting with one of ``stems`` (the parties'
    surnames, which relatives of a victim often share). Quoted evidence must never carry
    a victim's name; what slips past these patterns is why passages stay short.

    Args:
        text: the passage.
        stems: surname stems to redact wherever a word starts with them (at least 4 letters each).
    """
    text = _HONORIFIC_NAME.sub(lambda m: f"{m[1]} [name]", text)
    text = _NAME_WITH_INITIALS.sub("[name]", text)
    for stem in stems:
        if len(stem) >= 4:
            text = re.sub(rf"\b{re.escape(stem)}\w*", "[name]", text, flags=re.IGNORECASE)
    return text


def section_number(section: str | None) -> str | None:
    """The bare number of a section or article (``"§ 1591(a)"`` → ``1591``, ``"Art. 4"`` → ``4``)."""
    if not section:
        return None
    m = re.search(r"\d+[A-Z]?", section)
    return m[0] if m else None
