"""What the tests and the benchmark share: a staged copy of the repository, a build of its site, the CSV
helpers that damage a copy on purpose, a local server for a built site, and how to drive Debian's chromium.
Neither imports the other's tests."""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from zjtx import paths
from zjtx.fileio import csv_text

REPO_PARTS = ["data", "schemas", "settings", "src/zjtx/site/hooks.py", "docs", "datapackage.json", "mkdocs.yml",
              "mkdocs.en.yml",
              "CHANGELOG.md", "CONTRIBUTING.md", "CITATION.cff", ".zenodo.json"]
PACKAGE_PARTS = ["data", "schemas", "settings", "datapackage.json", "CONTRIBUTING.md", "CHANGELOG.md",
                 "CITATION.cff", ".zenodo.json"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a sandboxed, offline machine: without the background-networking ones chromium phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def stage_repo(dest: Path, parts: list[str] = REPO_PARTS) -> Path:
    """Copy `parts` of the repository (by default what a site build reads) into `dest`."""
    for part in parts:
        src = paths.ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


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


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    path.write_text(csv_text(header, rows), encoding="utf-8", newline="")


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """A built site on a quiet local server (no compression, no log lines); yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
