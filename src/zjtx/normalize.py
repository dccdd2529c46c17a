"""Stage 1 of the pipeline: received source text -> normalised text, with every repair recorded.

The normalised text is what every character span in the package points into, so this stage must be
deterministic and idempotent. Each step is a pure function that returns the edits it makes, expressed
as (start, end, replacement) on its own input; `normalise` composes them and maps every edit back to
offsets in the received file, so a reader can see exactly what was repaired and where.

Run `zjtx normalise` (or `make normalise`) to rewrite data/texts/ and data/text_repairs.csv.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from zjtx.fileio import csv_text, write_text
from zjtx.model import ConfigError, read_yaml
from zjtx.paths import Layout

# A converter annotation: an ASCII "(" right after a CJK character, holding only lowercase pinyin.
# The look-behind keeps "(a)"-style list markers safe; real parentheses in these texts hold CJK text.
PINYIN_RE = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])\([a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]+\)"
)
TRAILING_SPACE_RE = re.compile(r"[ \t\u00a0\u3000]+(?=\n|\Z)")
LEADING_SPACE_RE = re.compile(r"(?m)^[ \t\u00a0\u3000]+(?=[^ \t\u00a0\u3000\n])")

# Web pages: a character reference (&nbsp; &amp; &#8220; &#x3000;) that the copy kept as text.
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# White space other than the ASCII space and the line feed: no-break, ideographic, en/em/thin spaces become
# a space (which the inner-space step may then remove); zero-width characters are removed.
SPACE_VARIANTS = {**{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                     "\u2008\u2009\u200a\u202f\u205f\u3000\t"},
                  **{c: "" for c in "\u200b\u200c\u200d\u2060\ufeff"}}
SPACE_VARIANT_RE = re.compile(f"[{''.join(SPACE_VARIANTS)}]")
# The package's texts write these marks in their ASCII form (as the captures of the first documents did), so
# one text never mixes the two and one pattern finds a label, a clause or a figure: （一） → (一), 责任单位： →
# 责任单位:, ２０万元 → 20万元 (the same digits). 。、“”《》 have no ASCII form in Chinese and stay.
FULL_WIDTH = {**dict(zip("，：；（）！？．％～－＋／", ",:;()!?.%~-+/", strict=True)),
              **{chr(0xFF10 + i): str(i) for i in range(10)},
              **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
              **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}}
FULL_WIDTH_RE = re.compile(f"[{''.join(map(re.escape, FULL_WIDTH))}]")

# Spaces that PDF conversion and web copies put inside words and numbers ("引导 资金", "200 万元",
# "第 1 0 条"). The rule, for ONE ASCII space between two characters L and R on a line (a run of two or more
# spaces is layout, e.g. a signature's columns, and stays):
#   - L and R Chinese (a Han character or Chinese punctuation): removed, except after a character that ends
#     the name of a body (委 府 局 厅 办 室 会 院 部 处 署: "中共示例县委 示例县人民政府" names two issuers) and
#     after an article label (第十条 对…);
#   - one a digit and the other Chinese (or % after a digit): removed, except after an article label. A
#     Chinese character stays between the two sides, so no two numbers can join;
#   - both digits: removed only inside a run of single digits each one space apart ("1 0", "2 0 2 3", "5 0 0"):
#     a number written digit by digit. A group of two or more digits on either side ("100 200", "2023 1",
#     "20 0") is left as it is (it may be two numbers), and the worksheet lists both.
# No digit is changed, added or removed; a space left in place is harmless, a wrong join is not.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CHINESE_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·,;:?!()"
CHINESE_RE = re.compile(f"[{HAN}{re.escape(CHINESE_PUNCT)}]")
HAN_RE = re.compile(f"[{HAN}]")
BODY_END = set("委府局厅办室会院部处署")
ARTICLE_LABEL_BEFORE = re.compile(r"第[0-9一二三四五六七八九十百零〇]+[条章节款]$")
SINGLE_SPACE_RE = re.compile(r"(?<=[^ \n]) (?=[^ \n])")
SPACED_DIGITS_RE = re.compile(r"(?<![0-9])[0-9](?: [0-9])+(?![0-9])")

REPAIR_FIELDS = [
    "document_id", "seq", "step", "source_char_start", "source_char_end",
    "text_char_start", "text_char_end", "before", "after", "reason",
]


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] of a step's input with `after`."""

    start: int
    end: int
    after: str
    step: str
    reason: str


@dataclass(frozen=True)
class Repair:
    """One edit, located in the received file and in the normalised text."""

    step: str
    source_start: int
    source_end: int
    text_start: int
    text_end: int
    before: str
    after: str
    reason: str


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping edits; return the new text and, for each new index, its input index.

    An inserted character maps to the start of the span it replaced, so spans stay inside the input.
    """
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        origin.extend(range(pos, e.start))
        out.append(e.after)
        origin.extend([e.start] * len(e.after))
        pos = e.end
    out.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))  # one past the end maps to one past the end
    return "".join(out), origin


def literal_edits(text: str, rules: Iterable[dict], step: str) -> list[Edit]:
    edits = []
    for rule in rules:
        for m in re.finditer(re.escape(rule["find"]), text):
            edits.append(Edit(m.start(), m.end(), rule["replace"], step, " ".join(rule["reason"].split())))
    return edits


def crlf_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), "\n", "line-ends", "CR or CRLF line end converted to LF")
            for m in re.finditer(r"\r\n?", text)]


def trailing_space_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), "", "trailing-space", "white space at the end of a line removed")
            for m in TRAILING_SPACE_RE.finditer(text)]


def leading_space_edits(text: str) -> list[Edit]:
    """Indentation (spaces, no-break or ideographic spaces) at the start of a line: web pages indent each
    paragraph, and a label (一、 第一条) must start its line for the segmenter to see it."""
    return [Edit(m.start(), m.end(), "", "leading-space", "white space at the start of a line removed")
            for m in LEADING_SPACE_RE.finditer(text)]


def entity_edits(text: str) -> list[Edit]:
    """An HTML character reference becomes its character (an unknown name stays as written)."""
    edits = []
    for m in ENTITY_RE.finditer(text):
        after = html.unescape(m.group())
        if after != m.group():
            edits.append(Edit(m.start(), m.end(), after, "html-entity",
                              f"HTML character reference {m.group()} written as its character"))
    return edits


def space_variant_edits(text: str) -> list[Edit]:
    edits = []
    for m in SPACE_VARIANT_RE.finditer(text):
        ch = m.group()
        what = unicodedata.name(ch, f"U+{ord(ch):04X}").lower() if ch != "\t" else "tab"
        reason = f"{what} removed" if SPACE_VARIANTS[ch] == "" else f"{what} written as a space"
        edits.append(Edit(m.start(), m.end(), SPACE_VARIANTS[ch], "space-variant", reason))
    return edits


def full_width_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), FULL_WIDTH[m.group()], "full-width",
                 f"full-width {m.group()} written in the text's ASCII form {FULL_WIDTH[m.group()]}")
            for m in FULL_WIDTH_RE.finditer(text)]


def _inner_space_reason(text: str, i: int, spaced_digits: set[int]) -> str | None:
    """Why the single space at text[i] goes (the rule above), or None when it stays."""
    left, right = text[i - 1], text[i + 1]
    if i in spaced_digits:
        return "space inside a number written digit by digit removed"
    if ARTICLE_LABEL_BEFORE.search(text, max(0, i - 12), i):
        return None
    chinese_left, chinese_right = CHINESE_RE.match(left), CHINESE_RE.match(right)
    if chinese_left and chinese_right:
        if left in BODY_END and HAN_RE.match(right):
            return None
        return "space between Chinese characters removed"
    if left.isascii() and left.isdigit() and (chinese_right or right == "%"):
        return "space between a number and the Chinese after it removed"
    if chinese_left and right.isascii() and right.isdigit():
        return "space between Chinese and the number after it removed"
    return None


def inner_space_edits(text: str) -> list[Edit]:
    spaced_digits = {i for m in SPACED_DIGITS_RE.finditer(text) for i in range(m.start() + 1, m.end(), 2)}
    edits = []
    for m in SINGLE_SPACE_RE.finditer(text):
        reason = _inner_space_reason(text, m.start(), spaced_digits)
        if reason:
            edits.append(Edit(m.start(), m.end(), "", "inner-space", reason))
    return edits


def pinyin_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), "", "pinyin-annotation",
                 "pinyin annotation inserted by the web converter removed")
            for m in PINYIN_RE.finditer(text)]


def opencc_edits(text: str, config: str) -> list[Edit]:
    """One edit per character OpenCC changes; conversion must keep the length (checked)."""
    import opencc  # imported here: only documents that need conversion pay for loading it

    converted = opencc.OpenCC(config).convert(text)
    if len(converted) != len(text):
        raise ValueError(f"OpenCC {config} changed the text length; per-character mapping impossible")
    reason = f"traditional to simplified Chinese (OpenCC {config})"
    return [Edit(i, i + 1, b, "opencc", reason) for i, (a, b) in enumerate(zip(text, converted, strict=True)) if a != b]


def nfc_edits(text: str) -> list[Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    return [Edit(0, len(text), unicodedata.normalize("NFC", text), "nfc", "Unicode NFC normalisation")]


# The steps every received text needs (web pages and PDFs); a document may turn one off with `<option>: false`
# (two of the first five documents do, so that their published texts and spans stay as they are).
DEFAULT_ON = ("html_entities", "space_variants", "full_width", "inner_spaces", "leading_spaces")


def steps_for(options: dict) -> list[Callable[[str], list[Edit]]]:
    """The ordered steps for one document. Repairs must precede pinyin stripping (see docs); spaces are
    unified before the inner-space rule reads them, and full-width marks are ASCII by then."""
    on = {name: options.get(name, True) is not False for name in DEFAULT_ON}
    steps: list[Callable[[str], list[Edit]]] = [nfc_edits, crlf_edits]
    if options.get("gbk_repairs"):
        steps.append(lambda t: literal_edits(t, options["gbk_repairs"], "gbk-repair"))
    if on["html_entities"]:
        steps.append(entity_edits)
    if on["space_variants"]:
        steps.append(space_variant_edits)
    if options.get("strip_pinyin"):
        steps.append(pinyin_edits)
    if options.get("opencc"):
        steps.append(lambda t: opencc_edits(t, options["opencc"]))
    if options.get("after_opencc"):
        steps.append(lambda t: literal_edits(t, options["after_opencc"], "post-conversion"))
    if on["full_width"]:
        steps.append(full_width_edits)
    if on["inner_spaces"]:
        steps.append(inner_space_edits)
    if on["leading_spaces"]:
        steps.append(leading_space_edits)
    steps.append(trailing_space_edits)
    return steps


def normalise(raw: str, options: dict) -> tuple[str, list[Repair]]:
    """Return the normalised text and every repair, located in `raw` and in the result."""
    text = raw
    to_source = list(range(len(raw) + 1))  # index in current text -> index in raw
    located: list[tuple[Edit, int, int, str, int]] = []  # edit, src start, src end, before, step no
    for n, step in enumerate(steps_for(options)):
        edits = step(text)
        if not edits:
            continue
        for e in edits:
            located.append((e, to_source[e.start], to_source[e.end], text[e.start:e.end], n))
        text, origin = apply_edits(text, edits)
        to_source = [to_source[i] for i in origin]
    repairs = [_locate_in_result(e, s, t, before, to_source) for e, s, t, before, _ in located]
    repairs.sort(key=lambda r: (r.source_start, r.source_end, r.step))
    return text, repairs


def _locate_in_result(e: Edit, src_start: int, src_end: int, before: str, to_source: list[int]) -> Repair:
    """Where an edit's result ended up in the final text: the final characters whose source
    lies inside the edited source span (an empty range where the edit deleted text)."""
    inside = [i for i in _candidates(to_source, src_start, src_end)]
    if inside:
        start, end = inside[0], inside[-1] + 1
    else:
        start = end = _first_at_or_after(to_source, src_end)
    return Repair(e.step, src_start, src_end, start, end, before, e.after, e.reason)


def _candidates(to_source: list[int], lo: int, hi: int) -> list[int]:
    import bisect

    a = bisect.bisect_left(to_source, lo)
    b = bisect.bisect_left(to_source, hi)
    return list(range(a, min(b, len(to_source) - 1)))


def _first_at_or_after(to_source: list[int], src: int) -> int:
    import bisect

    return min(bisect.bisect_left(to_source, src), len(to_source) - 1)


# A carriage return inside a CSV cell does not survive readers that convert line ends (this package's own reader
# and Excel among them), so the `before` of a line-end repair shows it as the visible symbol ␍.
CR_SYMBOL = "\u240d"


def repair_rows(rows: list[tuple[str, list[Repair]]]) -> list[list[str]]:
    """The rows of data/text_repairs.csv, one per repair, documents in the order given, as their cells read."""
    return [[doc_id, str(seq), r.step, str(r.source_start), str(r.source_end), str(r.text_start), str(r.text_end),
             r.before.replace("\r", CR_SYMBOL), r.after, r.reason]
            for doc_id, repairs in rows for seq, r in enumerate(repairs, start=1)]


def repairs_csv(rows: list[tuple[str, list[Repair]]]) -> str:
    """data/text_repairs.csv: one row per repair, documents in the order given."""
    return csv_text(REPAIR_FIELDS, (dict(zip(REPAIR_FIELDS, row, strict=True)) for row in repair_rows(rows)))


def load_options(layout: Layout) -> dict[str, dict]:
    """settings/normalisation.yaml: document_id -> its normalisation options."""
    options = read_yaml(layout.normalisation, layout.rel(layout.normalisation)) or {}
    if not isinstance(options, dict):
        raise ConfigError(f"error: {layout.rel(layout.normalisation)} must map each document id to its options")
    return options


def build(layout: Layout) -> dict[str, str]:
    """Return {relative path: content} for every file this stage writes (pure apart from reading)."""
    files: dict[str, str] = {}
    rows = []
    for doc_id, opts in load_options(layout).items():
        raw = layout.inside(layout.source_rel(doc_id)).read_bytes().decode("utf-8")
        text, repairs = normalise(raw, opts or {})
        files[layout.text_rel(doc_id)] = text
        rows.append((doc_id, repairs))
    files[layout.rel(layout.data / "text_repairs.csv")] = repairs_csv(rows)
    return files


def write(layout: Layout) -> list[str]:
    """Rewrite every file this stage owns; return their relative paths."""
    written = []
    for rel, content in build(layout).items():
        write_text(layout.root / rel, content)
        written.append(rel)
    return written
