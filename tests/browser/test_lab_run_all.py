"""Every student notebook in a real JupyterLab: Run All Cells finishes with no error output,
no kernel error and no console error, and every saved chart renders (an svg inside each Vega embed).

The blank student copies are run as a student first meets them: unanswered exercises must
give failed checks, never an exception.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from . import jlab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
VEGALITE = "application/vnd.vegalite.v5+json"


def saved_charts(path: Path) -> int:
    """Charts among the saved cell outputs (live panels draw theirs on top of these)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(VEGALITE in output.get("data", {}) for cell in nb["cells"] for output in cell.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_run_all_in_jupyterlab(path: Path, page: Page, lab_server: jlab.ServerInfo,
                               console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    relpath = str(path.relative_to(ROOT))
    try:
        jlab.open_notebook(page, lab_server, relpath)
        jlab.run_all(page, kernel)
        assert jlab.error_outputs(page) == [], f"{relpath}: error output after Run All"
        assert kernel.errors == []
        jlab.wait_all_charts_rendered(page, expected_min=saved_charts(path))
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, f"lab_run_all_{path.stem}")
        jlab.delete_sessions(lab_server, relpath)
