"""Owner hints around the sentence grammar: a bracketed or labelled owner, a heading
that names a person, and reported speech ("张伟指出…") that assigns nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from extract.detect import cues
from extract.owners import OwnerFinding, resolve_field
from extract.roster import Roster
from minutes.model import OwnerMatch

_NO_OWNER = OwnerFinding(owner=OwnerMatch(None, None, None, "none"), collaborators=(), span=None, spans=())

_BRACKET_TAGS = re.compile(r"紧急|重要|提醒|通知|公告|置顶|图片|文件|语音|表情|链接|撤回|urgent|important|reminder|fyi", re.I)
_BRACKET_LEAD = re.compile(r"^\s*[\[【]([^\]】\n]{1,40})[\]】]")


_INLINE_OWNER = re.compile(r"(?:责任人|负责人|主责人|跟进人|执行人|[Oo]wner)\s*(?:[：:]|[—–\-]{1,2}|为)\s*"
                           r"([^\s，,。；;、/（）()]{1,12}(?:[、/和]\s*[^\s，,。；;、/（）()]{1,12})*)")


def labelled_owner(text: str, roster: Roster) -> Optional[OwnerFinding]:
    """"…（2025.4.15）责任人——袁丹", "完成时间：12月底，负责人：王意明": an inline owner label."""
    m = _INLINE_OWNER.search(text)
    if not m:
        return None
    finding = resolve_field(m.group(1), roster)
    if finding.owner.match == "none":
        return None
    return replace(finding, span=(m.start(), m.end()), spans=((m.start(), m.end()),))


def bracket_owner(text: str, roster: Roster) -> Optional[OwnerFinding]:
    """"[Kevin] Send the plan…", "【研发部】…": a bracketed lead names who owns the line."""
    m = _BRACKET_LEAD.match(text)
    if not m:
        return None
    if m.group(1).strip() in ("?", "？", "??", "TBD", "tbd", "待定"):
        return replace(_NO_OWNER, spans=((m.start(), m.end()),))
    inner = m.group(1).strip()
    finding = resolve_field(inner, roster) if re.search(r"\w", inner) else _NO_OWNER
    if finding.owner.match == "none":
        return None
    if finding.owner.match == "unknown" and (re.fullmatch(r"[A-Z]{2,6}", inner) or _BRACKET_TAGS.search(inner)):
        return None  # "[DING]", "[WIP]", "【紧急】" tag the message, they name no one
    return replace(finding, span=(m.start(), m.end()), spans=((m.start(), m.end()),))


_PERSON_HEADING = re.compile(r"^\s*([^\s（(【\[]{1,12})\s*(?:[A-Za-z]+)?\s*(?:[（(【\[][^）)】\]]{1,12}[）)】\]])?\s*$")


def topic_person(topic: str, roster: Roster) -> Optional[OwnerMatch]:
    """A topic heading that is just a person ("张伟（后端）", "周杰 Jay"), resolved."""
    m = _PERSON_HEADING.match(topic)
    if not m or not roster.people:
        return None
    match = roster.resolve(m.group(1))
    return match if match.match in ("exact", "alias", "pinyin", "title", "fuzzy") else None


_PRONOUN_REQUEST = re.compile(r"(?:请|让|由|叫|交给|交由|麻烦)(?:她|他|其|对方)")
_PROMISE = re.compile(r"(?:表示|说|回复|确认)(?:会|将|要|可以|能|马上|尽快)|承诺|答应|保证")


def speech_after(text: str, span: Optional[tuple[int, int]]) -> bool:
    """"张伟指出…", "李总也提出…": the owner is being quoted, not tasked."""
    if not span:
        return False
    rest = re.sub(r"^[\s，,]*(?:同志|老师|先生|女士)?(?:也|还|则|又|首先|随后|最后|进一步|同时|当场|会上)?", "",
                  text[span[1]:span[1] + 10])
    if _PROMISE.match(rest):
        return False  # "李总表示会尽快整理", "张伟答应周五前给": a promise, not an opinion
    if _PRONOUN_REQUEST.search(text[span[1]:]):
        return False  # "林晓提出…，会上请她周五前再出两版": the speaker is then asked to do it
    return any(rest.startswith(w) for w in cues().words["speech"])
