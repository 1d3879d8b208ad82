"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per
session, a fresh browser context and page per test.

Environment variables:
- ``KIT_SKIP_BROWSER=1``: skip every browser test (e.g. on a machine without Chromium).
  Otherwise a missing /usr/bin/chromium makes the tests fail, not skip.
- ``KIT_BROWSER_ROOT``: the folder the server serves (default: the repository root);
  for developing the harness against scratch notebooks outside the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from . import jlab

REPO_ROOT = Path(__file__).resolve().parents[2]
SKIP_REASON = "KIT_SKIP_BROWSER=1 is set"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            if os.environ.get("KIT_SKIP_BROWSER") == "1":
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    """Fail (not skip) before starting anything when Debian's Chromium is missing."""
    if not jlab.CHROMIUM.exists():
        pytest.fail(
            f"{jlab.CHROMIUM} not found: install Debian's chromium "
            "(apt-get install chromium) or set KIT_SKIP_BROWSER=1 to skip browser tests",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def served_root() -> Path:
    return Path(os.environ.get("KIT_BROWSER_ROOT", REPO_ROOT)).resolve()


@pytest.fixture(scope="session")
def lab_server(
    served_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[jlab.ServerInfo]:
    with jlab.jupyter_server("lab", served_root, tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = jlab.launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def console() -> jlab.ConsoleErrors:
    """Console errors and uncaught page errors of the test's ``page``."""
    return jlab.ConsoleErrors()


@pytest.fixture
def kernel() -> jlab.KernelWatch:
    """Kernel errors and pending kernel requests seen on the test's ``page``."""
    return jlab.KernelWatch()


@pytest.fixture
def page(browser: Browser, console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console.attach(page)
    kernel.attach(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def voila_server(
    served_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[jlab.ServerInfo]:
    with jlab.jupyter_server("voila", served_root, tmp_path_factory.mktemp("voila")) as server:
        yield server
