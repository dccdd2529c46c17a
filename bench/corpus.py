"""Synthetic corpora for the benchmark: N documents made from the real five.

Copy i of a real document gets a new document id (its place name plus a letter tag: haiyan-qbc-2023) and
its own agencies, and every digit 3–9 in its source text and in the content fields of its rows goes through
a rotation of 3..9 (0, 1 and 2 stay, so years stay in 20xx and 万元 conversions stay exact). The copy is
therefore a different text with different numbers that still validates: every check does real work and
no cache keyed on a file's hash can skip it.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from zjtx import normalize, paths
from zjtx.checks.figures import FIVE_YEAR_PLANS
from zjtx.fileio import read_rows, write_rows
from zjtx.paths import SITE_INPUTS, stage

# what a build reads besides data/ (which is written here)
REPO_PARTS = [part for part in SITE_INPUTS if part not in ("data", "settings")]
# Fields that are structure, not content: never perturbed.
STRUCTURAL = {"char_start", "char_end", "source_char_start", "source_char_end", "text_char_start", "text_char_end",
              "seq", "level", "position", "region_code", "issued_date", "effective_from", "effective_to",
              "source_sha256", "text_sha256", "source_path", "text_path",
              "source_received_name", "step"}
DATA_TABLES = ["documents", "provisions", "targets", "amounts", "number_exclusions", "agencies",
               "responsibilities", "provision_instruments", "reviewed_warnings", "provision_translations"]


def letters(i: int) -> str:
    """0 -> aaa, 1 -> aab ...: a tag without digits (agency ids allow only letters before the slash)."""
    out = ""
    for _ in range(3):
        i, r = divmod(i, 26)
        out = chr(97 + r) + out
    return out


def rotation(i: int) -> dict[int, str]:
    """str.translate table rotating the digits 3..9 by 1..6 places (never the identity)."""
    shift = i % 6 + 1
    return {ord(str(d)): str((d - 3 + shift) % 7 + 3) for d in range(3, 10)}


def copy_row(row: dict[str, str], table_map: dict[int, str], ids: dict[str, str]) -> dict[str, str]:
    out = {}
    for key, value in row.items():
        if key in ids and value:
            out[key] = ids[key](value) if callable(ids[key]) else ids[key]
        elif key.endswith("_id") or key in STRUCTURAL:
            out[key] = value
        else:
            out[key] = value.translate(table_map)
    return out


def make_corpus(dest: Path, n_docs: int) -> Path:
    """Write a buildable repository copy with n_docs synthetic documents into dest (emptied first)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    stage(dest, REPO_PARTS)
    (dest / "data" / "sources").mkdir(parents=True)
    (dest / "data" / "texts").mkdir(parents=True)
    real = {name: read_rows(paths.HERE.data / f"{name}.csv") for name in DATA_TABLES}
    options = normalize.load_options(paths.HERE)
    segmentation = yaml.safe_load(paths.HERE.segmentation.read_text(encoding="utf-8"))
    real_docs = [r["document_id"] for r in real["documents"][1]]
    out_rows: dict[str, list[dict[str, str]]] = {name: [] for name in DATA_TABLES}
    new_options, new_segmentation, repairs = {}, {}, []
    for i in range(n_docs):
        base = real_docs[i % len(real_docs)]
        place, year = base.rsplit("-", 1)
        tag = letters(i)
        new_id = f"{place}-{tag}-{year}"
        table_map = rotation(i)
        raw = (paths.HERE.sources / f"{base}.txt").read_text(encoding="utf-8").translate(table_map)
        text, doc_repairs = normalize.normalise(raw, options[base] or {})
        (dest / "data" / "sources" / f"{new_id}.txt").write_text(raw, encoding="utf-8", newline="")
        (dest / "data" / "texts" / f"{new_id}.txt").write_text(text, encoding="utf-8", newline="")
        repairs.append((new_id, doc_repairs))
        new_options[new_id] = options[base]
        if base in segmentation:
            new_segmentation[new_id] = segmentation[base]

        def rename(value: str, base: str = base, new_id: str = new_id) -> str:
            return new_id + value[len(base):] if value.startswith(base) else value

        def agency(value: str, tag: str = tag) -> str:
            region, rest = value.split("/", 1)
            return f"{region}{tag}/{rest}"

        ids = {"document_id": new_id, "provision_id": rename, "parent_id": rename, "target_id": rename,
               "amount_id": rename, "agency_id": agency}
        doc_agencies = {r["agency_id"] for r in real["responsibilities"][1]
                        if r["provision_id"].startswith(base + "/")}
        for name in DATA_TABLES:
            rows = real[name][1]
            if name == "agencies":
                picked = [r for r in rows if r["agency_id"] in doc_agencies]
            elif name == "documents":
                picked = [r for r in rows if r["document_id"] == base]
            else:
                key = "document_id" if "document_id" in real[name][0] else "provision_id"
                picked = [r for r in rows if r[key] == base or r[key].startswith(base + "/")]
            for r in picked:
                row = copy_row(r, table_map, ids)
                if name == "documents":
                    row.update(source_path=f"data/sources/{new_id}.txt", text_path=f"data/texts/{new_id}.txt",
                               source_sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
                               text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
                if name == "targets" and any(plan in r["quote"] for plan in FIVE_YEAR_PLANS):
                    row["target_year"] = r["target_year"]  # 十四五 stays 2025: the Chinese name is not rotated
                if name == "agencies":  # each copy's bodies are its own (the validator rejects duplicate agencies)
                    row["name"] = f"{row['name']}({tag})"
                out_rows[name].append(row)
    for name in DATA_TABLES:
        write_rows(dest / "data" / f"{name}.csv", real[name][0], out_rows[name])
    shutil.copy2(paths.HERE.data / "glossary.csv", dest / "data" / "glossary.csv")  # one glossary for every copy
    (dest / "data" / "text_repairs.csv").write_text(normalize.repairs_csv(repairs), encoding="utf-8", newline="")
    (dest / "settings").mkdir(exist_ok=True)
    (dest / "settings" / "normalisation.yaml").write_text(
        yaml.safe_dump(new_options, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (dest / "settings" / "segmentation.yaml").write_text(
        yaml.safe_dump(new_segmentation, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the package-wide rules, like the glossary: one for every copy
    shutil.copy2(paths.HERE.settings / "obligation_words.csv", dest / "settings" / "obligation_words.csv")
    return dest
