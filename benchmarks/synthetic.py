"""Synthetic case records of realistic size for the search benchmarks (never committed as data, never shown on the site).

Summary about 300 words, two to four holdings of about 30 words, provisions,
facets drawn from the real vocabularies, and a full text of about 5,000 words
for one record in five. Words follow a Zipf distribution over a vocabulary of
real legal words plus generated ones, so term statistics look like prose.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from palermo.model.schema import CaseRecord
from palermo.model.vocab import CourtLevel, IloIndicator, LegalIssue, OffenceType, Outcome

LEGAL_WORDS = [
    "trafficking",
    "labour",
    "labor",
    "forced",
    "servitude",
    "slavery",
    "exploitation",
    "victim",
    "victims",
    "defendant",
    "defendants",
    "court",
    "appeal",
    "conviction",
    "sentence",
    "coercion",
    "psychological",
    "physical",
    "threat",
    "threats",
    "deception",
    "fraud",
    "passport",
    "passports",
    "documents",
    "wages",
    "debt",
    "bondage",
    "recruitment",
    "harbouring",
    "transport",
    "transfer",
    "receipt",
    "consent",
    "vulnerability",
    "abuse",
    "power",
    "employer",
    "employee",
    "domestic",
    "worker",
    "workers",
    "household",
    "agricultural",
    "farm",
    "factory",
    "construction",
    "restaurant",
    "brothel",
    "prostitution",
    "commercial",
    "sex",
    "minor",
    "minors",
    "child",
    "children",
    "girl",
    "woman",
    "women",
    "man",
    "men",
    "migrant",
    "migrants",
    "smuggling",
    "border",
    "visa",
    "immigration",
    "asylum",
    "residence",
    "permit",
    "removal",
    "deportation",
    "police",
    "investigation",
    "prosecution",
    "prosecutor",
    "judge",
    "jury",
    "evidence",
    "testimony",
    "witness",
    "credibility",
    "corroboration",
    "trauma",
    "interview",
    "identification",
    "referral",
    "mechanism",
    "protection",
    "shelter",
    "compensation",
    "restitution",
    "damages",
    "remedy",
    "article",
    "convention",
    "protocol",
    "directive",
    "statute",
    "section",
    "positive",
    "obligations",
    "state",
    "authorities",
    "failure",
    "duty",
    "effective",
    "framework",
    "legislative",
    "administrative",
    "operational",
    "measures",
    "risk",
    "real",
    "immediate",
    "knowledge",
    "ought",
    "known",
    "circumstances",
    "credible",
    "suspicion",
    "non",
    "punishment",
    "criminal",
    "offence",
    "offences",
    "offense",
    "conduct",
    "compelled",
    "defence",
    "defense",
    "liability",
    "corporate",
    "company",
    "contractor",
    "supply",
    "chain",
    "organised",
    "organized",
    "crime",
    "group",
    "conspiracy",
    "corruption",
    "official",
    "officials",
    "bribe",
    "online",
    "platform",
    "advertisement",
    "phone",
    "messages",
    "sentencing",
    "aggravating",
    "mitigating",
    "custody",
    "imprisonment",
    "years",
    "months",
    "fine",
    "order",
    "confiscation",
    "proceeds",
    "assets",
    "money",
    "payment",
    "payments",
]

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "tes",
    "an",
    "dor",
    "vel",
    "mar",
    "sin",
    "tol",
    "pek",
    "ru",
    "bis",
    "ont",
    "gal",
    "fer",
    "nov",
    "ul",
    "zar",
    "ech",
    "im",
    "ost",
    "lun",
    "dra",
    "kel",
    "vor",
    "sa",
    "ti",
    "ne",
]
JURISDICTIONS = [
    "USA",
    "GBR",
    "AUS",
    "CAN",
    "IND",
    "PHL",
    "NGA",
    "ZAF",
    "DEU",
    "FRA",
    "ITA",
    "ESP",
    "NLD",
    "BEL",
    "GRC",
    "CYP",
    "POL",
    "ROU",
    "BGR",
    "NZL",
    "KEN",
    "UGA",
    "BRA",
    "ARG",
    "MEX",
    "THA",
    "IDN",
    "MYS",
]
JURISDICTIONS += ["ECHR", "IACHR", "ECOWAS"]


def _vocabulary(size: int, rng: random.Random) -> list[str]:
    words = list(dict.fromkeys(LEGAL_WORDS))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class TextMaker:
    """Draws Zipf-distributed words from a fixed vocabulary."""

    def __init__(self, rng: random.Random, vocabulary: int = 12000) -> None:
        self.rng = rng
        self.words = _vocabulary(vocabulary, rng)
        self.cum = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))))

    def words_(self, n: int) -> list[str]:
        """``n`` words."""
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)

    def sentence(self, n: int) -> str:
        """A sentence of about ``n`` words."""
        words = self.words_(n)
        return " ".join(words).capitalize() + "."

    def text(self, n: int) -> str:
        """About ``n`` words in sentences of 12 to 30 words."""
        parts, total = [], 0
        while total < n:
            k = self.rng.randint(12, 30)
            parts.append(self.sentence(k))
            total += k
        return " ".join(parts)


def _name(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()


def synthetic_record(i: int, maker: TextMaker) -> dict[str, object]:
    """The raw data of synthetic record number ``i``."""
    rng = maker.rng
    jurisdiction = rng.choice(JURISDICTIONS)
    date = dt.date(1985, 1, 1) + dt.timedelta(days=rng.randint(0, 14000))
    party = _name(rng)
    title = rng.choice(
        [f"United States v. {party}", f"R v {party}", f"{party} v. {rng.choice(['France', 'Greece', 'Cyprus'])}", f"State v {party}"]
    )
    offences = rng.sample(list(OffenceType), k=rng.choice([1, 1, 1, 2, 2, 3]))
    data: dict[str, object] = {
        "id": f"syn-{date.year}-{party.lower()}-{i}",
        "title": f"{title} ({i})",
        "jurisdiction": jurisdiction,
        "court": {"id": f"court-{jurisdiction.lower()}", "name": f"Synthetic court of {jurisdiction}"},
        "court_level": rng.choice(list(CourtLevel)).value,
        "decision_date": date.isoformat(),
        "offence_types": [o.value for o in offences],
        "legal_issues": [x.value for x in rng.sample(list(LegalIssue), k=rng.randint(0, 4))],
        "ilo_indicators": [x.value for x in rng.sample(list(IloIndicator), k=rng.randint(0, 4))],
        "provisions": [
            {
                "instrument": rng.choice(["18 U.S.C.", "ECHR", "Modern Slavery Act 2015", "Criminal Code"]),
                "section": f"§ {rng.randint(1, 2000)}",
            }
        ],
        "outcome": rng.choice(list(Outcome)).value,
        "summary": maker.text(300),
        "holdings": [maker.text(30) for _ in range(rng.randint(2, 4))],
        "sources": [{"name": "Synthetic benchmark record (not a real case)", "url": f"https://example.org/synthetic/{i}"}],
        "editorial_status": "extracted",
    }
    if i % 5 == 0:
        data["full_text"] = maker.text(5000)
    return data


def synthetic_records(n: int, seed: int = 4) -> list[CaseRecord]:
    """``n`` validated synthetic records (deterministic for a seed)."""
    maker = TextMaker(random.Random(seed))
    return [CaseRecord.model_validate(synthetic_record(i, maker)) for i in range(n)]
