"""The readers' word lists (minutes/data/readers.yaml), loaded once and checked.

Kept as data so a new chat client's reply word or a new bullet glyph is a
one-line change, not a code change.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from minutes.errors import DataFileError

FILE = "readers.yaml"
_KEYS = (
    "not_speakers", "department_suffixes", "speech_verbs", "numbered_speakers", "acks", "chat_markers", "surnames",
    "reply_words", "bullets", "checkbox_open", "checkbox_done", "summary_headings",
)


@dataclass(frozen=True)
class Vocab:
    not_speakers: frozenset[str]  # lower-cased
    department_suffixes: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    numbered_speakers: tuple[str, ...]
    acks: frozenset[str]  # lower-cased
    chat_markers: tuple[str, ...]
    surnames: frozenset[str]
    reply_words: tuple[str, ...]
    bullets: tuple[str, ...]
    checkbox_open: tuple[str, ...]
    checkbox_done: tuple[str, ...]
    summary_headings: frozenset[str] = frozenset()  # lower-cased


def parse_vocab(data: object, name: str = FILE) -> Vocab:
    """Validate a loaded readers.yaml; a bad key raises DataFileError naming it."""
    if not isinstance(data, dict):
        raise DataFileError("top level must be a mapping", name)
    lists: dict[str, tuple[str, ...]] = {}
    for key in _KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not words:
            raise DataFileError(f"key '{key}' must be a non-empty list of strings", name)
        out = []
        for word in words:
            if isinstance(word, (int, float)) and not isinstance(word, bool):
                word = str(word)
            if not isinstance(word, str) or not word.strip():
                raise DataFileError(f"key '{key}' holds a non-string or empty entry: {word!r}", name)
            out.append(word.strip())
        lists[key] = tuple(out)
    # Longest first, so "[x]" wins over "x" and "事业部" over "部".
    by_len = lambda seq: tuple(sorted(seq, key=len, reverse=True))  # noqa: E731
    return Vocab(
        not_speakers=frozenset(w.lower() for w in lists["not_speakers"]),
        department_suffixes=by_len(lists["department_suffixes"]),
        speech_verbs=by_len(lists["speech_verbs"]),
        numbered_speakers=by_len(lists["numbered_speakers"]),
        acks=frozenset(w.lower() for w in lists["acks"]),
        summary_headings=frozenset(w.lower() for w in lists["summary_headings"]),
        chat_markers=lists["chat_markers"],
        surnames=frozenset(lists["surnames"]),
        reply_words=by_len(lists["reply_words"]),
        bullets=by_len(lists["bullets"]),
        checkbox_open=by_len(lists["checkbox_open"]),
        checkbox_done=by_len(lists["checkbox_done"]),
    )


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    import yaml

    from minutes import yamlio

    path = resources.files("minutes") / "data" / FILE
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot load: {str(exc).splitlines()[0]}", str(path)) from None
    return parse_vocab(data, str(path))


@lru_cache(maxsize=1)
def label_words() -> frozenset[str]:
    """Every field label of labels.yaml, normalised: such words are never speakers."""
    from minutes.labels import all_labels

    return frozenset(all_labels())
