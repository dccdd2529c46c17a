"""Small HTML builders. Every piece of data text goes through `esc`, so a heading or purpose holding
`<script>` or Markdown syntax renders as text (the pages are raw HTML blocks, which Markdown leaves alone)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from markdown import Markdown

from zjtx.site.raw_html import MARK

# The characters a backslash makes literal in the site's Markdown: Python-Markdown's own list and the tables
# extension's "|" (mkdocs.yml). Only these: before any other character (":", "~" …) Markdown keeps the
# backslash, and the reader saw "专精特新\: specialised".
_ESCAPABLE = frozenset(Markdown(extensions=["tables"]).ESCAPED_CHARS)


def esc(value: object) -> str:
    """Text for HTML content or an attribute value; None becomes the empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def md_inline(value: object) -> str:
    """Text for a Markdown heading (the one rule where data becomes Markdown): &, < and > as entities, then
    every character Markdown could read as syntax backslash-escaped. Quotes stay as they are: a heading's text
    also becomes its table-of-contents entry, where Markdown re-escaped "&#x27;" into the text
    "Raise firms&#x27; innovation capacity" (tests/test_pages.py renders every heading and compares)."""
    text = "" if value is None else html.escape(str(value), quote=False)
    return "".join(f"\\{c}" if c in _ESCAPABLE else c for c in text)


def attrs(values: Mapping[str, object] | None) -> str:
    if not values:
        return ""
    return "".join(f' {k}="{esc(v)}"' for k, v in values.items() if v is not None and v is not False)


def el(tag: str, content: str = "", attributes: Mapping[str, object] | None = None) -> str:
    """An element whose content is already HTML (escape text with `esc` first)."""
    return f"<{tag}{attrs(attributes)}>{content}</{tag}>"


def link(href: str, text_html: str, attributes: Mapping[str, object] | None = None) -> str:
    return el("a", text_html, {"href": href, **(attributes or {})})


_TAGS = re.compile(r"<[^>]+>")


def table(header: Iterable[str], rows: Iterable[Iterable[str]], attributes: Mapping[str, object] | None = None,
          row_attributes: Iterable[Mapping[str, object]] | None = None) -> str:
    """A table from header HTML cells and row HTML cells (one line per row: no blank lines in the block). Each
    cell carries its column's name (data-label), which a phone shows when the rows become cards."""
    header = list(header)
    labels = [html.unescape(_TAGS.sub("", h)) for h in header]
    head = el("thead", el("tr", "".join(el("th", h, {"scope": "col"}) for h in header)))
    row_attrs = list(row_attributes) if row_attributes is not None else None

    def cell(content: str, column: int) -> str:
        label = labels[column] if column < len(labels) else ""
        if content.startswith("<td"):
            return content.replace("<td", f'<td data-label="{esc(label)}"', 1)
        return el("td", content, {"data-label": label})

    body = "\n".join(
        el("tr", "".join(cell(c, i) for i, c in enumerate(cells)), row_attrs[n] if row_attrs is not None else None)
        for n, cells in enumerate(rows))
    return el("table", f"{head}\n<tbody>\n{body}\n</tbody>", attributes)


def td(content_html: str, sort_value: object = None) -> str:
    """A cell with an explicit sort key (numbers sort as numbers in tables.js)."""
    return el("td", content_html, {"data-sort": sort_value})


def definition_list(items: Iterable[tuple[str, str]]) -> str:
    return el("dl", "".join(el("dt", k) + el("dd", v) for k, v in items))


def paragraphs(text: str) -> str:
    """Verbatim text as HTML: escaped, each line its own line (no Markdown interpretation)."""
    return "<br>\n".join(esc(line) for line in text.split("\n"))


def block(*parts: str) -> str:
    """Join HTML parts into one raw block, with no blank line inside (Markdown would end the block), marked so
    that Markdown passes it through unparsed (raw_html.py)."""
    joined = "\n".join(p for p in parts if p).replace("\n\n", "\n")
    return MARK + joined if joined else ""
