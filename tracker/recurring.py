"""Grouping problems that are the same issue, however differently worded.

Texts are deduplicated, turned into TF-IDF vectors (tracker.report_text), and
compared only where they share a rarer term (all-pairs search with prefix
filtering), each keeping its closest matches, so the work grows with the
number of texts and their similar neighbours, not with n². Pairs above
`THRESHOLD` are merged best first, and only while the two groups stay alike on
average over all their members (average link), so one ambiguous sentence cannot
chain unrelated issues together.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from tracker.report_problems import Problem
from tracker.report_text import Vectorizer, cosine, normalize, problem_kinds, weigh

THRESHOLD = 0.32  # cosine above which two texts may be the same issue
LINK = 0.27  # mean similarity over all pairs of two groups' members needed to merge them
KIND_PENALTY = 0.5  # two different specific kinds (shortage vs fault) are less alike
GENERIC_KINDS = frozenset({"problem", "risk", "disagreement", "topic"})
NEIGHBOURS = 12  # closest earlier texts each text is compared with when merging


@dataclass(frozen=True)
class Group:
    """One issue: the problems that name it, most central first in `examples`."""

    label: str  # the most central wording
    terms: tuple[str, ...]  # the heaviest words of the centroid
    kinds: tuple[str, ...]  # most frequent first
    problems: tuple[Problem, ...]  # in date order
    centrality: tuple[float, ...]  # cosine of each problem's text to the centroid, same order

    @property
    def count(self) -> int:
        return len(self.problems)

    @property
    def meetings(self) -> tuple[tuple[int, Optional[str], str], ...]:
        """(meeting id, title, date) of each distinct meeting, in date order."""
        seen: dict[int, tuple[int, Optional[str], str]] = {}
        for p in self.problems:
            seen.setdefault(p.meeting_id, (p.meeting_id, p.meeting_title, p.meeting_date))
        return tuple(sorted(seen.values(), key=lambda m: (m[2] or "", m[0])))

    @property
    def departments(self) -> tuple[tuple[str, int], ...]:
        """(department, mentions), most mentions first."""
        counts = Counter(d for p in self.problems for d in p.departments)
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def first_seen(self) -> str:
        return min(p.seen for p in self.problems)

    @property
    def last_seen(self) -> str:
        return max(p.seen for p in self.problems)

    def examples(self, limit: int = 3) -> tuple[Problem, ...]:
        """Up to `limit` central wordings, one per meeting and per text where possible."""
        order = sorted(range(len(self.problems)), key=lambda n: (-self.centrality[n], self.problems[n].seen))
        chosen, meetings, texts = [], set(), set()
        for strict in (True, False):
            for n in order:
                p = self.problems[n]
                key = normalize(p.text)
                if len(chosen) >= limit or key in texts or (strict and p.meeting_id in meetings):
                    continue
                chosen.append(p)
                meetings.add(p.meeting_id)
                texts.add(key)
        return tuple(chosen)


def _specific(kinds: Iterable[str]) -> frozenset:
    return frozenset(k for k in kinds if k not in GENERIC_KINDS)


class _Groups:
    """Union-find whose roots carry the weighted sum of their members' unit vectors.

    dot(sum_a, sum_b) / (weight_a * weight_b) is the mean similarity over all
    pairs of members (average link): a group only grows by what resembles the
    group as a whole, not one member at its edge.
    """

    def __init__(self, vectors: Sequence[dict], weights: Sequence[int], kinds: Sequence[frozenset]):
        self.kinds = list(kinds)
        self.parent = list(range(len(vectors)))
        self.weight = [float(w) for w in weights]
        self.sum = [{t: w * v for t, v in vec.items()} for vec, w in zip(vectors, weights)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def close(self, a: int, b: int) -> float:
        mean = cosine(self.sum[a], self.sum[b]) / (self.weight[a] * self.weight[b])
        ka, kb = self.kinds[a], self.kinds[b]
        return mean * KIND_PENALTY if ka and kb and not ka & kb else mean

    def union(self, a: int, b: int) -> None:
        if len(self.sum[a]) < len(self.sum[b]):
            a, b = b, a
        self.parent[b] = a
        self.weight[a] += self.weight[b]
        self.kinds[a] = self.kinds[a] | self.kinds[b]
        total = self.sum[a]
        for t, v in self.sum[b].items():
            total[t] = total.get(t, 0.0) + v
        self.sum[b] = {}


def similar_pairs(vectors: Sequence[dict], kinds: Sequence[frozenset], threshold: Optional[float] = None,
                  neighbours: Optional[int] = None):
    """(similarity, i, j), i < j, for each text's closest earlier texts at or above `threshold`, best first.

    All-pairs search with prefix filtering: each vector indexes only its rarer
    terms, leaving out a prefix of common ones whose most possible contribution
    (weight times the term's largest weight anywhere) stays below the threshold,
    so no pair at or above it is missed while the posting lists stay short.
    Each text keeps its `neighbours` best earlier matches: enough to connect a
    group, and the output stays linear in the number of texts.
    """
    threshold = THRESHOLD if threshold is None else threshold
    keep = NEIGHBOURS if neighbours is None else neighbours
    df: Counter = Counter(t for vec in vectors for t in vec)
    top: dict[str, float] = {}
    for vec in vectors:
        for t, v in vec.items():
            if v > top.get(t, 0.0):
                top[t] = v
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    unindexed = [0.0] * len(vectors)  # norm of each vector's unindexed prefix
    pairs = []
    for i, vec in enumerate(vectors):
        scores: dict[int, float] = {}
        for t, v in vec.items():
            for j, w in index.get(t, ()):
                scores[j] = scores.get(j, 0.0) + v * w
        hopeful = heapq.nlargest(keep * 4, (j for j, partial in scores.items() if partial + unindexed[j] >= threshold),
                                 key=scores.__getitem__)
        found = []
        for j in hopeful:
            sim = cosine(vec, vectors[j])
            a, b = kinds[i], kinds[j]
            if a and b and not (a & b):
                sim *= KIND_PENALTY
            if sim >= threshold:
                found.append((sim, j, i))
        found.sort(key=lambda p: -p[0])
        pairs += found[:keep]
        bound, prefix = 0.0, 0.0
        for t in sorted(vec, key=lambda t: (-df[t], t)):  # common terms first
            v = vec[t]
            bound += v * top[t]
            if bound >= threshold:
                index[t].append((i, v))
            else:
                prefix += v * v
        unindexed[i] = math.sqrt(prefix)
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def cluster(vectors: Sequence[dict], kinds: Sequence[frozenset], weights: Optional[Sequence[int]] = None,
            threshold: Optional[float] = None, link: Optional[float] = None) -> list[int]:
    """A group number for each vector (groups numbered by first member)."""
    link = LINK if link is None else link
    groups = _Groups(vectors, weights or [1] * len(vectors), kinds)
    refused: set[tuple[int, int, float, float]] = set()  # the same two groups, unchanged, stay apart
    for _sim, i, j in similar_pairs(vectors, kinds, threshold):
        a, b = groups.find(i), groups.find(j)
        if a == b:
            continue
        key = (a, b, groups.weight[a], groups.weight[b]) if a < b else (b, a, groups.weight[b], groups.weight[a])
        if key in refused:
            continue
        if groups.close(a, b) >= link:
            groups.union(a, b)
        else:
            refused.add(key)
    roots: dict[int, int] = {}
    return [roots.setdefault(groups.find(i), len(roots)) for i in range(len(vectors))]


def group_problems(problems: Sequence[Problem], names: Iterable[str] = ()) -> list[Group]:
    """The problems grouped by issue, biggest group first. `names` are cut before comparing.

    Texts that differ only in punctuation, or only in words that carry no
    meaning (目前, 本周, names), are compared once, weighted by how often they occur.
    """
    if not problems:
        return []
    by_text: dict[str, list[int]] = {}
    for n, p in enumerate(problems):
        by_text.setdefault(normalize(p.text) or p.text, []).append(n)
    keys = list(by_text)
    texts = [problems[by_text[k][0]].text for k in keys]
    vectorizer = Vectorizer(names)
    counted = [vectorizer.features(t) for t in texts]
    same: dict[object, list[int]] = {}  # identical term counts -> the distinct texts that have them
    for d, terms in enumerate(counted):
        same.setdefault(tuple(sorted(terms.items())) if terms else ("", d), []).append(d)
    units = list(same.values())
    vectors = weigh([counted[ds[0]] for ds in units])
    kinds = [_specific({kind for d in ds
                        for kind in (*problem_kinds(texts[d]), *(problems[n].kind for n in by_text[keys[d]]))})
             for ds in units]
    weights = [sum(len(by_text[keys[d]]) for d in ds) for ds in units]
    labels = cluster(vectors, kinds, weights)
    members: dict[int, list[int]] = defaultdict(list)
    for u, g in enumerate(labels):
        members[g] += units[u]
    unit_of = {d: u for u, ds in enumerate(units) for d in ds}
    text_vectors = [vectors[unit_of[d]] for d in range(len(texts))]
    text_weights = [len(by_text[k]) for k in keys]
    out = [_group(problems, by_text, keys, texts, text_vectors, text_weights, ds) for ds in members.values()]
    out.sort(key=lambda g: (-len(g.meetings), -g.count, g.first_seen, g.label))
    return out


def _group(problems, by_text, keys, texts, vectors, weights, distinct: list[int]) -> Group:
    centroid: dict[str, float] = {}
    for d in distinct:
        for t, v in vectors[d].items():
            centroid[t] = centroid.get(t, 0.0) + weights[d] * v
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    central = {d: cosine(vectors[d], centroid) / norm for d in distinct}
    # Ties (and near ties) go to the wording used most often, then the shorter one.
    best = max(distinct, key=lambda d: (round(central[d], 2), weights[d], -len(texts[d])))
    words = sorted((t for t in centroid if not t.startswith("#")), key=lambda t: (-centroid[t], t))
    members = sorted(((problems[n], central[d]) for d in distinct for n in by_text[keys[d]]),
                     key=lambda pc: (pc[0].seen, pc[0].meeting_id))
    kinds = Counter(p.kind for p, _c in members)
    return Group(
        label=texts[best], terms=tuple(words[:4]),
        kinds=tuple(k for k, _n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        problems=tuple(p for p, _c in members), centrality=tuple(c for _p, c in members),
    )
