"""Controlled vocabularies of the case record.

Each vocabulary is a string enum whose members carry a human ``label`` and a
one-line ``definition``; the site shows both, and the JSON Schema lists the
values. Values are stable identifiers: never rename one without a migration.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Self


class Vocabulary(str, Enum):
    """A string enum whose members carry a label and a one-line definition."""

    label: str
    definition: str

    def __new__(cls, value: str, label: str = "", definition: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label or value.replace("_", " ").capitalize()
        obj.definition = definition
        return obj

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def describe(cls) -> list[dict[str, Any]]:
        """Return ``[{value, label, definition}]`` for every member, in order."""
        return [{"value": m.value, "label": m.label, "definition": m.definition} for m in cls]


class OffenceType(Vocabulary):
    """The faceted offence classification of a case (a case can carry several)."""

    SEX_TRAFFICKING = (
        "sex_trafficking",
        "Sex trafficking",
        "Trafficking for sexual exploitation, including the commercial sex trade of adults or children.",
    )
    LABOUR_TRAFFICKING = (
        "labour_trafficking",
        "Labour trafficking",
        "Trafficking for forced labour or services obtained by threat, coercion or deception.",
    )
    DOMESTIC_SERVITUDE = (
        "domestic_servitude",
        "Domestic servitude",
        "Forced labour inside a private household, typically a live-in domestic worker.",
    )
    SLAVERY_SERVITUDE = (
        "slavery_servitude",
        "Slavery and servitude",
        "Slavery and practices similar to slavery: servitude, peonage, debt bondage.",
    )
    CHILD_TRAFFICKING = (
        "child_trafficking",
        "Child trafficking",
        "Trafficking of a person under 18, where no means element needs to be proved.",
    )
    FORCED_CRIMINALITY = (
        "forced_criminality",
        "Forced criminality",
        "Exploitation of a person to commit crimes, such as drug cultivation or theft.",
    )
    FORCED_BEGGING = (
        "forced_begging",
        "Forced begging",
        "Exploitation of a person, often a child or disabled person, for begging.",
    )
    FORCED_MARRIAGE = (
        "forced_marriage",
        "Forced marriage",
        "Marriage without free and full consent used as a means or purpose of exploitation.",
    )
    ORGAN_REMOVAL = (
        "organ_removal",
        "Organ removal",
        "Trafficking for the purpose of removing organs, tissues or cells.",
    )
    ILLEGAL_ADOPTION = (
        "illegal_adoption",
        "Illegal adoption",
        "Trafficking of children through adoption obtained by improper means.",
    )
    USE_OF_VICTIM_SERVICES = (
        "use_of_victim_services",
        "Use of a victim's services",
        "Knowingly using the services of a person who is a victim of trafficking.",
    )
    MIGRANT_SMUGGLING = (
        "migrant_smuggling",
        "Migrant smuggling",
        "Procuring illegal entry for a benefit; a related offence, kept for contrast.",
    )


class PalermoAct(Vocabulary):
    """The 'act' element of Article 3(a) of the Palermo Protocol."""

    RECRUITMENT = ("recruitment", "Recruitment", "Enlisting or engaging a person, by any method.")
    TRANSPORTATION = ("transportation", "Transportation", "Moving a person, across or within borders.")
    TRANSFER = ("transfer", "Transfer", "Handing over or passing control of a person to another.")
    HARBOURING = ("harbouring", "Harbouring", "Accommodating or concealing a person.")
    RECEIPT = ("receipt", "Receipt", "Receiving a person, including taking over control of them.")


class PalermoMeans(Vocabulary):
    """The 'means' element of Article 3(a) of the Palermo Protocol."""

    THREAT = ("threat", "Threat", "Threat of force or of other harm to the person or others.")
    FORCE = ("force", "Use of force", "Physical violence or restraint.")
    COERCION = ("coercion", "Coercion", "Other forms of coercion, including psychological pressure.")
    ABDUCTION = ("abduction", "Abduction", "Taking a person away by force or fraud.")
    FRAUD = ("fraud", "Fraud", "Dishonest misrepresentation to obtain control of a person.")
    DECEPTION = ("deception", "Deception", "Misleading a person about the work, conditions or terms.")
    ABUSE_OF_POWER = ("abuse_of_power", "Abuse of power", "Misuse of authority held over the person.")
    ABUSE_OF_VULNERABILITY = (
        "abuse_of_vulnerability",
        "Abuse of a position of vulnerability",
        "Exploiting a situation in which the person has no real and acceptable alternative but to submit.",
    )
    PAYMENTS_OR_BENEFITS = (
        "payments_or_benefits",
        "Giving or receiving payments or benefits",
        "Payments or benefits to achieve the consent of a person having control over another.",
    )


class PalermoPurpose(Vocabulary):
    """The 'purpose' (exploitation) element, with the EU Directive 2011/36 additions."""

    SEXUAL_EXPLOITATION = (
        "sexual_exploitation",
        "Sexual exploitation",
        "Exploitation of the prostitution of others or other forms of sexual exploitation.",
    )
    FORCED_LABOUR = ("forced_labour", "Forced labour or services", "Work exacted under menace of penalty, not offered voluntarily.")
    SLAVERY = ("slavery", "Slavery or similar practices", "Exercise of powers attaching to ownership over a person.")
    SERVITUDE = ("servitude", "Servitude", "A particularly serious denial of freedom, with an obligation to live on another's property.")
    ORGAN_REMOVAL = ("organ_removal", "Removal of organs", "Removing organs, tissues or cells.")
    FORCED_BEGGING = ("forced_begging", "Forced begging", "Begging under compulsion (EU Directive 2011/36 Art. 2(3)).")
    CRIMINAL_ACTIVITIES = (
        "criminal_activities",
        "Exploitation of criminal activities",
        "Compelling a person to commit offences for gain (EU Directive 2011/36 Art. 2(3)).",
    )
    ILLEGAL_ADOPTION = ("illegal_adoption", "Illegal adoption", "Adoption obtained by improper means (EU Directive 2011/36 recital 11).")
    FORCED_MARRIAGE = ("forced_marriage", "Forced marriage", "Marriage imposed without free consent (EU Directive 2011/36 recital 11).")


class GeographicForm(Vocabulary):
    """Whether the trafficking stayed within one country or crossed a border (SHERLOC's "form")."""

    INTERNAL = ("internal", "Internal", "Victims were recruited and exploited within one country.")
    TRANSNATIONAL = ("transnational", "Transnational", "Victims were moved across at least one international border.")
    BOTH = ("both", "Internal and transnational", "The case involves both trafficking within a country and across borders.")


class LegalIssue(Vocabulary):
    """Recurring questions of law that trafficking judgments decide."""

    CONSENT_IRRELEVANCE = (
        "consent_irrelevance",
        "Irrelevance of consent",
        "Whether the victim's consent matters once a means element is proved (Protocol Art. 3(b)).",
    )
    ABUSE_OF_VULNERABILITY = (
        "abuse_of_vulnerability",
        "Abuse of vulnerability",
        "What counts as abusing a position of vulnerability.",
    )
    MEANS_ELEMENT = ("means_element", "The means element", "Proof and scope of threat, coercion, deception and the other means.")
    NON_PUNISHMENT = (
        "non_punishment",
        "Non-punishment of victims",
        "Not prosecuting or punishing victims for offences they were compelled to commit.",
    )
    VICTIM_IDENTIFICATION = (
        "victim_identification",
        "Victim identification",
        "How and by whom victims are identified, and the weight of that decision.",
    )
    POSITIVE_OBLIGATIONS = (
        "positive_obligations",
        "Positive obligations of the state",
        "State duties to legislate, protect victims and investigate effectively.",
    )
    VICTIM_TESTIMONY = ("victim_testimony", "Victim testimony", "Credibility, corroboration and protection of victim witnesses.")
    COMPENSATION_RESTITUTION = (
        "compensation_restitution",
        "Compensation and restitution",
        "Damages, restitution orders and other remedies for victims.",
    )
    JURISDICTION_EXTRATERRITORIAL = (
        "jurisdiction_extraterritorial",
        "Jurisdiction and extraterritoriality",
        "Reach of courts and statutes over conduct abroad or across borders.",
    )
    CORPORATE_LIABILITY = (
        "corporate_liability",
        "Corporate liability",
        "Liability of companies and of those who benefit from exploitation.",
    )
    TECHNOLOGY_FACILITATED = (
        "technology_facilitated",
        "Technology-facilitated trafficking",
        "Recruitment, advertising or control through online platforms and devices.",
    )
    ORGANISED_CRIME = ("organised_crime", "Organised crime", "Trafficking by organised criminal groups and conspiracies.")
    CORRUPTION = ("corruption", "Corruption", "Involvement or complicity of public officials.")
    SENTENCING = ("sentencing", "Sentencing", "Penalties, aggravating and mitigating factors.")
    CHILD_VICTIMS = ("child_victims", "Child victims", "Special rules and protections for victims under 18.")
    IMMIGRATION_ASYLUM = (
        "immigration_asylum",
        "Immigration and asylum",
        "Residence, removal and asylum claims of trafficking victims.",
    )


class IloIndicator(Vocabulary):
    """The ILO's eleven indicators of forced labour."""

    ABUSE_OF_VULNERABILITY = (
        "abuse_of_vulnerability",
        "Abuse of vulnerability",
        "Exploiting a worker's lack of language, papers or alternatives.",
    )
    DECEPTION = ("deception", "Deception", "False promises about the work, pay or conditions.")
    RESTRICTION_OF_MOVEMENT = (
        "restriction_of_movement",
        "Restriction of movement",
        "Confinement, locking in or close watching of the worker.",
    )
    ISOLATION = ("isolation", "Isolation", "Cutting the worker off from family, community or help.")
    PHYSICAL_SEXUAL_VIOLENCE = ("physical_sexual_violence", "Physical and sexual violence", "Violence used to control the worker.")
    INTIMIDATION_THREATS = (
        "intimidation_threats",
        "Intimidation and threats",
        "Threats against the worker or family, including denunciation.",
    )
    RETENTION_OF_IDENTITY_DOCUMENTS = (
        "retention_of_identity_documents",
        "Retention of identity documents",
        "Keeping the worker's passport or papers.",
    )
    WITHHOLDING_OF_WAGES = ("withholding_of_wages", "Withholding of wages", "Non-payment or deferred payment of wages.")
    DEBT_BONDAGE = ("debt_bondage", "Debt bondage", "A debt used to bind the worker to the employer.")
    ABUSIVE_CONDITIONS = ("abusive_conditions", "Abusive working and living conditions", "Degrading, hazardous or unlawful conditions.")
    EXCESSIVE_OVERTIME = ("excessive_overtime", "Excessive overtime", "Hours well beyond legal limits, without choice.")


class Outcome(Vocabulary):
    """How the decision came out."""

    CONVICTION = ("conviction", "Conviction", "At least one defendant convicted on the trafficking-related charges.")
    PARTIAL_CONVICTION = (
        "partial_conviction",
        "Partial conviction",
        "Convicted on some charges or of a lesser offence, acquitted on others.",
    )
    ACQUITTAL = ("acquittal", "Acquittal", "All defendants acquitted of the trafficking-related charges.")
    VIOLATION = ("violation", "Violation", "A human-rights court found a violation by the state.")
    NO_VIOLATION = ("no_violation", "No violation", "A human-rights court found no violation.")
    DISMISSED = ("dismissed", "Dismissed", "Appeal, claim or application dismissed or held inadmissible.")
    REMANDED = ("remanded", "Remanded", "Sent back to a lower court or decision-maker.")
    CIVIL_LIABILITY = ("civil_liability", "Civil liability", "A defendant held liable in a civil or employment claim.")
    SETTLED = ("settled", "Settled", "The parties settled.")
    OTHER = ("other", "Other", "Another outcome, explained in the summary.")


class CourtLevel(Vocabulary):
    """Where the court sits in its hierarchy."""

    INTERNATIONAL = ("international", "International", "An international or regional court or body.")
    APEX = ("apex", "Apex court", "A supreme or constitutional court.")
    APPELLATE = ("appellate", "Appellate court", "An intermediate court of appeal.")
    FIRST_INSTANCE = ("first_instance", "First instance", "A trial court or tribunal of first instance.")


class EditorialStatus(Vocabulary):
    """How far a person has checked the record."""

    INDEX_ONLY = ("index_only", "Index only", "Only listed from a source index: title, place and year; not read.")
    EXTRACTED = ("extracted", "Machine-extracted", "Fields extracted by a scraper from a source document; not checked by a person.")
    DIGESTED = (
        "digested",
        "Digest",
        "A digest written from a case brief (not the judgment) and checked against it by a second reader; not reviewed by a legal editor.",
    )
    CURATED = ("curated", "Curated", "Written by an editor from the sources; not yet independently reviewed.")
    REVIEWED = ("reviewed", "Reviewed", "Checked against the judgment by a second, legally trained editor.")


class IdentifierType(Vocabulary):
    """Kinds of identifier a case can carry."""

    ECLI = ("ecli", "ECLI", "European Case Law Identifier.")
    NEUTRAL_CITATION = ("neutral_citation", "Neutral citation", "Court-assigned citation such as [2020] EWCA Civ 130.")
    APPLICATION_NUMBER = ("application_number", "Application no.", "ECtHR application number such as 25965/04.")
    DOCKET_NUMBER = ("docket_number", "Docket no.", "Court docket or case number.")
    REPORTER_CITATION = ("reporter_citation", "Reporter citation", "Citation to a law report, such as 487 U.S. 931.")
    UNODC_NUMBER = ("unodc_number", "UNODC no.", "Identifier in the UNODC SHERLOC database, such as USA001.")
    COURTLISTENER_CLUSTER = ("courtlistener_cluster", "CourtListener cluster", "CourtListener opinion-cluster id.")
    HUDOC_ITEMID = ("hudoc_itemid", "HUDOC item id", "HUDOC document id such as 001-96549.")


class Relation(Vocabulary):
    """How a related case relates to this one."""

    APPEAL_OF = ("appeal_of", "Appeal of", "This decision is an appeal from the related one.")
    APPEALED_IN = ("appealed_in", "Appealed in", "The related decision is an appeal from this one.")
    CITES = ("cites", "Cites", "This decision cites the related one.")
    CITED_BY = ("cited_by", "Cited by", "The related decision cites this one.")
    SAME_FACTS = ("same_facts", "Same facts", "Another proceeding on the same facts.")


class Sector(Vocabulary):
    """The sector of the economy in which the victims were exploited."""

    AGRICULTURE = ("agriculture", "Agriculture", "Farms, plantations, orchards and livestock, including harvest work.")
    CONSTRUCTION = ("construction", "Construction", "Building sites and construction work.")
    DOMESTIC_WORK = (
        "domestic_work",
        "Domestic work",
        "Work in a private household: cleaning, cooking, caring for children or the elderly.",
    )
    FISHING = ("fishing", "Fishing", "Fishing vessels and fish processing at sea or on shore.")
    HOSPITALITY = ("hospitality", "Hospitality", "Restaurants, hotels, bars and similar businesses open to the public.")
    MANUFACTURING = ("manufacturing", "Manufacturing", "Factories and workshops, such as garment or textile production.")
    MINING = ("mining", "Mining", "Mines and quarries.")
    SEX_INDUSTRY = ("sex_industry", "Sex industry", "Prostitution, brothels, escort services, strip clubs and commercial sex.")
    STREET_BEGGING = ("street_begging", "Street begging", "Begging in public places for the benefit of others.")
    ONLINE = ("online", "Online", "Exploitation carried out through the internet, such as webcam sex or online fraud.")
    OTHER = ("other", "Other", "Another sector, described in the summary.")


VOCABULARIES: dict[str, type[Vocabulary]] = {
    "offence_types": OffenceType,
    "acts": PalermoAct,
    "means": PalermoMeans,
    "purposes": PalermoPurpose,
    "form": GeographicForm,
    "sector": Sector,
    "legal_issues": LegalIssue,
    "ilo_indicators": IloIndicator,
    "outcome": Outcome,
    "court_level": CourtLevel,
    "editorial_status": EditorialStatus,
    "identifier_type": IdentifierType,
    "relation": Relation,
}
"""Every controlled vocabulary by the record field (or sub-field) that uses it."""
