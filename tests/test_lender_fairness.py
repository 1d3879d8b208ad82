"""Unit and property tests of the fairness toy: one cut-off for all, or one per group, over two synthetic groups."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import fairness_update
from widgets.models import fico, lender_fairness, population

WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}


@pytest.fixture(scope="module")
def borrowers():
    people = population.synthetic_borrowers(n=20_000, seed=7)
    return people, fico.fico_style_score(people, WEIGHTS)


@pytest.fixture(scope="module")
def applicants(borrowers):
    return lender_fairness.synthetic_applicants(*borrowers)


@pytest.fixture(scope="module")
def model(applicants):
    return lender_fairness.FairnessModel(applicants)


def test_applicants_are_the_synthetic_borrowers_with_a_seeded_group(borrowers, applicants):
    people, scores = borrowers
    assert list(applicants.columns) == list(lender_fairness.APPLICANT_COLUMNS)
    assert (applicants["person"].to_numpy() == people["person"].to_numpy()).all()
    assert (applicants["score"].to_numpy() == scores.to_numpy()).all()
    assert (applicants["repays"].to_numpy() == people["repays"].to_numpy()).all()
    assert list(applicants["group"].cat.categories) == ["A", "B"]
    pd.testing.assert_frame_equal(applicants, lender_fairness.synthetic_applicants(people, scores))
    other = lender_fairness.synthetic_applicants(people, scores, seed=1)
    assert not applicants["group"].equals(other["group"])


def test_group_b_scores_lower_and_repays_less_as_the_toy_intends(applicants):
    by_group = applicants.groupby("group", observed=True).agg(share=("score", "size"), score=("score", "mean"),
                                                             repays=("repays", "mean"))
    assert 0.2 < by_group.loc["B", "share"] / len(applicants) < 0.5  # a minority, not a sliver
    assert by_group.loc["A", "score"] > by_group.loc["B", "score"] + 50
    assert by_group.loc["A", "repays"] > by_group.loc["B", "repays"]


def test_without_a_slope_the_groups_share_one_score_distribution(borrowers):
    flat = lender_fairness.synthetic_applicants(*borrowers, slope=0.0, log_odds=0.0)
    stats = flat.groupby("group", observed=True)["score"].agg(["mean", "var", "size"])
    standard_error = np.sqrt((stats["var"] / stats["size"]).sum())
    assert abs(stats.loc["A", "mean"] - stats.loc["B", "mean"]) < 4 * standard_error  # a fair coin: noise only


def test_rates_match_pandas_counts(applicants, model):
    result = lender_fairness.lender_fairness_update(model, 600)
    for g in lender_fairness.GROUPS:
        rows = applicants[applicants["group"] == g]
        approved = rows["score"] >= 600
        assert result.rate(g, "approval_rate") == pytest.approx(approved.mean())
        assert result.rate(g, "true_positive_rate") == pytest.approx(approved[rows["repays"]].mean())
        assert result.rate(g, "false_positive_rate") == pytest.approx(approved[~rows["repays"]].mean())
        assert result.cutoff(g) == 600
    assert result.gap("true_positive_rate") == pytest.approx(
        100 * (result.rate("A", "true_positive_rate") - result.rate("B", "true_positive_rate")))


def test_one_cut_off_for_all_leaves_both_gaps_open(model):
    result = lender_fairness.lender_fairness_update(model, lender_fairness.ILLUSTRATIVE_CUTOFF, "single")
    assert result.gap("approval_rate") > 10
    assert result.gap("true_positive_rate") > 10


def test_equal_opportunity_equalises_true_positive_rates_not_approval_rates(model):
    result = lender_fairness.lender_fairness_update(model, 620, "equal_opportunity")
    repayers_b = model.repayers["B"].size
    assert abs(result.gap("true_positive_rate")) <= 100 / repayers_b + 1e-9  # as close as whole people allow
    assert result.cutoff("B") < result.cutoff("A")
    assert result.gap("approval_rate") > 1  # what equal opportunity does not give
    assert result.gap("false_positive_rate") != pytest.approx(0, abs=0.5)


def test_demographic_parity_equalises_approval_rates_not_true_positive_rates(model):
    result = lender_fairness.lender_fairness_update(model, 620, "demographic_parity")
    assert abs(result.gap("approval_rate")) <= 100 / model.everyone["B"].size + 1e-9
    assert result.gap("true_positive_rate") < -1  # B's would-be repayers now fare better than A's
    eo = lender_fairness.lender_fairness_update(model, 620, "equal_opportunity")
    assert result.cutoff("B") < eo.cutoff("B") < 620


def test_per_group_uses_both_cut_offs(model, applicants):
    result = lender_fairness.lender_fairness_update(model, 640, "per_group", cutoff_b=560)
    assert (result.cutoff("A"), result.cutoff("B")) == (640, 560)
    rows = applicants[applicants["group"] == "B"]
    assert result.rates.loc[1, "approved"] == int((rows["score"] >= 560).sum())


def test_histogram_adds_up_and_is_sorted(model, applicants):
    result = lender_fairness.lender_fairness_update(model, 655, "equal_opportunity")
    hist = result.histogram
    assert list(hist.columns) == ["group", "bin_start", "bin_end", "outcome", "people"]
    assert hist["people"].sum() == len(applicants)
    assert len(hist) <= 5_000
    for g, row in result.rates.set_index("group").iterrows():
        mine = hist[hist["group"] == g].groupby("outcome")["people"].sum()
        assert mine.get("approved, would repay", 0) == row["approved_repayers"]
        assert mine.get("approved, would default", 0) == row["approved_defaulters"]
    rank = hist["outcome"].map({o: i for i, o in enumerate(fico.OUTCOMES)})
    keys = list(zip(hist["group"], hist["bin_start"], rank))
    assert keys == sorted(keys)


@pytest.mark.parametrize("policy", list(lender_fairness.POLICIES))
def test_the_update_matches_the_per_row_loop(model, applicants, policy):
    scores = applicants["score"]
    bins = np.clip(((scores.to_numpy() - 300) // 10).astype(int), 0, 54).tolist()
    for cutoff in (300, 575, 620.5, 850):
        result = lender_fairness.lender_fairness_update(model, cutoff, policy, cutoff_b=590)
        per_group, counts = fairness_update(scores.tolist(), applicants["repays"].tolist(),
                                            applicants["group"].astype(str).tolist(), bins, cutoff, policy,
                                            cutoff_b=590)
        for _, row in result.rates.iterrows():
            assert (row["cutoff"], row["people"], row["would_repay"], row["approved"], row["approved_repayers"],
                    row["approved_defaulters"]) == pytest.approx(per_group[row["group"]])
        codes = {o: i for i, o in enumerate(fico.OUTCOMES)}
        hist = result.histogram
        mine = sorted(((g, int((b - 300) // 10), codes[o]), n)
                      for g, b, o, n in zip(hist["group"], hist["bin_start"], hist["outcome"], hist["people"]))
        assert mine == counts


def test_compare_policies_is_a_small_sorted_table(model):
    table = lender_fairness.compare_policies(model, 620)
    assert len(table) == 3 * 2 * 2
    assert list(table["policy"].unique()) == list(lender_fairness.COMPARED_POLICIES)
    eo = table[table["policy"] == "equal_opportunity"].set_index(["group", "measure"])["percent"]
    assert eo["A", "would-be repayers approved"] == pytest.approx(eo["B", "would-be repayers approved"], abs=0.1)


def test_explorable_rows_are_the_published_loan_threshold_parameters():
    rows = lender_fairness.explorable_rows()
    assert rows.value("repay_gain") == 300 and rows.value("default_cost") == 700
    assert {rows.source(p) for p in lender_fairness.EXPLORABLE_PARAMETERS} == {"S132"}
    assert set(rows.rows["status"].astype(str)) == {"published"}


# --- bad input: a clear error naming the parameter ---------------------------------------------------
@settings(deadline=None)
@given(st.one_of(st.floats(max_value=299.99), st.floats(min_value=850.01), st.just(float("nan"))))
def test_a_cut_off_off_the_scale_is_refused_by_name(model, cutoff):
    with pytest.raises(ValueError, match="cutoff"):
        lender_fairness.lender_fairness_update(model, cutoff)
    with pytest.raises(ValueError, match="cutoff_b"):
        lender_fairness.lender_fairness_update(model, 600, "per_group", cutoff_b=cutoff)


@settings(deadline=None)
@given(st.one_of(st.text(), st.none(), st.booleans(), st.lists(st.integers(), max_size=2)))
def test_a_cut_off_that_is_not_a_number_is_refused_by_name(model, cutoff):
    with pytest.raises(TypeError, match="cutoff"):
        lender_fairness.lender_fairness_update(model, cutoff)


@settings(deadline=None)
@given(st.text().filter(lambda t: t not in lender_fairness.POLICIES))
def test_an_unknown_policy_is_refused_by_name(model, policy):
    with pytest.raises(ValueError, match="policy"):
        lender_fairness.lender_fairness_update(model, 600, policy)


def test_per_group_without_b_cut_off_names_it(model):
    with pytest.raises(ValueError, match="cutoff_b"):
        lender_fairness.lender_fairness_update(model, 600, "per_group")


@settings(deadline=None)
@given(st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=lender_fairness.MAX_SLOPE + 1e-9)))
def test_a_bad_slope_is_refused_by_name(borrowers, slope):
    with pytest.raises(ValueError, match="slope"):
        lender_fairness.synthetic_applicants(*borrowers, slope=slope)


def test_bad_applicants_are_refused_with_a_message(applicants):
    with pytest.raises(TypeError, match="applicants"):
        lender_fairness.FairnessModel(applicants.to_dict())
    with pytest.raises(ValueError, match="repays"):
        lender_fairness.FairnessModel(applicants.drop(columns="repays"))
    renamed = applicants.assign(group=applicants["group"].astype(str).replace({"B": "C"}))
    with pytest.raises(ValueError, match="group"):
        lender_fairness.FairnessModel(renamed)
    with pytest.raises(ValueError, match="group A"):
        lender_fairness.FairnessModel(applicants.assign(repays=False))
    with pytest.raises(ValueError, match="score"):
        lender_fairness.FairnessModel(applicants.assign(score=applicants["score"] + 1000))
    with pytest.raises(TypeError, match="people"):
        lender_fairness.synthetic_applicants([1, 2], applicants["score"])


# --- the charts ---------------------------------------------------------------------------------------
def test_the_comparison_chart_shows_each_policy_and_group(model):
    from widgets.charts.lender_fairness import GROUP_COLOURS, policy_comparison_chart

    table = lender_fairness.compare_policies(model, 620)
    spec = policy_comparison_chart(table, title="Three policies").to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    assert len(rows) == len(table) == 12
    assert {(r["policy_label"], r["group"], r["measure"]) for r in rows} == {
        (p, g, m) for p in ("One cut-off for all", "Equal opportunity", "Demographic parity") for g in "AB"
        for m in ("approval rate", "would-be repayers approved")}
    bars = spec["spec"]["layer"][0]["encoding"]
    assert bars["x"]["title"] == "Percent of the group" and bars["color"]["scale"]["range"] == list(
        GROUP_COLOURS.values())
    eo = table[table["policy"] == "equal_opportunity"].set_index(["group", "measure"])["percent"]
    assert (f"would-be repayers approved A {eo['A', 'would-be repayers approved']:.1f}%, "
            f"B {eo['B', 'would-be repayers approved']:.1f}%") in spec["description"]
    with pytest.raises(ValueError, match="table"):
        policy_comparison_chart(table.drop(columns="percent"), title="x")


def test_the_detail_chart_draws_both_groups_with_their_own_cut_offs(model):
    from widgets.charts.lender_fairness import fairness_detail_chart

    result = lender_fairness.lender_fairness_update(model, 640, "per_group", cutoff_b=560)
    spec = fairness_detail_chart(result, title="Detail", description="d").to_dict()
    rates, hist_a, hist_b = spec["vconcat"]
    assert hist_a["title"] == "Group A: cut-off 640.0" and hist_b["title"] == "Group B: cut-off 560.0"
    for part, group in ((hist_a, "A"), (hist_b, "B")):
        assert part["layer"][0]["transform"][0] == {"filter": f"(datum.group === '{group}')"}
        drawn = [r for r in spec["datasets"][part["layer"][0]["data"]["name"]] if r["group"] == group]
        assert sum(r["people"] for r in drawn) == int(result.rates.set_index("group").loc[group, "people"])
        rule = spec["datasets"][part["layer"][1]["data"]["name"]]
        assert rule == [{"cutoff": round(result.cutoff(group), 1)}]
    bars = spec["datasets"][rates["data"]["name"]]
    assert {(b["group"], b["measure"]) for b in bars} == {(g, m) for g in "AB"
                                                        for m in ("approval rate", "would-be repayers approved")}
    with pytest.raises(TypeError, match="result"):
        fairness_detail_chart(result.rates, title="x", description="d")
