"""Computed keys of notebook 01: a toy score, the central bank's credit database, cut-offs on synthetic borrowers."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ...data import load
from ...models import fico, lender_fairness, population
from . import numeric

PERSON = {"payment_history": 90, "amounts_owed": 60, "length_of_history": 40, "credit_mix": 50, "new_credit": 80}
CAUTIOUS_CUTOFF = 700  # the exercise's cut-off (illustrative)


def _weighted_rating() -> float:
    """The person's ratings weighted by FICO's published weights (0-100)."""
    weights, _ = fico.published_weights()
    shares = weights.set_index("parameter")["value"] / 100
    return float((pd.Series(PERSON) * shares).sum())


def _span() -> tuple[float, float]:
    _, scale = fico.published_weights()
    return scale.low, scale.high


@numeric("q01_toy_score", name="toy_score", abs_tol=0.5, digits=2,
         hint="weight each rating by its published share, add them up, then place that 0-100 result on the "
              "300-850 range: the floor plus that share of the span.",
         mistakes={
             "you have the weighted rating (0-100); now place it on the score's range.": _weighted_rating,
             "you scaled the span but left out the floor of the range.":
                 lambda: (_span()[1] - _span()[0]) * _weighted_rating() / 100,
             "you used 0-850 as the range; FICO's range starts at 300.": lambda: _span()[1] * _weighted_rating() / 100,
             "you gave every factor the same weight; use FICO's published weights.":
                 lambda: _span()[0] + (_span()[1] - _span()[0]) * sum(PERSON.values()) / len(PERSON) / 100,
         })
def toy_score() -> float:
    low, high = _span()
    return low + (high - low) * _weighted_rating() / 100


@cache
def _people_and_scores() -> tuple[pd.DataFrame, pd.Series]:
    weights, scale = fico.published_weights()
    people = population.synthetic_borrowers(n=100_000, seed=population.BORROWERS_SEED)
    return people, fico.fico_style_score(people, fico.weights_from_table(weights), scale)


def _borrowers() -> tuple[pd.Series, pd.Series]:
    people, scores = _people_and_scores()
    return scores, people["repays"]


def _count(refused: bool, repays: bool | None) -> int:
    scores, repaid = _borrowers()
    mask = (scores < CAUTIOUS_CUTOFF) if refused else (scores >= CAUTIOUS_CUTOFF)
    if repays is not None:
        mask &= repaid if repays else ~repaid
    return int(mask.sum())


@numeric("q01_wrongly_refused", name="wrongly_refused_700",
         hint="keep the people whose score is below 700 AND who would repay, then count them.",
         mistakes={
             "that counts everyone refused; keep only those who would have repaid.": lambda: _count(True, None),
             "that counts the refused people who would default; the question asks about those who would repay.":
                 lambda: _count(True, False),
             "that counts people approved (700 or more) who would repay; the question asks about those refused.":
                 lambda: _count(False, True),
         })
def wrongly_refused_700() -> int:
    return _count(True, True)


# --- the central bank's credit database (registry_counts.csv) -------------------------------------------
def _database(metric: str, date: str) -> float:
    """One published size of the PBoC database: the metric at a date (YYYY-MM), read from data/."""
    rows = load("registry_counts")
    rows = rows[(rows["registry"] == "pboc-credit-database") & (rows["metric"] == metric)
                & (rows["date"].dt.strftime("%Y-%m") == date)]
    if len(rows) != 1:
        raise ValueError(f"registry_counts.csv must hold one pboc-credit-database row for {metric} in {date}")
    return float(rows["value"].iloc[0])


@numeric("q01_records_share", name="records_share_2008", abs_tol=0.1, digits=1,
         hint="keep the two end-2008 rows of the central bank's database that count people, then divide the "
              "people with a credit record by all the people in the database, as a percentage.",
         mistakes={
             "that is a proportion (0-1); give it in percent.":
                 lambda: _database("persons_with_credit_records", "2008-12") / _database("natural_persons", "2008-12"),
             "that uses the January 2006 figures; the question asks about the end of 2008.":
                 lambda: 100 * _database("persons_with_credit_records", "2006-01") / _database("natural_persons",
                                                                                              "2006-01"),
             "that divides by the mid-2007 count of personal records, which counts records, not people.":
                 lambda: 100 * _database("persons_with_credit_records", "2008-12") / _database("personal_records",
                                                                                              "2007-06"),
             "that is the share WITHOUT a credit record; the question asks for those with one.":
                 lambda: 100 - 100 * _database("persons_with_credit_records", "2008-12") / _database(
                     "natural_persons", "2008-12"),
         })
def records_share_2008() -> float:
    return 100 * _database("persons_with_credit_records", "2008-12") / _database("natural_persons", "2008-12")


# --- fairness in the lender's cut-off (the synthetic groups of lender_fairness) ---------------------------
GENEROUS_CUTOFF = 560   # the tpr-gap exercise's one cut-off for all (illustrative)
GROUP_A_CUTOFF = 650    # group A's cut-off in the equal-opportunity exercise (illustrative)
PANEL_CUTOFF = lender_fairness.ILLUSTRATIVE_CUTOFF  # the fairness panel's default cut-off (620)


@cache
def _applicants() -> pd.DataFrame:
    people, scores = _people_and_scores()
    return lender_fairness.synthetic_applicants(people, scores)


def _share_approved(group: str, cutoff: float, who: str) -> float:
    """Percent of `group`'s would-be repayers (`who="repayers"`) or of all of it (`"all"`) approved at `cutoff`."""
    rows = _applicants()
    rows = rows[rows["group"] == group]
    if who == "repayers":
        rows = rows[rows["repays"]]
    return 100 * float((rows["score"] >= cutoff).mean())


@numeric("q01_tpr_gap", name="tpr_gap_560", abs_tol=0.1, digits=1,
         hint="in each group keep the people who would repay, take the share of them scoring 560 or more, "
              "and subtract B's share from A's, in percentage points.",
         mistakes={
             "that is the gap in approval rates (everyone in each group); keep only the would-be repayers.":
                 lambda: _share_approved("A", GENEROUS_CUTOFF, "all") - _share_approved("B", GENEROUS_CUTOFF, "all"),
             "that is a difference of proportions (0-1); give it in percentage points.":
                 lambda: (_share_approved("A", GENEROUS_CUTOFF, "repayers")
                          - _share_approved("B", GENEROUS_CUTOFF, "repayers")) / 100,
             "that is B minus A; the question asks for A's rate minus B's.":
                 lambda: _share_approved("B", GENEROUS_CUTOFF, "repayers")
                 - _share_approved("A", GENEROUS_CUTOFF, "repayers"),
             "that is group A's rate alone; subtract group B's.":
                 lambda: _share_approved("A", GENEROUS_CUTOFF, "repayers"),
             "that is group B's rate alone; the question asks for A's minus B's.":
                 lambda: _share_approved("B", GENEROUS_CUTOFF, "repayers"),
             "that is the gap at a cut-off of 620, the panel's default; the question sets 560.":
                 lambda: _share_approved("A", PANEL_CUTOFF, "repayers") - _share_approved("B", PANEL_CUTOFF,
                                                                                         "repayers"),
         })
def tpr_gap_560() -> float:
    return _share_approved("A", GENEROUS_CUTOFF, "repayers") - _share_approved("B", GENEROUS_CUTOFF, "repayers")


def _b_quantile(share: float, who: str) -> float:
    rows = _applicants()
    rows = rows[rows["group"] == "B"]
    if who == "repayers":
        rows = rows[rows["repays"]]
    return float(rows["score"].quantile(share))


@numeric("q01_equal_opportunity_cutoff", name="cutoff_b_equal_opportunity", abs_tol=1.0, digits=1,
         hint="find the share of A's would-be repayers approved at 650; then find the score above which the same "
              "share of B's would-be repayers lies (a quantile of their scores).",
         mistakes={
             "that is where the same share of ALL of group B lies; equal opportunity looks only at would-be "
             "repayers.": lambda: _b_quantile(1 - _share_approved("A", GROUP_A_CUTOFF, "repayers") / 100, "all"),
             "that cut-off equalises approval rates (demographic parity), not the share of would-be repayers "
             "approved.": lambda: _b_quantile(1 - _share_approved("A", GROUP_A_CUTOFF, "all") / 100, "all"),
             "that score has the share approved BELOW it; use the quantile at one minus the share.":
                 lambda: _b_quantile(_share_approved("A", GROUP_A_CUTOFF, "repayers") / 100, "repayers"),
             "that is A's own cut-off: one cut-off for all leaves B's rate far below A's.": lambda: GROUP_A_CUTOFF,
         })
def cutoff_b_equal_opportunity() -> float:
    return _b_quantile(1 - _share_approved("A", GROUP_A_CUTOFF, "repayers") / 100, "repayers")
