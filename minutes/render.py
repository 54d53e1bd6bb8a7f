"""Human renderings of a `minutes/v1` result: a rich table and Markdown."""
from __future__ import annotations

FLAG_ZH = {
    "missing_owner": "缺负责人",
    "vague_owner": "负责人不具体",
    "unknown_owner": "负责人不在名册",
    "ambiguous_owner": "负责人有歧义",
    "fuzzy_owner": "负责人需确认",
    "missing_deadline": "缺截止时间",
    "vague_deadline": "截止时间模糊",
    "deadline_before_meeting": "截止早于会议",
    "missing_deliverable": "缺交付成果",
    "missing_meeting_date": "缺会议日期",
    "no_action_items": "无行动项",
    "late_upload": "上传超时",
}


def _owner(o: dict) -> str:
    if o.get("name"):
        dept = f"{o['department']}·" if o.get("department") else ""
        return f"{dept}{o['name']}"
    if o.get("candidates"):
        return f"{o.get('mention')}? ({'/'.join(o['candidates'])})"
    return o.get("mention") or "—"


def _deadline(d: dict) -> str:
    if d.get("date"):
        return d["date"] + (f" {d['time']}" if d.get("time") else "")
    if d.get("mention"):
        hint = f" → {d['suggested']}?" if d.get("suggested") else ""
        return f"{d['mention']}{hint}"
    return "—"


def flags_text(flags: list[str]) -> str:
    return "、".join(FLAG_ZH.get(f, f) for f in flags)


def print_table(result: dict, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    m = result["meeting"]
    head = f"[bold]{m.get('title') or result['source']['path']}[/bold]  {m.get('date') or '日期未知'}"
    if m.get("organizer"):
        head += f"  发起：{m['organizer']}"
    if m.get("recorder"):
        head += f"  记录：{m['recorder']}"
    console.print(head)
    if result["topics"]:
        console.print("议题：" + "；".join(t["title"] for t in result["topics"]))
    table = Table(show_lines=False, header_style="bold")
    for col in ("#", "任务", "负责人", "截止", "交付成果", "问题", "行"):
        table.add_column(col, overflow="fold")
    for it in result["action_items"]:
        table.add_row(it["id"], it["task"], _owner(it["owner"]), _deadline(it["deadline"]),
                      it.get("deliverable") or "—", flags_text(it["flags"]),
                      str(it["source"].get("line") or ""))
    console.print(table)
    if result["flags"]:
        console.print("会议问题：" + flags_text(result["flags"]))


def to_markdown(result: dict) -> str:
    m = result["meeting"]
    lines = [f"# {m.get('title') or result['source']['path']}", ""]
    meta = [("日期", m.get("date")), ("时间", "-".join(x for x in (m.get("start"), m.get("end")) if x)),
            ("地点", m.get("location")), ("发起部门", m.get("organizer")), ("记录人", m.get("recorder")),
            ("参会人", "、".join(m.get("attendees") or []))]
    lines += [f"- **{k}**：{v}" for k, v in meta if v]
    for t in result["topics"]:
        lines += ["", f"## {t['title']}"]
        lines += [f"- {d}" for d in t["discussion"]]
        lines += [f"- 共识：{c}" for c in t["consensus"]]
        lines += [f"- 分歧：{c}" for c in t["disagreements"]]
    lines += ["", "## 行动项", "", "| # | 任务 | 负责人 | 截止时间 | 交付成果 | 问题 |", "|---|---|---|---|---|---|"]
    for it in result["action_items"]:
        cells = [it["id"], it["task"], _owner(it["owner"]), _deadline(it["deadline"]),
                 it.get("deliverable") or "—", flags_text(it["flags"])]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    if result["flags"]:
        lines += ["", f"会议问题：{flags_text(result['flags'])}"]
    return "\n".join(lines) + "\n"
