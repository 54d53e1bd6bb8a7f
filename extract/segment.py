"""jieba's POS segmentation, word for word, over lazily read data.

Owner finding needs word boundaries and POS tags of a few hundred sentences;
loading jieba for that costs ~1.5 s (extract.jieba_data says why). The
algorithms here are jieba 0.42's, ported as they are (DAG, max-probability
route, POS-HMM for unknown runs, add_word / suggest_freq for user words), over
extract.jieba_data's per-character tables, so tokens and tags equal
`jieba.posseg.POSTokenizer(...).cut(...)`; tests/test_segment.py checks that
against jieba itself.
"""
from __future__ import annotations

import re
from functools import lru_cache
from math import log
from typing import Iterable, NamedTuple, Optional

from extract.jieba_data import Dictionary, Hmm, hmm

_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")
_MISS = object()
_RUNS_KEPT = 20000
_MEMO_KEPT = 500000

# jieba.posseg's block patterns
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_HAN_INTERNAL = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")
# jieba.Tokenizer.cut's (used by suggest_freq)
_HAN_DEFAULT = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP_DEFAULT = re.compile("(\r\n|\\s)")
_ENG_CHAR = re.compile("[a-zA-Z0-9]")


class Pair(NamedTuple):
    """A word and its POS flag, like jieba.posseg.pair."""

    word: str
    flag: str


def viterbi(obs: str, model: Hmm) -> list[str]:
    """jieba.posseg.viterbi, with the inner maximum over real transitions only.

    jieba maximises (V + trans + emit, prev) over every previous state, scoring a
    missing transition -inf; reading the transitions backwards skips those, and
    the result is the same because a state is only considered when at least one
    previous state can reach it. The sums are added in jieba's order.
    """
    start_p, trans_p, into, all_states = model.start, model.trans, model.into, model.all_states
    v: dict = {}
    path: list[dict] = [{}]
    allowed, emit = model.char(obs[0])
    for y in allowed if allowed is not None else all_states:
        v[y] = start_p[y] + emit.get(y, _MIN_FLOAT)
        path[0][y] = ""
    for t in range(1, len(obs)):
        allowed, emit = model.char(obs[t])
        prev_states = [x for x in path[t - 1] if trans_p[x]]
        expect = {y for x in prev_states for y in trans_p[x]}
        obs_states = set(allowed if allowed is not None else all_states) & expect
        if not obs_states:
            obs_states = expect if expect else set(all_states)
        nv: dict = {}
        back: dict = {}
        prev_set = set(prev_states)
        for y in obs_states:
            e = emit.get(y, _MIN_FLOAT)
            options = [(v[y0] + p + e, y0) for y0, p in into.get(y, ()) if y0 in prev_set]
            if not options:  # nothing reaches y: jieba's -inf for every previous state
                options = [(v[y0] + _MIN_INF + e, y0) for y0 in prev_states]
            prob, state = max(options)
            nv[y] = prob
            back[y] = state
        v = nv
        path.append(back)
    _, state = max((v[y], y) for y in path[-1])
    route = [""] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = path[i][state]
    return route


# --- segmenting --------------------------------------------------------------------------


class _FreqView:
    """Read-only FREQ in jieba's shape (`word in tk.FREQ`, `tk.FREQ.get(word)`)."""

    def __init__(self, seg: "Segmenter"):
        self._seg = seg

    def get(self, word: str, default=None):
        f = self._seg.freq(word)
        return default if f is None else f

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._seg.freq(word) is not None

    def __getitem__(self, word: str) -> int:
        f = self._seg.freq(word)
        if f is None:
            raise KeyError(word)
        return f


class Segmenter:
    """A jieba Tokenizer + POSTokenizer pair over the shared base dictionary, plus user words.

    User words live in an overlay, so segmenters for different rosters share
    the dictionary without copying it and never leak words into each other.
    """

    def __init__(self, base: Dictionary):
        self.base = base
        self.total = base.total
        self._user_freq: dict[str, int] = {}
        self._user_tag: dict[str, str] = {}
        self._user_prefix: set[str] = set()
        self._memo: dict[str, Optional[int]] = {}
        self._logp: dict[str, float] = {}  # word -> log(freq) - log(total), as jieba's calc adds it
        self._tags: dict[str, str] = {}
        self._runs: dict[str, tuple[Pair, ...]] = {}  # run of text -> its words
        self.FREQ = _FreqView(self)

    # -- look-ups --

    def freq(self, frag: str) -> Optional[int]:
        """jieba's FREQ.get(frag): frequency, 0 for a prefix, None when unknown."""
        try:
            return self._memo[frag]
        except KeyError:
            pass
        f = self._user_freq.get(frag)
        if f is None:
            f = self.base.freq(frag)
            if f is None and frag in self._user_prefix:
                f = 0
        if len(self._memo) >= _MEMO_KEPT:  # a long-lived process: stay bounded
            self._memo.clear()
            self._logp.clear()
        self._memo[frag] = f
        return f

    def tag(self, word: str) -> str:
        flag = self._tags.get(word)
        if flag is None:
            flag = self._tags[word] = self._user_tag.get(word) or self.base.tag(word) or "x"
        return flag

    # -- user words (jieba.Tokenizer.add_word / suggest_freq) --

    def add_word(self, word: str, freq: int, tag: Optional[str] = None) -> None:
        freq = int(freq)
        self._user_freq[word] = freq
        self.total += freq
        if tag:
            self._user_tag[word] = tag
        prefixes = [word[:ch + 1] for ch in range(len(word))]
        for frag in prefixes:  # only the word and its prefixes change
            self._memo.pop(frag, None)
        for frag in prefixes:
            if self.freq(frag) is None:
                self._user_prefix.add(frag)
                self._memo[frag] = 0
        self._tags.pop(word, None)
        self._logp.clear()  # the total changed
        self._runs.clear()

    def suggest_freq(self, word: str) -> int:
        """jieba's suggest_freq(word, tune=False): enough to keep `word` whole."""
        ftotal = float(self.total)
        freq = 1.0
        for seg in self.cut_words(word):
            f = self.freq(seg)
            freq *= (1 if f is None else f) / ftotal
        known = self.freq(word)
        return max(int(freq * self.total) + 1, 1 if known is None else known)

    # -- jieba.Tokenizer --

    def _route(self, sentence: str) -> list[int]:
        """End index of the word starting at each position on the most probable path:
        jieba's get_DAG and calc in one right-to-left pass, with the same arithmetic."""
        memo, lookup, logp = self._memo, self.freq, self._logp
        logtotal = log(self.total)
        n = len(sentence)
        best = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            top = None
            i = k
            frag = sentence[k]
            f = memo.get(frag, _MISS)
            if f is _MISS:
                f = lookup(frag)
            while f is not None:
                if f:
                    p = logp.get(frag)
                    if p is None:
                        p = logp[frag] = log(f) - logtotal
                    score = (p + best[i + 1], i)
                    if top is None or score > top:
                        top = score
                i += 1
                if i >= n:
                    break
                frag = sentence[k:i + 1]
                f = memo.get(frag, _MISS)
                if f is _MISS:
                    f = lookup(frag)
            if top is None:  # no word starts here: the character alone, at frequency 1
                top = (log(1) - logtotal + best[k + 1], k)
            best[k], ends[k] = top
        return ends

    def _cut_dag_no_hmm(self, sentence: str) -> Iterable[str]:
        ends = self._route(sentence)
        x, n, buf = 0, len(sentence), ""
        while x < n:
            y = ends[x] + 1
            word = sentence[x:y]
            if _ENG_CHAR.match(word) and len(word) == 1:
                buf += word
            else:
                if buf:
                    yield buf
                    buf = ""
                yield word
            x = y
        if buf:
            yield buf

    def cut_words(self, sentence: str) -> list[str]:
        """jieba.Tokenizer.cut(sentence, HMM=False)."""
        out: list[str] = []
        for blk in _HAN_DEFAULT.split(sentence):
            if not blk:
                continue
            if _HAN_DEFAULT.match(blk):
                out.extend(self._cut_dag_no_hmm(blk))
                continue
            for x in _SKIP_DEFAULT.split(blk):
                if _SKIP_DEFAULT.match(x):
                    out.append(x)
                else:
                    out.extend(x)
        return out

    # -- jieba.posseg.POSTokenizer --

    def cut(self, sentence: str) -> list[Pair]:
        """jieba.posseg's cut(sentence) with HMM: words with POS flags, covering the text."""
        out: list[Pair] = []
        for blk in _HAN_INTERNAL.split(sentence):
            if _HAN_INTERNAL.match(blk):
                # jieba cuts each run between punctuation on its own, so a clause reuses
                # the runs of the paragraph it came from
                words = self._runs.get(blk)
                if words is None:
                    if len(self._runs) >= _RUNS_KEPT:
                        self._runs.clear()
                    words = self._runs[blk] = tuple(self._cut_dag(blk))
                out.extend(words)
                continue
            for x in _SKIP_INTERNAL.split(blk):
                if _SKIP_INTERNAL.match(x):
                    out.append(Pair(x, "x"))
                    continue
                for xx in x:
                    if _NUM.match(xx):
                        out.append(Pair(xx, "m"))
                    elif _ENG.match(x):
                        out.append(Pair(xx, "eng"))
                    else:
                        out.append(Pair(xx, "x"))
        return out

    def _flush(self, buf: str, out: list[Pair]) -> None:
        if len(buf) == 1:
            out.append(Pair(buf, self.tag(buf)))
        elif not self.freq(buf):
            out.extend(self._cut_detail(buf))
        else:
            out.extend(Pair(ch, self.tag(ch)) for ch in buf)

    def _cut_dag(self, sentence: str) -> list[Pair]:
        ends = self._route(sentence)
        out: list[Pair] = []
        x, n, buf = 0, len(sentence), ""
        while x < n:
            y = ends[x] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(Pair(word, self.tag(word)))
            x = y
        if buf:
            self._flush(buf, out)
        return out

    def _cut_detail(self, sentence: str) -> list[Pair]:
        out: list[Pair] = []
        for blk in _HAN_DETAIL.split(sentence):
            if _HAN_DETAIL.match(blk):
                out.extend(_cut_hmm(blk))
                continue
            for x in _SKIP_DETAIL.split(blk):
                if not x:
                    continue
                if _NUM.match(x):
                    out.append(Pair(x, "m"))
                elif _ENG.match(x):
                    out.append(Pair(x, "eng"))
                else:
                    out.append(Pair(x, "x"))
        return out


@lru_cache(maxsize=2048)
def _cut_hmm(sentence: str) -> tuple[Pair, ...]:
    """An unknown run cut and tagged by jieba's POS-HMM (independent of user words)."""
    route = viterbi(sentence, hmm())
    out: list[Pair] = []
    begin = nexti = 0
    for i, ch in enumerate(sentence):
        pos = route[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append(Pair(sentence[begin:i + 1], route[i][2:]))
            nexti = i + 1
        elif pos == "S":
            out.append(Pair(ch, route[i][2:]))
            nexti = i + 1
    if nexti < len(sentence):
        out.append(Pair(sentence[nexti:], route[nexti][2:]))
    return tuple(out)
