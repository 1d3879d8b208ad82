"""The kit builds as a wheel that ships every subpackage and the files the code reads at run time.

The wheel is built offline from a copy of the sources (``pip wheel --no-deps --no-build-isolation``
with the test environment's setuptools), unpacked with ``pip install --no-deps --target``, and every
module is imported from it in a fresh interpreter started with ``-I`` (isolated: no ``PYTHONPATH``,
no user site, not the working folder), with the wheel's folder first on ``sys.path``. Third-party
packages come from this virtual environment: filling a clean environment would mean installing
them all again, which is slow and needs the network. The kit's own editable install in this
environment sits behind the wheel's folder, and the test asserts that every module came from the
wheel. ``data/`` and the course map live outside the package, beside the notebooks, so the
interpreter is pointed at the repository's copies (``KIT_DATA_DIR``, ``KIT_COURSE_MAP``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from widgets.course import build

ROOT = build.ROOT
PACKAGE_DATA = ["widgets/course/nbval_sanitize.cfg", "widgets/course/templates/kit.css",
                "widgets/course/templates/slides.css", "widgets/course/templates/kit_offline.html.j2",
                "widgets/course/templates/kit_deck.html.j2", "widgets/panels/frontend/panel.js",
                "widgets/panels/frontend/panel.css", "widgets/panels/frontend/dist/vega-lib.min.js"]
IMPORT_ALL = r"""
import importlib, json, pkgutil, sys
sys.path.insert(0, sys.argv[1])
import widgets
found = {}
for info in pkgutil.walk_packages(widgets.__path__, "widgets."):
    module = importlib.import_module(info.name)
    found[info.name] = module.__file__
found["widgets"] = widgets.__file__
from widgets.course import offline
found["stylesheet"] = len(offline.stylesheet("kit.css"))
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "widgets", source / "widgets", ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "--wheel-dir", str(out), str(source)], check=True, capture_output=True)
    (built,) = out.glob("scs_teaching_kit-*.whl")
    return built


def test_the_wheel_holds_every_module_and_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "widgets").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {sorted(modules - names)}"
    assert set(PACKAGE_DATA) <= names, f"package data missing: {sorted(set(PACKAGE_DATA) - names)}"
    for layer in ("models", "topics", "charts", "panels", "course"):
        assert f"widgets/{layer}/__init__.py" in names
    assert not any(n.startswith(("tests/", "benchmarks/", "data/", "notebooks/")) for n in names)


def test_every_module_imports_from_the_installed_wheel(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    env = {"KIT_DATA_DIR": str(ROOT / "data"), "KIT_COURSE_MAP": str(ROOT / "instructor" / "course.yml"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-I", "-c", IMPORT_ALL, str(target)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found.pop("stylesheet") > 100  # the CSS is read from the installed package data
    expected = {"widgets." + ".".join(p.relative_to(ROOT / "widgets").with_suffix("").parts).removesuffix(".__init__")
                for p in (ROOT / "widgets").rglob("*.py") if p.name != "__init__.py" or p.parent != ROOT / "widgets"}
    assert expected <= set(found), f"not imported: {sorted(expected - set(found))}"
    outside = {name: file for name, file in found.items() if not file.startswith(str(target))}
    assert not outside, f"imported from outside the wheel: {outside}"
