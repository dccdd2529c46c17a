"""Where a quote lies in a document's normalised text: the span helper (`zjtx span`).

    zjtx span <document_id> "<quote>"         char_start/char_end of every place the quote occurs
    zjtx span --row <file.csv>:<row>          the same for a row of a table (data/ or a drafts/ worksheet):
                                              its quote (or name_as_written, or number) in its document,
                                              and whether its char_start/char_end name one of those places

Offsets count characters (not bytes) of data/texts/<id>.txt, as every span of the package does. A quote not
found as given is tried once more in its normalised form (（一） → (一), ２０ → 20, no-break spaces), which is
how the text writes it; the output says so.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from zjtx import normalize
from zjtx.checks.spans import occurrences
from zjtx.outline import deepest
from zjtx.paths import Layout, UnsafePath

CONTEXT = 12
QUOTE_FIELDS = ("quote", "name_as_written", "number", "value")  # what a row's span covers, by table


class NotLocated(Exception):
    """The quote or the row cannot be located; the message says why and what to do."""


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    provision_id: str  # the deepest provision holding it, or "" (outside every provision)
    context: str


def provisions_of(layout: Layout, doc_id: str) -> list[dict]:
    """The document's provisions in data/provisions.csv, with integer spans (malformed rows left out)."""
    path = layout.data / "provisions.csv"
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                if row.get("document_id") == doc_id:
                    out.append({"provision_id": row["provision_id"], "char_start": int(row["char_start"]),
                                "char_end": int(row["char_end"])})
            except (KeyError, ValueError):
                continue  # a malformed row: the validator reports it
    return out


def provision_at(provisions: list[dict], start: int, end: int) -> str:
    holding = deepest(provisions, start, end)
    return holding["provision_id"] if holding else ""


def read_text(layout: Layout, doc_id: str) -> str:
    try:
        path = layout.inside(layout.text_rel(doc_id))
    except UnsafePath as exc:
        raise NotLocated(f"'{doc_id}' is not a document id ({exc})") from exc
    if not path.is_file():
        raise NotLocated(f"no normalised text {layout.text_rel(doc_id)}: is '{doc_id}' the document's id, and "
                         "has it been scaffolded (make new-document)?")
    return path.read_text(encoding="utf-8")


def locate(layout: Layout, doc_id: str, quote: str) -> tuple[str, list[Place]]:
    """(the quote as found, every place it occurs); the normalised form of the quote when only that occurs."""
    text = read_text(layout, doc_id)
    provisions = provisions_of(layout, doc_id)
    for candidate in dict.fromkeys([quote, normalize.normalise(quote, {})[0].strip("\n")]):
        starts = occurrences(text, candidate)
        if starts:
            return candidate, [Place(s, s + len(candidate), provision_at(provisions, s, s + len(candidate)),
                                     text[max(0, s - CONTEXT):s + len(candidate) + CONTEXT].replace("\n", " "))
                               for s in starts]
    raise NotLocated(f"{quote!r} does not occur in {layout.text_rel(doc_id)}: copy the quote from that file "
                     "(the normalised text), not from the original")


def read_row(layout: Layout, where: str) -> dict[str, str]:
    """The row `file.csv:N` (N as the validator counts: the header is row 1)."""
    path_part, _, number = where.rpartition(":")
    if not path_part or not number.isdigit() or int(number) < 2:
        raise NotLocated(f"'{where}' is not FILE:ROW (e.g. data/targets.csv:5; the header is row 1)")
    path = Path(path_part)
    path = path if path.is_absolute() else layout.root / path
    if not path.is_file():
        raise NotLocated(f"no file {path_part}")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = int(number)
    if n - 2 >= len(rows):
        raise NotLocated(f"{path_part} has no row {n} (its last row is {len(rows) + 1})")
    return rows[n - 2]


def row_quote(row: dict[str, str]) -> tuple[str, str]:
    """(field, text) of the row that its char_start/char_end point at."""
    for name in QUOTE_FIELDS:
        if row.get(name):
            return name, row[name]
    raise NotLocated(f"the row has none of {', '.join(QUOTE_FIELDS)} to locate")


def describe(doc_id: str, quote: str, found: str, places: list[Place], row: dict[str, str] | None) -> list[str]:
    lines = []
    if found != quote:
        lines.append(f"not found as given; found in the text's normalised form {found!r}")
    lines.append(f"{found!r} in {doc_id}: {len(places)} place(s)")
    claimed = None
    if row is not None:
        try:
            claimed = (int(row.get("char_start", "")), int(row.get("char_end", "")))
        except ValueError:
            claimed = None
    for p in places:
        mark = "  <- the row's span" if claimed == (p.start, p.end) else ""
        lines.append(f"  char_start={p.start} char_end={p.end}  {p.provision_id or '(outside every provision)'}  "
                     f"…{p.context}…{mark}")
    if row is not None and claimed not in {(p.start, p.end) for p in places}:
        said = f"[{claimed[0]}, {claimed[1]})" if claimed else "no valid span"
        lines.append(f"the row says {said}, which is none of these places: set char_start/char_end to the place "
                     "it quotes" + ("" if found == quote else ", and the quote to its normalised form"))
    return lines
