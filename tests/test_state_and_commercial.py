"""State versus commercial schemes side by side, and Baihang's ownership (notebook 04), as a reader sees them."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_rows
from widgets.charts import state_and_commercial as comparison_charts
from widgets.data import load
from widgets.topics import state_and_commercial

SCHEMES = load("schemes")
FIRMS = load("commercial_firms")
ALL_IDS = list(SCHEMES["id"])


# --- the comparison table -------------------------------------------------------------------
def test_default_comparison_holds_the_chosen_schemes_state_first():
    table = state_and_commercial.scheme_comparison()
    assert sorted(table["id"]) == sorted(state_and_commercial.DEFAULT_IDS)
    sides = list(table["side"])
    assert sides == sorted(sides, key=["state", "commercial"].index)  # every state row before every commercial row
    assert {"state", "commercial"} == set(sides)


def test_every_column_reads_its_row_of_schemes_csv():
    table = state_and_commercial.scheme_comparison().set_index("id")
    data = SCHEMES.set_index("id")
    court, zhima, baihang = (table.loc[i] for i in ("sch-spc-defaulter-list", "sch-zhima-credit", "sch-baihang-credit"))
    assert court["side"] == "state" and court["operator"] == "central state bodies"
    assert court["voluntary"] == "not voluntary (no opt-in)"
    assert court["mechanism"] == "lists" and court["consequences"] == "sanctions"
    assert court["covers"] == data.loc["sch-spc-defaulter-list", "covers"]
    assert court["source_id"] == "S30"
    assert zhima["side"] == "commercial" and zhima["operator"] == "companies"
    assert zhima["voluntary"] == "voluntary (users opt in)"
    assert zhima["mechanism"] == "a score" and zhima["consequences"] == "perks"
    assert zhima["name_zh"] == "芝麻信用"
    # empty cells in the data are said to be missing, not filled in
    assert pd.isna(data.loc["sch-baihang-credit", "mechanism"])
    assert baihang["mechanism"] == baihang["consequences"] == state_and_commercial.NOT_RECORDED
    assert baihang["voluntary"] == state_and_commercial.VOLUNTARY["unknown"] == "not recorded"
    assert table.loc["sch-tencent-credit", "status"] == "withdrawn"


def test_none_gives_every_scheme_and_sides_follow_operator_type():
    table = state_and_commercial.scheme_comparison(None)
    assert len(table) == len(SCHEMES)
    expected = SCHEMES.set_index("id")["operator_type"].astype(str).map(state_and_commercial.SIDES)
    assert (table.set_index("id")["side"] == expected.loc[table["id"]]).all()


def test_a_missing_cell_becomes_not_recorded_and_never_a_guess():
    table = SCHEMES.copy()
    table.loc[table["id"] == "sch-zhima-credit", ["voluntary", "consequences", "covers"]] = [None, None, None]
    table["voluntary"] = table["voluntary"].astype(object)
    row = state_and_commercial.scheme_comparison(["sch-zhima-credit"], table).iloc[0]
    assert row["consequences"] == row["covers"] == row["voluntary"] == "not recorded"


def test_markdown_table_shows_the_five_comparisons_with_sources():
    table = state_and_commercial.scheme_comparison()
    text = state_and_commercial.comparison_markdown(table).data
    lines = text.splitlines()
    header = lines[0]
    for column in ("Run by", "Who is covered", "Voluntary?", "Mechanism", "Sanctions or perks", "Source"):
        assert column in header
    assert len(lines) == 2 + len(table)
    assert "| Zhima (Sesame) Credit (芝麻信用) | commercial | companies |" in text
    assert "[S30]" in text and "[S56]" in text
    # a pipe inside a cell would break the table
    assert all(line.count("|") == header.count("|") for line in lines)


def test_side_counts_and_chart_say_only_state_schemes_sanction():
    table = state_and_commercial.scheme_comparison()
    counts = state_and_commercial.side_counts(table)
    assert counts["schemes"].sum() == len(table)
    sanctioning = counts[counts["consequences"].isin(["sanctions", "sanctions and perks"])]
    assert set(sanctioning["side"]) == {"state"}
    commercial = counts[counts["side"] == "commercial"].set_index("consequences")["schemes"]
    assert commercial["perks"] == 3 and commercial["not recorded"] == 1
    spec = comparison_charts.comparison_chart(table).to_dict()
    assert spec["title"] and "only state schemes carry sanctions" in spec["description"]
    assert spec["encoding"]["x"]["title"] == "Schemes in the table (count)"
    assert spec["encoding"]["x"]["axis"]["values"] == [0, 1, 2, 3, 4]  # whole schemes, no 0.4 ticks
    assert {t["title"] for t in spec["encoding"]["tooltip"]} >= {"Run by", "Brings", "Schemes", "Which"}
    rows = chart_rows(spec)
    assert sum(r["schemes"] for r in rows) == len(table)


def test_description_does_not_claim_only_state_sanctions_when_untrue():
    table = state_and_commercial.scheme_comparison()
    table.loc[table["id"] == "sch-zhima-credit", "consequences"] = "sanctions"
    description = state_and_commercial.describe_counts(state_and_commercial.side_counts(table))
    assert "only state schemes" not in description and "companies: sanctions 1" in description


@given(st.lists(st.sampled_from(ALL_IDS), min_size=1, max_size=len(ALL_IDS), unique=True))
@settings(max_examples=40, deadline=None)
def test_any_selection_gives_exactly_those_rows_sorted(ids):
    table = state_and_commercial.scheme_comparison(ids)
    assert sorted(table["id"]) == sorted(ids)
    order = table["operator_type"].map({o: i for i, o in enumerate(state_and_commercial.OPERATOR_ORDER)})
    assert order.is_monotonic_increasing
    assert state_and_commercial.side_counts(table)["schemes"].sum() == len(ids)
    assert state_and_commercial.comparison_markdown(table).data.count("\n") == 1 + len(ids)


# --- bad input ----------------------------------------------------------------------------
@given(st.one_of(st.integers(), st.text(max_size=20), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)))
@settings(max_examples=30, deadline=None)
def test_ids_that_are_not_a_list_raise_naming_ids(bad):
    with pytest.raises((TypeError, ValueError), match="ids"):
        state_and_commercial.scheme_comparison(bad)


@given(st.lists(st.text(min_size=1, max_size=12).filter(lambda s: s not in ALL_IDS), min_size=1, max_size=3))
@settings(max_examples=30, deadline=None)
def test_unknown_ids_raise_naming_them(bad):
    with pytest.raises(ValueError, match="ids has unknown scheme id"):
        state_and_commercial.scheme_comparison(bad)


@pytest.mark.parametrize("bad, error, match", [
    ([], ValueError, "at least one scheme"),
    (["sch-zhima-credit", "sch-zhima-credit"], ValueError, "must not repeat"),
    (["sch-zhima-credit", 3], TypeError, "strings"),
])
def test_empty_repeated_or_mixed_ids_raise(bad, error, match):
    with pytest.raises(error, match=match):
        state_and_commercial.scheme_comparison(bad)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3)))
@settings(max_examples=20, deadline=None)
def test_comparison_functions_refuse_what_is_not_a_comparison(bad):
    for function in (state_and_commercial.comparison_markdown, state_and_commercial.side_counts, comparison_charts.comparison_chart):
        with pytest.raises(TypeError, match="comparison"):
            function(bad)


def test_bad_tables_raise_naming_the_problem():
    with pytest.raises(TypeError, match="table"):
        state_and_commercial.scheme_comparison(table="schemes.csv")
    with pytest.raises(ValueError, match="missing column"):
        state_and_commercial.scheme_comparison(table=SCHEMES.drop(columns=["voluntary"]))
    odd = SCHEMES.copy()
    odd["operator_type"] = odd["operator_type"].astype(str)
    odd.loc[odd["id"] == "sch-zhima-credit", "operator_type"] = "church"
    with pytest.raises(ValueError, match="operator_type"):
        state_and_commercial.scheme_comparison(["sch-zhima-credit"], odd)
    with pytest.raises(ValueError, match="comparison is missing"):
        state_and_commercial.comparison_markdown(state_and_commercial.scheme_comparison().drop(columns=["covers"]))
    with pytest.raises(ValueError, match="empty"):
        state_and_commercial.side_counts(state_and_commercial.scheme_comparison().iloc[0:0])


# --- Baihang -------------------------------------------------------------------------------
def test_eight_permit_holders_of_5_january_2015():
    holders = state_and_commercial.permit_holders()
    assert len(holders) == 8
    assert set(holders["date"].dt.strftime("%Y-%m-%d")) == {"2015-01-05"}
    assert list(holders["name"]) == sorted(holders["name"])


def test_baihang_stakes_come_from_the_data_and_add_up_to_100():
    ownership = state_and_commercial.baihang_ownership()
    assert ownership["share_percent"].sum() == 100
    assert ownership.iloc[0]["name"] == "Internet Finance Association" and ownership.iloc[0]["share_percent"] == 36
    eight = ownership[ownership["group"] == "one of the eight 2015 firms"]
    assert len(eight) == 8 and set(eight["share_percent"]) == {8}
    assert set(eight["name"]) == set(state_and_commercial.permit_holders()["name"])
    data = FIRMS[FIRMS["role"] == state_and_commercial.SHAREHOLDER_ROLE]
    assert sorted(ownership["share_percent"]) == sorted(data["ownership_share_percent"])
    assert set(ownership["source_id"]) == {"S55"}


def test_ownership_chart_has_titles_tooltips_and_a_description():
    spec = comparison_charts.ownership_chart(state_and_commercial.baihang_ownership()).to_dict()
    assert spec["title"] == "Who owns Baihang Credit"
    assert "64% together" in spec["description"] and "36% together" in spec["description"]
    assert "100% in all" in spec["description"]
    assert spec["encoding"]["x"]["title"] == "Stake (% of Baihang)"
    assert {t["title"] for t in spec["encoding"]["tooltip"]} == {"Shareholder", "Stake (%)", "Group", "Source"}
    assert len(chart_rows(spec)) == 9


def test_baihang_rows_without_a_stake_are_refused():
    broken = FIRMS.copy()
    broken.loc[broken["id"] == "cf-baihang-stake-tencent-credit", "ownership_share_percent"] = None
    with pytest.raises(ValueError, match="ownership_share_percent"):
        state_and_commercial.baihang_ownership(broken)
    with pytest.raises(ValueError, match="no 'Baihang shareholder' rows"):
        state_and_commercial.baihang_ownership(FIRMS[FIRMS["role"] != state_and_commercial.SHAREHOLDER_ROLE])
    with pytest.raises(TypeError, match="table"):
        state_and_commercial.baihang_ownership([1, 2])
    with pytest.raises(ValueError, match="ownership is missing"):
        comparison_charts.ownership_chart(state_and_commercial.baihang_ownership().drop(columns=["group"]))
