"""Computed keys of notebook 06: the toy's gain in compliance at Wuhu's published activation share."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ...models import rewards_sanctions
from . import numeric

WUHU_ID = "cs-wuhu"  # the city whose activation share the exercise uses as awareness


@cache
def _run(awareness_id: str | None) -> pd.DataFrame:
    """The four scenarios over the default synthetic people, at a published awareness (None: the default)."""
    if awareness_id is None:
        assumptions = rewards_sanctions.Assumptions()
    else:
        share = rewards_sanctions.published_awareness().value(awareness_id)
        assumptions = rewards_sanctions.Assumptions(awareness=share)
    return rewards_sanctions.compare(assumptions)


def _last(awareness_id: str | None = WUHU_ID) -> pd.Series:
    run = _run(awareness_id)
    return run.loc[run["period"].idxmax()]


def _gain_points(awareness_id: str | None = WUHU_ID) -> float:
    last = _last(awareness_id)
    return float((last["both"] - last["neither"]) * 100)


@numeric("q06_test_awareness", name="gain_wuhu", abs_tol=0.005, digits=3,
         hint="take the last period's row, subtract the 'neither' share from the 'both' share, and turn the "
              "difference of two shares (0-1) into percentage points.",
         mistakes={
             "that is a difference of two shares (0-1); give it in percentage points.":
                 lambda: _gain_points() / 100,
             "that is a gain in percent of the 'neither' share; the question asks for percentage points.":
                 lambda: float((_last()["both"] / _last()["neither"] - 1) * 100),
             "that is the first period, before anyone has been rewarded or sanctioned; use the last period.":
                 lambda: float((_run(WUHU_ID)["both"] - _run(WUHU_ID)["neither"]).iloc[0] * 100),
             "that averages over all periods; the question asks about the last period.":
                 lambda: float((_run(WUHU_ID)["both"] - _run(WUHU_ID)["neither"]).mean() * 100),
             "that is the gain at the default awareness (the survey's share); use the table for Wuhu.":
                 lambda: _gain_points(None),
         })
def gain_wuhu() -> float:
    return _gain_points()
