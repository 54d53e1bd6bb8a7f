"""Problem sentences as comparable vectors: cue detection, folding, tokens, TF-IDF.

"测试环境资源不足", "测试环境不够用" and "缺测试服务器" share few characters as
written. Folding synonyms first (不够用 → 不足, 测试服务器 → 测试环境), dropping
stop words, department and people names, then weighting jieba words and
character bigrams by TF-IDF makes them close while "人手不足" stays far: the
shared 不足 is common across problems, so its weight is small.
"""
from __future__ import annotations

import functools
import logging
import math
import re
import threading
from typing import Iterable, Optional, Sequence

from tracker import report_data

_SENTENCE_END = re.compile(r"(?<=[。！？；;!?])|\n+")
_LIST_MARK = re.compile(r"^\s*(?:[-*•·]|\d+[.、)）]|[（(]?[一二三四五六七八九十]+[)）、.])\s*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORDISH = re.compile(r"[\u3400-\u9fff]|[a-z][a-z0-9+#.]*", re.IGNORECASE)
_NORMALIZE = re.compile(r"[\s\W_]+", re.UNICODE)
BIGRAM_WEIGHT = 0.5  # a character bigram inside a long word counts less than a word
# Words that only say what kind of trouble it is (不足, 延期, 故障) count less than what
# the trouble is about: "测试环境不足" is nearer "缺测试服务器" than "营销预算不足". The
# kind itself still separates groups (tracker.recurring's kind penalty).
CUE_WEIGHT = 0.7
_LOCK = threading.Lock()


def sentences(text: Optional[str]) -> list[str]:
    """A discussion entry split into sentences (list marks and blank pieces dropped)."""
    out = []
    for piece in _SENTENCE_END.split(text or ""):
        piece = _LIST_MARK.sub("", piece).strip(" \t，,、:：。；;！!？?")
        if len(_WORDISH.findall(piece)) >= 2:
            out.append(piece)
    return out


def problem_kinds(sentence: str) -> tuple[str, ...]:
    """Every kind of problem a sentence's cues name, in the order the cue file lists kinds."""
    table = report_data.cues()
    found = {table.kind_of[m.group(0).casefold()] for m in table.pattern.finditer(sentence)}
    return tuple(kind for kind, _words in table.kinds if kind in found)


def problem_kind(sentence: str) -> Optional[str]:
    """The kind of problem a sentence reports (shortage, delay, risk ...), or None.

    A sentence that says the problem is settled (已解决, 没有风险) is not one.
    """
    kinds = problem_kinds(sentence)
    if not kinds or report_data.cues().resolved_pattern.search(sentence):
        return None
    return kinds[0]


def normalize(text: str) -> str:
    """The key under which wordings that differ only in spacing or punctuation are one text."""
    return _NORMALIZE.sub("", text).casefold()


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _LOCK:
        tk = jieba.Tokenizer()
        tk.initialize()
        for word in set(report_data.synonyms().canonical.values()):
            if _CJK.search(word):
                tk.add_word(word, max(tk.suggest_freq(word, False), 2000))
    return tk


@functools.lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """The words problem cues become after folding (缺 → 不足, 宕机 → 故障)."""
    fold = report_data.synonyms().fold
    words = set()
    for _kind, cue_words in report_data.cues().kinds:
        for cue in cue_words:
            words.update(w.strip().casefold() for w in fold(cue).split() if w.strip())
    return frozenset(words)


class Vectorizer:
    """Turns problem sentences into L2-normalised sparse TF-IDF vectors (dicts).

    `names` (departments, people) are cut out before comparing: who reported a
    problem is recorded separately and must not make two problems look alike.
    """

    def __init__(self, names: Iterable[str] = ()):
        names = sorted({n for n in names if n and len(n) >= 2}, key=lambda n: (-len(n), n))
        self._names = re.compile("|".join(map(re.escape, names))) if names else None
        self._stop = report_data.stopwords()
        self._fold = report_data.synonyms().fold
        self._canonical = frozenset(w.casefold() for w in report_data.synonyms().canonical.values())
        self._cue_words = _cue_words()

    def features(self, text: str) -> dict[str, float]:
        """Term counts: jieba words, plus "#xy" character bigrams of longer compound words.

        Canonical words are cut loose from their neighbours first (人手不足 → 人手 不足),
        so a folded wording always yields the same words whatever jieba would join.
        """
        if self._names is not None:
            text = self._names.sub("，", text)
        text = self._fold(text)
        counts: dict[str, float] = {}
        for word in _tokenizer().lcut(text):
            low = word.strip().casefold()
            if not low or low in self._stop or not _WORDISH.match(low) or low.isdigit():
                continue
            if len(low) == 1 and low not in self._canonical:  # a lone character is noise (排不上 → 排, 上)
                continue
            counts[low] = counts.get(low, 0.0) + (CUE_WEIGHT if low in self._cue_words else 1.0)
            if len(low) >= 3 and _CJK.match(low) and low not in self._canonical:
                for i in range(len(low) - 1):
                    gram = "#" + low[i:i + 2]
                    counts[gram] = counts.get(gram, 0.0) + BIGRAM_WEIGHT
        return counts

    def fit_transform(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """TF-IDF over `texts` (which should be distinct), each vector of unit length."""
        return weigh([self.features(t) for t in texts])


def weigh(counted: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """Term counts to TF-IDF vectors of unit length (document frequency over `counted`)."""
    df: dict[str, int] = {}
    for terms in counted:
        for term in terms:
            df[term] = df.get(term, 0) + 1
    n = len(counted)
    idf = {term: math.log((1 + n) / (1 + k)) + 1.0 for term, k in df.items()}
    vectors = []
    for terms in counted:
        vec = {t: (1.0 + math.log(c) if c > 1 else c) * idf[t] for t, c in terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors (cosine when both have unit length)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
