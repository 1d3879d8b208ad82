"""Survey figures of notebook 07: unconfirmed figures never become bars; percent and points stay apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.charts import surveys as survey_charts
from widgets.data import load
from widgets.topics import surveys

TABLE = load("surveys")
BY_ID = TABLE.set_index("id")
UNCONFIRMED_IDS = set(TABLE.loc[TABLE["confidence"] == "unconfirmed", "id"])


def marks(spec: dict, chart: dict | None = None, inherited: dict | None = None) -> list[tuple[str, list[dict]]]:
    """(mark type, rows drawn) for every layer of a chart spec, including inside concatenations."""
    chart = spec if chart is None else chart
    data = chart.get("data") or inherited
    found = []
    for sub in chart.get("hconcat", []) + chart.get("vconcat", []):
        found += marks(spec, sub, data)
    for layer in chart.get("layer", []):
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        found.append((mark, spec["datasets"][(layer.get("data") or data)["name"]]))
    return found


def value(row_id: str) -> float:
    return float(BY_ID.loc[row_id, "value"])


# --- shaping ---------------------------------------------------------------------------
def test_kostka_2018_rows_read_from_the_data():
    frame = surveys.kostka_2018()
    assert list(frame["id"]) == list(surveys.KOSTKA_2018_IDS)
    approve = frame.set_index("id").loc["sv-kostka-2018-approve"]
    assert approve["value"] == value("sv-kostka-2018-approve")
    # the qualifier belongs to the figure: "about 80%", never a bare 80%
    assert approve["value_text"] == f"about {value('sv-kostka-2018-approve'):g}%" and approve["status"] == "published"
    others = frame[frame["id"] != "sv-kostka-2018-approve"]
    assert set(others["status"]) == {"unconfirmed"}
    assert others["value"].isna().all()
    assert set(others["value_text"]) == {"unconfirmed: no figure in the sources"}


def test_survey_rows_keep_the_order_given_and_reject_unknown_ids():
    ids = ["sv-merics-2020-aggregated-score-after", "sv-kostka-2018-approve"]
    assert list(surveys.survey_rows(ids)["id"]) == ids
    with pytest.raises(ValueError, match="ids has unknown survey id\\(s\\) sv-nope"):
        surveys.survey_rows(["sv-nope"])
    with pytest.raises(TypeError, match="ids must be a list of survey ids"):
        surveys.survey_rows("sv-kostka-2018-approve")
    with pytest.raises(ValueError, match="ids must name at least one survey"):
        surveys.survey_rows([])


def test_percentage_points_and_relative_change_come_from_the_data():
    before = value("sv-merics-2020-aggregated-score-before")
    after = value("sv-merics-2020-aggregated-score-after")
    assert surveys.percentage_point_change() == pytest.approx(after - before)
    assert surveys.relative_change_percent() == pytest.approx((after - before) / before * 100)
    # the two numbers differ: points are not percent
    assert surveys.percentage_point_change() != pytest.approx(surveys.relative_change_percent())


def test_framing_effects_keep_units_in_their_own_columns():
    effects = surveys.framing_effects().set_index("source_id")
    merics, xu = effects.loc["S5"], effects.loc["S6"]
    assert merics["before_percent"] == value("sv-merics-2020-aggregated-score-before")
    assert merics["change_percentage_points"] == pytest.approx(surveys.percentage_point_change())
    assert np.isnan(merics["reported_fall_percent"])
    assert xu["reported_fall_percent"] == value("sv-xu-2022-repression-information")
    assert np.isnan(xu["change_percentage_points"]) and np.isnan(xu["before_percent"])


# --- charts: unconfirmed rows never become bars -----------------------------------------------
def test_2018_chart_draws_one_bar_and_labelled_gaps():
    spec = survey_charts.approval_2018_chart().to_dict()
    bar_rows = [r for mark, rows in marks(spec) if mark == "bar" for r in rows]
    assert [r["id"] for r in bar_rows] == ["sv-kostka-2018-approve"]
    assert bar_rows[0]["value"] == value("sv-kostka-2018-approve") and bar_rows[0]["source_id"] == "S1"
    text_rows = [r for mark, rows in marks(spec) if mark == "text" for r in rows]
    gaps = {r["id"]: r["value_text"] for r in text_rows if r["status"] == "unconfirmed"}
    assert set(gaps) == {"sv-kostka-2018-strongly-approve", "sv-kostka-2018-somewhat-approve",
                         "sv-kostka-2018-disapprove"}
    assert set(gaps.values()) == {"unconfirmed: no figure in the sources"}
    assert all(r["value"] is None for r in text_rows if r["status"] == "unconfirmed")
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Share of respondents (%)"
    assert "unconfirmed" in spec["description"] and "about 80%" in spec["description"]
    assert "1%" not in str(spec)  # the chapter's unconfirmed figure is not repeated in the chart


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
@settings(max_examples=40, deadline=None)
def test_a_number_slipped_into_an_unconfirmed_row_is_still_not_drawn(slipped):
    corrupted = TABLE.copy()
    corrupted.loc[corrupted["id"].isin(UNCONFIRMED_IDS), "value"] = slipped
    for chart in (survey_charts.approval_2018_chart(corrupted), survey_charts.support_levels_chart(corrupted)):
        spec = chart.to_dict()
        for mark, rows in marks(spec):
            for row in rows:
                if row.get("id") in UNCONFIRMED_IDS:
                    assert mark != "bar" and row["value"] is None, (mark, row)


def test_levels_chart_carries_the_published_rows_and_labels_the_rest():
    spec = survey_charts.support_levels_chart().to_dict()
    bar_rows = [r for mark, rows in marks(spec) if mark == "bar" for r in rows]
    published = [i for i in surveys.LEVEL_IDS if pd.notna(BY_ID.loc[i, "value"])]
    assert [r["id"] for r in bar_rows] == published
    assert all(r["value"] == value(r["id"]) for r in bar_rows)
    no_figure = [r for mark, rows in marks(spec) if mark == "text" for r in rows if r["status"] != "published"]
    assert [r["id"] for r in no_figure] == ["sv-liu-2022-urban-respondents"]
    tooltip_titles = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert {"Source", "Confidence", "Who was asked"} <= set(tooltip_titles)


def test_framing_chart_keeps_points_and_percent_on_separate_axes():
    spec = survey_charts.framing_chart().to_dict()
    left, right = spec["hconcat"]
    left_rows = [r for mark, rows in marks(spec, left) for r in rows]
    right_rows = [r for mark, rows in marks(spec, right) for r in rows]
    assert {r.get("id") for r in left_rows if "id" in r} == {surveys.MERICS_BEFORE, surveys.MERICS_AFTER}
    assert {r.get("id") for r in right_rows} == {surveys.XU_REPRESSION}
    change = surveys.percentage_point_change()
    assert any(r.get("text") == f"change: {change:+g} percentage points" for r in left_rows)
    assert left["layer"][0]["encoding"]["y"]["title"] == "Support (% of respondents)"
    assert right["layer"][0]["encoding"]["y"]["title"] == "Reported fall in support (%)"
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert f"{change:+g} percentage points" in spec["description"]


# --- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("before, after, message", [
    ("sv-kostka-2018-disapprove", "sv-kostka-2018-approve", "before_id 'sv-kostka-2018-disapprove' has no figure"),
    ("sv-kostka-2018-approve", "sv-merics-2020-aggregated-score-after", "same study and population"),
    ("sv-merics-2020-aggregated-score-before", "sv-liu-2022-urban-respondents", "after_id 'sv-liu-2022-urban-respondents' has no figure"),
    ("sv-missing", "sv-kostka-2018-approve", "before_id must be an id in surveys.csv"),
])
def test_changes_refuse_rows_that_cannot_be_compared(before, after, message):
    with pytest.raises(ValueError, match=message):
        surveys.percentage_point_change(before, after)
    with pytest.raises(ValueError, match=message):
        surveys.relative_change_percent(before, after)


def test_changes_refuse_figures_that_are_not_shares_in_percent():
    counts = TABLE.copy()
    counts["unit"] = counts["unit"].astype(object)
    counts.loc[counts["id"] == surveys.MERICS_AFTER, "unit"] = "respondents"
    with pytest.raises(ValueError, match="after_id .* must be a share in percent; its unit is respondents"):
        surveys.percentage_point_change(surveys.MERICS_BEFORE, surveys.MERICS_AFTER, counts)


@given(st.one_of(st.integers(), st.none(), st.floats(), st.lists(st.text(max_size=4), max_size=2)))
@settings(max_examples=50, deadline=None)
def test_ids_of_the_wrong_type_are_named(bad):
    with pytest.raises(TypeError, match=r"^before_id must be an id from surveys.csv"):
        surveys.percentage_point_change(bad, surveys.MERICS_AFTER)
    with pytest.raises(TypeError, match=r"^after_id must be an id from surveys.csv"):
        surveys.relative_change_percent(surveys.MERICS_BEFORE, bad)


@given(st.one_of(st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3), st.none()).filter(
    lambda x: x is not None))
@settings(max_examples=40, deadline=None)
def test_tables_of_the_wrong_type_are_named(bad):
    with pytest.raises(TypeError, match=r"^surveys must be a pandas DataFrame"):
        surveys.kostka_2018(bad)


def test_tables_missing_columns_are_named():
    with pytest.raises(ValueError, match="surveys is missing column.*confidence"):
        survey_charts.approval_2018_chart(TABLE.drop(columns="confidence"))


# --- labels: the survey's scale was not found (fact base M5) -------------------------------------
def test_no_label_gives_kostkas_scale_the_chapters_wording():
    for chart in (survey_charts.approval_2018_chart(), survey_charts.support_levels_chart()):
        text = str(chart.to_dict()).lower()
        assert "approve or strongly approve" not in text and "approved or strongly" not in text
        assert "four linked policies" not in text  # the number of MERICS policies is not recorded
    labels = surveys.kostka_2018().set_index("id")["label"]
    assert all(labels[i].startswith("The chapter's") for i in labels.index if i != "sv-kostka-2018-approve")
    assert "article" in labels["sv-kostka-2018-approve"]


# --- over-reporting of regime support (survey_method.csv) ----------------------------------------
METHOD = load("survey_method").set_index("id")


def test_over_reporting_rows_come_from_the_data_in_points():
    frame = surveys.over_reporting()
    assert list(frame["id"]) == list(surveys.OVER_REPORTING_IDS)
    for row in frame.itertuples():
        assert row.low == METHOD.loc[row.id, "value_low"] and row.source_id == METHOD.loc[row.id, "source_id"]
    rt = frame.set_index("id").loc["sm-robinson-tannenberg-2019"]
    assert (rt["low"], rt["high"], rt["value_text"]) == (24.5, 26.5, "24.5\u201326.5 points")
    assert "wealthy, urban, female and younger" in rt["groups"]
    tang = frame.set_index("id").loc["sm-tang-2016-gap"]
    assert tang["value_text"] == "4 points" and tang["method"] == "method not recorded"


def test_over_reporting_chart_draws_ranges_not_midpoints_and_says_it_is_not_about_social_credit():
    spec = survey_charts.over_reporting_chart().to_dict()
    bars = [r for mark, rows in marks(spec) if mark == "bar" for r in rows]
    assert {(r["id"], r["low"], r["high"]) for r in bars} >= {("sm-robinson-tannenberg-2019", 24.5, 26.5)}
    assert spec["layer"][0]["encoding"]["x"]["title"].endswith("(percentage points)")
    assert "not the social credit system" in spec["description"]
    assert "25.5" not in str(spec)  # no invented midpoint


def test_over_reporting_refuses_an_unconfirmed_or_empty_row():
    corrupted = load("survey_method").copy()
    corrupted["confidence"] = corrupted["confidence"].astype(str)
    corrupted.loc[corrupted["id"] == "sm-tang-2016-gap", "confidence"] = "unconfirmed"
    with pytest.raises(ValueError, match="over-reporting rows must be confirmed"):
        surveys.over_reporting(corrupted)
    with pytest.raises(ValueError, match="survey_method is missing column"):
        surveys.over_reporting(load("survey_method").drop(columns="value_low"))
