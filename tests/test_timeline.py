"""The timeline of notebook 02: shaping data/timeline.csv, its chart and its panel, as a reader meets them."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_rows, chart_spec
from widgets import charts, sources
from widgets.charts import timeline as timeline_charts
from widgets.data import load
from widgets.panels.timeline import EMPTY_MESSAGE, TimelinePanel
from widgets.topics import timeline

TABLE = load("timeline")


# --- shaping ---------------------------------------------------------------------------
def test_default_events_are_every_row_sorted_by_date():
    events = timeline.timeline_events()
    assert len(events) == len(TABLE)
    assert set(events["id"]) == set(TABLE["id"])
    assert events["date"].is_monotonic_increasing
    # ties on the same date are broken by id, so the order never depends on the file's row order
    shuffled = timeline.timeline_events(TABLE.sample(frac=1, random_state=3))
    assert list(shuffled["id"]) == list(events["id"])


def test_dates_are_written_as_precisely_as_known():
    events = timeline.timeline_events()
    expected = [sources.format_date(d, p) for d, p in zip(events["date"], events["precision"])]
    assert list(events["date_text"]) == expected
    row = events.set_index("id")
    assert row.loc["tl-2002-11-08-16th-party-congress", "date_text"] == "8 November 2002"
    assert row.loc["tl-2015-06-joint-conference-39-members", "date_text"] == "June 2015"
    assert row.loc["tl-2007-joint-conference", "date_text"] == "2007"


def test_period_of_month_and_year_dates():
    events = timeline.timeline_events().set_index("id")
    month = events.loc["tl-2013-10-defaulter-list-online"]
    assert month["period_end"] == pd.Timestamp("2013-10-31")
    year = events.loc["tl-2007-joint-conference"]
    assert year["period_end"] == pd.Timestamp("2007-12-31")
    day = events.loc["tl-2014-06-14-planning-outline"]
    assert day["period_end"] == day["date"] == day["plot_date"]
    assert ((events["plot_date"] >= events["date"]) & (events["plot_date"] <= events["period_end"])).all()
    assert year["plot_date"].month == 7  # the middle of the year, not 1 January


@pytest.mark.parametrize("categories, years", [
    (["law"], (2002, 2022)), (["finance", "commercial"], (2015, 2018)),
    (["state-local", "scholarship"], (2019, 2019)), (list(timeline.CATEGORIES), (2013, 2014)),
])
def test_filters_keep_exactly_the_matching_rows(categories, years):
    events = timeline.timeline_events(categories=categories, years=years)
    expected = TABLE[TABLE["category"].astype(str).isin(categories)
                     & TABLE["date"].dt.year.between(*years)]
    assert set(events["id"]) == set(expected["id"])
    assert len(events) == len(expected)
    assert set(events["category"]) <= set(categories)


def test_category_counts_include_zeros_in_category_order():
    events = timeline.timeline_events(categories=["law", "commercial"], years=(2013, 2013))
    counts = timeline.category_counts(events, ["commercial", "law"])
    assert list(counts["category"]) == ["commercial", "law"]  # category order, not the order given
    n_law = int(((TABLE["category"] == "law") & (TABLE["date"].dt.year == 2013)).sum())
    assert list(counts["events"]) == [0, n_law] and n_law > 0


def test_chronological_orders_ids_from_the_data():
    ids = ["tl-2021-11-01-pipl-in-force", "tl-2002-11-08-16th-party-congress", "tl-2014-06-14-planning-outline"]
    assert timeline.chronological(ids) == [ids[1], ids[2], ids[0]]
    with pytest.raises(ValueError, match="ids not found in timeline.csv: tl-nope"):
        timeline.chronological(["tl-nope"])


def test_year_bounds_come_from_the_schema():
    assert timeline.year_bounds() == (2002, 2022)


# --- chart -----------------------------------------------------------------------------
def test_chart_carries_the_selected_rows_with_tooltips_and_palette():
    events = timeline.timeline_events(categories=["law", "finance"], years=(2013, 2018))
    spec = timeline_charts.timeline_chart(events).to_dict()
    dots = chart_rows(spec, 1)
    assert sorted(r["id"] for r in dots) == sorted(events["id"])
    assert len(dots) == len(events) <= charts.MAX_ROWS
    by_id = {r["id"]: r for r in dots}
    assert "tl-2014-06-14-planning-outline" not in by_id  # a central-state event is not in a law/finance selection
    pboc = by_id["tl-2015-01-05-pboc-eight-firms"]
    assert pboc["date_text"] == "5 January 2015" and pboc["source_id"] == "S54" and pboc["confidence"] == "verified"
    encoding = spec["layer"][1]["encoding"]
    assert [t["title"] for t in encoding["tooltip"]] == ["Event", "Date", "Date known", "Category", "Source",
                                                         "Confidence"]
    assert encoding["color"]["scale"]["range"] == charts.PALETTE[:len(timeline.CATEGORIES)]
    assert encoding["x"]["scale"]["domain"] == ["2002-01-01", "2022-12-31"]
    assert encoding["x"]["title"] == "Date (year)" and encoding["y"]["title"] == "Category"
    assert spec["title"] and f"{len(events)} dated events" in spec["description"]
    # the period line is drawn only for month- and year-precision rows
    assert spec["layer"][0]["transform"] == [{"filter": "(datum.precision !== 'day')"}]


def test_colours_stay_with_their_category_whatever_the_selection():
    only_law = timeline_charts.timeline_chart(timeline.timeline_events(categories=["law"])).to_dict()
    everything = timeline_charts.timeline_chart(timeline.timeline_events()).to_dict()
    assert only_law["layer"][1]["encoding"]["color"]["scale"] == everything["layer"][1]["encoding"]["color"]["scale"]


def test_empty_selection_draws_a_note_not_an_error():
    events = timeline.timeline_events(categories=[])
    assert events.empty
    spec = timeline_charts.timeline_chart(events).to_dict()
    assert chart_rows(spec, 1) == []
    assert "No events in this selection" in chart_rows(spec, 2)[0]["text"]
    assert "No events match" in spec["description"]


def test_chart_rejects_a_frame_that_did_not_come_from_timeline_events():
    with pytest.raises(ValueError, match="events is missing column.*timeline_events"):
        timeline_charts.timeline_chart(TABLE)
    with pytest.raises(TypeError, match="events must be a DataFrame"):
        timeline_charts.timeline_chart([1, 2])


# --- bad input (property tests) ----------------------------------------------------------
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4).filter(
    lambda xs: any(x not in timeline.CATEGORIES for x in xs)))
@settings(max_examples=60, deadline=None)
def test_unknown_categories_are_named(categories):
    with pytest.raises(ValueError, match=r"^categories has unknown categor.*allowed: finance, state-central"):
        timeline.timeline_events(categories=categories)


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=8),  # None means "all"
                 st.lists(st.integers(), min_size=1, max_size=3)))
@settings(max_examples=60, deadline=None)
def test_categories_of_the_wrong_type_are_named(categories):
    with pytest.raises(TypeError, match=r"^categories must "):
        timeline.timeline_events(categories=categories)


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1900, max_value=2100))
@settings(max_examples=80, deadline=None)
def test_years_outside_the_range_or_backwards_are_named(first, last):
    ok = 2002 <= first <= last <= 2022
    if ok:
        events = timeline.timeline_events(years=(first, last))
        assert events["year"].between(first, last).all()
    else:
        with pytest.raises(ValueError, match=r"^years must (lie between 2002 and 2022|run forwards)"):
            timeline.timeline_events(years=(first, last))


@given(st.one_of(st.integers(), st.text(max_size=6), st.tuples(st.floats(), st.floats()),
                 st.tuples(st.integers(2002, 2022)), st.tuples(st.booleans(), st.integers(2002, 2022))))
@settings(max_examples=60, deadline=None)
def test_years_of_the_wrong_shape_are_named(years):
    with pytest.raises(TypeError, match=r"^years must "):
        timeline.timeline_events(years=years)


def test_bad_tables_are_named():
    with pytest.raises(TypeError, match="timeline must be a pandas DataFrame"):
        timeline.timeline_events([{"id": "x"}])
    with pytest.raises(ValueError, match="timeline is missing column.*category"):
        timeline.timeline_events(TABLE.drop(columns="category"))
    bad = TABLE.assign(category=TABLE["category"].astype(str).replace({"law": "politics"}))
    with pytest.raises(ValueError, match=r"timeline\['category'\] has unknown category 'politics'"):
        timeline.timeline_events(bad)


# --- panel -------------------------------------------------------------------------------
def test_panel_default_shows_every_event_and_per_category_counts():
    panel = TimelinePanel()
    counts = TABLE["category"].astype(str).value_counts()
    assert panel.summary().startswith(f"{len(TABLE)} of {len(TABLE)} events shown (2002–2022):")
    for category, label in timeline.CATEGORY_LABELS.items():
        assert f"{label} {counts.get(category, 0)}" in panel.summary()
    assert panel.message == ""
    assert "kit-timeline-panel" in panel.css_class
    assert f"{len(TABLE)} dated events" in panel.description


def test_panel_filters_redraw_the_chart_and_numbers():
    panel = TimelinePanel()
    before = chart_spec(panel)
    panel.boxes["state-central"].value = False
    n = int((TABLE["category"] != "state-central").sum())
    assert panel.summary().startswith(f"{n} of {len(TABLE)} events shown")
    assert "Central state" not in panel.summary()
    spec = chart_spec(panel)
    assert spec != before
    assert len(chart_rows(spec, 1)) == n
    panel.years.value = (2018, 2018)
    in_2018 = TABLE[(TABLE["category"] != "state-central") & (TABLE["date"].dt.year == 2018)]
    assert panel.summary().startswith(f"{len(in_2018)} of {len(TABLE)} events shown (2018):")
    assert sorted(r["id"] for r in chart_rows(chart_spec(panel), 1)) == sorted(in_2018["id"])


def test_panel_empty_selection_shows_a_message_not_an_error():
    panel = TimelinePanel()
    for box in panel.boxes.values():
        box.value = False
    assert panel.summary().startswith(f"0 of {len(TABLE)} events shown")
    assert panel.info == EMPTY_MESSAGE and panel.widget.result["info"] == EMPTY_MESSAGE  # a note (role=status)
    assert panel.message == ""  # not an error
    assert chart_rows(chart_spec(panel), 1) == []
    panel.boxes["commercial"].value = True
    assert panel.info == "" and panel.message == ""
    n = int((TABLE["category"] == "commercial").sum())
    assert panel.summary().startswith(f"{n} of {len(TABLE)} events shown") and f"Commercial {n}" in panel.summary()


def test_panel_years_with_no_event_in_a_category_is_explained():
    panel = TimelinePanel(categories=["commercial"], years=(2002, 2010))
    assert panel.summary().startswith(f"0 of {len(TABLE)} events shown (2002–2010): Commercial 0")
    assert panel.info == EMPTY_MESSAGE


def test_panel_static_companion_is_the_default_state():
    panel = TimelinePanel()
    default = panel.static_chart().to_dict()
    panel.boxes["law"].value = False
    assert panel.static_chart().to_dict() == default
    assert len(chart_rows(default, 1)) == len(TABLE)


def test_panel_years_out_of_order_show_a_message():
    panel = TimelinePanel()
    numbers = panel.numbers
    panel.years.value = (2020, 2010)
    assert panel.message == "years must run forwards (first year <= last year); got 2020 to 2010"
    assert panel.numbers == numbers


def test_panel_constructor_checks_its_arguments():
    with pytest.raises(ValueError, match="categories has unknown category 'sport'"):
        TimelinePanel(categories=["sport"])
    with pytest.raises(ValueError, match="years must lie between 2002 and 2022"):
        TimelinePanel(years=(1999, 2005))
