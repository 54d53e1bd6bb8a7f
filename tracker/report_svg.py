"""Small inline SVG bar charts for the HTML report: no scripts, no fonts or files to fetch.

Every label is escaped here, because chart labels are text from the minutes.
Colours come from CSS classes the report's stylesheet defines, so the charts
print in the same palette as the page (and in grey on a black-and-white printer).
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Sequence

WIDTH = 680
LABEL_W = 190
VALUE_W = 90
ROW_H = 24
BAR_H = 16
TOP = 8


@dataclass(frozen=True)
class Segment:
    value: float
    css: str  # a class the stylesheet colours (bar-a, bar-b, ...)
    title: str = ""  # tooltip


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]
    note: str = ""  # printed right of the bar


def _short(text: str, limit: int = 14) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(rows: Sequence[Row], *, title: str, scale: float | None = None,
              legend: Sequence[tuple[str, str]] = ()) -> str:
    """Horizontal (stacked) bars, one row per label; `scale` is the value of a full bar."""
    if not rows:
        return ""
    full = scale or max((sum(s.value for s in r.segments) for r in rows), default=0) or 1
    bar_w = WIDTH - LABEL_W - VALUE_W
    legend_h = 22 if legend else 0
    height = TOP + legend_h + ROW_H * len(rows) + 6
    out = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
           f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    x = LABEL_W
    for name, css in legend:
        out.append(f'<rect class="{escape(css)}" x="{x}" y="{TOP}" width="12" height="12" rx="2"/>'
                   f'<text class="legend" x="{x + 16}" y="{TOP + 10}">{escape(name)}</text>')
        x += 16 + 14 * len(name) + 18
    for n, row in enumerate(rows):
        y = TOP + legend_h + n * ROW_H
        out.append(f'<text class="label" x="{LABEL_W - 8}" y="{y + BAR_H - 3}" text-anchor="end">'
                   f'<title>{escape(row.label)}</title>{escape(_short(row.label))}</text>')
        out.append(f'<rect class="track" x="{LABEL_W}" y="{y}" width="{bar_w}" height="{BAR_H}" rx="3"/>')
        left = float(LABEL_W)
        for seg in row.segments:
            width = max(0.0, min(seg.value / full, 1.0)) * bar_w
            if width <= 0:
                continue
            tip = f"<title>{escape(seg.title)}</title>" if seg.title else ""
            out.append(f'<rect class="{escape(seg.css)}" x="{left:.1f}" y="{y}" width="{width:.1f}" '
                       f'height="{BAR_H}" rx="3">{tip}</rect>')
            left += width
        out.append(f'<text class="value" x="{LABEL_W + bar_w + 6}" y="{y + BAR_H - 3}">{escape(row.note)}</text>')
    out.append("</svg>")
    return "".join(out)
