"""The toy list experiment (notebook 07): published design, the estimator against its per-row loop and the
fact base's worked figures (L6.9), properties over the synthetic respondents, bad input, and its chart."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import list_experiment_estimates, list_experiment_update
from widgets import data
from widgets.charts.list_experiment import METHOD_COLOURS, estimates_chart, update_chart
from widgets.charts.theme import MAX_ROWS, PALETTE
from widgets.models import list_experiment as le

ROWS = data.load("scoring_models").query("model == 'list_experiment'").set_index("parameter")
SMALL = dict(replicates=40)  # a few synthetic surveys: enough for exact comparisons, quick to loop


def row_value(parameter: str) -> float:
    return float(ROWS.loc[parameter, "value"])


# --- published and illustrative parameters --------------------------------------------------------
def test_defaults_are_the_data_rows_published_design_and_illustrative_shares():
    a = le.Assumptions()
    assert (a.control_items, a.control_item_probability, a.sample_size) == (
        row_value("control_items"), row_value("control_item_probability"), row_value("sample_size"))
    assert (a.true_support, a.hiding_share) == (row_value("true_support"), row_value("hiding_share"))
    for p in ("control_items", "control_item_probability", "sample_size", "prevalence"):
        assert ROWS.loc[p, "status"] == "published" and ROWS.loc[p, "source_id"] == "S144"
    for p in ("true_support", "hiding_share"):
        assert ROWS.loc[p, "status"] == "illustrative" and ROWS.loc[p, "source_id"] == "kit"
    assert a.long_size == a.short_size == 250  # the declared design's 250 / 250


def test_the_assumptions_table_says_which_numbers_are_published():
    table = le.assumptions_table(le.Assumptions()).set_index("parameter")
    assert list(table.loc[["sample_size", "control_items", "control_item_probability"], "status"]) == ["published"] * 3
    assert set(table.loc[["sample_size", "control_items"], "source_id"]) == {"S144"}
    assert list(table.loc[["true_support", "hiding_share", "replicates", "seed"], "status"]) == ["illustrative"] * 4
    changed = le.assumptions_table(le.Assumptions(sample_size=2_000)).set_index("parameter")
    assert changed.loc["sample_size", "status"] == "illustrative"
    assert changed.loc["sample_size", "detail"] == "set by you; the published design has 500"
    text = le.assumptions_text(le.Assumptions())
    assert "| Respondents per survey (half get each list) | 500 | published | [S144] |" in text
    assert "synthetic" in text and "not a finding" in text


# --- one synthetic survey, as a researcher sees it ---------------------------------------------------
def test_one_survey_has_no_true_views_and_matches_the_first_replicate():
    a = le.Assumptions()
    survey = le.one_survey(a)
    assert list(survey.columns) == ["respondent", "list_version", "items_counted", "says_support_directly"]
    assert list(survey["respondent"]) == list(range(1, a.sample_size + 1))
    sizes = survey.groupby("list_version", observed=True).size()
    assert (sizes["long"], sizes["short"]) == (a.long_size, a.short_size)
    short = survey[survey["list_version"] == "short"]["items_counted"]
    long = survey[survey["list_version"] == "long"]["items_counted"]
    assert short.between(0, a.control_items).all() and long.between(0, a.control_items + 1).all()
    first = le.estimates(a).iloc[0]
    assert le.difference_in_means(survey) == pytest.approx(first["list"], abs=1e-9)
    assert le.direct_share(survey) == pytest.approx(first["direct"], abs=1e-9)
    # the first survey is the one the simulator reports; the notebook's exercises use survey number 5,
    # whose figures differ from it (so the reported numbers do not give the exercises away)
    exercise = le.one_survey(a, replicate=4)
    assert round(le.difference_in_means(exercise), 1) == 56.4 and round(le.direct_share(exercise), 1) == 77.2
    assert round(le.difference_in_means(survey), 1) != 56.4


def test_difference_in_means_is_the_pandas_computation():
    survey = le.one_survey(le.Assumptions(**SMALL), replicate=7)
    means = survey.groupby("list_version", observed=True)["items_counted"].mean()
    assert le.difference_in_means(survey) == pytest.approx((means["long"] - means["short"]) * 100)
    assert le.direct_share(survey) == pytest.approx(survey["says_support_directly"].mean() * 100)


# --- the vectorized model against the per-row loop ---------------------------------------------------
@pytest.mark.parametrize("changes", [
    {}, {"true_support": 0.3, "hiding_share": 0.0}, {"true_support": 0.9, "hiding_share": 0.8, "sample_size": 137},
    {"true_support": 0.0, "hiding_share": 1.0}, {"control_items": 5, "control_item_probability": 0.2, "seed": 3},
])
def test_estimates_equal_the_per_row_loop(changes):
    a = le.Assumptions(**{**SMALL, **changes})
    loop = np.array(list_experiment_estimates(a))
    vectorized = le.estimates(a).drop(columns="replicate").to_numpy()
    np.testing.assert_allclose(vectorized, loop, rtol=0, atol=1e-9)


def test_the_update_equals_the_per_row_loop():
    a = le.Assumptions(**SMALL, true_support=0.4)
    u = le.list_experiment_update(a)
    _, summary, bins = list_experiment_update(a)
    got = u.summary.set_index("method")
    for method, (mean, spread, width, coverage) in summary.items():
        assert got.loc[method, "mean_estimate"] == pytest.approx(mean, abs=1e-9)
        assert got.loc[method, "spread_points"] == pytest.approx(spread, abs=1e-9)
        assert got.loc[method, "mean_ci_width_points"] == pytest.approx(width, abs=1e-9)
        assert got.loc[method, "coverage_percent"] == pytest.approx(coverage, abs=1e-9)
    assert [(r.method, r.bin_start, r.surveys) for r in u.histogram.itertuples()] == bins


# --- the fact base's worked figures (L6.9): the published design, nobody hiding -----------------------
def test_theory_reproduces_the_worked_figures():
    a = le.published_design_assumptions()
    assert (a.true_support, a.hiding_share, a.sample_size) == (row_value("prevalence"), 0.0, 500)
    e = le.expected_precision(a)
    assert e["control_variance"] == pytest.approx(0.75)
    assert e["list_se"] == pytest.approx(0.083, abs=0.0005)
    assert e["list_ci_width"] == pytest.approx(32.4, abs=0.05)
    assert e["direct_se"] == pytest.approx(0.020, abs=0.001)
    assert e["direct_ci_width"] == pytest.approx(8.0, abs=0.05)
    assert round(e["variance_ratio"]) == 16


def test_simulation_matches_the_published_interval_width():
    a = le.published_design_assumptions()
    s = le.list_experiment_update(a).summary.set_index("method")
    published = row_value("ci_width_simulated")  # 'enormous at 33 percentage points'
    assert s.loc["list", "mean_ci_width_points"] == pytest.approx(32.4, abs=0.5)
    assert abs(s.loc["list", "mean_ci_width_points"] - published) < 1.5
    assert s.loc["direct", "mean_ci_width_points"] == pytest.approx(8.0, abs=0.2)
    # unbiased, with intervals that hold the truth about 95% of the time
    se_of_mean = le.expected_precision(a)["list_se"] * 100 / math.sqrt(a.replicates)
    assert abs(s.loc["list", "bias_points"]) < 4 * se_of_mean
    assert 90 <= s.loc["list", "coverage_percent"] <= 98 and 90 <= s.loc["direct", "coverage_percent"] <= 98
    assert s.loc["list", "spread_points"] == pytest.approx(8.3, abs=0.8)


def test_hidden_views_bias_the_direct_question_and_not_the_list():
    a = le.Assumptions()  # half support, half of the opponents hide
    s = le.list_experiment_update(a).summary.set_index("method")
    assert s.loc["direct", "bias_points"] == pytest.approx(a.hiding_share * (1 - a.true_support) * 100, abs=0.5)
    assert s.loc["direct", "coverage_percent"] == 0  # precise and wrong: no interval holds the truth
    assert abs(s.loc["list", "bias_points"]) < 1.5
    bigger = le.list_experiment_update(replace(a, sample_size=5_000)).summary.set_index("method")
    assert bigger.loc["list", "spread_points"] < s.loc["list", "spread_points"] / 2.5
    assert bigger.loc["direct", "bias_points"] == pytest.approx(s.loc["direct", "bias_points"], abs=0.5)


# --- properties over the synthetic respondents --------------------------------------------------------
SHARES = st.floats(0, 1, allow_nan=False)


@given(t=SHARES, h1=SHARES, h2=SHARES, n=st.integers(le.MIN_SAMPLE, 600))
@settings(max_examples=25, deadline=None)
def test_hiding_raises_only_the_direct_answers(t, h1, h2, n):
    low, high = sorted((h1, h2))
    a, b = (le.estimates(le.Assumptions(true_support=t, hiding_share=h, sample_size=n, **SMALL)) for h in (low, high))
    assert (b["direct"].to_numpy() >= a["direct"].to_numpy() - 1e-9).all()
    np.testing.assert_array_equal(a["list"].to_numpy(), b["list"].to_numpy())


@given(t1=SHARES, t2=SHARES, n=st.integers(le.MIN_SAMPLE, 600))
@settings(max_examples=25, deadline=None)
def test_more_true_support_never_lowers_a_list_estimate(t1, t2, n):
    low, high = sorted((t1, t2))
    a, b = (le.estimates(le.Assumptions(true_support=t, hiding_share=0.3, sample_size=n, **SMALL)) for t in (low, high))
    assert (b["list"].to_numpy() >= a["list"].to_numpy() - 1e-9).all()


def test_a_larger_sample_adds_respondents_to_the_same_surveys():
    small, large = le.Assumptions(sample_size=300), le.Assumptions(sample_size=1_300)
    first = le.one_survey(small)
    bigger = le.one_survey(large)
    long_small = first[first["list_version"] == "long"]
    long_large = bigger[bigger["list_version"] == "long"].head(len(long_small))
    np.testing.assert_array_equal(long_small["items_counted"], long_large["items_counted"])


def test_seeded_and_deterministic():
    a = le.Assumptions(**SMALL)
    first = le.estimates(a)
    le.clear_cache()
    pd.testing.assert_frame_equal(first, le.estimates(a))
    assert not le.estimates(replace(a, seed=a.seed + 1)).equals(first)


def test_histogram_counts_every_survey_once_and_clips_to_the_range():
    a = le.Assumptions(sample_size=le.MIN_SAMPLE, true_support=1.0, hiding_share=0.0)
    u = le.list_experiment_update(a)
    assert u.histogram.groupby("method")["surveys"].sum().to_dict() == {
        label: a.replicates for label in le.METHODS.values()}
    assert u.histogram["bin_start"].between(*le.HISTOGRAM_RANGE).all()
    assert (u.histogram["bin_end"] - u.histogram["bin_start"] == le.BIN_WIDTH).all()
    assert len(u.histogram) <= MAX_ROWS


# --- bad input ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("changes, error, message", [
    ({"sample_size": 50}, ValueError, "sample_size must be between 100 and 10000; got 50"),
    ({"sample_size": 250.5}, ValueError, "sample_size must be a whole number"),
    ({"true_support": 1.2}, ValueError, "true_support must be between 0 and 1; got 1.2"),
    ({"hiding_share": "half"}, TypeError, "hiding_share must be a number; got str"),
    ({"control_items": 0}, ValueError, "control_items must be between 1 and 8"),
    ({"replicates": 0}, ValueError, "replicates must be between 1 and 2000"),
    ({"seed": -1}, ValueError, "seed must be between 0 and"),
])
def test_bad_assumptions_are_named(changes, error, message):
    with pytest.raises(error, match=message):
        le.Assumptions(**changes)


@given(st.one_of(st.text(max_size=3), st.none(), st.booleans(), st.lists(st.integers(), max_size=2),
                 st.floats(allow_nan=True).filter(lambda x: not 0 <= x <= 1)))
@settings(max_examples=40, deadline=None)
def test_any_bad_share_is_refused_naming_the_parameter(bad):
    for name in ("true_support", "hiding_share"):
        with pytest.raises((TypeError, ValueError), match=rf"^{name} must be"):
            le.Assumptions(**{name: bad})


def test_bad_calls_are_named():
    with pytest.raises(TypeError, match="assumptions must be a list_experiment.Assumptions"):
        le.list_experiment_update({"true_support": 0.5})
    with pytest.raises(ValueError, match="replicate must be between 0 and 39"):
        le.one_survey(le.Assumptions(**SMALL), replicate=40)
    with pytest.raises(TypeError, match="respondents must be a pandas DataFrame"):
        le.difference_in_means([1, 2, 3])
    survey = le.one_survey(le.Assumptions(**SMALL))
    with pytest.raises(ValueError, match="respondents is missing column"):
        le.difference_in_means(survey.drop(columns="items_counted"))
    with pytest.raises(ValueError, match="must hold both 'long' and 'short'"):
        le.difference_in_means(survey[survey["list_version"] == "long"])
    with pytest.raises(TypeError, match="items_counted'\\] must hold whole numbers"):
        le.difference_in_means(survey.assign(items_counted=survey["items_counted"].astype(str)))


# --- the chart ----------------------------------------------------------------------------------------
def test_chart_draws_both_methods_on_one_scale_with_the_truth():
    u = le.list_experiment_update()
    spec = update_chart(u).to_dict()
    assert spec["title"]["text"] == "Toy list experiment: the estimates of 500 synthetic surveys"
    assert spec["description"] == le.chart_description(u) and "synthetic" in spec["description"]
    top, bottom = spec["vconcat"]
    for panel, label in zip((top, bottom), le.METHODS.values()):
        bars, rule = panel["layer"]
        assert bars["mark"]["type"] == "bar" and bars["mark"]["color"] == METHOD_COLOURS[label]
        assert bars["transform"] == [{"filter": f"(datum.method === '{label}')"}]
        assert bars["encoding"]["x"]["scale"]["domain"] == list(le.HISTOGRAM_RANGE)
        assert {t["title"] for t in bars["encoding"]["tooltip"]} == {"Method", "Estimate from (%)", "to (%)",
                                                                      "Synthetic surveys"}
        assert rule["mark"]["type"] == "rule" and rule["encoding"]["x"]["field"] == "truth"
    assert bottom["layer"][0]["encoding"]["x"]["title"] == "Estimated share who support (%)"
    assert set(METHOD_COLOURS.values()) <= set(PALETTE)
    drawn = spec["datasets"][bottom["layer"][0]["data"]["name"]]
    assert sum(r["surveys"] for r in drawn) == 2 * u.assumptions.replicates


def test_chart_takes_named_datasets_and_refuses_bad_tables():
    import altair as alt

    spec = estimates_chart(alt.Data(name="bins"), alt.Data(name="truth"), title="t", description="d").to_dict()
    assert spec["vconcat"][0]["layer"][0]["data"] == {"name": "bins"}
    with pytest.raises(TypeError, match="bins must be a pandas DataFrame or a named altair dataset"):
        estimates_chart([1, 2], pd.DataFrame({"label": ["x"], "truth": [1.0]}), title="t", description="d")
    with pytest.raises(ValueError, match="truth is missing column"):
        estimates_chart(le.list_experiment_update().histogram, pd.DataFrame({"x": [1]}), title="t", description="d")
    with pytest.raises(TypeError, match="update must be a list_experiment.ListExperimentUpdate"):
        update_chart(None)
