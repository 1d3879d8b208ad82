"""The firms' lists panel (notebook 02) as a user meets it: the rules, the firm and the dormant share
move the numbers, the story and the chart's rows; bad values show a message and keep the last state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.charts import theme
from widgets.models import firm_lists
from widgets.panels import FirmListsPanel, live

N = 5_000  # synthetic firms: enough for the numbers, quick to update


@pytest.fixture(scope="module")
def panel():
    return FirmListsPanel(n=N)


def test_the_default_state_follows_the_firm_the_toy_picks(panel):
    update = firm_lists.firm_lists_update(n=N)
    assert panel.control("firm").value == update.firm == panel.default_firm
    assert panel.summary().startswith(f"Synthetic firm #{update.firm}, toy year {firm_lists.ILLUSTRATIVE_YEARS}: ")
    assert f"{update.serious_last_year:.1f}% on the serious-violation list" in panel.summary()
    assert "<b>Year 1</b>" in panel.slot("story").value
    chart = panel.static_chart().to_dict()
    assert set(chart["datasets"]) >= {"grid", "shares"} and len(chart["vconcat"]) == 2
    assert theme.title_text(chart) == panel.last.title and "2014 Regulations" in panel.last.title


def test_switching_to_the_2021_measures_lowers_the_serious_list(panel):
    panel.set(rules=firm_lists.RULES_2014)
    before_numbers, before_rows = panel.numbers, panel.widget.result["data"]["shares"]
    assert panel.set(rules=firm_lists.RULES_2021)
    after = firm_lists.firm_lists_update(firm_lists.RULES_2021, panel.default_firm, n=N)
    assert panel.numbers != before_numbers and panel.widget.result["data"]["shares"] != before_rows
    assert f"{after.serious_last_year:.1f}% on the serious-violation list (2021 SAMR measures)" in panel.summary()
    assert "2021 SAMR measures" in panel.current_chart().to_dict()["params"][0]["value"]
    panel.set(rules=firm_lists.RULES_2014)


def test_following_another_firm_changes_the_story_and_the_grid(panel):
    story, grid = panel.slot("story").value, panel.widget.result["data"]["grid"]
    assert panel.set(firm=0)
    assert panel.summary().startswith("Synthetic firm #0,")
    table = firm_lists.firm_lists_update(firm=0, n=N).table
    assert panel.widget.result["data"]["grid"]["year"][:len(table)] == list(table["year"])
    assert (panel.slot("story").value != story) or (panel.widget.result["data"]["grid"] != grid)
    panel.set(firm=panel.default_firm)


def test_more_dormant_firms_put_more_firms_on_the_lists(panel):
    low = firm_lists.firm_lists_update(n=N, dormant_share=0.0)
    assert panel.set(dormant=0)
    assert f"{low.abnormal_last_year:.1f}% are on the abnormal-operations list" in panel.summary()
    assert panel.set(dormant=40)
    high = firm_lists.firm_lists_update(n=N, dormant_share=0.4)
    assert f"{high.abnormal_last_year:.1f}% are on the abnormal-operations list" in panel.summary()
    assert high.abnormal_last_year > low.abnormal_last_year
    panel.set(dormant=firm_lists.ILLUSTRATIVE_DORMANT_SHARE * 100)


@settings(max_examples=20, deadline=None)
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=N), st.floats(0.1, 0.9), st.just(""),
                 st.just("seven"), st.none()))
def test_a_firm_that_does_not_exist_gets_a_message(panel, firm):
    good = panel.numbers
    assert not panel.set(firm=firm)
    assert panel.message.startswith(f"firm must be a whole number from 0 to {N - 1:,}")
    assert panel.numbers == good and panel.widget.result["ok"] is False
    assert panel.set(firm=panel.default_firm) and panel.message == ""


def test_a_dormant_share_out_of_range_gets_a_message(panel):
    assert not panel.set(dormant=80)
    assert panel.message == "dormant must be between 0 and 50; got 80"
    assert panel.set(dormant=8)


def test_every_control_says_what_it_sets_and_the_note_names_published_and_illustrative(panel):
    for control in (c for c in live.walk(panel.controls) if isinstance(c, live.VALUED)):
        assert control.label and (isinstance(control, live.Radio) or control.unit)
    assert "[S72]" in panel.note and "[S75]" in panel.note and "Illustrative" in panel.note
    assert "synthetic firms" in panel.note
