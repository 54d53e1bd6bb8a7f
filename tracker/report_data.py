"""The quarterly report's word lists (tracker/data/report_*.{txt,yaml}), loaded once and validated.

Which sentences are problems, which words carry no meaning, and which wordings
mean the same thing are judgements people will tune; they live in data files so
tuning never touches code, and a malformed edit fails loudly with file and key.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from minutes.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"
STOPWORDS = "report_stopwords.txt"
CUES = "report_cues.yaml"
SYNONYMS = "report_synonyms.yaml"


@dataclass(frozen=True)
class Cues:
    kinds: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, cue words), in file order
    resolved: tuple[str, ...]
    generic_topics: frozenset[str]
    title_words: tuple[str, ...]
    blocked_statuses: tuple[str, ...]
    pattern: re.Pattern  # any cue, longest first
    resolved_pattern: re.Pattern
    kind_of: dict  # case-folded cue -> kind
    labels: dict  # kind -> how the report names it

    def label(self, kind: str) -> str:
        return self.labels.get(kind, kind)


@dataclass(frozen=True)
class Synonyms:
    canonical: dict  # case-folded variant -> canonical word
    pattern: re.Pattern  # any variant, longest first

    def fold(self, text: str) -> str:
        """Every variant replaced by its canonical word, set off by spaces so it stays one word."""
        if not self.canonical:
            return text
        return self.pattern.sub(lambda m: f" {self.canonical[m.group(0).casefold()]} ", text)


def _read(name: str) -> tuple[Path, str]:
    path = DATA_DIR / name
    try:
        return path, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read report data: {exc}", path=str(path)) from None


def _yaml(name: str) -> tuple[Path, dict]:
    import yaml
    from minutes import yamlio

    path, text = _read(name)
    try:
        data = yamlio.load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}".splitlines()[0], path=str(path)) from None
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", path=str(path))
    return path, data


def _words(path: Path, value, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not (value or allow_empty):
        raise DataFileError(f"key '{key}' must be a {'' if allow_empty else 'non-empty '}list of words", path=str(path))
    out = []
    for n, word in enumerate(value):
        if isinstance(word, bool) or not isinstance(word, (str, int)) or not str(word).strip():
            raise DataFileError(f"key '{key}[{n}]' must be a non-empty word", path=str(path))
        out.append(str(word).strip())
    return tuple(out)


def _alternation(words) -> re.Pattern:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE) if ordered else re.compile(r"(?!)")


@functools.lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """Case-folded words that say nothing about which problem a sentence names."""
    path, text = _read(STOPWORDS)
    words = set()
    for n, line in enumerate(text.splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if len(word.split()) != 1:
            raise DataFileError(f"line {n}: one word per line, got {word!r}", path=str(path))
        words.add(word.casefold())
    if not words:
        raise DataFileError("no stop words", path=str(path))
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def cues() -> Cues:
    path, data = _yaml(CUES)
    table = data.get("kinds")
    if not isinstance(table, dict) or not table:
        raise DataFileError("key 'kinds' must be a non-empty mapping of kind -> cue words", path=str(path))
    kinds, kind_of = [], {}
    for kind, words in table.items():
        cue_words = _words(path, words, f"kinds.{kind}")
        kinds.append((str(kind), cue_words))
        for word in cue_words:
            kind_of.setdefault(word.casefold(), str(kind))
    resolved = _words(path, data.get("resolved"), "resolved", allow_empty=True)
    generic = _words(path, data.get("generic_topics"), "generic_topics", allow_empty=True)
    title_words = _words(path, data.get("title_words", []), "title_words", allow_empty=True)
    blocked = _words(path, data.get("blocked_statuses"), "blocked_statuses")
    labels = data.get("labels", {})
    if not isinstance(labels, dict):
        raise DataFileError("key 'labels' must be a mapping of kind -> label", path=str(path))
    for kind, label in labels.items():
        if not isinstance(label, str) or not label.strip():
            raise DataFileError(f"key 'labels.{kind}' must be a non-empty label", path=str(path))
    return Cues(
        kinds=tuple(kinds), resolved=resolved, generic_topics=frozenset(w.casefold() for w in generic),
        title_words=tuple(w.casefold() for w in title_words),
        blocked_statuses=blocked, pattern=_alternation(kind_of), resolved_pattern=_alternation(resolved),
        kind_of=kind_of, labels={str(k): v.strip() for k, v in labels.items()},
    )


@functools.lru_cache(maxsize=None)
def synonyms() -> Synonyms:
    path, data = _yaml(SYNONYMS)
    canonical: dict[str, str] = {}
    for word, variants in data.items():
        if not isinstance(word, str) or not word.strip():
            raise DataFileError(f"key {word!r} must be a word", path=str(path))
        for variant in (word, *_words(path, variants, word)):
            folded = variant.casefold()
            if canonical.get(folded, word) != word:
                raise DataFileError(f"key '{word}': variant {variant!r} is already listed under "
                                    f"'{canonical[folded]}'", path=str(path))
            canonical[folded] = word
    return Synonyms(canonical=canonical, pattern=_alternation(canonical))
