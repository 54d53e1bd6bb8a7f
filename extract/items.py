"""Candidates in, action items out: detection, splitting, owner, deadline, deliverable, flags.

This is the composition of the extract stage; each decision lives in its own
module (detect, owners, deadlines, deliverables, flags).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Iterable, Optional

from extract import deadlines as dl
from extract.deliverables import find_deliverable, from_field
from extract.detect import Signals, cues, is_action, is_done_status, is_question, split_items
from extract.flags import item_flags, meeting_flags
from extract.owners import OwnerFinding, find_owners, resolve_field
from extract.roster import Roster
from minutes.model import ActionItem, Candidate, Deadline, Extraction, OwnerMatch, Structured

_NO_DEADLINE = Deadline(mention=None, date=None)
_NO_OWNER = OwnerFinding(owner=OwnerMatch(None, None, None, "none"), collaborators=(), span=None, spans=())
_LEAD = re.compile(r"^[\s，,。；;：:、\-–—>*•·①-⑳]+|^(?:由|请|麻烦|让|@|另外|还有|然后|我这边|我们这边|这边)[\s，,]*|^(?:to|will|shall|should|must|needs? to)\s+(?=[a-z])",
                   re.I)
_TAIL = re.compile(r"[\s，,；;：:、]+$")
_EMPTY_BRACKETS = re.compile(r"[\[【(（]\s*[/、,，&+]?\s*[\]】)）]")
_EMPTY_LABELS = re.compile(r"[，,、\s]*(?:完成时间|截止时间|截止日期|时间|责任人|负责人)\s*[：:—–\-]*\s*(?=[，,。；;、\s]|$)")
_ORPHAN_DUE = re.compile(r"\s*[—–-]*\s*\b(?:due|by|eta|deadline|before)\b[\s:：,，]*$", re.I)
_ORPHAN_CLAUSES = frozenset({"配合", "协助", "支持", "负责", "完成", "牵头", "跟进", "来做", "来", "做", "提交",
                             "前完成", "前提交", "内完成", "给", "吧", "嗯", "好", "好的"})
_DANGLING = re.compile(r"^(?:负责|牵头|主导|跟进|来)\s*[，,：:]?\s*")


def extract_items(structured: Structured, roster: Optional[Roster] = None) -> Extraction:
    roster = roster or Roster(())
    ref = structured.meeting.date
    items: list[ActionItem] = []
    legend = _speaker_legend(structured)
    spoken: list[Candidate] = []  # earlier chat messages / turns, for replies like "我来"
    last: Optional[tuple[int, int]] = None  # (line, bullet level) of the latest item or a detail under it
    sentences: list[str] = []  # the candidate sentence behind each item
    undated: Optional[tuple[int, int]] = None  # (item index, chat candidates since) awaiting a date
    for cand in structured.candidates:
        if cand.speaker in legend:
            cand = replace(cand, speaker=legend[cand.speaker])
        prev = next((c for c in reversed(spoken) if c.speaker != cand.speaker), None)
        found = False
        produced = list(_from_candidate(cand, roster, ref, prev, last))
        if undated is not None and cand.speaker:
            index, age = undated
            dated = _dates_earlier(items[index], cand, produced, roster, ref)
            if dated is not None:
                # "@马超 …整理成文档发我" — "好的梁总，明天发您": the reply dates the request
                items[index] = dated
                produced = [p for p in produced if p.owner.name not in (None, dated.owner.name)]
                undated = None
            else:
                undated = (index, age + 1) if age < 2 else None
        for item in produced:
            found = True
            if _repeats(item, items):
                continue  # "总结一下：…" restates items already taken from the chat
            items.append(replace(item, id=f"a{len(items) + 1}"))
            sentences.append(cand.text)
            if cand.speaker and item.deadline.mention is None and item.owner.name:
                undated = (len(items) - 1, 0)
        line, level = cand.source.line or 0, cand.fields.get("level")
        if found and level is not None:
            last = (line, level)
        elif last is not None and _details(cand, last):
            last = (line, last[1])  # keep the item's level across its detail bullets
        elif last is None or line != last[0]:
            last = None
        if cand.speaker:
            spoken.append(cand)
    items = _own_sentences(items, sentences)
    flags = meeting_flags(structured.meeting, items)
    return Extraction(structured=structured, action_items=tuple(items), flags=flags)


_LEGEND = re.compile(r"(?<![A-Za-z0-9])([A-Z]|说话人\s*\d+|发言人\s*\d+|Speaker\s*\d+)\s*[=＝]\s*([^，,；;、\s]{2,12})")


def _speaker_legend(structured: Structured) -> dict[str, str]:
    """"A=市场部李娜，B=设计部王芳" at the top of a transcript names its speaker tags."""
    legend: dict[str, str] = {}
    for block in structured.document.blocks[:6]:
        for tag, who in _LEGEND.findall(block.text):
            legend.setdefault(tag.replace(" ", ""), who)
            legend.setdefault(tag, who)
    return legend


def _dates_earlier(item: ActionItem, cand: Candidate, produced: list[ActionItem],
                   roster: Roster, ref: Optional[date]) -> Optional[ActionItem]:
    """The undated chat item, dated by a following message from or to its owner."""
    if any(p.owner.name not in (None, item.owner.name) for p in produced):
        return None  # the message hands out other work
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


def _own_sentences(items: list[ActionItem], sentences: list[str]) -> list[ActionItem]:
    """A chat message is shown whole when it holds one item; when it holds several
    ("总结一下：①… ②…"), each item points at its own sentence instead."""
    from collections import Counter

    shared = Counter((it.source.line, it.source.text) for it in items)
    return [replace(it, source=replace(it.source, text=sent))
            if shared[(it.source.line, it.source.text)] > 1 and sent in it.source.text else it
            for it, sent in zip(items, sentences)]


def _from_candidate(cand: Candidate, roster: Roster, ref: Optional[date],
                    prev: Optional[Candidate] = None, prev_item: Optional[tuple[int, int]] = None) -> Iterable[ActionItem]:
    if cand.origin in ("table", "fields"):
        item = _from_fields(cand, roster, ref)
        if item:
            yield item
        return
    if cand.checked:
        return  # "- [x] …": a ticked box is work already done
    pieces = split_items(cand.text, lambda clause: _starts_item(clause, roster, cand.speaker),
                         lambda clause: _date_length(clause, ref))
    shared = dl.find_deadline(cand.text, ref) if len(pieces) > 1 else None
    earlier: Optional[OwnerFinding] = None
    for piece in pieces:
        finding = (_bracket_owner(piece, roster) or _labelled_owner(piece, roster)
                   or find_owners(piece, roster, speaker=cand.speaker))
        if finding.owner.match == "none" and earlier is not None:
            finding = replace(earlier, span=None, spans=())  # "…由王芳设计，…，邀请函周五出": same owner
        if finding.owner.match not in ("none", "collective"):
            earlier = finding
        if finding.owner.match == "none" and cand.speaker:
            finding = _speaker_commits(piece, cand.speaker, roster) or finding
        deadline = dl.find_deadline(piece, ref)
        if deadline is None and shared is not None and not _span_inside(shared, cand.text, piece):
            deadline = replace(shared, span=None)
        answered = None
        anonymous_self = finding.owner.match == "unknown" and finding.owner.mention in ("我", cand.speaker)
        if (finding.owner.match == "none" or anonymous_self) and deadline is not None and cand.speaker and prev is not None:
            asked = _question_to(prev, cand.speaker, roster)
            if asked:  # "周杰，埋点SDK这周能搞完吗？" — "下周三吧": the asked person commits
                answered, finding = asked[0], OwnerFinding(owner=asked[1])
        low = piece.lower()
        signals = Signals(
            owner_kind=finding.owner.match,
            self_commit=bool(answered) or (bool(cand.speaker) and cues().has("self_commit", low)),
            has_deadline=_deadline_signal(deadline, ref),
            vague_deadline=bool(deadline and deadline.vague),
            speech=_speech_after(piece, finding.span),
            deliverable=find_deliverable(piece) is not None,
            deadline_past=bool(deadline and deadline.date and ref and deadline.date < ref),
        )
        if finding.owner.match == "none" and not signals.self_commit and cand.topic:
            person = _topic_person(cand.topic, roster)
            if person is not None:  # "## 张伟（后端）" then "今天下班前提测…": the heading names the owner
                finding = OwnerFinding(owner=person)
                signals = replace(signals, owner_kind=person.match)
        if (cand.speaker and finding.owner.match == "collective" and finding.owner.mention in ("我们", "咱们")
                and _WE_WILL.search(piece)):
            # in a chat, "上线方案我们来出" is the speaker taking it on for their side
            finding = OwnerFinding(owner=replace(roster.resolve(cand.speaker), mention=finding.owner.mention))
            signals = replace(signals, owner_kind=finding.owner.match, self_commit=True)
        if signals.self_commit and finding.owner.match == "none" and cand.speaker:
            # "今年还是我吧": the cue names no one but the speaker
            finding = OwnerFinding(owner=replace(roster.resolve(cand.speaker), mention="我"))
        if prev_item is not None and _details(cand, prev_item) and not cues().has("assign", low):
            continue  # a sub-bullet detailing the item above
        if not is_action(piece, cand.origin, signals):
            continue
        context = answered or (_asked(cand, piece, prev) if signals.self_commit else None)
        if context:
            # "好的我来跟，周五前给": the work is named in the message being answered
            merged = replace(cand, source=replace(cand.source, text=f"{context}\n{cand.source.text}"))
            asked_spans = list(find_owners(context, roster).spans)  # "@王芳 详情页的banner…" loses @王芳
            yield replace(_item(merged, piece, finding, deadline or _NO_DEADLINE,
                                find_deliverable(context) or find_deliverable(piece), ref),
                          task=task_text(context, asked_spans))
            continue
        yield _item(cand, piece, finding, deadline or _NO_DEADLINE, None, ref)


def _from_fields(cand: Candidate, roster: Roster, ref: Optional[date]) -> Optional[ActionItem]:
    f = cand.fields
    task = f.get("task", "").strip()
    if not task or is_done_status(f.get("status", "")):
        return None  # an empty row, or one the table marks finished
    dept = f.get("department") or None
    if f.get("owner"):
        finding = resolve_field(f["owner"], roster, department=dept)
    elif "owner" in f:
        # the owner cell is empty: the row's 责任部门 is all the table says about who
        finding = resolve_field(dept, roster) if dept else _NO_OWNER
    else:
        finding = find_owners(task, roster, speaker=cand.speaker, department=dept)
    if f.get("collaborators"):
        extra = resolve_field(f["collaborators"], roster, department=dept)
        more = tuple(m for m in (extra.owner,) + extra.collaborators if m.match != "none")
        finding = replace(finding, collaborators=finding.collaborators + more)
    if f.get("deadline"):
        deadline = dl.resolve(f["deadline"], ref)
        if deadline.date is None and not deadline.vague:
            inner = dl.find_deadline(f["deadline"], ref)
            deadline = inner or replace(deadline, mention=f["deadline"].strip() or None)
        deadline = replace(deadline, span=None)
    else:
        deadline = dl.find_deadline(task, ref) or _NO_DEADLINE
    deliverable = from_field(f["deliverable"]) if f.get("deliverable") else None
    return _item(cand, task, finding if not f.get("owner") else replace(finding, spans=()),
                 deadline, deliverable, ref, keep_owner_text=bool(f.get("owner")),
                 search_deliverable="deliverable" not in f)  # a 交付成果 column says it all


def _item(cand: Candidate, text: str, finding: OwnerFinding, deadline: Deadline,
          deliverable: Optional[str], ref: Optional[date], keep_owner_text: bool = False,
          search_deliverable: bool = True) -> ActionItem:
    spans = list(finding.spans) if not keep_owner_text else []
    if deadline.span:
        spans.append(deadline.span)
    task = task_text(text, spans)
    if deliverable is None and search_deliverable:
        deliverable = (find_deliverable(task) or find_deliverable(text)
                       or find_deliverable(cand.fields.get("note") or ""))  # "备注：出8D报告"
    owner = finding.owner
    collaborators = tuple(c for c in finding.collaborators if c.match != "none")
    return ActionItem(
        id="", topic=cand.topic, task=task, owner=owner, collaborators=collaborators,
        deadline=replace(deadline, span=None), deliverable=deliverable, source=cand.source,
        flags=item_flags(owner, deadline, deliverable, ref),
    )


def task_text(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence without its owner and deadline mentions, tidied."""
    keep = []
    pos = 0
    for start, end in sorted(s for s in spans if s):
        if start >= pos:
            keep.append(text[pos:start])
            pos = end
    keep.append(text[pos:])
    out = "".join(keep)
    out = re.sub(r"[@＠]\s*(?=[\s，,。；;]|$)", "", out)  # "@ " once the name is gone
    out = _EMPTY_BRACKETS.sub("", out)  # "[Kevin] …" / "（王芳）" once the name is gone
    out = _EMPTY_LABELS.sub("", out)  # "完成时间：" once its date is gone
    out = _ORPHAN_DUE.sub("", out)  # "… — due" once the date is gone
    out = re.sub(r"\s{2,}", " ", out)
    for _ in range(3):
        out = _LEAD.sub("", out)
        out = _DANGLING.sub("", out)
    out = _TAIL.sub("", out).strip("。. ")
    clauses = re.split(r"[，,]", out)
    kept = [c for c in clauses if c.strip() not in _ORPHAN_CLAUSES]
    if kept and len(kept) < len(clauses):  # "接口联调，配合，完成" once 赵磊 and the date are gone
        out = "，".join(c.strip() for c in kept)
    return out if len(re.sub(r"\W", "", out)) >= 2 else text.strip()


_LABEL_HEAD = re.compile(r"^[^，,。；;：:]{1,15}[：:]\s*")
_LEADERS = re.compile(r"^(?:[\s@]|由|请|让|另外|然后|同时|并|再|还有|此外|以及|和|及|[A-Za-z]?\d*[.、)]|[①-⑳])*$")


def _details(cand: Candidate, item: tuple[int, int]) -> bool:
    """A bullet right below an item's bullet and deeper than it."""
    level = cand.fields.get("level")
    return level is not None and level > item[1] and (cand.source.line or 0) - item[0] in (1, 2)


def _repeats(item: ActionItem, earlier: list[ActionItem]) -> bool:
    """Same owner, same due date and overlapping wording as an item already taken."""
    if not item.owner.name:
        return False
    from rapidfuzz import fuzz

    for other in earlier:
        if other.owner.name == item.owner.name and other.deadline.date == item.deadline.date:
            if fuzz.partial_ratio(other.task, item.task) >= 60 or (
                    item.deliverable and other.deliverable and
                    fuzz.partial_ratio(item.deliverable, other.deliverable) >= 80):
                return True
    return False


def _date_length(clause: str, ref: Optional[date]) -> int:
    found = dl.find_deadline(clause, ref)
    return len(found.mention or "") if found and not found.vague else 0


def _starts_item(clause: str, roster: Roster, speaker: Optional[str]) -> bool:
    finding = find_owners(clause, roster, speaker=speaker)
    if finding.owner.match == "none" or finding.span is None:
        return False
    if getattr(finding, "role", None) == "specific":
        return False  # "…，黄丽同志具体负责" continues the item before it
    head = _LABEL_HEAD.sub("", clause[:finding.span[0]])  # "9月行业展会：李娜负责…"
    if not _LEADERS.match(head):
        return False  # the owner must lead the clause ("…，何佳负责物料")
    low = clause.lower()
    c = cues()
    return c.has("assign", low) or c.has("work", low)


_FILLER = re.compile(r"我来|我这边|我们这边|我负责|我去|我跟|我会|我写|来跟|跟一下|来搞|来弄|来做|来写|来出|来吧|吧|嗯|啊|呃|那个|就是|好的|好|行|可以|OK|ok|没问题|那|这个|一下|给|的|了|哦不|\W")


_WE_WILL = re.compile(r"(?:我们|咱们)(?:这边|这里)?(?:来|负责|去|会|跟|马上)")
_PLACEHOLDER = re.compile(r"(?:\[[^\]]{1,8}\]|【[^】]{1,8}】|\s)+|.{0,12}撤回了一条消息")


def _asked(cand: Candidate, piece: str, prev: Optional[Candidate]) -> Optional[str]:
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


def _deadline_signal(deadline: Optional[Deadline], ref: Optional[date]) -> bool:
    """A time that marks work due: future, vague, or explicitly "…前"; not a past date in a report."""
    if deadline is None:
        return False
    if deadline.vague or deadline.date is None or ref is None or deadline.date > ref:
        return True
    # the meeting day itself: "今天下班前" is due today; "于3月13日召开" only says when we met
    return bool(re.search(r"前|截止|为止|以内|内|by|before|eod|下班|今晚|当晚|tonight|end of (?:the )?day",
                          deadline.mention or "", re.I))


_BRACKET_TAGS = re.compile(r"紧急|重要|提醒|通知|公告|置顶|图片|文件|语音|表情|链接|撤回|urgent|important|reminder|fyi", re.I)
_BRACKET_LEAD = re.compile(r"^\s*[\[【]([^\]】\n]{1,40})[\]】]")


_INLINE_OWNER = re.compile(r"(?:责任人|负责人|主责人|跟进人|执行人|[Oo]wner)\s*(?:[：:]|[—–\-]{1,2}|为)\s*"
                           r"([^\s，,。；;、/（）()]{1,12}(?:[、/和]\s*[^\s，,。；;、/（）()]{1,12})*)")


def _labelled_owner(text: str, roster: Roster) -> Optional[OwnerFinding]:
    """"…（2025.4.15）责任人——袁丹", "完成时间：12月底，负责人：王意明": an inline owner label."""
    m = _INLINE_OWNER.search(text)
    if not m:
        return None
    finding = resolve_field(m.group(1), roster)
    if finding.owner.match == "none":
        return None
    return replace(finding, span=(m.start(), m.end()), spans=((m.start(), m.end()),))


def _bracket_owner(text: str, roster: Roster) -> Optional[OwnerFinding]:
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


_I_WILL = re.compile(r"我(?![们们])(?:[^，,。；;!?！？]{0,14}?)(?:前|之前|内|以内)?[^，,。；;]{0,4}?"
                     r"(?:给|发|交|提交|提|出|写|做|改|审|整理|准备|补|跟|联系|确认|安排|搞|弄|处理|负责|对接|更新|签|找|订|买|剪|画)")


def _question_to(prev: Candidate, speaker: str, roster: Roster) -> Optional[tuple[str, OwnerMatch]]:
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
    return None


_PERSON_HEADING = re.compile(r"^\s*([^\s（(【\[]{1,12})\s*(?:[A-Za-z]+)?\s*(?:[（(【\[][^）)】\]]{1,12}[）)】\]])?\s*$")


def _topic_person(topic: str, roster: Roster) -> Optional[OwnerMatch]:
    """A topic heading that is just a person ("张伟（后端）", "周杰 Jay"), resolved."""
    m = _PERSON_HEADING.match(topic)
    if not m or not roster.people:
        return None
    match = roster.resolve(m.group(1))
    return match if match.match in ("exact", "alias", "pinyin", "title", "fuzzy") else None


def _speaker_commits(text: str, speaker: str, roster: Roster) -> Optional[OwnerFinding]:
    """"我两个工作日内审完给意见", "那我周六之前给": the speaker promises the work."""
    m = _I_WILL.search(text)
    if not m or text[max(0, m.start() - 1):m.start()] in ("给", "让", "帮", "跟", "问", "找"):
        return None
    owner = roster.resolve(speaker)
    return OwnerFinding(owner=replace(owner, mention="我"), collaborators=(), span=(m.start(), m.start() + 1),
                        spans=((m.start(), m.start() + 1),))


_PRONOUN_REQUEST = re.compile(r"(?:请|让|由|叫|交给|交由|麻烦)(?:她|他|其|对方)")
_PROMISE = re.compile(r"(?:表示|说|回复|确认)(?:会|将|要|可以|能|马上|尽快)|承诺|答应|保证")


def _speech_after(text: str, span: Optional[tuple[int, int]]) -> bool:
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


def _span_inside(deadline: Deadline, whole: str, piece: str) -> bool:
    """Whether the shared deadline was found inside `piece` itself."""
    return bool(deadline.mention) and deadline.mention in piece
