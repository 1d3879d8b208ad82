"""Comparisons abroad (widgets.topics.abroad), their charts (widgets.charts.abroad) and the AI Act exercise's data."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_rows
from widgets import charts, course_map, data
from widgets.charts.abroad import retention_chart, survey_chart
from widgets.topics import abroad

RETENTION = course_map.rows("08", "retention_rules")
GERMAN = course_map.rows("08", "german_views")
READINGS = data.load("ai_act_cases").set_index("id")
FAST = settings(max_examples=30, deadline=None)


def test_retention_limits_put_china_first_and_keep_no_limit_without_a_number():
    limits = abroad.retention_limits(RETENTION)
    assert limits.loc[0, "regime"].startswith("China") and limits.loc[0, "years"] == 5
    us = limits[limits["regime"].str.startswith("US")]
    assert list(us["years"].dropna()) == sorted(us["years"].dropna())
    convictions = limits.set_index("id").loc["lr-fcra-convictions"]
    assert math.isnan(convictions["years"]) and convictions["limit"] == abroad.NO_LIMIT
    assert limits.set_index("id").loc["lr-fcra-bankruptcy", "limit"] == "10 years"
    assert limits.set_index("id").loc["lr-fcra-tax-liens", "item"] == "Paid tax liens"


@pytest.mark.parametrize("ids, error, message", [
    (["lr-repair-2020"], ValueError, "regime\\(s\\) credit-repair are not compared here"),
    (["nope"], ValueError, r"ids has unknown rule id\(s\) nope"),
    ("lr-fcra-bankruptcy", TypeError, "ids must be a list of rule ids"),
])
def test_retention_limits_refuse_other_rows(ids, error, message):
    with pytest.raises(error, match=message):
        abroad.retention_limits(ids)


@FAST
@given(st.lists(st.sampled_from(RETENTION), min_size=1, unique=True))
def test_any_selection_of_limits_keeps_numbers_and_texts_in_step(ids):
    limits = abroad.retention_limits(ids)
    assert sorted(limits["id"]) == sorted(ids)
    assert ((limits["limit"] == abroad.NO_LIMIT) == limits["years"].isna()).all()


def test_retention_chart_draws_bars_only_for_limits_and_labels_the_rest():
    limits = abroad.retention_limits(RETENTION)
    description = abroad.describe_retention(limits)
    assert "US, criminal convictions: no time limit" in description and "China, negative personal data: 5 years" in description
    spec = retention_chart(limits, title="T", description=description).to_dict()
    assert charts.describe(spec) == f"Chart: T. {description}"
    bars, notes = chart_rows(spec, 0), chart_rows(spec, 2)
    assert len(bars) == limits["years"].notna().sum() and [n["id"] for n in notes] == ["lr-fcra-convictions"]
    assert spec["layer"][0]["encoding"]["x"]["title"].endswith("(years)")
    assert len(spec["layer"][0]["encoding"]["tooltip"]) >= 4
    with pytest.raises(ValueError, match="limits is missing column"):
        retention_chart(limits.drop(columns=["item"]), title="T", description="D")


def test_survey_figures_and_their_chart():
    views = abroad.survey_figures(GERMAN)
    assert list(views["percent"]) == [68, 17, 40, 39]
    description = abroad.describe_survey(views)
    assert "reject a Chinese-style social credit system 68%" in description
    spec = survey_chart(views, title="T", description=description).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Share of respondents (%)"
    assert [r["percent"] for r in chart_rows(spec, 0)] == [68, 17, 40, 39]
    with pytest.raises(ValueError, match="only published figures in percent"):
        abroad.survey_figures(["sv-kostka-2018-disapprove"])


def test_comparison_table_marks_undated_unconfirmed_and_conflicting_rows():
    text = abroad.comparison_markdown(["cmp-ai-act-council", "cmp-ai-act-later-amendment", "cmp-uber-4-6"]).data
    assert "| 21 May 2024 | Council approval |" in text
    assert "| not found | [S92] | not found in the sources (unconfirmed) |" in text
    assert "| 4.6 stars | [S95] | sources conflict |" in text
    with pytest.raises(ValueError, match="unknown comparison id"):
        abroad.comparison_markdown(["cmp-nope"])


# --- the AI Act exercise --------------------------------------------------------------------------
def test_arguments_are_lettered_without_their_verdict_and_cover_every_reading():
    args = abroad.arguments()
    assert list(args["letter"]) == [chr(ord("a") + n) for n in range(len(READINGS))]
    assert set(args["id"]) == set(READINGS.index)
    assert list(args.columns) == ["letter", "id", "case", "argument"]
    text = abroad.arguments_markdown().data
    assert "defensible" not in text.lower() and all(a in text for a in args["argument"])


def test_accepted_arguments_are_the_defensible_readings_of_each_case():
    accepted = abroad.accepted_arguments()
    assert list(accepted) == list(abroad.CASES) == list(abroad.case_labels())
    letter_of = dict(zip(abroad.arguments()["id"], abroad.arguments()["letter"]))
    for case in abroad.CASES:
        rows = READINGS[(READINGS["case"] == case) & READINGS["defensible"].astype(bool)]
        assert accepted[case] == sorted(letter_of[i] for i in rows.index)
        assert len(accepted[case]) >= 2


def test_argument_wording_does_not_give_the_verdict_away():
    """Defensible and tempting arguments are of similar length, and both kinds use both readings."""
    lengths = READINGS["argument"].str.len()
    good = READINGS["defensible"].astype(bool)
    assert lengths.max() <= 1.3 * lengths.min()
    assert abs(lengths[good].mean() - lengths[~good].mean()) < 15
    assert {r.split(":")[0] for r in READINGS.loc[~good, "argument"]} == {"Within the ban", "Outside the ban"}


def test_reason_explains_one_argument_after_answering():
    args = abroad.arguments().set_index("id")
    tempting = abroad.reason(args.loc["ai-sesame-private", "letter"].upper())
    assert "does not hold up" in tempting and "Recital 31 covers scoring by public or private actors" in tempting
    assert "This argument holds up" in abroad.reason(args.loc["ai-court-list-within", "letter"])
    with pytest.raises(ValueError, match="letter must be one of: a, b"):
        abroad.reason("z")
    with pytest.raises(TypeError, match="letter must be a string"):
        abroad.reason(3)
