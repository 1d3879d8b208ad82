"""Computed keys of notebook 02: the timeline's share of events since the Planning Outline, and the
weighted sum S of a pilot-era unified social credit code."""

from __future__ import annotations

import pandas as pd

from ...data import load
from . import numeric

OUTLINE_YEAR = 2014


def _years() -> pd.Series:
    return load("timeline")["date"].dt.year


def _share_from(year: int) -> float:
    return float((_years() >= year).mean() * 100)


@numeric("q02_share_since_2014", name="share_since_2014", abs_tol=0.5, digits=1,
         hint="keep the events whose year is 2014 or later, divide by the number of all events, and multiply by 100.",
         mistakes={
             "that is a fraction (0-1); give the share in percent (0-100).": lambda: _share_from(OUTLINE_YEAR) / 100,
             "that counts the events; divide by the number of all events to get a share.":
                 lambda: float((_years() >= OUTLINE_YEAR).sum()),
             "that starts in 2015; the Outline's year, 2014, belongs in the count.": lambda: _share_from(OUTLINE_YEAR + 1),
             "that is the share before 2014; the question asks for 2014 and later.":
                 lambda: 100 - _share_from(OUTLINE_YEAR),
         })
def share_since_2014() -> float:
    return _share_from(OUTLINE_YEAR)


def _pilot_code() -> str:
    uscc = load("uscc")
    return str(uscc.loc[uscc["kind"] == "failing-code", "code"].iloc[0])


def _sum(value_of) -> int:
    uscc = load("uscc")
    weights = uscc[uscc["kind"] == "weight"].sort_values("position")["value"].astype(int).tolist()
    return sum(value_of(c) * w for c, w in zip(_pilot_code()[:17], weights))


def _alphabet() -> str:
    uscc = load("uscc")
    return str(uscc.loc[uscc["kind"] == "alphabet", "code"].iloc[0])


@numeric("q02_check_sum", name="check_sum",
         hint="map each of the first 17 characters to its value (its place in the alphabet, counting from 0), "
              "multiply each value by the weight of its position, and add the 17 products.",
         mistakes={
             "the letters count for nothing in your sum; a letter's value is its place in the alphabet (A = 10).":
                 lambda: _sum(lambda c: int(c) if c.isdigit() else 0),
             "you valued the letters A-Z as 10-35; the code's alphabet leaves out I and O, so J is 18, not 19.":
                 lambda: _sum(lambda c: int(c, 36)),
             "that is S mod 31, the remainder; the question asks for S itself.":
                 lambda: _sum(_alphabet().index) % 31,
             "that is the check value (31 minus the remainder); the question asks for the sum S.":
                 lambda: 31 - _sum(_alphabet().index) % 31,
         })
def check_sum() -> int:
    return _sum(_alphabet().index)
