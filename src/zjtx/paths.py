"""Where things live in a repository of the package: the only module that joins folder and file names.

A repository is found from the current directory upwards (the folder holding `schemas/model.yaml`), so the
installed `zjtx` command works from anywhere inside a checkout, and `--root` points it at a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MARKER = Path("schemas") / "model.yaml"
# What a copy of the repository needs: for a site build (the tests' and the benchmark's staged copies), and for
# validation and release alone.
SITE_INPUTS = ("data", "schemas", "settings", "src/zjtx/site/hooks.py", "docs", "datapackage.json", "mkdocs.yml",
               "mkdocs.en.yml", "CHANGELOG.md", "CONTRIBUTING.md", "CITATION.cff", ".zenodo.json")
PACKAGE_INPUTS = ("data", "schemas", "settings", "datapackage.json", "CONTRIBUTING.md", "CHANGELOG.md",
                  "CITATION.cff", ".zenodo.json")


class UnsafePath(ValueError):
    """A path from the data that would leave the repository (absolute, '..', or through a symbolic link)."""


def relative_parts(rel: str) -> tuple[str, ...]:
    """The parts of a relative path made from the data, refusing any that could leave the folder it is joined to:
    empty, absolute, '..', backslashes or NUL (UnsafePath)."""
    pure = PurePosixPath(rel)
    if not rel or "\\" in rel or "\0" in rel or pure.is_absolute() or ".." in pure.parts:
        raise UnsafePath(f"{rel!r} is not a path inside the package")
    return pure.parts


class NoRepository(SystemExit):
    """No package repository here: the message says how to point at one."""


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the current directory) that holds schemas/model.yaml;
    failing that, the checkout this module was installed from (an editable install)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    source_checkout = Path(__file__).resolve().parents[2]
    if (source_checkout / MARKER).is_file():
        return source_checkout
    raise NoRepository(f"error: no {MARKER} in {here} or above: run the command inside a checkout of the "
                       "package, or give --root DIR")


@dataclass(frozen=True)
class Layout:
    """Every path of one repository (the real one, or a copy a test or the benchmark made)."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    @property
    def texts(self) -> Path:
        return self.data / "texts"

    @property
    def settings(self) -> Path:
        return self.root / "settings"

    @property
    def normalisation(self) -> Path:
        return self.settings / "normalisation.yaml"

    @property
    def segmentation(self) -> Path:
        return self.settings / "segmentation.yaml"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def model(self) -> Path:
        return self.schemas / "model.yaml"

    @property
    def package_meta(self) -> Path:
        return self.schemas / "package.yaml"

    @property
    def codelists(self) -> Path:
        return self.schemas / "codelists"

    @property
    def json_schemas(self) -> Path:
        return self.schemas / "json"

    @property
    def datapackage(self) -> Path:
        return self.root / "datapackage.json"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    def rel(self, path: Path) -> str:
        """A path inside the repository as the package writes it: relative, with forward slashes."""
        return path.relative_to(self.root).as_posix()

    def inside(self, rel: str) -> Path:
        """The file a relative path from the data names, refusing any path that could leave the repository:
        absolute paths, '..', backslashes, and symbolic links anywhere along the way."""
        current = self.root
        for part in relative_parts(rel):
            current = current / part
            if current.is_symlink():
                raise UnsafePath(f"{rel!r} passes through the symbolic link {self.rel(current)}")
        return current

    def source_rel(self, document_id: str) -> str:
        return self.rel(self.sources / f"{document_id}.txt")

    def text_rel(self, document_id: str) -> str:
        return self.rel(self.texts / f"{document_id}.txt")


ROOT = find_root()
HERE = Layout(ROOT)


def stage(dest: Path, parts: Iterable[str] = SITE_INPUTS, root: Path | None = None) -> Path:
    """Copy `parts` of the repository at `root` (default: this checkout) into `dest`: a copy to build, break or
    measure without touching the checkout."""
    import shutil

    source = root or find_root()
    for part in parts:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest
