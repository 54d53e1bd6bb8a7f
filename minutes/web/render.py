"""Jinja2 templates, always autoescaped: every string from minutes is untrusted."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def environment():
    import jinja2

    from minutes.web import reasons
    from tracker.rules import labels, statuses

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # not select_autoescape: no template may opt out by its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        flag_label=labels().flag,
        statuses=statuses,
        reasons=reasons.for_item,
        field_of=reasons.field_of,
        fields_to_fix=reasons.fields_to_fix,
        meeting_flag=reasons.meeting_flag,
    )
    env.filters["due"] = _due
    # Upload paths are server paths: show the file name the user knows.
    env.filters["basename"] = lambda path: (path or "").replace("\\", "/").rsplit("/", 1)[-1]
    env.filters["stamp"] = lambda text: (text or "").replace("T", " ")[:16]
    return env


def _due(item) -> str:
    return " ".join(p for p in (item.due_date, item.due_time) if p) or ""


def render(template: str, **values) -> str:
    return environment().get_template(template).render(**values)
