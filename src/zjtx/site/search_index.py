"""Write the site's search index (the I/O edge of search_records.py) with Pagefind, from PyPI's
`pagefind[extended]`, whose binary segments Chinese words when it indexes (the browser segments a query with
its own Intl.Segmenter).

Why Pagefind (measured in bench/README.md): its index is split into chunks that the browser fetches on demand
for the words of a query, so a query costs tens of kilobytes at 5 and at 1,000 documents, and nothing is
fetched before a reader searches; a record per run of provisions, each provision a sub-result, gives one
result per provision, with filters.
One index for both editions, forced to Chinese: every record holds the Chinese and the English words, so an
English query on the Chinese page finds the same provisions as on the English page.

The records are written as files and indexed by the binary in one run: Pagefind's Python API sends each record
through a pipe, about 100 ms a record, against 0.4 s for all of them this way. The Chinese build writes the
records (hooks.py); editions.py runs Pagefind once both builds are done (a plain `mkdocs build`, once its pages
are written). Beside the builds it had saved nothing: at 1,000 documents the three processes on two cores took
61–70 s and 7 GB together, the builds and then Pagefind 50 s and 4 GB (the machine spent a third of its time in
the kernel, clearing memory and files for all three)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:  # search_records imports the pages, which import this module
    from zjtx.site.search_records import SearchRecord


OUTPUT = "pagefind"  # site/pagefind/: Pagefind's script, its WebAssembly and the index chunks
# Pagefind's Linux binary allocates with jemalloc, which keeps freed memory for ten seconds by default before it
# gives it back: about the time the whole index takes, so the peak held what was already free. Given back at
# once (jemalloc's documented `dirty_decay_ms` and `muzzy_decay_ms`, read from this variable by that build), the
# peak at 1,000 documents is 2.7 GB instead of 3.1, for 0.2 s. Other builds ignore it.
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
# Kept inside words: "R&D" is one word to a reader (Pagefind drops & otherwise and R&D matches every "D").
INCLUDE_CHARACTERS = "&"


class SearchIndexFailed(PluginError):
    """MkDocs reports a PluginError as one line and fails the build (no traceback)."""


def executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError as err:
        raise SearchIndexFailed("search index: the package pagefind[extended] is not installed "
                                "(run `make`, which installs requirements.txt)") from err
    return Path(pagefind_bin_extended.get_executable())


# Set by editions.build, which indexes the records once both editions are built; a plain `mkdocs build -f
# mkdocs.yml` (README) has the Chinese build index them itself when its pages are written.
LATER = "ZJTX_SEARCH_INDEX_LATER"


def records_folder(site_dir: Path) -> Path:
    """Where the Chinese build writes the records for the build whose output is `site_dir` (beside it)."""
    return site_dir.with_name(site_dir.name + "-search-records")


def write_records(records: list[SearchRecord], folder: Path) -> None:
    """The records as the HTML files Pagefind reads, in a fresh folder."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for n, record in enumerate(records):
        (folder / f"{n:06d}.html").write_text(record.html, encoding="utf-8")


def index(folder: Path, site_dir: Path) -> Path:
    """site/pagefind/ from the records in `folder` (any earlier index replaced; the folder removed)."""
    out = (site_dir / OUTPUT).resolve()
    if out.exists():
        shutil.rmtree(out)
    try:
        done = subprocess.run(
            [str(executable()), "--site", str(folder), "--output-path", str(out), "--force-language", "zh",
             "--include-characters", INCLUDE_CHARACTERS, "--silent"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, env={**os.environ, **ALLOCATOR})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexFailed(f"search index: Pagefind failed ({done.returncode}): "
                                f"{(done.stderr or '').strip()[-2000:]}")
    return out
