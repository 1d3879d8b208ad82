"""The fact-check exercise over data/claims.csv (widgets.topics.chapter_check), its charts and its panel."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_spec
from widgets import charts, data
from widgets.charts.chapter_check import (
    progress_chart,
    verdict_bar,
    verdict_by_section_chart,
)
from widgets.panels import FactCheckPanel
from widgets.topics import chapter_check

LEDGER = chapter_check.ledger()
IDS = list(LEDGER["id"])
VERDICT = dict(zip(LEDGER["id"], LEDGER["verdict"].astype(str)))
ACCEPTED = chapter_check.accepted_verdicts()
FAST = settings(max_examples=40, deadline=None)


def wrong_verdict(claim_id: str) -> str:
    return next(v for v in chapter_check.VERDICTS if v not in ACCEPTED[claim_id])


def test_verdicts_are_the_ledgers_enumeration():
    field = next(f for r in data.descriptor()["resources"] if r["name"] == "claims"
                 for f in r["schema"]["fields"] if f["name"] == "verdict")
    assert list(chapter_check.VERDICTS) == field["constraints"]["enum"]
    assert set(chapter_check.VERDICT_MEANINGS) == set(chapter_check.HINTS) == set(chapter_check.VERDICTS)


def test_claims_for_exercise_hide_the_verdict_and_keep_the_order():
    ids = ["claim-a18-pipl-13th-npc", "claim-a05-guidelines-title"]
    table = chapter_check.claims_for_exercise(ids)
    assert list(table["id"]) == ids
    assert list(table.columns) == ["id", "section", "claim", "chapter_value"]
    assert len(chapter_check.claims_for_exercise()) == len(LEDGER)
    listing = chapter_check.claims_markdown(ids).data
    assert "`claim-a18-pipl-13th-npc`" in listing and "13th National People's Congress" in listing
    assert not any(v in listing for v in ("| imprecise", "| confirmed", "| corrected"))


@pytest.mark.parametrize("ids, error, message", [
    (["claim-nope"], ValueError, r"ids has unknown claim id\(s\) claim-nope"),
    ([], ValueError, "ids must name at least one claim"),
    ("claim-a14-jia-yueting", TypeError, "ids must be a list of claim ids"),
    ([None], TypeError, "ids must be a list of claim ids"),
    (["claim-a14-jia-yueting"] * 2, ValueError, "ids must not repeat a claim"),
])
def test_bad_claim_ids_are_clear_errors(ids, error, message):
    with pytest.raises(error, match=message):
        chapter_check.claims_for_exercise(ids)


def test_lookup_shows_the_evidence_and_the_citation_but_not_the_verdict():
    ev = chapter_check.lookup("claim-a24-note-10-date")
    row = LEDGER.set_index("id").loc["claim-a24-note-10-date"]
    assert (ev.claim, ev.chapter_value, ev.sources_say, ev.evidence, ev.source_id) == (
        row["claim"], row["chapter_value"], row["sources_say"], row["evidence"], row["source_id"])
    title = data.load("sources").set_index("id").loc[row["source_id"], "title"]
    assert title in ev.citation
    text = ev._repr_markdown_()
    assert row["sources_say"] in text and f"[{row['source_id']}]" in text
    assert "corrected" not in text.lower()
    assert chapter_check.lookup("claim-a06-mostly-companies").chapter_value is None
    assert "(no single value)" in chapter_check.lookup("claim-a06-mostly-companies").markdown()


def test_lookup_rejects_unknown_or_non_text_ids():
    with pytest.raises(ValueError, match="claim_id 'claim-nope' is not in data/claims.csv"):
        chapter_check.lookup("claim-nope")
    with pytest.raises(TypeError, match="claim_id must be a claim id"):
        chapter_check.lookup(42)


def test_right_verdicts_get_the_evidence():
    answers = {i: VERDICT[i] for i in IDS}
    checked = chapter_check.check_verdicts(answers)
    assert list(checked.columns) == ["claim_id", "claim", "your_verdict", "correct", "feedback"]
    assert checked["correct"].all() and len(checked) == len(IDS)
    first = checked.set_index("claim_id").loc["claim-a24-note-10-date", "feedback"]
    assert first.startswith(f"Right: corrected ({chapter_check.VERDICT_MEANINGS['corrected']}).")
    assert LEDGER.set_index("id").loc["claim-a24-note-10-date", "evidence"] in first


def test_wrong_verdicts_get_a_hint_that_does_not_give_the_answer():
    answers = {i: wrong_verdict(i) for i in IDS}
    checked = chapter_check.check_verdicts(answers)
    assert not checked["correct"].any()
    for claim_id, feedback in zip(checked["claim_id"], checked["feedback"]):
        assert feedback.startswith("Not yet. ")
        assert feedback == "Not yet. " + chapter_check.HINTS[VERDICT[claim_id]]
        assert VERDICT[claim_id] not in feedback.lower().replace("not found", "")


def test_accepted_verdicts_are_the_ledgers_plus_the_second_readings():
    second = data.load("verdict_readings")
    assert set(ACCEPTED) == set(IDS)
    for claim_id, verdicts in ACCEPTED.items():
        expected = {VERDICT[claim_id], *second.loc[second["claim_id"] == claim_id, "verdict"].astype(str)}
        assert set(verdicts) == expected and len(verdicts) == len(set(verdicts))
    assert ACCEPTED["claim-b10-tencent-credit-pilot"] == ["corrected", "imprecise"]
    assert ACCEPTED["claim-a18-pipl-13th-npc"] == ["corrected"]  # an issuing body: the rule settles it
    assert chapter_check.accepted_verdicts(["claim-a14-jia-yueting"]) == {"claim-a14-jia-yueting": ["confirmed"]}
    with pytest.raises(ValueError, match="ids has unknown claim id"):
        chapter_check.accepted_verdicts(["claim-nope"])


def test_a_second_reading_is_right_and_says_what_the_ledger_holds():
    reason = data.load("verdict_readings").set_index("claim_id").loc["claim-b10-tencent-credit-pilot", "reason"]
    checked = chapter_check.check_verdicts({"claim-b10-tencent-credit-pilot": "corrected"}).iloc[0]
    assert checked["correct"] and reason in checked["feedback"]
    assert "The ledger's own verdict is 'imprecise'" in checked["feedback"]
    ledger_side = chapter_check.check_verdicts({"claim-b10-tencent-credit-pilot": "imprecise"}).iloc[0]
    assert ledger_side["correct"] and "The rule also admits 'corrected' here." in ledger_side["feedback"]
    verdict, evidence = chapter_check.ledger_verdict("claim-b10-tencent-credit-pilot")
    assert verdict == "imprecise" and "The rule also admits 'corrected'" in evidence
    assert not chapter_check.check_verdicts({"claim-b10-tencent-credit-pilot": "confirmed"}).iloc[0]["correct"]


def test_verdicts_ignore_case_and_spaces():
    checked = chapter_check.check_verdicts({"claim-a14-jia-yueting": "  Confirmed "})
    assert checked.loc[0, "your_verdict"] == "confirmed" and checked.loc[0, "correct"]


@pytest.mark.parametrize("answers, error, message", [
    ({"claim-a14-jia-yueting": ...}, TypeError, r"answers\['claim-a14-jia-yueting'\] must be one of: .*replace \.\.\. with your verdict"),
    ({"claim-a14-jia-yueting": "true"}, ValueError, r"answers\['claim-a14-jia-yueting'\] must be one of: confirmed, corrected, unconfirmed, imprecise; got 'true'"),
    ({"claim-nope": "confirmed"}, ValueError, r"answers has unknown claim id\(s\) claim-nope"),
    ({}, ValueError, "answers must name at least one claim"),
    ("confirmed", TypeError, "answers must be a mapping of claim id to verdict"),
    ({1: "confirmed"}, TypeError, "answers must be a list of claim ids"),
])
def test_bad_verdicts_are_clear_errors(answers, error, message):
    with pytest.raises(error, match=message):
        chapter_check.check_verdicts(answers)


@FAST
@given(st.dictionaries(st.sampled_from(IDS), st.sampled_from(chapter_check.VERDICTS), min_size=1))
def test_check_verdicts_matches_a_plain_comparison(answers):
    checked = chapter_check.check_verdicts(answers)
    assert list(checked["claim_id"]) == list(answers)
    assert list(checked["correct"]) == [answers[i] in ACCEPTED[i] for i in answers]
    assert all(f.startswith("Right: ") == c for f, c in zip(checked["feedback"], checked["correct"]))


@FAST
@given(st.text(max_size=15).filter(lambda s: s.strip().lower() not in chapter_check.VERDICTS))
def test_any_other_verdict_text_names_the_claim(text):
    with pytest.raises(ValueError, match=r"answers\['claim-a14-jia-yueting'\] must be one of"):
        chapter_check.check_verdicts({"claim-a14-jia-yueting": text})


@FAST
@given(st.one_of(st.integers(), st.none(), st.floats(), st.booleans()))
def test_non_text_verdicts_are_type_errors(value):
    with pytest.raises(TypeError, match=r"answers\['claim-a14-jia-yueting'\] must be one of"):
        chapter_check.check_verdicts({"claim-a14-jia-yueting": value})


@FAST
@given(st.text(min_size=1, max_size=25).filter(lambda s: s not in IDS))
def test_any_unknown_claim_id_is_named(claim_id):
    with pytest.raises(ValueError, match="answers has unknown claim id"):
        chapter_check.check_verdicts({claim_id: "confirmed"})


def test_verdict_counts_add_up_to_the_ledger():
    counts = chapter_check.verdict_counts()
    assert list(counts["verdict"].astype(str)) == [v for v in chapter_check.VERDICTS if v in set(VERDICT.values())]
    assert counts["claims"].sum() == len(LEDGER)
    assert dict(zip(counts["verdict"].astype(str), counts["claims"])) == LEDGER["verdict"].astype(str).value_counts().to_dict()
    by_section = chapter_check.verdict_counts(by_section=True)
    assert by_section["claims"].sum() == len(LEDGER)
    sections = list(by_section["section"].drop_duplicates().astype(str))
    assert sections == [s for s in LEDGER["section"].cat.categories if s in sections]  # chapter order


def test_progress_by_section_counts_right_wrong_and_unchecked():
    results = {"claim-a14-jia-yueting": True, "claim-a15-teacher-students": False}
    progress = chapter_check.progress_by_section(results)
    assert progress["claims"].sum() == len(LEDGER)
    totals = progress.groupby("progress", observed=True)["claims"].sum()
    assert (totals["right"], totals["not right yet"], totals["not checked"]) == (1, 1, len(LEDGER) - 2)
    with pytest.raises(TypeError, match="results must map claim ids to True or False"):
        chapter_check.progress_by_section({"claim-a14-jia-yueting": "yes"})
    with pytest.raises(ValueError, match="results has unknown claim id"):
        chapter_check.progress_by_section({"claim-nope": True})
    with pytest.raises(TypeError, match="results must be a mapping"):
        chapter_check.progress_by_section([True])


@pytest.mark.parametrize("build, counts", [
    (verdict_bar, chapter_check.verdict_counts()),
    (verdict_by_section_chart, chapter_check.verdict_counts(by_section=True)),
    (progress_chart, chapter_check.progress_by_section({})),
])
def test_charts_have_title_axes_tooltips_and_description(build, counts):
    spec = build(counts, title="T", description="D sentence.").to_dict()
    assert spec["title"] == "T" and spec["description"] == "D sentence."
    enc = spec["encoding"]
    assert enc["x"]["title"].endswith("(number)")
    assert enc["y"]["field"] in {"verdict", "section"} and enc["y"]["axis"]["labelLimit"] >= 300
    assert len(enc["tooltip"]) >= 2
    assert charts.describe(spec) == "Chart: T. D sentence."
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        build(counts.to_dict(), title="T", description="D")


# --- the panel ------------------------------------------------------------------------
def test_panel_shows_the_first_claim_and_no_progress():
    panel = FactCheckPanel()
    assert "kit-factcheck-panel" in panel.css_class
    assert panel.claim.value == IDS[0] and panel.verdict.value is None
    assert [v for _, v in panel.verdict.options] == list(chapter_check.VERDICTS)
    assert panel.summary() == f"Claims checked: 0 of {len(IDS)}; verdicts the rule accepts: 0; not yet: 0."
    first = LEDGER.iloc[0]
    assert "What the sources say" in panel.evidence.value and first["sources_say"][:30] in panel.evidence.value
    assert panel._repr_mimebundle_()[0]["text/plain"] == panel.summary()
    assert "not checked" in str(panel.static_chart().to_dict()["datasets"])


def test_panel_checks_a_verdict_and_counts_progress():
    panel = FactCheckPanel()
    before = chart_spec(panel)
    panel.claim.value = "claim-a24-note-10-date"
    assert "18 December 2022" in panel.evidence.value
    panel.verdict.value = "corrected"
    panel.check_button.click()
    assert "Right: corrected" in panel.feedback.value
    assert panel.summary().startswith("Claims checked: 1 of") and "the rule accepts: 1" in panel.summary()
    assert chart_spec(panel) != before
    panel.claim.value = "claim-a14-jia-yueting"
    assert panel.verdict.value is None and panel.feedback.value == ""
    panel.verdict.value = "imprecise"
    panel.check_button.click()
    assert "Not yet." in panel.feedback.value and "confirmed" not in panel.feedback.value
    assert "the rule accepts: 1; not yet: 1" in panel.summary()
    panel.reveal_button.click()
    assert "The ledger's verdict: <b>confirmed</b>" in panel.feedback.value
    panel.verdict.value = "confirmed"
    panel.check_button.click()
    assert "the rule accepts: 2; not yet: 0" in panel.summary()


def test_checking_without_a_verdict_shows_a_message_not_an_error():
    panel = FactCheckPanel(ids=["claim-a14-jia-yueting", "claim-a05-guidelines-title"])
    panel.check_button.click()
    assert "Choose a verdict first" in panel.message and panel.widget.result["message"] == panel.message  # alert
    assert panel.summary().startswith("Claims checked: 0 of 2")
    assert len(panel.claim.options) == 2


def test_panel_rejects_unknown_claims():
    with pytest.raises(ValueError, match="ids has unknown claim id"):
        FactCheckPanel(ids=["claim-nope"])
    assert isinstance(chapter_check.check_verdicts({"claim-a14-jia-yueting": "confirmed"}), pd.DataFrame)


def test_panel_accepts_a_second_reading_and_shows_it_with_the_ledgers_verdict():
    panel = FactCheckPanel(ids=["claim-b10-tencent-credit-pilot", "claim-a18-pipl-13th-npc"])
    panel.set(verdict="corrected")
    panel.check_button.click()
    shown = html.unescape(panel.feedback.value)
    assert "Right: corrected" in shown and "The ledger's own verdict is 'imprecise'" in shown
    assert "the rule accepts: 1; not yet: 0" in panel.summary()
    panel.reveal_button.click()
    shown = html.unescape(panel.feedback.value)
    assert "The ledger's verdict: <b>imprecise</b>" in shown and "The rule also admits 'corrected'" in shown
    panel.set(claim="claim-a18-pipl-13th-npc")  # a new claim clears the verdict
    panel.set(verdict="imprecise")  # an issuing body: the rule admits one verdict
    panel.check_button.click()
    assert "Not yet." in panel.feedback.value and "the rule accepts: 1; not yet: 1" in panel.summary()


@FAST
@given(st.dictionaries(st.sampled_from(IDS), st.booleans()))
def test_the_panels_progress_counts_are_progress_by_section(results):
    # the panel counts in plain Python (a check must answer within a frame); the table must be the
    # library's, row for row and dtype for dtype
    panel = FactCheckPanel()
    panel.results = dict(results)
    expected = charts.chapter_check.progress_frame(chapter_check.progress_by_section(results, IDS))[0]
    pd.testing.assert_frame_equal(panel._progress().reset_index(drop=True), expected.reset_index(drop=True))


def test_the_panels_check_gives_check_verdicts_own_feedback_for_every_claim_and_verdict():
    panel = FactCheckPanel()
    for verdict in chapter_check.VERDICTS:
        expected = chapter_check.check_verdicts({i: verdict for i in IDS}).set_index("claim_id")
        for claim_id in IDS:
            row = panel.check(claim_id, f" {verdict.upper()} ")
            assert row["claim_id"] == claim_id and row["your_verdict"] == verdict
            assert row[["claim", "correct", "feedback"]].to_dict() == expected.loc[claim_id, ["claim", "correct", "feedback"]].to_dict()
    with pytest.raises(ValueError, match="must be one of"):
        panel.check(IDS[0], "probably")
