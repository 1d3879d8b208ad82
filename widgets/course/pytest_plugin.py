"""The test suite runs as a build (pyproject.toml's pytest options load this plugin with ``-p``).

It sets ``KIT_BUILD=1`` (see ``widgets.runtime``) before any test or kernel starts, so the kernels
that nbval and the tests start inherit it: their charts carry the static SVG that the committed
notebooks hold, and ``data/`` is validated on first load. Servers that stand for a student's
(the browser and hub tests) drop the variable again.
"""

from __future__ import annotations

import os

from ..runtime import BUILD_ENV


def pytest_configure(config: object) -> None:
    os.environ[BUILD_ENV] = "1"
