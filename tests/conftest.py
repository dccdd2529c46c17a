"""Shared fixtures: the real package, and a throw-away copy of it to break on purpose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support import CHROMIUM, CHROMIUM_ARGS, PACKAGE_PARTS, build_site, read_rows, served, stage_repo, write_rows
from zjtx import paths
from zjtx.site.data import load_site_data
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


# ---------------------------------------------------------------- the built site, served, in a browser


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The repository staged in a temporary folder, released and built (strict)."""
    root = stage_repo(tmp_path_factory.mktemp("site-build"))
    build_site(root)
    return root


@pytest.fixture(scope="session")
def site(built: Path) -> Path:
    return built / "site"


@pytest.fixture(scope="session")
def site_data(built: Path):
    return load_site_data(built, built / "dist")


@pytest.fixture(scope="session")
def server(site: Path):
    with served(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium and a CJK font "
                    "(`apt-get install chromium fonts-wqy-microhei`, as .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes to a host other than the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    pg.external_requests = []
    pg.csp_violations = []
    pg.on("console", lambda m: pg.csp_violations.append(m.text) if "Content Security Policy" in m.text else None)
    local = urlparse(server).netloc
    pg.on("request", lambda r: pg.external_requests.append(r.url)
          if urlparse(r.url).scheme not in ("data", "blob", "about") and urlparse(r.url).netloc != local else None)
    yield pg
    context.close()
