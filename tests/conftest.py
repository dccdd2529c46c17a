"""Shared fixtures: the real package, and a throw-away copy of it to break on purpose."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts import paths
from scripts.validate import validate
from tests.sitebuild import stage_repo

PACKAGE_PARTS = ["data", "schemas", "datapackage.json"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the browser is marked `browser`, so `-m "not browser"` deselects exactly those."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def real_report():
    return validate(paths.ROOT)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the package that a test may damage."""
    return stage_repo(tmp_path, PACKAGE_PARTS)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


@pytest.fixture
def edit_rows(package_copy: Path) -> Callable:
    """edit_rows('data/targets.csv', fn): apply fn(rows) -> rows to a CSV of the copy."""

    def _edit(rel: str, fn: Callable[[list[dict[str, str]]], list[dict[str, str]] | None]) -> Path:
        path = package_copy / rel
        header, rows = read_rows(path)
        result = fn(rows)
        write_rows(path, header, rows if result is None else result)
        return path

    return _edit
