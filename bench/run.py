"""The benchmark (`make bench`): wall time of each pipeline stage on the real package and on synthetic
corpora, the validator against plain frictionless, and the site's weight in headless chromium.

    python -m bench.run [--sizes 50 200 1000] [--repeat 3] [--out bench/out/bench.json]

Prints a table and writes the same figures as JSON. Medians of --repeat runs (the 1,000-document corpus
runs once unless --repeat-large is given: one run takes minutes). Not part of `make test`: timings on a
shared 2-core machine are noisy, so targets are checked here, by a person, and recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.corpus import make_corpus
from tests.support import CHROMIUM, CHROMIUM_ARGS, stage_repo
from zjtx import normalize, package, paths
from zjtx.paths import Layout
from zjtx.release import build_release
from zjtx.validate import validate

ENV_SITE = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
TARGETS = {"real_validate_release_site_s": 15, "large_validate_release_s": 60, "large_site_s": 300,
           "validator_over_frictionless": 1.5, "search_query_gzip_bytes": 150_000, "home_transferred_bytes": 500_000}


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    results = [timed(fn) for _ in range(runs)]
    return statistics.median(t for t, _ in results), results[-1][1]


def plain_frictionless(root: Path) -> None:
    from frictionless import validate as fl_validate

    fl_validate(str(root / "datapackage.json"))


def site_build(root: Path, out: Path) -> None:
    import os

    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                           str(root / "mkdocs.yml"), "-d", str(out)], cwd=root, capture_output=True, text=True,
                          env={**os.environ, **ENV_SITE}, check=False)
    if done.returncode != 0:
        raise SystemExit(f"site build failed in {root}:\n{done.stderr[-2000:]}")


def stage_real(dest: Path) -> Path:
    """The real package as a buildable copy (the benchmark never writes into the repository)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    return stage_repo(dest)


def measure(root: Path, runs: int, with_site: bool = True) -> dict:
    """Median wall time of every stage on the package at `root`."""
    figures: dict = {"documents": sum(1 for _ in (root / "data" / "sources").glob("*.txt"))}
    figures["normalise_s"], _ = median_of(runs, lambda: normalize.build(Layout(root)))
    figures["validate_s"], report = median_of(runs, lambda: validate(root))
    if not report.ok:
        raise SystemExit(f"the package at {root} is not valid:\n{report.to_text()[:3000]}")
    figures.update({f"validate_{k}_s": round(v, 3) for k, v in getattr(report, "timings", {}).items()})
    figures["frictionless_s"], _ = median_of(runs, lambda: plain_frictionless(root))
    figures["validator_over_frictionless"] = round(figures["validate_s"] / figures["frictionless_s"], 2)
    figures["release_s"], _ = median_of(runs, lambda: build_release(root / "dist", package.load(root)))
    if with_site:
        figures["site_s"], _ = median_of(runs, lambda: site_build(root, root / "site"))
        figures.update(site_weight(root / "site"))
        figures.update(search_weight(root / "site"))
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def site_weight(site: Path) -> dict:
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {"search_index_files": len(index), "search_index_bytes": sum(p.stat().st_size for p in index),
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "site_bytes_without_downloads": sum(p.stat().st_size for p in site.rglob("*")
                                                if p.is_file() and "downloads" not in p.relative_to(site).parts)}


SEARCH_QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_queries.csv"
# Pagefind's engine (its script and WebAssembly, the same at any size and cached by the browser) against the
# index proper (entry, metadata, the word chunks a query needs, filters, and the fragments of the results shown)
ENGINE = (".js", ".pagefind")


def search_weight(site: Path) -> dict:
    """Bytes a reader's browser fetches from site/pagefind/ for one search (each query of the readers' list on
    a fresh browser, as the search page runs it: the first 20 results), gzipped as a host would send them."""
    import csv

    queries = [row["query"] for row in csv.DictReader(SEARCH_QUERIES.open(encoding="utf-8"))]
    index, engine = [], []
    with served(site) as base, sync_browser() as browser:
        for query in queries:
            context = browser.new_context()
            pg = context.new_page()
            fetched: list[tuple[str, bytes]] = []
            pg.on("response", lambda r, f=fetched: f.append((r.url, r.body())) if "/pagefind/" in r.url and r.ok
                  else None)
            pg.goto(base + "search/?q=" + query)
            pg.wait_for_selector(".zjtx-search[data-state=done]", timeout=120_000)
            sizes = [(url.split("?")[0], len(gzip.compress(body, 6))) for url, body in fetched]
            engine.append(sum(n for u, n in sizes if u.endswith(ENGINE)))
            index.append(sum(n for u, n in sizes if not u.endswith(ENGINE)))
            context.close()
    return {"search_query_gzip_bytes": int(statistics.median(index)), "search_query_max_gzip_bytes": max(index),
            "search_engine_gzip_bytes": int(statistics.median(engine))}


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on a local server that does not compress (the figures gzip the bodies themselves)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@contextlib.contextmanager
def sync_browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def transferred(site: Path, pages: list[str]) -> dict:
    """Bytes the browser fetches to open each page: raw (the local server does not compress) and gzipped."""
    out = {}
    with served(site) as base, sync_browser() as browser:
        for page_path in pages:
            context = browser.new_context()
            pg = context.new_page()
            bodies: list[bytes] = []
            pg.on("response", lambda r, bodies=bodies: bodies.append(r.body()) if r.ok else None)
            pg.goto(base + page_path)
            pg.wait_for_load_state("networkidle")
            # as served here (no compression), and as a host that gzips text would send it
            out[page_path or "home"] = {"requests": len(bodies), "bytes": sum(len(b) for b in bodies),
                                        "bytes_gzip": sum(len(gzip.compress(b, 6)) for b in bodies)}
            context.close()
    return out


def table(rows: list[dict]) -> str:
    keys = ["documents", "normalise_s", "validate_s", "frictionless_s", "validator_over_frictionless", "release_s",
            "site_s", "search_query_gzip_bytes", "site_bytes"]
    lines = [" | ".join(f"{k:>14}" for k in keys)]
    for r in rows:
        lines.append(" | ".join(f"{r.get(k, ''):>14}" for k in keys))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-large", type=int, default=1, help="runs for corpora of 1,000 or more")
    parser.add_argument("--site-max", type=int, default=1000, help="largest corpus whose site is built")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "bench" / "out" / "bench.json")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="zjtx-bench-"))
    results: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                 "cpus": __import__("os").cpu_count()},
                     "repeat": args.repeat, "targets": TARGETS, "runs": []}
    try:
        real = stage_real(work / "real")
        figures = {"corpus": "real", **measure(real, args.repeat)}
        figures["pages"] = transferred(real / "site", ["", "documents/hubei-2023/", "compare/money/"])
        results["runs"].append(figures)
        print(table([figures]), flush=True)
        for size in args.sizes:
            root = make_corpus(work / f"n{size}", size)
            runs = args.repeat if size < 1000 else args.repeat_large
            figures = {"corpus": f"synthetic-{size}", **measure(root, runs, with_site=size <= args.site_max)}
            results["runs"].append(figures)
            print(table([figures]).splitlines()[1], flush=True)
            shutil.rmtree(root)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{table(results['runs'])}\n\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
