"""Chat pastes and transcripts: who said what, and when.

Pasted text comes in three shapes. An IM paste (WeChat, DingTalk, Feishu) has
short messages under "刘凯 10:32" headers or as "[10:32] 刘凯：…" lines, with
date separators and quoted replies; a transcript has longer speaker turns
("孙浩：…", "说话人1 00:01:23"); anything else is plain minutes. Each line is
classified once (`classify_lines`), the shape is a vote over those lines
(`detect_shape`), and the blocks follow (`chat_blocks`).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from minutes.model import Block, Source
from minutes.readers.plain import Line, is_decoration, plain_block, plain_roles
from minutes.readers.timestamps import DATETIME, is_date_line, is_time_line, split_stamp
from minutes.readers.vocab import label_words, vocab

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_NAME = re.compile(rf"[{_CJK}](?:[{_CJK}·•]{{0,7}})")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){0,2}")
_MIXED_NAME = re.compile(rf"[A-Za-z]{{2,12}}[{_CJK}]{{1,3}}|[{_CJK}]{{1,3}}[A-Za-z]{{2,12}}")
_AFFILIATION = re.compile(r"(.+?)\s*[（(][^()（）]{1,12}[)）]")
_DASH_AFFILIATION = re.compile(r"([^\s\-–—_|｜]{1,12})\s*[-–—_|｜]\s*([^\s\-–—_|｜]{1,16})")
_TIMEISH = re.compile(r"\d{1,2}[:：]\d{2}|[：:，,。；;!?！？]")
_LIST_DOTS = frozenset("·•●▪◦■□◆◇")
_SYMBOLS = re.compile(r"[^\w\s·•（）()\-–—_|｜.'&]+")
_NOT_A_NAME = re.compile(r"^(?:(?:星期|周|礼拜)[一二三四五六日天]|今天|昨天|前天|明天|后天)$")

_DT = f"(?:{DATETIME})"
_BRACKET = re.compile(rf"^[\[【]\s*({_DT})\s*[\]】]\s*([^：:]*?)\s*(?:[：:]\s*(.*))?$")
_PAREN = re.compile(rf"^(.+?)\s*[（(]\s*({_DT})\s*[)）]\s*(?:[：:]\s*(.*))?$")
_HEADER = re.compile(rf"^(.+?)\s+({_DT})\s*(?:[：:]\s*(.*))?$")
_HEADER_REV = re.compile(rf"^({_DT})\s+([^：:]+?)\s*(?:[：:]\s*(.*))?$")
_COLON = re.compile(r"^([^：:]{1,24}?)\s*[：:](?!//)\s*(.*)$")
_GT = re.compile(r"^>\s?(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+\S")
_PUNCT_TAIL = re.compile(r"[\s。！!~～.，,]+$")
_QUOTE_OPEN = re.compile(r"^「[^「」：:]{1,24}[：:]")
MAX_STAMPED_LINE = 400
MAX_QUOTE_LINES = 10


@dataclass(frozen=True)
class ChatLine:
    """One classified line.

    kind: blank | deco | date | time | heading | label | quote | speaker | text
    """

    line: Line
    kind: str
    speaker: Optional[str] = None
    time: Optional[str] = None
    date: Optional[str] = None
    text: str = ""
    reply_to: Optional[str] = None  # "回复 刘凯：…" names whom it answers
    weak: bool = False  # a stamped header whose name may be message text ("会议改到 15:00")
    quote: Optional[str] = None  # "王芳：「刘洋：原话」": the sender quotes instead of saying


@lru_cache(maxsize=4096)
def speaker_name(candidate: str) -> Optional[str]:
    """The speaker a line prefix names, or None for labels, groups and words."""
    name = candidate.strip().strip("*_@ ")
    if not name or len(name) > 24:
        return None
    # emoji and symbols inside a display name separate like a dash: "婷婷📷跟拍" is 婷婷-跟拍
    name = _SYMBOLS.sub("-", name).strip("-") or name
    v = vocab()
    numbered = _numbered_speaker(name)
    if numbered:
        return numbered
    if ("|" in name or "｜" in name) and not name.startswith(("|", "｜")):
        first = re.split(r"\s*[|｜]\s*", name, maxsplit=1)[0]  # "Sarah Lin | KE", "杨帆｜主策划"
        found = speaker_name(first)
        if found:
            return found
    m = _AFFILIATION.fullmatch(name) or _DASH_AFFILIATION.fullmatch(name)
    if m:  # "王芳（设计部）", "郭建华-市一院信息科", "HR-黄丽" speak as the person
        first = speaker_name(m.group(1))
        if m.re is _AFFILIATION:
            return first
        if first and not re.fullmatch(r"[A-Z]{1,4}", first):  # "HR-黄丽": HR is the team
            return first
        return speaker_name(m.group(2)) if m.lastindex and m.lastindex >= 2 else None
    if _is_label(name) or name.lower() in v.not_speakers or _NOT_A_NAME.match(name):
        return None
    if _CJK_NAME.fullmatch(name):
        for verb in v.speech_verbs:  # "孙浩说" -> "孙浩"
            if name.endswith(verb) and len(name) - len(verb) >= 2:
                return speaker_name(name[: -len(verb)])
        core = name.replace("·", "").replace("•", "")
        if len(core) > 4 and "·" not in name and "•" not in name:
            return None
        if any(name.endswith(s) for s in v.department_suffixes if len(name) > len(s)):
            return None
        return name
    if _LATIN_NAME.fullmatch(name) or _MIXED_NAME.fullmatch(name):
        return name
    return None


def _personal(name: str) -> bool:
    """A person's name on its face: a surname first, a Latin name, or "说话人1"."""
    if not _CJK_NAME.fullmatch(name):
        return True
    surnames = vocab().surnames
    return name[:1] in surnames or name[:2] in surnames


@lru_cache(maxsize=1)
def _numbered_pattern() -> re.Pattern:
    tags = "|".join(re.escape(t) for t in vocab().numbered_speakers)
    return re.compile(rf"({tags})\s*(\d{{1,3}}|[A-Za-z])", re.I)


def _numbered_speaker(name: str) -> Optional[str]:
    m = _numbered_pattern().fullmatch(name)
    if not m:
        return None
    sep = " " if m.group(1).isascii() else ""
    return f"{m.group(1)}{sep}{m.group(2)}"


def _is_label(word: str) -> bool:
    """A field label ("时间"), or a longer word ending in one ("导出时间", "会议地点")."""
    from minutes.labels import norm_label

    key = norm_label(word)
    if key in label_words():
        return True
    return len(key) >= 3 and _CJK_NAME.fullmatch(key) is not None and any(
        key.endswith(label) for label in _cjk_labels())


@lru_cache(maxsize=1)
def _cjk_labels() -> tuple[str, ...]:
    return tuple(w for w in label_words() if len(w) >= 2 and _CJK_NAME.fullmatch(w))


@lru_cache(maxsize=1)
def _reply_pattern() -> re.Pattern:
    words = "|".join(re.escape(w) + (r"\b" if w.isascii() else "") for w in vocab().reply_words)
    return re.compile(rf"^(?:(.{{1,24}}?)\s*)?(?:{words})\s*@?\s*([^：:]{{1,24}}?)\s*[：:]\s*(.*)$", re.I)


def classify_lines(lines: Sequence[Line]) -> list[ChatLine]:
    reply = _reply_pattern()
    out: list[ChatLine] = []
    quote_until = -1  # index of the line closing a multi-line WeChat quote
    for i, line in enumerate(lines):
        text = line.text
        if i <= quote_until:
            out.append(ChatLine(line, "quote", text=text.rstrip("」").strip()))
            continue
        if _QUOTE_OPEN.match(text):  # 「刘凯：原话」, possibly over several lines
            if not text.endswith("」"):
                quote_until = _quote_end(lines, i)
            if text.endswith("」") or quote_until > i:
                out.append(ChatLine(line, "quote", text=text[1:].rstrip("」").strip()))
                continue
        c = _classify(line, text, reply)
        if c.kind == "speaker" and _QUOTE_OPEN.match(c.text):  # [10:03] 王芳：「刘洋：…」
            closed = c.text.endswith("」")
            if not closed:
                quote_until = _quote_end(lines, i)
            if closed or quote_until > i:
                c = ChatLine(line, "speaker", speaker=c.speaker, time=c.time, date=c.date,
                             quote=c.text[1:].rstrip("」").strip())
        out.append(c)
    return _settle_weak(out)


def _quote_end(lines: Sequence[Line], start: int) -> int:
    for j in range(start + 1, min(len(lines), start + MAX_QUOTE_LINES)):
        if lines[j].text.endswith("」"):
            return j
    return -1


def _settle_weak(out: list[ChatLine]) -> list[ChatLine]:
    """Keep a weak header only if a message body follows and its name is a person's or recurs."""
    counts: dict[str, int] = {}
    for c in out:
        if c.kind == "speaker" and c.speaker:
            counts[c.speaker] = counts.get(c.speaker, 0) + 1
    timed = sum(1 for c in out if c.kind == "speaker" and c.time is not None and not c.weak)
    settled = []
    for i, c in enumerate(out):
        if c.weak:
            nxt = next((out[j] for j in range(i + 1, len(out)) if out[j].kind not in ("blank", "deco")), None)
            body_follows = bool(c.text) or (nxt is not None and (nxt.kind in ("text", "quote") or _bare(nxt)))
            # a name alone with its time, in a chat whose senders are written that way
            stamped = c.time is not None and not c.text and timed >= 1 and _dressed(c.line.text)
            known = _personal(c.speaker or "") or counts.get(c.speaker or "", 0) >= 2 or stamped
            if not (body_follows and known):
                if c.line.text.startswith(("[", "【")):  # "[10:42] 大家好": a message with no sender
                    c = ChatLine(c.line, "speaker", time=c.time, date=c.date, text=c.speaker or "")
                else:
                    c = ChatLine(c.line, "text", text=c.line.text)
        settled.append(c)
    return settled


def _summary_heading(text: str) -> bool:
    """"【待办】（AI 生成，请核对）", "智能纪要", "## 发言记录": a heading of a meeting tool's export."""
    core = re.sub(r"[（(][^（）()]*[)）]\s*$", "", text.strip())
    core = core.strip("【】[]#*：: ").lower()
    return bool(core) and len(core) <= 12 and core in vocab().summary_headings


def _dressed(header: str) -> bool:
    """"婷婷📷跟拍 09:31", "阿Ken花艺 09:20": a display name with emoji, symbols or Latin letters
    (not "00:03 类案检索", a chapter list's time and topic)."""
    name = re.sub(r"\d{1,4}[-/.:：年月日]\d{1,2}(?:[-/.:：]\d{1,2})*[日号]?|\s+", "", header)
    return bool(re.search(r"[A-Za-z]|[^\w]", name))


def _bare(c: ChatLine) -> bool:
    """A "name：text" line with no time: a sender of its own, or a line of someone's message."""
    return c.kind == "speaker" and c.time is None and c.date is None and c.reply_to is None and bool(c.text)


def _classify(line: Line, text: str, reply: re.Pattern) -> ChatLine:
    if not text:
        return ChatLine(line, "blank")
    if is_decoration(text):
        return ChatLine(line, "deco")
    if is_date_line(text):
        return ChatLine(line, "date", text=text)
    if is_time_line(text):
        return ChatLine(line, "time", time=split_stamp(text)[1], text=text)
    m = _GT.match(text)
    if m:
        return ChatLine(line, "quote", text=m.group(1).strip())
    if _HEADING.match(text) or _summary_heading(text):
        return ChatLine(line, "heading", text=text)
    if text[:1] in _LIST_DOTS:  # "· 郑爽：起草书面异议（下周一前）": a list line, not a sender
        return ChatLine(line, "text", text=text)
    if len(text) > MAX_STAMPED_LINE:  # chat headers are short; spare the regexes a 100k-char line
        return _colon_line(line, text)
    m = _BRACKET.match(text)
    if m:
        date, time = split_stamp(m.group(1))
        rest, body = m.group(2), (m.group(3) or "").strip()
        name = speaker_name(rest) if rest else None
        if m.group(3) is None and name:  # "[10:32] 刘凯" heads a body, "[10:32] 大家好" is one
            return ChatLine(line, "speaker", speaker=name, time=time, date=date, weak=True)
        if name is None and rest:
            body = f"{rest}：{body}" if m.group(3) is not None else rest
        return ChatLine(line, "speaker", speaker=name, time=time, date=date, text=body)
    m = reply.match(text)
    if m:
        to = speaker_name(m.group(2))
        by = speaker_name(m.group(1)) if m.group(1) else None
        if to and (by or not m.group(1)):
            return ChatLine(line, "speaker", speaker=by, text=m.group(3).strip(), reply_to=to)
    for pattern, name_group, stamp_group in ((_PAREN, 1, 2), (_HEADER, 1, 2), (_HEADER_REV, 2, 1)):
        m = pattern.match(text)
        if m:
            if _is_label(m.group(name_group)):
                return ChatLine(line, "label", text=text)
            name = speaker_name(m.group(name_group))
            raw = m.group(name_group).strip()
            if (name is None and pattern is _HEADER and not m.group(3) and 2 <= len(raw) <= 16
                    and not _TIMEISH.search(raw)
                    and re.search(r"[A-Za-z]", raw) and re.search(r"[\u4e00-\u9fff]", raw)):
                name = raw  # "阿Ken花艺 09:20" alone on its line: a mixed display name, weak
            if name:
                date, time = split_stamp(m.group(stamp_group))
                return ChatLine(line, "speaker", speaker=name, time=time, date=date,
                                text=(m.group(3) or "").strip(), weak=not _personal(name))
    return _colon_line(line, text)


def _colon_line(line: Line, text: str) -> ChatLine:
    m = _COLON.match(text)
    if m:
        if _is_label(m.group(1)):
            return ChatLine(line, "label", text=text)
        name = speaker_name(m.group(1))
        if name:
            return ChatLine(line, "speaker", speaker=name, text=m.group(2).strip())
    return ChatLine(line, "text", text=text)


def detect_shape(lines: Sequence[ChatLine]) -> str:
    """"im", "transcript" or "plain": chat when most lines belong to someone's message.

    Label lines ("时间：…") are neutral. Bare "name：text" lines with no time,
    quote or date around them are also how plain minutes list assignments
    ("王芳：7月15日前完成初稿"), so they count as chat only when people talk
    (我/吗/吧 …, acknowledgements) or a speaker comes back after another.
    """
    content = [c for c in lines if c.kind not in ("blank", "deco", "label")]
    speakers = [c for c in content if c.kind == "speaker" and (c.speaker or c.time)]
    named = {c.speaker for c in speakers if c.speaker}
    stamped = any(c.time for c in speakers)
    if len(speakers) < 2 or (len(named) < 2 and not stamped):
        return "plain"
    covered = 0
    header_open = False  # inside a message whose header line carried no text
    for c in content:
        if c.kind == "speaker":
            covered += 1
            header_open = not c.text and c.reply_to is None
        elif c.kind in ("quote", "date", "time"):
            covered += 1
        elif c.kind == "text" and header_open:
            covered += 1
        elif c.kind == "heading":
            header_open = False
    if covered * 2 <= len(content):
        return "plain"
    furniture = stamped or any(c.kind in ("date", "time", "quote") or c.reply_to for c in content)
    headers = any(c.kind == "speaker" and not c.text for c in content)
    if not (furniture or headers or _talking(speakers)):
        return "plain"
    return _im_or_transcript(content, speakers)


def _talking(speakers: Sequence[ChatLine]) -> bool:
    """Do the "name：text" lines read as people speaking rather than a task list?"""
    v = vocab()
    texts = [c.text for c in speakers if c.text]
    if not texts:
        return False
    chatty = sum(1 for t in texts if any(m in t for m in v.chat_markers)
                 or _PUNCT_TAIL.sub("", t).lower() in v.acks)
    if chatty * 10 >= 3 * len(texts):
        return True
    order = [c.speaker for c in speakers if c.speaker]
    runs = [name for i, name in enumerate(order) if i == 0 or order[i - 1] != name]
    return len(runs) > len(set(runs))  # someone speaks again after another person


def _im_or_transcript(content: Sequence[ChatLine], speakers: Sequence[ChatLine]) -> str:
    if any(c.speaker and _numbered_speaker(c.speaker) for c in speakers):
        return "transcript"
    times = [c.time for c in speakers if c.time]
    if times:
        if times[0].startswith("00:"):  # offsets from the start of a recording
            return "transcript"
        if any(c.date for c in speakers) or any(c.kind in ("date", "quote") for c in content):
            return "im"
        texts = [c.text for c in speakers if c.text]
        if all(t.count(":") == 2 for t in times) and texts and statistics.median(map(len, texts)) >= 30:
            return "transcript"
        return "im"
    if any(c.kind in ("date", "time", "quote") or c.reply_to for c in content):
        return "im"
    texts = [c.text for c in speakers if c.text]
    if not texts:
        return "im"
    acks = vocab().acks
    ack_share = sum(1 for t in texts if _PUNCT_TAIL.sub("", t).lower() in acks) / len(texts)
    if ack_share >= 0.1 or statistics.median(map(len, texts)) < 15:
        return "im"
    return "transcript"


def chat_blocks(lines: Sequence[ChatLine], shape: str) -> list[Block]:
    """Blocks of an "im" or "transcript" paste; lines nobody owns follow the plain rules."""
    kind = "message" if shape == "im" else "turn"
    roles = plain_roles([c.line for c in lines if c.kind == "text"])
    out: list[Block] = []
    current: Optional[tuple[Optional[str], Optional[str]]] = None  # (speaker, time) owning plain lines
    header_open = False
    quote: list[str] = []
    last_time: Optional[str] = None
    last_date: Optional[str] = None
    said: dict[str, str] = {}  # speaker -> last message, for "回复 刘凯："

    def src(c: ChatLine) -> Source:
        return Source(line=c.line.no, text=c.line.text, locator=f"L{c.line.no}")

    def emit(c: ChatLine, speaker: Optional[str], time: Optional[str], text: str, quoted: Optional[str]) -> None:
        nonlocal quote
        if quote:
            quoted = "\n".join(quote)
            quote = []
        out.append(Block(kind, text, src(c), speaker=speaker, time=time, quoted=quoted))
        if speaker:
            said[speaker] = text

    for c in lines:
        if c.kind == "blank":
            if not header_open:
                current = None  # a bare "孙浩：…" turn ends at a blank line
            continue
        if c.kind == "deco":
            continue
        if c.kind in ("date", "time"):
            out.append(Block("paragraph", c.text, src(c)))
            last_time = c.time or last_time
            current, header_open = None, False
            continue
        if c.kind == "heading":
            out.append(plain_block(c.line, None))
            current, header_open = None, False
            continue
        if c.kind == "label":
            out.append(Block("paragraph", c.text, src(c)))
            continue
        if c.kind == "quote":
            if c.text:
                quote.append(c.text)
            continue
        if c.kind == "speaker" and header_open and current is not None and _bare(c):
            # inside a "萧然 12:01" message body, "总结一下：…" is text, not a new sender
            emit(c, current[0], current[1], c.line.text, None)
            continue
        if c.kind == "speaker":
            speaker = c.speaker
            if c.reply_to and speaker is None and current:
                speaker = current[0]
            same_sender = current is not None and (c.reply_to is not None or current[0] == speaker)
            time = c.time or (current[1] if same_sender else last_time)
            if c.date and c.date != last_date:
                # DingTalk/Feishu print the day in each header; keep it once as a date line
                out.append(Block("paragraph", c.date, src(c)))
                last_date = c.date
            quoted = None
            if c.reply_to:
                earlier = said.get(c.reply_to)
                quoted = f"{c.reply_to}：{earlier}" if earlier else c.reply_to
            if c.quote:
                quote.append(c.quote)  # the reply follows on the next lines
            if c.text:
                emit(c, speaker, time, c.text, quoted)
            elif quoted:
                quote.append(quoted)
            current = (speaker, time)
            # a header without text opens a message body; a reply inside one keeps it open
            header_open = (header_open or not c.text) if c.reply_to else not c.text
            continue
        # plain text: a message body line, a reply after a quote, or nobody's line
        if current is not None:
            emit(c, current[0], current[1], c.text, None)
        elif quote:
            emit(c, None, last_time, c.text, None)
        else:
            block = plain_block(c.line, roles.get(c.line.no))
            if block is not None:
                out.append(block)
    return out


def read_chat(lines: Sequence[Line]) -> tuple[str, Optional[list[Block]]]:
    """(shape, blocks); blocks is None for "plain", which the caller reads line by line."""
    classified = classify_lines(lines)
    shape = detect_shape(classified)
    if shape == "plain":
        return shape, None
    return shape, chat_blocks(classified, shape)

