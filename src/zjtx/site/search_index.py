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
Python API sends each record through a pipe, about 100 ms a record, against 0.4 s for all of them this way.
The hooks start it before MkDocs renders the pages and wait for it after (40 s of a 1,000-document build ran
alone on one core)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from zjtx.site.search_records import SearchRecord

OUTPUT = "pagefind"  # site/pagefind/: Pagefind's script, its WebAssembly and the index chunks
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


class Indexing:
    """Pagefind at work on the records (started by `start`, while MkDocs renders the pages: the index needs the
    records only, and the build has two cores), and the temporary folder it reads."""

    def __init__(self, records: list[SearchRecord], site_dir: Path) -> None:
        self.out = (site_dir / OUTPUT).resolve()
        if self.out.exists():
            shutil.rmtree(self.out)
        self.records = tempfile.TemporaryDirectory(prefix="zjtx-search-")
        for n, record in enumerate(records):
            (Path(self.records.name) / f"{n:06d}.html").write_text(record.html, encoding="utf-8")
        self.process = subprocess.Popen(
            [str(executable()), "--site", self.records.name, "--output-path", str(self.out), "--force-language",
             "zh", "--include-characters", INCLUDE_CHARACTERS, "--silent"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def finish(self) -> Path:
        """Waits for Pagefind; site/pagefind/ when it wrote the index."""
        try:
            _, stderr = self.process.communicate()
        finally:
            self.records.cleanup()
        if self.process.returncode != 0 or not (self.out / "pagefind.js").is_file():
            raise SearchIndexFailed(f"search index: Pagefind failed ({self.process.returncode}): "
                                    f"{(stderr or '').strip()[-2000:]}")
        return self.out

    def cancel(self) -> None:
        """The build failed: stop Pagefind and remove what it read."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        self.records.cleanup()


def start(records: list[SearchRecord], site_dir: Path) -> Indexing:
    """site/pagefind/ from the records, written in the background (any earlier index is replaced)."""
    return Indexing(records, site_dir)
