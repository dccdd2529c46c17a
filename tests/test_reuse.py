"""`make release` and `make site` after nothing changed rewrite nothing (reuse.py), and what they leave is
byte-identical to a clean build of the same inputs: after a change, after a hand edit of the output, and
when nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import read_rows, run, stage_repo, write_rows
from zjtx.reuse import tree_digest


def zjtx(root: Path, *args: str) -> str:
    done = run(["-m", "zjtx.cli", "--root", str(root), *args], root)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def clean_release(root: Path, tmp: Path) -> Path:
    """The same inputs released from nothing, into a folder of the same name."""
    other = tmp / "clean"
    shutil.copytree(root, other, ignore=shutil.ignore_patterns("dist", "site", ".cache"))
    zjtx(other, "release")
    return other / "dist"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = stage_repo(tmp_path / "repo")
    assert "written" in zjtx(root, "release")
    return root


def test_a_release_of_unchanged_inputs_is_not_rewritten(repo: Path, tmp_path: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in (repo / "dist").rglob("*")}
    assert "is up to date" in zjtx(repo, "release")
    assert {p: p.stat().st_mtime_ns for p in (repo / "dist").rglob("*")} == before
    assert files(repo / "dist") == files(clean_release(repo, tmp_path))


def test_a_release_after_a_change_is_the_clean_release_of_the_changed_package(repo: Path, tmp_path: Path) -> None:
    header, rows = read_rows(repo / "data/amounts.csv")
    rows[0]["note"] = rows[0]["note"] + "。"
    write_rows(repo / "data/amounts.csv", header, rows)
    assert "written" in zjtx(repo, "release")
    assert files(repo / "dist") == files(clean_release(repo, tmp_path))


@pytest.mark.parametrize("edit", ["changed", "deleted", "added"])
def test_a_release_edited_by_hand_is_built_again(repo: Path, tmp_path: Path, edit: str) -> None:
    target = repo / "dist/data/amounts.csv"
    if edit == "changed":
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    elif edit == "deleted":
        target.unlink()
    else:
        (repo / "dist/notes.txt").write_text("mine", encoding="utf-8")
    assert "written" in zjtx(repo, "release")
    assert files(repo / "dist") == files(clean_release(repo, tmp_path))


def test_another_environment_or_code_is_another_input(tmp_path: Path, monkeypatch) -> None:
    from zjtx import reuse

    root = stage_repo(tmp_path / "repo", ["data", "schemas"])
    first = reuse.inputs_digest(root, "release", root / "dist")
    monkeypatch.setattr(reuse, "environment", lambda: "pyarrow==0")
    assert reuse.inputs_digest(root, "release", root / "dist") != first
    monkeypatch.undo()
    (root / "src/zjtx").mkdir(parents=True)
    (root / "src/zjtx/release.py").write_text("# a change to the code\n", encoding="utf-8")
    assert reuse.inputs_digest(root, "release", root / "dist") != first
    # what the builds write, and tools' folders, are not inputs
    for folder in ("dist", "site", ".cache", ".git"):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "x").write_text("x", encoding="utf-8")
    (root / "src/zjtx/site").mkdir()  # code named like an output is code
    (root / "src/zjtx/site/hooks.py").write_text("# code\n", encoding="utf-8")
    with_site_code = reuse.inputs_digest(root, "release", root / "dist")
    (root / "site/x").write_text("y", encoding="utf-8")
    assert reuse.inputs_digest(root, "release", root / "dist") == with_site_code
    assert tree_digest(root / "src") != tree_digest(root / "dist")


def test_a_site_is_built_again_only_when_its_inputs_or_the_release_change(repo: Path) -> None:
    assert "built" in zjtx(repo, "site")
    built = tree_digest(repo / "site")
    assert "is up to date" in zjtx(repo, "site")
    assert tree_digest(repo / "site") == built
    # a new release (its inputs changed) is an input of the site
    header, rows = read_rows(repo / "data/amounts.csv")
    rows[0]["note"] = rows[0]["note"] + "。"
    write_rows(repo / "data/amounts.csv", header, rows)
    zjtx(repo, "release")
    assert "built" in zjtx(repo, "site")
    assert tree_digest(repo / "site") != built
