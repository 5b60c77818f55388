"""The English fact summaries of SHERLOC case briefs: kept in :mod:`palermo.corpus.summaries`, where the scrapers
read them too (the rules that read facts from a summary); re-exported here for the digests."""

from palermo.corpus.summaries import (
    MANIFEST,
    OTHER_SUMMARIES,
    PREDICTIONS,
    SUMMARY_FILES,
    US_PAGE,
    US_URLS,
    FixturesMissing,
    Summary,
    case_key,
    fixtures_root,
    load_other_summaries,
    load_summaries,
    match_key,
)

__all__ = [
    "MANIFEST",
    "OTHER_SUMMARIES",
    "PREDICTIONS",
    "SUMMARY_FILES",
    "US_PAGE",
    "US_URLS",
    "FixturesMissing",
    "Summary",
    "case_key",
    "fixtures_root",
    "load_other_summaries",
    "load_summaries",
    "match_key",
]
