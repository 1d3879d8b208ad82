"""The package's layers hold: the import contracts of ``[tool.importlinter]`` in pyproject.toml are kept
(checked by import-linter, which reads the imports with grimp), each contract breaks when code breaks
it, and no module under ``widgets/`` is longer than ``MAX_LINES``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widgets"
CONFIG = ROOT / "pyproject.toml"
LINT = Path(sys.executable).parent / "lint-imports"
MAX_LINES = 450

# One deliberate violation per contract: (contract id, file under widgets/, the line added to it).
VIOLATIONS = [
    ("layers", "topics/timeline.py", "from ..charts import theme"),  # a topic importing a chart module
    ("layers", "data.py", "from . import sources"),  # the base's lowest layer importing one above it
    ("layers", "models/fico.py", "from ..topics import timeline"),  # models and topics are independent
    ("no-chart-or-widget-library-below-charts", "models/fico.py", "import altair"),
    ("no-chart-or-widget-library-below-charts", "topics/surveys.py", "import ipywidgets"),
    ("no-chart-or-widget-library-below-charts", "sources.py", "import anywidget"),
    ("panels-load-no-data", "panels/fico.py", "from ..data import load"),
    ("panels-build-no-charts", "panels/timeline.py", "import altair as alt"),
    ("panels-build-no-charts", "panels/city.py", "from altair import Chart"),
    ("no-tests-at-run-time", "course/build.py", "import tests.conftest"),
    ("no-tests-at-run-time", "models/population.py", "from benchmarks import reference_loops"),
]


def contract_ids() -> list[str]:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return [contract["id"] for contract in config["contracts"]]


def lint(where: Path, *contracts: str) -> subprocess.CompletedProcess:
    """Run import-linter with the kit's contracts on the ``widgets`` package found in ``where``."""
    assert LINT.exists(), f"{LINT} missing: install the test extra (pip install -e '.[test]')"
    env = {**os.environ, "PYTHONPATH": str(where)}
    args = [str(LINT), "--config", str(CONFIG), "--no-cache", "--no-logo"]
    for contract in contracts:
        args += ["--contract", contract]
    return subprocess.run(args, cwd=where, env=env, capture_output=True, text=True, timeout=300)


def test_every_contract_is_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contract_ids())} kept, 0 broken." in result.stdout, result.stdout


def test_the_layers_contract_names_every_module_at_the_top_of_widgets():
    # exhaustive: a new widgets/<name>.py or widgets/<name>/ must be given a layer
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["id"] == "layers")
    assert layers["exhaustive"] is True
    named = {name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")}
    on_disk = {p.stem for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    on_disk |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert named == on_disk


@pytest.fixture(scope="module")
def copy_root(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("layers")
    shutil.copytree(PACKAGE, where / "widgets", ignore=shutil.ignore_patterns("__pycache__", "frontend"))
    return where


@pytest.mark.parametrize("contract, target, line", VIOLATIONS, ids=[f"{c}:{t}" for c, t, _ in VIOLATIONS])
def test_each_contract_breaks_on_a_deliberate_violation(copy_root, contract, target, line):
    path = copy_root / "widgets" / target
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n{line}  # deliberate violation\n", encoding="utf-8")
        result = lint(copy_root, contract)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout, result.stdout
    assert "widgets." + target.removesuffix(".py").replace("/", ".") in result.stdout


def test_the_violations_cover_every_contract():
    assert sorted({c for c, _, _ in VIOLATIONS}) == sorted(contract_ids())


def module_lengths() -> dict[str, int]:
    return {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
            for p in sorted(PACKAGE.rglob("*.py")) if "node_modules" not in p.parts}


def test_no_module_under_widgets_is_longer_than_the_limit():
    lengths = module_lengths()
    assert len(lengths) > 50  # the walk found the package's modules
    too_long = {path: n for path, n in lengths.items() if n > MAX_LINES}
    assert not too_long, f"modules over {MAX_LINES} lines (split them by role): {too_long}"
