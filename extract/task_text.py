"""The task text of an item: its sentence without the owner and deadline mentions, tidied.

"由研发部张伟负责接口联调，赵磊配合，7月20日前完成" reads "接口联调" once the
people and the date are cut out and the role words they leave behind go too.
"""
from __future__ import annotations

import re

_LEAD = re.compile(r"^[\s，,。；;：:、\-–—>*•·①-⑳]+|^(?:由|请|麻烦|让|@|另外|还有|然后|我这边|我们这边|这边)[\s，,]*|^(?:to|will|shall|should|must|needs? to)\s+(?=[a-z])",
                   re.I)
_TAIL = re.compile(r"[\s，,；;：:、]+$")
_EMPTY_BRACKETS = re.compile(r"[\[【(（]\s*[/、,，&+]?\s*[\]】)）]")
_EMPTY_LABELS = re.compile(r"[，,、\s]*(?:完成时间|截止时间|截止日期|时间|责任人|负责人)\s*[：:—–\-]*\s*(?=[，,。；;、\s]|$)")
_ORPHAN_DUE = re.compile(r"\s*[—–-]*\s*\b(?:due|by|eta|deadline|before)\b[\s:：,，]*$", re.I)
_ORPHAN_CLAUSES = frozenset({"配合", "协助", "支持", "负责", "完成", "牵头", "跟进", "来做", "来", "做", "提交",
                             "前完成", "前提交", "内完成", "给", "吧", "嗯", "好", "好的"})
_DANGLING = re.compile(r"^(?:负责|牵头|主导|跟进|来)\s*[，,：:]?\s*")


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
