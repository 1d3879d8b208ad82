"""The commercial five-dimension toy score's panel (notebook 04), as a user meets it."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.conftest import chart_spec, chart_title
from widgets import charts
from widgets.charts.commercial_score import benefit_histogram_chart
from widgets.models import commercial_score
from widgets.models.commercial_score import (
    ILLUSTRATIVE_FOCAL_USER,
    ILLUSTRATIVE_WHAT_IF_RATING,
)
from widgets.panels.commercial_score import ALL_YEARS, CommercialScorePanel

DIMS = commercial_score.DIMENSIONS
EQUAL = {d: 20.0 for d in DIMS}


def test_default_panel_starts_from_an_equal_split(small_users):
    panel = CommercialScorePanel(small_users)
    assert panel.css_class == "kit-commercial-panel"
    assert {d: w.value for d, w in panel.weights.items()} == EQUAL
    effect = commercial_score.contact_effect(small_users, EQUAL, ILLUSTRATIVE_FOCAL_USER, ILLUSTRATIVE_WHAT_IF_RATING,
                                       commercial_score.ILLUSTRATIVE_CONTACT_INFLUENCE)
    summary = panel.summary()
    assert summary.startswith(f"Synthetic user #{ILLUSTRATIVE_FOCAL_USER}: {effect.score_before:,.0f} points")
    assert f"If all their contacts were rated {ILLUSTRATIVE_WHAT_IF_RATING}: {effect.score_after:,.0f} points" \
        in summary
    scores = commercial_score.commercial_score(small_users, EQUAL, commercial_score.ILLUSTRATIVE_CONTACT_INFLUENCE)
    for row in commercial_score.benefits_reached(scores, commercial_score.benefit_thresholds()).itertuples():
        assert f"{row.benefit} ({row.year}, {row.threshold:g} points or more) [{row.source_id}]: " \
               f"{row.share_reaching:.1%}" in summary
    assert panel.message == ""
    assert "the dashed lines mark the published benefit thresholds of all years" in panel.description


def test_year_choices_come_from_the_data(small_users):
    panel = CommercialScorePanel(small_users)
    assert [v for _, v in panel.year.options] == [ALL_YEARS, *map(str, commercial_score.benefit_years())]
    panel.year.value = "2015"
    summary = panel.summary()
    assert "(2015)" in summary and "2016" not in summary and "2017" not in summary
    layers = chart_spec(panel)["layer"]
    rule_values = [r["threshold"] for r in chart_spec(panel)["datasets"][layers[1]["data"]["name"]]]
    assert rule_values == sorted(commercial_score.benefit_thresholds(2015)["threshold"])


@pytest.mark.parametrize("change", [
    lambda p: p.influence.__setattr__("value", 1.0),
    lambda p: p.what_if.__setattr__("value", 20),
    lambda p: p.year.__setattr__("value", "2017"),
    lambda p: (p.weights["credit_history"].__setattr__("value", 60),
               p.weights["identity_characteristics"].__setattr__("value", 0),
               p.weights["behavioural_preferences"].__setattr__("value", 0)),
], ids=["contact influence", "what-if rating", "year", "weights"])
def test_every_control_changes_numbers_description_and_chart(small_users, change):
    panel = CommercialScorePanel(small_users)
    numbers, description, chart = panel.numbers, panel.description, chart_spec(panel)
    change(panel)
    assert panel.message == ""
    assert panel.numbers != numbers
    assert panel.description != description
    assert chart_spec(panel) != chart


def test_contact_controls_move_the_focal_users_score(small_users):
    panel = CommercialScorePanel(small_users)
    panel.influence.value = 0.0
    assert "their contacts add nothing" in panel.summary() and "points (+0)" in panel.summary()
    panel.influence.value = 1.0
    effect = commercial_score.contact_effect(small_users, EQUAL, ILLUSTRATIVE_FOCAL_USER, 90, 1.0)
    assert round(effect.change) != 0
    assert f"({effect.change:+,.0f})" in panel.summary()


def test_bad_weights_show_a_message_and_keep_the_last_good_numbers(small_users):
    panel = CommercialScorePanel(small_users)
    good = panel.numbers
    panel.weights["credit_history"].value = 35
    assert "weights must add up to 100; they add up to 115" in panel.message
    assert panel.widget.result["ok"] is False and "Traceback" not in panel.message  # shown in role=alert
    assert panel.numbers == good
    panel.weights["personal_relationships"].value = -15
    assert "weights['personal_relationships'] must be at least 0; got -15" in panel.message
    panel.weights["personal_relationships"].value = 5
    assert panel.message == "" and panel.numbers != good


@pytest.fixture(scope="module")
def shared_panel(small_users):
    return CommercialScorePanel(small_users)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
@settings(max_examples=15, deadline=None)
def test_any_typed_weight_gives_numbers_or_a_message(shared_panel, value):
    assume(value == 20 or abs(value - 20) > 1e-3)  # near 20 the sum is within check_weights' tolerance
    shared_panel.weights["credit_history"].value = value
    if value == 20:
        assert shared_panel.message == ""
    else:
        assert shared_panel.widget.result["ok"] is False and "weights" in shared_panel.message
    shared_panel.weights["credit_history"].value = 20.0
    assert shared_panel.message == ""


def test_note_says_what_is_published_and_what_is_illustrative(small_users):
    panel = CommercialScorePanel(small_users)
    note = panel.note
    assert "Published: the five dimensions [S56, S57]" in note
    assert "350&ndash;950 range [S56]" in note and "gives 900 instead [S59]" in note
    assert "[S58, S59]" in note and "Not published: the weights" in note
    assert "equal split (20% each), which is illustrative" in note
    assert "5,000 synthetic users" in note and "5 contacts each" in note
    assert "WeChat Pay Credit" in note and "[S61] is not applied here" in note


def test_chart_is_labelled_aggregated_and_deterministic(small_users):
    panel = CommercialScorePanel(small_users)
    chart = chart_spec(panel)
    assert chart_title(chart) == "Synthetic toy scores and benefit thresholds (all years)"
    assert chart["description"].startswith("Histogram of 5,000 synthetic toy scores")
    bars, rules, labels, focal = chart["layer"]
    assert bars["encoding"]["x"]["title"] == "Toy score (points)"
    assert bars["encoding"]["y"]["title"] == "Synthetic users"
    assert all(layer["encoding"]["tooltip"] for layer in (bars, rules, labels, focal))
    effect = commercial_score.contact_effect(small_users, EQUAL, ILLUSTRATIVE_FOCAL_USER, ILLUSTRATIVE_WHAT_IF_RATING)
    marks = chart["datasets"][focal["data"]["name"]]
    assert [m["score"] for m in marks] == pytest.approx([effect.score_before, effect.score_after])
    assert all(len(rows) <= charts.MAX_ROWS for rows in chart["datasets"].values())
    again = CommercialScorePanel(small_users)
    assert chart_spec(again) == chart
    panel.year.value = "2016"
    assert chart_title(panel.static_chart().to_dict()) == "Synthetic toy scores and benefit thresholds (all years)"
    assert chart_title(chart_spec(panel)) == "Synthetic toy scores and benefit thresholds (2016)"


def test_chart_builder_refuses_unaggregated_data():
    hist = pd.DataFrame({"bin_start": np.arange(6000.0), "bin_end": np.arange(6000.0) + 1,
                         "users": 1, "share": 1 / 6000})
    reached = commercial_score.benefits_reached(pd.Series([700.0]), commercial_score.benefit_thresholds())
    with pytest.raises(ValueError, match="aggregate it to at most 5,000"):
        benefit_histogram_chart(hist, reached, title="t", description="d", domain=(350, 950))


def test_panel_with_the_default_100000_users():
    panel = CommercialScorePanel()
    assert len(panel.prepared) == 100_000
    assert "Of 100,000 synthetic users" in panel.summary()
    bundle, _ = panel._repr_mimebundle_()
    assert bundle["text/plain"] == panel.summary()


def test_panel_refuses_a_focal_user_outside_the_table(small_users):
    with pytest.raises(ValueError, match="focal_user must be between 0 and 4999"):
        CommercialScorePanel(small_users, focal_user=5_000)
