"""Plain frozen dataclasses handed between pipeline stages.

Readers produce a `Document` of `Block`s; `minutes.structure` turns it into a
`Structured` (meeting metadata, topics, action-item candidates); `extract`
turns candidates into `ActionItem`s. Every stage keeps the `Source` so the JSON
can point back at the original line, paragraph or table cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional


@dataclass(frozen=True)
class Source:
    """Where a piece of text came from.

    `line` is 1-based for text/Markdown; for docx it is the 1-based index of the
    body element (paragraph or table row) in document order, so it stays a
    usable number. `locator` is human-readable: "p12", "t2r3", "t2r3c1",
    "t1r2c2/t1r1" for nested tables.
    """

    line: Optional[int]
    text: str
    locator: Optional[str] = None


@dataclass(frozen=True)
class Block:
    """One unit of reading order.

    kind: "heading" | "paragraph" | "list_item" | "table_row" | "message" | "turn"
    - heading: `level` 1..6 (docx heading styles, Markdown #, or numbering 一、/（一）/1.)
    - list_item: `level` is nesting depth (0 = top); `checked` True/False for checkboxes
    - table_row: `cells` holds the row's cell texts (merged cells appear once, spanned
      positions hold ""), `table` the table index in the document, `row` the row index
    - message: an IM message, `speaker` and `time` ("10:32") set when known
    - turn: a transcript speaker turn, `speaker` set
    """

    kind: str
    text: str
    source: Source
    level: Optional[int] = None
    cells: Optional[tuple[str, ...]] = None
    table: Optional[int] = None
    row: Optional[int] = None
    speaker: Optional[str] = None
    time: Optional[str] = None
    checked: Optional[bool] = None
    quoted: Optional[str] = None  # IM: the text of a quoted/replied-to message
    vmerged: Optional[tuple[int, ...]] = None  # table_row: cell indexes continuing a vertical merge from the row above


@dataclass(frozen=True)
class Document:
    """What a reader returns: blocks in reading order plus file facts."""

    path: str
    format: str  # "docx" | "markdown" | "text"
    encoding: str
    sha256: str
    blocks: tuple[Block, ...]
    title: Optional[str] = None  # docx core property title
    created: Optional[date] = None  # docx core property created (date part)
    shape: Optional[str] = None  # text only: "plain" | "im" | "transcript"


@dataclass(frozen=True)
class Meeting:
    title: Optional[str] = None
    date: Optional[date] = None
    date_source: str = "none"  # metadata|title|filename|file_properties|cli|none
    start: Optional[str] = None
    end: Optional[str] = None
    location: Optional[str] = None
    organizer: Optional[str] = None
    departments: tuple[str, ...] = ()
    recorder: Optional[str] = None
    attendees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    title: str
    discussion: tuple[str, ...] = ()
    consensus: tuple[str, ...] = ()
    disagreements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A piece of text that may hold one or more action items.

    origin: "table" (a row of an action table; `fields` holds the mapped
    columns: task, owner, deadline, deliverable, priority, status, department,
    depends), "action_section" (a line under 行动项 / 待办 / TODO), or
    "sentence" (any other sentence, for the detector to judge).
    """

    text: str
    source: Source
    origin: str
    topic: Optional[str] = None
    fields: dict = field(default_factory=dict)
    speaker: Optional[str] = None
    checked: Optional[bool] = None


@dataclass(frozen=True)
class Structured:
    document: Document
    meeting: Meeting
    topics: tuple[Topic, ...]
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class OwnerMatch:
    """A resolved (or unresolved) person mention.

    match: exact|alias|title|pinyin|fuzzy|ambiguous|department|collective|unknown|none
    """

    mention: Optional[str]
    name: Optional[str]
    department: Optional[str]
    match: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deadline:
    mention: Optional[str]
    date: Optional[date]
    time: Optional[str] = None  # "18:00"
    vague: bool = False
    suggested: Optional[date] = None
    span: Optional[tuple[int, int]] = None  # character span of mention in the searched text


@dataclass(frozen=True)
class ActionItem:
    id: str
    topic: Optional[str]
    task: str
    owner: OwnerMatch
    collaborators: tuple[OwnerMatch, ...]
    deadline: Deadline
    deliverable: Optional[str]
    source: Source
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """The whole `minutes/v1` result before it is turned into JSON."""

    structured: Structured
    action_items: tuple[ActionItem, ...]
    flags: tuple[str, ...] = ()
