"""The central bank's credit bureau (notebook 01): the database's sizes from data/, their chart and the tables."""

import pandas as pd
import pytest

from tests.conftest import chart_rows
from widgets.charts.credit_bureau import database_size_chart
from widgets.data import load
from widgets.topics import credit_bureau


@pytest.fixture(scope="module")
def sizes():
    return credit_bureau.database_sizes()


def test_sizes_are_the_databases_counts_of_people_sorted_by_date(sizes):
    rows = load("registry_counts")
    people = rows[(rows["registry"] == "pboc-credit-database")
                  & rows["metric"].isin(["natural_persons", "persons_with_credit_records"])]
    assert sorted(sizes["id"]) == sorted(people["id"])
    assert list(sizes.columns) == list(credit_bureau.COLUMNS)
    assert list(sizes["date"]) == sorted(sizes["date"])
    by_id = sizes.set_index("id")
    for row in people.itertuples():
        assert by_id.loc[row.id, "value"] == row.value
        assert by_id.loc[row.id, "millions"] == pytest.approx(row.value / 1e6)


def test_the_early_figures_are_conflicting_and_the_last_a_lower_bound(sizes):
    by_id = sizes.set_index("id")
    assert by_id.loc["rc-pboc-2006-01-natural-persons", "kind"] == credit_bureau.CONFLICTING
    assert by_id.loc["rc-pboc-2006-02-natural-persons", "kind"] == credit_bureau.CONFLICTING
    assert by_id.loc["rc-pboc-2008-12-natural-persons", "kind"] == credit_bureau.REPORTED
    assert by_id.loc["rc-pboc-2022-12-natural-persons", "kind"] == credit_bureau.LOWER_BOUND
    pair = credit_bureau.conflicting_pair(sizes)
    assert list(pair["millions"]) == [340, 486]


def test_other_sizes_are_every_database_row_that_does_not_count_people(sizes):
    rows = load("registry_counts")
    database = set(rows.loc[rows["registry"] == "pboc-credit-database", "id"])
    other = credit_bureau.other_sizes()
    assert set(other) | set(sizes["id"]) == database and not set(other) & set(sizes["id"])
    table = credit_bureau.other_sizes_markdown(other).data
    assert "personal records (not people)" in table and "about 100,000,000" in table
    with pytest.raises(ValueError, match="count people"):
        credit_bureau.other_sizes_markdown(["rc-pboc-2008-12-natural-persons"])
    with pytest.raises(ValueError, match="ids"):
        credit_bureau.other_sizes_markdown(["rc-no-such-row"])


def test_the_chart_draws_every_size_and_marks_the_dispute(sizes):
    chart = database_size_chart(sizes, title="The database")
    spec = chart.to_dict()
    points = chart_rows(spec, layer=1)
    assert sorted(p["value_text"] for p in points) == sorted(
        ("more than " if k == credit_bureau.LOWER_BOUND else "") + f"{m:,.0f} million"
        for m, k in zip(sizes["millions"], sizes["kind"]))
    assert spec["layer"][1]["encoding"]["shape"]["scale"]["domain"] == [
        credit_bureau.REPORTED, credit_bureau.LOWER_BOUND, credit_bureau.CONFLICTING]
    assert spec["layer"][0]["transform"] == [{"filter": f"(datum.kind !== '{credit_bureau.CONFLICTING}')"}]
    rule = chart_rows(spec, layer=2)
    assert rule[0]["low"] == 340 and rule[0]["high"] == 486 and "disagree" in rule[0]["label"]
    assert "340 million (conflicting)" in spec["description"]
    assert "more than 1,160 million (a lower bound)" in spec["description"]
    assert spec["layer"][1]["encoding"]["y"]["title"] == "People (millions)"
    assert {t["title"] for t in spec["layer"][1]["encoding"]["tooltip"]} >= {"Source", "Confidence", "Note"}


def test_the_chart_refuses_bad_input(sizes):
    with pytest.raises(ValueError, match="sizes"):
        database_size_chart(sizes.drop(columns="kind"), title="x")
    with pytest.raises(ValueError, match="empty"):
        database_size_chart(sizes.iloc[0:0], title="x")
    with pytest.raises(TypeError, match="title"):
        database_size_chart(sizes, title="")


def test_a_row_without_a_figure_is_refused():
    rows = load("registry_counts").copy()
    rows.loc[rows["id"] == "rc-pboc-2008-12-natural-persons", "value"] = pd.NA
    with pytest.raises(ValueError, match="rc-pboc-2008-12-natural-persons"):
        credit_bureau.database_sizes(rows)


def test_the_instrument_table_shows_dates_as_dates():
    table = credit_bureau.instruments_markdown(["sc-credit-reporting-2013"]).data
    assert "26 December 2012 | 21 January 2013 | 15 March 2013" in table
    assert "征信业管理条例" in table and "[S82]" in table
    with pytest.raises(ValueError, match="instrument"):
        credit_bureau.instruments_markdown(["no-such-instrument"])
