"""Builders of `minutes/v1` dicts and tracker stores for the tracker tests.

The tracker consumes the extraction's JSON, so tests build it by hand here
instead of depending on the extraction pipeline. The tests in this file keep
the builders honest against the SPEC schema.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from tracker.store import Store

ROSTER = [
    # name, department, title, aliases, email
    ("张伟", "研发部", "高级工程师", ("Zhang Wei", "伟哥"), "zhangwei@example.cn"),
    ("王芳", "设计部", "设计师", ("王设计师", "Fiona"), "wangfang@example.cn"),
    ("王磊", "研发部", "研发经理", ("磊哥",), "wanglei@example.cn"),
    ("李娜", "市场部", "市场经理", ("Lina",), "lina@example.cn"),
    ("孙浩", "测试部", "测试工程师", (), "sunhao@example.cn"),
]

OWNER_FLAGS = {"department": "vague_owner", "collective": "vague_owner", "unknown": "unknown_owner",
               "ambiguous": "ambiguous_owner", "fuzzy": "fuzzy_owner", "none": "missing_owner"}


class P:
    """Stands in for extract.roster.Person (same attributes)."""

    def __init__(self, name, department=None, title=None, aliases=(), email=None):
        self.name, self.department, self.title, self.aliases, self.email = name, department, title, tuple(aliases), email


def roster_people():
    return [P(*row) for row in ROSTER]


def action(n, task, owner=None, due=None, deliverable=None, *, mention=None, match=None, department=None,
           time=None, vague=False, suggested=None, deadline_mention=None, source=None, topic=None, line=None,
           candidates=()):
    """One `minutes/v1` action item; flags follow the SPEC rules for what is missing."""
    match = match or ("exact" if owner else "none")
    flags = []
    if match in OWNER_FLAGS:
        flags.append(OWNER_FLAGS[match])
    if not due:
        flags.append("vague_deadline" if vague else "missing_deadline")
    if not deliverable:
        flags.append("missing_deliverable")
    text = source or f"{mention or owner or ''}负责{task}" + (f"，{due}前完成" if due else "")
    return {
        "id": f"a{n}", "topic": topic, "task": task,
        "owner": {"mention": mention or owner, "name": owner if match not in ("unknown", "department", "collective", "ambiguous", "none") else None,
                  "department": department, "match": match, "candidates": list(candidates)},
        "collaborators": [],
        "deadline": {"mention": deadline_mention or due, "date": due, "time": time, "vague": vague, "suggested": suggested},
        "deliverable": deliverable,
        "source": {"line": line or n * 2, "text": text},
        "flags": flags,
    }


def doc(title="产品周会", date="2024-07-10", items=(), *, start="14:00", end="16:00", organizer="市场部",
        path="周会.md", sha=None, flags=None, topics=None):
    """A whole `minutes/v1` extraction; sha256 derives from the content unless given."""
    items = list(items)
    body = {
        "schema": "minutes/v1",
        "source": {"path": path, "format": "markdown", "encoding": "utf-8", "sha256": ""},
        "meeting": {"title": title, "date": date, "date_source": "metadata" if date else "none", "start": start,
                    "end": end, "location": "3楼会议室", "organizer": organizer, "departments": ["研发部", "设计部"],
                    "recorder": "何佳", "attendees": ["张伟", "王芳"]},
        "topics": topics if topics is not None else [{"title": "发布会筹备", "discussion": ["主视觉方向"],
                                                      "consensus": ["采用方案B"], "disagreements": []}],
        "action_items": items,
        "flags": list(flags if flags is not None else ([] if items else ["no_action_items"])),
    }
    body["source"]["sha256"] = sha or hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return body


def standard_items():
    return [
        action(1, "完成发布会主视觉初稿", "王芳", "2024-07-15", "3版主视觉设计稿", department="设计部", time="18:00",
               topic="发布会筹备"),
        action(2, "输出接口联调方案", "张伟", "2024-07-12", "联调方案文档", department="研发部"),
        action(3, "确认场地预算", mention="市场部", match="department", deliverable="预算表"),
        action(4, "整理测试用例", mention="小孙", match="unknown", due=None, vague=True, deadline_mention="尽快",
               suggested=None, deliverable="用例清单"),
    ]


def new_store(path: Path) -> Store:
    return Store.open(path, create=True)


AT = datetime(2024, 7, 10, 17, 0)  # an on-time upload for the default meeting (ends 16:00)


def test_action_flags_follow_what_is_missing():
    item = action(1, "整理测试用例", mention="小孙", match="unknown", vague=True, deadline_mention="尽快")
    assert item["flags"] == ["unknown_owner", "vague_deadline", "missing_deliverable"]
    assert item["owner"]["name"] is None
    complete = action(2, "出方案", "张伟", "2024-07-12", "方案")
    assert complete["flags"] == [] and complete["owner"]["name"] == "张伟"


def test_doc_has_the_spec_shape_and_content_hash():
    first, second = doc(items=standard_items()), doc(items=standard_items())
    assert set(first) == {"schema", "source", "meeting", "topics", "action_items", "flags"}
    assert first["source"]["sha256"] == second["source"]["sha256"]
    assert doc(title="另一个会")["source"]["sha256"] != first["source"]["sha256"]
    assert len(first["source"]["sha256"]) == 64
