"""The console command: `zjtx <subcommand>`, one per stage of the pipeline (the Makefile calls these).

    zjtx normalise              received sources -> data/texts/ and data/text_repairs.csv
    zjtx segment [ID ...]       propose the provisions of the texts (for review)
    zjtx span ID QUOTE          char_start/char_end of every place a quote occurs (or --row FILE:ROW)
    zjtx schemas [--check]      datapackage.json, schemas/json/, CONTRIBUTING's problem table <- the definitions
    zjtx validate               the validator's report (exit 1 on any error)
    zjtx release [OUT]          dist/ (or OUT): CSV, JSON, XLSX, SQLite, Parquet, zip, SHA256SUMS
    zjtx site [--serve]         the website into site/ (MkDocs, strict), or a local preview
                                (release and site: nothing is rewritten when nothing they read changed, reuse.py)
    zjtx new-document SOURCE ID scaffold a new document (and propose its facts)
    zjtx propose ID             propose every fact of a document into drafts/ID/ worksheets, for review
    zjtx accept ID              move the reviewed rows (decision accept/correct) from drafts/ID/ into data/
    zjtx propose-eval           leave-one-out evaluation of the proposer (bench/out/propose.json)
    zjtx propose-model          settings/propose-model.json from the curated provisions
    zjtx check-tag TAG          exit 1 unless TAG is v<version> of datapackage.json and pyproject.toml
    zjtx release-notes VERSION  that version's section of CHANGELOG.md (a GitHub release's notes)

Every subcommand works on the repository found from the current folder upwards, or on --root DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from zjtx import normalize, reuse, schemas, segment
from zjtx.model import ConfigError
from zjtx.paths import Layout, find_root


def layout_of(args: argparse.Namespace) -> Layout:
    """--root as given (a copy is read with its own model), else the repository around the current folder."""
    return Layout(args.root.resolve()) if args.root else Layout(find_root())


def cmd_normalise(args: argparse.Namespace) -> int:
    written = normalize.write(layout_of(args))
    print(f"normalised {len(written) - 1} text(s) into data/texts/; repairs in data/text_repairs.csv")
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    wanted = set(args.ids)
    for p in segment.propose_all(layout_of(args)):
        if not wanted or p.document_id in wanted:
            print(f"{p.provision_id}\t{p.parent_id or ''}\t{p.label}\t{p.heading}\t{p.char_start}\t{p.char_end}")
    return 0


def cmd_span(args: argparse.Namespace) -> int:
    from zjtx import locate

    layout = layout_of(args)
    try:
        row = locate.read_row(layout, args.row) if args.row else None
        if row is not None:
            doc_id, (_, quote) = row.get("document_id", ""), locate.row_quote(row)
        elif args.doc_id and args.quote:
            doc_id, quote = args.doc_id, args.quote
        else:
            raise locate.NotLocated("give a document id and a quote, or --row FILE:ROW")
        found, places = locate.locate(layout, doc_id, quote)
    except locate.NotLocated as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(locate.describe(doc_id, quote, found, places, row)))
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    layout = layout_of(args)
    if args.check:
        stale = schemas.drifted(layout, schemas.build(layout))
        for p in stale:
            print(f"out of date: {layout.rel(p)} — run `make schemas` to regenerate it")
        return 1 if stale else 0
    changed = schemas.write(layout)
    print(f"generated files up to date ({len(changed)} rewritten{': ' + ', '.join(changed) if changed else ''})")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from zjtx.tables import apply_fixes
    from zjtx.validate import read_all, validate

    layout = layout_of(args)
    if args.fix:
        from zjtx import model

        tables, _ = read_all(layout, model.load(layout.root))
        for table in tables.values():
            for line in apply_fixes(layout.root, table):
                print(f"fixed {line}", file=sys.stderr)
    try:
        report = validate(layout.root, cache=args.cache)
    except ConfigError as exc:  # the model, a setting or the descriptor cannot be read: one problem, no traceback
        from zjtx import problems as P
        from zjtx.report import Report

        message = str(exc.code).removeprefix("error: ")
        report = Report(problems=[P.CONFIG_ERROR(message.split(":", 1)[0], message)])
    if args.summary and report.ok and not report.warnings:
        print(f"package {report.summary()}")
    else:
        print(report.to_json() if args.json else report.to_text(show_warnings=not args.no_warnings))
    if args.json_file:  # both reports of one run: the text for a person, the JSON for a program or an artifact
        try:
            args.json_file.write_text(report.to_json() + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"error: the JSON report could not be written to {args.json_file}: {exc.strerror}", file=sys.stderr)
            return 2
    if os.environ.get("GITHUB_ACTIONS"):
        github_outputs(report, layout.root, sys.stderr if args.json else sys.stdout)
    return 0 if report.ok else 1


def github_outputs(report, root: Path, stream) -> None:
    """On GitHub Actions: an annotation per problem (on stderr with --json, so stdout stays one JSON document)
    and the summary for the job's page, appended to $GITHUB_STEP_SUMMARY when the runner names that file."""
    from zjtx.annotations import annotations, step_summary

    for line in annotations(report, root):
        print(line, file=stream)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(step_summary(report, root))
        except OSError as exc:
            print(f"warning: the job summary could not be written to {summary}: {exc.strerror}", file=sys.stderr)


def cmd_release(args: argparse.Namespace) -> int:
    from zjtx import package
    from zjtx.release import build_release

    layout = layout_of(args)
    out = Path(args.out) if args.out else layout.dist
    shown = os.path.relpath(out) if not os.path.relpath(out).startswith("..") else str(out)
    inputs = reuse.inputs_digest(layout.root, "release", out)
    if not args.again and reuse.unchanged(layout.root, "release", out, inputs):
        print(f"{shown}/ is up to date: nothing it is built from changed since it was written (nothing rewritten; "
              "--again rebuilds it)")
        return 0
    sums = build_release(out, package.load(layout.root))
    reuse.record(layout.root, "release", out, inputs)
    files = sums.read_text(encoding="utf-8").splitlines()
    size = sum((out / line.split("  ", 1)[1]).stat().st_size for line in files)
    print(f"{shown}/ written: {len(files)} files, {size / 1_048_576:.1f} MB, checksums in SHA256SUMS")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    """Both editions (site/editions.py), then, with --serve, the built site on 127.0.0.1:8000: the editions are
    two MkDocs builds joined into one site, which `mkdocs serve` (one build) cannot preview."""
    from zjtx.site import editions

    layout = layout_of(args)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = Path(args.out or layout.root / "site")
    inputs = reuse.inputs_digest(layout.root, "site", site, extra=(layout.dist,))
    if not args.again and reuse.unchanged(layout.root, "site", site, inputs):
        print(f"{os.path.relpath(site)}/ is up to date: nothing it is built from changed since it was built "
              "(nothing rewritten; --again rebuilds it)")
    else:
        homepage = json.loads((layout.root / "datapackage.json").read_text(encoding="utf-8"))["homepage"]
        done = editions.build(layout.root, site.resolve(), homepage, env)
        if done.returncode != 0:
            print(done.errors, file=sys.stderr)
            return done.returncode
        reuse.record(layout.root, "site", site, inputs)
        print(f"{os.path.relpath(site)}/ built: {sum(1 for _ in site.rglob('*.html'))} pages")
    if not args.serve:
        return 0
    print("serving it on http://127.0.0.1:8000/ (Ctrl-C stops; run again after a change)")
    command = [sys.executable, "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(site)]
    return subprocess.run(command, check=False).returncode


def cmd_check_tag(args: argparse.Namespace) -> int:
    from zjtx.versions import VersionError, check_tag, package_versions

    try:
        version = check_tag(args.tag, package_versions(layout_of(args)))
    except VersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"tag {args.tag} releases version {version} (datapackage.json and pyproject.toml agree)")
    return 0


def cmd_release_notes(args: argparse.Namespace) -> int:
    from zjtx.versions import VersionError, changelog_section

    path = layout_of(args).root / "CHANGELOG.md"
    try:
        notes = changelog_section(path.read_text(encoding="utf-8") if path.is_file() else "", args.version)
    except VersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(notes)
    return 0


def cmd_new_document(args: argparse.Namespace) -> int:
    from zjtx.scaffold import Refusal, scaffold

    bounds = {k: v for k, v in (("body_starts_after", args.starts_after),
                                ("body_ends_before", args.ends_before)) if v}
    if not args.source.is_file():
        print(f"error: {args.source} is not a file; nothing was written", file=sys.stderr)
        return 1
    try:
        lines = scaffold(layout_of(args), args.source, args.doc_id, bounds)
    except Refusal as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    print("\n".join(lines))
    # then the proposer drafts every fact for review (drafts/ID/); the scaffold's rows stand either way
    from zjtx.propose.run import ProposeError, propose
    try:
        print("\n" + "\n".join(propose(layout_of(args), args.doc_id)))
    except ProposeError as exc:
        print(f"\nno proposals: {exc}")
    return 0


def print_lines(produce: Callable[[], list[str]], errors: type[Exception] | tuple[type[Exception], ...]) -> int:
    """Print what a command produced, or its error in one line (exit 1): never a traceback."""
    try:
        lines = produce()
    except errors as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def cmd_propose(args: argparse.Namespace) -> int:
    from zjtx.propose.run import ProposeError, propose

    return print_lines(lambda: propose(layout_of(args), args.doc_id), ProposeError)


def cmd_accept(args: argparse.Namespace) -> int:
    from zjtx.propose.run import accept_command
    from zjtx.propose.worksheet import AcceptError

    return print_lines(lambda: accept_command(layout_of(args), args.doc_id), AcceptError)


def cmd_propose_eval(args: argparse.Namespace) -> int:
    from zjtx.propose.run import evaluate_command

    print("\n".join(evaluate_command(layout_of(args), args.ids, write=not args.ids)))
    return 0


def cmd_propose_model(args: argparse.Namespace) -> int:
    from zjtx.propose.run import write_model

    print(write_model(layout_of(args)))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="zjtx", description="The 专精特新 policy data pipeline.")
    top.add_argument("--root", type=Path, default=None, help="the package repository (default: found from here)")
    common = argparse.ArgumentParser(add_help=False)  # --root after the subcommand, too
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    add("normalise", help="rewrite data/texts/ and data/text_repairs.csv from the sources") \
        .set_defaults(run=cmd_normalise)
    p = add("segment", help="propose the provisions of the texts, for review")
    p.add_argument("ids", nargs="*", help="only these documents")
    p.set_defaults(run=cmd_segment)
    p = add("span", help="print char_start/char_end of every place a quote occurs in a document's text")
    p.add_argument("doc_id", nargs="?", metavar="ID", help="the document id")
    p.add_argument("quote", nargs="?", help="the quote, copied from data/texts/<ID>.txt")
    p.add_argument("--row", metavar="FILE:ROW", help="locate the quote of this row of a table or worksheet "
                   "(the header is row 1), e.g. data/targets.csv:5")
    p.set_defaults(run=cmd_span)
    p = add("schemas", help="regenerate the files derived from the single definitions")
    p.add_argument("--check", action="store_true", help="only compare; exit 1 when a file is out of date")
    p.set_defaults(run=cmd_schemas)
    p = add("validate", help="validate the package and print the report")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--json-file", type=Path, metavar="FILE",
                   help="also write the report as JSON to FILE (one run gives both reports)")
    p.add_argument("--fix", action="store_true", help="remove BOMs and convert CRLF in the CSVs, then validate")
    p.add_argument("--no-warnings", action="store_true", help="hide warnings in the text report")
    p.add_argument("--summary", action="store_true",
                   help="one line when the package is valid and has no warning (the full report otherwise)")
    p.add_argument("--cache", action="store_true",
                   help="validate again only the documents changed since the last run with --cache "
                        "(.cache/validate.json; the whole package when that is not sound)")
    p.set_defaults(run=cmd_validate)
    p = add("release", help="write the release (default dist/)")
    p.add_argument("out", nargs="?", help="output folder (default dist/)")
    p.add_argument("--again", action="store_true", help="rebuild even if nothing it is built from changed")
    p.set_defaults(run=cmd_release)
    p = add("site", help="build the website (MkDocs, strict) or preview it")
    p.add_argument("--serve", action="store_true", help="preview on http://127.0.0.1:8000/")
    p.add_argument("--out", help="output folder (default site/)")
    p.add_argument("--again", action="store_true", help="rebuild even if nothing it is built from changed")
    p.set_defaults(run=cmd_site)
    p = add("check-tag", help="exit 1 (one line) unless TAG is v<version> of datapackage.json and pyproject.toml")
    p.add_argument("tag", help="the release tag, e.g. v0.3.0")
    p.set_defaults(run=cmd_check_tag)
    p = add("release-notes", help="print the CHANGELOG.md section of VERSION (the release's notes)")
    p.add_argument("version", help="e.g. 0.3.0")
    p.set_defaults(run=cmd_release_notes)
    p = add("new-document", help="scaffold a new document (see CONTRIBUTING.md)")
    p.add_argument("source", type=Path, help="the text as received (UTF-8)")
    p.add_argument("doc_id", metavar="ID", help="new document id, place-year, e.g. shilixian-2024")
    p.add_argument("--starts-after", help="literal text the body starts after (end of the preamble)")
    p.add_argument("--ends-before", help="literal text the body ends before (signature or closing clause)")
    p.set_defaults(run=cmd_new_document)
    p = add("propose", help="propose every fact of a document into drafts/ID/ worksheets (see CONTRIBUTING.md)")
    p.add_argument("doc_id", metavar="ID", help="the document id")
    p.set_defaults(run=cmd_propose)
    p = add("accept", help="move the rows marked accept/correct in drafts/ID/ into data/")
    p.add_argument("doc_id", metavar="ID", help="the document id")
    p.set_defaults(run=cmd_accept)
    p = add("propose-eval", help="leave-one-out evaluation of the proposer over the curated documents")
    p.add_argument("ids", nargs="*", help="only these documents (then nothing is written)")
    p.set_defaults(run=cmd_propose_eval)
    add("propose-model", help="regenerate settings/propose-model.json from the curated provisions") \
        .set_defaults(run=cmd_propose_model)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader stopped reading (`zjtx validate | head`): not an error of ours, and no traceback
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
