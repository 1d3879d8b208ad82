"""The court list's synthetic debtors (notebooks 03 and 05): which synthetic cases go on the list, and for how long.

The rule itself, as the 2013 and 2017 texts state it (grounds, preconditions, terms, deletion
events, read from ``data/listing_rules.csv`` and ``data/scoring_models.csv``), is
``widgets.models.court_list_rules``; its names are re-exported here, so ``court_list.defaulter_listing``
and the rest keep working. What the agencies do with the list is ``widgets.models.joint_punishment``.

Illustrative (named ``ILLUSTRATIVE_*``; not facts): the shares of the SYNTHETIC court cases, the
chance per year that an open-ended listing ends by a deletion event, the years the synthetic
debtors are followed, and the toy's reading of a case that meets ground 1 and a term ground (it
stays listed until both listings have ended; the fact base does not settle such cases). No real
person or case is modelled. Vectorized over cases: loops run over the few grounds only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..checks import check_number
from .court_list_rules import (  # noqa: F401  (re-exported: the rule's names are part of this module's API)
    ARTICLE_ITEMS, CASE_COLUMNS, GROUND_RULES, NOT_LISTED_LABELS, NOT_LISTED_PERFORMS, NOT_LISTED_UNABLE,
    PRECONDITIONS, REGIME, VERSIONS, ListingText, ListRules, case_flags, check_cases, check_extension,
    check_rule_inputs, check_version, defaulter_listing, grounds_met, list_rules, listing_arrays, listing_text,
    rules_by_version,
)

# --- illustrative parameters (not facts) ----------------------------------------------------
# Shares of the SYNTHETIC cases: chosen to make the toy readable, not measured anywhere.
ILLUSTRATIVE_CASE_SHARES: dict[str, float] = {
    "able_to_pay": 0.55,             # of all cases, the person could pay
    "not_performed_if_able": 0.30,   # of those able to pay, the person does not (people unable to pay never do)
    "obstructs": 0.02,
    "evades": 0.04,
    "breaches_property_report": 0.03,
    "breaches_consumption_order": 0.02,
    "reneges_settlement": 0.03,
}
# Chance per year that an open-ended listing ends by a deletion event (performance, a performed
# settlement, the creditor's request, a ruling ...). The texts give no such figure: illustrative.
ILLUSTRATIVE_ANNUAL_DELETION_CHANCE = 0.25
DELETION_CHANCE_RANGE = (0.05, 0.95)
# The synthetic debtors are followed for this many years after listing; later ends count as "still listed".
ILLUSTRATIVE_HORIZON_YEARS = 10
HORIZON_RANGE = (6, 30)  # whole years; at least 6, so that "five years or longer" is inside the horizon
LONG_YEARS = 5  # the summaries count listings that last five years or longer
# Seed of the synthetic court cases: 2013, the year the online defaulter list went live. Any fixed
# number would do, but the committed notebooks show these cases, so changing it changes their outputs.
CASES_SEED = 2013
MAX_CASES = 2_000_000
MAX_YEARS_SINCE_LISTING = 50
# why a synthetic debtor is listed, for the durations chart
REASONS: dict[str, str] = {
    "open_ended": "no fixed term: until a deletion event",
    "term": "fixed term (grounds 2-6 of the 2017 text)",
    "both": "ground 1 and a term ground: until both end",
}



def listing_time(term_years: float, years_since_listing: float) -> tuple[bool, float]:
    """(still listed?, years left) ``years_since_listing`` years after listing, for a fixed term in years.

    The toy assumes a fixed-term listing runs its whole term; the years left are 0 once it has ended.
    """
    term = check_number("term_years", term_years, low=0)
    since = check_number("years_since_listing", years_since_listing, low=0, high=MAX_YEARS_SINCE_LISTING)
    return since < term, max(term - since, 0.0)


def listing_distribution(listing: pd.DataFrame, rules: ListRules | None = None) -> pd.DataFrame:
    """Cases per outcome (each listing ground, then the two 'not listed'), in a fixed order.

    Columns: outcome (key), label, listed, cases, share (0-1). Every outcome has a row.
    """
    rules = rules if rules is not None else list_rules()
    if not isinstance(listing, pd.DataFrame) or "ground" not in listing.columns:
        raise TypeError("listing must be the DataFrame returned by defaulter_listing (with a 'ground' column)")
    keys = rules.outcome_keys()
    ground = listing["ground"]
    if ground.dtype == rules.outcome_dtype:
        codes = ground.cat.codes.to_numpy()
    else:
        codes = pd.Categorical(ground.astype(str), categories=keys).codes
    if (codes < 0).any():
        raise ValueError(f"listing['ground'] must hold only these outcomes: {', '.join(keys)}")
    counts = np.bincount(codes, minlength=len(keys))
    labels = rules.outcome_labels()
    n_grounds = len(rules.ground_params)
    return pd.DataFrame({"outcome": keys, "label": [labels[k] for k in keys],
                         "listed": [i < n_grounds for i in range(len(keys))],
                         "cases": counts, "share": counts / max(int(counts.sum()), 1)})


def example_cases() -> pd.DataFrame:
    """Six SYNTHETIC cases, one per row, indexed by letter (notebook 05's first exercise).

    a could pay and has not; b cannot pay; c cannot pay and has hidden assets; d could pay and has
    paid; e cannot pay and has broken a settlement agreement; f has paid, but had earlier failed
    to report their property to the court.
    """
    rows = {  # able_to_pay, not_performed, obstructs, evades, property report, consumption order, settlement
        "a": (True, True, False, False, False, False, False),
        "b": (False, True, False, False, False, False, False),
        "c": (False, True, False, True, False, False, False),
        "d": (True, False, False, False, False, False, False),
        "e": (False, True, False, False, False, False, True),
        "f": (True, False, False, False, True, False, False),
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(CASE_COLUMNS)).rename_axis("case")


def synthetic_cases(n: int = 100_000, seed: int = CASES_SEED) -> pd.DataFrame:
    """``n`` SYNTHETIC court-enforcement cases with the ``CASE_COLUMNS`` flags (seeded, illustrative shares).

    Toy story: a share of people can pay; some of those do not; people who cannot pay do not
    perform either (``not_performed`` is True for them, which alone is no ground); each conduct
    ground occurs independently with a small illustrative share. ``event_draw`` (0-1] is each
    synthetic debtor's draw for when a deletion event would end an open-ended listing
    (``listing_durations`` turns it into years).
    """
    n = int(check_number("n", n, low=1, high=MAX_CASES, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    rng = np.random.default_rng(seed)
    shares = ILLUSTRATIVE_CASE_SHARES
    draws = rng.random((n, 8))
    able = draws[:, 0] < shares["able_to_pay"]
    return pd.DataFrame({
        "case": np.arange(1, n + 1),
        "able_to_pay": able,
        "not_performed": np.where(able, draws[:, 1] < shares["not_performed_if_able"], True),
        "obstructs": draws[:, 2] < shares["obstructs"],
        "evades": draws[:, 3] < shares["evades"],
        "breaches_property_report": draws[:, 4] < shares["breaches_property_report"],
        "breaches_consumption_order": draws[:, 5] < shares["breaches_consumption_order"],
        "reneges_settlement": draws[:, 6] < shares["reneges_settlement"],
        "event_draw": 1.0 - draws[:, 7],  # in (0, 1], so its logarithm is finite
    })


# --- how long synthetic debtors stay listed -----------------------------------------------------

def check_chance(annual_deletion_chance: object) -> float:
    """A share between the bounds of ``DELETION_CHANCE_RANGE`` (0-1, not percent)."""
    low, high = DELETION_CHANCE_RANGE
    return check_number("annual_deletion_chance", annual_deletion_chance, low=low, high=high)


def years_to_event(event_draw: np.ndarray, annual_deletion_chance: float) -> np.ndarray:
    """Years until a deletion event for each draw in (0, 1], at a constant chance per year (exponential)."""
    chance = check_chance(annual_deletion_chance)
    return np.log(event_draw) / np.log1p(-chance)


def _check_draws(cases: pd.DataFrame) -> np.ndarray:
    if "event_draw" not in cases.columns:
        raise ValueError("cases is missing column event_draw; make the cases with synthetic_cases()")
    draw = cases["event_draw"].to_numpy(dtype=float)
    if not ((draw > 0) & (draw <= 1)).all():
        raise ValueError("cases['event_draw'] must lie in (0, 1]")
    return draw


def _check_switch(name: str, value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__} {value!r}")
    return bool(value)


def _duration_arrays(listed: np.ndarray, term: np.ndarray, open_ended: np.ndarray, event: np.ndarray,
                     early_deletion: bool, horizon: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(reason code: 0 open-ended, 1 term, 2 both, -1 not listed; years listed capped at the horizon; still listed)."""
    has_term = ~np.isnan(term)
    term_end = np.minimum(term, event) if early_deletion else term
    end = np.where(open_ended, np.where(has_term, np.fmax(term_end, event), event), term_end)
    reason = np.where(open_ended, np.where(has_term, 2, 0), 1).astype(np.int8)
    reason = np.where(listed, reason, -1).astype(np.int8)
    years = np.where(listed, np.minimum(end, horizon), np.nan)
    return reason, years, listed & (end > horizon)


def listing_durations(cases: pd.DataFrame, *, version: str = "2017", extension_years: int = 0,
                      annual_deletion_chance: float = ILLUSTRATIVE_ANNUAL_DELETION_CHANCE,
                      early_deletion: bool = False, horizon_years: float = ILLUSTRATIVE_HORIZON_YEARS,
                      rules: ListRules | None = None, text: ListingText | None = None) -> pd.DataFrame:
    """How long each SYNTHETIC debtor stays listed under one version of the provisions (toy).

    ``defaulter_listing``'s columns plus: ``reason`` ('open_ended', 'term', 'both'; missing when not
    listed), ``years_listed`` (capped at ``horizon_years``; NaN when not listed) and
    ``still_listed`` (listed and not yet deleted after ``horizon_years``). A fixed-term listing
    ends when its term ends, or, with ``early_deletion``, earlier if the debtor performs first (the
    court *may* delete early, Art. 2: an illustrative switch); an open-ended listing ends at the
    debtor's deletion event (``event_draw`` at the illustrative ``annual_deletion_chance``). A case
    under both stays listed until both listings have ended (the toy's reading).
    """
    version, extension, rules, text = check_rule_inputs(version, extension_years, rules, text)
    check_cases(cases)
    draw = _check_draws(cases)
    early = _check_switch("early_deletion", early_deletion)
    horizon = check_horizon(horizon_years)
    event = years_to_event(draw, annual_deletion_chance)
    listed, code, count, term, open_ended = listing_arrays(case_flags(cases), version, extension, text)
    reason, years, still = _duration_arrays(listed, term, open_ended, event, early, horizon)
    return pd.DataFrame({
        "listed": listed, "ground": pd.Categorical.from_codes(code, dtype=rules.outcome_dtype),
        "grounds_met": count, "term_years": term, "open_ended": open_ended,
        "reason": pd.Categorical.from_codes(reason, categories=list(REASONS)),
        "years_listed": years, "still_listed": still,
    }, index=cases.index)


@dataclass(frozen=True)
class CourtListUpdate:
    """Everything one update of the court-list panel shows (both texts, the chosen one first)."""

    version: str                # the text the student chose
    other: str                  # the other text, for comparison
    summary: pd.DataFrame       # one row per version (chosen first): see ``durations_summary``
    bins: pd.DataFrame          # debtors per version, year bin and reason (the chart's data)
    horizon_years: int
    annual_deletion_chance: float
    extension_years: int
    early_deletion: bool

    def row(self, version: str) -> pd.Series:
        """The summary of one version."""
        return self.summary.set_index("version").loc[check_version(version)]


def check_horizon(horizon_years: object) -> int:
    """A whole number of years within ``HORIZON_RANGE``."""
    low, high = HORIZON_RANGE
    return int(check_number("horizon_years", horizon_years, low=low, high=high, integer=True))


def year_bins(horizon_years: int = ILLUSTRATIVE_HORIZON_YEARS) -> list[str]:
    """The labels of the chart's bins: whole years listed ('0-1', '1-2' ...), then 'N+' (still listed after N)."""
    horizon = check_horizon(horizon_years)
    return [f"{a}-{a + 1}" for a in range(horizon)] + [f"{horizon}+"]


def year_bin(years: np.ndarray, horizon: int) -> np.ndarray:
    """The bin of each time on the list: whole years 0 ... horizon - 1, or ``horizon`` for longer than the horizon."""
    return np.where(years > horizon, horizon, np.minimum(np.floor(years), horizon - 1)).astype(np.int64)


def durations_summary(counts: np.ndarray, version: str, debtors: int) -> dict:
    """Headline numbers of one version from its (reason x year bin) counts of listed debtors.

    Keys: version, debtors, listed, open_ended, term_only, both (listed debtors by reason),
    five_or_more and share_five_or_more (listed for five years or longer, of the listed),
    still_listed and share_still_listed (after the horizon, of the listed).
    """
    listed = int(counts.sum())
    by_reason = counts.sum(axis=1)
    long_ = int(counts[:, LONG_YEARS:].sum())
    still = int(counts[:, -1].sum())
    share = (lambda k: k / listed) if listed else (lambda k: float("nan"))
    return {"version": version, "debtors": int(debtors), "listed": listed, "open_ended": int(by_reason[0]),
            "term_only": int(by_reason[1]), "both": int(by_reason[2]), "five_or_more": long_,
            "share_five_or_more": share(long_), "still_listed": still, "share_still_listed": share(still)}


_TYPES = np.arange(2 ** len(CASE_COLUMNS))
_TYPE_FLAGS = {c: ((_TYPES >> i) & 1).astype(bool) for i, c in enumerate(CASE_COLUMNS)}  # every kind of case


def _case_types(flags: Mapping[str, np.ndarray]) -> np.ndarray:
    """Each case as one small number: bit i set when flag ``CASE_COLUMNS[i]`` is True (128 kinds of case)."""
    kinds = np.zeros(len(flags[CASE_COLUMNS[0]]), dtype=np.int64)
    for i, c in enumerate(CASE_COLUMNS):  # seven flags, not rows
        kinds |= flags[c].astype(np.int64) << i
    return kinds


def court_list_update(version: str, extension_years: int, annual_deletion_chance: float, early_deletion: bool,
                      cases: pd.DataFrame, rules: ListRules | None = None,
                      texts: Mapping[str, ListingText] | None = None,
                      horizon_years: int = ILLUSTRATIVE_HORIZON_YEARS) -> CourtListUpdate:
    """One update of the court-list panel: the synthetic debtors under both texts, binned by years listed.

    The same outcome as binning ``listing_durations`` (tested), computed on the 128 kinds of case:
    every case is counted once by its kind and the year bin of its deletion event, and each text's
    rule turns that table into (reason, year bin) counts. Chart data: debtors per (version, year bin,
    reason), every combination present, the chosen version first; ``summary`` holds the headline numbers.
    """
    version = check_version(version)
    rules = rules if rules is not None else list_rules()
    texts = dict(texts) if texts is not None else {v: listing_text(v) for v in VERSIONS}
    extension = check_extension(extension_years, rules)
    chance = check_chance(annual_deletion_chance)
    early = _check_switch("early_deletion", early_deletion)
    horizon = check_horizon(horizon_years)
    labels = year_bins(horizon)
    check_cases(cases)
    n_bins, n_types = horizon + 1, len(_TYPES)
    event_bin = year_bin(years_to_event(_check_draws(cases), chance), horizon)
    table = np.bincount(_case_types(case_flags(cases)) * n_bins + event_bin,
                        minlength=n_types * n_bins).reshape(n_types, n_bins)  # cases by kind and event bin
    other = next(v for v in VERSIONS if v != version)
    eb = np.arange(n_bins)[None, :]
    summaries, counts = [], []
    for v in (version, other):  # two texts, not rows
        listed, _code, _count, term, open_ended = listing_arrays(_TYPE_FLAGS, v, extension, texts[v])
        has_term = ~np.isnan(term)
        term_bin = year_bin(np.where(has_term, term, 0.0), horizon)[:, None]
        term_end = np.minimum(term_bin, eb) if early else np.broadcast_to(term_bin, (n_types, n_bins))
        out_bin = np.where(open_ended[:, None], np.where(has_term[:, None], np.maximum(term_end, eb), eb), term_end)
        reason = np.where(open_ended, np.where(has_term, 2, 0), 1)
        keep = np.broadcast_to(listed[:, None], (n_types, n_bins))
        index = (np.broadcast_to(reason[:, None], (n_types, n_bins)) * n_bins + out_bin)[keep]
        by = np.bincount(index, weights=table[keep], minlength=len(REASONS) * n_bins).astype(np.int64)
        counts.append(by.reshape(len(REASONS), n_bins))
        summaries.append(durations_summary(counts[-1], v, len(cases)))
    k, b = len(REASONS), len(labels)
    bins = pd.DataFrame({
        "version": np.repeat([version, other], b * k), "chosen": np.repeat([True, False], b * k),
        "bin": np.tile(np.repeat(labels, k), 2), "bin_order": np.tile(np.repeat(np.arange(b), k), 2),
        "reason": np.tile(list(REASONS), 2 * b), "reason_label": np.tile(list(REASONS.values()), 2 * b),
        "debtors": np.concatenate([c.T.ravel() for c in counts]),
    })
    return CourtListUpdate(version=version, other=other, summary=pd.DataFrame(summaries), bins=bins,
                           horizon_years=horizon, annual_deletion_chance=chance, extension_years=extension,
                           early_deletion=early)
