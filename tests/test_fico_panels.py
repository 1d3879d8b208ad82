"""The panels as a user meets them: numbers update on change, bad values show a message."""

import pandas as pd
import pytest

from tests.conftest import chart_spec
from widgets import panels
from widgets.models import fico, population

FACTORS = population.FICO_FACTORS
WEIGHTS = pd.DataFrame({
    "id": [f"fico-weight-{f}" for f in FACTORS], "parameter": list(FACTORS),
    "label": ["Payment history", "Amounts owed", "Length of credit history", "Credit mix", "New credit"],
    "value": [35.0, 30.0, 15.0, 10.0, 10.0], "source_id": ["S52"] * 5,
})
SCALE = fico.ScoreScale(300, 850)


def test_toy_score_panel_updates_and_reports():
    panel = panels.ToyScorePanel(WEIGHTS, SCALE)
    # every rating 70 -> 300 + 550 * 0.7 = 685
    assert "Toy score: 685" in panel.numbers.value
    assert panel.summary().startswith("Toy score: 685 on the 300–850 scale")
    before = chart_spec(panel)
    panel.ratings["payment_history"].value = 100
    assert "Toy score: 743" in panel.numbers.value  # +550 * .35 * .3 = 57.75
    assert chart_spec(panel) != before
    assert panel.message.value == ""
    assert "payment history adds the most" in panel.description.value


def test_toy_score_panel_shows_message_for_bad_weights():
    panel = panels.ToyScorePanel(WEIGHTS, SCALE)
    good_numbers = panel.numbers.value
    panel.weights["credit_mix"].value = 25
    assert "weights must add up to 100; they add up to 115" in panel.message.value
    assert "role='alert'" in panel.message.value
    assert panel.numbers.value == good_numbers  # the last good state stays
    panel.weights["new_credit"].value = -5
    assert "weights[&#x27;new_credit&#x27;] must be at least 0; got -5" in panel.message.value
    panel.weights["credit_mix"].value = 10
    panel.weights["new_credit"].value = 10
    assert panel.message.value == ""


@pytest.fixture(scope="module")
def cutoff_inputs():
    people = population.synthetic_borrowers(n=50_000)
    scores = fico.fico_style_score(people, fico.weights_from_table(WEIGHTS), SCALE)
    return scores, people["repays"]


def test_cutoff_panel_moves_with_slider(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    first = panel.result()
    assert f"Approved: {first.approved:,}" in panel.numbers.value
    assert panel.summary() == panel.summary().strip() and "Approved:" in panel.summary()
    before = chart_spec(panel)
    panel.slider.value = 700
    second = panel.result()
    assert second.approved < first.approved
    assert f"Approved: {second.approved:,}" in panel.numbers.value
    assert panel.typed.value == "700"
    assert chart_spec(panel) != before
    assert "cut-off at 700" in panel.description.value


@pytest.mark.parametrize("typed, message", [
    ("900", "cutoff must be between 300 and 850; got 900"),
    ("abc", "cutoff must be a whole number between 300 and 850; got &#x27;abc&#x27;"),
    ("", "cutoff must be a whole number"),
])
def test_cutoff_panel_typed_bad_value_shows_message(cutoff_inputs, typed, message):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    numbers = panel.numbers.value
    panel.typed.value = typed
    assert message in panel.message.value
    assert panel.slider.value == panels.ILLUSTRATIVE_CUTOFF
    assert panel.numbers.value == numbers
    panel.typed.value = "650"
    assert panel.message.value == "" and panel.slider.value == 650


def test_panel_display_bundle_has_widget_view_and_summary(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == panel.summary()


def test_static_companion_is_the_default_state(cutoff_inputs):
    scores, repays = cutoff_inputs
    panel = panels.CutoffPanel(scores, repays, SCALE)
    default = panel.static_chart().to_dict()
    panel.slider.value = 500
    assert panel.static_chart().to_dict() == default
    assert "Who a cut-off of 620 approves" in str(default["title"])
