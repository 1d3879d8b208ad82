"""The precursors of notebook 06: read from data/precursors.csv, a conflicting year never placed on the chart."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.charts import precursors as precursor_charts
from widgets.data import load
from widgets.topics import precursors

TABLE = load("precursors").set_index("id")


def layer_rows(spec: dict, index: int) -> list[dict]:
    layer = spec["layer"][index]
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


# --- the topic ----------------------------------------------------------------------------------
def test_dated_facts_are_the_institutions_rows_with_a_year():
    frame = precursors.dated_precursors()
    expected = TABLE[TABLE["precursor"].isin(precursors.INSTITUTIONS) & TABLE["year"].notna()]
    assert sorted(frame["id"]) == sorted(expected.index)
    assert "pc-jiang-prehistory" not in set(frame["id"])  # scholarship is discussed, not charted
    assert "pc-five-good-families-start" not in set(frame["id"])  # conflicting: no year, no dot
    by_id = frame.set_index("id")
    for row_id, row in by_id.iterrows():
        assert row["year"] == TABLE.loc[row_id, "year"] and row["source_id"] == TABLE.loc[row_id, "source_id"]
    # lanes oldest institution first, years ascending within a lane
    assert list(dict.fromkeys(frame["precursor"])) == list(precursors.INSTITUTIONS)
    for _, lane in frame.groupby("precursor"):
        assert list(lane["year"]) == sorted(lane["year"])


def test_a_decade_reads_as_a_decade_and_spans_it():
    row = precursors.dated_precursors().set_index("id").loc["pc-dangan-origin"]
    assert (row["year"], row["year_end"], row["year_text"]) == (1950, 1959, "1950s")
    moral = precursors.dated_precursors().set_index("id").loc["pc-moral-models-first"]
    assert (moral["year_end"], moral["year_text"], moral["value_text"]) == (2007, "2007", "53 models")


def test_the_conflicting_start_is_listed_as_undated_with_the_words_year_conflicting():
    undated = precursors.undated_precursors()
    assert list(undated["id"]) == ["pc-five-good-families-start"]
    assert undated.iloc[0]["year_text"] == "year conflicting" and undated.iloc[0]["confidence"] == "conflicting"


def test_a_lower_bound_keeps_its_qualifier():
    row = precursors.precursor_rows(["pc-five-good-families-total"]).iloc[0]
    assert row["value_text"] == "more than 10,000 households"


def test_points_group_one_institution_and_year_and_keep_every_fact_and_source():
    facts = precursors.dated_precursors()
    points = precursors.precursor_points(facts)
    assert len(points) == len(facts.groupby(["lane", "year"]))
    assert points["count"].sum() == len(facts)
    moral_2007 = points[(points["lane"] == "National moral models") & (points["year"] == 2007)].iloc[0]
    assert moral_2007["count"] == 3 and "诚实守信" in moral_2007["facts"] and moral_2007["source_ids"] == "S114"
    # a year that is only the year of a report says so
    report = points[points["ids"] == "pc-dangan-no-access"].iloc[0]
    assert "year is that of the report" in report["facts"]


def test_the_description_counts_what_the_chart_shows():
    facts = precursors.dated_precursors()
    text = precursors.describe_precursors(facts)
    assert text.startswith(f"{len(facts)} dated facts about 5 institutions")
    assert "from the 1950s to 2023" in text and "4 of them were already running before the 2014 Planning Outline" in text
    assert precursors.describe_precursors(facts.iloc[0:0]) == "No dated facts about the precursors are selected."


def test_the_markdown_table_shows_chinese_names_years_and_confidence():
    text = precursors.precursors_markdown(["pc-dangan-origin", "pc-five-good-families-start"]).data
    assert "Personnel dossier (dang'an) (人事档案)" in text and "| 1950s |" in text
    assert "year conflicting" in text and "sources conflict" in text and "[S115]" in text


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=3))
def test_unknown_ids_are_refused_by_name(ids):
    if set(ids) <= set(TABLE.index):
        return
    with pytest.raises(ValueError, match="ids has unknown precursor id"):
        precursors.precursor_rows(ids)


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.integers(), st.text(max_size=8), st.none()))
def test_ids_that_are_not_a_list_are_refused(ids):
    if ids is None:
        return  # None means every row
    with pytest.raises(TypeError, match="ids must be a list of precursor ids"):
        precursors.precursor_rows(ids)


# --- the chart ---------------------------------------------------------------------------------
def test_the_chart_draws_every_point_and_the_planning_outline():
    points = precursors.precursor_points()
    spec = precursor_charts.precursors_chart(points, facts=precursors.dated_precursors()).to_dict()
    assert spec["title"].startswith("Older tools of moral education")
    assert spec["description"] == precursors.describe_precursors(precursors.dated_precursors())
    assert len(layer_rows(spec, 1)) == len(points)  # the dots
    assert {r["year"] for r in layer_rows(spec, 1)} == set(points["year"])
    outline = layer_rows(spec, 2)
    assert outline == [{"year": 2014, "label": "2014 Planning Outline",
                        "event": str(load("timeline").set_index("id").loc["tl-2014-06-14-planning-outline", "event"]),
                        "source_id": "S47"}]
    dots = spec["layer"][1]["encoding"]
    assert dots["x"]["title"].startswith("Year") and {t["title"] for t in dots["tooltip"]} >= {"Recorded", "Source", "Confidence"}
    assert set(dots["color"]["scale"]["range"]) <= set(precursor_charts.PALETTE)


def test_the_chart_refuses_bad_input_with_a_message():
    with pytest.raises(TypeError, match="points must be a pandas DataFrame"):
        precursor_charts.precursors_chart([1, 2])
    with pytest.raises(ValueError, match="points is missing column"):
        precursor_charts.precursors_chart(pd.DataFrame({"year": [2007]}), description="x")
    with pytest.raises(ValueError, match="give the chart a description"):
        precursor_charts.precursors_chart(precursors.precursor_points())
