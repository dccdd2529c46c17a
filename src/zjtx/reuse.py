"""Reuse a release or a site whose inputs have not changed: `make release` and `make site` run again on the
same repository write nothing, and say so.

A build is reused only when both of these hold: the SHA-256 of its inputs is the one recorded when it was
written — every file of the repository outside the build outputs and tool folders (the data, schemas,
settings, docs, the pipeline's own code in src/, the README and the rest; for the site also the release in
dist/), and the name and version of every installed Python distribution — and the SHA-256 of the output
folder's files is the one recorded then (an output edited, damaged or half deleted is built again). A reused
build is therefore byte-identical to the clean build of the same inputs, which the builds are (tests).
Nothing finer is reused: every release format and most pages hold every document, and MkDocs renders all
pages of a build. The record is `.cache/reuse.json`, inside the repository and git-ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from zjtx.fileio import sha256

RECORD = ".cache/reuse.json"
# never inputs: version control, tools and caches (at any depth), and what the builds write (at the root)
SKIP = {".git", ".venv", ".cache", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}
OUTPUTS = {"site", "dist"}
LARGE_FILE = 1 << 20  # bytes: a file hashed in a thread of its own


def tree_digest(folder: Path, skip: frozenset[Path] = frozenset()) -> str:
    """SHA-256 of the folder's files (their paths and bytes, in sorted order), leaving out the SKIP folders
    at any depth, the OUTPUTS at the top and the `skip` paths."""
    folder = folder.resolve()
    paths = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP and here / d not in skip
                             and not (here == folder and d in OUTPUTS))
        files = (here / name for name in sorted(filenames))
        paths += [path for path in files if path not in skip and not path.is_symlink()]
    h = hashlib.sha256()
    # each file read in pieces (a release's database is gigabytes); the large ones on every core (hashlib lets go
    # of the interpreter while it hashes; the site's build waits for this twice, a gigabyte of downloads at 1,000
    # documents), the many small ones here, where a thread would cost more than the hash
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        large = {path: pool.submit(sha256, path) for path in paths if path.stat().st_size > LARGE_FILE}
        for path in paths:
            digest = large[path].result() if path in large else sha256(path)
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(bytes.fromhex(digest))
    return h.hexdigest()


def environment() -> str:
    """The installed Python distributions, by name and version (a new writer may write other bytes)."""
    return "\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()))


def inputs_digest(root: Path, stage: str, out: Path, extra: tuple[Path, ...] = ()) -> str:
    """The stage's inputs: the repository, the environment and the `extra` folders (the site's release)."""
    h = hashlib.sha256(f"{stage}\n{environment()}\n{tree_digest(root, frozenset({out.resolve()}))}".encode())
    for folder in extra:
        h.update(tree_digest(folder).encode() if folder.is_dir() else b"none")
    return h.hexdigest()


def read_record(root: Path) -> dict:
    try:
        data = json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def key(stage: str, out: Path) -> str:
    return f"{stage} {out.resolve()}"


def unchanged(root: Path, stage: str, out: Path, inputs: str) -> bool:
    """Whether `out` is the build of these inputs, as recorded, and still as it was written."""
    entry = read_record(root).get(key(stage, out))
    return isinstance(entry, dict) and entry.get("inputs") == inputs and out.is_dir() \
        and entry.get("output") == tree_digest(out)


def record(root: Path, stage: str, out: Path, inputs: str) -> None:
    data = read_record(root)
    data[key(stage, out)] = {"inputs": inputs, "output": tree_digest(out)}
    path = root / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
