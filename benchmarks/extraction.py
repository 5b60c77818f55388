"""Precision and recall of the facts read by rule from SHERLOC fact summaries (``scraper.facts``).

Run by hand (never in the test suite)::

    .venv/bin/python benchmarks/extraction.py                     # both halves of the gold sample
    .venv/bin/python benchmarks/extraction.py --half tuning       # the half rules may be tuned on
    .venv/bin/python benchmarks/extraction.py --build-gold        # (re)draw the sample: only once

The gold sample (``benchmarks/data/extraction_gold.yaml``) holds checked VALUES only, never the summaries: for
each sampled case, the facts its digest's writer read in the summary and a second reader checked
(``digests/sherloc/``), stratified over regions (:func:`palermo.model.jurisdictions.region_of`), with values
re-checked against the summary where rule and reading disagreed (``adjudicated``). Half the cases are
``tuning`` (the rules may be adjusted on them), half ``held_out`` (never looked at while tuning).

Scores, per field: a value the rules read is right when the gold holds the same value; it is wrong when the gold
holds another value or none (a reading of a field the readers left empty counts against the rules unless a check
against the summary found it stated: ``adjudicated``). Recall is over the gold values. List fields (offence types,
nationalities, ILO indicators, provisions) are scored per value, sentences per custodial term in months.

A second table compares with the data set author's own human coding of 100 cases (child victim, multiplicity of
victims) where those cases carry a summary. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from palermo.corpus.summaries import case_key, fixtures_root, load_summaries, match_key  # noqa: E402
from palermo.digests.load import digest_files, load_file  # noqa: E402
from palermo.model.jurisdictions import INTERNATIONAL_BODIES, region_of  # noqa: E402
from scraper.facts import read_facts  # noqa: E402

GOLD = ROOT / "benchmarks" / "data" / "extraction_gold.yaml"
HUMAN = "sherloc-analysis/data/annotations/human_grounded_reference_v1.csv"
SAMPLE_SIZE = 200
MIN_PER_REGION = 20
SEED = 20261130
FIELDS = (
    "offence_types",
    "sector",
    "outcome",
    "victims.count",
    "victims.female",
    "victims.male",
    "victims.minors",
    "victims.nationalities",
    "defendants.count",
    "sentences",
    "ilo_indicators",
    "provisions",
)
NO_RECALL = frozenset({"ilo_indicators", "provisions"})
"""Fields the digests' readers did not record: their gold values are the rules' readings checked against the summary,
so precision is measured and recall is not."""
LIST_FIELDS = frozenset({"offence_types", "victims.nationalities", "sentences", "ilo_indicators", "provisions"})
TARGETS = {
    "victims.count": 0.95,
    "victims.female": 0.95,
    "victims.male": 0.95,
    "victims.minors": 0.95,
    "defendants.count": 0.95,
    "outcome": 0.95,
    "sentences": 0.95,
    "offence_types": 0.9,
    "sector": 0.9,
    "ilo_indicators": 0.9,
}
CHECKED = "digest writer's reading, confirmed by a second reader against the summary"


def jurisdiction_of(key: str) -> str:
    """The jurisdiction code of a digest key (``_irb`` keys name an international body in their slug)."""
    head = key.split("/", 1)[0].upper()
    if head == "_IRB":
        return "ECHR" if "_v._" in key or "_v_" in key else next(iter(INTERNATIONAL_BODIES))
    return head


def region_of_key(key: str) -> str:
    """The region a case of this key is counted in."""
    return region_of(jurisdiction_of(key))


def facts_values(facts: Any) -> dict[str, Any]:
    """The gold values of a digest's facts, by field path."""
    out: dict[str, Any] = {}
    if facts.offence_types:
        out["offence_types"] = sorted(o.value for o in facts.offence_types)
    if facts.sector is not None:
        out["sector"] = facts.sector.value
    if facts.outcome is not None:
        out["outcome"] = facts.outcome.value
    if facts.victims is not None:
        for name in ("count", "female", "male", "minors"):
            if getattr(facts.victims, name) is not None:
                out[f"victims.{name}"] = getattr(facts.victims, name)
        if facts.victims.nationalities:
            out["victims.nationalities"] = sorted(facts.victims.nationalities)
    if facts.defendants is not None and facts.defendants.count is not None:
        out["defendants.count"] = facts.defendants.count
    terms = sorted(s.custody_months for s in facts.sentences if s.custody_months is not None)
    if terms:
        out["sentences"] = terms
    return out


def rule_values(text: str, jurisdiction: str) -> dict[str, Any]:
    """What the rules read in a summary, by the gold file's field paths."""
    values = read_facts(text, jurisdiction).values
    out: dict[str, Any] = {}
    if "offence_types" in values:
        out["offence_types"] = sorted(o.value for o in values["offence_types"])
    for name in ("sector", "outcome"):
        if name in values:
            out[name] = values[name].value
    for name, value in (values.get("victims") or {}).items():
        out[f"victims.{name}"] = sorted(value) if isinstance(value, list) else value
    if (values.get("defendants") or {}).get("count") is not None:
        out["defendants.count"] = values["defendants"]["count"]
    if values.get("sentences"):
        out["sentences"] = sorted(s["custody_months"] for s in values["sentences"])
    if values.get("ilo_indicators"):
        out["ilo_indicators"] = sorted(i.value for i in values["ilo_indicators"])
    if values.get("provisions"):
        out["provisions"] = sorted(p.cite for p in values["provisions"])
    return out


def build_gold(summaries: dict[str, Any]) -> dict[str, Any]:
    """Draw the stratified sample from the second-read digests whose summary is saved."""
    by_region: dict[str, list[Any]] = defaultdict(list)
    for path in digest_files(ROOT):
        for entry in load_file(path)[0]:
            if entry.second_reading == "pending" or match_key(entry.key) not in summaries:
                continue
            by_region[region_of_key(entry.key)].append(entry)
    rng = random.Random(SEED)
    total = sum(len(v) for v in by_region.values())
    cases = []
    for region in sorted(by_region):
        entries = sorted(by_region[region], key=lambda e: e.key)
        want = min(len(entries), max(MIN_PER_REGION, round(SAMPLE_SIZE * len(entries) / total)))
        for i, entry in enumerate(sorted(rng.sample(entries, want), key=lambda e: e.key)):
            status = entry.second_reading.status if not isinstance(entry.second_reading, str) else "pending"
            cases.append(
                {
                    "key": entry.key,
                    "region": region,
                    "half": "tuning" if i % 2 == 0 else "held_out",
                    "values": facts_values(entry.facts),
                    "checked": f"{CHECKED} ({status})",
                }
            )
    return {"seed": SEED, "drawn": datetime.date.today().isoformat(), "cases": cases}


def outside(gold: dict[str, Any], summaries: dict[str, Any]) -> list[dict[str, Any]]:
    """The second-read digests outside the sample, as cases (their readings unchecked here): what rules are tuned on."""
    sampled = {c["key"] for c in gold["cases"]}
    cases = []
    for path in digest_files(ROOT):
        for entry in load_file(path)[0]:
            if entry.key in sampled or entry.second_reading == "pending" or match_key(entry.key) not in summaries:
                continue
            cases.append({"key": entry.key, "region": region_of_key(entry.key), "half": "outside", "values": facts_values(entry.facts)})
    return cases


def gold_values(case: dict[str, Any]) -> dict[str, Any]:
    """A case's gold values with the adjudications applied (a value checked against the summary wins)."""
    values = dict(case.get("values") or {})
    for field, value in (case.get("adjudicated") or {}).items():
        if value is None:
            values.pop(field, None)
        else:
            values[field] = value
    return values


def _items(field: str, value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if field in LIST_FIELDS else [value]


def readings(cases: list[dict[str, Any]], summaries: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """Each sampled case whose summary is in the saved data, with its gold values and the values the rules read."""
    for case in cases:
        summary = summaries.get(match_key(case["key"]))
        if summary is not None:
            yield case, gold_values(case), rule_values(summary.text, jurisdiction_of(case["key"]))


def score(cases: list[dict[str, Any]], summaries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per field: values read, right, gold values, precision and recall."""
    tally: dict[str, dict[str, int]] = {f: {"read": 0, "right": 0, "gold": 0} for f in FIELDS}
    for _case, gold, got in readings(cases, summaries):
        for field in FIELDS:
            want = _items(field, gold.get(field))
            have = _items(field, got.get(field))
            tally[field]["gold"] += len(want)
            tally[field]["read"] += len(have)
            remaining = list(want)
            for item in have:
                if item in remaining:
                    remaining.remove(item)
                    tally[field]["right"] += 1
    out = {}
    for field, t in tally.items():
        out[field] = {
            **t,
            "precision": round(t["right"] / t["read"], 3) if t["read"] else None,
            "recall": round(t["right"] / t["gold"], 3) if t["gold"] and field not in NO_RECALL else None,
        }
    return out


def disagreements(cases: list[dict[str, Any]], summaries: dict[str, Any]) -> list[str]:
    """Lines naming each value the rules read that the gold does not hold (for checking against the summary)."""
    lines = []
    for case, gold, got in readings(cases, summaries):
        for field in FIELDS:
            if got.get(field) is not None and got.get(field) != gold.get(field):
                lines.append(f"{case['key']}  {field}: read {got.get(field)!r}, gold {gold.get(field)!r}")
    return lines


def human_comparison(root: Path, summaries: dict[str, Any]) -> dict[str, Any]:
    """Agreement with the author's human coding (child victim; single or multiple victims) where both say something."""
    path = root / HUMAN
    if not path.is_file():
        return {}
    child = {"read": 0, "right": 0, "gold": 0}
    multiple = {"read": 0, "right": 0, "gold": 0}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = case_key(row.get("canonical_url", ""))
            summary = summaries.get(match_key(key)) if key else None
            text = summary.text if summary else row.get("fact_summary", "")
            if not text:
                continue
            got = rule_values(text, jurisdiction_of(key or "xxx/"))
            is_child = row["child_human_clean"].strip().upper()
            if is_child == "TRUE":
                child["gold"] += 1
            said_child = "child_trafficking" in got.get("offence_types", []) or bool(got.get("victims.minors"))
            if said_child and is_child in ("TRUE", "FALSE"):
                child["read"] += 1
                child["right"] += is_child == "TRUE"
            many = row["multiplicity_human_clean"].strip().upper()
            if many in ("SINGLE", "MULTIPLE"):
                multiple["gold"] += 1
                if got.get("victims.count") is not None:
                    multiple["read"] += 1
                    multiple["right"] += (got["victims.count"] > 1) == (many == "MULTIPLE")
    return {"child victim": child, "single or multiple victims": multiple}


def _table(title: str, scores: dict[str, dict[str, Any]]) -> list[str]:
    def fmt(x: float | None) -> str:
        return "–" if x is None else f"{x:.2f}"

    def gold(field: str, n: int) -> str:
        return "not recorded" if field in NO_RECALL else str(n)

    lines = [title, "", "| field | read | right | gold values | precision | recall | target |", "|---|---:|---:|---:|---:|---:|---:|"]
    for field, s in scores.items():
        target = TARGETS.get(field)
        lines.append(
            f"| {field} | {s['read']} | {s['right']} | {gold(field, s['gold'])} | {fmt(s['precision'])} | {fmt(s['recall'])} | "
            f"{'≥ ' + format(target, '.2f') if target else '–'} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the precision/recall tables of the gold sample's halves (or build the sample)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=None, help="the saved documents (default ../shared/fixtures)")
    parser.add_argument(
        "--half", choices=("tuning", "held_out", "both", "outside"), default="both", help="'outside': second-read digests not in the sample"
    )
    parser.add_argument("--build-gold", action="store_true", help="draw the sample anew into the gold file")
    parser.add_argument("--disagreements", action="store_true", help="list the values read that the gold does not hold")
    args = parser.parse_args(argv)
    root = args.fixtures or fixtures_root(ROOT)
    summaries = load_summaries(root)
    if args.build_gold:
        data = build_gold(summaries)
        GOLD.parent.mkdir(parents=True, exist_ok=True)
        header = "# The gold sample of benchmarks/extraction.py: checked VALUES only, never a summary's words.\n"
        GOLD.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        print(f"{len(data['cases'])} cases written to {GOLD.relative_to(ROOT)}")
        return 0
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    halves = ("tuning", "held_out") if args.half == "both" else (args.half,)
    figures: dict[str, Any] = {}
    for half in halves:
        cases = outside(gold, summaries) if half == "outside" else [c for c in gold["cases"] if c["half"] == half]
        regions = sorted({c["region"] for c in cases})
        figures[half] = score(cases, summaries)
        print("\n".join(_table(f"{half}: {len(cases)} cases ({', '.join(regions)})", figures[half])) + "\n")
        if args.disagreements:
            print("\n".join(disagreements(cases, summaries)) + "\n")
    human = human_comparison(root, summaries)
    if human:
        print("human coding of 100 cases (child victim, multiplicity):")
        for name, t in human.items():
            precision = t["right"] / t["read"] if t["read"] else 0.0
            print(f"  {name}: read {t['read']}, agree {t['right']} (precision {precision:.2f}), human-coded {t['gold']}")
        figures["human"] = human
    print(json.dumps({"date": datetime.date.today().isoformat(), **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
