"""The court-list panel of notebook 05 as a user meets it: the synthetic debtors under the 2013 or the 2017
text, how long they stay listed, each control moving the numbers and the chart, bad input as a message."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import chart_spec, chart_title
from widgets import charts
from widgets.models import court_list
from widgets.panels import CourtListPanel


@pytest.fixture(scope="module")
def small_cases():
    return court_list.synthetic_cases(n=5_000, seed=11)


@pytest.fixture
def panel(small_cases):
    return CourtListPanel(cases=small_cases)


def rows(spec: dict, name: str) -> list[dict]:
    return spec["datasets"][name] if name in spec["datasets"] else next(
        d["values"] for d in spec.get("data", []) if d.get("name") == name)


def test_default_numbers_compare_the_two_texts(panel, small_cases):
    update = court_list.court_list_update("2017", 0, 0.25, False, small_cases)
    new, old = ({k: (v if k.startswith("share") else int(v)) for k, v in update.row(ver).drop("version", errors="ignore").items()}
                for ver in ("2017", "2013"))
    text = panel.summary()
    assert text.startswith(f"2017 text: {new['listed']:,} of 5,000 synthetic debtors listed "
                           f"({new['open_ended']:,} with no fixed term, {new['term_only']:,} with a fixed term and "
                           f"{new['both']:,} on both kinds of ground); {new['share_five_or_more']:.1%} of them stay "
                           f"listed five years or longer")
    assert (f"Compare the 2013 text: {old['listed']:,} of 5,000 synthetic debtors listed (all {old['listed']:,} "
            "with no fixed term)") in text
    assert "chance of a deletion event 25% a year (illustrative); early deletion off" in text
    assert new["listed"] > old["listed"]  # from 2017 the conduct grounds reach debtors who cannot pay
    assert panel.message == "" and "kit-courtlist-panel" in panel.css_class


def test_note_separates_published_from_illustrative(panel):
    assert "Published:" in panel.note and "Illustrative" in panel.note
    assert "[S63]" in panel.note and "[S65]" in panel.note
    assert "none for ground 1" in panel.note and "2013: no term at all" in panel.note
    assert "the chance per year that an open-ended listing ends" in panel.note


CHANGES = [("version", "2013"), ("extension", 2), ("chance", 50), ("early", True)]


@pytest.mark.parametrize("name, value", CHANGES)
def test_every_control_changes_numbers_and_chart(panel, name, value):
    numbers, chart = panel.numbers, chart_spec(panel)
    panel.control(name).value = value
    assert panel.message == ""
    assert panel.numbers != numbers
    assert chart_spec(panel) != chart


def test_switching_the_text_swaps_bars_and_diamonds(panel):
    before = chart_spec(panel)
    panel.set(version="2013")
    after = chart_spec(panel)
    assert "the 2013 text, the 2017 text as diamonds" in chart_title(after)
    assert "the 2017 text, the 2013 text as diamonds" in chart_title(before)
    chosen_after = {r["version"] for r in rows(after, "chosen")}
    assert chosen_after == {"2013"} and {r["version"] for r in rows(after, "other")} == {"2017"}
    # under 2013 nobody has a fixed term: every bar is open-ended
    assert all(r["debtors"] == 0 for r in rows(after, "chosen") if r["reason"] != "open_ended")
    assert panel.summary().startswith("2013 text:")


def test_a_longer_extension_moves_fixed_terms_only(panel):
    panel.set(extension=3)
    bars = {(r["bin"], r["reason"]): r["debtors"] for r in rows(chart_spec(panel), "chosen")}
    assert bars[("5-6", "term")] > 0 and bars[("2-3", "term")] == 0  # two years plus three
    assert "extension 3 years" in panel.summary()


@pytest.mark.parametrize("value, message", [
    (5, "extension_years must be 0 (not extended) or a whole number from 1 to 3 (2017 text [S30]); got 5"),
    (-1, "extension_years must be 0 (not extended) or a whole number from 1 to 3"),
])
def test_bad_extension_shows_a_message_and_keeps_the_last_state(panel, value, message):
    numbers, chart = panel.numbers, chart_spec(panel)
    panel.control("extension").value = value
    assert message in panel.message
    assert panel.widget.result["ok"] is False
    assert panel.numbers == numbers and chart_spec(panel) == chart
    panel.control("extension").value = 1
    assert panel.message == ""


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers().filter(lambda x: x not in (0, 1, 2, 3)))
def test_any_bad_extension_shows_a_message(panel, bad):
    panel.control("extension").value = bad
    assert "extension_years must be 0" in panel.message
    panel.control("extension").value = 0
    assert panel.message == ""


def test_chart_is_labelled_and_aggregated(panel):
    spec = chart_spec(panel)
    assert spec["description"] == panel.description
    bars, marks = spec["layer"]
    assert bars["encoding"]["x"]["title"] == "Years on the list (10+: still listed after 10 years)"
    assert bars["encoding"]["y"]["title"] == "Synthetic debtors (count)"
    assert bars["encoding"]["tooltip"] and marks["encoding"]["tooltip"]
    assert len(rows(spec, "chosen")) == 11 * 3 and len(rows(spec, "other")) == 11
    assert all(len(r) <= charts.MAX_ROWS for r in spec["datasets"].values())
    assert "illustrative chance of a deletion event: 25% a year" in spec["description"]


def test_static_companion_is_the_default_state(panel):
    default = panel.static_chart().to_dict()
    panel.set(version="2013", chance=75)
    assert panel.static_chart().to_dict() == default
    assert "the 2017 text" in chart_title(default)
