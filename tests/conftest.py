"""Shared fixtures: the real package, and a throw-away copy of it to break on purpose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import PACKAGE_PARTS, read_rows, stage_repo, write_rows
from zjtx import paths
from zjtx.validate import validate


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
