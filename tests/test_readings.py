"""The readings and the evidence-sorting exercise of notebook 06: every placement comes from data/, reasoning is labelled."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import course_map
from widgets.course import feedback
from widgets.data import load
from widgets.topics import readings

DATA = Path(__file__).resolve().parent.parent / "data"
EVIDENCE = load("evidence_sorting").set_index("id")
READINGS = load("readings").set_index("id")


def enum(resource: str, field: str) -> list[str]:
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    table = next(r for r in package["resources"] if r["name"] == resource)
    return next(f for f in table["schema"]["fields"] if f["name"] == field)["constraints"]["enum"]


# --- the readings -------------------------------------------------------------------------------
def test_readings_are_grouped_control_both_fragmented_and_cover_the_table():
    frame = readings.readings()
    assert sorted(frame["id"]) == sorted(READINGS.index)
    order = list(dict.fromkeys(frame["reading"]))
    assert order == ["control", "both", "fragmented-mundane"]
    assert set(readings.readings("control")["id"]) == {"rd-hoffman-2018", "rd-cheung-chen-2021", "rd-chen-lin-liu-2018"}
    assert list(readings.readings("both")["id"]) == ["rd-liang-2018"]


def test_the_tables_mark_the_kits_reasoning_and_never_invent_evidence():
    for reading in ("control", "both", "fragmented-mundane"):
        text = readings.readings_markdown(reading).data
        assert "What would count against it (the kit's reasoning)" in text
        assert "Main claim (the kit's summary)" in text
    hoffman = readings.readings("control").set_index("id").loc["rd-hoffman-2018"]
    assert pd.isna(READINGS.loc["rd-hoffman-2018", "evidence_used"])  # the fact base does not record it
    assert hoffman["evidence_text"] == readings.NOT_RECORDED
    cheung = readings.readings_markdown("control").data
    assert READINGS.loc["rd-cheung-chen-2021", "evidence_used"] in cheung and "peer-reviewed" in cheung
    assert readings.readings("fragmented-mundane").set_index("id").loc["rd-daum", "year_text"] == "several years"


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=12))
def test_an_unknown_reading_is_refused_by_name(name):
    if name in {"control", "both", "fragmented-mundane"}:
        return
    with pytest.raises(ValueError, match="reading must be one of: "):
        readings.readings(name)


# --- the sorting exercise -----------------------------------------------------------------------
def test_the_categories_are_the_datas_placements():
    assert list(readings.CATEGORIES) == enum("evidence_sorting", "supports")


def test_cases_are_lettered_in_order_and_show_no_placement():
    cases = readings.sorting_cases()
    assert list(cases["id"]) == list(readings.SORTING_IDS)
    assert "".join(cases["letter"]) == "abcdefghij"
    text = readings.sorting_cases_markdown().data
    for placement in ("fragmented-mundane", "neither"):
        assert placement not in text
    assert "[chapter], only in the chapter" in text  # the Yangzhou case is marked as resting on the chapter


def test_accepted_placements_are_the_datas_supports_and_also_defensible():
    accepted = readings.sorting_accepted()
    for case in readings.sorting_cases().itertuples():
        row = EVIDENCE.loc[case.id]
        expected = {row["supports"]} | (set() if pd.isna(row["also_defensible"]) else {row["also_defensible"]})
        assert set(accepted[case.letter]) == expected and accepted[case.letter][0] == row["supports"]
    # the exercise offers every kind of case: one reading, both, neither, and cases with two defensible placements
    firsts = {a[0] for a in accepted.values()}
    assert firsts == set(readings.CATEGORIES)
    assert sum(len(a) > 1 for a in accepted.values()) >= 3


def test_the_sorting_check_accepts_every_defensible_reading_and_names_only_cases():
    accepted = readings.sorting_accepted()
    first = {k: v[0] for k, v in accepted.items()}
    second = {k: v[-1] for k, v in accepted.items()}
    for answer in (first, second, {k.upper(): f"  {v.upper()} " for k, v in second.items()}):
        feedback.classification("q06_sort_evidence", answer, cases="abcdefghij", categories=readings.CATEGORIES,
                                accepted=accepted)
    wrong = dict(first, a="fragmented-mundane", d="control")
    with pytest.raises(AssertionError) as raised:
        feedback.classification("q06_sort_evidence", wrong, cases="abcdefghij", categories=readings.CATEGORIES,
                                accepted=accepted)
    message = str(raised.value)
    assert "2 of 10 cases need another look: a, d" in message and "control" not in message


def test_every_case_rests_on_rows_notebook_06_lists():
    facts = course_map.facts("06")
    assert set(readings.SORTING_IDS) <= set(facts["evidence_sorting"])
    for case_id in readings.SORTING_IDS:
        for ref in str(EVIDENCE.loc[case_id, "facts"]).split():
            table, row = ref.split(":")
            assert row in facts.get(table, []), f"{case_id} rests on {table}/{row}, not listed for 06"


def test_the_reasons_table_labels_the_kits_reasoning_and_marks_a_students_answers():
    plain = readings.sorting_reasons().data
    assert "Why (the kit's reasoning)" in plain and "Yours" not in plain
    assert EVIDENCE.loc["ev-nosedive", "reason"] in plain
    marked = readings.sorting_reasons({"a": "control", "D": " Both "}).data
    lines = {line.split(" | ")[0].strip("| "): line for line in marked.splitlines()[2:]}
    assert "| control | yes |" in lines["a"] and "| both | no |" in lines["d"] and "| – | no |" in lines["b"]


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.integers(), st.text(max_size=6), st.lists(st.text(max_size=3), max_size=3)))
def test_answers_that_are_not_a_dict_are_refused(answers):
    with pytest.raises(TypeError, match="answers must be a dict from case letter"):
        readings.sorting_reasons(answers)


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(list("abcdefghijkz")), st.text(max_size=12), min_size=1, max_size=4))
def test_unknown_letters_or_placements_are_refused_by_name(answers):
    letters_ok = set(answers) <= set("abcdefghij")
    placements_ok = all(" ".join(v.lower().split()) in readings.CATEGORIES for v in answers.values())
    if letters_ok and placements_ok:
        readings.sorting_reasons(answers)
        return
    with pytest.raises(ValueError, match="unknown case letter|must place each case as one of"):
        readings.sorting_reasons(answers)
