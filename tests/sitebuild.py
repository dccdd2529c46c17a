"""Build the site from a copy of the repository, as `make site` would (release first, then MkDocs strict).

Shared by the site tests and the contribution test (a sixth document must reach the built site)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts import paths

REPO_PARTS = ["data", "schemas", "scripts", "docs", "datapackage.json", "mkdocs.yml", "CHANGELOG.md",
              "CONTRIBUTING.md"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def stage_repo(dest: Path, parts: list[str] = REPO_PARTS) -> Path:
    """Copy `parts` of the repository (by default what a site build reads) into `dest`."""
    for part in parts:
        src = paths.ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=600, check=False)


def build_site(root: Path) -> Path:
    """Release into root/dist, then `mkdocs build --strict` into root/site; fails with the tool's output."""
    for args in (["-m", "scripts.release", str(root / "dist")],
                 ["-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"),
                  "-d", str(root / "site")]):
        done = run(args, root)
        assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return root / "site"
