"""Published counts beside the chapter's figures (notebooks 03, 06): read from data, kinds kept apart."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.charts import official_counts as counts_charts
from widgets.data import load
from widgets.topics import official_counts

MODELS = load("scoring_models").set_index("id")


def bar_rows(chart) -> list[dict]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    data = spec["layer"][0].get("data") or spec["data"]  # altair lifts data shared by the layers
    return spec["datasets"][data["name"]]


# --- the counts come from the data ---------------------------------------------------------------
def test_joint_conference_counts_as_the_sources_give_them():
    frame = official_counts.model_counts(official_counts.JOINT_CONFERENCE_IDS)
    assert list(frame["id"]) == list(official_counts.JOINT_CONFERENCE_IDS)
    assert list(frame["value"]) == [39, 44, 40, 43, 47]
    assert list(frame["source_id"]) == ["S25", "S27", "S26", "S26", "chapter"]
    assert list(frame["basis"]) == [official_counts.PUBLISHED] * 4 + [official_counts.CHAPTER]
    assert list(frame["value"]) == [MODELS.loc[i, "value"] for i in official_counts.JOINT_CONFERENCE_IDS]


def test_pilot_counts_keep_the_chapters_figure_apart():
    frame = official_counts.model_counts(official_counts.PILOT_IDS).set_index("id")
    assert frame.loc["city-points-pilots-chapter", "value"] == 62
    assert frame.loc["city-points-pilots-chapter", "basis"] == official_counts.CHAPTER
    published = frame[frame["basis"] == official_counts.PUBLISHED]
    assert sorted(published["value"]) == [40, 43, 43] and set(published["source_id"]) == {"S24", "S6", "S2"}
    assert "more than 40" in frame.loc["city-points-pilot-cities-2018-press-release", "label"]


def test_memoranda_counts_add_up_to_the_total():
    frame = official_counts.model_counts(official_counts.MEMORANDA_IDS)
    assert list(frame["value"]) == [46, 5]
    assert frame["value"].sum() == MODELS.loc["list-rules-central-memoranda", "value"] == 51


def test_demonstration_batches_mark_the_derived_total():
    frame = official_counts.demonstration_batches()
    assert list(frame["batch"]) == [1, 2, 3]
    assert list(frame["value"]) == [12, 16, 34]
    assert list(frame["basis"]) == [official_counts.PUBLISHED, official_counts.DERIVED, official_counts.PUBLISHED]
    assert frame["note"].iloc[1].startswith("Derived by the kit")
    assert list(frame["named"]) == [12, 0, 0]  # the first batch's twelve cities are named in the data
    assert frame["label"].iloc[0] == "Batch 1, 9 January 2018" and frame["label"].iloc[1] == "Batch 2, August 2019"


def test_a_row_without_a_number_is_refused():
    with pytest.raises(ValueError, match="city-points-rongcheng-start-points carry no figure"):
        official_counts.model_counts(["city-points-rongcheng-start-points"])


def test_unknown_ids_are_named():
    with pytest.raises(ValueError, match="ids has unknown row id\\(s\\) nope"):
        official_counts.model_counts(["list-rules-central-memoranda", "nope"])
    with pytest.raises(ValueError, match="must not repeat"):
        official_counts.model_counts(["list-rules-central-memoranda"] * 2)


# --- the chart ------------------------------------------------------------------------------------
def test_chart_colours_each_kind_of_figure():
    chart = counts_charts.counts_chart(official_counts.model_counts(official_counts.JOINT_CONFERENCE_IDS),
                                title="Central bodies", x_title="Central bodies (count)")
    rows = bar_rows(chart)
    assert [r["value"] for r in rows] == [39, 44, 40, 43, 47]
    assert rows[-1]["basis"] == official_counts.CHAPTER and rows[-1]["source"] == "[chapter]"
    spec = chart.to_dict()
    assert spec["title"] == "Central bodies"
    assert "Central institutions according to the chapter ('more than 47'): more than 47 [chapter], only in the chapter" \
        in spec["description"]
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["title"] == "Central bodies (count)" and enc["tooltip"]
    assert enc["color"]["scale"]["domain"] == [official_counts.PUBLISHED, official_counts.CHAPTER]


def test_a_lower_bound_is_never_drawn_as_an_exact_count():
    frame = official_counts.model_counts(official_counts.PILOT_IDS).set_index("id")
    assert frame.loc["city-points-pilots-chapter", "qualifier"] == "at least"
    assert pd.isna(frame.loc["city-points-pilot-cities-bi", "qualifier"])
    texts = dict(zip(frame.index, official_counts.value_text(frame)))
    assert texts["city-points-pilots-chapter"] == "at least 62" and texts["city-points-pilot-cities-bi"] == "43"
    assert texts["city-points-pilot-cities-2018-press-release"] == "more than 40"
    spec = counts_charts.counts_chart(official_counts.model_counts(official_counts.PILOT_IDS),
                                      title="Pilots", x_title="Pilot cities or pilots (count)").to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["bar", "text", "rule", "point", "text"]   # bars, exact labels, arrow shaft, arrow head, bound labels
    rows = bar_rows(counts_charts.counts_chart(official_counts.model_counts(official_counts.PILOT_IDS),
                                               title="Pilots", x_title="x"))
    arrows = {r["value_text"]: r["arrow_end"] > r["value"] for r in rows}
    assert arrows == {"43": False, "more than 40": True, "at least 62": True}
    assert "at least 62 [chapter]" in spec["description"]
    assert official_counts.lower_bound(frame.assign(qualifier="about")).sum() == 0  # 'about' is not a bound


def test_a_chart_without_bounds_keeps_its_two_layers():
    spec = counts_charts.counts_chart(official_counts.model_counts(official_counts.MEMORANDA_IDS),
                                      title="Memoranda", x_title="Memoranda (count)").to_dict()
    assert len(spec["layer"]) == 2 and "bound" not in bar_rows(counts_charts.counts_chart(
        official_counts.model_counts(official_counts.MEMORANDA_IDS), title="t", x_title="x"))[0]


def test_chart_marks_the_derived_batch():
    rows = bar_rows(counts_charts.counts_chart(official_counts.demonstration_batches(), title="Batches", x_title="Cities (count)"))
    assert [r["basis"] for r in rows] == [official_counts.PUBLISHED, official_counts.DERIVED, official_counts.PUBLISHED]


def test_chart_refuses_rows_without_a_value_or_an_unknown_basis():
    frame = official_counts.model_counts(official_counts.MEMORANDA_IDS)
    with pytest.raises(ValueError, match="rows without a value"):
        counts_charts.counts_chart(frame.assign(value=float("nan")), title="t", x_title="x")
    with pytest.raises(ValueError, match="frame\\['basis'\\] must be one of"):
        counts_charts.counts_chart(frame.assign(basis="guess"), title="t", x_title="x")
    with pytest.raises(ValueError, match="frame must have at least one row"):
        counts_charts.counts_chart(frame.iloc[:0], title="t", x_title="x")
    with pytest.raises(TypeError, match="x_title must be a non-empty string"):
        counts_charts.counts_chart(frame, title="t", x_title="")


# --- properties: bad input names the parameter ------------------------------------------------------
@given(st.one_of(st.integers(), st.none(), st.text(max_size=6), st.just([]), st.lists(st.integers(), min_size=1, max_size=3)))
@settings(max_examples=40, deadline=None)
def test_bad_ids_are_named(bad):
    with pytest.raises((TypeError, ValueError), match="ids must (be a list of row ids|name at least one row)"):
        official_counts.model_counts(bad)


@given(st.one_of(st.integers(), st.floats(), st.text(max_size=5), st.lists(st.integers(), max_size=3)))  # None means "the data"
@settings(max_examples=30, deadline=None)
def test_bad_tables_are_named(bad):
    with pytest.raises(TypeError, match="scoring_models must be a pandas DataFrame"):
        official_counts.model_counts(official_counts.MEMORANDA_IDS, bad)
    with pytest.raises(TypeError, match="demonstration_cities must be a pandas DataFrame"):
        official_counts.demonstration_batches(bad)
    with pytest.raises(TypeError, match="frame must be a pandas DataFrame"):
        counts_charts.counts_chart(bad, title="t", x_title="x")


@given(st.sets(st.sampled_from(official_counts.COLUMNS), min_size=1, max_size=3))
@settings(max_examples=20, deadline=None)
def test_missing_chart_columns_are_named(dropped):
    frame = official_counts.model_counts(official_counts.MEMORANDA_IDS)
    with pytest.raises(ValueError, match="frame is missing column"):
        counts_charts.counts_chart(frame.drop(columns=sorted(dropped)), title="t", x_title="x")


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=6))
@settings(max_examples=30, deadline=None)
def test_chart_draws_every_value_given(values):
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(len(values))], "label": [f"row {i}" for i in range(len(values))],
                          "value": values, "source_id": "S1", "confidence": "verified",
                          "basis": official_counts.PUBLISHED, "note": None})
    rows = bar_rows(counts_charts.counts_chart(frame, title="t", x_title="x"))
    assert [r["value"] for r in rows] == pytest.approx(values)
