"""A TOY list experiment (notebook 07): why a direct survey question can overstate support, and how
noisy the list experiment's estimate is: the estimates of every synthetic survey, their summaries, the
assumptions in words, and ``list_experiment_update``, the model's one update (the panel and the
benchmarks both call it).

The story, the published design (source S144) and the illustrative assumptions are described in
``widgets.models.list_experiment_draws``, which holds the design, the SYNTHETIC respondents' draws
and one survey as a table; its names are re-exported here. No list experiment on support for the
social credit system was found (fact base L5): the simulator is a toy, not a replication.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

from ..sources import markdown_table
from .list_experiment_draws import (  # noqa: F401  (re-exported: the design and draws are part of this module's API)
    BLOCK, ILLUSTRATIVE_PARAMETERS, ILLUSTRATIVE_REPLICATES, LIST_LABELS, MAX_CONTROL_ITEMS, MAX_REPLICATES,
    MAX_SAMPLE, MIN_SAMPLE, MODEL, PUBLISHED_PARAMETERS, RESPONDENTS_SEED, Assumptions, Draws, ListDesign,
    check_assumptions, clear_draws, count_sums, difference_in_means, direct_share, draws, draws_key, one_survey,
    published_design, published_design_assumptions, view_thresholds,
)

Z95 = 1.959963984540054                # the normal quantile of a two-sided 95% interval
BIN_WIDTH = 2.0                        # percentage points per histogram bin
HISTOGRAM_RANGE = (-40.0, 140.0)       # estimates outside it are counted in the edge bins
METHODS: dict[str, str] = {"direct": "Asked directly", "list": "List experiment"}


def clear_cache() -> None:
    """Forget the cached draws and tables (they are remade from the seed when needed)."""
    clear_draws()
    _cached_table.cache_clear()


def _estimate_arrays(a: Assumptions) -> dict[str, np.ndarray]:
    """Every replicate's direct share and difference in means with their standard errors (shares, 0-1)."""
    d = draws(a)
    m1, m0, n = a.long_size, a.short_size, a.sample_size
    t, q = (np.float32(x) for x in view_thresholds(a))
    long_view, short_view = d.long_view[:, :m1], d.short_view[:, :m0]
    counts1, sum_c1, sumsq_c1 = count_sums(draws_key(a), "long", m1)
    _, sum0, sumsq0 = count_sums(draws_key(a), "short", m0)
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
