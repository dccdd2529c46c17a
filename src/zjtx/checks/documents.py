"""Documents: each source and text lies inside the package, exists, matches its hash, and the text is the
normalised source; no other file sits among them; dates and plan years are in order."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict

from zjtx import normalize
from zjtx import problems as P
from zjtx.checks.context import Context, as_int
from zjtx.problems import Problem
from zjtx.regions import province_code

LINE_ENDS_FIX = ("restore the bytes: `git config core.autocrlf false`, then `git rm --cached -r -q . && git reset "
                 "--hard` (the repository's .gitattributes keeps data files byte-exact); do not change hashes "
                 "or spans to fit")


def check_documents(ctx: Context) -> list[Problem]:
    """Source and text files exist inside the package, match their SHA-256, and the text is the normalised
    source; text_repairs is what normalisation records."""
    layout, texts = ctx.layout, ctx.texts
    problems: list[Problem] = []
    docs = ctx.tables.get("documents")
    if not docs:
        return problems
    options = normalize.load_options(layout)
    repairs_table = ctx.tables.get("text_repairs")
    repairs_by_doc: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for row_no, row in (repairs_table.numbered() if repairs_table else []):
        repairs_by_doc[row.get("document_id", "")].append((row_no, row))
    for row_no, row in docs.numbered():
        doc_id = row.get("document_id", "")
        found = file_problems(ctx, docs.path, row_no, row)
        problems += found
        if doc_id not in options:
            problems.append(P.NORMALISATION_MISSING(
                docs.path, f"document '{doc_id}' has no entry in settings/normalisation.yaml",
                f"add '{doc_id}: {{}}' to settings/normalisation.yaml and run `make normalise`",
                row=row_no, field="document_id", value=doc_id))
            continue
        if found or doc_id not in texts:
            continue  # the source or text is not what it should be: comparing them would only repeat that
        src = layout.inside(row["source_path"])
        try:
            raw = src.read_bytes().decode("utf-8")
            expected, repairs = normalize.normalise(raw, options[doc_id] or {})
        except (UnicodeDecodeError, ValueError) as exc:
            problems.append(P.SOURCE_UNREADABLE(row["source_path"], f"the source cannot be normalised: {exc}",
                                                "source texts must be UTF-8"))
            continue
        if not visible(expected):
            problems.append(P.EMPTY_SOURCE(docs.path, f"the source of {doc_id} has no visible character",
                                           row=row_no, field="source_path", value=row["source_path"]))
        if expected != texts[doc_id]:
            problems.append(P.TEXT_DRIFT(row["text_path"], "the normalised text is not what normalisation of "
                                         "the source gives", "never edit data/texts/ by hand: run `make normalise`"))
        if repairs_table is not None:
            problems += repair_drift(repairs_table.path, doc_id, repairs_by_doc[doc_id], repairs)
    known = {row.get("document_id", "") for row in docs.rows}
    for doc_id, rows in repairs_by_doc.items():
        if doc_id not in known:
            problems.append(P.REPAIRS_DRIFT(repairs_table.path, f"repairs of '{doc_id}', which is not in "
                                            "documents.csv", "run `make normalise`", row=rows[0][0],
                                            field="document_id", value=doc_id))
    return problems


def file_problems(ctx: Context, table_path: str, row_no: int, row: dict[str, str]) -> list[Problem]:
    """The source and the text of one document: inside the package, present, and as hashed."""
    problems: list[Problem] = []
    for path_field, hash_field in (("source_path", "source_sha256"), ("text_path", "text_sha256")):
        rel = row.get(path_field, "")
        try:
            path = ctx.layout.inside(rel)
        except ValueError as exc:
            problems.append(P.UNSAFE_PATH(table_path, f"{path_field}: {exc}", row=row_no, field=path_field,
                                          value=rel))
            continue
        if not path.is_file():
            problems.append(P.MISSING_FILE(table_path, f"{path_field} points to a file that does not exist",
                                           f"add the file {rel or '(empty path)'} or correct {path_field}",
                                           row=row_no, field=path_field, value=rel))
            continue
        raw = path.read_bytes()
        actual = hashlib.sha256(raw).hexdigest()
        if actual == row.get(hash_field):
            continue
        if line_ends_changed(raw, row.get(hash_field, "")):
            problems.append(P.LINE_ENDS_CHANGED(rel, "the file's line ends differ from the ones it was recorded "
                                                "with (CRLF instead of LF or the reverse), so its hash, and every "
                                                "span into it, cannot match", LINE_ENDS_FIX))
        else:
            problems.append(P.CHECKSUM(table_path, f"{hash_field} does not match the SHA-256 of {rel}",
                                       f"if {rel} is right, set {hash_field} to {actual}; if the file was changed, "
                                       "restore it (source files must stay byte-identical to what was received)",
                                       row=row_no, field=hash_field, value=row.get(hash_field)))
    return problems


def visible(text: str) -> bool:
    """Does the text hold any character that is not white space or a control or format character?"""
    return any(not c.isspace() and unicodedata.category(c)[0] != "C" for c in text)


def line_ends_changed(raw: bytes, recorded: str) -> bool:
    """Do the bytes match the recorded hash once CRLF and LF are swapped? (What a Windows checkout does.)"""
    if b"\r" in raw:
        return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == recorded
    return hashlib.sha256(raw.replace(b"\n", b"\r\n")).hexdigest() == recorded


def repair_drift(path: str, doc_id: str, rows: list[tuple[int, dict]], repairs: list) -> list[Problem]:
    """text_repairs is generated: its rows for a document must be exactly what normalisation records.
    (Stronger than a schema check of the rows, and linear, so frictionless can leave this big table out.)"""
    expected = normalize.repair_rows([(doc_id, repairs)])
    actual = [[row.get(f, "") for f in normalize.REPAIR_FIELDS] for _, row in rows]
    if actual == expected:
        return []
    first = next((i for i, (a, e) in enumerate(zip(actual, expected, strict=False)) if a != e),
                 min(len(actual), len(expected)))
    return [P.REPAIRS_DRIFT(path, f"the rows of {doc_id} are not what `make normalise` records ({len(actual)} "
                            f"rows, {len(expected)} expected; first difference at repair {first + 1})",
                            "never edit data/text_repairs.csv by hand: run `make normalise`",
                            row=rows[first][0] if first < len(rows) else None)]


def check_unreferenced_files(ctx: Context) -> list[Problem]:
    """Every file in data/sources/ and data/texts/ is a document's source or text (the release ships only
    those; a stray file is a forgotten row or a leftover)."""
    if "documents" not in ctx.tables:  # documents.csv cannot be read (its problem says why): every file would be
        return []
    referenced = {row.get(key, "") for row in ctx.rows("documents") for key in ("source_path", "text_path")}
    problems = []
    for folder in (ctx.layout.sources, ctx.layout.texts):
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            rel = ctx.layout.rel(path)
            if rel not in referenced:
                problems.append(P.UNREFERENCED_FILE(rel, f"{rel} is not the source or text of any document"))
    return problems


def check_dates(ctx: Context) -> list[Problem]:
    """Plan years and effective dates in order."""
    docs = ctx.tables.get("documents")
    problems = []
    for row_no, row in (docs.numbered() if docs else []):
        start, end = as_int(row.get("plan_start_year")), as_int(row.get("plan_end_year"))
        if start is not None and end is not None and start > end:
            problems.append(P.PLAN_YEARS(docs.path, f"plan_start_year {start} is after plan_end_year {end}",
                                         row=row_no, field="plan_start_year", value=start))
        frm, to = row.get("effective_from", ""), row.get("effective_to", "")
        if frm and to and frm.isascii() and to.isascii() and frm > to:
            problems.append(P.PLAN_YEARS(docs.path, f"effective_from {frm} is after effective_to {to}",
                                         row=row_no, field="effective_from", value=frm))
    return problems


def check_provinces(ctx: Context) -> list[Problem]:
    """Each document's region lies in a province of the province codelist (the site lists documents by it)."""
    docs = ctx.tables.get("documents")
    if "province" not in ctx.tables:  # the codelist cannot be read (its own problem says why): nothing to compare
        return []
    provinces = set(ctx.model.codelists["province"].codes)
    problems = []
    for row_no, row in (docs.numbered() if docs else []):
        code = row.get("region_code", "")
        if len(code) == 6 and code.isascii() and code.isdigit() and province_code(code) not in provinces:
            problems.append(P.UNKNOWN_PROVINCE(docs.path, f"region_code {code} is in no province (its first two "
                                               f"digits, {code[:2]}, name none)", row=row_no, field="region_code",
                                               value=code))
    return problems
