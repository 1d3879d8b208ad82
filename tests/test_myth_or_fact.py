"""The myth-or-fact check (widgets.topics.myth_or_fact) and its panel, as a student meets them."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import chart_spec
from widgets import charts, course_map, data
from widgets.charts.myth_or_fact import results_chart
from widgets.panels import MythOrFactPanel
from widgets.topics import myth_or_fact

TABLE = myth_or_fact.statements()
IDS = list(TABLE["id"])
VERDICT = dict(zip(TABLE["id"], TABLE["verdict"].astype(str)))
ALL_RIGHT = dict(VERDICT)
SECTION_E_MYTHS = ["mc-single-national-score", "mc-everyone-scored", "mc-low-score-travel-bans",
                   "mc-black-mirror", "mc-sesame-state-score", "mc-broad-public-support"]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def wrong_answer(statement_id: str) -> str:
    return next(a for a in myth_or_fact.ANSWERS if a != VERDICT[statement_id])


# --- the data ---------------------------------------------------------------------------
def test_statements_come_from_the_data_with_verdicts_and_notebooks():
    assert len(TABLE) >= 8
    assert list(TABLE["verdict"].cat.categories) == list(myth_or_fact.ANSWERS)
    assert set(TABLE["verdict"].astype(str)) == set(myth_or_fact.ANSWERS)  # not all myths
    assert (TABLE["verdict"] == "myth").sum() >= 6
    assert set(TABLE["notebook"]) <= {f"0{i}" for i in range(1, 9)}
    assert set(SECTION_E_MYTHS) <= set(IDS)
    assert TABLE["what_sources_say"].str.len().min() > 20
    assert set(TABLE["source_id"]) <= set(data.load("sources")["id"])


def test_every_notebook_of_the_map_is_named_with_its_file():
    assert list(course_map.notebooks()) == [f"0{i}" for i in range(9)]
    assert course_map.notebook("08").file == "08_future_and_fact_check.ipynb"
    assert myth_or_fact.notebook_label("03") == "03 · State schemes, central and local"
    with pytest.raises(ValueError, match="number must be one of the kit's notebooks"):
        myth_or_fact.notebook_label("09")


def test_statements_by_id_keep_the_order_given():
    ids = [IDS[3], IDS[0]]
    assert list(myth_or_fact.statements(ids)["id"]) == ids


@pytest.mark.parametrize("ids, error, message", [
    (["mc-nope"], ValueError, "ids has unknown statement id"),
    ([], ValueError, "ids must name at least one statement"),
    ("mc-black-mirror", TypeError, "ids must be a list of statement ids"),
    ([IDS[0], IDS[0]], ValueError, "ids must not repeat"),
    ([3], TypeError, "ids must be a list of statement ids"),
])
def test_bad_ids_are_clear_errors(ids, error, message):
    with pytest.raises(error, match=message):
        myth_or_fact.statements(ids)


# --- grading ----------------------------------------------------------------------------
def test_all_right_answers_grade_as_right():
    graded = myth_or_fact.grade(ALL_RIGHT)
    assert list(graded.columns) == ["id", "statement", "answer", "verdict", "result", "correct",
                                    "what_sources_say", "notebook", "taken_up_in", "source_id"]
    assert graded["correct"].all() and (graded["result"] == "right").all()
    assert myth_or_fact.summarize(graded) == myth_or_fact.Score(right=len(IDS), wrong=0, unanswered=0)


def test_grade_reports_answer_verdict_result_and_where_taken_up():
    sid = "mc-low-score-travel-bans"
    graded = myth_or_fact.grade({sid: wrong_answer(sid), "mc-covid-lists": " FACT "}).set_index("id")
    row = graded.loc[sid]
    assert row["result"] == "wrong" and not row["correct"]
    assert row["verdict"] == "myth" and row["answer"] == wrong_answer(sid)
    assert row["taken_up_in"] == "05 · Rating more than political behaviour"
    assert "defaulters" in row["what_sources_say"]
    assert graded.loc["mc-covid-lists", "answer"] == "fact"  # case and spaces ignored
    assert graded.loc["mc-covid-lists", "result"] == "right"
    assert (graded.drop([sid, "mc-covid-lists"])["result"] == myth_or_fact.NO_ANSWER).all()
    score = myth_or_fact.summarize(graded.reset_index())
    assert (score.right, score.wrong, score.unanswered, score.total) == (1, 1, len(IDS) - 2, len(IDS))
    assert score.sentence() == f"Right: 1 of {len(IDS)} ({100 / len(IDS):.0f}%); wrong: 1; no answer: {len(IDS) - 2}."


def test_none_means_no_answer():
    graded = myth_or_fact.grade({IDS[0]: None})
    assert graded.loc[0, "result"] == myth_or_fact.NO_ANSWER and pd.isna(graded.loc[0, "answer"])


@pytest.mark.parametrize("answers, error, message", [
    ({"mc-nope": "myth"}, ValueError, r"answers has unknown statement id\(s\) mc-nope"),
    ({"mc-black-mirror": "maybe"}, ValueError, r"answers\['mc-black-mirror'\] must be one of: myth, fact, partly"),
    ({"mc-black-mirror": 1}, TypeError, r"answers\['mc-black-mirror'\] must be one of: myth, fact, partly"),
    ({"mc-black-mirror": ...}, TypeError, r"answers\['mc-black-mirror'\] must be one of"),
    (["myth"], TypeError, "answers must be a mapping of statement id to answer"),
    ({3: "myth"}, TypeError, "answers must use statement ids"),
])
def test_bad_answers_are_clear_errors(answers, error, message):
    with pytest.raises(error, match=message):
        myth_or_fact.grade(answers)


@FAST
@given(st.dictionaries(st.sampled_from(IDS), st.one_of(st.none(), st.sampled_from(myth_or_fact.ANSWERS))))
def test_grade_matches_a_plain_count(answers):
    graded = myth_or_fact.grade(answers)
    expected_right = sum(1 for k, v in answers.items() if v == VERDICT[k])
    expected_open = len(IDS) - sum(1 for v in answers.values() if v is not None)
    score = myth_or_fact.summarize(graded)
    assert (score.right, score.unanswered) == (expected_right, expected_open)
    assert score.wrong == len(IDS) - expected_right - expected_open
    counts = myth_or_fact.by_notebook(graded)
    assert counts["statements"].sum() == len(IDS)
    assert counts.groupby("result")["statements"].sum().get("right", 0) == expected_right


@FAST
@given(st.text(min_size=1, max_size=12).filter(lambda s: s.strip().lower() not in myth_or_fact.ANSWERS))
def test_any_other_answer_text_names_the_statement(text):
    with pytest.raises(ValueError, match=r"answers\['mc-covid-lists'\] must be one of: myth, fact, partly"):
        myth_or_fact.grade({"mc-covid-lists": text})


@FAST
@given(st.text(min_size=1, max_size=20).filter(lambda s: s not in IDS))
def test_any_unknown_id_is_named(sid):
    with pytest.raises(ValueError, match="answers has unknown statement id"):
        myth_or_fact.grade({sid: "myth"})


@FAST
@given(st.one_of(st.integers(), st.floats(), st.lists(st.text()), st.text()))
def test_answers_that_are_not_a_mapping_are_rejected(value):
    with pytest.raises(TypeError, match="answers must be a mapping"):
        myth_or_fact.grade(value)


def test_by_notebook_before_checking_only_says_answered_or_not():
    counts = myth_or_fact.by_notebook(myth_or_fact.grade({IDS[0]: "fact"}), checked=False)
    assert set(counts["result"]) == {"answered", myth_or_fact.NO_ANSWER}
    assert list(counts["notebook"]) == sorted(counts["notebook"])
    with pytest.raises(TypeError, match="graded must be the table"):
        myth_or_fact.by_notebook(pd.DataFrame({"x": [1]}))


# --- saving and comparing ---------------------------------------------------------------
def test_precheck_round_trip(tmp_path):
    answers = {IDS[0]: "myth", IDS[1]: None, IDS[2]: "Fact"}
    path = myth_or_fact.save_precheck(answers, tmp_path)
    assert path == tmp_path / ".kit_precheck.json" and path.name == myth_or_fact.PRECHECK_FILE
    assert myth_or_fact.load_precheck(tmp_path) == {IDS[0]: "myth", IDS[2]: "fact"}


def test_no_saved_precheck_is_none(tmp_path):
    assert myth_or_fact.load_precheck(tmp_path) is None


def test_saving_nothing_or_nowhere_is_refused(tmp_path):
    with pytest.raises(ValueError, match="at least one answered statement"):
        myth_or_fact.save_precheck({IDS[0]: None}, tmp_path)
    with pytest.raises(ValueError, match="folder must be an existing folder"):
        myth_or_fact.save_precheck({IDS[0]: "myth"}, tmp_path / "missing")
    with pytest.raises(TypeError, match="folder must be a folder path"):
        myth_or_fact.save_precheck({IDS[0]: "myth"}, 3)
    assert not (tmp_path / myth_or_fact.PRECHECK_FILE).exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "could not be read"),
    (json.dumps({"answers": {}}), "is not a pre-check saved by this kit"),
    (json.dumps([1, 2]), "is not a pre-check saved by this kit"),
])
def test_damaged_precheck_is_a_clear_error(tmp_path, content, message):
    (tmp_path / myth_or_fact.PRECHECK_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        myth_or_fact.load_precheck(tmp_path)


def test_saved_answers_to_removed_statements_are_dropped(tmp_path):
    payload = {"format": myth_or_fact.PRECHECK_FORMAT, "version": 1, "answers": {"mc-gone": "myth", IDS[0]: "fact"}}
    (tmp_path / myth_or_fact.PRECHECK_FILE).write_text(json.dumps(payload), encoding="utf-8")
    assert myth_or_fact.load_precheck(tmp_path) == {IDS[0]: "fact"}


def test_compare_says_what_changed():
    a, b, c, d = IDS[:4]
    pre = {a: wrong_answer(a), b: VERDICT[b], c: VERDICT[c]}
    post = {a: VERDICT[a], b: VERDICT[b], c: wrong_answer(c), d: wrong_answer(d)}
    table = myth_or_fact.compare(pre, post).set_index("id")
    assert table.loc[a, "change"] == "now right"
    assert table.loc[b, "change"] == "still right"
    assert table.loc[c, "change"] == "was right, now not"
    assert table.loc[d, "change"] == "still not right"
    assert table.loc[a, "before"] == wrong_answer(a) and table.loc[a, "after"] == VERDICT[a]
    e = IDS[4]
    assert table.loc[e, "change"] == "no answer now"  # unanswered in both
    n = len(IDS)
    assert myth_or_fact.compare_sentence(table.reset_index()) == (
        f"Right in the pre-check: 2 of {n}; right now: 2 of {n}. Newly right: 1; right before but not now: 1; "
        f"not answered now: {n - 4}.")
    skipped = myth_or_fact.compare({a: VERDICT[a]}, {a: None}).set_index("id")
    assert skipped.loc[a, "change"] == "no answer now" and not skipped.loc[a, "right_after"]


@FAST
@given(st.dictionaries(st.sampled_from(IDS), st.sampled_from(myth_or_fact.ANSWERS)),
       st.dictionaries(st.sampled_from(IDS), st.sampled_from(myth_or_fact.ANSWERS)))
def test_compare_counts_agree_with_grading(pre, post):
    table = myth_or_fact.compare(pre, post)
    assert table["right_before"].sum() == myth_or_fact.summarize(myth_or_fact.grade(pre)).right
    assert table["right_after"].sum() == myth_or_fact.summarize(myth_or_fact.grade(post)).right


# --- static companions ------------------------------------------------------------------
def test_statement_list_hides_the_verdicts_and_the_key_folds_them_away():
    listing = myth_or_fact.statements_markdown().data
    assert listing.count("\n") == len(IDS) + 1
    assert "Partly true" not in listing and "| Myth |" not in listing
    key = myth_or_fact.answer_key_markdown().data
    assert key.startswith("<details>") and key.rstrip().endswith("</details>")
    assert "| 1 | Myth |" in key and "Partly true" in key


def test_misconception_note_comes_from_the_data():
    note = myth_or_fact.misconception_markdown("mc-black-mirror").data
    row = TABLE.set_index("id").loc["mc-black-mirror"]
    assert note.startswith("> **Common misconception.**")
    assert row["statement"] in note and row["what_sources_say"] in note and "[S51]" in note
    with pytest.raises(TypeError, match="statement_id must be a statement id"):
        myth_or_fact.misconception_markdown(None)


# --- the panel ----------------------------------------------------------------------------
def test_panel_starts_unanswered_with_one_keyboard_row_per_statement():
    panel = MythOrFactPanel()
    assert "kit-quiz-panel" in panel.css_class
    assert list(panel.toggles) == IDS
    first = panel.toggles[IDS[0]]
    assert first.value is None and first.description == "Statement 1"
    assert [v for _, v in first.options] == list(myth_or_fact.ANSWERS)
    assert panel.summary() == f"Answered 0 of {len(IDS)} statements; press \u201cCheck my answers\u201d to see how you did."
    assert all(note.value == "" for note in panel.feedback.values())
    bundle, _ = panel._repr_mimebundle_()
    assert bundle["text/plain"] == panel.summary() and "application/vnd.jupyter.widget-view+json" in bundle


def test_checking_gives_a_score_and_feedback_per_statement():
    panel = MythOrFactPanel()
    before = chart_spec(panel)
    panel.toggles["mc-covid-lists"].value = "fact"
    panel.toggles["mc-black-mirror"].value = "fact"
    assert panel.summary().startswith(f"Answered 2 of {len(IDS)}")
    assert panel.feedback["mc-covid-lists"].value == ""  # nothing revealed before checking
    panel.check_button.click()
    assert panel.summary() == f"Right: 1 of {len(IDS)} ({100 / len(IDS):.0f}%); wrong: 1; no answer: {len(IDS) - 2}."
    right = panel.feedback["mc-covid-lists"].value
    wrong = panel.feedback["mc-black-mirror"].value
    assert "Right" in right and "Taken up in notebook 08" in right and "08_future_and_fact_check.ipynb" in right
    assert "Not quite" in wrong and "<i>myth</i>" in wrong and "[S51]" in wrong
    assert "No answer" in panel.feedback[IDS[0]].value and "notebook 01" in panel.feedback[IDS[0]].value
    assert chart_spec(panel) != before
    assert "1 right, 1 wrong" in panel.description and "got wrong: 08" in panel.description
    # changing an answer makes the feedback stale: it is cleared until the next check
    panel.toggles["mc-black-mirror"].value = "myth"
    assert panel.summary().startswith(f"Answered 2 of {len(IDS)}")
    assert panel.feedback["mc-covid-lists"].value == ""
    panel.check_button.click()
    assert panel.summary().startswith(f"Right: 2 of {len(IDS)}")


def test_set_answers_and_graded():
    panel = MythOrFactPanel(ids=IDS[:3])
    panel.set_answers({IDS[0]: VERDICT[IDS[0]].upper()})
    assert panel.answers() == {IDS[0]: VERDICT[IDS[0]], IDS[1]: None, IDS[2]: None}
    assert myth_or_fact.summarize(panel.graded()).right == 1
    with pytest.raises(ValueError, match="answers has unknown statement id"):
        panel.set_answers({IDS[5]: "myth"})


def test_bad_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="mode must be one of: pre-check, final"):
        MythOrFactPanel(mode="post")


def test_save_button_writes_only_on_click(tmp_path):
    panel = MythOrFactPanel(folder=tmp_path)
    assert not (tmp_path / myth_or_fact.PRECHECK_FILE).exists()
    panel.extra_button.click()  # nothing answered yet
    assert "Could not save" in panel.message and panel.widget.result["message"] == panel.message  # role=alert
    assert not (tmp_path / myth_or_fact.PRECHECK_FILE).exists()
    panel.toggles[IDS[0]].value = "myth"
    panel.extra_button.click()
    assert "Saved 1 answer(s) to .kit_precheck.json" in panel.widget.result["info"] and panel.message == ""
    assert myth_or_fact.load_precheck(tmp_path) == {IDS[0]: "myth"}


def test_final_panel_never_reads_the_file_until_asked(tmp_path, monkeypatch):
    (tmp_path / myth_or_fact.PRECHECK_FILE).write_text("{damaged", encoding="utf-8")
    calls = []
    real = myth_or_fact.load_precheck
    monkeypatch.setattr(myth_or_fact, "load_precheck", lambda folder=None: calls.append(folder) or real(folder))
    panel = MythOrFactPanel(mode="final", folder=tmp_path)
    panel.toggles[IDS[0]].value = "fact"
    panel.check_button.click()
    assert calls == [] and panel.summary().startswith("Right:")
    panel.extra_button.click()
    assert calls == [tmp_path]
    assert "could not be read" in panel.comparison.value and "role='alert'" in panel.comparison.value


def test_final_panel_without_a_saved_precheck_says_so_kindly(tmp_path):
    panel = MythOrFactPanel(mode="final", folder=tmp_path)
    panel.extra_button.click()
    assert "No saved pre-check was found" in panel.comparison.value
    assert "kit-error" not in panel.comparison.value


def test_final_panel_compares_with_the_saved_precheck(tmp_path):
    sid = "mc-black-mirror"
    myth_or_fact.save_precheck({sid: wrong_answer(sid)}, tmp_path)
    panel = MythOrFactPanel(mode="final", folder=tmp_path)
    panel.toggles[sid].value = "myth"
    panel.extra_button.click()
    html = panel.comparison.value
    n = len(IDS)
    assert f"Right in the pre-check: 0 of {n}; right now: 1 of {n}. Newly right: 1" in html
    assert "now right" in html and "<caption>" in html


def test_results_chart_is_titled_labelled_and_sorted():
    counts = myth_or_fact.by_notebook(myth_or_fact.grade({IDS[0]: VERDICT[IDS[0]], IDS[-1]: wrong_answer(IDS[-1])}))
    spec = results_chart(counts, title="T", description="D.").to_dict()
    assert charts.describe(spec) == "Chart: T. D."
    assert spec["encoding"]["x"]["title"] == "Statements (number)"
    assert spec["encoding"]["y"]["sort"] == sorted(set(counts["taken_up_in"]))
    assert spec["encoding"]["color"]["scale"]["domain"] == ["right", "wrong", myth_or_fact.NO_ANSWER]
    assert {t["title"] for t in spec["encoding"]["tooltip"]} == {"Notebook", "Your answer", "Statements"}
    with pytest.raises(TypeError, match="counts must be a pandas DataFrame"):
        results_chart(counts.to_dict(), title="T", description="D.")


def test_panel_fast_counts_match_the_model():
    """The panel counts results without building the graded table; they must agree with by_notebook."""
    panel = MythOrFactPanel()
    answers = {sid: myth_or_fact.ANSWERS[i % 3] if i % 4 else None for i, sid in enumerate(panel.ids)}
    panel.set_answers(answers)
    for checked in (False, True):
        expected = myth_or_fact.by_notebook(myth_or_fact.grade(answers), checked=checked)[
            ["notebook", "taken_up_in", "result", "statements"]]
        fast = panel._counts(panel._results(panel.answers()), checked)
        pd.testing.assert_frame_equal(fast, expected.astype({"result": str, "notebook": str}), check_dtype=False)
