"""The court defaulter list in published numbers, and the cases of notebook 05, as a reader meets them."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import sources
from widgets.charts import court_list as court_list_charts
from widgets.data import load
from widgets.topics import defaulter_list

TABLE = load("defaulter_list")
UNITS = {"people_listed": "people", "violations_posted": "violations", "flight_purchases_blocked": "purchases",
         "rail_purchases_blocked": "purchases", "people_barred_rail": "people", "air_trips_blocked_period": "trips",
         "rail_trips_blocked_period": "trips", "defaulters_complied": "people", "blacklisted_estimate": "entities"}


def panels(spec: dict) -> list[dict]:
    return spec["vconcat"]


def drawn(spec: dict, panel: dict, layer: dict) -> pd.DataFrame:
    """The rows one layer of one panel draws, after its filter (the chart only uses two filters)."""
    source = layer.get("data") or panel.get("data") or spec["data"]  # altair lifts shared data upwards
    frame = pd.DataFrame(spec["datasets"][source["name"]])
    for transform in layer.get("transform", []):
        expression = transform["filter"]
        assert expression in ("(!datum.single)", "datum.single"), expression
        frame = frame[~frame["single"]] if expression.startswith("(!") else frame[frame["single"]]
    return frame


def all_drawn(spec: dict) -> pd.DataFrame:
    return pd.concat([drawn(spec, p, layer) for p in panels(spec) for layer in p["layer"]], ignore_index=True)


def synthetic_table(rows: list[tuple[str, str, int | None, str]]) -> pd.DataFrame:
    """A defaulter_list-shaped table: (metric, unit, value or None, confidence) per row, monthly dates."""
    return pd.DataFrame({
        "id": [f"row-{i}" for i in range(len(rows))],
        "date": pd.to_datetime([f"{2014 + i // 12}-{i % 12 + 1:02d}-01" for i in range(len(rows))]),
        "precision": "month",
        "metric": [r[0] for r in rows], "unit": [r[1] for r in rows],
        "value": pd.array([r[2] for r in rows], dtype="Int64"),
        "qualifier": "exact", "source_id": "S38", "confidence": [r[3] for r in rows], "note": None,
    })


# --- published counts ------------------------------------------------------------------------
def test_default_counts_are_the_published_rows_with_a_number():
    counts = defaulter_list.published_counts()
    expected = TABLE[TABLE["metric"].isin(defaulter_list.DEFAULT_METRICS) & TABLE["value"].notna()]
    assert sorted(counts["id"]) == sorted(expected["id"])
    assert "dl-2020-people_listed-not-found" not in set(counts["id"])
    assert list(dict.fromkeys(counts["metric"])) == list(defaulter_list.DEFAULT_METRICS)
    for _, series in counts.groupby("metric"):
        assert series["date"].is_monotonic_increasing


def test_figures_keep_their_qualifiers_units_and_date_precision():
    counts = defaulter_list.published_counts().set_index("id")
    first = counts.loc["dl-2014-12-people_listed"]
    assert first["value_text"] == "more than 700,000 people" and first["date_text"] == "December 2014"
    assert counts.loc["dl-2018-12-people_listed", "value_text"] == "about 13,000,000 people"
    assert counts.loc["dl-2016-02-29-people_listed", "value_text"] == "3,020,000 people"
    assert counts.loc["dl-2016-02-29-people_listed", "date_text"] == "29 February 2016"
    assert counts.loc["dl-2018-09-violations_posted", "value_text"] == "12,110,000 violations"
    assert counts.loc["dl-2019-07-09-rail_purchases_blocked", "value_text"] == "about 6,000,000 purchases"
    assert counts.loc["dl-2019-07-09-people_listed", "millions"] == pytest.approx(14.5)


def test_period_counts_are_marked_not_cumulative():
    counts = defaulter_list.published_counts(list(defaulter_list.METRICS)).set_index("id")
    assert not counts.loc["dl-2018-05-air_trips_blocked_period", "cumulative"]
    assert counts.loc["dl-2018-12-flight_purchases_blocked", "cumulative"]


def test_unconfirmed_rows_are_listed_apart_without_a_number():
    gaps = defaulter_list.unconfirmed_counts()
    assert list(gaps["id"]) == ["dl-2020-people_listed-not-found"]
    assert gaps["value"].isna().all()


# --- the chart -------------------------------------------------------------------------------
def test_chart_has_one_panel_per_unit_and_never_mixes_units():
    spec = court_list_charts.growth_chart(defaulter_list.published_counts()).to_dict()
    titles = [p["title"] for p in panels(spec)]
    assert titles == [defaulter_list.UNIT_PANELS[u] for u in ("people", "violations", "purchases")]
    for panel in panels(spec):
        rows = pd.concat([drawn(spec, panel, layer) for layer in panel["layer"]])
        assert rows["unit"].nunique() == 1, panel["title"]
        assert panel["layer"][0]["encoding"]["y"]["title"] == f"{rows['unit'].iloc[0].capitalize()} (millions)"


def test_lines_join_points_of_one_series_only_and_the_violations_point_stands_apart():
    spec = court_list_charts.growth_chart(defaulter_list.published_counts()).to_dict()
    violations = next(p for p in panels(spec) if "violations" in p["title"])
    for panel in panels(spec):
        line = next(layer for layer in panel["layer"] if layer["mark"]["type"] == "line")
        assert line["encoding"]["detail"]["field"] == "metric"  # one line per metric
        rows = drawn(spec, panel, line)
        assert (rows.groupby("metric")["unit"].nunique() <= 1).all()
        assert "dl-2018-09-violations_posted" not in set(rows["id"])
    hollow = next(layer for layer in violations["layer"]
                  if layer["mark"]["type"] == "point" and not layer["mark"]["filled"])
    assert list(drawn(spec, violations, hollow)["id"]) == ["dl-2018-09-violations_posted"]
    label = next(layer for layer in violations["layer"] if layer["mark"]["type"] == "text")
    assert list(drawn(spec, violations, label)["value_text"]) == ["12,110,000 violations"]
    shapes = dict(zip(spec["vconcat"][0]["layer"][1]["encoding"]["shape"]["scale"]["domain"],
                      spec["vconcat"][0]["layer"][1]["encoding"]["shape"]["scale"]["range"]))
    assert shapes["violations"] != shapes["people"]


def test_chart_titles_tooltips_and_description_carry_the_qualifiers():
    counts = defaulter_list.published_counts()
    spec = court_list_charts.growth_chart(counts).to_dict()
    assert spec["title"] == "The court defaulter list in published figures, 2014-2019"
    assert "more than 14,500,000 people (9 July 2019)" in spec["description"]
    assert "12,110,000 violations (September 2018), a single figure in its own unit" in spec["description"]
    for panel in panels(spec):
        for layer in panel["layer"]:
            titles = {t["title"] for t in layer["encoding"]["tooltip"]}
            assert {"Published figure", "Date", "Counts", "Source"} <= titles
        assert panel["layer"][0]["encoding"]["x"]["title"] == "Date of the published figure (year)"
    assert set(all_drawn(spec)["id"]) == set(counts["id"])


def test_chart_of_every_metric_still_keeps_units_apart():
    spec = court_list_charts.growth_chart(defaulter_list.published_counts(list(defaulter_list.METRICS))).to_dict()
    assert len(panels(spec)) == len(set(TABLE.dropna(subset=["value"])["unit"]))
    for panel in panels(spec):
        assert all_drawn({**spec, "vconcat": [panel]})["unit"].nunique() == 1


# --- property tests: unconfirmed rows are never plotted, units never mixed ---------------------
row = st.tuples(st.sampled_from(list(UNITS)), st.one_of(st.none(), st.integers(min_value=0, max_value=10**8)),
                st.sampled_from(["verified", "chapter-only", "conflicting", "unconfirmed"]))


@given(st.lists(row, min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_unconfirmed_or_empty_rows_are_never_plotted(rows):
    table = synthetic_table([(m, UNITS[m], None if c == "unconfirmed" else v, c) for m, v, c in rows])
    counts = defaulter_list.published_counts(list(defaulter_list.METRICS), table)
    plotted = table[table["value"].notna() & (table["confidence"] != "unconfirmed")]
    assert set(counts["id"]) == set(plotted["id"])
    if counts.empty:
        with pytest.raises(ValueError, match="empty"):
            court_list_charts.growth_chart(counts)
        return
    spec = court_list_charts.growth_chart(counts).to_dict()
    drawn_ids = set(all_drawn(spec)["id"])
    assert drawn_ids == set(plotted["id"])
    assert not drawn_ids & set(table.loc[table["confidence"] == "unconfirmed", "id"])
    for panel in panels(spec):
        line = panel["layer"][0]
        assert (drawn(spec, panel, line).groupby("metric")["unit"].nunique() <= 1).all()
        assert all_drawn({**spec, "vconcat": [panel]})["unit"].nunique() == 1


@given(st.sampled_from(list(UNITS)), st.sampled_from(sorted(set(UNITS.values()))))
@settings(max_examples=40, deadline=None)
def test_a_metric_recorded_in_two_units_is_refused(metric, other):
    table = synthetic_table([(metric, UNITS[metric], 5, "verified"), (metric, other, 7, "verified")])
    if other == UNITS[metric]:
        assert len(defaulter_list.published_counts([metric], table)) == 2
    else:
        with pytest.raises(ValueError, match=metric):
            defaulter_list.published_counts([metric], table)


def test_counts_that_mix_units_or_carry_unconfirmed_rows_are_refused_by_the_chart():
    counts = defaulter_list.published_counts()
    mixed = counts.copy()
    mixed.loc[mixed["id"] == "dl-2014-12-people_listed", "unit"] = "violations"
    with pytest.raises(ValueError, match="people_listed mix units"):
        court_list_charts.growth_chart(mixed)
    sneaky = counts.copy()
    sneaky.loc[0, "confidence"] = "unconfirmed"
    with pytest.raises(ValueError, match="unconfirmed"):
        court_list_charts.growth_chart(sneaky)
    odd = counts.copy()
    odd.loc[0, "unit"] = "yuan"
    with pytest.raises(ValueError, match="unit must be one of"):
        court_list_charts.growth_chart(odd)


@given(st.one_of(st.text(max_size=15), st.integers(), st.lists(st.integers(), max_size=2)))
@settings(max_examples=30, deadline=None)
def test_bad_metrics_raise_naming_metrics(bad):
    with pytest.raises((TypeError, ValueError), match="metrics"):
        defaulter_list.published_counts(bad if not isinstance(bad, str) else [bad + "?"])


@given(st.one_of(st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)))
@settings(max_examples=20, deadline=None)
def test_chart_and_table_inputs_must_be_dataframes(bad):  # (table=None means: load data/)
    with pytest.raises(TypeError, match="counts"):
        court_list_charts.growth_chart(bad)
    with pytest.raises(TypeError, match="table"):
        defaulter_list.published_counts(table=bad)


# --- growth between two dates ------------------------------------------------------------------
def test_growth_between_two_exact_figures():
    g = defaulter_list.growth("people_listed", "2016-02-29", "2017-11-01")
    assert g.change == 8_870_000 - 3_020_000 and g.exact
    assert g.unit == "people" and g.source_ids == ("S27", "S33")
    assert g.sentence() == ("People on the list: from 3,020,000 people (29 February 2016) to 8,870,000 people "
                            "(November 2017), a change of +5,850,000 people [S27][S33].")


def test_growth_with_a_qualified_figure_says_it_is_approximate():
    g = defaulter_list.growth("people_listed", "2014-12-01", "2019-07-09")
    assert not g.exact and g.change == 13_800_000
    assert "from more than 700,000 people" in g.sentence() and "approximate" in g.sentence()


@pytest.mark.parametrize("args, error, match", [
    (("violations_posted", "2018-09-01", "2018-09-01"), ValueError, "start must come before end"),
    (("people_listed", "2017-11-01", "2016-02-29"), ValueError, "start must come before end"),
    (("people_listed", "2018-09-01", "2019-07-09"), ValueError, "start must be a date with a published people_listed"),
    (("people_listed", "2016-02-29", "2020-01-01"), ValueError, "end must be a date"),
    (("air_trips_blocked_period", "2018-05-01", "2018-05-01"), ValueError, "running total"),
    (("people", "2016-02-29", "2017-11-01"), ValueError, "metric must be one of"),
    (("people_listed", 2016, "2017-11-01"), TypeError, "start must be a date string"),
])
def test_growth_refuses_what_it_cannot_compute(args, error, match):
    with pytest.raises(error, match=match):
        defaulter_list.growth(*args)


# --- the cases of untrustworthy behaviour -------------------------------------------------------
def test_cases_are_attributed_to_rows_of_the_data():
    cases = defaulter_list.teaching_cases()
    assert len(cases) >= 8 and list(cases["letter"]) == list(defaulter_list.case_letters())
    for table, group in cases.groupby("table"):
        data = sources.rows(table, list(group["row"])).set_index("id")
        assert list(data.loc[group["row"], "source_id"]) == list(group["source_id"])
    assert set(defaulter_list.case_key()["category"]) == set(defaulter_list.CATEGORIES)
    text = defaulter_list.cases_markdown().data
    assert text.count("\n") == len(cases) - 1 and "[S41; claims: claim-a15-teacher-identity]" in text


def test_teacher_case_carries_the_fact_base_corrections():
    cases = defaulter_list.teaching_cases().set_index("letter")
    teacher = cases.loc["c"]
    assert "Yang Shoumei" in teacher["case"] and "county" in teacher["case"]
    claims = load("claims").set_index("id")
    assert "Yang Shoumei" in claims.loc[teacher["row"], "sources_say"]
    key = defaulter_list.case_key().set_index("letter")
    assert "two students" in key.loc["c", "explanation"] and "junior middle school" in key.loc["c", "explanation"]


def test_political_cases_are_the_unconfirmed_ones():
    cases = defaulter_list.teaching_cases().merge(defaulter_list.case_key(), on="letter")
    political = cases[cases["category"] == "political"]
    assert len(political) == 2
    assert set(political["confidence"]) <= {"unconfirmed", "chapter-only"}
    assert (cases.loc[cases["category"] != "political", "confidence"] != "unconfirmed").all()


SOLUTION = dict(zip(defaulter_list.case_key()["letter"], defaulter_list.case_key()["category"]))


def test_the_kits_reading_passes_and_feedback_names_each_wrong_case():
    assert defaulter_list.check_classification(SOLUTION)["right"].all()
    assert defaulter_list.classification_feedback(SOLUTION).startswith("All 9 cases")
    wrong = {**SOLUTION, "c": "legal", "b": "economic"}
    feedback = defaulter_list.classification_feedback(wrong)
    assert feedback.startswith("7 of 9 right")
    assert "b (you said economic)" in feedback and "c (you said legal)" in feedback
    assert "a (you said" not in feedback


def test_a_second_defensible_reading_is_accepted():
    marked = defaulter_list.check_classification({**SOLUTION, "a": "legal", "d": " Economic "}).set_index("letter")
    assert marked.loc["a", "right"] and marked.loc["d", "right"]
    assert not defaulter_list.check_classification({**SOLUTION, "c": "economic"}).set_index("letter").loc["c", "right"]


@given(st.fixed_dictionaries({k: st.sampled_from(list(defaulter_list.CATEGORIES)) for k in defaulter_list.case_letters()}))
@settings(max_examples=60, deadline=None)
def test_marking_is_membership_in_the_accepted_readings(answers):
    marked = defaulter_list.check_classification(answers).set_index("letter")
    key = defaulter_list.case_key().set_index("letter")
    for letter, answer in answers.items():
        assert marked.loc[letter, "right"] == (answer in key.loc[letter, "accepted"])
    wrong = int((~marked["right"]).sum())
    feedback = defaulter_list.classification_feedback(answers)
    assert feedback.count("(you said") == wrong


@given(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=2), max_size=3)))
@settings(max_examples=20, deadline=None)
def test_answers_that_are_not_a_dictionary_raise_naming_answers(bad):
    with pytest.raises(TypeError, match="answers"):
        defaulter_list.check_classification(bad)


@given(st.dictionaries(st.sampled_from(list(defaulter_list.case_letters()) + ["z"]), st.just("legal"), max_size=5))
@settings(max_examples=20, deadline=None)
def test_answers_missing_letters_raise_naming_the_letters(partial):
    with pytest.raises(ValueError, match="answers must give a category for each of the letters"):
        defaulter_list.check_classification(partial)


@given(st.sampled_from(defaulter_list.case_letters()), st.one_of(st.text(max_size=10), st.integers(), st.none()))
@settings(max_examples=40, deadline=None)
def test_unknown_categories_raise_naming_the_case(letter, bad):
    if isinstance(bad, str) and bad.strip().lower() in defaulter_list.CATEGORIES:
        return
    with pytest.raises(ValueError, match=f"look at {letter}"):
        defaulter_list.check_classification({**SOLUTION, letter: bad})


def test_answer_key_is_folded_away_and_counts_cover_every_kind():
    text = defaulter_list.answer_key_markdown().data
    assert text.startswith("<details>") and text.rstrip().endswith("</details>")
    assert text.count("\n| ") == len(defaulter_list.case_letters()) + 1
    counts = defaulter_list.category_counts()
    assert list(counts["category"]) == list(defaulter_list.CATEGORIES)
    assert counts["cases"].sum() == len(defaulter_list.case_letters())


def test_every_second_reading_has_its_reason_in_the_data():
    cases = load("cases").set_index("letter")
    has_more = cases["also_accepted"].notna()
    assert has_more.equals(cases["also_accepted_reason"].notna())  # a reason exactly where a second reading is
    readings = defaulter_list.accepted_readings()
    assert readings["b"] == ("political", "legal")  # petitioners who broke a mediation agreement (issue 12)
    assert readings["f"] == ("political", "legal")
    assert readings["c"] == ("professional",) and readings["h"] == ("economic",)
    for letter, accepted in readings.items():
        assert accepted[0] == cases.loc[letter, "category"]
        for other in accepted[1:]:
            assert other.capitalize() in cases.loc[letter, "also_accepted_reason"]
    text = defaulter_list.answer_key_markdown().data
    assert "mediation agreement they signed" in text


def test_the_legal_reading_of_the_petitioners_passes_the_exercise_check():
    from widgets.course import feedback
    answers = {**SOLUTION, "b": "legal", "f": " Legal"}
    feedback.classification("q05_classify_cases", answers, cases=defaulter_list.case_letters(),
                            categories=list(defaulter_list.CATEGORIES), accepted=defaulter_list.accepted_readings())
    assert defaulter_list.check_classification(answers)["right"].all()
    with pytest.raises(AssertionError, match="1 of 9 cases need another look: b"):
        feedback.classification("q05_classify_cases", {**SOLUTION, "b": "economic"}, cases=defaulter_list.case_letters(),
                                categories=list(defaulter_list.CATEGORIES), accepted=defaulter_list.accepted_readings())
