"""axe-core for the browser tests: run it on a page, save the report, list what blocks.

axe-core comes from the PyPI package ``axe-playwright-python`` (it ships ``axe.min.js``); each
report is saved to tests/artifacts/axe/NAME.json and summarised on stdout.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # the tests say how to get it instead of erroring at collection
    Axe = None

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "axe"
BLOCKING = ("critical", "serious")


def run(page: Page, name: str, context: dict[str, Any] | None = None, **saved: Any) -> list[dict]:
    """axe-core on ``page`` (or the part ``context`` selects); saves the report, returns the violations."""
    if Axe is None:
        pytest.fail("axe-core is missing: pip install axe-playwright-python==0.1.8", pytrace=False)
    results = (Axe().run(page, context=context) if context else Axe().run(page)).response
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(
        {**saved, "axe": results.get("testEngine", {}).get("version"), "violations": results["violations"]},
        indent=1))
    counts = Counter(v["impact"] for v in results["violations"] for _ in v["nodes"])
    print(f"\naxe {name}: " + (", ".join(f"{impact} {n}" for impact, n in sorted(counts.items()))
                               or "no violations"))
    return results["violations"]


def blocking(violations: list[dict]) -> list[str]:
    """The critical and serious violations, one line each."""
    return [f"{v['impact']}: {v['id']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']}) {v['help']}"
            for v in violations if v["impact"] in BLOCKING]
