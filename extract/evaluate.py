"""The gold scorer behind `minutes eval`.

Scoring is a set of pure functions over plain dicts: a gold annotation (SPEC
"Gold annotations") and a predicted `minutes/v1` object go in, counts and
misses come out, and counts add up across documents and kinds. Only
`evaluate_corpus` touches the file system (gold files via `extract.gold`);
the pipeline and the roster loader are passed in, so this module never
imports the stages it judges.

Rules worth knowing when reading the numbers:
- A predicted item matches a gold item when every task keyword occurs in its
  `task` or its `source.text` (NFKC, case-folded, runs of spaces collapsed).
  Matching is one-to-one and follows document order (see `match_items`).
- Owner, deadline and flag scores are computed on matched pairs only; a flag
  on a spurious predicted item is already punished by item precision, so
  counting it again would mix two errors into one number.
- A ratio with an empty denominator is None ("—" in tables), not 0 or 1.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from extract.gold import find_gold_files, load_gold
from minutes.errors import MinutesError

# Integer counts kept per document; they add up across documents.
COUNT_KEYS = (
    "docs", "errors", "gold_items", "pred_items", "matched",
    "owner_correct", "deadline_correct", "meeting_date_correct",
    "non_items", "non_items_wrong",
)

_SPACE = re.compile(r"\s+")


# --------------------------------------------------------------------------
# text matching

def normalize(text: Optional[str]) -> str:
    """Fold width and case so "ＡＰＩ" in a gold keyword finds "api" in a task."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", str(text)).casefold()).strip()


def contains_all(keywords: Iterable[str], *texts: Optional[str]) -> bool:
    """True when each keyword occurs in at least one of `texts`."""
    haystacks = [normalize(t) for t in texts]
    for keyword in keywords:
        needle = normalize(keyword)
        if not any(needle in hay for hay in haystacks):
            return False
    return True


def _pred_texts(item: dict) -> tuple[str, str]:
    source = item.get("source") or {}
    return item.get("task") or "", source.get("text") or ""


def item_matches(keywords: Iterable[str], item: dict) -> bool:
    return contains_all(keywords, *_pred_texts(item))


def match_items(gold_items: list[dict], pred_items: list[dict]) -> list[Optional[int]]:
    """For each gold item, the index of its predicted item or None.

    Greedy and one-to-one: each gold item in turn takes the first unmatched
    predicted item at or after the previous match that fits; failing that,
    the first unmatched one anywhere. Following document order keeps two
    similar items ("提交周报" twice) paired with their own rows.
    """
    taken: set[int] = set()
    result: list[Optional[int]] = []
    cursor = 0
    for gold in gold_items:
        keywords = gold.get("task_keywords") or []
        order = list(range(cursor, len(pred_items))) + list(range(0, min(cursor, len(pred_items))))
        found = next((j for j in order if j not in taken and item_matches(keywords, pred_items[j])), None)
        if found is not None:
            taken.add(found)
            cursor = found
        result.append(found)
    return result


# --------------------------------------------------------------------------
# per-document scoring

def _owner_name(item: dict) -> Optional[str]:
    owner = item.get("owner") or {}
    return owner.get("name") or None


def _owner_mention(item: dict) -> Optional[str]:
    owner = item.get("owner") or {}
    return owner.get("mention") or None


def _deadline(item: dict) -> dict:
    return item.get("deadline") or {}


def _as_date(value: Any) -> Optional[str]:
    return str(value) if value not in (None, "") else None


def owner_correct(gold: dict, pred: dict) -> bool:
    return (gold.get("owner") or None) == _owner_name(pred)


def deadline_correct(gold: dict, pred: dict) -> bool:
    """Vague gold wants `vague: true`; otherwise the dates must be equal (null included)."""
    deadline = _deadline(pred)
    if gold.get("deadline_vague"):
        return bool(deadline.get("vague"))
    return _as_date(gold.get("deadline")) == _as_date(deadline.get("date"))


def _flags(item: dict) -> set[str]:
    return {str(f) for f in (item.get("flags") or [])}


def _describe_deadline(date: Optional[str], vague: bool) -> str:
    if vague:
        return "vague"
    return date or "none"


def score_document(gold: dict, predicted: dict, *, name: str) -> dict:
    """Counts, flag counts and misses for one document.

    `name` is how misses refer to the document (its path in the corpus).
    """
    gold_items = list(gold.get("action_items") or [])
    pred_items = list(predicted.get("action_items") or [])
    pairs = match_items(gold_items, pred_items)
    counts = Counter({key: 0 for key in COUNT_KEYS})
    counts.update(docs=1, gold_items=len(gold_items), pred_items=len(pred_items))
    flags: dict[str, Counter] = {}
    misses: list[dict] = []

    for item in gold_items + pred_items:  # every flag seen gets a row, even with no pair
        for flag in _flags(item):
            flags.setdefault(flag, Counter(tp=0, fp=0, fn=0))

    for g, j in zip(gold_items, pairs):
        keywords = list(g.get("task_keywords") or [])
        if j is None:
            misses.append({"type": "missed", "file": name, "keywords": keywords,
                           "owner": g.get("owner"), "deadline": g.get("deadline")})
            continue
        p = pred_items[j]
        line = (p.get("source") or {}).get("line")
        counts["matched"] += 1
        if owner_correct(g, p):
            counts["owner_correct"] += 1
        else:
            misses.append({"type": "owner", "file": name, "line": line, "keywords": keywords,
                           "expected": g.get("owner") or None, "got": _owner_name(p),
                           "mention": _owner_mention(p), "expected_mention": g.get("owner_mention")})
        if deadline_correct(g, p):
            counts["deadline_correct"] += 1
        else:
            d = _deadline(p)
            misses.append({"type": "deadline", "file": name, "line": line, "keywords": keywords,
                           "expected": _describe_deadline(_as_date(g.get("deadline")), bool(g.get("deadline_vague"))),
                           "got": _describe_deadline(_as_date(d.get("date")), bool(d.get("vague"))),
                           "mention": d.get("mention"), "expected_mention": g.get("deadline_mention")})
        gold_flags, pred_flags = _flags(g), _flags(p)
        for flag in gold_flags | pred_flags:
            c = flags[flag]
            if flag in gold_flags and flag in pred_flags:
                c["tp"] += 1
            elif flag in pred_flags:
                c["fp"] += 1
            else:
                c["fn"] += 1

    matched = {j for j in pairs if j is not None}
    for j, p in enumerate(pred_items):
        if j not in matched:
            source = p.get("source") or {}
            misses.append({"type": "spurious", "file": name, "line": source.get("line"),
                           "task": p.get("task") or source.get("text") or ""})

    gold_date = _as_date(gold.get("meeting_date"))
    pred_date = _as_date((predicted.get("meeting") or {}).get("date"))
    if gold_date == pred_date:
        counts["meeting_date_correct"] += 1
    else:
        misses.append({"type": "meeting_date", "file": name, "expected": gold_date, "got": pred_date})

    for keywords in gold.get("non_items_keywords") or []:
        counts["non_items"] += 1
        hit = next((p for p in pred_items if item_matches(keywords, p)), None)
        if hit is not None:
            counts["non_items_wrong"] += 1
            source = hit.get("source") or {}
            misses.append({"type": "non_item", "file": name, "keywords": list(keywords),
                           "line": source.get("line"), "task": hit.get("task") or ""})

    return {"file": name, "kind": gold.get("kind"), "counts": dict(counts),
            "flags": {f: dict(c) for f, c in flags.items()}, "misses": misses}


def error_document(gold: dict, *, name: str, message: str) -> dict:
    """A document the pipeline could not process: every gold item is missed."""
    result = score_document(gold, {"action_items": [], "meeting": {}}, name=name)
    result["counts"]["errors"] = 1
    result["misses"].insert(0, {"type": "error", "file": name, "message": message})
    return result


# --------------------------------------------------------------------------
# aggregation

def _ratio(num: int, den: int) -> Optional[float]:
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1; None where the denominator is empty."""
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
            "f1": _ratio(2 * tp, 2 * tp + fp + fn)}


def metrics(counts: dict, flags: dict) -> dict:
    """The scores one table row shows, from summed counts."""
    matched = counts["matched"]
    items = prf(matched, counts["pred_items"] - matched, counts["gold_items"] - matched)
    vague = flags.get("vague_deadline", {})
    return {
        **{key: counts[key] for key in COUNT_KEYS},
        "precision": items["precision"], "recall": items["recall"], "f1": items["f1"],
        "owner_accuracy": _ratio(counts["owner_correct"], matched),
        "deadline_accuracy": _ratio(counts["deadline_correct"], matched),
        "vague_deadline_f1": prf(vague.get("tp", 0), vague.get("fp", 0), vague.get("fn", 0))["f1"],
        "meeting_date_accuracy": _ratio(counts["meeting_date_correct"], counts["docs"]),
    }


def _sum_counts(results: list[dict]) -> tuple[dict, dict]:
    counts = Counter({key: 0 for key in COUNT_KEYS})
    flags: dict[str, Counter] = {}
    for result in results:
        counts.update(result["counts"])
        for flag, c in result["flags"].items():
            flags.setdefault(flag, Counter(tp=0, fp=0, fn=0)).update(c)
    return dict(counts), {f: dict(c) for f, c in flags.items()}


def summarize(results: list[dict]) -> dict:
    """Overall, per-kind and per-flag scores plus every miss, JSON-ready."""
    counts, flags = _sum_counts(results)
    kinds: dict[str, list[dict]] = {}
    for result in results:
        kinds.setdefault(result.get("kind") or "unknown", []).append(result)
    per_kind = {kind: metrics(*_sum_counts(group)) for kind, group in sorted(kinds.items())}
    per_flag = {flag: prf(c["tp"], c["fp"], c["fn"]) for flag, c in sorted(flags.items())}
    documents = [{"file": r["file"], "kind": r.get("kind"), **metrics(r["counts"], r["flags"])} for r in results]
    return {"overall": metrics(counts, flags), "per_kind": per_kind, "per_flag": per_flag,
            "misses": [m for r in results for m in r["misses"]], "documents": documents}


def describe_miss(miss: dict) -> str:
    """One human line per miss, as the CLI lists them."""
    kind, where = miss["type"], miss["file"]
    line = miss.get("line")
    at = f"{where}:{line}" if line is not None else where
    keywords = "+".join(miss.get("keywords") or [])
    if kind == "missed":
        return f"missed    {where}: {keywords}"
    if kind == "spurious":
        return f"spurious  {at}: {miss.get('task', '')}"
    if kind in ("owner", "deadline"):
        mention = miss.get("mention")
        return (f"{kind:<9} {at} [{keywords}]: expected {miss.get('expected')} got {miss.get('got')}"
                f" ({mention if mention else '—'})")
    if kind == "meeting_date":
        return f"date      {where}: expected {miss.get('expected')} got {miss.get('got')}"
    if kind == "non_item":
        return f"non-item  {at}: {keywords} extracted as \"{miss.get('task', '')}\""
    if kind == "error":
        return f"error     {where}: {miss.get('message')}"
    return f"{kind} {where}"


# --------------------------------------------------------------------------
# running a corpus

Extractor = Callable[[Path, Any], dict]  # (document path, roster or None) -> minutes/v1 dict


def evaluate_corpus(corpus_dir: Path, extract: Extractor,
                    load_roster: Callable[[Path], Any]) -> dict:
    """Run `extract` over every gold-annotated document and summarize.

    Each roster file is loaded once. The gold meeting date is never handed to
    the extractor: finding it is part of what is scored. A document the
    extractor fails on is scored as empty and listed as an "error" miss, so
    one bad file does not hide the rest of the corpus.
    """
    corpus_dir = Path(corpus_dir)
    gold_files = find_gold_files(corpus_dir)
    golds = [(path, load_gold(path)) for path in gold_files]  # all checked before any slow work
    rosters: dict[Path, Any] = {}
    results = []
    for path, gold in golds:
        document = path.parent / gold["file"]
        name = document.relative_to(corpus_dir).as_posix()
        roster = None
        if gold.get("roster"):
            roster_path = (path.parent / gold["roster"]).resolve()
            if roster_path not in rosters:
                rosters[roster_path] = load_roster(roster_path)
            roster = rosters[roster_path]
        try:
            predicted = extract(document, roster)
        except MinutesError as exc:
            results.append(error_document(gold, name=name, message=str(exc)))
            continue
        except Exception as exc:  # a pipeline bug on one file must not hide the others' scores
            results.append(error_document(gold, name=name, message=f"{type(exc).__name__}: {exc}"))
            continue
        results.append(score_document(gold, predicted, name=name))
    return summarize(results)
