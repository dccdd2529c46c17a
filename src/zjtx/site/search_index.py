"""Write the site's search index (the I/O edge of search_records.py) with Pagefind, from PyPI's
`pagefind[extended]`, whose binary segments Chinese words when it indexes (the browser segments a query with
its own Intl.Segmenter).

Why Pagefind (measured in bench/README.md): its index is split into chunks that the browser fetches on demand
for the words of a query, so a query costs tens of kilobytes at 5 and at 1,000 documents, and nothing is
fetched before a reader searches; a record per run of provisions, each provision a sub-result, gives one
result per provision, with filters.
One index for both editions, forced to Chinese: every record holds the Chinese and the English words, so an
English query on the Chinese page finds the same provisions as on the English page.

The records are written as files to a temporary folder and indexed by the binary in one run: Pagefind's
Python API sends each record through a pipe, about 100 ms a record, against 0.4 s for all of them this way."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from zjtx.site.search_records import SearchRecord

OUTPUT = "pagefind"  # site/pagefind/: Pagefind's script, its WebAssembly and the index chunks
# Kept inside words: "R&D" is one word to a reader (Pagefind drops & otherwise and R&D matches every "D").
INCLUDE_CHARACTERS = "&"


class SearchIndexFailed(RuntimeError):
    pass


def executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError as err:
        raise SearchIndexFailed("search index: the package pagefind[extended] is not installed "
                                "(run `make`, which installs requirements.txt)") from err
    return Path(pagefind_bin_extended.get_executable())


def write_index(records: list[SearchRecord], site_dir: Path) -> Path:
    """site/pagefind/ from the records; any earlier index is replaced."""
    out = (site_dir / OUTPUT).resolve()
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="zjtx-search-") as tmp:
        for n, record in enumerate(records):
            (Path(tmp) / f"{n:06d}.html").write_text(record.html, encoding="utf-8")
        run = subprocess.run([str(executable()), "--site", tmp, "--output-path", str(out), "--force-language", "zh",
                              "--include-characters", INCLUDE_CHARACTERS, "--silent"],
                             capture_output=True, text=True, check=False)
    if run.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexFailed(f"search index: Pagefind failed ({run.returncode}): {run.stderr.strip()[-2000:]}")
    return out
