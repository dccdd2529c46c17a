"""Copies of the package whose documents are in another order or number: what a contribution makes of data/.

No test may depend on the order or the number of documents in data/. `move_to_end(root, doc_id)` moves one
document's rows to the end of every table (its agencies too, and its entries in settings/), the way a
contributor's re-sorted or re-added document would sit; `append_sixth(root)` appends a sixth document, the
contribution fixture under another id and place (样例县, yanglixian-2024, or 范例县 when that is taken), so
that the suite's own tests can still add the fixture to it. tests/test_order.py checks the package under
both; to run the whole suite on such a copy:

    cp -r . /tmp/scratch && cd /tmp/scratch && python -m tests.reordered . changchun-2022 --append
    python -m pytest -q -m "not browser"
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from tests.support import read_rows, write_rows
from zjtx import normalize
from zjtx.fileio import sha256
from zjtx.paths import Layout

# Places for the document made from the fixture (id prefix, county, region code, English name): the first one
# the package does not hold yet is used, so a copy that already has one (the suite run on such a copy) can
# take another. The Chinese names are as long as the fixture's 示例县, so that every span stays right.
PLACES = [("yanglixian", "样例县", "330998", "Yangli County"), ("fanlixian", "范例县", "330997", "Fanli County")]


def renames(place: tuple[str, str, str, str]) -> list[tuple[str, str]]:
    prefix, county, code, english = place
    return [("shilixian-2024", f"{prefix}-2024"), ("shilixian/", f"{prefix}/"), ("示例县", county),
            ("330999", code), ("Shili County", english)]


def _region_of(root: Path, doc_id: str) -> str:
    _, docs = read_rows(root / "data" / "documents.csv")
    return next(r["region_code"] for r in docs if r["document_id"] == doc_id)


def _move_yaml_entry(path: Path, doc_id: str) -> None:
    """Move the top-level entry `doc_id:` (with its indented lines and comments after it) to the end."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{doc_id}:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\n")) or not lines[end].strip()):
        end += 1
    block, rest = lines[start:end], lines[:start] + lines[end:]
    if rest and not rest[-1].endswith("\n"):
        rest[-1] += "\n"
    path.write_text("".join(rest + block), encoding="utf-8", newline="\n")
    yaml.safe_load(path.read_text(encoding="utf-8"))  # still YAML


def move_to_end(root: Path, doc_id: str) -> None:
    """Move every row of `doc_id` to the end of every table of data/ and its settings entries to the end."""
    region = _region_of(root, doc_id)
    for path in sorted((root / "data").glob("*.csv")):
        header, rows = read_rows(path)
        if "document_id" in header:
            mine = [r for r in rows if r["document_id"] == doc_id]
        elif path.name == "agencies.csv":
            mine = [r for r in rows if r["region_code"] == region]
        else:
            continue
        write_rows(path, header, [r for r in rows if r not in mine] + mine)
    for name in ("normalisation.yaml", "segmentation.yaml"):
        _move_yaml_entry(root / "settings" / name, doc_id)


def _renamed(text: str, rename: list[tuple[str, str]]) -> str:
    for old, new in rename:
        text = text.replace(old, new)
    return text


def append_sixth(root: Path) -> str:
    """Add the contribution fixture by the guide's steps, then rename it to a place of its own; return its id."""
    from tests.contribute_fixture import DOC_ID, add_synthetic_document

    _, docs = read_rows(root / "data" / "documents.csv")
    taken = {r["document_id"] for r in docs}
    rename = renames(next(p for p in PLACES if f"{p[0]}-2024" not in taken))
    new_id = rename[0][1]
    add_synthetic_document(root)
    for folder in ("sources", "texts"):
        old = root / "data" / folder / f"{DOC_ID}.txt"
        (root / "data" / folder / f"{new_id}.txt").write_bytes(_renamed(old.read_text(encoding="utf-8"),
                                                                        rename).encode())
        old.unlink()
    for path in [*sorted((root / "data").glob("*.csv")), root / "settings" / "normalisation.yaml",
                 root / "settings" / "segmentation.yaml"]:
        path.write_bytes(_renamed(path.read_text(encoding="utf-8"), rename).encode())
    shutil.rmtree(root / "drafts", ignore_errors=True)
    normalize.write(Layout(root))
    header, rows = read_rows(root / "data" / "documents.csv")
    row = next(r for r in rows if r["document_id"] == new_id)
    row.update(source_sha256=sha256(root / "data" / "sources" / f"{new_id}.txt"),
               text_sha256=sha256(root / "data" / "texts" / f"{new_id}.txt"))
    write_rows(root / "data" / "documents.csv", header, rows)
    return new_id


def main() -> None:
    parser = argparse.ArgumentParser(description="reorder (and grow) the package at ROOT, for testing")
    parser.add_argument("root", type=Path)
    parser.add_argument("move", nargs="?", help="a document id whose rows go to the end of every table")
    parser.add_argument("--append", action="store_true", help="then append a sixth document (yanglixian-2024)")
    args = parser.parse_args()
    if args.move:
        move_to_end(args.root, args.move)
    if args.append:
        append_sixth(args.root)


if __name__ == "__main__":
    main()
