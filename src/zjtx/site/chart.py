"""A static SVG bar chart written at build time (no chart library, nothing loaded by the browser)."""

from __future__ import annotations

from dataclasses import dataclass

from zjtx.site.html import esc

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 150
BAR_WIDTH = 300
VALUE_WIDTH = 220


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_label: str
    href: str = ""


def bar_chart(title: str, bars: list[Bar]) -> str:
    """Horizontal bars on one linear scale starting at zero; each bar labelled with its value as written."""
    top = 4
    height = top + len(bars) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    largest = max((b.value for b in bars), default=0) or 1
    parts = [f"<title>{esc(title)}</title>"]
    for i, b in enumerate(bars):
        y = top + i * (BAR_HEIGHT + GAP)
        w = max(1.0, BAR_WIDTH * b.value / largest)
        bar = (f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{esc(b.label)}</text>'
               f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" class="zjtx-bar"/>'
               f'<text x="{LABEL_WIDTH + w + 4:.1f}" y="{y + 13}">{esc(b.value_label)}</text>')
        parts.append(f'<a href="{esc(b.href)}">{bar}</a>' if b.href else bar)
    return (f'<svg class="zjtx-chart" role="img" aria-label="{esc(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}">' + "".join(parts) + "</svg>")
