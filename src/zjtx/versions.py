"""The release's version where it is written, and what a release tag needs: `v<version>` equal to the version of
datapackage.json and of pyproject.toml, and that version's section of CHANGELOG.md as the release notes.

The release workflow (.github/workflows/release.yml) calls `zjtx check-tag` and `zjtx release-notes`; each
fails with one line saying what to change.
"""

from __future__ import annotations

import json
import re
import tomllib

from zjtx.paths import Layout


class VersionError(ValueError):
    """A version that cannot be read, a tag that does not match it, or a CHANGELOG without its section."""


def package_versions(layout: Layout) -> dict[str, str]:
    """The version each file states, by file name."""
    found = {}
    try:
        found["datapackage.json"] = str(json.loads(layout.datapackage.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VersionError(f"datapackage.json states no version ({exc.__class__.__name__}): run `make schemas`") \
            from exc
    try:
        pyproject = tomllib.loads((layout.root / "pyproject.toml").read_text(encoding="utf-8"))
        found["pyproject.toml"] = str(pyproject["project"]["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VersionError(f"pyproject.toml states no [project] version ({exc.__class__.__name__})") from exc
    return found


def check_tag(tag: str, versions: dict[str, str]) -> str:
    """The version a tag releases; VersionError (one line) unless the tag is v<version> and every file states
    that version."""
    stated = sorted(set(versions.values()))
    if len(stated) > 1:
        listed = ", ".join(f"{name} says {v}" for name, v in versions.items())
        raise VersionError(f"the versions differ ({listed}): set one version in schemas/package.yaml "
                           "(then `make schemas`) and pyproject.toml")
    version = stated[0]
    if tag != f"v{version}":
        raise VersionError(f"tag {tag!r} does not match the package version {version}: tag v{version}, or set the "
                           "version in schemas/package.yaml (then `make schemas`) and pyproject.toml")
    return version


HEADING = re.compile(r"^## +(?P<title>.+?)\s*$", re.MULTILINE)


def changelog_section(changelog: str, version: str) -> str:
    """The body of the CHANGELOG section `## <version> — <date>` (without its heading), for the release notes;
    VersionError when there is none or it is empty."""
    headings = list(HEADING.finditer(changelog))
    for i, m in enumerate(headings):
        if re.match(rf"{re.escape(version)}(?![\w.-])", m["title"]):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(changelog)
            body = changelog[m.end():end].strip()
            if not body:
                raise VersionError(f"the CHANGELOG.md section of {version} is empty: say what changed")
            return body + "\n"
    raise VersionError(f"CHANGELOG.md has no section '## {version} — <date>': add it before tagging v{version}")
