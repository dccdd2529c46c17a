"""The benchmark's synthetic corpus must stay a valid package, or `make bench` measures nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from bench import run
from bench.corpus import make_corpus
from zjtx import paths
from zjtx.validate import validate


def test_synthetic_corpus_is_valid_and_differs_from_its_source(tmp_path: Path) -> None:
    real = [r["document_id"] for r in csv.DictReader((paths.HERE.data / "documents.csv").open(encoding="utf-8"))]
    root = make_corpus(tmp_path / "corpus", len(real) + 1)
    report = validate(root)
    assert report.ok, report.to_text()
    ids = [r["document_id"] for r in csv.DictReader((root / "data" / "documents.csv").open(encoding="utf-8"))]
    assert len(ids) == len(set(ids)) == len(real) + 1
    # the last copy is the second copy of the first document: its own id, and its digits are not the original's
    first_source = (paths.HERE.sources / f"{real[0]}.txt").read_text(encoding="utf-8")
    copy = (root / "data" / "sources" / f"{ids[-1]}.txt").read_text(encoding="utf-8")
    place = real[0].rsplit("-", 1)[0]
    assert ids[-1].startswith(f"{place}-") and copy != first_source and len(copy) == len(first_source)


def test_the_figures_table_is_generated_from_bench_json() -> None:
    """bench/README.md's table comes from bench.json with every key of the benchmark, and only between its
    markers."""
    from bench.run import FIGURES_END, FIGURES_START, KEYS, with_figures

    run = {"corpus": "synthetic-1000", "documents": 1000, "validate_s": 12.5, "frictionless_s": 11.0,
           "release_s": 30.25, "site_s": 60.0, "validate_one_changed_s": 12.0, "search_query_gzip_bytes": 153600,
           "page_gzip_bytes": {"home": 85000, "document": 102400}, "peak_rss_mb": 900.5}
    results = {"machine": {"python": "3.11", "cpus": 2, "platform": "linux"}, "repeat": 3, "runs": [run]}
    page = f"before\n{FIGURES_START}\nold table\n{FIGURES_END}\nafter\n"
    out = with_figures(page, results)
    assert out.startswith("before\n") and out.endswith("after\n") and "old table" not in out
    header = next(line for line in out.splitlines() if line.startswith("| corpus"))
    assert header == "| " + " | ".join(["corpus", *KEYS]) + " |"
    assert "| synthetic-1000 | 1,000 | 12.50 s |" in out and "150 KB" in out and "83 KB / 100 KB" in out
    assert with_figures("no markers\n", results) == "no markers\n"


def test_the_targets_table_says_which_targets_are_met() -> None:
    """Each target the figures allow a judgement on gets a row (its figure, met or not); none is invented."""
    from bench.run import TARGETS, figures_markdown

    runs = [{"corpus": "real", "documents": 5, "test_suite_s": TARGETS["test_suite_s"] + 1},
            {"corpus": "synthetic-1000", "documents": 1000,
             "validate_release_site_s": TARGETS["validate_release_site_s"],
             "peak_rss_mb": TARGETS["peak_rss_mb"] + 0.5},
            {"corpus": "synthetic-10000", "documents": 10000, "validate_release_s": 599.0}]
    out = figures_markdown({"machine": {"python": "3.11", "cpus": 2, "platform": "linux"}, "repeat": 1,
                            "runs": runs, "targets": TARGETS})
    rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines() if line.startswith("| 1")
            or line.startswith("| `make") or line.startswith("| 10")}
    assert rows["1,000 documents: validate + release + site ≤ 90 s"].endswith("| yes |")
    assert rows["1,000 documents: peak memory ≤ 3,072 MB"].endswith("| **no** |")
    assert rows["10,000 documents: validate + release ≤ 600 s"].endswith("| 599.0 s | yes |")
    assert rows["`make test` on a fresh clone ≤ 360 s"].endswith("| **no** |")
    assert not any("one changed" in key or "10,000 documents: peak" in key for key in rows)  # no figure, no row


def test_the_benchmark_imports_nothing_from_the_tests() -> None:
    """bench/ stands on its own: what it shares with the tests lives in the package."""
    import ast

    bench = Path(__file__).resolve().parents[1] / "bench"
    imported = set()
    for path in bench.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add((path.name, node.module.split(".")[0]))
            elif isinstance(node, ast.Import):
                imported |= {(path.name, a.name.split(".")[0]) for a in node.names}
    assert {(f, m) for f, m in imported if m == "tests"} == set()


def test_the_committed_tables_are_the_ones_bench_json_gives() -> None:
    """bench/README.md's tables are derived from the committed bench/out/bench.json: never typed, never stale."""
    import json

    from bench.run import FIGURES_START, with_figures

    results = json.loads((paths.ROOT / "bench" / "out" / "bench.json").read_text(encoding="utf-8"))
    readme = (paths.ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    assert FIGURES_START in readme and with_figures(readme, results) == readme


def test_a_trial_run_written_elsewhere_leaves_the_readme_tables_alone(tmp_path: Path) -> None:
    """`python -m bench.run --out elsewhere.json` (a trial) writes its figures there only: bench/README.md's
    tables show the committed bench/out/bench.json."""
    readme = paths.ROOT / "bench" / "README.md"
    before = readme.read_bytes()
    figures = json.loads(run.OUT.read_text(encoding="utf-8"))
    figures["runs"][0]["validate_s"] = 999.0
    run.write_results(tmp_path / "trial.json", figures)
    assert readme.read_bytes() == before
    assert json.loads((tmp_path / "trial.json").read_text(encoding="utf-8"))["runs"][0]["validate_s"] == 999.0


def test_every_timed_run_of_a_stage_is_a_clean_build_and_deletes_nothing(tmp_path: Path) -> None:
    """Before each run, the stage's earlier output is moved beside the package (deleted with the rest at the
    end): the run builds clean, as the targets say, and no deletion is timed (bench/README.md says why)."""
    root = tmp_path / "n5"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").write_text("the first run's", encoding="utf-8")
    run.set_aside(root, "validate")  # writes no output: nothing to move
    assert (root / "site").is_dir()
    run.set_aside(root, "site")
    run.set_aside(root, "site")  # nothing there the second time
    assert not (root / "site").exists()
    (moved,) = (tmp_path / "set-aside").iterdir()
    assert (moved / "index.html").read_text(encoding="utf-8") == "the first run's"
