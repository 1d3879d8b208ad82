"""City-score uptake (notebook 03): shares read from the data, computed ones marked, gaps never filled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.charts import city_uptake as uptake_charts
from widgets.data import load
from widgets.topics import city_uptake

TABLE = load("city_scores")
BY_CITY = TABLE.set_index("city")


def layer_rows(chart) -> list[list[dict]]:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    return [spec["datasets"][layer["data"]["name"]] for layer in spec["layer"]]


def table_with(**rows: dict) -> pd.DataFrame:
    """A minimal city_scores-like table: one row per city with the given fields."""
    base = {"accounts_activated": np.nan, "population_base": np.nan, "share_activated_percent": np.nan,
            "source_id": "S10", "confidence": "verified"}
    return pd.DataFrame([{"id": f"cs-{city.lower()}", "city": city, **base, **fields}
                         for city, fields in rows.items()])


# --- the table -----------------------------------------------------------------------------
def test_published_shares_are_read_from_the_data():
    table = city_uptake.uptake_table().set_index("city")
    for city in ("Xiamen", "Wuhu", "Hangzhou"):
        assert table.loc[city, "share_percent"] == BY_CITY.loc[city, "share_activated_percent"]
        assert not table.loc[city, "computed"]
        assert table.loc[city, "source_id"] == BY_CITY.loc[city, "source_id"]
    assert (table.loc["Wuhu", "share_percent"], table.loc["Xiamen", "share_percent"],
            table.loc["Hangzhou", "share_percent"]) == (1.5, 5, 15)


def test_suzhou_share_is_computed_and_marked():
    suzhou = city_uptake.uptake_table().set_index("city").loc["Suzhou"]
    expected = BY_CITY.loc["Suzhou", "accounts_activated"] / BY_CITY.loc["Suzhou", "population_base"] * 100
    assert suzhou["computed"]
    assert suzhou["share_percent"] == pytest.approx(expected) == pytest.approx(1_630_000 / 13_000_000 * 100)
    assert city_uptake.activation_share("Suzhou") == pytest.approx(expected)


def test_cities_without_a_figure_are_left_out_and_order_is_largest_first():
    table = city_uptake.uptake_table()
    assert set(table["city"]) == {"Hangzhou", "Suzhou", "Xiamen", "Wuhu"}
    assert list(table["city"]) == ["Hangzhou", "Suzhou", "Xiamen", "Wuhu"]
    assert np.allclose(table["share_percent"] + table["not_activated_percent"], 100)
    with pytest.raises(ValueError, match="city must be one of: Hangzhou, Suzhou, Wuhu, Xiamen; got 'Fuzhou'"):
        city_uptake.activation_share("Fuzhou")  # in the data, but no uptake figure was found


def test_an_unconfirmed_row_is_never_given_a_share():
    fake = table_with(Alpha={"share_activated_percent": 40.0, "confidence": "unconfirmed"},
                      Beta={"accounts_activated": 10.0, "population_base": 100.0})
    table = city_uptake.uptake_table(fake)
    assert list(table["city"]) == ["Beta"] and table["share_percent"].iloc[0] == 10


def test_more_accounts_than_people_is_refused():
    with pytest.raises(ValueError, match="between 0 and 100%.*Gamma"):
        city_uptake.uptake_table(table_with(Gamma={"accounts_activated": 200.0, "population_base": 100.0}))


@pytest.mark.parametrize("share, text", [(5, "5%"), (1.5, "1.5%"), (12.538, "12.5%"), (0.01, "under 0.1%"), (0, "0%")])
def test_share_text(share, text):
    assert city_uptake.share_text(share) == text


# --- the chart --------------------------------------------------------------------------------
def test_chart_shows_each_city_as_activated_plus_the_rest():
    chart = uptake_charts.uptake_chart()
    bars, labels = layer_rows(chart)
    by = {(r["city"], r["status"]): r["percent"] for r in bars}
    assert by[("Wuhu", city_uptake.PUBLISHED_SHARE)] == 1.5 and by[("Wuhu", city_uptake.NO_ACCOUNT)] == 98.5
    assert by[("Suzhou", city_uptake.COMPUTED_SHARE)] == pytest.approx(12.54, abs=0.01)
    assert ("Suzhou", city_uptake.PUBLISHED_SHARE) not in by
    assert [r["share_text"] for r in labels] == ["15%", "12.5%", "5%", "1.5%"]
    spec = chart.to_dict()
    assert spec["title"] and spec["description"].startswith("Each bar is all of a city's residents")
    assert "Suzhou 12.5% (computed by the kit from 1,630,000 accounts of 13,000,000 people)" in spec["description"]
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["title"] == "Residents (%)" and enc["tooltip"]
    assert len(bars) <= 5_000


def test_chart_is_deterministic():
    assert uptake_charts.uptake_chart().to_dict() == uptake_charts.uptake_chart().to_dict()


def test_chart_with_no_city_to_draw_says_so():
    with pytest.raises(ValueError, match="no city with a published uptake figure"):
        uptake_charts.uptake_chart(table_with(Delta={}))


# --- properties ------------------------------------------------------------------------------------
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=10**7)),
                min_size=1, max_size=8))
@settings(max_examples=40, deadline=None)
def test_computed_shares_stay_in_range_and_sorted(pairs):
    pairs = [(min(a, p), p) for a, p in pairs]
    fake = table_with(**{f"City{i}": {"accounts_activated": float(a), "population_base": float(p)}
                         for i, (a, p) in enumerate(pairs)})
    table = city_uptake.uptake_table(fake)
    assert len(table) == len(pairs) and table["computed"].all()
    assert ((table["share_percent"] >= 0) & (table["share_percent"] <= 100)).all()
    assert np.allclose(table["share_percent"] + table["not_activated_percent"], 100)
    assert table["share_percent"].is_monotonic_decreasing


@given(st.one_of(st.integers(), st.floats(), st.text(max_size=5), st.lists(st.integers(), max_size=3)))  # None means "the data"
@settings(max_examples=30, deadline=None)
def test_bad_table_is_named(bad):
    with pytest.raises(TypeError, match="city_scores must be a pandas DataFrame"):
        city_uptake.uptake_table(bad)


@given(st.sets(st.sampled_from(city_uptake.COLUMNS), min_size=1, max_size=3))
@settings(max_examples=20, deadline=None)
def test_missing_columns_are_named(dropped):
    with pytest.raises(ValueError, match="city_scores is missing column"):
        city_uptake.uptake_table(TABLE.drop(columns=sorted(dropped)))


@given(st.one_of(st.integers(), st.none(), st.floats(allow_nan=False), st.text(max_size=8)).filter(
    lambda v: v not in {"Hangzhou", "Suzhou", "Xiamen", "Wuhu"}))
@settings(max_examples=40, deadline=None)
def test_bad_city_is_named(bad):
    with pytest.raises((TypeError, ValueError), match="city must be"):
        city_uptake.activation_share(bad)
