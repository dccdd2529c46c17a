"""The validation report on a GitHub pull request: one workflow annotation per problem, on the line of the diff
where it is, and a Markdown summary for the job's page.

`zjtx validate` writes both when GITHUB_ACTIONS is set (cli.py). An annotation is a workflow command
(`::error file=…,line=…,col=…,title=<code>::<message — fix>`); the runner acts on any output line that starts
with `::`, so every piece of text is escaped as the command format requires (`%`, CR and LF in the message,
also `:` and `,` in the properties): a contributed cell holding `\n::add-mask::…` stays inside its own line.

The report keeps its spreadsheet row numbers (a record's number, the header being 1); an annotation needs the
physical line where that record starts, which differs once a quoted cell holds line breaks. A problem in a
normalised text (a number no fact accounts for) is placed at the line and column of its character.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from zjtx.paths import Layout, UnsafePath
from zjtx.problems import CATALOGUE, Problem
from zjtx.report import Report

# problems whose row is already a physical line of the file (the file is not read as CSV)
ROW_IS_LINE = {"merge-conflict"}
SUMMARY_ROWS = 30  # problems listed in the job summary; the log and the annotations have all of them


@dataclass(frozen=True)
class Where:
    line: int | None = None
    col: int | None = None


def escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF as the runner decodes them, so the text stays one line."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,`, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def record_lines(text: str) -> list[int]:
    """The physical line (from 1) where each CSV record starts: index 0 is the header, index k the record the
    report calls row k + 1. A record the parser cannot read is the last one listed, where it starts."""
    starts = [1]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # as tables.py reads it, record for record
    try:
        for _ in reader:
            starts.append(reader.line_num + 1)
    except csv.Error:
        pass  # the record after the last good one starts on the line after it: already listed
    return starts


def cell_starts(record: str) -> list[int]:
    """Where each cell of one CSV record starts in its text (the csv module's default dialect: a double quote
    opens a quoted cell only as its first character, and "" inside one is a quote)."""
    starts, quoted, at_start, i = [0], False, True, 0
    while i < len(record):
        c = record[i]
        if quoted:
            if c == '"' and record[i + 1:i + 2] == '"':
                i += 1
            elif c == '"':
                quoted = False
        elif c == '"' and at_start:
            quoted = True
        elif c == ",":
            starts.append(i + 1)
            at_start = True
            i += 1
            continue
        elif c in "\r\n":
            break
        at_start = False
        i += 1
    return starts


def text_position(text: str, char_start: int) -> Where:
    """Line and column (both from 1) of a character of a text."""
    char_start = max(0, min(char_start, len(text)))
    line_start = text.rfind("\n", 0, char_start) + 1
    return Where(text.count("\n", 0, char_start) + 1, char_start - line_start + 1)


class Locator:
    """Where each problem is in its file, reading each file once."""

    def __init__(self, root: Path):
        self.layout = Layout(root)
        self.texts: dict[str, str | None] = {}
        self.records: dict[str, tuple[list[int], list[str]]] = {}  # file -> (record starts, lines)

    def text(self, rel: str) -> str | None:
        if rel not in self.texts:
            try:
                path = self.layout.inside(rel)
                raw = path.read_bytes() if path.is_file() else None
            except (UnsafePath, OSError):
                raw = None
            # as the validator reads it: without a byte-order mark; undecodable bytes cannot move a line end
            self.texts[rel] = None if raw is None else raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        return self.texts[rel]

    def locate(self, p: Problem) -> Where:
        text = self.text(p.file)
        if text is None:
            return Where()
        if p.char_start is not None and not p.file.endswith(".csv"):
            return text_position(text, p.char_start)
        if p.row is None or p.row < 1:
            return Where()
        if p.code in ROW_IS_LINE or not p.file.endswith(".csv"):
            return Where(p.row)
        if p.file not in self.records:  # once per file: a column mistyped in every row is one problem per row
            self.records[p.file] = record_lines(text), text.split("\n")
        starts, lines = self.records[p.file]
        if p.row > len(starts):
            return Where()
        return Where(starts[p.row - 1], column(lines, starts, p.row - 1, p.field))


def column(lines: list[str], starts: list[int], index: int, field: str | None) -> int | None:
    """The column of the field's cell on the first line of record `index` (of the file's `lines`, whose records
    start at `starts`), when the header names the field and the cell starts on that line."""
    if not field:
        return None
    header = cell_texts(lines[0])
    first = starts[index]
    if field not in header or first > len(lines):
        return None
    last = starts[index + 1] - 1 if index + 1 < len(starts) else first
    cells = cell_starts("\n".join(lines[first - 1:last]))
    at = header.index(field)
    if at >= len(cells) or cells[at] > len(lines[first - 1]):
        return None
    return cells[at] + 1


def cell_texts(line: str) -> list[str]:
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return []


def annotation(p: Problem, where: Where) -> str:
    """One problem as a workflow command (::error or ::warning)."""
    props = [f"file={escape_property(p.file)}"]
    if where.line is not None:
        props.append(f"line={where.line}")
    if where.col is not None:
        props.append(f"col={where.col}")
    props.append(f"title={escape_property(p.code)}")
    message = f"{p.message} — {p.hint}" if p.hint else p.message
    kind = "warning" if p.severity == "warning" else "error"
    return f"::{kind} {','.join(props)}::{escape_data(message)}"


def annotations(report: Report, root: Path) -> list[str]:
    """One workflow command per problem of the report: the errors first (GitHub shows 10 errors and 10 warnings
    of a step on the diff), each severity in the report's order."""
    locator = Locator(root)
    ordered = sorted(report.sorted_problems(), key=lambda p: p.severity != "error")
    return [annotation(p, locator.locate(p)) for p in ordered]


def markdown_cell(text: object) -> str:
    """Text as one cell of a Markdown table: HTML-escaped (a cell is contributed text), one line, no `|`."""
    shown = html.escape(str(text)).replace("\\", "&#92;").replace("|", "&#124;")
    return " ".join(shown.split())


def step_summary(report: Report, root: Path, limit: int = SUMMARY_ROWS) -> str:
    """The job summary: the verdict, the count of each problem code with its general fix, and the first
    problems (errors first) with where they are and their own fix."""
    lines = [f"## Validation: {markdown_cell(report.summary())}", ""]
    if not report.problems:
        return "\n".join([*lines, "No problems: the package is valid.", ""])
    counts = Counter((p.code, p.severity) for p in report.problems)
    lines += ["| code | severity | problems | fix |", "|---|---|---:|---|"]
    for (code, severity), n in sorted(counts.items(), key=lambda item: (item[0][1] != "error", -item[1], item[0])):
        fix = CATALOGUE[code].fix if code in CATALOGUE else ""
        lines.append(f"| `{markdown_cell(code)}` | {severity} | {n} | {markdown_cell(fix)} |")
    ordered = sorted(report.sorted_problems(), key=lambda p: p.severity != "error")
    shown = ordered[:limit]
    locator = Locator(root)
    lines += ["", f"### The first {len(shown)} of {len(ordered)} problems" if len(ordered) > len(shown)
              else "### The problems", "",
              "| file | line | row | field | code | problem | fix |", "|---|---:|---:|---|---|---|---|"]
    for p in shown:
        where = locator.locate(p)
        cells = [markdown_cell(p.file), where.line or "", p.row or "", markdown_cell(p.field or ""),
                 f"`{markdown_cell(p.code)}`", markdown_cell(p.message), markdown_cell(p.hint)]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines += ["", "Each problem is also an annotation at its line (GitHub shows the first 10 errors and 10 warnings "
              "on the pull request's *Files changed* tab); the log of this step has the whole report, which "
              "`make validate` prints locally.", ""]
    return "\n".join(lines)
