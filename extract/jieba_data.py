"""jieba's dictionary and POS model, read per character instead of all at once.

`import jieba.posseg` reads jieba's 5 MB dict.txt twice (a prefix table of
~600k entries, then a word-tag table), imports its HMM tables (~20 ms) and
pulls in pkg_resources: about 1.5 s before the first sentence. A run of
`minutes extract` needs a small part of that. So jieba's files are rewritten
once into cache files keyed by character (the dictionary's words grouped by
first character and sorted; the HMM's states and emissions per character),
and a run maps the cache and decodes only the characters its sentences use.

A cache carries the size and time of the jieba files it came from and is
rebuilt when they change. Where no cache folder is writable, the tables are
built in memory on every run: slower, never wrong.
"""
from __future__ import annotations

import json
import os
import tempfile
import zlib
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from minutes.errors import DataFileError

_FORMAT = 1
_HMM_TABLES = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")


@lru_cache(maxsize=1)
def jieba_dir() -> Path:
    """Where jieba is installed, found without importing it (its __init__ imports pkg_resources)."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise DataFileError("jieba is not installed", "jieba/dict.txt")
    return Path(list(spec.submodule_search_locations)[0])


def cache_dir() -> Optional[Path]:
    """A per-user cache folder, else one in the temp folder; None when neither is writable."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (Path(base) / "minutes", Path(tempfile.gettempdir()) / f"minutes-{_user()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    return None


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # pragma: no cover - Windows
        return os.environ.get("USERNAME", "user")


# --- one file of blocks keyed by character ------------------------------------------------


class Blocks:
    """Text blocks keyed by one character: block i is body[offsets[i]:offsets[i + 1]]."""

    def __init__(self, body, keys: str, offsets: list[int]):
        self._body = body  # bytes, or a read-only mmap of the cache file
        self._keys = keys  # sorted
        self._offsets = offsets

    def get(self, key: str) -> Optional[str]:
        i = bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return self._body[self._offsets[i]:self._offsets[i + 1]].decode("utf-8")
        return None


def _signature(paths: list[Path]) -> list:
    out: list = [_FORMAT]
    for path in paths:
        try:
            st = path.stat()
        except OSError as exc:
            raise DataFileError(f"cannot read: {exc.strerror or exc}", str(path)) from None
        out += [str(path), st.st_size, st.st_mtime_ns]
    return out


def _read(path: Path, signature: list) -> Optional[tuple[dict, Blocks]]:
    """(header, blocks) of a cache file, mapped rather than read; None when missing, stale or damaged."""
    import mmap

    try:
        with open(path, "rb") as f:
            line = f.readline()
            header = json.loads(line)
            if not isinstance(header, dict) or header.get("signature") != signature:
                return None
            body = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    keys, offsets = header.get("keys"), header.get("offsets")
    if not (isinstance(keys, str) and isinstance(offsets, list) and len(offsets) == len(keys) + 1
            and len(body) == len(line) + offsets[-1]):
        body.close()
        return None
    return header, Blocks(body, keys, [len(line) + o for o in offsets])


def _layout(blocks: dict[str, str]) -> tuple[bytes, str, list[int]]:
    keys = "".join(sorted(blocks))
    chunks = [blocks[k].encode("utf-8") for k in keys]
    offsets = [0]
    for chunk in chunks:
        offsets.append(offsets[-1] + len(chunk))
    return b"".join(chunks), keys, offsets


def _write(path: Path, header: dict, body: bytes) -> None:
    data = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + body
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only cache folder: the tables stay in memory for this run


def cached_blocks(name: str, sources: list[Path], build: Callable[[], tuple[dict, dict[str, str]]],
                  cache: Optional[Path] = None) -> tuple[dict, Blocks]:
    """The cache file `name`-<crc of the source paths>.txt for `sources`, built by `build` ->
    (header data, blocks) when missing or stale. `cache` is the folder (default: cache_dir())."""
    signature = _signature(sources)
    folder = cache if cache is not None else cache_dir()
    # one file per installation, so two environments sharing the folder do not rebuild in turn
    where = zlib.crc32("\n".join(str(p) for p in sources).encode("utf-8"))
    path = folder / f"{name}-{where:08x}.txt" if folder else None
    if path is not None:
        found = _read(path, signature)
        if found is not None:
            return found
    data, blocks = build()
    body, keys, offsets = _layout(blocks)
    header = {**data, "signature": signature, "keys": keys, "offsets": offsets}
    if path is not None:
        _write(path, header, body)
    return header, Blocks(body, keys, offsets)


# --- the dictionary ---------------------------------------------------------------------


class Dictionary:
    """jieba's dictionary: a word's frequency and tag, and whether text is a prefix of a word.

    Each first character's lines "word freq tag" are sorted, so the first line
    at or after `frag` starts with `frag` exactly when `frag` is a word or a
    prefix of one (" " sorts before every character of a word).
    """

    def __init__(self, blocks: Blocks, total: int):
        self.total = total
        self._blocks = blocks
        self._groups: dict[str, list[str]] = {}

    def _line(self, frag: str) -> Optional[str]:
        group = self._groups.get(frag[0])
        if group is None:
            text = self._blocks.get(frag[0])
            group = self._groups[frag[0]] = text.split("\n") if text else []
        i = bisect_left(group, frag)
        if i < len(group) and group[i].startswith(frag):
            return group[i]
        return None

    def freq(self, frag: str) -> Optional[int]:
        """A word's frequency, 0 for a mere prefix of a word, None otherwise (jieba's FREQ.get)."""
        line = self._line(frag) if frag else None
        if line is None:
            return None
        n = len(frag)
        if line[n] != " ":
            return 0
        return int(line[n + 1:line.index(" ", n + 1)])

    def tag(self, word: str) -> Optional[str]:
        line = self._line(word) if word else None
        if line is None or line[len(word)] != " ":
            return None
        return line[line.rindex(" ") + 1:]


def _dictionary_blocks(source: Path) -> tuple[dict, dict[str, str]]:
    """jieba's dict.txt grouped by first character; a repeated word keeps its last line but
    counts toward the total twice, as jieba's gen_pfdict does."""
    try:
        text = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read: {exc}", str(source)) from None
    entries: dict[str, str] = {}
    total = 0
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        parts = line.split(" ")
        if len(parts) != 3 or not parts[1].isdigit():
            raise DataFileError(f"line {number}: want 'word freq tag', got {line!r}", str(source))
        entries[parts[0]] = line
        total += int(parts[1])
    groups: dict[str, list[str]] = {}
    for word, line in entries.items():
        groups.setdefault(word[0], []).append(line)
    return {"total": total}, {k: "\n".join(sorted(v)) for k, v in groups.items()}  # bisection needs line order


def load_dictionary(source: Optional[Path] = None, cache: Optional[Path] = None) -> Dictionary:
    """The dictionary of `source` (default: jieba's dict.txt)."""
    source = Path(source) if source else jieba_dir() / "dict.txt"
    header, blocks = cached_blocks("jieba-dict", [source], lambda: _dictionary_blocks(source), cache)
    total = header.get("total")
    if not isinstance(total, int) or total <= 0:
        raise DataFileError("dictionary has no words", str(source))
    return Dictionary(blocks, total)


@lru_cache(maxsize=1)
def base_dictionary() -> Dictionary:
    """jieba's default dictionary, once per process."""
    return load_dictionary()


# --- the POS-HMM ---------------------------------------------------------------------------


class Hmm:
    """jieba.posseg's HMM; states are "B-nr" strings, which sort as jieba's ("B", "nr") tuples."""

    def __init__(self, start: dict, trans: dict, blocks: Blocks):
        self.start = start
        self.trans = trans
        self.all_states = tuple(trans)
        self.into: dict[str, list[tuple[str, float]]] = {}  # transitions read backwards
        for prev, nexts in trans.items():
            for state, p in nexts.items():
                self.into.setdefault(state, []).append((prev, p))
        self._blocks = blocks
        self._chars: dict[str, tuple] = {}

    def char(self, ch: str) -> tuple[Optional[tuple[str, ...]], dict[str, float]]:
        """(states jieba allows for `ch`, or None for any; state -> emission log p)."""
        found = self._chars.get(ch)
        if found is None:
            text = self._blocks.get(ch)
            states, emit = json.loads(text) if text else (None, {})
            found = self._chars[ch] = (tuple(states) if states is not None else None, emit)
        return found


def _state(s: tuple) -> str:
    return f"{s[0]}-{s[1]}"


def _hmm_blocks(folder: Path) -> tuple[dict, dict[str, str]]:
    """jieba.posseg's tables, imported by path so jieba's package never initialises."""
    from importlib.util import module_from_spec, spec_from_file_location

    tables = []
    for name in _HMM_TABLES:
        path = folder / f"{name}.py"
        spec = spec_from_file_location(f"extract._jieba_{name}", path)
        if spec is None or spec.loader is None:
            raise DataFileError("cannot load jieba's POS model", str(path))
        module = module_from_spec(spec)
        spec.loader.exec_module(module)
        tables.append(module.P)
    char_states, start, trans, emit = tables
    per_char: dict[str, list] = {}
    for ch, states in char_states.items():
        per_char[ch] = [[_state(s) for s in states], {}]
    for state, table in emit.items():
        for ch, p in table.items():
            per_char.setdefault(ch, [None, {}])[1][_state(state)] = p
    data = {"start": {_state(s): p for s, p in start.items()},
            "trans": {_state(a): {_state(b): p for b, p in nexts.items()} for a, nexts in trans.items()}}
    return data, {ch: json.dumps(v, ensure_ascii=False, separators=(",", ":")) for ch, v in per_char.items()}


@lru_cache(maxsize=1)
def hmm(folder: Optional[Path] = None, cache: Optional[Path] = None) -> Hmm:
    """jieba.posseg's HMM (default: jieba's own tables)."""
    folder = Path(folder) if folder else jieba_dir() / "posseg"
    sources = [folder / f"{name}.py" for name in _HMM_TABLES]
    header, blocks = cached_blocks("jieba-posseg-hmm", sources, lambda: _hmm_blocks(folder), cache)
    start, trans = header.get("start"), header.get("trans")
    if not isinstance(start, dict) or not isinstance(trans, dict) or not trans:
        raise DataFileError("POS model without start or transition table", str(folder))
    return Hmm(start, trans, blocks)
