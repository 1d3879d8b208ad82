"""The unified social credit code (notebook 02): the rules in data/uscc.csv, python-stdnum on the published
codes, the anatomy, the student's check, the chart, and bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from widgets.charts.uscc import anatomy_chart
from widgets.data import load
from widgets.topics import uscc

TABLE = load("uscc").set_index("id")
DIGITS = "0123456789"


# --- the rules in the data ------------------------------------------------------------------------
def test_the_alphabet_leaves_out_five_letters_and_matches_python_stdnum():
    alphabet = uscc.alphabet()
    assert len(alphabet) == 31 and not set("IOSVZ") & set(alphabet)
    assert alphabet == stdnum_uscc._alphabet  # the library and the sources agree (fact base G10.2)


def test_the_weights_are_powers_of_three_mod_31():
    weights = uscc.weights()
    assert list(weights.index) == list(range(1, 18))
    assert list(weights) == [pow(3, i - 1, 31) for i in range(1, 18)]


def test_the_five_parts_cover_eighteen_positions():
    parts = uscc.parts()
    assert list(parts["length"]) == [1, 1, 6, 9, 1] and parts["length"].sum() == 18
    assert list(parts["first"]) == [1, 2, 3, 9, 18] and set(parts["id"]) == set(uscc.PART_NAMES)


# --- python-stdnum on the real codes -------------------------------------------------------------------
@pytest.mark.parametrize("row_id", list(TABLE.index[TABLE["kind"] == "test-vector"]))
def test_every_published_code_passes_and_its_sum_is_the_recorded_one(row_id):
    code = TABLE.loc[row_id, "code"]
    assert stdnum_uscc.is_valid(code)
    result = uscc.check(code)
    assert result.valid and result.verdict == uscc.VALID
    assert result.weighted_sum == TABLE.loc[row_id, "value"]  # the sum the fact base worked out by hand
    assert result.expected == result.printed == code[-1]


@pytest.mark.parametrize("row_id", list(TABLE.index[TABLE["kind"] == "failing-code"]))
def test_the_pilot_era_codes_fail_with_the_check_character_the_data_names(row_id):
    code, label = TABLE.loc[row_id, "code"], TABLE.loc[row_id, "label"]
    assert not stdnum_uscc.is_valid(code)
    result = uscc.check(code)
    assert result.verdict == uscc.WRONG_CHECK and not result.valid
    assert f"computed check character {result.expected}, printed {result.printed}" in label


def test_the_zero_check_character_is_the_31_case():
    for row_id in ("uscc-code-ends-in-0-a", "uscc-code-ends-in-0-b", "uscc-code-ends-in-0-c"):
        result = uscc.check(TABLE.loc[row_id, "code"])
        assert result.weighted_sum % 31 == 0 and result.expected == "0"


def test_published_checks_table():
    table = uscc.published_checks()
    tested = table[table["kind"] == "test-vector"]
    assert (tested["verdict"] == uscc.VALID).all() and (tested["S"] == tested["S_computed"]).all()
    assert (table.loc[table["kind"] == "failing-code", "verdict"] == uscc.WRONG_CHECK).all()


# --- anatomy and the student's check --------------------------------------------------------------------
def test_the_anatomy_of_tencents_code():
    anatomy = uscc.anatomy(uscc.example_code("uscc-code-tencent"))
    assert list(anatomy["characters"]) == ["9", "1", "440300", "708461136", "T"]
    assert list(anatomy["positions"]) == ["1", "2", "3-8", "9-17", "18"]


def test_the_characters_show_each_product():
    chars = uscc.characters(uscc.example_code())
    assert chars.loc[8, "character"] == "M" and chars.loc[8, "value"] == 21 and chars.loc[8, "product"] == 420
    assert pd.isna(chars.loc[17, "weight"]) and chars["product"].iloc[:17].sum() == 2620


@pytest.mark.parametrize("code, verdict", [
    ("9133 0110 MA2A-XY0E 7f", uscc.VALID),                    # spaces, a hyphen and lower case are fine
    ("91330110MA2AXY0E7G", uscc.WRONG_CHECK),
    ("91330110MA2AXY0E7", uscc.WRONG_LENGTH),
    ("91330110MA2AXY0E7FF", uscc.WRONG_LENGTH),
    ("91330110MA2AXY0S7F", uscc.NOT_ALLOWED),                  # S is never used
    ("A1330110MA2AXY0E7F", uscc.LETTER_IN_1_8),                # allowed by other validators, not python-stdnum
])
def test_the_check_says_what_is_wrong(code, verdict):
    result = uscc.check(code)
    assert result.verdict == verdict and result.valid == (verdict == uscc.VALID)
    assert result.reason.startswith("Valid" if verdict == uscc.VALID else "Not")


def test_the_check_card_shows_parts_and_arithmetic():
    text = uscc.check_markdown("91350100M0001TGQXM")
    assert text.startswith("**91350100M0001TGQXM**: Not valid: S = 2944 calls for the check character 1")
    assert "| subject identifier (organisation code) | 9-17 | M0001TGQX |" in text
    assert "= **2944**; 2944 mod 31 = 30; check value 31 − 30 = 1" in text
    assert "Part" not in uscc.check_markdown("123")  # too short: no anatomy, only the reason


@settings(max_examples=60, deadline=None)
@given(st.text(DIGITS, min_size=8, max_size=8), st.text(uscc.alphabet.__wrapped__(), min_size=9, max_size=9))
def test_any_code_made_by_the_rule_passes_and_any_other_check_character_fails(head, body):
    code = head + body + stdnum_uscc.calc_check_digit(head + body)
    assert uscc.check(code).verdict == uscc.VALID
    wrong = next(c for c in uscc.alphabet() if c != code[-1])
    assert uscc.check(code[:-1] + wrong).verdict == uscc.WRONG_CHECK


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text())))
def test_a_code_that_is_not_text_is_named(value):
    with pytest.raises(TypeError, match="code must be text"):
        uscc.check(value)


def test_an_unknown_example_is_named():
    with pytest.raises(ValueError, match="row_id must be one of the published codes"):
        uscc.example_code("uscc-code-nope")


# --- the chart --------------------------------------------------------------------------------------------
def test_the_anatomy_chart_colours_the_five_parts():
    chart = anatomy_chart(uscc.characters(uscc.example_code("uscc-code-tencent")), title="Parts")
    spec = chart.to_dict()
    assert spec["title"] == "Parts"
    assert spec["description"].startswith("The code 91440300708461136T in its parts: registration authority 9;")
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 18 and rows[17]["part"] == "check character" and rows[17]["weight"].startswith("–")
    with pytest.raises(ValueError, match="one row per position"):
        anatomy_chart(uscc.characters(uscc.example_code()).head(3), title="Parts")
