"""A TOY model of the firms' lists (notebook 02): which list a SYNTHETIC firm is on each year, and why.

Published (``data/listing_rules.csv``; fact base G3-G7): every firm files an annual report each
year between 1 January and 30 June [S72]; a firm goes on the **abnormal-operations list** (经营异常名录)
for a late report, for information not published by a set deadline, for false information, or when it
cannot be reached at its registered address [S73], and comes off once it complies [S72]; after
**three years** on that list without complying it goes on the **serious-violation list** (严重违法失信名单)
[S72], and its legal representative may not hold that post in another firm for **three years** [S72];
it leaves the serious-violation list after **five years** without a recurrence [S72][S74]. Under the
**2021 SAMR measures** a grave violation lists a firm only if it is "vile in nature, serious in its
circumstances and of large social harm" *and* drew a heavier administrative penalty, and a listed
firm that has performed its obligations may apply for removal after **one year** [S75].

Not found, so the toy has to choose (each choice is named in ``TOY_RULES``): the standard term under
the 2021 measures (the toy keeps the five years of the 2014 Regulations, which are still in force);
whether a firm moved to the serious-violation list is taken off the abnormal-operations list (the toy
keeps it there until it complies); when the representative's bar starts (the toy: the year of listing);
and the other nine grounds of the 2016 measures (the toy has one kind of "grave violation").

Illustrative (``ILLUSTRATIVE_*``): every chance that drives the SYNTHETIC firms, with the firms' seeded
draws in ``widgets.models.firm_lists_draws`` (re-exported here). No real firm is modelled. Time runs in
whole toy years: a year's filing deadline falls in that year, so a firm listed in year t that has still
not complied in year t + 3 has been on the list three years.

Vectorized over firms with NumPy; a loop runs over the few years only. ``firm_lists_update`` is the
model's one update: the panel and the benchmark both call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import pandas as pd

from ..checks import check_choice, check_number
from ..data import PublishedRows, load
from .firm_lists_draws import (  # noqa: F401  (re-exported: the synthetic firms are part of this module's API)
    ILLUSTRATIVE_DORMANT_SHARE, ILLUSTRATIVE_FILES_ACTIVE, ILLUSTRATIVE_FILES_DORMANT, ILLUSTRATIVE_UNREACHABLE_ACTIVE,
    ILLUSTRATIVE_UNREACHABLE_DORMANT, ILLUSTRATIVE_FALSE_INFO, ILLUSTRATIVE_GRAVE_VIOLATION, ILLUSTRATIVE_HEAVIER_PENALTY,
    ILLUSTRATIVE_APPLIES_EARLY, ILLUSTRATIVE_YEARS, FIRMS_SEED, DEFAULT_FIRMS,
    MAX_FIRMS, MAX_YEARS, EVENT_COLUMNS, Firms,
    synthetic_firms, firms_from_events, check_firms, check_years,
    _check_seed, _draws, _synthetic_firms,
)

# --- the two rule sets -------------------------------------------------------------------------
RULES_2014 = "2014"
RULES_2021 = "2021"
RULE_SETS: dict[str, str] = {
    RULES_2014: "2014 Regulations and the 2016 SAIC measures",
    RULES_2021: "2021 SAMR measures",
}
REGIMES = ("enterprise-annual-report", "abnormal-operations-list", "serious-violation-list")
# the rows the toy reads a number from (by id); the grounds it names are read by kind
NUMBER_ROWS = {
    "escalation_years": "lr-abnormal-escalation",          # 3 years on the abnormal list -> serious list
    "representative_bar_years": "lr-serious-representative-bar",  # 3 years
    "removal_years": "lr-serious-removal",                 # 5 years without recurrence (2014 Regulations)
    "removal_years_2016": "lr-serious-2016-removal",       # the same 5 years in SAIC Order No. 83
    "early_removal_years": "lr-serious-2021-early-removal",  # 1 year, on application (2021)
}
TOY_RULES: dict[str, str] = {
    "term_2021": "The standard term under the 2021 measures was not found; the toy keeps the five years "
                 "of the 2014 Regulations (still in force) for both rule sets.",
    "both_lists": "The sources do not say whether a firm moved to the serious-violation list leaves the "
                  "abnormal-operations list; the toy keeps it there until it complies.",
    "still_not_complying": "A firm that goes on not complying keeps meeting the three-year ground, so its "
                           "five years run from the last year it did not comply.",
    "bar_start": "The representative's three-year bar runs, in the toy, from the year the firm is listed.",
    "grave_violation": "The 2016 measures have ten listing grounds, nine of them not itemised in the fact "
                       "base; the toy has one kind of grave violation in their place.",
    "ground_2": "Not publishing required information by a deadline the authority set (ground 2) is folded "
                "into the annual report in the toy.",
}

STATES: tuple[str, ...] = ("on no list", "abnormal-operations list only", "serious-violation list only",
                           "both lists")


class FirmRules(PublishedRows):
    """The published rules of the firms' lists: rows of ``listing_rules.csv``, keyed by id."""

    @cached_property
    def escalation_years(self) -> int:
        return int(self.value(NUMBER_ROWS["escalation_years"]))

    @cached_property
    def representative_bar_years(self) -> int:
        return int(self.value(NUMBER_ROWS["representative_bar_years"]))

    @cached_property
    def removal_years(self) -> int:
        return int(self.value(NUMBER_ROWS["removal_years"]))

    @cached_property
    def early_removal_years(self) -> int:
        return int(self.value(NUMBER_ROWS["early_removal_years"]))

    @cached_property
    def abnormal_grounds(self) -> pd.DataFrame:
        """The four grounds for the abnormal-operations list, in order: item, rule, id, source_id."""
        rows = self.rows[(self.rows["regime"] == "abnormal-operations-list") & (self.rows["kind"] == "ground")]
        rows = rows.sort_values("item")
        return pd.DataFrame({"item": rows["item"].astype(int).to_numpy(), "rule": rows["rule"].astype(str).to_numpy(),
                             "id": rows["id"].astype(str).to_numpy(),
                             "source_id": rows["source_id"].astype(str).to_numpy()})

    def citation(self, name: str) -> str:
        """'[S72]' for a number the toy uses (by its name in ``NUMBER_ROWS``)."""
        return f"[{self.source(NUMBER_ROWS[name])}]"


@cache
def firm_rules() -> FirmRules:
    """The published rules, read once from ``data/listing_rules.csv``; missing numbers raise ValueError."""
    table = load("listing_rules")
    rows = table[table["regime"].astype(str).isin(REGIMES)].reset_index(drop=True)
    rules = FirmRules(rows, model="firm_lists", key="id")
    for name, row_id in NUMBER_ROWS.items():
        if rules.value(row_id) is None:
            raise ValueError(f"data/listing_rules.csv row {row_id} ({name}) must carry a number")
    if rules.removal_years != int(rules.value(NUMBER_ROWS["removal_years_2016"])):
        raise ValueError("the five-year removal of the 2014 Regulations and of the 2016 measures must agree")
    if len(rules.abnormal_grounds) != 4:
        raise ValueError("data/listing_rules.csv must hold the four grounds of the abnormal-operations list")
    return rules


# --- the rules applied ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Lists:
    """Each firm's status per year (arrays of shape (years, firms), like ``Firms``)."""

    abnormal: np.ndarray        # on the abnormal-operations list
    serious: np.ndarray         # on the serious-violation list
    years_abnormal: np.ndarray  # consecutive years on the abnormal-operations list (int8)
    escalated: np.ndarray       # met the three-year ground that year
    grave_listed: np.ndarray    # a grave violation that lists the firm under the rule set
    removed_early: np.ndarray   # came off the serious list early that year (2021 only)
    barred: np.ndarray          # its legal representative barred from the post elsewhere


def apply_rules(firms: Firms, rules: str = RULES_2014, published: FirmRules | None = None) -> Lists:
    """Apply one rule set to every firm and year (vectorized over firms; a loop over the years)."""
    rules = check_choice("rules", rules, RULE_SETS)
    r = firm_rules() if published is None else published
    n, years = firms.shape
    abnormal = ~firms.files | ~firms.reachable | firms.false_info   # not complying that year
    grave = firms.grave_violation & firms.heavier_penalty if rules == RULES_2021 else firms.grave_violation
    years_abnormal = np.zeros((years, n), dtype=np.int8)   # years <= MAX_YEARS, so int8 is enough
    serious = np.zeros((years, n), dtype=bool)
    escalated = np.zeros((years, n), dtype=bool)
    removed = np.zeros((years, n), dtype=bool)
    barred = np.zeros((years, n), dtype=bool)
    never = MAX_YEARS + 1                                    # "no ground yet": longer ago than any term
    since_ground = np.full(n, never, dtype=np.int8)        # years since the last ground (capped)
    off_early = np.zeros(n, dtype=bool)                    # taken off early since the last ground
    bar_left = np.zeros(n, dtype=np.int8)                  # years of the representative's bar still to run
    ground = np.empty(n, dtype=bool)
    within = np.empty(n, dtype=bool)
    for t in range(years):
        run = years_abnormal[t]
        if t:
            np.add(years_abnormal[t - 1], 1, out=run)
        else:
            run[:] = 1
        run *= abnormal[t]
        np.greater(run, r.escalation_years, out=escalated[t])  # listed in year t0, still not complying in t0 + 3
        np.logical_or(escalated[t], grave[t], out=ground)
        np.minimum(since_ground + 1, never, out=since_ground)
        np.copyto(since_ground, 0, where=ground)
        np.copyto(off_early, False, where=ground)
        np.less(since_ground, r.removal_years, out=within)
        if rules == RULES_2021:
            may_apply = within & ~off_early & ~abnormal[t] & (since_ground >= r.early_removal_years)
            may_apply &= firms.applies_early
            removed[t] = may_apply
            off_early |= may_apply
        np.greater(within, off_early, out=serious[t])          # within the five years and not taken off
        bar_left -= 1
        np.copyto(bar_left, r.representative_bar_years,
                  where=serious[t] > (serious[t - 1] if t else False))  # just listed: the bar starts
        np.greater(bar_left, 0, out=barred[t])
    return Lists(abnormal=abnormal, serious=serious, years_abnormal=years_abnormal, escalated=escalated,
                 grave_listed=grave, removed_early=removed, barred=barred)


def state_codes(lists: Lists) -> np.ndarray:
    """0 on no list, 1 abnormal only, 2 serious only, 3 both (index into ``STATES``), per year and firm."""
    return lists.abnormal.astype(np.int8) + 2 * lists.serious.astype(np.int8)


def shares_by_year(lists: Lists) -> pd.DataFrame:
    """Per toy year and state: firms and their share (percent), long format (years x 4 rows)."""
    years, n = lists.abnormal.shape
    counts = np.empty((years, len(STATES)), dtype=np.int64)
    for t in range(years):  # counting contiguous rows of booleans: a loop over the years only
        both = np.count_nonzero(lists.abnormal[t] & lists.serious[t])
        abnormal, serious = np.count_nonzero(lists.abnormal[t]), np.count_nonzero(lists.serious[t])
        counts[t] = (n - abnormal - serious + both, abnormal - both, serious - both, both)
    return pd.DataFrame({
        "year": np.repeat(np.arange(1, years + 1), len(STATES)),
        "state": pd.Categorical(np.tile(np.array(STATES, dtype=object), years), categories=list(STATES)),
        "firms": counts.ravel(),
        "percent": np.round(counts.ravel() / n * 100, 2),
    })


def firm_table(firms: Firms, lists: Lists, firm: int) -> pd.DataFrame:
    """One firm's years: what it did, which lists it is on and why (one row per toy year)."""
    n, years = firms.shape
    i = int(check_number("firm", firm, low=0, high=n - 1, integer=True))
    states = lists.abnormal[:, i].astype(np.int8) + 2 * lists.serious[:, i].astype(np.int8)
    rows = []
    for t in range(years):
        rows.append({
            "year": t + 1, "files": bool(firms.files[t, i]), "reachable": bool(firms.reachable[t, i]),
            "false_info": bool(firms.false_info[t, i]), "grave_violation": bool(firms.grave_violation[t, i]),
            "heavier_penalty": bool(firms.heavier_penalty[t, i]),
            "abnormal": bool(lists.abnormal[t, i]), "serious": bool(lists.serious[t, i]),
            "years_abnormal": int(lists.years_abnormal[t, i]), "barred": bool(lists.barred[t, i]),
            "state": STATES[int(states[t])],
            "why": _why(firms, lists, i, t),
        })
    return pd.DataFrame(rows)


def _why(firms: Firms, lists: Lists, i: int, t: int) -> str:
    reasons = []
    missed = [text for flag, text in ((not firms.files[t, i], "no annual report by 30 June"),
                                      (not firms.reachable[t, i], "not reachable at its address"),
                                      (firms.false_info[t, i], "false information")) if flag]
    if lists.abnormal[t, i]:
        since = t + 2 - int(lists.years_abnormal[t, i])  # the toy year it was listed (years count from 1)
        reasons.append(f"abnormal-operations list ({'; '.join(missed)}; listed since year {since})")
    elif t > 0 and lists.abnormal[t - 1, i]:
        reasons.append("complied, so off the abnormal-operations list")
    if lists.escalated[t, i] and t > 0 and lists.escalated[t - 1, i]:
        reasons.append("still not complying, so the five years on the serious-violation list start again")
    elif lists.escalated[t, i]:
        reasons.append("three years on the abnormal-operations list without complying: serious-violation list")
    if firms.grave_violation[t, i]:
        if lists.grave_listed[t, i]:
            reasons.append("a grave violation: serious-violation list")
        else:
            reasons.append("a grave violation without a heavier penalty: not listed under the 2021 measures")
    if lists.removed_early[t, i]:
        reasons.append("applied for early removal after complying: off the serious-violation list")
    elif lists.serious[t, i] and not (lists.escalated[t, i] or lists.grave_listed[t, i]):
        reasons.append("still on the serious-violation list (five years without a recurrence not yet over)")
    elif t > 0 and lists.serious[t - 1, i] and not lists.serious[t, i]:
        reasons.append("five years without a recurrence: off the serious-violation list")
    if not reasons:
        reasons.append("filed on time; on no list")
    if lists.barred[t, i]:
        reasons.append("its legal representative may not hold that post in another firm (three years from the "
                       "listing)")
    return "; ".join(reasons)


def story(table: pd.DataFrame) -> str:
    """One firm's years in words, as Markdown: one line per run of years with the same status and reasons."""
    lines, years, whys = [], list(table["year"]), list(table["why"])
    start = 0
    for i in range(1, len(years) + 1):
        if i == len(years) or whys[i] != whys[start]:
            when = f"Year {years[start]}" if i - 1 == start else f"Years {years[start]}-{years[i - 1]}"
            lines.append(f"- **{when}**: {whys[start]}.")
            start = i
    return "\n".join(lines)


def story_firm(firms: Firms, lists: Lists) -> int:
    """The first synthetic firm whose years show the whole path: the abnormal-operations list, the
    serious-violation list through the three-year rule, and off the serious list again."""
    escalated = lists.escalated.any(axis=0)
    left = (lists.serious[:-1] & ~lists.serious[1:]).any(axis=0)
    candidates = np.flatnonzero(escalated & left)
    if candidates.size == 0:
        candidates = np.flatnonzero(escalated)
    return int(candidates[0]) if candidates.size else 0


GRID_ROWS: tuple[tuple[str, str, bool], ...] = (  # (column of firm_table, row label, True when the problem is True)
    ("files", "No annual report by 30 June", False),
    ("reachable", "Not reachable at its address", False),
    ("false_info", "False information found", True),
    ("grave_violation", "Grave violation", True),
    ("abnormal", "Abnormal-operations list", True),
    ("serious", "Serious-violation list", True),
    ("barred", "Representative barred elsewhere", True),
)
CELLS: tuple[str, ...] = ("on the list", "a problem that year", "nothing to record")


def firm_grid(table: pd.DataFrame) -> pd.DataFrame:
    """One firm's years as a grid for a chart: year, row (label), cell (one of ``CELLS``), why; rows in
    ``GRID_ROWS`` order, years ascending."""
    missing = [c for c, _, _ in GRID_ROWS if c not in table.columns] + [c for c in ("year", "why")
                                                                        if c not in table.columns]
    if missing:
        raise ValueError(f"table must be a firm_table (missing column(s) {', '.join(missing)})")
    # built as whole columns, then one frame (a frame per row and a concat cost ten times as much)
    hits = np.stack([table[column].to_numpy(dtype=bool) == problem_when for column, _, problem_when in GRID_ROWS])
    shown = np.array([CELLS[0] if column in ("abnormal", "serious", "barred") else CELLS[1]
                      for column, _, _ in GRID_ROWS], dtype=object)
    cells = np.where(hits, shown[:, None], CELLS[2]).ravel()
    years = len(table)
    return pd.DataFrame({"year": np.tile(table["year"].to_numpy(), len(GRID_ROWS)),
                         "row": np.repeat(np.array([label for _, label, _ in GRID_ROWS], dtype=object), years),
                         "cell": cells, "why": np.tile(table["why"].to_numpy(), len(GRID_ROWS))})


# --- one update of the panel, shared by the panel and the benchmark ---------------------------------------
@dataclass(frozen=True)
class FirmListsUpdate:
    """What the firms' lists panel shows for one setting."""

    rules: str
    firms: int                 # how many synthetic firms
    firm: int                  # the firm whose story is told
    shares: pd.DataFrame       # shares_by_year: every firm's state per year
    table: pd.DataFrame        # firm_table: the one firm's years
    grid: pd.DataFrame         # firm_grid: the same years as a chart's grid
    story: str                 # the one firm's years in words
    serious_last_year: float   # percent of firms on the serious-violation list in the last year
    abnormal_last_year: float  # percent on the abnormal-operations list in the last year


def firm_lists_update(rules: str = RULES_2014, firm: int | None = None, *, n: int = DEFAULT_FIRMS,
                      years: int = ILLUSTRATIVE_YEARS, dormant_share: float = ILLUSTRATIVE_DORMANT_SHARE,
                      seed: int = FIRMS_SEED) -> FirmListsUpdate:
    """One update: the rule set applied to every synthetic firm, the shares per year, and one firm's story
    (by default the first firm whose years show the whole path)."""
    firms = synthetic_firms(n, years, seed, dormant_share)
    lists = apply_rules(firms, rules)
    chosen = story_firm(firms, lists) if firm is None else int(check_number("firm", firm, low=0,
                                                                             high=firms.shape[0] - 1, integer=True))
    table = firm_table(firms, lists, chosen)
    return FirmListsUpdate(rules, firms.shape[0], chosen, shares_by_year(lists), table, firm_grid(table),
                           story(table), float(lists.serious[-1].mean() * 100), float(lists.abnormal[-1].mean() * 100))

