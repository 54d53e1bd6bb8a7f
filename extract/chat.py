"""Who answers whom in chats and transcripts.

A reply ("好的我来", "明天发您") takes its work from the message it answers, a
question put to a person and answered with a date makes that person the owner,
"A=市场部李娜" at the top names the speaker tags, and a later message from or
to the owner can date an undated request.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Optional

from extract import deadlines as dl
from extract.deliverables import find_deliverable
from extract.detect import is_question
from extract.flags import item_flags
from extract.owners import OwnerFinding, find_owners
from extract.roster import Roster
from minutes.model import ActionItem, Candidate, OwnerMatch, Structured

_LEGEND = re.compile(r"(?<![A-Za-z0-9])([A-Z]|说话人\s*\d+|发言人\s*\d+|Speaker\s*\d+)\s*[=＝]\s*([^，,；;、\s（(]{2,12})")


def speaker_legend(structured: Structured) -> dict[str, str]:
    """"A=市场部李娜，B=设计部王芳" at the top of a transcript names its speaker tags."""
    legend: dict[str, str] = {}
    for block in structured.document.blocks[:6]:
        for tag, who in _LEGEND.findall(block.text):
            legend.setdefault(tag.replace(" ", ""), who)
            legend.setdefault(tag, who)
    return legend


_NUMBERED = re.compile(r"^(?:说话人|发言人|讲话人|讲者|参会者|与会者|Speaker|Participant|Guest)\s*\d{1,3}$", re.I)
_LEAD_FILLER = re.compile(r"^(?:[嗯啊呃哦噢那个然后还有就是好行对，,。\s…]|那个|然后|还有|就是)*")
_VOCATIVE_END = re.compile(r"^\s*(?:[，,：:]|你|您|啊|呀|这边|那边)")


def inferred_legend(structured: Structured, roster: Roster) -> dict[str, str]:
    """Transcripts that only number their speakers ("说话人3") still say who is who: the one
    addressed by name ("老马，三号线你今天…", "张班长，这个你帮忙跟一下？") answers in the next
    turn. Each numbered speaker takes the roster person most often addressed right before
    they speak, when that person is not claimed by another speaker."""
    turns = [b for b in structured.document.blocks if b.speaker and b.kind in ("turn", "message")]
    if not any(_NUMBERED.match(t.speaker) for t in turns):
        return {}
    votes: dict[str, dict[str, int]] = {}
    for before, after in zip(turns, turns[1:]):
        if after.speaker == before.speaker or not _NUMBERED.match(after.speaker):
            continue
        name = _addressed(before.text, roster)
        if name:
            votes.setdefault(after.speaker, {}).setdefault(name, 0)
            votes[after.speaker][name] += 1
    best = {speaker: max(names.items(), key=lambda kv: kv[1]) for speaker, names in votes.items()}
    out: dict[str, str] = {}
    for speaker, (name, count) in best.items():
        rivals = [s for s, (n, c) in best.items() if n == name and s != speaker and c >= count]
        if not rivals:
            out[speaker] = name
    return out


def _addressed(text: str, roster: Roster) -> Optional[str]:
    """The roster person a turn opens by addressing ("老马，…", "曹杨你那边…")."""
    head = text[_LEAD_FILLER.match(text).end():][:24]
    from extract.mentions import find_mentions

    for mention in find_mentions(head, roster)[:2]:
        if mention.kind not in ("person", "guess"):
            continue
        after = head[mention.end:]
        # at the start with a comma ("老马，…"), or anywhere early before 你 ("…，曹杨你那边")
        if not (mention.start <= 2 and _VOCATIVE_END.match(after) or re.match(r"\s*[你您]", after)):
            continue
        found = roster.resolve(mention.text)
        if found.name and found.match in ("exact", "alias", "title", "fuzzy", "pinyin"):
            return found.name
    return None


_DECORATION = re.compile(r"[｜|/\\\-—_·•（）()\[\]【】@#\s]+|[^\w\s]")


def display_names(structured: Structured, roster: Roster) -> dict[str, str]:
    """Chat display names that dress a roster name: "杨帆｜主策划", "Tony唐磊-客户经理",
    "婷婷📷跟拍" -> the roster person, for every speaker the roster does not know as written."""
    out: dict[str, str] = {}
    speakers = {c.speaker for c in structured.candidates if c.speaker}
    for speaker in speakers:
        found = roster.resolve(speaker)
        if found.name or found.match not in ("unknown", "none"):
            continue
        hits = set()
        for piece in _DECORATION.split(speaker):
            if len(piece) < 2:
                continue
            match = roster.resolve(piece)
            if match.name and match.match in ("exact", "alias", "pinyin"):
                hits.add(match.name)
        if not hits:  # a roster name inside one piece: "Tony唐磊", "客户经理唐磊"
            for name in roster.index.by_name:
                if len(name) >= 2 and name in speaker:
                    hits.add(name)
        if len(hits) == 1:
            out[speaker] = hits.pop()
    return out


def dates_earlier(item: ActionItem, cand: Candidate, produced: list[ActionItem],
                   roster: Roster, ref: Optional[date], *, said_by: Optional[str] = None) -> Optional[ActionItem]:
    """The undated chat item, dated by a following message from or to its owner
    (`said_by` is who spoke the item)."""
    if any(p.owner.name not in (None, item.owner.name) for p in produced):
        return None  # the message hands out other work
    if any(_new_work(p, item, again=said_by == cand.speaker) for p in produced):
        return None  # "另外新员工培训我来排，11号出计划表": new work of its own, with its own date
    deadline = dl.find_deadline(cand.text, ref)
    if deadline is None:
        return None
    speaker = roster.resolve(cand.speaker) if cand.speaker else None
    from_owner = speaker is not None and speaker.name == item.owner.name
    to_owner = find_owners(cand.text, roster, speaker=cand.speaker).owner.name == item.owner.name
    if not (from_owner or to_owner):
        return None
    deadline = replace(deadline, span=None)
    return replace(item, deadline=deadline, source=replace(item.source, text=f"{item.source.text}\n{cand.source.text}"),
                   flags=item_flags(item.owner, deadline, item.deliverable, ref))


_ANOTHER = re.compile(r"^\W*(?:另外|还有|此外|另|顺便|再就是|对了)")


_FUNCTION_PAIRS = frozenset({"自己", "出来", "一下", "我来", "这边", "那边", "之前", "以前", "明天", "今天", "这个", "那个"})


def _new_work(produced: ActionItem, earlier: ActionItem, *, again: bool) -> bool:
    """A reply's own item rather than the earlier one restated: "另外 / 还有 …" opens it, or
    (`again`: the same person speaking) it shares no wording with the earlier item
    ("我来约一下法官助理" … "庭审提纲我自己来，二月十四号之前")."""
    if _ANOTHER.search(produced.task) or _ANOTHER.search(produced.source.text.split("\n")[-1]):
        return True
    return again and produced.owner.name == earlier.owner.name and not _shares_words(produced.task,
                                                                                     earlier.source.text)


def _shares_words(task: str, text: str) -> bool:
    """Some two-character chunk of the task's Chinese also occurs in the earlier text."""
    chars = re.sub(r"[^\u4e00-\u9fff]", " ", task)
    pairs = {chars[i:i + 2] for i in range(len(chars) - 1)} - _FUNCTION_PAIRS
    return any(" " not in p and p in text for p in pairs)


_FILLER = re.compile(r"我来|我这边|我们这边|我负责|我去|我跟|我会|我写|来跟|跟一下|来搞|来弄|来做|来写|来出|来吧|吧|嗯|啊|呃|那个|就是|好的|好|行|可以|OK|ok|没问题|那|这个|一下|给|的|了|哦不|\W")


_WE_WILL = re.compile(r"(?:我们|咱们)(?:这边|这里)?(?:来|负责|去|会|跟|马上)")
_PLACEHOLDER = re.compile(r"(?:\[[^\]]{1,8}\]|【[^】]{1,8}】|\s)+|.{0,12}撤回了一条消息")


def asked_context(cand: Candidate, piece: str, prev: Optional[Candidate]) -> Optional[str]:
    """The earlier message a bare "我来" answers, when the reply itself names no work."""
    core = _FILLER.sub("", piece)
    deadline = dl.find_deadline(core, None)
    if deadline and deadline.mention:
        core = core.replace(deadline.mention, "")
    if len(core) >= 6 or find_deliverable(piece):
        return None
    quoted = cand.fields.get("quoted")
    if quoted:
        return quoted.split("：", 1)[-1].strip()
    if prev is not None and prev.speaker != cand.speaker and not _PLACEHOLDER.fullmatch(prev.source.text.strip()):
        return prev.source.text.strip()
    return None


_I_WILL = re.compile(r"我(?![们们])(?:[^，,。；;!?！？]{0,14}?)(?:前|之前|内|以内)?[^，,。；;]{0,4}?"
                     r"(?:给|发|交|提交|提|出|写|做|改|审|整理|准备|补|跟|联系|确认|安排|搞|弄|处理|负责|对接|更新|签|找|订|买|剪|画)")


def question_to(prev: Candidate, speaker: str, roster: Roster) -> Optional[tuple[str, OwnerMatch]]:
    """A question put by someone else to the person now answering ("周杰，…能搞完吗？"):
    its text and that person. Transcripts often name speakers "说话人5"; then the
    person the question named is taken to be the one who answers."""
    text = prev.source.text.strip()
    if prev.speaker == speaker or not ("？" in text or "?" in text or is_question(text)):
        return None
    asked = find_owners(text, roster, speaker=prev.speaker)
    if asked.owner.match in ("none", "department", "collective") or asked.owner.mention == prev.speaker:
        return None
    who = roster.resolve(speaker)
    if who.name and asked.owner.name == who.name:
        return text, replace(who, mention=speaker)
    if who.match in ("unknown", "none") and asked.owner.name:
        return text, asked.owner
    mention = (asked.owner.mention or "").strip().lower()
    if asked.owner.match == "unknown" and len(mention) >= 2 and mention in speaker.lower():
        return text, asked.owner  # "Markus, can you upload…" — Markus Weber answers: someone outside the roster
    return None


def speaker_commits(text: str, speaker: str, roster: Roster) -> Optional[OwnerFinding]:
    """"我两个工作日内审完给意见", "那我周六之前给": the speaker promises the work."""
    m = _I_WILL.search(text)
    if not m or text[max(0, m.start() - 1):m.start()] in ("给", "让", "帮", "跟", "问", "找"):
        return None
    owner = roster.resolve(speaker)
    return OwnerFinding(owner=replace(owner, mention="我"), collaborators=(), span=(m.start(), m.start() + 1),
                        spans=((m.start(), m.start() + 1),))


def we_will(text: str) -> bool:
    """"上线方案我们来出": in a chat the speaker takes the work on for their side."""
    return bool(_WE_WILL.search(text))
