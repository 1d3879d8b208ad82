"""The fairness panel as a user meets it: a policy and two cut-offs; numbers and chart follow; bad values show a message."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_spec, chart_title, panel_note
from widgets import charts, panels
from widgets.models import fico, lender_fairness, population
from widgets.panels import live

WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}
SCALE = fico.ScoreScale(300, 850)


@pytest.fixture(scope="module")
def applicants():
    people = population.synthetic_borrowers(n=20_000, seed=7)
    return lender_fairness.synthetic_applicants(people, fico.fico_style_score(people, WEIGHTS))


@pytest.fixture
def panel(applicants):
    return panels.FairnessPanel(applicants, SCALE)


def rates(panel):
    """The rows of the rate bars the browser was last sent, by (group, measure)."""
    data = panel.widget.result["data"]["rates"]
    return {(g, m): p for g, m, p in zip(data["group"], data["measure"], data["percent"])}


def test_default_is_one_cut_off_for_all(panel, applicants):
    result = panel.result()
    assert result.policy == "single" and result.cutoff("A") == result.cutoff("B") == 620
    assert panel.values["cutoff_b"] == 620
    tpr = {g: result.rate(g, "true_positive_rate") for g in "AB"}
    assert f"approves {result.rate('A', 'approval_rate'):.1%} of its" in panel.numbers
    assert f"{tpr['B']:.1%} of its would-be repayers" in panel.numbers
    assert f"would-be repayers approved {100 * (tpr['A'] - tpr['B']):+.1f} points" in panel.summary()
    assert rates(panel)[("B", "would-be repayers approved")] == round(100 * tpr["B"], 1)
    spec = chart_spec(panel)
    assert chart_title(spec) == "What the cut-offs do to two synthetic groups"  # plain text, also for static copies
    assert chart_title(spec, "rates_title") == "One cut-off for all: each group's rates"


def test_equal_opportunity_moves_b_and_closes_the_repayer_gap(panel):
    before = panel.widget.result["data"]["hist"]
    assert panel.set(policy="equal_opportunity")
    result = panel.result()
    assert result.cutoff("B") < 620 and panel.values["cutoff_b"] == round(result.cutoff("B"), 1)
    shown = rates(panel)
    assert abs(shown[("A", "would-be repayers approved")] - shown[("B", "would-be repayers approved")]) <= 0.1
    assert shown[("A", "approval rate")] > shown[("B", "approval rate")]
    assert "would-be repayers approved +0.0 points" in panel.summary()  # never "-0.0"
    assert panel.widget.result["data"]["hist"] != before
    assert panel.widget.result["params"]["cutoff_b"] == round(result.cutoff("B"), 1)
    assert panel.widget.result["params"]["rates_title"] == "Equal opportunity: each group's rates"


def test_demographic_parity_closes_the_approval_gap(panel):
    panel.set(policy="demographic_parity", cutoff=650)
    shown = rates(panel)
    assert abs(shown[("A", "approval rate")] - shown[("B", "approval rate")]) <= 0.1
    assert shown[("B", "would-be repayers approved")] > shown[("A", "would-be repayers approved")]
    assert panel.widget.result["params"]["cutoff_a"] == 650


def test_moving_b_by_hand_switches_to_a_cut_off_per_group(panel):
    panel.set(policy="equal_opportunity")
    assert panel.set(cutoff_b=560)
    assert panel.values["policy"] == "per_group"
    assert panel.result().cutoff("B") == 560 and panel.result().cutoff("A") == 620
    assert panel.summary().startswith("A cut-off per group.")
    panel.set(cutoff=700)  # A moves, B stays where it was set
    assert panel.result().cutoff("B") == 560
    panel.set(policy="single")
    assert panel.values["cutoff_b"] == 700


def test_values_from_the_browser_update_the_result(panel):
    panel.widget.set_state({"values": {"policy": "equal_opportunity", "cutoff": 655, "cutoff_b": 620, "_seq": 4}})
    assert panel.widget.result["seq"] == 4 and panel.values["policy"] == "equal_opportunity"
    assert panel.values["cutoff_b"] == round(panel.result().cutoff("B"), 1) != 620  # B follows the policy


@pytest.mark.parametrize("change, message", [
    ({"cutoff": 900}, "cutoff must be between 300 and 850; got 900"),
    ({"cutoff": "abc"}, "cutoff must be a number between 300 and 850; got 'abc'"),
    ({"cutoff_b": 100}, "cutoff_b must be between 300 and 850; got 100"),
    ({"policy": "max_profit"}, "policy must be one of: single, per_group, equal_opportunity, demographic_parity; "
                               "got 'max_profit'"),
])
def test_a_bad_value_shows_a_message_and_keeps_the_last_good_state(panel, change, message):
    numbers = panel.numbers
    assert not panel.set(**change)
    assert panel.message == message
    assert panel.widget.result["ok"] is False and panel.widget.result["message"] == message
    assert panel.numbers == numbers == panel.widget.result["numbers"]


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.floats(max_value=299.9), st.floats(min_value=850.1), st.text(max_size=4).filter(
    lambda t: not t.strip().lstrip("-").replace(".", "", 1).isdigit())))
def test_any_bad_cut_off_is_refused_by_name(applicants, typed):
    panel = panels.FairnessPanel(applicants, SCALE)
    assert not panel.set(cutoff=typed)
    assert panel.message.startswith("cutoff must be")


def test_controls_are_labelled_with_units_and_the_note_says_what_is_illustrative(panel):
    controls = [c for c in live.walk(panel.controls) if isinstance(c, live.VALUED)]
    assert [c.name for c in controls] == ["policy", "cutoff", "cutoff_b"]
    assert all(c.label for c in controls)
    assert all(c.unit for c in controls if isinstance(c, live.Slider))
    assert [v for _, v in panel.control("policy").options] == list(lender_fairness.POLICIES)
    note = panel_note(panel)
    assert "Synthetic" in note and "Illustrative" in note and "[S133, S136]" in note and "[S132]" in note
    assert panel.widget.local_params == {"cutoff_a": "cutoff"}


def test_static_companion_is_the_default_state_with_both_groups(panel):
    default = panel.static_chart().to_dict()
    panel.set(policy="demographic_parity")
    assert panel.static_chart().to_dict() == default
    bundle, _ = panel.static_chart()._repr_mimebundle_()
    assert set(bundle) == {charts.VEGALITE_MIME, "image/svg+xml", "text/plain"}
    assert "Group A: cut-off 620.0" in bundle["image/svg+xml"] and "Group B: cut-off 620.0" in bundle["image/svg+xml"]
    assert bundle["text/plain"].startswith("Chart: What the cut-offs do to two synthetic groups. Bars compare")
    assert "A at 620.0, B at 620.0" in bundle["text/plain"]
    assert {"hist", "rates"} <= set(default["datasets"])


def test_live_chart_is_compiled_once_with_named_data_and_parameters(panel):
    spec = panel.widget.spec  # Vega-Lite, compiled in the browser once
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")

    def named_data(node):
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and "name" in node["data"]:
                yield node["data"]
            for value in node.values():
                yield from named_data(value)
        elif isinstance(node, list):
            for value in node:
                yield from named_data(value)

    named = {d["name"]: d for d in named_data(spec)}
    assert {"rates", "hist"} <= set(named)
    assert "values" not in named["rates"] and "values" not in named["hist"]  # rows arrive with each update
    params = {p["name"]: p.get("value") for p in spec["params"]}
    assert params["cutoff_a"] == 620 and params["cutoff_b"] == 620 and "rates_title" in params
    panel.set(cutoff=640)
    assert panel.widget.spec is spec or panel.widget.spec == spec
