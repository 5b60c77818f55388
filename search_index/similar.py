"""Similar cases, one algorithm for the case pages and ``palermo similar``, computed from the records (no index on disk).

Each record becomes a TF-IDF vector of its most distinctive terms (title,
summary, holdings, provisions; the start of the full text when there is no
summary), using the same folding and stemming as the search engines. Cosine
similarity is computed through an inverted list of those terms, capped per term
so the work grows linearly with the corpus, and shared facets (offence types,
legal issues, ILO indicators, jurisdiction) add to the score.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from palermo.model.schema import CaseRecord
from search_index.analysis import terms

TERMS_PER_RECORD = 16
"""How many of a record's most distinctive terms take part (more: slower, barely better)."""

POSTINGS_CAP = 60
"""At most this many records per term take part, those where the term weighs most."""

FULL_TEXT_WORDS = 400


def _text(record: CaseRecord) -> str:
    parts = [
        record.title,
        record.title,
        record.summary or "",
        *record.holdings,
        *record.holdings,
        " ".join(p.cite for p in record.provisions),
    ]
    if not record.summary and record.full_text:
        parts.append(" ".join(record.full_text.split()[:FULL_TEXT_WORDS]))
    return "\n".join(parts)


def _vectors(records: Sequence[CaseRecord]) -> list[list[tuple[str, float]]]:
    counts = [Counter(terms(_text(r))) for r in records]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(records)
    idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items() if d > 1}
    tf_weight = [0.0] + [1.0 + math.log(tf) for tf in range(1, 64)]
    vectors = []
    for c in counts:
        weighted = [(t, (tf_weight[tf] if tf < 64 else 1.0 + math.log(tf)) * idf[t]) for t, tf in c.items() if t in idf]
        top = heapq.nlargest(TERMS_PER_RECORD, weighted, key=lambda tw: (tw[1], tw[0]))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append([(t, w / norm) for t, w in top if w > 0])
    return vectors


def _facet_sets(record: CaseRecord) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return (
        frozenset(o.value for o in record.offence_types),
        frozenset(i.value for i in record.legal_issues),
        frozenset(i.value for i in record.ilo_indicators),
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class SimilarCases:
    """The similar-cases model of a corpus: every record's distinctive terms and facets, ready to compare.

    Built once per corpus (the site's build, ``palermo similar``); :meth:`of` ranks the cases most like one
    record, so the case pages and the command line always give the same list.
    """

    def __init__(self, records: Sequence[CaseRecord]) -> None:
        self.records = list(records)
        self.ids = [r.id for r in self.records]
        self.position = {case_id: i for i, case_id in enumerate(self.ids)}
        self.vectors = _vectors(self.records)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, vector in enumerate(self.vectors):
            for t, w in vector:
                postings[t].append((i, w))
        for t, plist in postings.items():
            if len(plist) > POSTINGS_CAP:
                postings[t] = sorted(plist, key=lambda p: (-p[1], self.ids[p[0]]))[:POSTINGS_CAP]
        self.postings = postings
        self.facets = [_facet_sets(r) for r in self.records]
        self.by_offence: dict[str, list[int]] = defaultdict(list)
        for i in sorted(range(len(self.ids)), key=self.ids.__getitem__):  # by id, so the corpus's order never matters
            for o in self.facets[i][0]:
                self.by_offence[o].append(i)

    def of(self, case_id: str, limit: int = 5) -> list[tuple[str, float]]:
        """The ``limit`` cases most like ``case_id`` with their scores, best first.

        Raises:
            KeyError: when no record has that id.
        """
        i = self.position[case_id]
        record = self.records[i]
        acc: dict[int, float] = {}
        for t, w in self.vectors[i]:
            for j, w2 in self.postings[t]:
                acc[j] = acc.get(j, 0.0) + w * w2
        acc.pop(i, None)
        if len(acc) < limit:
            for o in self.facets[i][0]:
                for j in self.by_offence[o][: limit * 4]:
                    if j != i:
                        acc.setdefault(j, 0.0)
        offences, issues, ilo = self.facets[i]
        scored = []
        # Facets re-rank the best text matches (and fill in when text finds too few).
        shortlist = sorted(acc.items(), key=lambda item: (-item[1], self.ids[item[0]]))[: limit * 4]
        for j, text_score in shortlist:
            o2, i2, l2 = self.facets[j]
            bonus = 0.3 * _jaccard(offences, o2) + 0.15 * _jaccard(issues, i2) + 0.05 * _jaccard(ilo, l2)
            if record.jurisdiction == self.records[j].jurisdiction:
                bonus += 0.05
            scored.append((text_score + bonus, self.ids[j]))
        best = sorted(scored, key=lambda s: (-s[0], s[1]))[:limit]
        return [(case_id, score) for score, case_id in best if score > 0]


def similar_table(records: Sequence[CaseRecord], limit: int = 5) -> dict[str, list[str]]:
    """The ``limit`` most similar cases of every record, best first.

    Args:
        records: the whole corpus.
        limit: how many similar cases per record.

    Returns:
        ``{case_id: [case_id, …]}`` for every record (an empty list when nothing is similar).
    """
    model = SimilarCases(records)
    return {case_id: [other for other, _score in model.of(case_id, limit)] for case_id in model.ids}
