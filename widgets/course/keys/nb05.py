"""Computed keys of notebook 05: how long synthetic debtors stay listed, and the published growth of the list."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ...data import load
from ...models import court_list
from . import numeric

GROWTH_START, GROWTH_END = "2016-02-29", "2017-11-01"  # the exercise's two exact figures (defaulter_list.csv)
YEARS = court_list.LONG_YEARS  # the exercise asks about listings that last five years or longer


# --- q05_years_listed: the synthetic debtors under the two texts --------------------------------
@cache
def _durations(version: str) -> pd.DataFrame:
    """The notebook's synthetic debtors (default seed and size) under one text, default toy settings."""
    return court_list.listing_durations(court_list.synthetic_cases(), version=version)


def _share_over(version: str, of_listed: bool = True) -> float:
    d = _durations(version)
    over = (d["listed"] & (d["years_listed"] >= YEARS)).sum()
    return float(100 * over / (d["listed"].sum() if of_listed else len(d)))


@numeric("q05_years_listed", name="over_five_percent", abs_tol=0.05, digits=1,
         hint="keep the debtors listed under the 2017 text, count those listed for five years or longer, "
              "and divide by the number listed; give a percentage.",
         mistakes={
             "that is a share between 0 and 1; the question asks for a percentage.":
                 lambda: _share_over("2017") / 100,
             "you divided by all synthetic debtors; divide by the debtors who are listed.":
                 lambda: _share_over("2017", of_listed=False),
             "that is the figure under the 2013 text; use the 2017 durations.": lambda: _share_over("2013"),
             "that counts only the debtors still listed at the end of the ten years; count everyone listed "
             "for five years or longer.":
                 lambda: float(100 * _durations("2017")["still_listed"].sum() / _durations("2017")["listed"].sum()),
             "that is a count of debtors; turn it into a percentage of those listed.":
                 lambda: float((_durations("2017")["listed"] & (_durations("2017")["years_listed"] >= YEARS)).sum()),
             "that is the share of listed debtors whose listing ends within five years; the question asks "
             "about the others.": lambda: 100 - _share_over("2017"),
         })
def over_five_percent() -> float:
    return _share_over("2017")


# --- q05_list_growth: people listed, two exact published figures --------------------------------
def _people(date: str, metric: str = "people_listed") -> int:
    table = load("defaulter_list")
    row = table[(table["metric"].astype(str) == metric) & (table["date"] == pd.Timestamp(date))]
    return int(row["value"].iloc[0])


@numeric("q05_list_growth", name="list_growth",
         hint="keep the people_listed rows, take the value of November 2017 minus the value of 29 February 2016, "
              "in people.",
         mistakes={
             "that is in millions; give the number of people.":
                 lambda: (_people(GROWTH_END) - _people(GROWTH_START)) / 1e6,
             "you subtracted the later figure from the earlier one; the list grew.":
                 lambda: _people(GROWTH_START) - _people(GROWTH_END),
             "the September 2018 figure counts violations posted, not people; use the people_listed rows.":
                 lambda: _people("2018-09-01", "violations_posted") - _people(GROWTH_START),
             "that starts from February 2017; the question starts from 29 February 2016.":
                 lambda: _people(GROWTH_END) - _people("2017-02-01"),
             "that ends in July 2019 ('more than' 14.5 million); the question ends in November 2017.":
                 lambda: _people("2019-07-09") - _people(GROWTH_START),
             "that is the November 2017 total; subtract the February 2016 figure.": lambda: _people(GROWTH_END),
         })
def list_growth() -> int:
    return _people(GROWTH_END) - _people(GROWTH_START)
