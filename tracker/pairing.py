"""Pairing a re-extracted meeting's items with the stored ones.

An edited file shifts lines and renumbers "a1", "a2"…, so items are paired by
what they say: the source sentence and the task, scored with rapidfuzz and
matched greedily best-first, one-to-one. Several items cut from one sentence
share their source text, so the task always weighs in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class Side:
    """The texts an item is recognised by."""

    tasks: tuple[str, ...]  # current task, plus the extracted one if a reviewer rewrote it
    source: Optional[str]
    position: int


@dataclass(frozen=True)
class Pairing:
    pairs: tuple[tuple[int, int], ...]  # (old index, new index)
    unmatched_old: tuple[int, ...]
    unmatched_new: tuple[int, ...]


def score(old: Side, new: Side) -> float:
    from rapidfuzz import fuzz

    task = max((fuzz.ratio(t, n) for t in old.tasks for n in new.tasks if t and n), default=0.0)
    if old.source and new.source:
        return (task + fuzz.ratio(old.source, new.source)) / 2
    return task


def pair(old: Sequence[Side], new: Sequence[Side], threshold: float) -> Pairing:
    candidates = []
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            value = score(o, n)
            if value >= threshold:
                # Ties go to the pair whose positions in the document are closest.
                candidates.append((-value, abs(o.position - n.position), i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    return Pairing(
        pairs=tuple(sorted(pairs, key=lambda p: p[1])),
        unmatched_old=tuple(i for i in range(len(old)) if i not in used_old),
        unmatched_new=tuple(j for j in range(len(new)) if j not in used_new),
    )
