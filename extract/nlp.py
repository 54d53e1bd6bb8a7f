"""One cached segmenter per roster, and the person-name guesser built on it.

Segmentation is jieba's, word for word (extract.segment ports it over
per-character tables from extract.jieba_data, so a run pays for the characters
it looks up, not ~1.5 s for loading jieba). Each roster gets its own segmenter
with the roster's names and aliases as user words (so 刘洋 and 潘婷婷 segment
whole) without leaking them into other rosters.

No spaCy pipeline: spaCy's Chinese jieba segmenter always uses jieba's global
dictionary (so roster words would leak between rosters), and owner finding
needs word boundaries and POS tags only.
"""
from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Optional

from extract import names
from extract.owner_rules import non_names, surnames, titles

if TYPE_CHECKING:  # pragma: no cover
    from extract.jieba_data import Dictionary
    from extract.roster import Roster
    from extract.segment import Segmenter

_LOCK = threading.Lock()
_MIN_FREQ = 2000
_NAME_FLAGS = ("nr", "nrfg", "nrt")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


class Token(NamedTuple):
    """A word, its POS flag and its span; a named tuple, as a document makes thousands."""

    word: str
    flag: str
    start: int
    end: int


def _base() -> "Dictionary":
    """jieba's default dictionary, read lazily and shared by every roster's segmenter."""
    from extract.jieba_data import base_dictionary

    return base_dictionary()


@lru_cache(maxsize=1)
def _empty_roster() -> "Roster":
    from extract.roster import Roster

    return Roster()


@lru_cache(maxsize=16)
def _tokenizers(words: frozenset, teams: frozenset = frozenset()) -> "Segmenter":
    from extract.segment import Segmenter

    with _LOCK:
        seg = Segmenter(_base())
        for word, tag in [*((w, "nt") for w in sorted(teams - words)), *((w, "nr") for w in sorted(words))]:
            # a floor on the frequency keeps a name whole next to words jieba likes (陈静|配合, not 陈|静配合)
            seg.add_word(word, max(_MIN_FREQ, seg.suggest_freq(word)), tag)
    return seg


def roster_words(roster: Optional["Roster"]) -> frozenset[str]:
    """Words of `roster` to segment whole: names, aliases, learned mentions, and given
    names of three-character names (志远 for 梁志远) unless they are ordinary words (多多)."""
    return _words(roster or _empty_roster())[0]


def team_words(roster: Optional["Roster"]) -> frozenset[str]:
    """Department names to segment whole (运维部|马主管, not 运维|部马|主管)."""
    return _words(roster or _empty_roster())[1]


def _words(roster: "Roster") -> tuple[frozenset[str], frozenset[str]]:
    cached = _ROSTER_WORDS.get(roster)
    if cached is not None:
        return cached
    from extract.owner_rules import departments

    people = set(roster.user_words())
    for person in roster.people:
        if names.is_cjk(person.name) and len(person.name) >= 3:
            given = names.split_name(person.name)[1]
            if len(given) >= 2 and not _ordinary(given):
                people.add(given)
    rules = departments()
    teams = {d for d in roster.departments if names.is_cjk(d)}
    teams.update(stem + suffix for stem in rules.stems for suffix in ("部", "组", "部门") if names.is_cjk(stem))
    result = (frozenset(people), frozenset(teams))
    _ROSTER_WORDS[roster] = result
    return result


_ROSTER_WORDS: "weakref.WeakKeyDictionary[Roster, tuple]" = weakref.WeakKeyDictionary()


def _ordinary(word: str) -> bool:
    """A word jieba's dictionary knows as something other than a name."""
    base = _base()
    return (base.freq(word) or 0) > 0 and not (base.tag(word) or "x").startswith("nr")


def tokenizer(roster: Optional["Roster"] = None) -> "Segmenter":
    """The cached segmenter with `roster`'s names and aliases as user words
    (jieba-shaped: `FREQ`, `total`, `cut(text)` -> (word, flag) pairs)."""
    return _tokenizers(roster_words(roster), team_words(roster))


def pos_tokenizer(roster: Optional["Roster"] = None) -> "Segmenter":
    """The same segmenter: its `cut` yields POS-tagged pairs like jieba.posseg's."""
    return _tokenizers(roster_words(roster), team_words(roster))


def tokens(text: str, roster: Optional["Roster"] = None) -> list[Token]:
    """POS-tagged tokens with character offsets."""
    return list(_tokens(text, roster_words(roster), team_words(roster)))


@lru_cache(maxsize=4096)
def _tokens(text: str, words: frozenset, teams: frozenset) -> tuple[Token, ...]:
    out, at = [], 0
    for word, flag in _tokenizers(words, teams).cut(text):
        start = at if text.startswith(word, at) else text.find(word, at)  # the words cover the text
        if start < 0:
            start = at
        end = start + len(word)
        out.append(Token(word, flag, start, end))
        at = end
    return tuple(out)


def in_dictionary(word: str) -> bool:
    """Whether jieba's own dictionary knows `word` (not a roster user word)."""
    return (_base().freq(word) or 0) > 0


# --- person candidates ------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rank: int  # 0 roster name/alias, 1 title form the roster resolves, 2 other title form, 3 generic guess


def person_candidates(text: str, roster: Optional["Roster"] = None) -> list[tuple[str, int, int]]:
    """Person mentions in `text` as (mention, start, end), in text order, not overlapping.

    Roster names and aliases (Chinese, and Latin incl. pinyin) come first; then
    surname + title (张经理, re-attached where jieba splits 张/经理) and 小X/老X;
    then jieba's `nr` guesses that start with a surname and are no ordinary
    word. A full name keeps a following title or 同学 (张伟经理, 王芳同学).
    """
    roster = roster or _empty_roster()
    if not text:
        return []
    toks = tokens(text, roster)
    found: list[_Found] = []
    found += _roster_hits(text, toks, roster_words(roster))
    found += _latin_hits(text, roster)
    found += _title_hits(text, toks, roster)
    found += _homophone_hits(text, toks, roster)
    found += _nr_hits(toks)
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.rank, -(f.end - f.start), f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    chosen.sort(key=lambda f: f.start)
    out = []
    for f in chosen:
        end = _suffix_end(text, toks, f) if f.rank in (0, 3) else f.end
        out.append((text[f.start:end], f.start, end))
    return out


@lru_cache(maxsize=16)
def _term_pattern(terms: frozenset) -> Optional[re.Pattern]:
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return _at_every_start("|".join(re.escape(t) for t in ordered), {t[0] for t in terms})


def _at_every_start(pattern: str, firsts: set[str]) -> re.Pattern:
    """`pattern` tried at every position, overlaps included: group 1 of each hit is what
    pattern.match(text, i) gives, found in one C-level scan instead of a loop per character.
    `firsts` (every character a match can start with) lets most positions fail at once."""
    return re.compile(f"(?=(?=[{_char_class(firsts)}])({pattern}))")


def _char_class(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


def _covering(toks: list[Token], start: int, end: int) -> list[Token]:
    return [t for t in toks if t.start < end and t.end > start]


def _roster_hits(text: str, toks: list[Token], terms: frozenset) -> list[_Found]:
    """Roster names and aliases, unless cut through by an ordinary word (高峰 in 高峰期)."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):  # every start, so 张伟 is found inside 张伟哥 even after a miss
        s, e = m.span(1)
        if any((t.start < s or t.end > e) and t.word not in terms for t in _covering(toks, s, e)):
            continue
        out.append(_Found(s, e, 0))
    return out


def _latin_hits(text: str, roster: "Roster") -> list[_Found]:
    """Latin aliases (Kevin) and pinyin names (Zhang Wei, Wei Zhang, Mr. Zhang) of roster people."""
    if not len(roster):
        return []
    from extract.resolve import alias_key

    index = roster.index
    words = list(_LATIN_WORD.finditer(text))
    chinese = bool(re.search(r"[\u4e00-\u9fff]", text))
    out = []
    for i, w in enumerate(words):
        for j in (i + 1, i):  # two words before one
            if j >= len(words):
                continue
            if j > i and not re.fullmatch(r"\.?[ \t]+|-", text[words[i].end():words[j].start()]):
                continue
            s, e = w.start(), words[j].end()
            piece = text[s:e]
            if not piece[:1].isupper() and not chinese:  # "will" in English prose is no alias; "请kevin确认" is
                continue
            key = alias_key(piece)
            if key in index.aliases or key in index.learned or names.latin_key(piece) in index.pinyin:
                out.append(_Found(s, e, 0))
                break
            following = words[j + 1] if j + 1 < len(words) else None
            full_name_follows = following is not None and following.group()[:1].isupper() and \
                text[e:following.start()].strip() == ""
            if j > i and not full_name_follows and roster.resolve(piece).name:  # "Mr. Zhang", not "Ms. Zhou Min"
                out.append(_Found(s, e, 1))
                break
    return out


@lru_cache(maxsize=16)
def _title_pattern(extra_surnames: frozenset) -> re.Pattern:
    rules = titles()
    family = set(surnames().readings) | extra_surnames
    sur = _alternation(family)
    words = _alternation(rules.words)
    pre = _alternation(rules.familiar_prefixes)
    firsts = {p[0] for p in rules.familiar_prefixes} | {f[0] for f in family}
    return _at_every_start(f"(?:{pre})(?:{sur})|(?:{sur})(?:{words})", firsts)


def _alternation(words) -> str:
    """Longest first, the one-character words as one class: the same matches as a plain
    longest-first alternation (one-character words never compete), in a smaller pattern."""
    longer = sorted((w for w in words if len(w) > 1), key=len, reverse=True)
    single = sorted(w for w in words if len(w) == 1)
    parts = [re.escape(w) for w in longer] + ([f"[{_char_class(set(single))}]"] if single else [])
    return "|".join(parts)


_GLUE_BEFORE = frozenset("由请让被给和与跟叫找向对把将同")


def _title_hits(text: str, toks: list[Token], roster: "Roster") -> list[_Found]:
    """张经理 / 李总 / 小王 / 老马, on token boundaries, never an ordinary word (施工, 小时)."""
    index = roster.index
    pattern = _title_pattern(frozenset(index.by_surname))
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    out = []
    for m in pattern.finditer(text):
        s, e = m.span(1)
        # jieba's HMM glues a preposition to an unknown name ("由小王", "请老马"): allow that one character
        glued = s - 1 in starts and text[s - 1] in _GLUE_BEFORE
        if (s not in starts and not glued) or e not in ends:
            continue
        piece = m.group(1)
        resolved = roster.resolve(piece)
        known = resolved.name is not None or resolved.match == "ambiguous"
        inside = _covering(toks, s, e)
        ordinary = len(inside) == 1 and not inside[0].flag.startswith("nr") and in_dictionary(piece)
        if piece.casefold() in non_names() or (ordinary and not known):
            continue
        out.append(_Found(s, e, 1 if known else 2))
    return out


def _homophone_hits(text: str, toks: list[Token], roster: "Roster") -> list[_Found]:
    """寒雪 for 韩雪, 吴开文 for 吴凯文: a roster name written with other characters of the same
    sound, as speech-to-text and hurried typing do. Only on token boundaries, and never an
    ordinary word (the roster resolves it as a fuzzy match, so it is flagged for review)."""
    sounds = _name_sounds(frozenset(roster.index.by_name))
    if not sounds:
        return []
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    out = []
    for s in sorted(starts):
        for n in (3, 2):
            e = s + n
            window = text[s:e]
            if e not in ends or len(window) != n or not names.is_cjk(window) or window in roster.index.by_name:
                continue
            if in_dictionary(window) or window.casefold() in non_names():
                continue
            if "".join(names.char_reading(c) for c in window) in sounds:
                out.append(_Found(s, e, 2))
                break
    return out


@lru_cache(maxsize=16)
def _name_sounds(roster_names: frozenset) -> frozenset:
    """Tone-less readings of the roster's two- and three-character Chinese names."""
    return frozenset("".join(names.char_reading(c) for c in name)
                     for name in roster_names if 2 <= len(name) <= 3 and names.is_cjk(name))


def _nr_hits(toks: list[Token]) -> list[_Found]:
    """jieba's person-name guesses that look like a Chinese name and are no ordinary word."""
    family = surnames()
    banned = non_names()
    out = []
    for k, t in enumerate(toks):
        word, start, end = t.word, t.start, t.end
        if word in family and len(word) == 2 and k + 1 < len(toks):  # 欧阳 + 娜娜
            nxt = toks[k + 1]
            if nxt.start == end and 1 <= len(nxt.word) <= 2 and names.is_cjk(nxt.word):
                word, end = word + nxt.word, nxt.end
        elif (word in family and len(word) == 1 and k + 2 < len(toks) and toks[k + 1].start == end
              and 1 <= len(toks[k + 1].word) <= 2 and names.is_cjk(toks[k + 1].word)
              and toks[k + 2].start == toks[k + 1].end and toks[k + 2].word in _title_words()):
            # 蔡/建国/老师: jieba splits an unknown name; the title after it says it is one
            word, end = word + toks[k + 1].word, toks[k + 1].end
        elif not t.flag.startswith(_NAME_FLAGS):
            continue
        if not (2 <= len(word) <= 4 and names.is_cjk(word)) or word in banned:
            continue
        surname = family.prefix(word)
        if not surname or len(word) - len(surname) > 2 or len(word) == len(surname):
            continue
        out.append(_Found(start, end, 3))
    return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset:
    rules = titles()
    return frozenset(rules.words) | frozenset(rules.name_suffixes)


def _suffix_end(text: str, toks: list[Token], found: _Found) -> int:
    """Extend a full name over a following title or 同学 (张伟经理, 王芳同学)."""
    rules = titles()
    ends = {t.end for t in toks}
    for suffix in rules.name_suffixes + rules.words:
        if text.startswith(suffix, found.end) and found.end + len(suffix) in ends:
            return found.end + len(suffix)
    return found.end
