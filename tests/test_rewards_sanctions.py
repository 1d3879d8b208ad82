"""The rewards-versus-sanctions toy (notebook 06): model properties, input checks and its panel."""

import math
import re
from dataclasses import fields, replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import (
    rewards_sanctions_compare,
    rewards_sanctions_update,
)
from tests.conftest import chart_rows, chart_spec
from widgets import charts, data
from widgets.charts.rewards_sanctions import SCENARIO_COLOURS
from widgets.models import rewards_sanctions
from widgets.panels.rewards_sanctions import CUSTOM, RewardsSanctionsPanel

SMALL = 3_000  # synthetic people in the property tests (fast; the properties hold for any n)
KNOBS = {
    "reward_size": st.floats(0, rewards_sanctions.MAX_SIZE), "sanction_size": st.floats(0, rewards_sanctions.MAX_SIZE),
    "sanction_probability": st.floats(0, 1), "baseline_compliance": st.floats(0.01, 0.99),
    "reward_response": st.floats(0, rewards_sanctions.MAX_RESPONSE),
    "sanction_response": st.floats(0, rewards_sanctions.MAX_RESPONSE),
    "periods": st.integers(1, 12), "seed": st.integers(0, 50),
}




# --- published inputs -------------------------------------------------------------------------
def test_default_awareness_is_the_published_survey_figure():
    surveys = data.load("surveys").set_index("id")
    row = surveys.loc["sv-kostka-2018-pilot-awareness"]
    assert row["source_id"] == "S4" and row["value"] == 11
    assert rewards_sanctions.Assumptions().awareness == pytest.approx(0.11)
    assert rewards_sanctions.default_awareness() == row["value"] / 100


def test_published_awareness_lists_survey_then_every_city_share_with_sources():
    figures = rewards_sanctions.published_awareness().rows
    cities = data.load("city_scores")
    with_share = cities[cities["share_activated_percent"].notna()].sort_values("city")
    assert list(figures["id"]) == ["sv-kostka-2018-pilot-awareness", *with_share["id"]]
    assert list(figures["share"][1:]) == list(with_share["share_activated_percent"] / 100)
    assert set(figures["source_id"]) == {"S4", "S10"}
    assert figures["share"].between(0.015, 0.15).all()  # the published range, 1.5-15%
    assert (figures["confidence"] != "unconfirmed").all()
    assert figures["label"].str.contains("proxy for awareness").sum() == len(with_share)


def test_other_defaults_are_the_illustrative_constants():
    a = rewards_sanctions.Assumptions()
    assert (a.reward_size, a.sanction_size, a.sanction_probability, a.baseline_compliance) == (
        rewards_sanctions.ILLUSTRATIVE_REWARD_SIZE, rewards_sanctions.ILLUSTRATIVE_SANCTION_SIZE,
        rewards_sanctions.ILLUSTRATIVE_SANCTION_PROBABILITY, rewards_sanctions.ILLUSTRATIVE_BASELINE_COMPLIANCE)
    assert (a.reward_response, a.sanction_response, a.periods, a.seed) == (
        rewards_sanctions.ILLUSTRATIVE_REWARD_RESPONSE, rewards_sanctions.ILLUSTRATIVE_SANCTION_RESPONSE,
        rewards_sanctions.ILLUSTRATIVE_PERIODS, rewards_sanctions.PEOPLE_SEED)


# --- the model ----------------------------------------------------------------------------------
def test_simulate_is_tidy_sorted_and_counts_people():
    a = rewards_sanctions.Assumptions(periods=10)
    result = rewards_sanctions.simulate(a, n=SMALL)
    assert list(result.columns) == ["period", "people", "complying", "compliance_share"]
    assert list(result["period"]) == list(range(1, 11))
    assert (result["people"] == SMALL).all()
    assert (result["compliance_share"] == result["complying"] / SMALL).all()
    assert result["compliance_share"].between(0, 1).all()


def test_seeded_determinism():
    a = rewards_sanctions.Assumptions(awareness=0.5, periods=8)
    first = rewards_sanctions.compare(a, n=SMALL)
    rewards_sanctions.clear_cache()  # redraw the synthetic people from the seed
    pd.testing.assert_frame_equal(first, rewards_sanctions.compare(a, n=SMALL))
    other = rewards_sanctions.compare(replace(a, seed=a.seed + 1), n=SMALL)
    assert not first.equals(other)


def test_compare_columns_match_single_scenarios():
    a = rewards_sanctions.Assumptions(awareness=0.4, periods=12)
    table = rewards_sanctions.compare(a, n=SMALL)
    assert list(table.columns) == ["period", "neither", "rewards_only", "sanctions_only", "both"]
    for key in rewards_sanctions.SCENARIOS:
        alone = rewards_sanctions.simulate(rewards_sanctions.scenario(a, key), n=SMALL)
        assert list(table[key]) == list(alone["compliance_share"]), key
    assert list(table["both"]) == list(rewards_sanctions.simulate(a, n=SMALL)["compliance_share"])


def test_neither_stays_near_the_baseline_and_rewards_raise_compliance_over_time():
    a = rewards_sanctions.Assumptions(awareness=1.0)
    table = rewards_sanctions.compare(a, n=50_000)
    assert table["neither"].sub(a.baseline_compliance).abs().max() < 0.01
    # period 1 is before anyone has been rewarded or sanctioned: every scenario is the same
    assert table.iloc[0][list(rewards_sanctions.SCENARIOS)].nunique() == 1
    assert table["rewards_only"].iloc[-1] > table["rewards_only"].iloc[0] + 0.2
    assert table["sanctions_only"].iloc[-1] > table["neither"].iloc[-1] + 0.05


def test_shorter_run_is_the_start_of_a_longer_one():
    a = rewards_sanctions.Assumptions(awareness=0.3, periods=20)
    rewards_sanctions.clear_cache()
    short = rewards_sanctions.compare(replace(a, periods=7), n=SMALL)  # draws made for 7 periods
    long = rewards_sanctions.compare(a, n=SMALL)                        # remade for 20
    pd.testing.assert_frame_equal(short, long.iloc[:7])
    pd.testing.assert_frame_equal(short, rewards_sanctions.compare(replace(a, periods=7), n=SMALL))  # a slice now
    assert rewards_sanctions.draws(a.seed, SMALL, 7).compliance_logit.shape == (7, SMALL)


def test_final_summary_and_long_table_for_the_chart():
    a = rewards_sanctions.Assumptions(awareness=1.0, periods=6)
    table = rewards_sanctions.compare(a, n=SMALL)
    final = rewards_sanctions.final_summary(table)
    assert list(final["label"]) == list(rewards_sanctions.SCENARIOS.values())
    assert final["gain_points"].iloc[0] == 0
    assert final.set_index("scenario").loc["both", "gain_points"] == pytest.approx(
        (table["both"].iloc[-1] - table["neither"].iloc[-1]) * 100, abs=0.01)
    long = rewards_sanctions.comparison_long(table)
    assert len(long) == 4 * 6 <= charts.MAX_ROWS
    assert list(long.columns) == ["scenario", "period", "compliance_percent"]
    assert long.equals(long.sort_values(["scenario", "period"]).reset_index(drop=True))


def test_vectorized_model_matches_the_per_row_loop():
    for a in (rewards_sanctions.Assumptions(periods=9),
              rewards_sanctions.Assumptions(awareness=0.8, periods=9, sanction_probability=0.9),
              rewards_sanctions.Assumptions(awareness=0.0, periods=3)):
        pd.testing.assert_frame_equal(rewards_sanctions_compare(a, 1_500), rewards_sanctions.compare(a, 1_500))


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 1), st.fixed_dictionaries({**KNOBS, "periods": st.integers(1, 6)}))
def test_vectorized_matches_the_loop_for_any_setting(awareness, params):
    a = rewards_sanctions.Assumptions(awareness=awareness, **params)
    pd.testing.assert_frame_equal(rewards_sanctions_compare(a, 400), rewards_sanctions.compare(a, 400))


def test_the_panel_update_matches_the_per_row_loop():
    a = rewards_sanctions.Assumptions(awareness=0.6, periods=5)
    update = rewards_sanctions.rewards_sanctions_update(a, 1_000)
    long, final, aware = update.long, update.final, update.aware
    loop_long, loop_final, loop_aware = rewards_sanctions_update(a, 1_000)
    assert aware == loop_aware
    assert [tuple(r) for r in long.astype({"scenario": str}).itertuples(index=False)] == loop_long
    assert list(final["gain_points"]) == [loop_final[k][1] for k in rewards_sanctions.SCENARIOS]




@settings(max_examples=60, deadline=None)
@given(**KNOBS)
def test_zero_awareness_means_no_effect_whatever_the_scheme(**params):
    table = rewards_sanctions.compare(rewards_sanctions.Assumptions(awareness=0.0, **params), n=SMALL)
    for key in ("rewards_only", "sanctions_only", "both"):
        assert list(table[key]) == list(table["neither"]), key


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.fixed_dictionaries(KNOBS))
def test_more_awareness_never_reduces_the_effect(first, second, params):
    low, high = sorted((first, second))
    less = rewards_sanctions.compare(rewards_sanctions.Assumptions(awareness=low, **params), n=SMALL)
    more = rewards_sanctions.compare(rewards_sanctions.Assumptions(awareness=high, **params), n=SMALL)
    pd.testing.assert_series_equal(less["neither"], more["neither"])
    for key in ("rewards_only", "sanctions_only", "both"):
        effect_less = less[key] - less["neither"]
        effect_more = more[key] - more["neither"]
        assert (effect_less >= 0).all() and (effect_more >= effect_less - 1e-12).all(), key


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 1), st.fixed_dictionaries(KNOBS))
def test_gain_is_capped_by_the_share_aware(awareness, params):
    a = rewards_sanctions.Assumptions(awareness=awareness, **params)
    table = rewards_sanctions.compare(a, n=SMALL)
    cap = rewards_sanctions.aware_count(a, n=SMALL) / SMALL
    assert (table[["rewards_only", "sanctions_only", "both"]].sub(table["neither"], axis=0) <= cap + 1e-12).all().all()


# --- bad input names the parameter ------------------------------------------------------------
SHARES = ("awareness", "sanction_probability", "baseline_compliance")
BOUNDED = {"reward_size": rewards_sanctions.MAX_SIZE, "sanction_size": rewards_sanctions.MAX_SIZE,
           "reward_response": rewards_sanctions.MAX_RESPONSE, "sanction_response": rewards_sanctions.MAX_RESPONSE}
NAMES = [f.name for f in fields(rewards_sanctions.Assumptions)]


@settings(deadline=None)  # the first example may load and validate data/
@given(st.sampled_from(SHARES), st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1 + 1e-9),
                                          st.just(math.nan), st.just(math.inf)))
def test_share_outside_0_1_is_refused(name, bad):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        rewards_sanctions.Assumptions(**{name: bad})


@settings(deadline=None)  # the first example may load and validate data/
@given(st.sampled_from(sorted(BOUNDED)), st.data())
def test_size_or_response_out_of_range_is_refused(name, draw):
    bad = draw.draw(st.one_of(st.floats(max_value=-1e-9, allow_nan=False),
                              st.floats(min_value=BOUNDED[name] + 1e-6, allow_nan=False)))
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        rewards_sanctions.Assumptions(**{name: bad})


@pytest.mark.parametrize("bad", [0, 1, 0.0, 1.0])
def test_baseline_must_be_a_chance_not_a_certainty(bad):
    with pytest.raises(ValueError, match="baseline_compliance must be strictly between 0 and 1"):
        rewards_sanctions.Assumptions(baseline_compliance=bad)


@settings(deadline=None)  # the first example may load and validate data/
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=rewards_sanctions.MAX_PERIODS + 1),
                 st.floats(1.1, 59.9).filter(lambda x: not x.is_integer())))
def test_periods_must_be_a_whole_number_in_range(bad):
    with pytest.raises(ValueError, match="^periods must be"):
        rewards_sanctions.Assumptions(periods=bad)


@settings(deadline=None)  # the first example may load and validate data/
@given(st.sampled_from(NAMES), st.one_of(st.text(), st.booleans(), st.none(), st.lists(st.integers())))
def test_wrong_type_is_a_type_error_naming_the_field(name, bad):
    with pytest.raises(TypeError, match=rf"^{name} must be a"):
        rewards_sanctions.Assumptions(**{name: bad})


@settings(deadline=None)  # the first example may load and validate data/
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=rewards_sanctions.MAX_PEOPLE + 1)))
def test_bad_number_of_people_is_refused(bad):
    with pytest.raises(ValueError, match="^n must be between 1 and 200000"):
        rewards_sanctions.simulate(rewards_sanctions.Assumptions(), n=bad)


def test_bad_assumptions_object_and_scenario_are_named():
    with pytest.raises(TypeError, match="assumptions must be a rewards_sanctions.Assumptions; got dict"):
        rewards_sanctions.compare({"awareness": 0.1})
    with pytest.raises(ValueError, match="scenario must be one of: neither, rewards_only"):
        rewards_sanctions.scenario(rewards_sanctions.Assumptions(), "carrots")


def test_assumptions_are_frozen():
    with pytest.raises(AttributeError):
        rewards_sanctions.Assumptions().awareness = 0.5


# --- assumptions in words ---------------------------------------------------------------------
def test_assumptions_text_marks_published_and_illustrative():
    text = rewards_sanctions.assumptions_text(rewards_sanctions.Assumptions(), n=100_000)
    lines = text.splitlines()
    assert lines[0] == "| Assumption | Value | Status | Source | Detail |"
    awareness = next(line for line in lines if line.startswith("| Aware of the scheme"))
    assert "| 11% | published | [S4] |" in awareness and "(verified)" in awareness
    for f in fields(rewards_sanctions.Assumptions):
        assert f.metadata["label"] in text
    assert text.count("| illustrative | kit |") == len(NAMES)  # all but awareness, plus the people
    assert "| Synthetic people | 100,000 |" in text
    assert ("| Reward per period of compliance | 2 toy units | illustrative | kit "
            "| the kit's illustrative default |") in text
    assert "Toy structure (illustrative, not a finding): only aware people respond" in text


def test_assumptions_text_follows_the_values():
    text = rewards_sanctions.assumptions_text(rewards_sanctions.Assumptions(awareness=0.05, reward_size=6))
    assert "| 5% | published | [S10] | Xiamen: residents who activated" in text
    assert "| 6 toy units | illustrative | kit | changed from the kit's illustrative default of 2 toy units |" in text
    own = rewards_sanctions.assumptions_text(rewards_sanctions.Assumptions(awareness=0.37))
    assert "| 37% | illustrative | kit | set by you; not a published figure |" in own


# --- the panel ----------------------------------------------------------------------------------
PANEL_PEOPLE = 20_000


@pytest.fixture
def panel():
    return RewardsSanctionsPanel(n=PANEL_PEOPLE)


def test_panel_shows_the_default_numbers_and_assumptions(panel):
    final = rewards_sanctions.final_summary(rewards_sanctions.compare(rewards_sanctions.Assumptions(), n=PANEL_PEOPLE)).set_index("scenario")
    summary = panel.summary()
    assert summary.startswith("After 24 periods, synthetic people complying: neither ")
    assert f"rewards and sanctions {final.loc['both', 'final_share'] * 100:.1f}% " \
           f"({final.loc['both', 'gain_points']:+.1f} points)" in summary
    assert "Aware of the scheme: 11% (" in summary and f"of {PANEL_PEOPLE:,})." in summary
    assert panel.message == ""
    assert panel.figure.value == "sv-kostka-2018-pilot-awareness" and panel.awareness.value == 11
    table = panel.assumptions_box.value
    assert "<td style='padding:2px 6px'>published</td><td style='padding:2px 6px'>[S4]</td>" in table
    assert table.count(">illustrative<") == len(NAMES)
    assert "kit-behaviour-panel" in panel.css_class
    assert "11% [S4]" in panel.note and "1.5&ndash;15% [S10]" in panel.note


def test_panel_chart_is_labelled_with_tooltips_and_the_palette(panel):
    spec = chart_spec(panel)
    assert spec["title"] == "Toy model: compliance over time by scenario"
    assert spec["description"].startswith(f"Lines show the share of {PANEL_PEOPLE:,} synthetic people complying")
    enc = spec["encoding"]
    assert enc["x"]["title"] == "Period (toy time steps)"
    assert enc["y"]["title"] == "Synthetic people complying (%)"
    assert [t["title"] for t in enc["tooltip"]] == ["Scenario", "Period", "Complying (%)"]
    assert enc["color"]["scale"]["range"] == [SCENARIO_COLOURS[s] for s in rewards_sanctions.SCENARIOS.values()]
    assert set(enc["color"]["scale"]["range"]) <= set(charts.PALETTE)
    rows = chart_rows(chart_spec(panel))
    assert len(rows) == 4 * 24
    assert [r["scenario"] for r in rows[::24]] == list(rewards_sanctions.SCENARIOS.values())
    assert panel.description == spec["description"]


@pytest.mark.parametrize("control, value, expect", [
    ("reward", 6.0, r"rewards only \d"),
    ("sanction", 9.0, r"sanctions only \d"),
    ("periods", 12, "After 12 periods"),
    ("caught", 80.0, r"sanctions only \d"),
    ("baseline", 30.0, r"neither (29|30)\.\d%"),
    ("awareness", 60.0, "Aware of the scheme: 60%"),
])
def test_panel_updates_on_every_control(panel, control, value, expect):
    before_numbers, before_chart, before_table = panel.summary(), chart_spec(panel), panel.assumptions_box.value
    getattr(panel, control).value = value
    assert panel.message == ""
    assert panel.summary() != before_numbers and re.search(expect, panel.summary())
    assert chart_spec(panel) != before_chart
    assert panel.assumptions_box.value != before_table
    assert panel.static_chart().to_dict()["description"] == before_chart["description"]  # companion stays


def test_panel_menu_sets_awareness_and_slider_sets_menu(panel):
    panel.figure.value = "cs-xiamen-bailu"
    assert panel.awareness.value == 5
    assert "Aware of the scheme: 5% (" in panel.summary()
    assert "[S10]" in panel.assumptions_box.value
    panel.awareness.value = 1.5
    assert panel.figure.value == "cs-wuhu"
    panel.awareness.value = 42
    assert panel.figure.value == CUSTOM
    assert "set by you; not a published figure" in panel.assumptions_box.value
    assert "[S10]" not in panel.assumptions_box.value and "[S4]" not in panel.assumptions_box.value
    before = panel.summary()
    panel.figure.value = CUSTOM  # choosing "your own value" keeps the slider where it is
    assert panel.awareness.value == 42 and panel.summary() == before


def test_panel_periods_resize_the_chart(panel):
    panel.periods.value = 60
    assert len(chart_rows(chart_spec(panel))) == 4 * 60
    assert "After 60 periods" in panel.summary()


@pytest.mark.parametrize("control, bad, message", [
    ("caught", 150.0, "chance caught (%) must be between 0 and 100; got 150"),
    ("caught", -5.0, "chance caught (%) must be between 0 and 100; got -5"),
    ("baseline", 0.0, "baseline compliance (%) must be strictly between 0 and 100"),
    ("baseline", 100.0, "baseline compliance (%) must be strictly between 0 and 100"),
    ("baseline", 120.0, "baseline compliance (%) must be between 0 and 100; got 120"),
])
def test_panel_bad_value_shows_message_and_keeps_last_good_state(panel, control, bad, message):
    numbers, table, spec = panel.numbers, panel.assumptions_box.value, chart_spec(panel)
    good = getattr(panel, control).value
    getattr(panel, control).value = bad
    assert message in panel.message and panel.widget.result["ok"] is False  # shown in role=alert
    assert "Traceback" not in panel.message
    assert (panel.numbers, panel.assumptions_box.value, chart_spec(panel)) == (numbers, table, spec)
    getattr(panel, control).value = good
    assert panel.message == "" and panel.numbers == numbers


@pytest.fixture(scope="module")
def shared_panel():
    return RewardsSanctionsPanel(n=2_000)


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.floats(max_value=-1e-6, allow_nan=False, allow_infinity=False),
                 st.floats(min_value=100.000001, allow_nan=False, allow_infinity=False)))
def test_panel_any_out_of_range_chance_shows_a_message(shared_panel, bad):
    shared_panel.caught.value = bad
    assert "chance caught (%) must be between 0 and 100" in shared_panel.message
    shared_panel.caught.value = 25.0
    assert shared_panel.message == ""


def test_panel_display_shows_widget_and_summary(panel):
    bundle, _ = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == panel.summary()
    assert np.isfinite(panel.awareness.value)


def test_a_message_sent_before_the_menu_followed_the_slider_does_not_choose_the_menu_again(panel):
    """The front-end's race, as its messages reach the kernel: a first slider step goes alone; the
    next steps, merged into one message, were composed before the kernel's answer (the menu now reads
    "your own value") arrived, so they still carry the published figure. That old menu value is not
    the user choosing the figure again: the slider must stay where the user moved it."""
    start = dict(panel.widget.values)              # what the front-end holds (sequence 0)
    assert start["figure"] != CUSTOM
    first, last = start["awareness"] + 0.5, start["awareness"] + 1.5
    panel.widget.values = {**start, "awareness": first, "_seq": 1}
    assert panel.values["figure"] == CUSTOM        # the kernel moved the menu (the front-end has not seen it)
    panel.widget.values = {**start, "awareness": last, "_seq": 3}
    assert panel.values["awareness"] == last and panel.values["figure"] == CUSTOM
    assert f"{last:.1f}%" in panel.summary() or f"{last:g}%" in panel.summary()
    # once the front-end has adopted the kernel's values (``_echo``), a menu choice counts again
    adopted = {**panel.widget.values, "_echo": panel.widget.values["_seq"]}
    panel.widget.values = {**adopted, "figure": start["figure"], "_seq": 4}
    assert panel.values["awareness"] == start["awareness"] and panel.values["figure"] == start["figure"]
