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
from extract.chat import asked_context, dates_earlier, display_names, inferred_legend, question_to, speaker_commits, speaker_legend, we_will
from extract.doc_aliases import document_aliases
from extract.detect import Signals, cues, is_action, is_chitchat, is_done_status, split_items
from extract.flags import item_flags, meeting_flags
from extract.owner_hints import bracket_owner, labelled_owner, speech_after, topic_person
from extract.owners import OwnerFinding, find_owners, resolve_field
from extract.task_text import task_text
from extract.roster import Roster
from minutes.model import ActionItem, Candidate, Deadline, Extraction, OwnerMatch, Structured

_NO_DEADLINE = Deadline(mention=None, date=None)
_OWNER_PENDING = re.compile(r"(?:负责人|责任人|人选|人员|owner|assignee)\s*[:：]?\s*$", re.I)
_NO_OWNER = OwnerFinding(owner=OwnerMatch(None, None, None, "none"), collaborators=(), span=None, spans=())
def extract_items(structured: Structured, roster: Optional[Roster] = None) -> Extraction:
    roster = roster or Roster(())
    aliases = document_aliases(_texts(structured), roster) if roster.people else {}
    if aliases:
        roster = roster.with_aliases(aliases)  # "Ms Chen Jing (CJ)": this document's initials
    ref = structured.meeting.date
    items: list[ActionItem] = []
    legend = speaker_legend(structured)
    legend.update({k: v for k, v in display_names(structured, roster).items() if k not in legend})
    legend.update({k: v for k, v in inferred_legend(structured, roster).items() if k not in legend})
    spoken: list[Candidate] = []  # earlier chat messages / turns, for replies like "我来"
    last: Optional[tuple[int, int]] = None  # (line, bullet level) of the latest item or a detail under it
    sentences: list[str] = []  # the candidate sentence behind each item
    undated: Optional[tuple[int, int, Optional[str]]] = None  # (item index, chat candidates since, speaker)
    for cand in structured.candidates:
        if cand.speaker in legend:
            cand = replace(cand, speaker=legend[cand.speaker])
        prev = next((c for c in reversed(spoken) if c.speaker != cand.speaker), None)
        found = False
        produced = list(_from_candidate(cand, roster, ref, prev, last))
        if undated is not None and cand.speaker:
            index, age, said_by = undated
            dated = dates_earlier(items[index], cand, produced, roster, ref, said_by=said_by)
            if dated is not None:
                # "@马超 …整理成文档发我" — "好的梁总，明天发您": the reply dates the request
                items[index] = dated
                produced = [p for p in produced if p.owner.name not in (None, dated.owner.name)]
                undated = None
            else:
                undated = (index, age + 1, said_by) if age < 2 else None
        for item in produced:
            found = True
            recap = (cand.speaker is None and cand.origin == "action_section"
                     and structured.document.shape in ("im", "transcript"))
            twin = _repeat_of(item, items, recap=recap)
            if twin is not None:
                if recap:  # the summary's line joins the spoken one as its source
                    items[twin] = _with_recap(items[twin], item, ref)
                continue  # "总结一下：…" restates items already taken from the chat
            items.append(replace(item, id=f"a{len(items) + 1}"))
            sentences.append(cand.text)
            if cand.speaker and item.deadline.mention is None and item.owner.name:
                undated = (len(items) - 1, 0, cand.speaker)
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


def _texts(structured: Structured) -> Iterable[str]:
    for block in structured.document.blocks:
        yield from (block.cells or (block.text,))


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
        finding = (bracket_owner(piece, roster) or labelled_owner(piece, roster)
                   or find_owners(piece, roster, speaker=cand.speaker))
        if finding.owner.match == "none" and earlier is not None:
            finding = replace(earlier, span=None, spans=())  # "…由王芳设计，…，邀请函周五出": same owner
        if finding.owner.match not in ("none", "collective"):
            earlier = finding
        if finding.owner.match == "none" and cand.speaker:
            finding = speaker_commits(piece, cand.speaker, roster) or finding
        elif cand.speaker and _ADDRESSED.match(piece) and finding.span and finding.span[0] <= 2:
            # "@陈静 拔高卷我3个工作日内出一份，您看下": addressed to 陈静, promised by the speaker
            handle_end = finding.span[1] + re.match(r"\S*", piece[finding.span[1]:]).end()
            rest = piece[handle_end:]  # past the rest of the handle: "@Tony唐磊-客户经理"
            clauses = [c for c in re.split(r"[，,。；;！!？?\s]", rest) if c.strip()]
            while clauses and is_chitchat(clauses[0]):  # "@Tony 好，确认完我这边改流程单"
                clauses.pop(0)
            promised = speaker_commits(clauses[0], cand.speaker, roster) if clauses else None
            if promised is not None and promised.owner.name:
                finding = replace(promised, span=None, spans=((0, handle_end),))
        deadline = dl.find_deadline(piece, ref)
        if deadline is not None and deadline.vague and deadline.span and _OWNER_PENDING.search(piece[:deadline.span[0]]):
            deadline = None  # "负责人待定", "owner TBD": the owner is open, not the date
        if deadline is None and shared is not None and not _span_inside(shared, cand.text, piece):
            deadline = replace(shared, span=None)
        answered = None
        # "下周三我给个版本", "Sure, we can upload them by Thursday": the answer is mine (ours)
        speaker_self = (finding.owner.mention in ("我", cand.speaker)
                        or (finding.owner.mention or "").lower() in ("we", "us", "我们", "咱们", "i"))
        if ((finding.owner.match == "none" or speaker_self) and deadline is not None
                and cand.speaker and prev is not None):
            asked = question_to(prev, cand.speaker, roster)
            if asked:  # "周杰，埋点SDK这周能搞完吗？" — "下周三吧": the asked person commits
                answered, finding = asked[0], OwnerFinding(owner=asked[1])
        low = piece.lower()
        signals = Signals(
            owner_kind=finding.owner.match,
            self_commit=bool(answered) or (bool(cand.speaker) and cues().has("self_commit", low)),
            has_deadline=_deadline_signal(deadline, ref),
            vague_deadline=bool(deadline and deadline.vague),
            speech=speech_after(piece, finding.span),
            deliverable=find_deliverable(piece) is not None,
            deadline_past=bool(deadline and deadline.date and ref and deadline.date < ref),
            deadline_bounded=_bounded(deadline),
        )
        if finding.owner.match == "none" and not signals.self_commit and cand.topic:
            person = topic_person(cand.topic, roster)
            if person is not None:  # "## 张伟（后端）" then "今天下班前提测…": the heading names the owner
                finding = OwnerFinding(owner=person)
                signals = replace(signals, owner_kind=person.match)
        if (cand.speaker and finding.owner.match == "collective" and finding.owner.mention in ("我们", "咱们")
                and we_will(piece)):
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
        context = answered or (asked_context(cand, piece, prev) if signals.self_commit else None)
        if context:
            # "好的我来跟，周五前给": the work is named in the message being answered
            merged = replace(cand, source=replace(cand.source, text=f"{context}\n{cand.source.text}"))
            asked_spans = list(find_owners(context, roster).spans)  # "@王芳 详情页的banner…" loses @王芳
            if deadline is None:  # "@Amy …下周三前招齐" — "好的 我这边在推了": the request's date
                asked_deadline = dl.find_deadline(context, ref)
                deadline = replace(asked_deadline, span=None) if asked_deadline else None
            yield replace(_item(merged, piece, finding, deadline or _NO_DEADLINE,
                                find_deliverable(context) or find_deliverable(piece), ref),
                          task=task_text(context, asked_spans))
            continue
        yield _item(cand, piece, finding, deadline or _NO_DEADLINE, None, ref)


def _from_fields(cand: Candidate, roster: Roster, ref: Optional[date]) -> Optional[ActionItem]:
    f = cand.fields
    task = f.get("task", "").strip()
    # a finished row says so in 状态, or opens its 备注 with it ("已完成（9/20上线）")
    if not task or is_done_status(f.get("status", "")) or _done_note(f.get("note", "")):
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
    if f.get("deadline") and from_field(f["deadline"]) is None and not dl.resolve(f["deadline"], ref).vague:
        deadline = _NO_DEADLINE  # "—", "/", "无": the cell says there is no date
    elif f.get("deadline"):
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


_LABEL_HEAD = re.compile(r"^[^，,。；;：:]{1,15}[：:]\s*")
_LEADERS = re.compile(r"^(?:[\s@]|由|请|让|另外|然后|同时|并|再|还有|此外|以及|和|及|[A-Za-z]?\d*[.、)]|[①-⑳])*$")


def _details(cand: Candidate, item: tuple[int, int]) -> bool:
    """A bullet right below an item's bullet and deeper than it."""
    level = cand.fields.get("level")
    return level is not None and level > item[1] and (cand.source.line or 0) - item[0] in (1, 2)


def _with_recap(spoken: ActionItem, recap: ActionItem, ref) -> ActionItem:
    """The spoken item, its source extended by the recap line, missing parts taken from it."""
    deadline = spoken.deadline if spoken.deadline.mention else recap.deadline
    deliverable = spoken.deliverable or recap.deliverable
    merged = replace(spoken, deadline=deadline, deliverable=deliverable,
                     source=replace(spoken.source, text=f"{spoken.source.text}\n{recap.source.text}"))
    if deadline is spoken.deadline and deliverable == spoken.deliverable:
        return merged
    return replace(merged, flags=item_flags(spoken.owner, deadline, deliverable, ref))


def _repeat_of(item: ActionItem, earlier: list[ActionItem], *, recap: bool = False) -> Optional[int]:
    """The index of an item already taken that `item` restates, or None.

    Same owner, same due date and overlapping wording. A `recap` (the 待办 list a
    meeting tool appends to its transcript) restates what was said in its own
    words: there the same owner and the same date, or the same owner and some
    shared wording, is enough.
    """
    key = item.owner.name or (item.owner.mention if recap else None)
    if not key:
        return None
    from rapidfuzz import fuzz

    for n, other in enumerate(earlier):
        if (other.owner.name or (other.owner.mention if recap else None)) != key:
            continue
        same_day = other.deadline.date == item.deadline.date
        if recap and other.deadline.date is not None and same_day:
            return n
        similar = fuzz.partial_ratio(other.task, item.task)
        if recap and similar >= 45:
            return n
        if same_day and (similar >= 60 or (item.deliverable and other.deliverable and
                                           fuzz.partial_ratio(item.deliverable, other.deliverable) >= 80)):
            return n
        if similar >= 80 and (item.deadline.date is None or other.deadline.date is None):
            return n  # a recap restating the task, with or without the date said earlier
    return None


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


def _done_note(note: str) -> bool:
    head = re.split(r"[（(，,；;。]", note.strip(), maxsplit=1)[0]
    return bool(head) and is_done_status(head)


_ADDRESSED = re.compile(r"^\s*[@＠]")
def _bounded(deadline: Optional[Deadline]) -> bool:
    """A dated limit the work must meet ("下周三前", "3天内", "by Friday")."""
    return bool(deadline and deadline.date and not deadline.vague and dl.is_limit(deadline.mention))


def _deadline_signal(deadline: Optional[Deadline], ref: Optional[date]) -> bool:
    """A time that marks work due: future, vague, or explicitly "…前"; not a past date in a report."""
    if deadline is None:
        return False
    if deadline.vague or deadline.date is None or ref is None or deadline.date > ref:
        return True
    # the meeting day itself: "今天下班前" is due today; "于3月13日召开" only says when we met
    return bool(re.search(r"前|截止|为止|以内|内|by|before|eod|下班|今晚|当晚|tonight|end of (?:the )?day",
                          deadline.mention or "", re.I))


def _span_inside(deadline: Deadline, whole: str, piece: str) -> bool:
    """Whether the shared deadline was found inside `piece` itself."""
    return bool(deadline.mention) and deadline.mention in piece
