"""Bar charts as HTML written at build time: one row per bar, its label and value as text (readable by screen
readers, never smaller than the page's text on a phone), the bar a box whose width is the value's share of the
largest. No chart library, nothing loaded by the browser, no links inside a picture."""

from __future__ import annotations

from dataclasses import dataclass

from zjtx.site.html import el, esc


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_label: str


def bar_chart(title: str, bars: list[Bar]) -> str:
    """Horizontal bars on one linear scale starting at zero."""
    largest = max((b.value for b in bars), default=0) or 1
    rows = "".join(
        el("li", el("span", esc(b.label), {"class": "zjtx-bar-label"}) +
           el("span", el("span", "", {"class": "zjtx-bar", "style": f"width:{max(0.5, 100 * b.value / largest):.1f}%"}),
              {"class": "zjtx-bar-track", "aria-hidden": "true"}) +
           el("span", esc(b.value_label), {"class": "zjtx-bar-value"}))
        for b in bars)
    return el("figcaption", esc(title)) + el("ul", rows, {"class": "zjtx-bars", "aria-label": title})
