"""Is this sentence an action item? And where does one sentence hold several?

Rules, not a model: a sentence assigns work when it names who (a person, a
team, "我来") together with an assignment or work verb, or when it carries a
deadline and a work verb, or an explicit marker (@, TODO, Action:). Past
facts, questions, refusals, bare decisions and chit-chat are rejected. The
cue vocabularies are data (extract/data/action_cues.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional

from minutes.errors import DataFileError

_CUE_KEYS = ("assign", "work", "obligation", "explicit", "self_commit", "past", "refusal",
             "chitchat", "decision", "status", "collaborate", "speech", "owner_pending",
             "cross_ref", "meeting_voice", "meeting_meta", "say", "done_status", "noun_compounds",
             "boilerplate", "rule", "exhortation", "obligation_nouns")
# a question ends with ？/吗 or opens with 是否/要不要; "看一下要不要代扣" inside a request is no question
_QUESTION = re.compile(r"[？?]\s*$|[吗么嘛][\s。！!～~]*$|^\W*(?:是否|要不要|能不能|有没有|可不可以|如何)|谁来|谁负责|怎么办")
_CLAUSE = re.compile(r"[，,；;]\s*")
_FUTURE_AFTER_PAST = re.compile(r"(下一步|接下来|后续|然后|再|还需|还要|需要|需在|需于|待|将|计划|准备|继续)")
_NON_WORD = re.compile(r"[\W_]+", re.U)
# "Fiona to finalise the artwork", "Legal will produce…": English minutes assign with to / will
_EN_ASSIGN = re.compile(r"^[^.;:]{0,40}?\b(?:to|will|shall|needs? to|is to|are to|has to|must)\s+(?!be\b)[a-z]{3,}")
_DUE_MARK = re.compile(r"前|之前|以内|[0-9一二三四五六七八九十两]+天内|by |before |due ")
_LOG_LINE = re.compile(r"^\s*(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}[:：]\d{2}")


@dataclass(frozen=True)
class Cues:
    words: dict

    def has(self, key: str, text: str) -> bool:
        masks = {"work": "noun_compounds", "assign": "noun_compounds", "obligation": "obligation_nouns",
                 "refusal": "obligation_nouns"}.get(key)  # 无需求 is "no demand", not 无需
        if masks and any(n in text for n in self.words[masks]):
            for noun in self.words[masks]:  # "测试环境" is a thing, not 测试 to do; 需求 obliges no one
                text = text.replace(noun, "　")
        return any(w in text for w in self.words[key])

    def find(self, key: str, text: str) -> Optional[str]:
        return next((w for w in self.words[key] if w in text), None)


@lru_cache(maxsize=1)
def cues() -> Cues:
    from minutes import yamlio

    path = resources.files("extract") / "data" / "action_cues.yaml"
    data = yamlio.load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for key in _CUE_KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not words:
            raise DataFileError(f"'{key}' must be a non-empty list", str(path))
        # longest first so find() reports the most specific cue
        out[key] = tuple(sorted({str(w) for w in words}, key=len, reverse=True))
    lowered = {k: tuple(sorted(set(v) | {w.lower() for w in v}, key=len, reverse=True)) for k, v in out.items()}
    try:
        lowered["past_patterns"] = tuple(re.compile(p) for p in data.get("past_patterns") or ())
    except re.error as exc:
        raise DataFileError(f"'past_patterns': {exc}", str(path)) from None
    return Cues(lowered)


def is_chitchat(text: str) -> bool:
    c = cues()
    rest = text.strip()
    for w in c.words["chitchat"]:
        rest = rest.replace(w, "")
    rest = _NON_WORD.sub("", rest)
    return len(rest) <= 1 and len(text.strip()) <= 16


def is_question(text: str) -> bool:
    return bool(_QUESTION.search(text.strip()))


def _due_then_work(text: str) -> bool:
    """"18号前交…", "本周五前把名单报…": a limit followed by the work to do by it."""
    from extract.owner_markers import opens_with_work

    return any(opens_with_work(text[m.end():]) for m in _DUE_MARK.finditer(text))


def is_past(text: str) -> bool:
    """A report of something done, with no future work after it."""
    c = cues()
    low = text.lower()
    word = c.find("past", low)
    if word:
        at = low.index(word)
        after = low[at + len(word):]
    else:
        m = next((m for rx in c.words["past_patterns"] if (m := rx.search(low))), None)
        if not m:
            return False
        at, after = m.start(), low[m.end():]
    before = low[:at]
    if before and (_due_then_work(before)
                   or ("@" in before and c.has("obligation", before))):
        return False  # "@马超 尽快派人来看一下，已经影响用药了": the work comes first, the report after
    later = _CLAUSE.split(after, maxsplit=1)
    if len(later) < 2:
        return not _FUTURE_AFTER_PAST.search(after)
    # "初稿已完成，下周五前提交终稿": a later clause assigns new work
    # ("已完成，已通知各业务方" stays a report: the later clause is past too)
    rest = later[1]
    if is_past(rest):
        return True
    return not (_FUTURE_AFTER_PAST.search(rest) or c.has("assign", rest) or _DUE_MARK.search(rest)
                or c.has("self_commit", rest))  # "查了，是时区的 bug，我今天 EOD 修掉"


def is_done_status(value: str) -> bool:
    """A 状态 cell that says the row is finished ("已完成", "Done ✅"), not "未完成" / "完成80%"."""
    v = re.sub(r"[\s，,。.!！]+", "", value.lower())
    if not v or re.search(r"未|没|待|进行|\d+%", v):
        return False
    return any(v == w or v.startswith(w) for w in cues().words["done_status"])


def is_refusal(text: str) -> bool:
    return cues().has("refusal", text.lower())


@dataclass(frozen=True)
class Signals:
    """What the owner and deadline finders saw in the text."""

    owner_kind: str = "none"  # OwnerMatch.match
    self_commit: bool = False
    has_deadline: bool = False
    vague_deadline: bool = False
    speech: bool = False  # the owner mention is followed by a speech verb ("张伟指出")
    deliverable: bool = False  # the text names a concrete output
    deadline_past: bool = False  # the date named is before the meeting
    deadline_bounded: bool = False  # a dated limit: "下周三前", "3天内", "by Friday"


_PEOPLE_AND_TEAMS = ("exact", "alias", "title", "pinyin", "fuzzy", "ambiguous", "unknown", "department")
# a verb-like character right after a "before" limit: 周三前招齐, 月底前交, 两天内搞定
_VERB_AFTER_LIMIT = re.compile(r"(?:前|之前|以前|内|以内)(?:要|须|需|必须|务必|得)?[把将]?[\u4e00-\u9fff]")


def is_action(text: str, origin: str, signals: Signals) -> bool:
    """Decide one candidate (already split into single items)."""
    t = text.strip()
    if not t or is_chitchat(t):
        return False
    low = t.lower()
    if origin in ("table", "fields"):
        return True
    if is_refusal(low):
        return False
    if is_question(t):
        # "@周杰 这周四之前能给一个可提测的版本吗" is a request, not an open question
        person = signals.owner_kind in ("exact", "alias", "title", "pinyin", "fuzzy", "unknown", "ambiguous")
        c = cues()
        if not (person and signals.has_deadline and not signals.vague_deadline
                and (c.has("work", low) or c.has("assign", low))):
            return False
    if is_past(low):
        return False
    c = cues()
    explicit = c.has("explicit", low) or low.startswith(("todo", "action", "ai:", "- [ ]"))
    if origin == "action_section":
        # under 行动项 / 待办 nearly every line is an item; drop sign-offs, bare names and notes
        if signals.speech:
            return False
        has_owner = signals.owner_kind != "none"
        c = cues()
        content = len(_NON_WORD.sub("", t))
        verbs = c.has("work", low) or c.has("assign", low) or c.has("self_commit", low)
        if _LOG_LINE.match(t) and signals.deadline_past:
            return False  # "2023-04-01 16:35 重启了 CDN": an incident timeline, not a task
        return content >= 4 and (verbs or signals.has_deadline or (has_owner and content >= 8))
    has_owner = signals.owner_kind not in ("none",)
    assign = c.has("assign", low) or bool(has_owner and _EN_ASSIGN.search(t))
    work = c.has("work", low)
    oblige = c.has("obligation", low)
    if signals.speech and not assign:
        # "张工说去年的可以改改接着用，月底前给个测试版本" reports a promise with a date;
        # "张伟指出，各环节务必倒排工期" reports an opinion
        reported_promise = c.has("say", low) and signals.has_deadline and not signals.vague_deadline and work
        if not reported_promise:
            return False
    if c.has("cross_ref", low) or c.has("boilerplate", low):
        return False
    if c.has("exhortation", low) and signals.owner_kind in ("none", "collective", "department"):
        return False  # "各部门要按时限抓好落实"
    if c.has("rule", low) and not c.has("assign", low):
        return False  # "封网期间原则上不做生产变更，紧急变更须经萧总审批"
    if c.has("meeting_meta", low) and not signals.has_deadline:
        return False  # "会议由梁总主持……何佳负责记录"
    if not signals.has_deadline and (signals.owner_kind == "collective"
                                     or (c.has("meeting_voice", low) and not assign)):
        # "会议强调，各部门要严格执行…", "大家认领下": exhortation, no task with a due date
        return False
    if signals.self_commit and (work or assign or signals.has_deadline):
        return True
    if not has_owner:
        # an ownerless sentence is an item only when it says the owner is still open,
        # or carries an explicit marker; otherwise it is a rule, a plan or a report
        pending = c.has("owner_pending", low)
        return (pending or explicit) and (work or assign or signals.has_deadline)
    if assign or ((work or oblige) and (signals.has_deadline or explicit)):
        return True
    if signals.deliverable and signals.has_deadline and not signals.vague_deadline:
        return True  # "①故障报告 马超 明天中午前": output, person and date
    if (signals.deadline_bounded and signals.owner_kind in _PEOPLE_AND_TEAMS
            and (explicit or oblige or _VERB_AFTER_LIMIT.search(t))):
        return True  # "@Amy 前厅还差2个传菜，下周三前招齐": a named person and a date to do it by
    return work and (oblige or signals.has_deadline)


def split_items(text: str, starts_item: Callable[[str], bool],
                dated: Optional[Callable[[str], int]] = None) -> list[str]:
    """Split "李娜负责活动方案，何佳负责物料" into one text per item.

    `starts_item(clause)` says whether a clause names its own owner with an
    assignment; a later such clause starts a new item. `dated(clause)` gives the
    length of a deadline mention in the clause (0 for none): a second dated clause
    with its own object and work verb starts a new item too ("背景板1月22日前定稿，
    邀请函周五出"). Clauses that only add a deadline, a collaborator ("赵磊配合")
    or detail stay with the item before.
    """
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    if len(clauses) < 2:
        return [text]
    c = cues()
    groups: list[list[str]] = []
    owned = has_date = False
    for clause in clauses:
        starts = starts_item(clause) and not c.has("collaborate", clause)
        date_len = dated(clause) if dated else 0
        own_work = (date_len and has_date and c.has("work", clause)
                    and len(_NON_WORD.sub("", clause)) - date_len >= 4 and not c.has("collaborate", clause))
        if groups and not (starts and owned) and not own_work:
            groups[-1].append(clause)
            owned = owned or starts
            has_date = has_date or bool(date_len)
            continue
        groups.append([clause])
        owned, has_date = starts, bool(date_len)
    if len(groups) == 1:
        return [text]
    return ["，".join(g) for g in groups]
