"""A Markdown extension (mkdocs.yml `markdown_extensions`): the HTML blocks the site's pages are made of pass
through Markdown unparsed.

Every generated page is Markdown headings around raw HTML blocks (html.block). Python-Markdown and MkDocs each
ran an HTML parser over every block only to hand it back unchanged: at 200 documents that was half of the
site's build time. `html.block` starts each block with MARK; this preprocessor stores such a block in
Markdown's own stash of raw HTML (the one its html_block preprocessor uses), so the output is what Markdown made
of it before, without the parse. Text that does not start with MARK (the repository's Markdown files, headings)
is Markdown as before. A test renders every page of the real package both ways and compares.

MkDocs' parser also noted the ids in raw HTML, to check links to #anchors; the hooks add the ids of the stored
blocks (`anchor_ids`) to the page's, so those checks see what they saw before.
"""

from __future__ import annotations

import html
import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# An HTML comment: harmless where the extension is not loaded, and never in data text (esc escapes "<").
MARK = "<!--zjtx-raw-->"

_ID = re.compile(r'\sid="([^"]*)"')


def split(lines: list[str]) -> list[tuple[bool, str]]:
    """The lines as (raw, text) pieces: a raw block runs from a line starting with MARK to the next blank line
    (html.block writes none inside a block) and is returned without MARK; other lines are returned as they are."""
    pieces: list[tuple[bool, str]] = []
    block: list[str] | None = None
    for line in lines:
        if block is not None and line.strip():
            block.append(line)
            continue
        if block is not None:
            pieces.append((True, "\n".join(block).replace(MARK, "")))
            block = None
        if line.startswith(MARK):
            block = [line]
        else:
            pieces.append((False, line))
    if block is not None:
        pieces.append((True, "\n".join(block).replace(MARK, "")))
    return pieces


def anchor_ids(markdown: str) -> set[str]:
    """The ids of the raw blocks' elements (attributes are written by html.attrs: double-quoted, escaped)."""
    return {html.unescape(value) for raw, text in split(markdown.split("\n")) if raw for value in _ID.findall(text)}


class RawBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for raw, text in split(lines):
            out += ["", self.md.htmlStash.store(text), ""] if raw else [text]
        return out


class RawBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        # Before MkDocs' anchor collector (21) and Markdown's html_block (20): neither sees the stored blocks.
        md.preprocessors.register(RawBlocks(md), "zjtx_raw_html", 30)


def makeExtension(**kwargs) -> RawBlocksExtension:  # the name Python-Markdown looks for
    return RawBlocksExtension(**kwargs)
