"""A TOY lender's cut-off applied to two SYNTHETIC groups (notebook 01): one cut-off for all, or one per group.

In the manner of Wattenberg, Viégas & Hardt's loan-threshold explorable (2016) and of Hardt, Price &
Srebro (2016). The synthetic borrowers of the cut-off panel (``population``, toy scores from
``fico``) are split into two groups, A and B, by a seeded draw whose odds of "B" rise as the toy
score falls, so B's scores sit lower and fewer of B would repay. That split is illustrative: it
makes two score distributions differ, as the explorable's two groups do, and says nothing about
any real group. Given the score, A and B are equally likely to repay, because the draw looks only
at the score.

For each group the model counts the approval rate and the share of would-be repayers approved
(the true-positive rate). *Equal opportunity* asks for equal true-positive rates, *demographic
parity* for equal approval rates [S133, S136]. Four policies: one cut-off for all; a cut-off per
group set by hand; and B's cut-off chosen so that B's true-positive rate (equal opportunity) or
B's approval rate (demographic parity) matches A's.

Nothing in the toy is published: the scores are the cut-off panel's toy scores and every other
number is an ``ILLUSTRATIVE_*`` constant. The explorable's own published parameters (its 0-100
scores, +$300 for a repaid loan, -$700 for a default, 76 % and 87 % correct at a threshold of 50,
a group-unaware threshold of 55 [S132]) are figures of that explorable, not of FICO or of China;
``explorable_rows`` reads them from ``data/scoring_models.csv`` (model ``loan_threshold``) so the
notebook can show them beside the toy, and the toy does not use them. ``lender_fairness_update``
is the model's one update: the panel and the benchmarks both call it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..checks import check_choice, check_number, check_scores_and_outcomes
from ..data import PublishedRows, ScoreScale
from .fico import OUTCOMES

SCALE = ScoreScale(300, 850)  # the toy score's range (the FICO toy's, widgets.models.fico)
GROUPS: tuple[str, ...] = ("A", "B")
POLICIES: dict[str, str] = {
    "single": "One cut-off for all",
    "per_group": "A cut-off per group (set by hand)",
    "equal_opportunity": "Equal opportunity (B's cut-off matches A's true-positive rate)",
    "demographic_parity": "Demographic parity (B's cut-off matches A's approval rate)",
}
# the three policies the static comparison shows (the hand-set one has no fixed cut-offs)
COMPARED_POLICIES: tuple[str, ...] = ("single", "equal_opportunity", "demographic_parity")

# --- illustrative parameters: chosen by the kit to make the toy work, NOT facts --------------
ILLUSTRATIVE_B_LOG_ODDS = -0.6   # log-odds of landing in group B for a person with the average toy score
ILLUSTRATIVE_B_SLOPE = 0.8       # log-odds of B gained per standard deviation of toy score below the average
ILLUSTRATIVE_CUTOFF = 620        # default cut-off, as in the cut-off panel: illustrative, not a FICO rule
# Seed of the group draw: 2016, the year of the explorable and of Hardt, Price & Srebro's paper.
# Any fixed number would do, but the committed notebooks show these groups.
GROUPS_SEED = 2016
MAX_SLOPE = 5.0

EXPLORABLE_PARAMETERS: tuple[str, ...] = (
    "score_min", "score_max", "repay_gain", "default_cost", "accuracy_blue_at_50", "accuracy_orange_at_50",
    "group_unaware_threshold",
)
APPLICANT_COLUMNS: tuple[str, ...] = ("person", "group", "score", "repays")
RATE_COLUMNS: tuple[str, ...] = (
    "group", "cutoff", "people", "would_repay", "approved", "approved_repayers", "approved_defaulters",
    "approval_rate", "true_positive_rate", "false_positive_rate",
)


def explorable_rows(table: pd.DataFrame | None = None) -> PublishedRows:
    """The explorable's published parameters (``loan_threshold`` rows of ``scoring_models.csv``), to show
    beside the toy; the toy itself uses none of them."""
    return PublishedRows.read("loan_threshold", table, numbers=EXPLORABLE_PARAMETERS, published=EXPLORABLE_PARAMETERS)


def synthetic_applicants(people: pd.DataFrame, scores: pd.Series, *, seed: int = GROUPS_SEED,
                         log_odds: float = ILLUSTRATIVE_B_LOG_ODDS,
                         slope: float = ILLUSTRATIVE_B_SLOPE) -> pd.DataFrame:
    """The synthetic borrowers with a group, A or B: columns person, group, score, repays.

    ``people`` holds ``person`` and ``repays`` (``population.synthetic_borrowers``); ``scores`` their
    toy scores. Each person is B with probability ``1 / (1 + exp(-(log_odds - slope * z)))``, where
    ``z`` is how many standard deviations their score lies above the average (illustrative).
    """
    if not isinstance(people, pd.DataFrame):
        raise TypeError(f"people must be a pandas DataFrame of synthetic borrowers; got {type(people).__name__}")
    missing = [c for c in ("person", "repays") if c not in people.columns]
    if missing:
        raise ValueError(f"people must have the columns person and repays; missing {', '.join(missing)}")
    s, repays = check_scores_and_outcomes(scores, people["repays"])
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    log_odds = check_number("log_odds", log_odds, low=-MAX_SLOPE, high=MAX_SLOPE)
    slope = check_number("slope", slope, low=0, high=MAX_SLOPE)
    spread = s.std()
    z = (s - s.mean()) / spread if spread > 0 else np.zeros_like(s)
    in_b = np.random.default_rng(seed).random(s.size) < 1.0 / (1.0 + np.exp(-(log_odds - slope * z)))
    return pd.DataFrame({
        "person": people["person"].to_numpy(),
        "group": pd.Categorical(np.where(in_b, "B", "A"), categories=list(GROUPS)),
        "score": s, "repays": repays,
    }, index=people.index)


@dataclass(frozen=True)
class FairnessResult:
    """What one policy does to each synthetic group."""

    policy: str
    rates: pd.DataFrame       # one row per group (A, B): the columns of RATE_COLUMNS; rates 0-1
    histogram: pd.DataFrame   # people per group, score bin and outcome (sorted): group, bin_start, bin_end,
                              # outcome, people

    def cutoff(self, group: str) -> float:
        """The cut-off the policy gives ``group``."""
        return float(self._row(group)["cutoff"])

    def rate(self, group: str, measure: str) -> float:
        """``approval_rate``, ``true_positive_rate`` or ``false_positive_rate`` of ``group`` (0-1)."""
        check_choice("measure", measure, ("approval_rate", "true_positive_rate", "false_positive_rate"))
        return float(self._row(group)[measure])

    def gap(self, measure: str) -> float:
        """A's rate minus B's, in percentage points."""
        return 100.0 * (self.rate("A", measure) - self.rate("B", measure))

    def _row(self, group: str) -> pd.Series:
        check_choice("group", group, GROUPS)
        return self.rates.iloc[GROUPS.index(group)]


class FairnessModel:
    """Two groups prepared once: sorted scores and people per score bin, so an update is a few binary searches."""

    def __init__(self, applicants: pd.DataFrame, scale: ScoreScale = SCALE,
                 bin_width: float = 10) -> None:
        if not isinstance(applicants, pd.DataFrame):
            raise TypeError(f"applicants must be a pandas DataFrame (from synthetic_applicants); "
                            f"got {type(applicants).__name__}")
        missing = [c for c in APPLICANT_COLUMNS if c not in applicants.columns]
        if missing:
            raise ValueError(f"applicants must have the columns {', '.join(APPLICANT_COLUMNS)}; "
                             f"missing {', '.join(missing)}")
        self.scale = scale
        groups = applicants["group"].astype(str).to_numpy()
        unknown = sorted(set(groups) - set(GROUPS))
        if unknown:
            raise ValueError(f"applicants['group'] must hold only {' and '.join(GROUPS)}; got {', '.join(unknown)}")
        scores, repays = check_scores_and_outcomes(applicants["score"], applicants["repays"])
        if scores.min() < scale.low or scores.max() > scale.high:
            raise ValueError(f"applicants['score'] must lie between {scale.low:g} and {scale.high:g}")
        self.repayers: dict[str, np.ndarray] = {}
        self.defaulters: dict[str, np.ndarray] = {}
        self.everyone: dict[str, np.ndarray] = {}
        for g in GROUPS:
            mask = groups == g
            if not (mask & repays).any() or not (mask & ~repays).any():
                raise ValueError(f"group {g} must hold at least one synthetic person who would repay and one "
                                 "who would default")
            self.repayers[g] = np.sort(scores[mask & repays])
            self.defaulters[g] = np.sort(scores[mask & ~repays])
            self.everyone[g] = np.sort(scores[mask])
        # the histogram: people per (group, outcome status, score bin), counted once; an update only
        # splits each series at its cut-off with a binary search (no pass over the people)
        self.bin_width = check_number("bin_width", bin_width, low=1, high=scale.high - scale.low)
        edges = np.arange(scale.low, scale.high + self.bin_width, self.bin_width)
        n_bins = len(edges) - 1
        self._per_bin: dict[tuple[str, bool], tuple[np.ndarray, np.ndarray]] = {}
        for g in GROUPS:
            for repaid, pool in ((True, self.repayers[g]), (False, self.defaulters[g])):
                bins = np.clip(((pool - scale.low) // self.bin_width).astype(np.intp), 0, n_bins - 1)
                counts = np.bincount(bins, minlength=n_bins)
                self._per_bin[g, repaid] = counts, np.cumsum(counts) - counts  # people per bin, people below it
        self._bin_start = edges[:-1]

    def check_cutoff(self, name: str, cutoff: object) -> float:
        """``cutoff`` as a float on the score's range, or a clear error naming ``name``."""
        return check_number(name, cutoff, low=self.scale.low, high=self.scale.high)

    def histogram(self, cutoff_a: float, cutoff_b: float) -> pd.DataFrame:
        """People per group, score bin and outcome at the two cut-offs (sorted by group, bin and the
        order of ``fico.OUTCOMES``; empty cells left out). A bin is split at its group's cut-off."""
        blocks = []
        for g, cutoff in zip(GROUPS, (cutoff_a, cutoff_b)):
            by_outcome = []
            for repaid in (True, False):
                counts, below = self._per_bin[g, repaid]
                pool = self.repayers[g] if repaid else self.defaulters[g]
                refused = np.clip(np.searchsorted(pool, cutoff, side="left") - below, 0, counts)
                by_outcome.append((counts - refused, refused))
            # columns in the order of OUTCOMES: approved & repays, approved & defaults, refused & repays, ...
            blocks.append(np.column_stack([by_outcome[0][0], by_outcome[1][0], by_outcome[0][1], by_outcome[1][1]]))
        counts = np.stack(blocks)  # group x bin x outcome
        g_idx, b_idx, o_idx = np.nonzero(counts)
        start = self._bin_start[b_idx]
        return pd.DataFrame({"group": np.array(GROUPS, dtype=object)[g_idx], "bin_start": start,
                             "bin_end": start + self.bin_width, "outcome": np.array(OUTCOMES, dtype=object)[o_idx],
                             "people": counts[g_idx, b_idx, o_idx]})

    def counts(self, group: str, cutoff: float) -> dict[str, float]:
        """One group's counts and rates at ``cutoff`` (people at or above it are approved)."""
        rep, dft = self.repayers[group], self.defaulters[group]
        tp = int(rep.size - np.searchsorted(rep, cutoff, side="left"))
        fp = int(dft.size - np.searchsorted(dft, cutoff, side="left"))
        people = rep.size + dft.size
        return {"group": group, "cutoff": float(cutoff), "people": people, "would_repay": int(rep.size),
                "approved": tp + fp, "approved_repayers": tp, "approved_defaulters": fp,
                "approval_rate": (tp + fp) / people, "true_positive_rate": tp / rep.size,
                "false_positive_rate": fp / dft.size}

    def cutoff_for_share(self, group: str, share: float, among: str) -> float:
        """The cut-off that approves ``share`` (0-1) of ``group``'s would-be repayers (``among="repayers"``)
        or of the whole group (``among="everyone"``), as closely as whole people allow."""
        check_choice("among", among, ("repayers", "everyone"))
        share = check_number("share", share, low=0, high=1)
        pool = self.repayers[group] if among == "repayers" else self.everyone[group]
        k = int(round(share * pool.size))  # how many of the pool to approve
        if k == 0:
            return float(min(np.nextafter(pool[-1], np.inf), self.scale.high))
        return float(pool[pool.size - k])


def policy_cutoffs(model: FairnessModel, cutoff: float, policy: str = "single",
                   cutoff_b: float | None = None) -> tuple[float, float]:
    """The cut-offs of A and B under ``policy`` (checked), without counting anything else.

    ``cutoff`` is A's cut-off (everyone's under ``"single"``); ``cutoff_b`` is B's, used only by
    ``"per_group"``. Equal opportunity and demographic parity choose B's cut-off from A's rates.
    """
    policy = check_choice("policy", policy, POLICIES)
    cut_a = model.check_cutoff("cutoff", cutoff)
    if policy == "single":
        return cut_a, cut_a
    if policy == "per_group":
        if cutoff_b is None:
            raise ValueError("cutoff_b must be given for the policy 'per_group' (B's own cut-off)")
        return cut_a, model.check_cutoff("cutoff_b", cutoff_b)
    a = model.counts("A", cut_a)
    if policy == "equal_opportunity":
        return cut_a, model.cutoff_for_share("B", a["true_positive_rate"], "repayers")
    return cut_a, model.cutoff_for_share("B", a["approval_rate"], "everyone")


def lender_fairness_update(model: FairnessModel, cutoff: float, policy: str = "single",
                           cutoff_b: float | None = None) -> FairnessResult:
    """One update: the cut-off of each group under ``policy`` (see ``policy_cutoffs``) and what it does
    to A and B: their counts and rates, and the histogram behind the chart."""
    cut_a, cut_b = policy_cutoffs(model, cutoff, policy, cutoff_b)
    a, b = model.counts("A", cut_a), model.counts("B", cut_b)
    rates = pd.DataFrame({c: [a[c], b[c]] for c in RATE_COLUMNS})
    return FairnessResult(check_choice("policy", policy, POLICIES), rates, model.histogram(cut_a, cut_b))


def compare_policies(model: FairnessModel, cutoff: float = ILLUSTRATIVE_CUTOFF,
                     policies: tuple[str, ...] = COMPARED_POLICIES) -> pd.DataFrame:
    """Each policy's rates per group, long format for a chart: policy, policy_label, group, cutoff,
    measure ('approval rate' or 'would-be repayers approved'), percent (one decimal)."""
    rows = []
    for policy in policies:
        result = lender_fairness_update(model, cutoff, policy)
        for _, r in result.rates.iterrows():
            for measure, column in (("approval rate", "approval_rate"),
                                    ("would-be repayers approved", "true_positive_rate")):
                rows.append({"policy": policy, "policy_label": POLICIES[policy].split(" (")[0], "group": r["group"],
                             "cutoff": round(float(r["cutoff"]), 1), "measure": measure,
                             "percent": round(100.0 * float(r[column]), 1)})
    return pd.DataFrame(rows)


__all__ = ["APPLICANT_COLUMNS", "COMPARED_POLICIES", "EXPLORABLE_PARAMETERS", "FairnessModel", "FairnessResult",
           "GROUPS", "GROUPS_SEED", "ILLUSTRATIVE_B_LOG_ODDS", "ILLUSTRATIVE_B_SLOPE", "ILLUSTRATIVE_CUTOFF",
           "OUTCOMES", "POLICIES", "compare_policies", "explorable_rows", "lender_fairness_update", "policy_cutoffs",
           "synthetic_applicants"]
