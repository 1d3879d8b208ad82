"""Exercise feedback: every correct form passes, wrong answers fail with a hint, keys never shown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.course import feedback, keys
from widgets.course.feedback import digest

Q = "qtest_choice"
KEY_B = digest(Q, "b")


@pytest.mark.parametrize("answer", ["b", "B", " b ", "(b)", "b)", "b.", np.str_("b")])
def test_one_letter_in_any_case_or_spacing_passes(answer):
    feedback.choice(Q, answer, KEY_B, hint="reread section 2")


@pytest.mark.parametrize("answer", ["a", "c", "d"])
def test_a_wrong_letter_fails_with_the_hint_and_not_the_key(answer):
    with pytest.raises(AssertionError) as error:
        feedback.choice(Q, answer, KEY_B, hint="reread section 2")
    assert str(error.value) == "not yet: reread section 2"


@pytest.mark.parametrize("answer, words", [(..., "replace the ..."), (None, "replace the ..."),
                                           (2, "one letter as a string"), ("e", "one of: a, b, c, d"),
                                           ("ab", "one of: a, b, c, d"), ("", "one of")])
def test_malformed_answers_get_a_message_about_the_form(answer, words):
    with pytest.raises(AssertionError) as error:
        feedback.choice(Q, answer, KEY_B, hint="h", name="thesis")
    assert words in str(error.value)


def test_the_digest_depends_on_the_question_so_keys_cannot_be_compared_across_questions():
    assert digest("q01_a", "b") != digest("q02_a", "b")
    assert len(digest("q01_a", "b")) == 16


ALL = digest("qtest_all", "a,c")


@pytest.mark.parametrize("answer", [["a", "c"], ("c", "a"), {"a", "c"}, "ac", "a, c", "C,A",
                                    np.array(["a", "c"]), ["a", "c", "a"]])
def test_choose_all_that_apply_accepts_any_order_and_container(answer):
    feedback.choices("qtest_all", answer, ALL, options="abcde", hint="h")


@pytest.mark.parametrize("answer", [["a"], ["a", "c", "d"], ["b", "d"], "abcde"])
def test_choose_all_that_apply_is_graded_exactly(answer):
    with pytest.raises(AssertionError, match="^not yet"):
        feedback.choices("qtest_all", answer, ALL, options="abcde", hint="h")


def test_choose_all_that_apply_needs_at_least_one_letter():
    with pytest.raises(AssertionError, match="at least one letter"):
        feedback.choices("qtest_all", [], ALL, options="abcde", hint="h")


ORDER = digest("qtest_order", "c>a>b")


@pytest.mark.parametrize("answer", [["c", "a", "b"], ("C", "A", "B"), "cab", "c, a, b"])
def test_an_order_passes_in_any_container(answer):
    feedback.order("qtest_order", answer, ORDER, options="abc", hint="h")


@pytest.mark.parametrize("answer, message", [(["a", "b", "c"], "^not yet"), (["c", "a"], "exactly once"),
                                             (["c", "a", "a"], "exactly once")])
def test_a_wrong_or_incomplete_order_fails(answer, message):
    with pytest.raises(AssertionError, match=message):
        feedback.order("qtest_order", answer, ORDER, options="abc", hint="h")


MATCH = digest("qtest_match", "x=a;y=c")


def test_a_matching_passes_with_keys_in_any_case_and_order():
    feedback.matching("qtest_match", {"Y": "c", "x": "A"}, MATCH, keys=["x", "y"], options="abc", hint="h")


@pytest.mark.parametrize("answer, message", [({"x": "a", "y": "b"}, "^not yet"), ({"x": "a"}, "missing 'y'"),
                                             ({"x": "a", "y": "c", "z": "b"}, "unknown 'z'"),
                                             (["a", "c"], "should be a dict")])
def test_a_wrong_matching_fails_with_a_message(answer, message):
    with pytest.raises(AssertionError, match=message):
        feedback.matching("qtest_match", answer, MATCH, keys=["x", "y"], options="abc", hint="h")


@pytest.mark.parametrize("answer", [3, 3.0, np.int64(3), np.int32(3), np.float32(3), np.float64(3.0),
                                    pd.Series([1, 2]).sum(), pd.Series([3], dtype="Int64").iloc[0],
                                    np.array(3), pd.Series([3.0]).iloc[0]])
def test_every_kind_of_number_is_a_number(answer):
    assert feedback.number("x", answer) == 3


@pytest.mark.parametrize("answer", [True, np.bool_(False), "3", None, ..., float("nan"), float("inf"),
                                    [3], pd.NA])
def test_things_that_are_not_numbers_get_a_message(answer):
    with pytest.raises(AssertionError, match="^x"):
        feedback.number("x", answer)


@keys.numeric("qtest_value", name="growth", hint="subtract the first count from the last",
              mistakes={"you may have used percent, not people": lambda: 45.0})
def _qtest_value() -> float:
    return 1_000.0


@pytest.mark.parametrize("answer", [1000, 1000.2, np.int64(1000), np.float64(999.6)])
def test_a_numeric_answer_within_tolerance_passes(answer):
    feedback.value("qtest_value", answer)


@pytest.mark.parametrize("answer, message", [(1200, "too high"), (800, "too low"), (45, "percent, not people"),
                                             ("1000", "should be a number")])
def test_a_wrong_numeric_answer_gets_direction_or_names_the_mistake_but_never_the_key(answer, message):
    with pytest.raises(AssertionError) as error:
        feedback.value("qtest_value", answer)
    assert message in str(error.value)
    assert "1,000" not in str(error.value) or str(answer).startswith("1000")


def test_a_question_without_a_key_is_a_clear_error():
    with pytest.raises(KeyError, match="no computed key"):
        keys.spec("qtest_nothing_registered")


CASES = ["a", "b", "c"]
ACCEPTED = {"a": {"legal"}, "b": {"political", "legal"}, "c": {"economic"}}
CATEGORIES = ["political", "legal", "economic", "professional"]


@pytest.mark.parametrize("answer", [{"a": "legal", "b": "political", "c": "economic"},
                                    {"A": " Legal ", "b": "legal", "c": "ECONOMIC"}])
def test_a_classification_accepts_every_defensible_reading(answer):
    feedback.classification("qtest_cls", answer, cases=CASES, categories=CATEGORIES, accepted=ACCEPTED)


@pytest.mark.parametrize("answer, message", [({"a": "legal", "b": "economic", "c": "economic"}, "1 of 3 cases"),
                                             ({"a": "legal", "b": "legal"}, "missing case"),
                                             ({"a": "legal", "b": "legal", "c": "money"}, "one of: political"),
                                             (..., "replace the ...")])
def test_a_classification_names_the_cases_to_rethink_not_the_readings(answer, message):
    with pytest.raises(AssertionError) as error:
        feedback.classification("qtest_cls", answer, cases=CASES, categories=CATEGORIES, accepted=ACCEPTED)
    assert message in str(error.value)


def test_a_wrong_reading_is_named_by_case_only():
    with pytest.raises(AssertionError) as error:
        feedback.classification("qtest_cls", {"a": "legal", "b": "economic", "c": "economic"}, cases=CASES,
                                categories=CATEGORIES, accepted=ACCEPTED)
    assert str(error.value) == "not yet: 1 of 3 cases need another look: b"


@given(st.one_of(st.text(max_size=8), st.integers(), st.floats(), st.none(), st.lists(st.text(max_size=2))))
def test_any_answer_either_passes_or_fails_with_an_assertion_never_another_error(answer):
    for check in (lambda: feedback.choice(Q, answer, KEY_B, hint="h"),
                  lambda: feedback.choices("qtest_all", answer, ALL, options="abcde", hint="h"),
                  lambda: feedback.order("qtest_order", answer, ORDER, options="abc", hint="h"),
                  lambda: feedback.value("qtest_value", answer)):
        try:
            check()
        except AssertionError:
            pass


def test_the_digest_command_prints_what_a_public_test_needs(capsys):
    assert feedback.main(["digest", Q, "b"]) == 0
    assert capsys.readouterr().out.strip() == KEY_B
    assert feedback.main(["digest"]) == 2
