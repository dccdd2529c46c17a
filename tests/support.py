"""What the tests share: a staged copy of the repository, a build of its site, the CSV helpers that damage a copy
on purpose, a local server for a built site, and how to drive Debian's chromium. What the benchmark needs too
lives in the package (zjtx.paths.stage, zjtx.fileio, zjtx.site.preview): bench/ imports nothing from tests/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zjtx import paths
from zjtx.fileio import read_rows, write_rows  # noqa: F401  (the tests' CSV helpers: the package's own)
from zjtx.site.preview import CHROMIUM, CHROMIUM_ARGS, served  # noqa: F401  (shared with bench/)

REPO_PARTS = list(paths.SITE_INPUTS)
PACKAGE_PARTS = list(paths.PACKAGE_INPUTS)
# On a CI runner the validator would annotate the pull request with the problems of the copies the tests damage
# on purpose: the tests run without the runner's variables (tests/test_annotations.py sets them itself).
for _name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
    os.environ.pop(_name, None)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def stage_repo(dest: Path, parts: list[str] = REPO_PARTS) -> Path:
    """Copy `parts` of the repository (by default what a site build reads) into `dest`."""
    return paths.stage(dest, parts, paths.ROOT)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=600, check=False)


def build_site(root: Path) -> Path:
    """Release into root/dist, then the site into root/site (MkDocs strict); fails with the tool's output."""
    for args in (["-m", "zjtx.cli", "--root", str(root), "release", str(root / "dist")],
                 ["-m", "zjtx.cli", "--root", str(root), "site", "--out", str(root / "site")]):
        done = run(args, root)
        assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return root / "site"


