"""Fixtures and helpers the test modules share (import a helper with ``from tests.conftest import ...``).

- ``chart_spec(panel)``: the Vega-Lite spec of a panel's chart as it stands now; ``chart_title(spec)``
  its title as drawn (titles that change are chart parameters);
- ``chart_rows(spec, layer=None)``: the data rows a chart (or one of its layers) draws;
- ``panel_note(panel)``: the panel's note (published versus illustrative parameters);
- the fixtures ``city_residents`` (5,000 synthetic residents; the city points and fragmentation
  tests) and ``small_users`` (5,000 synthetic users; the commercial score's model and panel tests).
"""

from __future__ import annotations

import pytest

from widgets.models import city_points, commercial_score
from widgets.panels.live import title_of


def chart_spec(panel) -> dict:
    """The Vega-Lite spec of a panel's chart as it stands now: the skeleton the browser's Vega view was
    built from, with the rows, parameters and description of the panel's last good update."""
    return panel.current_chart().to_dict()


def chart_title(spec: dict, param: str | None = None):
    """A chart's title as drawn: a title given by a chart parameter reads as that parameter's value
    (``param`` names another parameter, e.g. a sub-chart's title)."""
    if param is not None:
        return next(p["value"] for p in spec["params"] if p["name"] == param)
    return title_of(spec)


def chart_rows(spec: dict, layer: int | None = None) -> list[dict]:
    """The data rows a single-view chart draws, or those of one of its layers (altair lifts data
    that the layers share to the top of the spec)."""
    source = spec.get("data") if layer is None else (spec["layer"][layer].get("data") or spec.get("data"))
    return spec["datasets"][source["name"]]


def panel_note(panel) -> str:
    """The note under a panel: which parameters are published (with source ids) and which illustrative."""
    return panel.note


@pytest.fixture(scope="session")
def city_residents():
    """5,000 synthetic residents (seed 3): enough for the city panels' numbers, quick to judge."""
    return city_points.synthetic_residents(n=5_000, seed=3)


@pytest.fixture(scope="session")
def small_users():
    """5,000 synthetic users with contacts (seed 5): the commercial panel's numbers at a test's pace."""
    return commercial_score.synthetic_users(n=5_000, seed=5)
