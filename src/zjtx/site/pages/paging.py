"""Pages whose content grows with the corpus (the documents list, the comparisons, the policy-area pages) are
cut into pages of PAGE_DOCUMENTS documents each, so that no page of the site grows with the number of
documents: page 1 keeps its address (compare/money/), page n is a sibling at the same depth
(compare/money-2/), so every relative link a page holds is the same on each of its pages. Up to
PAGE_DOCUMENTS documents, nothing changes."""

from __future__ import annotations

import re

import yaml

from zjtx.site.data import SiteData
from zjtx.site.html import block, el, esc, link
from zjtx.site.pages.common import Lang, href, switch

PAGE_DOCUMENTS = 10


class DocumentsSlice:
    """The site's data seen through some of its documents (one page of a paged list); everything else is the
    whole package's."""

    def __init__(self, data: SiteData, ids: list[str]) -> None:
        self._data = data
        self.documents = {i: data.documents[i] for i in ids}

    def __getattr__(self, name: str) -> object:
        return getattr(self._data, name)


def slices(data: SiteData) -> list:
    """The data of each page, in the documents' order: the data itself when it fits one page."""
    ids = list(data.documents)
    if len(ids) <= PAGE_DOCUMENTS:
        return [data]
    return [DocumentsSlice(data, ids[i:i + PAGE_DOCUMENTS]) for i in range(0, len(ids), PAGE_DOCUMENTS)]


def numbered(path: str, n: int) -> str:
    """compare/money.md -> compare/money-2.md; documents/index.md -> documents-2.md (same depth)."""
    if n == 1:
        return path
    stem = path[: -len("/index.md")] if path.endswith("/index.md") else path[: -len(".md")]
    return f"{stem}-{n}.md"


PAGER_AROUND = 2  # pages linked on each side of the current one (with the first and the last)


def shown_pages(n: int, total: int) -> list[int | None]:
    """The page numbers a pager links, None where it leaves a gap: the first, the last and those near n, so
    that the pager stays one or two lines on a phone however many pages the list has."""
    near = {1, total} | set(range(max(1, n - PAGER_AROUND), min(total, n + PAGER_AROUND) + 1))
    out: list[int | None] = []
    for i in sorted(near):
        if out and out[-1] is not None and i > out[-1] + 1:
            out.append(None)
        out.append(i)
    return out


def pager(path: str, n: int, total: int, first: int, last: int, count: int, lang: Lang) -> str:
    """Which documents the page covers, and links to the previous, the next and the nearby pages."""
    t = lang.t

    def to(i: int, text: str, rel: str | None = None) -> str:
        return link(href(numbered(path, n), numbered(path, i)), esc(text), {"rel": rel} if rel else None)

    items = [el("span", "…", {"class": "zjtx-pager-gap"}) if i is None else
             el("span", esc(i), {"aria-current": "page"}) if i == n else to(i, str(i)) for i in shown_pages(n, total)]
    if n > 1:
        items.insert(0, to(n - 1, t("上一页", "Previous"), "prev"))
    if n < total:
        items.append(to(n + 1, t("下一页", "Next"), "next"))
    covered = t(f"本页列出第 {first}–{last} 个文件(共 {count:,} 个,{total} 页),按文件顺序分页;不同页之间同样可以比较。",
                f"This page lists documents {first}–{last} of {count:,} ({total} pages), paged in the documents' "
                "order; pages compare with each other the same way.")
    return el("nav", el("p", esc(covered)) + el("p", " ".join(items), {"class": "zjtx-pager-pages"}),
              {"class": "zjtx-pager", "aria-label": t(f"分页:第 {n} 页,共 {total} 页", f"Pages: {n} of {total}")})


def paged(path: str, lang: Lang, data: SiteData, render) -> dict[str, str]:
    """path -> Markdown for each page of a list: render(data_of_the_page) for page 1's path, rewritten for page
    n (its title numbered, its edition switch pointing at page n, its pager after the heading)."""
    parts = slices(data)
    if len(parts) == 1:
        return {path: render(data)}
    out = {}
    position = 1
    for n, part in enumerate(parts, start=1):
        markdown = render(part)
        own = numbered(path, n)
        if n > 1:
            markdown = markdown.replace(switch(path, lang), switch(own, lang), 1)
        suffix = lang.t(f"(第 {n} 页)", f"(page {n})")
        head, body = markdown.split("---\n\n", 1)  # the front matter (common.front_matter) and the page
        meta = yaml.safe_load(head.removeprefix("---\n"))
        meta["title"] = f"{meta['title']} {esc(suffix)}"
        if n > 1:  # hooks.nav_stand_in: page 1 stands for it (and page 1's own nav_page for page 1)
            meta["nav_page"] = path
        nav = pager(path, n, len(parts), position, position + len(part.documents) - 1, len(data.documents), lang)
        body = re.sub(r"^# (.*)$", lambda m, s=suffix, nav=nav: f"# {m.group(1)} {s}\n\n{block(nav)}", body,
                      count=1, flags=re.MULTILINE)
        markdown = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body
        out[own] = markdown
        position += len(part.documents)
    return out
