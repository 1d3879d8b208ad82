"""The list-experiment panel (notebook 07): numbers, chart, menu and sliders in step, bad input shown in the panel."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_spec, panel_note
from widgets import panels
from widgets.models import list_experiment as le
from widgets.panels.list_experiment import CUSTOM, PUBLISHED, TOY, ListExperimentPanel


@pytest.fixture
def panel():
    return ListExperimentPanel(le.Assumptions(replicates=100))


def drawn(spec: dict, name: str) -> list[dict]:
    return spec["datasets"][name] if name in spec["datasets"] else []


def test_panel_shows_the_models_numbers_and_says_what_is_published(panel):
    u = le.list_experiment_update(le.Assumptions(replicates=100))
    assert panel.summary() == le.result_text(u)
    assert panel.summary().startswith("One synthetic survey of 500 respondents: asked directly")
    assert "<b>One synthetic survey" in panel.numbers
    assert panel.values == {"start": TOY, "support": 50.0, "hiding": 50.0, "respondents": 500}
    note = panel_note(panel)
    assert "Published [S144]" in note and "Illustrative" in note and "synthetic" in note
    table = panel.slot("assumptions").value
    assert "<td style='padding:2px 6px'>published</td><td style='padding:2px 6px'>[S144]</td>" in table
    assert panel.css_class == "kit-listexperiment-panel" and isinstance(panel, panels.Panel)


def test_panel_chart_is_the_charts_builder_with_the_models_rows(panel):
    spec = chart_spec(panel)
    assert spec["title"]["text"] == "Toy list experiment: the estimates of 100 synthetic surveys"
    assert spec["description"] == panel.description and "synthetic" in spec["description"]
    bins = drawn(spec, "bins")
    assert sum(r["surveys"] for r in bins) == 2 * 100
    assert drawn(spec, "truth") == [{"label": "True share (known only in the toy)", "truth": 50.0}]
    assert panel.static_chart().to_dict()["datasets"]["bins"] == bins  # the companion: the default state


@pytest.mark.parametrize("control, value, expect", [
    ("support", 20.0, "True share (known only in the toy): 20%"),
    ("hiding", 0.0, "the direct question averages 50."),
    ("respondents", 2_000, "One synthetic survey of 2,000 respondents"),
    ("respondents", "3,000", "One synthetic survey of 3,000 respondents"),
])
def test_every_control_moves_numbers_and_chart(panel, control, value, expect):
    before_numbers, before_chart = panel.summary(), chart_spec(panel)
    panel.set(**{control: value})
    assert panel.message == "" and expect in panel.summary() and panel.summary() != before_numbers
    assert chart_spec(panel) != before_chart
    assert panel.values["start"] == CUSTOM


def test_menu_and_sliders_follow_each_other(panel):
    panel.set(start=PUBLISHED)
    assert (panel.values["support"], panel.values["hiding"], panel.values["respondents"]) == (30.0, 0.0, 500)
    assert "True share (known only in the toy): 30%" in panel.summary()
    assert "the direct question averages 30." in panel.summary()
    panel.set(respondents=600)
    assert panel.values["start"] == CUSTOM
    panel.set(respondents=500)
    assert panel.values["start"] == PUBLISHED
    panel.set(start=TOY)
    assert (panel.values["support"], panel.values["hiding"]) == (50.0, 50.0)
    before = panel.summary()
    panel.set(start=CUSTOM)  # "your own values" keeps the sliders where they are
    assert panel.summary() == before


@pytest.mark.parametrize("control, bad, message", [
    ("respondents", 50, "respondents per survey must be between 100 and 10000; got 50"),
    ("respondents", 250.5, "respondents per survey must be a whole number"),
    ("respondents", "many", "respondents per survey must be a whole number between 100 and 10000; got 'many'"),
    ("support", 120.0, "truly support (%) must be between 0 and 100; got 120"),
    ("hiding", -5.0, "opponents who hide (%) must be between 0 and 100; got -5"),
])
def test_bad_value_shows_a_message_and_keeps_the_last_good_state(panel, control, bad, message):
    numbers, spec = panel.numbers, chart_spec(panel)
    assert panel.set(**{control: bad}) is False
    assert message in panel.message and panel.widget.result["ok"] is False  # shown in role=alert
    assert "Traceback" not in panel.message
    assert (panel.numbers, chart_spec(panel)) == (numbers, spec)


@pytest.fixture(scope="module")
def shared_panel():
    return ListExperimentPanel(le.Assumptions(replicates=20))


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.integers(max_value=99), st.integers(min_value=10_001), st.text(max_size=4),
                 st.floats(allow_nan=True)))
def test_any_bad_sample_size_is_refused_with_a_message(shared_panel, bad):
    ok = shared_panel.set(respondents=bad)
    if ok:  # a string such as "1000" or a float such as 500.0 is a valid size
        assert shared_panel.message == ""
    else:
        assert shared_panel.message.startswith("respondents per survey must be")
    shared_panel.set(respondents=500)
    assert shared_panel.message == ""


def test_panel_display_shows_the_widget_and_its_summary(panel):
    bundle, _ = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == panel.summary()
