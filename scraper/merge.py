"""Merging a freshly scraped record into the record already in the corpus.

Rules:
- ``sources``, ``identifiers``, ``related``, ``protected_names`` and ``aliases`` are unions; a source
  document seen again with the same sha256 keeps its first retrieval date, so a re-run over
  unchanged documents changes nothing.
- Machine fields are refreshed from the incoming record when it has a value; an empty
  incoming value never erases what is there (an index entry does not wipe an extraction).
- Editorial fields (:data:`palermo.model.schema.EDITORIAL_FIELDS` and the record's own
  ``editorial_fields``) are never overwritten once set; a field an editor corrected
  (``corrections``) is never refilled, even when the correction left it empty. A ``curated`` or ``reviewed`` record
  belongs to its editor: a scrape adds sources and identifiers to it and changes nothing else.
- An ``index_only`` record (a bare listing entry) only fills fields that are empty, with two exceptions:
  a title the source states replaces a title rebuilt from a URL slug (marked by evidence with rule
  :data:`TITLE_FROM_SLUG`) in another ``index_only`` record; and a source's own coding (evidence
  with a rule in :data:`SOURCE_CODING`, e.g. SHERLOC's act/means/purpose coding) replaces what a
  machine set.
- A field read by rule from a fact summary (evidence rules ``facts-…``, :mod:`scraper.facts`) is the weakest
  reading: a new reading by the same rules replaces it, even from an ``index_only`` record, so improved rules
  reach the corpus; any other value (an editor's, a digest's reading, a source's coding) is never replaced by it.
- A field a source coded itself is never replaced by a machine's reading (rules over a text). When two of
  the source's pages describe one case (SHERLOC lists some decisions twice), their codings are joined.
- ``editorial_status``: curated and reviewed stay; otherwise the further machine stage wins
  (``index_only`` < ``extracted``).
- Classification evidence follows the tags: it is taken from whichever record the tag field came from.
- ``updated_at`` moves to today only when something else changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from palermo.corpus.attribution import SOURCE_CODINGS, rule_read_fields
from palermo.model.schema import EDITORIAL_FIELDS, CaseRecord
from palermo.model.vocab import EditorialStatus, IdentifierType

_PERSON_STATUSES = frozenset({EditorialStatus.CURATED, EditorialStatus.REVIEWED})
_STAGE = {
    EditorialStatus.INDEX_ONLY: 0,
    EditorialStatus.EXTRACTED: 1,
    EditorialStatus.DIGESTED: 2,
    EditorialStatus.CURATED: 3,
    EditorialStatus.REVIEWED: 4,
}
_IDENTITY = frozenset({"id", "jurisdiction"})
"""Fields that place the record (its file); the existing record's values stay."""
_SPECIAL = frozenset(
    {
        "sources",
        "identifiers",
        "related",
        "protected_names",
        "aliases",
        "editorial_status",
        "editorial_fields",
        "classification_evidence",
        "updated_at",
        "year",
    }
)
_UNIQUE_ACROSS_CASES = (
    IdentifierType.ECLI,
    IdentifierType.NEUTRAL_CITATION,
    IdentifierType.UNODC_NUMBER,
    IdentifierType.HUDOC_ITEMID,
    IdentifierType.COURTLISTENER_CLUSTER,
    IdentifierType.DOCKET_NUMBER,
)
"""Identifier types where two different values of the same type mean two different cases."""


TITLE_FROM_SLUG = "title-from-url-slug"
"""Evidence rule marking a title a scraper rebuilt from a URL slug: the weakest title, replaced by any the source states."""

SOURCE_CODING = frozenset(SOURCE_CODINGS)
"""Evidence rules of coding a source published itself (not read by our rules): it replaces machine tags, never an editor's."""


def _top(evidence: dict[str, Any]) -> str:
    return str(evidence["field"]).split(".", 1)[0]


def source_coded(evidence: list[dict[str, Any]]) -> set[str]:
    """Record fields whose values the source coded itself (evidence rule in :data:`SOURCE_CODING`)."""
    return {_top(e) for e in evidence if e.get("rule") in SOURCE_CODING}


def title_from_slug(evidence: list[dict[str, Any]]) -> bool:
    """True when the record's title was rebuilt from a URL slug (evidence rule :data:`TITLE_FROM_SLUG`)."""
    return any(e.get("field") == "title" and e.get("rule") == TITLE_FROM_SLUG for e in evidence)


def _combined(old: Any, new: Any) -> Any:
    """Two codings of one case by the same source taken together: lists (and mappings of lists) joined, a single value kept."""
    if isinstance(old, list) and isinstance(new, list):
        return _union(old, new)
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: _combined(old.get(k), new.get(k)) if k in old and k in new else old.get(k, new.get(k)) for k in old.keys() | new.keys()}
    return new if is_empty(old) else old


def is_empty(value: Any) -> bool:
    """True for None, empty strings, empty containers and mappings whose values are all empty."""
    if value is None:
        return True
    if isinstance(value, str | list | tuple | set):
        return len(value) == 0
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    return False


def conflicting(a: CaseRecord, b: CaseRecord) -> bool:
    """True when two records carry different identifiers of a type that one case has only one of.

    Used before merging on a shared id: ``United States v. Smith`` (2010) in two districts
    makes the same slug but two cases.
    """
    for kind in _UNIQUE_ACROSS_CASES:
        left = {i.value.casefold() for i in a.identifiers if i.type is kind}
        right = {i.value.casefold() for i in b.identifiers if i.type is kind}
        if left and right and not left & right:
            return True
    return False


def _union(items: list[Any], more: list[Any], key: Any = None) -> list[Any]:
    seen = [key(i) if key else i for i in items]
    out = list(items)
    for item in more:
        k = key(item) if key else item
        if k not in seen:
            seen.append(k)
            out.append(item)
    return out


def _merge_sources(
    old: list[dict[str, Any]], new: list[dict[str, Any]], *, fill: bool = True, url_key: Callable[[str], str | None] | None = None
) -> list[dict[str, Any]]:
    def same(a: str, b: str) -> bool:
        if a == b:
            return True
        key = url_key(a) if url_key else None
        return key is not None and url_key is not None and key == url_key(b)

    out = [dict(s) for s in old]
    for source in new:
        match = next((i for i, s in enumerate(out) if same(s["url"], source["url"])), None)
        if match is None:
            out.append(dict(source))
        elif out[match].get("sha256") and source.get("sha256") and out[match]["sha256"] != source["sha256"]:
            out[match] = dict(source)  # the document changed: cite the version the facts now come from
        elif fill:
            # same document: keep its first retrieval date, fill what was missing
            kept = out[match]
            out[match] = {k: kept.get(k) if kept.get(k) is not None else source.get(k) for k in kept.keys() | source.keys()}
    return out


def protected_fields(record: CaseRecord) -> set[str]:
    """Fields a scrape must not overwrite in ``record`` once they hold a value."""
    fields = set(EDITORIAL_FIELDS) | set(record.editorial_fields)
    if record.editorial_status in _PERSON_STATUSES:
        fields |= set(CaseRecord.model_fields) - _SPECIAL
    return fields


def _year_protected(record: CaseRecord) -> bool:
    return record.editorial_status in _PERSON_STATUSES or "year" in record.editorial_fields or "decision_date" in record.editorial_fields


def merge_records(
    existing: CaseRecord,
    incoming: CaseRecord,
    today: datetime.date | None = None,
    url_key: Callable[[str], str | None] | None = None,
    fold_in: bool = False,
) -> CaseRecord:
    """Merge a scraped record into an existing one (rules in the module docstring).

    Args:
        existing: the record in the corpus (wins its id, jurisdiction and editorial fields).
        incoming: the record a source just produced.
        today: the date written to ``updated_at`` when something changed (default: today).
        url_key: the source's case-URL key; two spellings of one case page are one source entry.
        fold_in: ``incoming`` is another record of the corpus being merged away: its id (and its aliases)
            become aliases of ``existing``.

    Returns:
        The merged record; equal to ``existing`` when the scrape brought nothing new.
    """
    old = existing.model_dump(mode="json")
    new = incoming.model_dump(mode="json")
    protected = protected_fields(existing)
    corrected = {c.field for c in existing.corrections}
    fill_only = incoming.editorial_status is EditorialStatus.INDEX_ONLY
    confirmed_title = False
    # set when the source states the title (the same words or others): it is then no longer one rebuilt from a slug
    coded_old = source_coded(old["classification_evidence"])
    coded_new = source_coded(new["classification_evidence"])
    if fill_only:  # a bare index entry is the weakest evidence: it fills gaps, never replaces
        editors = set(protected)
        protected |= set(CaseRecord.model_fields) - _SPECIAL - coded_new
        # ... except a fact its rules read again where only such a reading was before
        protected -= (rule_read_fields(old["classification_evidence"]) & rule_read_fields(new["classification_evidence"])) - editors
        stated = not title_from_slug(new["classification_evidence"])
        weak_title = existing.editorial_status is EditorialStatus.INDEX_ONLY and "title" not in existing.editorial_fields
        if stated and weak_title and title_from_slug(old["classification_evidence"]):
            protected.discard("title")  # a title the source states beats one rebuilt from a URL slug
            confirmed_title = True
    protected |= coded_old - coded_new  # the source's own coding is not replaced by a machine's reading
    # a person's record is theirs: a scrape adds sources and identifiers to it, nothing else
    # (an entry may even describe another decision in the same case)
    frozen = existing.editorial_status in _PERSON_STATUSES
    merged: dict[str, Any] = dict(old)
    taken_from_incoming: set[str] = set()
    combined_fields: set[str] = set()
    for name in CaseRecord.model_fields:
        if name in _SPECIAL or name in _IDENTITY:
            continue
        if is_empty(new.get(name)) or frozen:
            continue
        if name in protected and (not is_empty(old.get(name)) or name in corrected):
            continue  # a corrected field stays as the editor left it, even when the correction emptied it
        if name in coded_old and name in coded_new:
            # two of the source's pages about one case, each coded: what it says of either holds for the case
            combined = _combined(old.get(name), new[name])
            if combined != old.get(name):
                merged[name] = combined
                taken_from_incoming.add(name)
                combined_fields.add(name)
            continue
        if new.get(name) != old.get(name):
            merged[name] = new[name]
            taken_from_incoming.add(name)
    # year follows the decision date; without a date, a known year is kept unless the field is refreshable
    date = merged.get("decision_date")
    if (
        date
        and (fill_only or _year_protected(existing))
        and old.get("year") is not None
        and datetime.date.fromisoformat(str(date)).year != old["year"]
    ):
        merged["decision_date"] = old.get("decision_date")  # a person's year wins over a machine's date
        taken_from_incoming.discard("decision_date")
    if frozen:
        pass
    elif merged.get("decision_date"):
        merged["year"] = datetime.date.fromisoformat(str(merged["decision_date"])).year
    elif new.get("year") is not None and (old.get("year") is None or not (fill_only or _year_protected(existing))):
        merged["year"] = new["year"]
    # a person's source entries are left exactly as written; new documents are still added
    merged["sources"] = _merge_sources(
        old["sources"], new["sources"], fill=existing.editorial_status not in _PERSON_STATUSES, url_key=url_key
    )
    merged["identifiers"] = _union(old["identifiers"], new["identifiers"], key=lambda i: (i["type"], i["value"].casefold()))
    merged["related"] = _union(old["related"], new["related"], key=lambda r: (r["case_id"], r["relation"]))
    merged["protected_names"] = _union(old["protected_names"], new["protected_names"])
    merged["aliases"] = [a for a in _union(old["aliases"], [new["id"], *new["aliases"]]) if a != old["id"]] if fold_in else old["aliases"]
    status = existing.editorial_status
    if status not in _PERSON_STATUSES and _STAGE[incoming.editorial_status] > _STAGE[status]:
        status = incoming.editorial_status
    merged["editorial_status"] = status.value
    top = _top
    fields = CaseRecord.model_fields
    kept = [
        e
        for e in old["classification_evidence"]
        if (top(e) not in taken_from_incoming or top(e) in combined_fields) and not (confirmed_title and e["field"] == "title")
    ]
    merged["classification_evidence"] = (
        old["classification_evidence"]
        if frozen
        else kept
        + [
            e
            for e in new["classification_evidence"]
            if (top(e) in taken_from_incoming or top(e) not in fields) and e not in kept  # 'relevance' notes are not tags: union
        ]
    )
    merged["updated_at"] = old.get("updated_at")
    if merged == old:
        return existing
    merged["updated_at"] = (today or datetime.date.today()).isoformat()
    return CaseRecord.model_validate(merged)
