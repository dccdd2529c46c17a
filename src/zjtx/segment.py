"""Stage 2 (curation aid): propose the provision structure of a normalised text from its numbering.

The proposal is checked by a person and curated into data/provisions.csv (which adds kinds and English
headings); tests keep the curated table and the proposal in agreement on ids, labels, headings and spans.

Numbering recognised at the start of a line, outermost first:
  一、 … 十二、        level 1 (sections or, in Hubei, the measures themselves)
  (一) … (十二)        level 2 (ASCII parentheses, as the captures have them)
  第一条 / 第1条       an article (articles are numbered through the whole text, under 一、/(一) or alone)
  1.  / 1. (space)     the level below (Changchun writes "1. ", the others "1.")
  ——                   an unnumbered lead paragraph, a child of the enclosing numbered item
An article has no heading: its first words are its text. The normaliser has already removed indentation and
written full-width marks in ASCII (（一） → (一), 1． → 1.), so one pattern per level finds them.
Only the body of a document is segmented: cover letters, signatures, closing clauses and web-page
remnants lie outside every provision (bounds per document in settings/segmentation.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zjtx.model import ConfigError, read_yaml
from zjtx.numerals import chinese_to_int
from zjtx.paths import Layout

LABEL_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"(?P<label>(?P<num>[一二三四五六七八九十百零〇]+)、)")),
    (2, re.compile(r"(?P<label>\((?P<num>[一二三四五六七八九十百零〇]+)\))")),
    (3, re.compile(r"(?P<label>第(?P<num>[一二三四五六七八九十百零〇]+|[0-9]+)条)")),
    (4, re.compile(r"(?P<label>(?P<num>[0-9]+)\.) ?")),
    (5, re.compile(r"(?P<label>——)")),
]
ARTICLE_LEVEL = 3
DASH_LEVEL = 5
MAX_HEADING_CHARS = 40  # a first line longer than this with no 。 is running text, not a heading


@dataclass
class Proposal:
    provision_id: str
    document_id: str
    parent_id: str | None
    seq: int
    level: int
    label: str
    heading: str
    char_start: int
    char_end: int


def _line_starts(text: str, start: int, end: int) -> list[int]:
    starts = [start]
    for m in re.finditer(r"\n", text[start:end]):
        starts.append(start + m.end())
    return [s for s in starts if s < end]


def _match_label(text: str, pos: int) -> tuple[int, re.Match[str]] | None:
    for level, pattern in LABEL_PATTERNS:
        m = pattern.match(text, pos)
        if m:
            return level, m
    return None


def heading_of(text: str, label_end: int) -> str:
    """The short title after the label: up to the first 。 on the line, or the whole short line."""
    while text[label_end:label_end + 1] == " ":  # Changchun writes "1. " with a space
        label_end += 1
    line_end = text.find("\n", label_end)
    line = text[label_end: line_end if line_end != -1 else len(text)]
    if "。" in line:
        return line.split("。", 1)[0]
    return line if len(line) <= MAX_HEADING_CHARS else ""


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "\n ":
        end -= 1
    return end


def segment(doc_id: str, text: str, body_start: int, body_end: int) -> list[Proposal]:
    """Propose provisions for text[body_start:body_end]; ids follow the document's own numbering."""
    found: list[tuple[int, int, str, str]] = []  # (start, level, label, number token)
    for pos in _line_starts(text, body_start, body_end):
        hit = _match_label(text, pos)
        if hit:
            level, m = hit
            found.append((pos, level, m.group("label"), m.groupdict().get("num") or ""))
    proposals: list[Proposal] = []
    stack: list[tuple[int, Proposal]] = []  # (level, proposal) of open ancestors
    dash_counts: dict[str | None, int] = {}
    for i, (start, level, label, num) in enumerate(found):
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        parent_id = parent.provision_id if parent else None
        if level == DASH_LEVEL:
            dash_counts[parent_id] = dash_counts.get(parent_id, 0) + 1
            token = f"d{dash_counts[parent_id]}"
        elif num.isascii() and num.isdigit():  # 1. and 第1条
            token = str(int(num))
        else:
            token = str(chinese_to_int(num))
        local = f"{parent.provision_id.split('/', 1)[1]}.{token}" if parent else token
        # A block ends where the next item at the same or an outer level begins.
        end = body_end
        for later_start, later_level, _, _ in found[i + 1:]:
            if later_level <= level or (level == DASH_LEVEL and later_level <= DASH_LEVEL):
                end = later_start
                break
        proposal = Proposal(
            provision_id=f"{doc_id}/{local}", document_id=doc_id, parent_id=parent_id,
            seq=len(proposals) + 1, level=len(stack) + 1, label=label,
            heading="" if level == ARTICLE_LEVEL else heading_of(text, start + len(label)),
            char_start=start, char_end=_trim_end(text, start, end),
        )
        proposals.append(proposal)
        stack.append((level, proposal))
    return proposals


def body_bounds(text: str, bounds: dict) -> tuple[int, int]:
    """Resolve the body markers of settings/segmentation.yaml to offsets; errors name the marker."""
    start = 0
    if bounds.get("body_starts_after"):
        marker = bounds["body_starts_after"]
        at = text.find(marker)
        if at == -1:
            raise ValueError(f"body_starts_after marker not found: {marker!r}")
        start = at + len(marker)
    end = len(text)
    if bounds.get("body_ends_before"):
        marker = bounds["body_ends_before"]
        at = text.find(marker, start)
        if at == -1:
            raise ValueError(f"body_ends_before marker not found: {marker!r}")
        end = at
    return start, end


def load_bounds(layout: Layout) -> dict[str, dict]:
    bounds = read_yaml(layout.segmentation, layout.rel(layout.segmentation)) or {}
    if not isinstance(bounds, dict):
        raise ConfigError(f"error: {layout.rel(layout.segmentation)} must map each document id to its bounds")
    return bounds


def propose_all(layout: Layout) -> list[Proposal]:
    out: list[Proposal] = []
    for doc_id, bounds in load_bounds(layout).items():
        text = layout.inside(layout.text_rel(doc_id)).read_text(encoding="utf-8")
        start, end = body_bounds(text, bounds or {})
        out.extend(segment(doc_id, text, start, end))
    return out
