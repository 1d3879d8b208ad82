"""Which kind of kernel the kit runs in: a student's (the default) or a build's or test's (``KIT_BUILD=1``).

A student's kernel does only what the reader sees: charts go out as Vega-Lite (JupyterLab and
Voila draw them offline) and the committed data are trusted. A build's or test's kernel also draws
each chart's static SVG with vl-convert (for exports, previews and nbval's comparison) and
validates ``data/`` on first load. ``./kit build`` and the test suite set the variable; nothing else
needs to (exports draw a missing SVG themselves).
"""

from __future__ import annotations

import os

BUILD_ENV = "KIT_BUILD"


def is_build() -> bool:
    """Whether this process runs for a build or a test (``KIT_BUILD`` set to anything but "" or "0")."""
    return os.environ.get(BUILD_ENV, "") not in ("", "0")
