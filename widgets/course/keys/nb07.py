"""Computed keys of notebook 07: a fall in support in points and in percent (surveys.csv), and a toy
list experiment's estimate and the direct question's overstatement on one seeded synthetic survey."""

from __future__ import annotations

from functools import cache

from ...data import load
from ...models import list_experiment
from . import numeric

MERICS_BEFORE, MERICS_AFTER = "sv-merics-2020-aggregated-score-before", "sv-merics-2020-aggregated-score-after"
XU_REPRESSION = "sv-xu-2022-repression-information"


def _level(row_id: str) -> float:
    return float(load("surveys").set_index("id").loc[row_id, "value"])


def _fall_points() -> float:
    return _level(MERICS_BEFORE) - _level(MERICS_AFTER)


PERCENT_NOT_POINTS = ("you gave the fall as a percent of the earlier level; this question asks for percentage "
                      "points: the plain difference between the two shares.")
POINTS_NOT_PERCENT = ("that is the fall in percentage points (the difference of the two shares); divide it by "
                      "the level before information and multiply by 100.")


@numeric("q07_drop_in_points", name="merics_fall_points", abs_tol=0.05, digits=1,
         hint="take the share before information minus the share after it, both read from the surveys table.",
         mistakes={
             PERCENT_NOT_POINTS: lambda: _fall_points() / _level(MERICS_BEFORE) * 100,
             "give the size of the fall as a positive number (before minus after).": lambda: -_fall_points(),
             "that is one of the two levels; the question asks for the difference between them.":
                 lambda: _level(MERICS_AFTER),
             "that is the level before information; subtract the level after it.": lambda: _level(MERICS_BEFORE),
             "that is the other study's reported fall (Xu, Kostka & Cao); use the MERICS rows.":
                 lambda: _level(XU_REPRESSION),
         })
def merics_fall_points() -> float:
    return _fall_points()


@numeric("q07_drop_in_percent", name="merics_fall_percent", abs_tol=0.06, digits=1,
         hint="divide the fall by the share before information, multiply by 100 and round to one decimal.",
         mistakes={
             POINTS_NOT_PERCENT: _fall_points,
             "multiply the ratio by 100 to get a percent.": lambda: _fall_points() / _level(MERICS_BEFORE),
             "divide by the level BEFORE information, not the level after it.":
                 lambda: _fall_points() / _level(MERICS_AFTER) * 100,
             "that is the share that remained (after / before); the fall is 100 minus it.":
                 lambda: _level(MERICS_AFTER) / _level(MERICS_BEFORE) * 100,
             "give the size of the fall as a positive number.": lambda: -_fall_points() / _level(MERICS_BEFORE) * 100,
         })
def merics_fall_percent() -> float:
    return round(_fall_points() / _level(MERICS_BEFORE) * 100, 1)


# --- the toy list experiment: the notebook's exercise survey (default assumptions, seeded) --------------
EXERCISE_REPLICATE = 4  # the notebook's exercises use survey number 5 of the 500, not the first one the panel reports


@cache
def _survey():
    return list_experiment.one_survey(list_experiment.Assumptions(), replicate=EXERCISE_REPLICATE)


@cache
def _means() -> dict[str, float]:
    frame = _survey()
    return frame.groupby(frame["list_version"].astype(str))["items_counted"].mean().to_dict()


def _list_estimate() -> float:
    return round(list_experiment.difference_in_means(_survey()), 1)


def _direct() -> float:
    return round(list_experiment.direct_share(_survey()), 1)


@numeric("q07_list_estimate", name="list_estimate", abs_tol=0.06, digits=1,
         hint="group the respondents by list_version, take the mean of items_counted in each group, subtract the "
              "short list's mean from the long list's and multiply by 100.",
         mistakes={
             "that is the share who said 'support' when asked directly; the list experiment uses only the counts.":
                 _direct,
             "subtract the short list's mean from the long list's, not the other way round.":
                 lambda: -_list_estimate(),
             "multiply the difference in means by 100 to give it in percent.": lambda: _list_estimate() / 100,
             "that is the long list's mean count (times 100); subtract the short list's mean count.":
                 lambda: _means()["long"] * 100,
             "that compares the two groups' total counts; compare their mean counts.":
                 lambda: float(_survey().groupby(_survey()["list_version"].astype(str))["items_counted"].sum()
                               .pipe(lambda s: s["long"] - s["short"])),
             "that is the toy's true share, which no real survey can see; estimate it from the counts.":
                 lambda: list_experiment.Assumptions().true_support * 100,
         })
def list_estimate() -> float:
    return _list_estimate()


@numeric("q07_list_gap", name="direct_gap", abs_tol=0.11, digits=1,
         hint="take the share (percent) who said 'support' when asked directly and subtract the list estimate.",
         mistakes={
             "that is the gap as a percent of the list estimate; the question asks for percentage points, the "
             "plain difference of the two shares.": lambda: (_direct() - _list_estimate()) / _list_estimate() * 100,
             "give the overstatement as a positive number: the direct share minus the list estimate.":
                 lambda: _list_estimate() - _direct(),
             "that is the direct share itself; subtract the list estimate from it.": _direct,
             "that is the toy's built-in overstatement over all surveys, which a researcher cannot see; compute the "
             "gap in this one survey.": lambda: list_experiment.Assumptions().says_support * 100
                                                - list_experiment.Assumptions().true_support * 100,
         })
def direct_gap() -> float:
    return round(_direct() - _list_estimate(), 1)
