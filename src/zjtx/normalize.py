"""Stage 1 of the pipeline: received source text -> normalised text, with every repair recorded.

The normalised text is what every character span in the package points into, so this stage must be
deterministic and idempotent. Each step is a pure function that returns the edits it makes, expressed
as (start, end, replacement) on its own input; `normalise` composes them and maps every edit back to
offsets in the received file, so a reader can see exactly what was repaired and where.

Run `zjtx normalise` (or `make normalise`) to rewrite data/texts/ and data/text_repairs.csv.
"""

from __future__ import annotations

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


def steps_for(options: dict) -> list[Callable[[str], list[Edit]]]:
    """The ordered steps for one document. Repairs must precede pinyin stripping (see docs)."""
    steps: list[Callable[[str], list[Edit]]] = [nfc_edits, crlf_edits]
    if options.get("gbk_repairs"):
        steps.append(lambda t: literal_edits(t, options["gbk_repairs"], "gbk-repair"))
    if options.get("strip_pinyin"):
        steps.append(pinyin_edits)
    if options.get("opencc"):
        steps.append(lambda t: opencc_edits(t, options["opencc"]))
    if options.get("after_opencc"):
        steps.append(lambda t: literal_edits(t, options["after_opencc"], "post-conversion"))
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


def repair_rows(rows: list[tuple[str, list[Repair]]]) -> list[list[str]]:
    """The rows of data/text_repairs.csv, one per repair, documents in the order given, as their cells read."""
    return [[doc_id, str(seq), r.step, str(r.source_start), str(r.source_end), str(r.text_start), str(r.text_end),
             r.before, r.after, r.reason] for doc_id, repairs in rows for seq, r in enumerate(repairs, start=1)]


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
