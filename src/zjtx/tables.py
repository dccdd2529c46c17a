"""Read the package's CSV files tolerantly, reporting (never raising on) the mistakes people make.

A CSV saved by Excel may have a BOM, CRLF line ends or GBK encoding; a column may be renamed, missing
or extra; a row may be empty. Each becomes a Problem with a fix; the rows are still returned where
they can be read, so later checks can report everything in one pass.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zjtx import problems as P
from zjtx.problems import Problem

BOM = b"\xef\xbb\xbf"
CONFLICT_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")
# a line that starts with the first or last marker, or is the middle one
CONFLICT_RE = re.compile(f"^(?:{re.escape(CONFLICT_MARKERS[0])}|{re.escape(CONFLICT_MARKERS[2])}|"
                         f"{re.escape(CONFLICT_MARKERS[1])}$)", re.MULTILINE)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SHARED_MAX = 24  # cells up to this length are read as one object per distinct value (parse_table)
csv.field_size_limit(1 << 30)  # read long cells whole, so they are reported as too long, not as bad quoting


@dataclass
class Table:
    name: str
    path: str  # relative to the package root
    header: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # spreadsheet row number of each row
    readable: bool = True  # header matches the schema and the file decodes: deeper checks may run
    fixable: list[str] = field(default_factory=list)  # unambiguous fixes that --fix may apply
    # Where each row is in the file's bytes, so that a validation by part can read one document's rows alone
    # next time: the physical lines read up to the end of each row (a quoted cell may hold line ends) and of
    # the header, and the byte offset where each line ends (none when a BOM or CR was read away).
    sha256: str = ""  # of the bytes read
    lines: array = field(default_factory=lambda: array("q"))
    header_lines: int = 1
    line_ends: array = field(default_factory=lambda: array("q"))

    def span(self, first: int, last: int) -> tuple[int, int] | None:
        """The bytes of rows first..last (indexes into rows), or None if the table cannot say."""
        if not self.line_ends or last >= len(self.lines):
            return None
        before = self.lines[first - 1] if first else self.header_lines
        return self.line_ends[before - 1], self.line_ends[self.lines[last] - 1]

    def numbered(self):
        return zip(self.row_numbers, self.rows, strict=True)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem], list[str]]:
    problems: list[Problem] = []
    fixes: list[str] = []
    if raw.startswith(BOM):
        problems.append(P.UTF8_BOM(rel, "the file starts with a byte-order mark (BOM), as Excel writes it",
                                "save as 'CSV UTF-8' without BOM, or run `make validate FIX=1` to remove it"))
        fixes.append("bom")
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
            guess = "it looks like GBK/GB18030, as Excel on Chinese Windows saves CSV"
        except UnicodeDecodeError:
            guess = "the encoding is unknown"
        problems.append(P.ENCODING(rel, f"the file is not valid UTF-8 (byte {exc.start}); {guess}",
                                "re-save the file as UTF-8 (in Excel: 'CSV UTF-8'; or "
                                "`iconv -f GB18030 -t UTF-8`); the validator will not guess the encoding"))
        return None, problems, fixes
    if "\r" in text:
        problems.append(P.LINE_ENDS(rel, "the file has CR or CRLF line ends; the package uses LF",
                                "run `make validate FIX=1` to convert line ends, or save with LF (Unix) line ends"))
        fixes.append("crlf")
        # read on as LF, so cells that span lines are not reported again as quotes that do not match
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    marker = CONFLICT_RE.search(text)  # one scan of the file, not one test per line
    conflict = text.count("\n", 0, marker.start()) + 1 if marker else None
    if conflict is not None:
        problems.append(P.MERGE_CONFLICT(rel, f"the file holds unresolved merge-conflict markers (first at line "
                                         f"{conflict})", row=conflict))
        return None, problems, fixes

    return text, problems, fixes


def read_table(root: Path, name: str, rel: str, expected: list[str]) -> tuple[Table, list[Problem]]:
    path = root / rel
    if not path.exists():
        return Table(name=name, path=rel, readable=False), [
            P.MISSING_FILE(rel, f"resource '{name}' has no file at {rel}",
                           f"create {rel} with the header: {','.join(expected)}")]
    return parse_table(name, rel, path.read_bytes(), expected)


def parse_table(name: str, rel: str, raw: bytes, expected: list[str]) -> tuple[Table, list[Problem]]:
    """A CSV file's bytes as a table, and the problems of reading them."""
    table = Table(name=name, path=rel, sha256=hashlib.sha256(raw).hexdigest())
    text, problems, table.fixable = decode(raw, rel)
    if text is None:
        table.readable = False
        return table, problems
    reader = csv.reader(lines_of(text), strict=True)  # strict: an unclosed quote is an error
    try:
        header = next(reader)
    except StopIteration:
        table.readable = False
        return table, [*problems, P.EMPTY_FILE(rel, "the file is empty",
                                          f"write the header row: {','.join(expected)}")]
    except csv.Error as exc:
        table.readable = False
        return table, [*problems, P.CSV_SYNTAX(rel, f"the header cannot be read: {exc}", "check quoting")]
    table.header = header
    problems += header_problems(rel, header, expected)
    if header != expected:
        table.readable = False
    # where each physical line ends in the bytes, for where rows start and end (a quoted cell may hold line
    # ends; the text is the bytes decoded, line for line, unless a BOM or CR was read away)
    if not table.fixable:
        table.line_ends = array("q", (m.end() for m in re.finditer(b"\n", raw)))
        table.line_ends.append(len(raw))  # the last line, if the file does not end with a line end
    del raw  # the rows are read from the text: the bytes need not stay for the length of the reading
    table.header_lines = reader.line_num
    lines = table.lines
    line_no = 1
    # One object per distinct short cell: ids, codes, offsets and single characters repeat across rows (most of
    # text_repairs' ~480 rows a document), and a row's strings cost more than the row. Read whole, text_repairs took
    # 806 MB at 1,000 documents with a string per cell, 8 GB at 10,000.
    same: dict[str, str] = {}
    try:
        for line_no, cells in enumerate(reader, start=2):
            if not "".join(cells).strip():
                problems.append(P.BLANK_ROW(rel, "the row is empty", "delete the empty row", row=line_no))
                continue
            if len(cells) != len(header):
                problems.append(P.ROW_LENGTH(rel, f"the row has {len(cells)} cells; the header has {len(header)}",
                    "a comma inside a value must be in double quotes; check for a missing or extra cell",
                    row=line_no))
                continue
            table.rows.append(dict(zip(header, [same.setdefault(c, c) if len(c) <= SHARED_MAX else c
                                                 for c in cells], strict=True)))
            table.row_numbers.append(line_no)
            lines.append(reader.line_num)
        # a cell of question marks needs two of them: a file with fewer has none (one scan, not one per cell)
        lost = [n for n, row in zip(table.row_numbers, table.rows, strict=True)
                if "".join(row.values()).count("?") >= 2 and any(map(looks_lost, row.values()))] \
            if text.count("?") >= 2 else []
        if lost:
            problems.append(P.CHARACTERS_LOST(
                rel, f"{len(lost)} row(s) hold cells of question marks where text was (first: row {lost[0]}): the "
                "file was saved in a code page without Chinese, and those characters are already lost from it "
                "(no conversion brings them back)", row=lost[0]))
            table.readable = False
    except csv.Error as exc:
        # The record after the last good one is where the quote opened, wherever the parser gave up.
        problems.append(P.CSV_SYNTAX(rel, f"the row cannot be parsed as CSV: {exc}",
                                "check this row for an unclosed double quote; a double quote inside a value "
                                "must be doubled (\"\")", row=line_no + 1))
        table.readable = False
    return table, problems


def lines_of(text: str) -> Iterator[str]:
    """The text's lines, each with its line end, one at a time: io.StringIO holds a text it is read from as four
    bytes a character (half a gigabyte for text_repairs at 1,000 documents)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end + 1]
        start = end + 1
    if start < len(text):
        yield text[start:]


def read_rows_at(table: Table, raw: bytes, runs: list[tuple[int, int, int, int]]) -> bool:
    """Append to `table` the rows of `raw` at each run (first spreadsheet row, number of rows, byte start,
    byte end), as a validation by part reads one document's rows of a file it read whole before. False if
    the bytes at a run are not that many rows of the table's columns (the runs were not of this file)."""
    for first, count, start, end in runs:
        try:
            records = list(csv.reader(io.StringIO(raw[start:end].decode("utf-8"), newline=""), strict=True))
        except (UnicodeDecodeError, csv.Error):
            return False
        if len(records) != count or any(len(cells) != len(table.header) for cells in records):
            return False
        table.rows += [dict(zip(table.header, cells, strict=True)) for cells in records]
        table.row_numbers += range(first, first + count)
    return True


def looks_lost(cell: str) -> bool:
    """What a Western code page leaves of Chinese text: question marks standing for most of a cell, no CJK."""
    marks = cell.count("?")
    return marks >= 2 and marks * 2 >= len(cell.replace(" ", "")) and not CJK.search(cell)


def header_problems(rel: str, header: list[str], expected: list[str]) -> list[Problem]:
    problems = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if len(missing) == 1 and len(extra) == 1:
        problems.append(P.RENAMED_COLUMN(rel,
                                f"column '{extra[0]}' is not in the schema and '{missing[0]}' is missing",
                                f"rename the column '{extra[0]}' to '{missing[0]}'", row=1, field=extra[0]))
        return problems
    for c in missing:
        problems.append(P.MISSING_COLUMN(rel, f"the required column '{c}' is missing",
                                f"add a column '{c}' (the full header is: {','.join(expected)})", row=1, field=c))
    for c in extra:
        problems.append(P.EXTRA_COLUMN(rel, f"column '{c}' is not in the schema",
                                "remove it, or propose the field in schemas/model.yaml", row=1, field=c))
    if not missing and not extra and header != expected:
        problems.append(P.COLUMN_ORDER(rel, "the columns are not in the schema's order",
                                f"order the header as: {','.join(expected)}", row=1))
    dupes = sorted({c for c in header if header.count(c) > 1})
    for c in dupes:
        problems.append(P.DUPLICATE_COLUMN(rel, f"column '{c}' appears more than once",
                                "keep one", row=1, field=c))
    return problems


def apply_fixes(root: Path, table: Table) -> list[str]:
    """Apply the unambiguous fixes (BOM, line ends) to a file; return what was done."""
    path = root / table.path
    raw = path.read_bytes()
    done = []
    if "bom" in table.fixable and raw.startswith(BOM):
        raw = raw[len(BOM):]
        done.append(f"{table.path}: removed the byte-order mark")
    if "crlf" in table.fixable and b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        done.append(f"{table.path}: converted line ends to LF")
    if done:
        path.write_bytes(raw)
    return done
