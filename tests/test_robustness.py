"""The validator never crashes on a contribution: damage one file of a copy of the package at random, and it
still ends with exit code 0 or 1, no traceback, and a report whose every problem names a file.

Hypothesis draws the damage (characters inserted, deleted or replaced; lines dropped, duplicated or swapped; a
header damaged; digits changed; odd Unicode and bytes that are not UTF-8) in a fixed order (derandomize: the
same examples every run, no example database), and the number of examples bounds the run to about a minute.
A damage it found that made the validator crash is kept below as a fixture (test_found_by_the_random_run).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import PACKAGE_PARTS, stage_repo
from zjtx import cli

# what a contributor edits: the tables, the texts and sources, the codelists, the per-document settings
DAMAGED = ("data", "schemas/codelists", "settings")
# characters that break parsers: quotes and separators, line ends, a BOM, zero-width and direction marks, digits
# of other scripts, look-alikes, a NUL, a lone combining mark, an astral character
ODD = ['"', ",", "\n", "\r", "\r\n", "\ufeff", "\u200b", "\u202e", "\u2028", "\x00", "\x0b", "１", "٣", "〇", "〡",
       "\u0301", "𝟙", "＂", "，", "：", "?", "TODO", "-1", "1e999", "NaN", "[", "{", "\\", "../", ":", "#"]
KINDS = ("insert", "delete", "replace", "drop-line", "duplicate-line", "swap-lines", "header", "digit", "bytes",
         "truncate")


@dataclass(frozen=True)
class Damage:
    file: str
    kind: str
    at: int  # a position, a line or a digit, taken modulo what the file has
    other: int
    text: str

    def apply(self, raw: bytes) -> bytes:
        if self.kind == "bytes":  # not UTF-8: an invalid byte, or a cut through a multi-byte character
            i = self.at % (len(raw) + 1)
            return raw[:i] + (b"\xff" if self.other % 2 else b"\xe4\xb8") + raw[i:]
        text = raw.decode("utf-8")
        lines = text.split("\n")
        i = self.at % (len(text) + 1)
        if self.kind == "insert":
            text = text[:i] + self.text + text[i:]
        elif self.kind == "delete":
            text = text[:i] + text[i + 1 + self.other % 8:]
        elif self.kind == "replace":
            text = text[:i] + self.text + text[i + 1:]
        elif self.kind == "truncate":
            text = text[:i]
        elif self.kind in ("drop-line", "duplicate-line", "swap-lines"):
            n, m = self.at % len(lines), self.other % len(lines)
            if self.kind == "drop-line":
                del lines[n]
            elif self.kind == "duplicate-line":
                lines.insert(n, lines[n])
            else:
                lines[n], lines[m] = lines[m], lines[n]
            text = "\n".join(lines)
        elif self.kind == "header":  # a column renamed, cut short, doubled or dropped
            cells = lines[0].split(",")
            n = self.at % len(cells)
            edits = [lambda c: self.text, lambda c: c[:-1], lambda c: c.upper(), lambda c: c + "," + c, lambda c: None]
            edited = edits[self.other % len(edits)](cells[n])
            cells[n:n + 1] = [] if edited is None else [edited]
            text = "\n".join([",".join(cells), *lines[1:]])
        elif self.kind == "digit":
            digits = [k for k, c in enumerate(text) if c.isdigit()]
            if digits:
                k = digits[self.at % len(digits)]
                new = ["", "0", "9", "00", "-", self.text][self.other % 6]
                text = text[:k] + new + text[k + 1:]
        return text.encode("utf-8")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return stage_repo(tmp_path_factory.mktemp("pristine"), PACKAGE_PARTS)


def damageable(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for part in DAMAGED for p in (root / part).rglob("*") if p.is_file())


def damages(files: list[str]) -> st.SearchStrategy[Damage]:
    return st.builds(Damage, file=st.sampled_from(files), kind=st.sampled_from(KINDS),
                     at=st.integers(0, 10**7), other=st.integers(0, 100),
                     text=st.one_of(st.sampled_from(ODD), st.text(max_size=4)))


def validate_damaged(pristine: Path, workdir: Path, damage: Damage) -> tuple[int, dict, str]:
    """Validate a copy with one damage, as `zjtx validate --json` does; a traceback is reported, not raised."""
    root = Path(tempfile.mkdtemp(dir=workdir)) / "copy"  # each copy its own root: the model is read per root
    shutil.copytree(pristine, root)
    path = root / damage.file
    path.write_bytes(damage.apply(path.read_bytes()))
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["validate", "--root", str(root), "--json"])
    except BaseException:  # SystemExit included: the validator must return its exit code, not raise
        return -1, {}, err.getvalue() + traceback.format_exc()
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
    try:
        report = json.loads(out.getvalue())
    except ValueError:
        return -2, {}, f"stdout is not one JSON document: {out.getvalue()[:500]!r}"
    return code, report, err.getvalue()


def assert_handled(code: int, report: dict, err: str, damage: Damage) -> None:
    assert code in (0, 1) and "Traceback" not in err, f"{damage}:\n{err}"
    for p in report["problems"]:
        assert p["file"] and not p["file"].startswith(("/", "..")), (damage, p)
        assert p["code"] != "check-failed", (damage, p["message"])  # a check that crashed, caught


def test_found_by_the_random_run(pristine, tmp_path):
    """The damages the random run found that once crashed the validator."""
    found = [
        Damage("schemas/codelists/comparator.csv", "header", 0, 0, "kode"),  # KeyError: 'code' (issue 28)
        # UnicodeDecodeError reading the model (the first this test's own run found)
        Damage("schemas/codelists/amount_basis.csv", "bytes", 22, 22, ""),
        Damage("data/documents.csv", "header", 0, 0, "["),  # KeyError: 'document_id' reading the texts
    ]
    for damage in found:
        code, report, err = validate_damaged(pristine, tmp_path, damage)
        assert_handled(code, report, err, damage)
        assert code == 1 and any(p["file"] == damage.file for p in report["problems"]), report["problems"]


def test_random_damage_never_crashes_the_validator(pristine, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("damaged")

    @settings(max_examples=40, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(damages(damageable(pristine)))
    def check(damage: Damage) -> None:
        assert_handled(*validate_damaged(pristine, workdir, damage), damage)

    check()
