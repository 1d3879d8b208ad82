"""Computed keys of notebook 03: the demonstration cities' batch totals, Suzhou's activation share, and
how far the toy cities that also deduct points disagree about the synthetic person."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ...data import load
from ...models import city_points, fragmentation
from . import numeric

TOY_CITIES = 12  # the exercise's number of toy cities (illustrative)


def _batch_totals() -> pd.Series:
    table = load("demonstration_cities")
    return table.loc[table["city"].isna()].set_index("id")["batch_total"].astype(float)


@numeric("q03_all_batches", name="all_batches",
         hint="keep the rows without a city (the batch totals) and add up their batch_total column.",
         mistakes={
             "that counts the named cities; add up the batch totals (the rows without a city) instead.":
                 lambda: float(load("demonstration_cities")["city"].notna().sum()),
             "that leaves out the second batch, whose total the kit derived; it is a batch all the same.":
                 lambda: float(_batch_totals().drop("dc-2-total").sum()),
             "that counts the batches; add up how many cities or areas each batch named.":
                 lambda: float(len(_batch_totals())),
             "the first batch is counted twice: 28 is the two first batches together, so the second alone is 16.":
                 lambda: float(_batch_totals().sum() + _batch_totals()["dc-1-total"]),
         })
def all_batches() -> float:
    return float(_batch_totals().sum())


def _suzhou() -> pd.Series:
    table = load("city_scores")
    return table.set_index("city").loc["Suzhou", ["accounts_activated", "population_base"]].astype(float)


@numeric("q03_suzhou_share", name="suzhou_share", abs_tol=0.01, digits=2,
         hint="divide Suzhou's accounts activated by its population, then multiply by 100, and keep two decimals.",
         mistakes={
             "that is a fraction (0-1); give a percentage (0-100): multiply by 100.":
                 lambda: _suzhou()["accounts_activated"] / _suzhou()["population_base"],
             "you divided the population by the accounts; divide the accounts by the population.":
                 lambda: _suzhou()["population_base"] / _suzhou()["accounts_activated"] * 100,
             "that is the share who did not activate an account; the question asks for those who did.":
                 lambda: 100 - _suzhou()["accounts_activated"] / _suzhou()["population_base"] * 100,
         })
def suzhou_share() -> float:
    s = _suzhou()
    return float(s["accounts_activated"] / s["population_base"] * 100)


@cache
def _judged() -> pd.DataFrame:
    return fragmentation.judge_everywhere(city_points.ILLUSTRATIVE_PERSON,
                                          fragmentation.city_rule_sets(TOY_CITIES, fragmentation.CITY_RULES_SEED))


def _range(points: pd.Series) -> float:
    return float(points.max() - points.min())


@numeric("q03_fragmentation_spread", name="points_spread",
         hint="keep the toy cities whose incentives_only is False, then take the highest points minus the lowest.",
         mistakes={
             "that spread includes the reward-only cities; keep only the cities that also deduct points.":
                 lambda: _range(_judged()["points"]),
             "that is the spread among the reward-only cities; the question asks about the cities that also deduct.":
                 lambda: _range(_judged().loc[_judged()["incentives_only"], "points"]),
             "that is the highest points; subtract the lowest.":
                 lambda: float(_judged().loc[~_judged()["incentives_only"], "points"].max()),
             "that is the lowest points; the spread is the highest minus the lowest.":
                 lambda: float(_judged().loc[~_judged()["incentives_only"], "points"].min()),
         })
def points_spread() -> float:
    return _range(_judged().loc[~_judged()["incentives_only"], "points"])
