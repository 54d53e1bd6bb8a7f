"""From reader blocks to meeting metadata, topics and action-item candidates.

One pass over the blocks with a small state machine: headings and label lines
switch the current topic and section (讨论 / 共识 / 分歧 / 行动项); metadata
lines and tables fill the meeting; action tables are found by their header
row; every other sentence becomes a candidate for `extract.detect` to judge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from minutes import labels
from minutes.meeting import TITLE_WORDS, build_meeting
from minutes.meeting_dates import find_full_date
from minutes.model import Block, Candidate, Document, Source, Structured, Topic

_TOPIC_LINE = re.compile(r"^\s*(?:议题|Topic|话题)\s*[一二三四五六七八九十\d]+\s*[：:、.．]?\s*(.+)$", re.I)
# "；" ends a clause-item in Chinese; an English "; target go-live …" goes on with the same item
_SENT_END = re.compile(r"(?<=[。！？!?；])|(?<=;)(?!\s*[a-z])|\n|(?=[①-⑳])")
_EN_SENT = re.compile(r"(?<=[a-z0-9)\]]\.)\s+(?=[A-Z])")
_LIST_SEP = re.compile(r"[、,，;；/\s]+")
_SENTENCE_VALUE = re.compile(r"[，,。；;].*\S.*[，,。；;]|[。；;]\S")
_BRACKET_TITLE = re.compile(r"^\s*[【\[][^】\]]{1,20}[】\]]\s*$")
_SEGMENTS = re.compile(r"\s*[｜|丨]\s*|\s{3,}")
_DATE_LABEL = re.compile(r"(?:会议|评审|沟通|召开|开会|讨论|例会|复盘)?(?:日期|时间)$|^(?:date|time)$", re.I)


def split_sentences(text: str) -> list[str]:
    """Sentences of a line, keeping their end punctuation; commas stay inside."""
    out = []
    for part in _SENT_END.split(text):
        for piece in _EN_SENT.split(part):
            piece = piece.strip()
            if piece and not re.fullmatch(r"[\W_]+", piece):
                out.append(piece)
    return out


@dataclass
class _TopicDraft:
    title: str
    discussion: list[str] = field(default_factory=list)
    consensus: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    implicit: bool = False

    def add(self, mode: Optional[str], text: str) -> None:
        bucket = {"consensus": self.consensus, "disagreements": self.disagreements}.get(mode or "", self.discussion)
        bucket.append(text)

    def freeze(self) -> Topic:
        return Topic(self.title, tuple(self.discussion), tuple(self.consensus), tuple(self.disagreements))


@dataclass
class _State:
    meta: dict = field(default_factory=dict)
    topics: list[_TopicDraft] = field(default_factory=list)
    mode: Optional[str] = None
    mode_level: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    record: Optional[dict] = None  # labelled 任务/负责人/截止时间 lines being collected
    tables: dict = field(default_factory=dict)  # table index -> column map of an action table
    last_row: dict = field(default_factory=dict)  # table index -> previous row cells (vertical merges)
    first_heading: Optional[str] = None
    date_lines: list[str] = field(default_factory=list)
    done_tables: set = field(default_factory=set)  # action tables under a report-of-done section
    skip_tables: set = field(default_factory=set)  # attendance sheets
    last_content: Optional[tuple] = None  # (block, body, mode) of the latest content line

    @property
    def topic(self) -> Optional[_TopicDraft]:
        return self.topics[-1] if self.topics else None

    def topic_title(self) -> Optional[str]:
        t = self.topic
        return t.title if t and not t.implicit else None

    def new_topic(self, title: str) -> None:
        self.flush_record()
        self.topics.append(_TopicDraft(title))
        self.mode = None

    def content(self, text: str, block: Block, source: Source) -> None:
        """A line of discussion / consensus / action text."""
        self.last_content = (block, text, self.mode)
        if self.topic is None:
            self.topics.append(_TopicDraft("", implicit=True))
        if self.mode == "comments":
            return  # readers' comments under a wiki page
        if self.mode != "actions":
            self.topic.add(self.mode, text)
        if self.mode == "done":
            return  # "Yesterday" / "上周完成情况": reports, never items
        origin = "action_section" if self.mode == "actions" or block.checked is not None else "sentence"
        sentences = [text] if origin == "action_section" else split_sentences(text)
        for sent in sentences:
            self.candidates.append(Candidate(
                # a chat message or speaker turn is shown whole: its sentences lean on each other
                text=sent, source=replace(source, text=sent if origin == "sentence" and block.speaker is None else text),
                origin=origin, topic=self.topic_title(), speaker=block.speaker, checked=block.checked,
                fields=_context(self.mode, block),
            ))

    def field_line(self, key: str, value: str, source: Source, block: Block) -> None:
        """'任务：… / 负责人：… / 截止时间：…' lines grouped into one candidate."""
        if self.record is None or key in self.record["fields"]:
            self.flush_record()
            self.record = {"fields": {}, "source": source, "texts": [], "speaker": block.speaker}
        self.record["fields"][key] = value
        self.record["texts"].append(source.text)

    def flush_record(self) -> None:
        rec, self.record = self.record, None
        if not rec:
            return
        fields = rec["fields"]
        task = fields.get("task", "")
        if not (task or fields.get("owner") and fields.get("deadline")):
            return
        text = " ".join(rec["texts"])
        # "问题：收益预期如何？" alone is a line of discussion, not a record: only a task
        # with an owner, a deadline or a deliverable beside it is taken as given
        origin = "fields" if set(fields) & {"owner", "deadline", "deliverable"} else "sentence"
        if origin == "sentence" and self.topic is not None:
            self.topic.add(self.mode, task)
        self.candidates.append(Candidate(
            text=task or text, source=replace(rec["source"], text=text), origin=origin,
            topic=self.topic_title(), fields=dict(fields) if origin == "fields" else {}, speaker=rec["speaker"],
        ))


def _context(mode: Optional[str], block: Block) -> dict:
    """Extra facts the extractor may use: the section kind and an IM reply's quoted message."""
    out = {}
    if mode in ("consensus", "disagreements"):
        out["mode"] = mode
    if block.quoted:
        out["quoted"] = block.quoted
    if block.kind == "list_item":
        out["level"] = block.level or 0  # a deeper bullet usually details the bullet above it
    return out


def structure(doc: Document, *, meeting_date: Optional[date] = None) -> Structured:
    st = _State()
    for block in doc.blocks:
        if block.kind == "table_row":
            st.flush_record()
            _table_row(st, block)
        elif block.kind == "heading":
            _heading(st, block)
        else:
            _line(st, block)
    st.flush_record()
    meeting = build_meeting(doc, st.meta, st.date_lines, meeting_date)
    topics = tuple(t.freeze() for t in st.topics if not t.implicit or t.discussion or t.consensus or t.disagreements)
    topics = tuple(replace(t, title=t.title or meeting.title or "会议内容") for t in topics)
    return Structured(document=doc, meeting=meeting, topics=topics, candidates=tuple(st.candidates))


def _heading(st: "_State", block: Block) -> None:
    st.flush_record()
    text = block.text.strip()
    level = block.level or 1
    section = labels.section_of(text)
    if section == "topics":
        st.mode, st.mode_level = "topics", level
        return
    if section:
        st.mode, st.mode_level = section, level
        return
    m = _TOPIC_LINE.match(text)
    title = m.group(1).strip() if m else labels.strip_numbering(text, title=True).strip("【】[] ")
    if st.first_heading is None and not st.topics:
        st.first_heading = title
        leading = (block.source.line is not None and block.source.line <= 3 and level <= 1
                   and title == text)  # "# 周会 7.10" is a title, "一、预算" a topic
        if (TITLE_WORDS.search(title) or leading) and not m:
            st.meta.setdefault("title_heading", title)
            return
    if st.mode == "actions" and level > st.mode_level:
        return  # "研发侧" under 行动项 groups items, it opens no topic
    st.new_topic(title)


def _line(st: "_State", block: Block) -> None:
    text = block.text.strip()
    if not text:
        return
    src = block.source
    if (block.kind == "paragraph" and find_full_date(text) and len(text) <= 40 and not labels.split_kv(text)
            and not labels.is_publication_line(text)):
        st.date_lines.append(text)  # IM export date separators, "2024年7月10日" under a title
    m = _TOPIC_LINE.match(text)
    if m and block.kind != "turn" and block.kind != "message":
        st.new_topic(m.group(1).strip())
        return
    if block.kind in ("paragraph", "list_item") and len(text) <= 24 and block.speaker is None:
        section = labels.section_of(text.rstrip("：:"))
        if section or (block.kind == "paragraph" and _BRACKET_TITLE.match(text)):
            # "【行动项清单】", "Actions", "决议：", "【Q1 Campaign】" on a line of their own
            _heading(st, replace(block, kind="heading", level=(st.mode_level or 1)))
            return
    if block.kind == "list_item":
        text = labels.strip_numbering(text) or text  # "1. 任务描述：…" is a field line
    kv = labels.split_kv(text) if block.kind not in ("message", "turn") or block.speaker is None else None
    if kv and _SEGMENTS.search(text):
        parts = [p.strip() for p in _SEGMENTS.split(text) if p.strip()]
        pairs = [labels.split_kv(p) for p in parts]
        if len(parts) > 1 and all(pairs) and any(_meta_key(lbl) for lbl, _ in pairs):
            for lbl, value in pairs:
                _meta(st, lbl, value)
            return
    if kv:
        label, value = kv
        if _meta(st, label, value):
            return
        section = labels.lookup("sections", label)
        if section:
            st.flush_record()
            if section == "topics":
                if value:
                    st.new_topic(labels.strip_numbering(value))
                else:
                    st.mode = "topics"
                return
            st.mode = section
            if value:
                st.content(value, block, src)
            return
        key = labels.lookup("action_table", label)
        if key == "task" and _action_tag(st, label, value, block, src):
            return
        if key in ("task", "owner", "deadline", "deliverable", "priority", "status", "collaborators", "department"):
            st.field_line(key, value, src, block)
            return
    st.flush_record()
    if st.mode == "topics":
        if block.kind in ("list_item", "paragraph") and len(text) <= 40:
            st.new_topic(labels.strip_numbering(text))
            st.mode = "topics_listed"
            return
    if st.mode == "topics_listed" and block.kind == "list_item" and len(text) <= 40 and block.level == 0:
        st.new_topic(labels.strip_numbering(text))
        st.mode = "topics_listed"
        return
    body = labels.strip_numbering(text) if block.kind in ("list_item", "paragraph") else text
    st.content(body or text, block, src)


# "Action: CJ by 6 June", "Action: Finance Committee – ASAP", "Action: HL (with GM) by 30 June",
# "Action: MY – TBC": British minutes tag the paragraph above with who and by when.
_TAG = re.compile(r"^(?P<owner>[^，,。；;:：]{1,40}?)\s*(?:[–—-]+\s*|\s+(?=by\b|before\b|within\b|on\b|asap\b|tbc\b|tba\b|tbd\b|end\b))"
                  r"(?P<when>(?:by|before|within|on)?\s*[^，,。；;]{1,30})$", re.I)
_TAG_ONLY = re.compile(r"^[A-Z]{2,4}(?:\s*[/&,]\s*[A-Z]{2,4})*$")


def _action_tag(st: "_State", label: str, value: str, block: Block, src: Source) -> bool:
    """An owner-and-date tag under a paragraph makes that paragraph an item with those fields."""
    if labels.norm_label(label) not in ("action", "actions", "action by", "行动", "跟进") or st.last_content is None:
        return False
    value = value.strip()
    m = _TAG.match(value)
    owner, when = (m.group("owner").strip(), m.group("when").strip()) if m else (value, "")
    if not owner or (not m and not _TAG_ONLY.match(value)) or len(owner.split()) > 5:
        return False
    prev, body, _ = st.last_content
    if prev.source.line is None:
        return False
    body = _tagged_sentence(re.sub(r"^\d{1,2}(?:\.\d{1,2})+\s+", "", body), owner)
    # the paragraph's sentences were taken as candidates; the tagged paragraph replaces them
    st.candidates = [c for c in st.candidates if c.source.line != prev.source.line]
    fields = {"task": body, "owner": owner}
    if when:
        fields["deadline"] = re.sub(r"^(?:by|before|on)\s+", "", when, flags=re.I)
    st.candidates.append(Candidate(
        text=body, source=replace(prev.source, text=f"{prev.source.text}\n{src.text}"), origin="fields",
        topic=st.topic_title(), fields=fields,
    ))
    st.last_content = None
    return True


_ACTION_WORDS = re.compile(r"\b(?:would|will|to|was asked|were asked|is asked|are required|agreed to|offered to)\b|负责|牵头|请|需", re.I)


def _tagged_sentence(body: str, owner: str) -> str:
    """The sentence of a tagged paragraph that holds the action: the one naming the owner,
    else one with an action word, else the last."""
    sentences = split_sentences(body)
    if len(sentences) <= 1:
        return body
    head = owner.split("(")[0].split("（")[0].strip()
    named = [x for x in sentences if head and re.search(rf"(?<![A-Za-z]){re.escape(head)}(?![A-Za-z])", x)]
    acting = [x for x in sentences if _ACTION_WORDS.search(x)]
    both = [x for x in named if x in acting]
    if both:
        return both[-1]
    if named:
        return named[0]
    return (acting or sentences)[-1]


def _meta_key(label: str) -> Optional[str]:
    if labels.is_publication_line(label):
        return "notes"  # "导出时间", "打印时间": when the file was made, not the meeting
    key = labels.lookup("meeting", label)
    if key:
        return key
    # "评审日期", "复盘时间": any label naming a date or time that is not a deadline column
    if _DATE_LABEL.search(labels.norm_label(label)) and not labels.lookup("action_table", label):
        return "date"
    return None


def _meta(st: "_State", label: str, value: str) -> bool:
    key = _meta_key(label)
    if not key:
        return False
    if st.topics and key in st.meta and key not in ("attendees", "departments", "absent"):
        return False  # a second "时间：…" inside a topic is content, not the meeting's
    if st.topics and key not in ("notes", "next_meeting", "link") and _SENTENCE_VALUE.search(value):
        return False  # "主持人：外请主持人韦老师，对接人潘婷婷，合同周五前签回" is a topic line
    if key == "notes":  # "注：…" explains the minutes; it assigns nothing
        if st.topic is not None and value:
            st.topic.discussion.append(value)
        return True
    if key in ("attendees", "departments", "absent"):
        items = [v for v in _LIST_SEP.split(value) if v]
        st.meta.setdefault(key, []).extend(items)
    elif value:
        st.meta.setdefault(key, value)
    return True


def _table_row(st: "_State", block: Block) -> None:
    cells = list(block.cells or ())
    t = block.table
    prev = st.last_row.get(t)
    if prev and block.vmerged:
        for i in block.vmerged:
            if i < len(cells) and i < len(prev) and not cells[i]:
                cells[i] = prev[i]
    st.last_row[t] = cells
    filled = [c for c in cells if c.strip()]
    if not filled:
        return
    if t in st.skip_tables:
        return
    colmap = st.tables.get(t)
    if colmap is None and block.row == 0 and _attendance_header(cells):
        # 单位 | 姓名 | 职务 | 签到: who came, not who does what
        st.skip_tables.add(t)
        st.meta.setdefault("attendance_tables", []).append(t)
        return
    if colmap is None:
        header = _action_header(cells)
        if header:
            st.tables[t] = header
            if st.mode == "done":  # a table of last time's actions under "上期 Action 回顾"
                st.done_tables.add(t)
            else:
                st.mode = "actions_table"
            return
    else:
        if len(set(filled)) == 1 and len(cells) > 1:
            # a section row spanning the table ("一、研发侧") names a group, not an item
            title = labels.strip_numbering(filled[0], title=True)
            if labels.section_of(title) is None and _action_header(cells) is None:
                st.new_topic(title)
                st.mode = "actions_table"
            return
        # empty owner/deadline/deliverable cells stay as "" so extraction knows the column exists
        own = [i for i, c in enumerate(cells) if c.strip() and i not in (block.vmerged or ())]
        sub = {i: labels.lookup_loose("action_table", cells[i]) for i in own}
        if own and all(sub.values()):
            # a second header row under a merged one ("责任分工" over 主责人 | 配合人)
            for i, key in sub.items():
                if key not in colmap.values() or colmap.get(i) is None:
                    colmap[i] = key
            return
        fields = {key: cells[i].strip() for i, key in colmap.items()
                  if i < len(cells) and (cells[i].strip() or key in ("owner", "deadline", "deliverable"))}
        if not fields.get("task") or t in st.done_tables:
            return
        st.candidates.append(Candidate(
            text=fields["task"], source=block.source, origin="table",
            topic=st.topic_title(), fields=fields,
        ))
        return
    # key-value rows: metadata tables and 沟通记录表 rows (议题 | … | 讨论要点 | …)
    if _kv_row(st, cells, block):
        return
    distinct = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
    if len(distinct) > 1 and all("\n" not in c and len(c) <= 60 for c in distinct):
        # a row of an unknown table reads as one sentence: "安全评审 | 冯刚 | 下周"
        text = "，".join(distinct)
        _line(st, replace(block, kind="paragraph", text=text, cells=None, source=replace(block.source, text=block.text)))
        return
    for cell in distinct:
        for line in cell.split("\n"):
            if line.strip():
                _line(st, replace(block, kind="paragraph", text=line.strip(), cells=None,
                                  source=replace(block.source, text=line.strip())))


def _attendance_header(cells: list[str]) -> bool:
    """A sign-in sheet's header: two or more attendance columns and no task column."""
    keys = [labels.lookup("attendance_table", c) for c in cells if c.strip()]
    if sum(1 for k in keys if k) < 2:
        return False
    return not any(labels.lookup_loose("action_table", c) == "task" for c in cells if c.strip())


def _kv_row(st: "_State", cells: list[str], block: Block) -> bool:
    pairs = []
    i = 0
    while i < len(cells) - 1:
        label = cells[i].strip()
        if label and (_meta_key(label) or labels.lookup("sections", label)):
            j = i + 1
            while j < len(cells) - 1 and not cells[j].strip():
                j += 1  # merged value cells leave blanks
            pairs.append((label, cells[j].strip()))
            i = j + 1
        else:
            i += 1
    if not pairs:
        return False
    for label, value in pairs:
        if _meta(st, label, value):
            continue
        section = labels.lookup("sections", label)
        if section == "topics":
            titles = [labels.strip_numbering(v, title=True) for v in value.split("\n") if v.strip()]
            for title in titles or ["议题"]:
                st.new_topic(title)
            continue
        st.mode = section
        for line in value.split("\n"):
            if line.strip():
                st.content(labels.strip_numbering(line.strip()), block, replace(block.source, text=line.strip()))
    return True


def _action_header(cells: list[str]) -> Optional[dict[int, str]]:
    colmap: dict[int, str] = {}
    for i, cell in enumerate(cells):
        key = labels.lookup_loose("action_table", cell) if cell.strip() else None
        if key and key not in colmap.values():
            colmap[i] = key
    keys = set(colmap.values())
    if "task" not in keys and {"owner", "deadline"} <= keys:
        # a header naming who and when but not what: the unlabelled text column is the task
        free = [i for i, c in enumerate(cells) if i not in colmap and c.strip()]
        if len(free) == 1:
            colmap[free[0]] = "task"
            keys.add("task")
    if "task" in keys and keys & {"owner", "deadline", "deliverable"}:
        return colmap
    return None
