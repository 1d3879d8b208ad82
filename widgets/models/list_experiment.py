"""A TOY list experiment (notebook 07): why a direct survey question can overstate support, and how
noisy the list experiment's estimate is.

The story (a toy, not a finding): each SYNTHETIC respondent truly supports a policy or not. Some of
those who do not support it *hide* their view: asked directly, they say they support it. A list
experiment (item-count technique) gives a random half of the respondents a list of non-sensitive
control items (the *short* list) and the other half the same list plus the sensitive item (the
*long* list); respondents say only **how many** items apply to them, so nobody reveals their answer
to the sensitive item. The difference between the two groups' mean counts estimates the share
holding the sensitive view (fact base L6.2-L6.3). The toy assumes the method's assumptions hold
(L6.4): assignment is random, adding the item changes no answer to the control items, and nobody
lies in the count. Every respondent is also asked the question directly.

Published inputs (``data/scoring_models.csv``, model ``list_experiment``, source S144): the design of
Blair, Coppock & Humphreys's declared list experiment (three control items, each answered yes with
chance 0.5; 500 respondents split 250 / 250; prevalence 0.3), so the simulator can be checked against
their figures (L6.9). Illustrative (source ``kit``): the true share who support (0.5) and the share of
opponents who hide their view (0.5). No list experiment on support for the social credit system was
found (L5): the simulator is a toy, not a replication.

Vectorized with NumPy over respondents and over ``replicates`` repeated synthetic surveys. The random
draws are made once per (seed, replicates, control design), in blocks of respondents, and reused: a
larger sample adds respondents to the same surveys, and moving the true share or the hiding share
only moves thresholds over the same draws ("common random numbers"). ``list_experiment_update`` is the
model's one update: the panel and the benchmarks both call it.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field, fields
from functools import lru_cache

import numpy as np
import pandas as pd

from ..checks import check_number, check_table
from ..data import PublishedRows
from ..sources import markdown_table

MODEL = "list_experiment"
# --- illustrative parameters: chosen by the kit to make the toy work, NOT facts --------------
ILLUSTRATIVE_REPLICATES = 500   # repeated synthetic surveys, to show how much an estimate varies
# Seed of the synthetic respondents: 2019, the year Robinson & Tannenberg published their list
# experiments. Any fixed number would do, but the committed notebooks show these respondents.
RESPONDENTS_SEED = 2019

MIN_SAMPLE, MAX_SAMPLE = 100, 10_000   # respondents per survey (each list gets about half)
MAX_REPLICATES = 2_000
MAX_CONTROL_ITEMS = 8
BLOCK = 500                            # respondents per list drawn at a time (draws grow by blocks)
Z95 = 1.959963984540054                # the normal quantile of a two-sided 95% interval
BIN_WIDTH = 2.0                        # percentage points per histogram bin
HISTOGRAM_RANGE = (-40.0, 140.0)       # estimates outside it are counted in the edge bins
METHODS: dict[str, str] = {"direct": "Asked directly", "list": "List experiment"}

PUBLISHED_PARAMETERS = ("control_items", "control_item_probability", "sample_size", "prevalence",
                        "ci_width_simulated")
ILLUSTRATIVE_PARAMETERS = ("true_support", "hiding_share")


class ListDesign(PublishedRows):
    """The ``list_experiment`` rows of ``scoring_models.csv``: the published design and the toy's two shares."""

    @property
    def control_items(self) -> int:
        """Non-sensitive items on the short list (published: 3)."""
        return int(self.value("control_items"))

    @property
    def control_item_probability(self) -> float:
        """Chance that a respondent says yes to each control item (published: 0.5)."""
        return float(self.value("control_item_probability"))

    @property
    def sample_size(self) -> int:
        """Respondents in the published design (500, split 250 / 250)."""
        return int(self.value("sample_size"))

    @property
    def prevalence(self) -> float:
        """Share holding the sensitive trait in the published design (0.3)."""
        return float(self.value("prevalence"))

    def status(self, parameter: str) -> str:
        """'published' or 'illustrative', as the data say."""
        return str(self.row(parameter)["status"])


@lru_cache(maxsize=1)
def published_design() -> ListDesign:
    """The list-experiment rows of ``data/scoring_models.csv`` (published design, illustrative shares)."""
    return ListDesign.read(MODEL, required=("estimator_difference_in_means", "assumption_no_design_effect",
                                            "assumption_no_liars"),
                           numbers=PUBLISHED_PARAMETERS + ILLUSTRATIVE_PARAMETERS,
                           published=PUBLISHED_PARAMETERS)


def _default(parameter: str) -> float:
    return float(published_design().value(parameter))


@dataclass(frozen=True)
class Assumptions:
    """Every parameter of the toy list experiment; validated on construction. Shares are 0-1."""

    true_support: float = field(default_factory=lambda: _default("true_support"), metadata={
        "label": "Synthetic respondents who truly support", "kind": "share", "row": "true_support"})
    """Share of synthetic respondents who truly support the policy (illustrative)."""
    hiding_share: float = field(default_factory=lambda: _default("hiding_share"), metadata={
        "label": "Opponents who say 'support' when asked directly", "kind": "share", "row": "hiding_share"})
    """Share of the true opponents who hide their view in the direct question (illustrative)."""
    sample_size: int = field(default_factory=lambda: int(_default("sample_size")), metadata={
        "label": "Respondents per survey (half get each list)", "kind": "count", "row": "sample_size"})
    """Respondents per synthetic survey; the long list goes to ``sample_size - sample_size // 2`` of them."""
    control_items: int = field(default_factory=lambda: int(_default("control_items")), metadata={
        "label": "Control items on the short list", "kind": "count", "row": "control_items"})
    """Non-sensitive items on the short list (published design: 3)."""
    control_item_probability: float = field(default_factory=lambda: _default("control_item_probability"),
                                            metadata={"label": "Chance of 'yes' to each control item",
                                                      "kind": "share", "row": "control_item_probability"})
    """Chance that a respondent says yes to each control item (published design: 0.5)."""
    replicates: int = field(default=ILLUSTRATIVE_REPLICATES, metadata={
        "label": "Repeated synthetic surveys", "kind": "count", "row": None})
    """How many synthetic surveys of the same design are drawn, to show how much estimates vary."""
    seed: int = field(default=RESPONDENTS_SEED, metadata={
        "label": "Seed of the synthetic respondents", "kind": "seed", "row": None})
    """Seed of the random draws; same seed, same respondents."""

    def __post_init__(self) -> None:
        for name in ("true_support", "hiding_share", "control_item_probability"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=1))
        object.__setattr__(self, "sample_size", int(check_number(
            "sample_size", self.sample_size, low=MIN_SAMPLE, high=MAX_SAMPLE, integer=True)))
        object.__setattr__(self, "control_items", int(check_number(
            "control_items", self.control_items, low=1, high=MAX_CONTROL_ITEMS, integer=True)))
        object.__setattr__(self, "replicates", int(check_number(
            "replicates", self.replicates, low=1, high=MAX_REPLICATES, integer=True)))
        object.__setattr__(self, "seed", int(check_number("seed", self.seed, low=0, high=2**32 - 1, integer=True)))

    @property
    def long_size(self) -> int:
        """Respondents given the long list (the treatment group)."""
        return self.sample_size - self.sample_size // 2

    @property
    def short_size(self) -> int:
        """Respondents given the short list (the control group)."""
        return self.sample_size // 2

    @property
    def says_support(self) -> float:
        """Share who say 'support' when asked directly: supporters plus the opponents who hide."""
        return self.true_support + self.hiding_share * (1.0 - self.true_support)


def check_assumptions(assumptions: object) -> Assumptions:
    """Check that ``assumptions`` is an ``Assumptions`` (they check their own values when made)."""
    if not isinstance(assumptions, Assumptions):
        raise TypeError(f"assumptions must be a list_experiment.Assumptions; got {type(assumptions).__name__}")
    return assumptions


def published_design_assumptions(**changes: object) -> Assumptions:
    """The published design of fact base L6.9: prevalence 0.3, nobody hiding, 500 respondents, 3 items at 0.5."""
    design = published_design()
    values = dict(true_support=design.prevalence, hiding_share=0.0, sample_size=design.sample_size,
                  control_items=design.control_items, control_item_probability=design.control_item_probability)
    values.update(changes)
    return Assumptions(**values)


# --- the synthetic respondents --------------------------------------------------------------------
@dataclass(frozen=True)
class Draws:
    """The random draws of ``replicates`` synthetic surveys, per list; columns are respondents.

    A respondent with view draw ``u`` truly supports when ``u < true_support`` and says 'support'
    when asked directly when ``u < says_support`` (so the hiders are the opponents just above the
    supporters). ``count`` is how many control items apply to them.
    """

    long_view: np.ndarray     # (replicates, m) float32 uniform view draws of the long-list respondents
    long_count: np.ndarray    # (replicates, m) int8 control items that apply to them
    short_view: np.ndarray    # (replicates, m) the same for the short-list respondents
    short_count: np.ndarray   # (replicates, m)

    @property
    def per_list(self) -> int:
        """Respondents drawn per list so far."""
        return self.long_view.shape[1]


_DRAWS: OrderedDict[tuple, Draws] = OrderedDict()   # (seed, replicates, J, p) -> draws made so far
_DRAWS_KEPT = 2


def draws(assumptions: Assumptions, per_list: int | None = None) -> Draws:
    """The draws for at least ``per_list`` respondents per list (default: the assumptions' long list).

    Made in blocks of ``BLOCK`` respondents, each from its own seeded generator, so the first
    respondents are the same however many are drawn; cached per (seed, replicates, control design).
    """
    a = check_assumptions(assumptions)
    need = a.long_size if per_list is None else int(per_list)
    key = (a.seed, a.replicates, a.control_items, a.control_item_probability)
    kept = _DRAWS.get(key)
    if kept is None or kept.per_list < need:
        have = 0 if kept is None else kept.per_list
        blocks = [_block(key, b) for b in range(have // BLOCK, -(-need // BLOCK))]
        parts = [kept] if kept is not None else []
        kept = _DRAWS[key] = Draws(*(
            _frozen(np.concatenate([getattr(p, name) for p in parts] + [blk[i] for blk in blocks], axis=1))
            for i, name in enumerate(("long_view", "long_count", "short_view", "short_count"))))
        while len(_DRAWS) > _DRAWS_KEPT:
            _DRAWS.popitem(last=False)
    _DRAWS.move_to_end(key)
    return kept


def _block(key: tuple, block: int) -> tuple[np.ndarray, ...]:
    seed, replicates, items, probability = key
    rng = np.random.default_rng([seed, block])
    out = []
    for _ in ("long", "short"):
        out.append(rng.random((replicates, BLOCK), dtype=np.float32))
        out.append(rng.binomial(items, probability, size=(replicates, BLOCK)).astype(np.int8))
    return tuple(out)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def view_thresholds(assumptions: Assumptions) -> tuple[float, float]:
    """(true_support, says_support) as the float32 thresholds the view draws are compared with."""
    a = check_assumptions(assumptions)
    return float(np.float32(a.true_support)), float(np.float32(a.says_support))


def clear_cache() -> None:
    """Forget the cached draws (they are remade from the seed when needed)."""
    _DRAWS.clear()
    _count_sums.cache_clear()
    _cached_table.cache_clear()


# --- one synthetic survey, as a table ---------------------------------------------------------------
LIST_LABELS = ("short", "long")


def one_survey(assumptions: Assumptions | None = None, replicate: int = 0) -> pd.DataFrame:
    """One synthetic survey's answers, the way a researcher would see them (no true views):

    respondent (1..n), list_version ('long' or 'short'), items_counted (0..J or J+1),
    says_support_directly (bool). Long-list respondents come first; sorted by respondent.
    """
    a = Assumptions() if assumptions is None else check_assumptions(assumptions)
    r = int(check_number("replicate", replicate, low=0, high=a.replicates - 1, integer=True))
    d = draws(a)
    m1, m0 = a.long_size, a.short_size
    long_view, short_view = d.long_view[r, :m1], d.short_view[r, :m0]
    counts = np.concatenate([d.long_count[r, :m1] + (long_view < np.float32(a.true_support)),
                             d.short_count[r, :m0]]).astype(np.int64)
    says = np.concatenate([long_view, short_view]) < np.float32(a.says_support)
    return pd.DataFrame({
        "respondent": np.arange(1, a.sample_size + 1),
        "list_version": pd.Categorical(np.repeat(["long", "short"], [m1, m0]), categories=list(LIST_LABELS)),
        "items_counted": counts,
        "says_support_directly": says,
    })


def _survey_columns(respondents: object) -> pd.DataFrame:
    frame = check_table("respondents", respondents, ("list_version", "items_counted", "says_support_directly"),
                        what="one synthetic survey, as one_survey() returns it")
    counts = frame["items_counted"]
    if not pd.api.types.is_numeric_dtype(counts) or pd.api.types.is_bool_dtype(counts) or counts.isna().any():
        raise TypeError("respondents['items_counted'] must hold whole numbers (items counted); "
                        f"it has dtype {counts.dtype}")
    versions = set(frame["list_version"].astype(str))
    if not versions <= set(LIST_LABELS) or len(versions) < 2:
        raise ValueError("respondents['list_version'] must hold both 'long' and 'short' (and nothing else); "
                         f"got {sorted(versions)}")
    return frame


def difference_in_means(respondents: pd.DataFrame) -> float:
    """The list experiment's estimate, in percent: mean count of the long list minus that of the short list, x 100."""
    frame = _survey_columns(respondents)
    means = frame.groupby(frame["list_version"].astype(str))["items_counted"].mean()
    return float((means["long"] - means["short"]) * 100)


def direct_share(respondents: pd.DataFrame) -> float:
    """The share (percent) who said 'support' when asked directly."""
    frame = _survey_columns(respondents)
    return float(frame["says_support_directly"].astype(bool).mean() * 100)


# --- the estimates of every replicate, vectorized -----------------------------------------------------
def _key(a: Assumptions) -> tuple:
    return (a.seed, a.replicates, a.control_items, a.control_item_probability)


@lru_cache(maxsize=4)
def _count_sums(key: tuple, which: str, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the first ``m`` respondents of one list: the counts as float32 (exact for such small whole
    numbers), and their sum and sum of squares per replicate. They do not depend on anyone's view."""
    counts = getattr(_DRAWS[key], f"{which}_count")[:, :m].astype(np.float32)
    total = counts.sum(axis=1, dtype=np.float64)
    squares = np.einsum("ij,ij->i", counts, counts, dtype=np.float64)
    for array in (counts, total, squares):
        array.flags.writeable = False
    return counts, total, squares


def _estimate_arrays(a: Assumptions) -> dict[str, np.ndarray]:
    """Every replicate's direct share and difference in means with their standard errors (shares, 0-1)."""
    d = draws(a)
    m1, m0, n = a.long_size, a.short_size, a.sample_size
    t, q = (np.float32(x) for x in view_thresholds(a))
    long_view, short_view = d.long_view[:, :m1], d.short_view[:, :m0]
    counts1, sum_c1, sumsq_c1 = _count_sums(_key(a), "long", m1)
    _, sum0, sumsq0 = _count_sums(_key(a), "short", m0)
    support = long_view < t                                  # the long list's sensitive item, Z
    z = support.sum(axis=1, dtype=np.int32).astype(np.float64)
    cz = np.einsum("ij,ij->i", counts1, support).astype(np.float64)  # float32 sums of small whole numbers: exact
    sum1 = sum_c1 + z                                        # Y = control count + Z
    sumsq1 = sumsq_c1 + 2 * cz + z                           # Z^2 = Z
    mean1, mean0 = sum1 / m1, sum0 / m0
    var1 = (sumsq1 - sum1 * mean1) / (m1 - 1)
    var0 = (sumsq0 - sum0 * mean0) / (m0 - 1)
    says = (long_view < q).sum(axis=1, dtype=np.int32) + (short_view < q).sum(axis=1, dtype=np.int32)
    p = says / n
    return {"direct": p, "direct_se": np.sqrt(p * (1 - p) / n),
            "list": mean1 - mean0, "list_se": np.sqrt(np.maximum(var1, 0) / m1 + np.maximum(var0, 0) / m0)}


def estimates(assumptions: Assumptions) -> pd.DataFrame:
    """Per synthetic survey (replicate 1..R): each method's estimate and its 95% interval, in percent.

    Columns: replicate, direct, direct_low, direct_high, list, list_low, list_high. The direct
    interval is the usual p +/- 1.96 sqrt(p(1-p)/n); the list's is the difference in means +/- 1.96
    sqrt(s1^2/n1 + s0^2/n0) (fact base L6.7), with sample variances.
    """
    a = check_assumptions(assumptions)
    e = _estimate_arrays(a)
    columns = {"replicate": np.arange(1, a.replicates + 1)}
    for method in METHODS:
        est, half = e[method] * 100, Z95 * e[f"{method}_se"] * 100
        columns.update({method: est, f"{method}_low": est - half, f"{method}_high": est + half})
    return pd.DataFrame(columns)


SUMMARY_COLUMNS = ("first_estimate", "first_low", "first_high", "mean_estimate", "bias_points", "spread_points",
                   "mean_ci_width_points", "coverage_percent")


def summary(assumptions: Assumptions, table: pd.DataFrame) -> pd.DataFrame:
    """Per method: the first survey's estimate and interval, and over all surveys the mean estimate,
    its bias and spread (percentage points), the mean interval width and the share of intervals
    that contain the true share (percent)."""
    a = check_assumptions(assumptions)
    truth = a.true_support * 100
    values = np.empty((len(METHODS), len(SUMMARY_COLUMNS)))
    for i, method in enumerate(METHODS):
        est, low, high = (table[c].to_numpy() for c in (method, f"{method}_low", f"{method}_high"))
        mean = est.mean()
        values[i] = (est[0], low[0], high[0], mean, mean - truth, est.std(ddof=1) if est.size > 1 else 0.0,
                     (high - low).mean(), np.mean((low <= truth) & (truth <= high)) * 100)
    frame = pd.DataFrame(values, columns=list(SUMMARY_COLUMNS))
    frame.insert(0, "label", list(METHODS.values()))
    frame.insert(0, "method", list(METHODS))
    return frame


def histogram(table: pd.DataFrame) -> pd.DataFrame:
    """Surveys per estimate bin and method, for the chart: method (label), bin_start, bin_end, surveys.

    Bins are ``BIN_WIDTH`` points wide over ``HISTOGRAM_RANGE``; estimates beyond it are counted in
    the edge bins. Only bins with at least one survey are listed; sorted by method, then bin.
    """
    low, high = HISTOGRAM_RANGE
    bins = int(round((high - low) / BIN_WIDTH))
    values = np.concatenate([table[m].to_numpy(dtype=float) for m in METHODS])
    index = np.floor((np.clip(values, low, high - 1e-9) - low) / BIN_WIDTH).astype(np.int64)
    index += np.repeat(np.arange(len(METHODS)) * bins, len(table))
    counts = np.bincount(index, minlength=bins * len(METHODS))
    used = np.flatnonzero(counts)
    start = low + (used % bins) * BIN_WIDTH
    labels = np.array(list(METHODS.values()), dtype=object)[used // bins]
    return pd.DataFrame({"method": labels, "bin_start": start, "bin_end": start + BIN_WIDTH,
                         "surveys": counts[used]})


def expected_precision(assumptions: Assumptions) -> dict[str, float]:
    """What theory says for these assumptions (fact base L6.7-L6.8), in percentage points where noted.

    list_se / direct_se are standard errors (shares, 0-1); *_ci_width are 95% interval widths in
    points; direct_bias is the direct question's expected overstatement in points; variance_ratio is
    the list's variance over that of an honest direct question with the same number of respondents.
    """
    a = check_assumptions(assumptions)
    v = a.control_items * a.control_item_probability * (1 - a.control_item_probability)
    t = a.true_support
    list_var = (v + t * (1 - t)) / a.long_size + v / a.short_size
    q = a.says_support
    direct_var = q * (1 - q) / a.sample_size
    honest_var = t * (1 - t) / a.sample_size
    return {
        "control_variance": v,
        "list_se": math.sqrt(list_var), "list_ci_width": 2 * Z95 * math.sqrt(list_var) * 100,
        "direct_se": math.sqrt(direct_var), "direct_ci_width": 2 * Z95 * math.sqrt(direct_var) * 100,
        "direct_bias": (q - t) * 100,
        "variance_ratio": list_var / honest_var if honest_var > 0 else math.inf,
    }


# --- the assumptions, in words --------------------------------------------------------------------
def assumptions_table(assumptions: Assumptions, design: ListDesign | None = None) -> pd.DataFrame:
    """One row per assumption: parameter, label, value (text), status (published/illustrative), source_id, detail."""
    a = check_assumptions(assumptions)
    if design is None or design is published_design():
        return _cached_table(a).copy()
    return _table(a, design)


@lru_cache(maxsize=64)
def _cached_table(a: Assumptions) -> pd.DataFrame:
    return _table(a, published_design())


def _table(a: Assumptions, design: ListDesign) -> pd.DataFrame:
    rows = []
    for f in fields(Assumptions):
        value = getattr(a, f.name)
        kind, row = f.metadata["kind"], f.metadata["row"]
        status, source, detail = "illustrative", "kit", ""
        if row is not None:
            data_value = design.value(row)
            matches = data_value is not None and math.isclose(float(value), data_value, abs_tol=1e-12)
            data_status = design.status(row)
            if matches and data_status == "published":
                status, source = "published", design.source(row)
                detail = f"{design.row(row)['label']} ({design.row_id(row)})"
            elif matches:
                detail = f"the kit's illustrative default ({design.row_id(row)})"
            else:
                was = _value_text(kind, data_value)
                detail = (f"set by you; the published design has {was}" if data_status == "published"
                          else f"changed from the kit's illustrative default of {was}")
        elif kind == "seed":
            detail = "fixes the synthetic respondents so results repeat; not a fact"
        else:
            detail = "the kit's illustrative default" if value == f.default else "set by you"
        rows.append({"parameter": f.name, "label": f.metadata["label"], "value": _value_text(kind, value),
                     "status": status, "source_id": source, "detail": detail})
    return pd.DataFrame(rows)


STRUCTURE_NOTE = (
    "Toy structure (illustrative, not a finding): respondents are synthetic; half, at random, get the "
    "long list; the method's assumptions hold by construction (no design effect, nobody lies in the "
    "count [S139]); only the direct question is distorted, by the opponents who hide their view."
)


def assumptions_text(assumptions: Assumptions, design: ListDesign | None = None) -> str:
    """The assumptions as a Markdown table (value; published with source id, or illustrative), then the structure."""
    table = assumptions_table(assumptions, design)
    body = ([row.label, row.value, row.status, f"[{row.source_id}]" if row.status == "published" else "kit",
             row.detail] for row in table.itertuples(index=False))
    return "\n".join([markdown_table(["Assumption", "Value", "Status", "Source", "Detail"], body), "", STRUCTURE_NOTE])


def _value_text(kind: str, value: float | None) -> str:
    if value is None:
        return "no figure"
    if kind == "share":
        return f"{value * 100:g}%"
    if kind == "seed":
        return f"{int(value)}"
    return f"{int(value):,}"


def _signed(points: float) -> str:
    """'+25.0' or '-1.3'; a value that rounds to zero is '+0.0', never '-0.0'."""
    return f"{round(float(points), 1) + 0.0:+.1f}"


# --- one update of the panel (model + chart data), shared by the panel and the benchmark ------------
@dataclass(frozen=True)
class ListExperimentUpdate:
    """What the list-experiment panel shows for one setting."""

    assumptions: Assumptions
    estimates: pd.DataFrame    # per synthetic survey: both methods' estimates and 95% intervals (percent)
    summary: pd.DataFrame      # per method: first survey, mean, bias, spread, interval width, coverage
    histogram: pd.DataFrame    # surveys per estimate bin and method, for the chart
    truth: pd.DataFrame        # one row: the true share (percent), for the chart's rule
    expected: dict             # expected_precision: what theory says
    table: pd.DataFrame        # assumptions_table: each assumption, published or illustrative


def list_experiment_update(assumptions: Assumptions | None = None,
                           design: ListDesign | None = None) -> ListExperimentUpdate:
    """One update of the panel: every synthetic survey's two estimates, their summary and the chart's rows."""
    a = Assumptions() if assumptions is None else check_assumptions(assumptions)
    table = estimates(a)
    truth = pd.DataFrame({"label": ["True share (known only in the toy)"], "truth": [a.true_support * 100]})
    return ListExperimentUpdate(a, table, summary(a, table), histogram(table), truth, expected_precision(a),
                                assumptions_table(a, design))


def result_text(update: ListExperimentUpdate) -> str:
    """The key numbers in words: the first synthetic survey's two estimates, then both methods over all surveys."""
    a, s = update.assumptions, update.summary.set_index("method")
    d, li = s.loc["direct"], s.loc["list"]
    surveys = f"{a.replicates:,} synthetic survey{'s' if a.replicates > 1 else ''}"
    return (f"One synthetic survey of {a.sample_size:,} respondents: asked directly, {d.first_estimate:.1f}% say "
            f"they support; the list experiment estimates {li.first_estimate:.1f}% (95% interval "
            f"{li.first_low:.1f} to {li.first_high:.1f}). True share (known only in the toy): "
            f"{a.true_support * 100:g}%. Over {surveys}: the direct question averages {d.mean_estimate:.1f}% "
            f"({_signed(d.bias_points)} points; its interval holds the true share in {d.coverage_percent:.0f}% of "
            f"them); the list experiment averages {li.mean_estimate:.1f}% ({_signed(li.bias_points)} points), its "
            f"estimates spread {li.spread_points:.1f} points (standard deviation) and its interval, "
            f"{li.mean_ci_width_points:.1f} points wide on average, holds the true share in "
            f"{li.coverage_percent:.0f}% of them.")


def chart_description(update: ListExperimentUpdate) -> str:
    """The chart's one sentence."""
    a, s = update.assumptions, update.summary.set_index("method")
    return (f"Histograms of the estimates of {a.replicates:,} synthetic surveys of {a.sample_size:,} respondents: "
            f"asked directly, they cluster around {s.loc['direct', 'mean_estimate']:.1f}%; the list experiment's "
            f"estimates centre on {s.loc['list', 'mean_estimate']:.1f}% with a spread of {s.loc['list', 'spread_points']:.1f} "
            f"points; the true share is {a.true_support * 100:g}%.")


def chart_title(assumptions: Assumptions) -> str:
    """The chart's title (it does not change with the sample size or the shares, which the description gives)."""
    a = check_assumptions(assumptions)
    return f"Toy list experiment: the estimates of {a.replicates:,} synthetic surveys"
