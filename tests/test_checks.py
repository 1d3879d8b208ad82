"""Bad input raises ValueError/TypeError naming the parameter and what is allowed (property tests)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import checks
from widgets.models import fico, population

FACTORS = population.FICO_FACTORS
GOOD = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}
RATINGS = pd.DataFrame([{f: 50.0 for f in FACTORS}] * 3)


@given(st.one_of(st.just(float("nan")), st.just(float("inf")), st.floats(max_value=-1e-3, allow_nan=False)))
def test_nan_or_negative_weight_is_refused(bad):
    weights = dict(GOOD, credit_mix=bad)
    with pytest.raises(ValueError, match=r"weights\['credit_mix'\]"):
        fico.fico_style_score(RATINGS, weights)


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=5, max_size=5)
       .filter(lambda w: abs(sum(w) - 100) > 1e-3))
def test_weights_not_summing_to_100_are_refused(values):
    with pytest.raises(ValueError, match="weights must add up to 100"):
        fico.fico_style_score(RATINGS, dict(zip(FACTORS, values)))


@given(st.text(min_size=1, max_size=12).filter(lambda s: s not in FACTORS))
def test_unknown_factor_is_named(name):
    weights = dict(GOOD)
    weights[name] = 0
    with pytest.raises(ValueError, match="unknown factor") as info:
        fico.fico_style_score(RATINGS, weights)
    assert "allowed: payment_history" in str(info.value)


def test_missing_factor_is_named():
    weights = {k: v for k, v in GOOD.items() if k != "new_credit"}
    with pytest.raises(ValueError, match="missing factor.*new_credit"):
        fico.fico_style_score(RATINGS, weights)


@given(st.one_of(st.text(), st.booleans(), st.none(), st.lists(st.integers())))
def test_wrong_type_weight_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"weights\['payment_history'\] must be a number"):
        fico.fico_style_score(RATINGS, dict(GOOD, payment_history=bad))


def test_weights_must_be_a_mapping():
    with pytest.raises(TypeError, match="weights must be a mapping"):
        fico.fico_style_score(RATINGS, [35, 30, 15, 10, 10])


@given(st.one_of(st.floats(max_value=-0.01, allow_nan=False, allow_infinity=False),
                 st.floats(min_value=100.01, allow_nan=False, allow_infinity=False)))
def test_out_of_range_rating_is_refused(bad):
    frame = RATINGS.copy()
    frame.loc[1, "amounts_owed"] = bad
    with pytest.raises(ValueError, match=r"ratings\['amounts_owed'\] values must be between 0 and 100"):
        fico.fico_style_score(frame, GOOD)


def test_nan_rating_empty_frame_and_wrong_dtype():
    frame = RATINGS.copy()
    frame.loc[0, "credit_mix"] = np.nan
    with pytest.raises(ValueError, match=r"ratings\['credit_mix'\] must not contain missing values"):
        fico.fico_style_score(frame, GOOD)
    with pytest.raises(ValueError, match="ratings must have at least one row"):
        fico.fico_style_score(RATINGS.iloc[0:0], GOOD)
    with pytest.raises(TypeError, match=r"ratings\['new_credit'\] must hold numbers"):
        fico.fico_style_score(RATINGS.assign(new_credit="high"), GOOD)
    with pytest.raises(TypeError, match="ratings must be a pandas DataFrame"):
        fico.fico_style_score(RATINGS.to_dict(), GOOD)
    with pytest.raises(ValueError, match="ratings is missing column"):
        fico.fico_style_score(RATINGS.drop(columns="credit_mix"), GOOD)


@given(st.one_of(st.floats(max_value=299.99, allow_nan=False), st.floats(min_value=850.01, allow_nan=False),
                 st.just(float("nan"))))
@settings(max_examples=40)
def test_cutoff_out_of_range(bad):
    scores = pd.Series([400.0, 700.0])
    repays = pd.Series([True, False])
    with pytest.raises(ValueError, match="cutoff must be"):
        fico.apply_cutoff(scores, repays, bad)


def test_cutoff_inputs_are_checked():
    with pytest.raises(TypeError, match="cutoff must be a number"):
        fico.apply_cutoff(pd.Series([500.0]), pd.Series([True]), "620")
    with pytest.raises(ValueError, match="scores must hold at least one score"):
        fico.apply_cutoff(pd.Series([], dtype=float), pd.Series([], dtype=bool), 620)
    with pytest.raises(ValueError, match="same length"):
        fico.apply_cutoff(pd.Series([500.0, 600.0]), pd.Series([True]), 620)
    with pytest.raises(TypeError, match="repays must hold True/False"):
        fico.apply_cutoff(pd.Series([500.0]), pd.Series(["yes"]), 620)
    with pytest.raises(ValueError, match="scores must not contain missing values"):
        fico.apply_cutoff(pd.Series([math.nan]), pd.Series([True]), 620)


@given(st.one_of(st.integers(max_value=0), st.integers(min_value=population.MAX_PEOPLE + 1)))
@settings(max_examples=20)
def test_population_size_is_checked(n):
    with pytest.raises(ValueError, match="n must be between 1 and"):
        population.synthetic_borrowers(n=n)


def test_population_arguments_types():
    with pytest.raises(TypeError, match="n must be a whole number"):
        population.synthetic_borrowers(n="many")
    with pytest.raises(ValueError, match="n must be a whole number"):
        population.synthetic_borrowers(n=10.5)
    with pytest.raises(ValueError, match="seed must be between"):
        population.synthetic_borrowers(n=10, seed=-1)


def test_check_choice():
    assert checks.check_choice("kind", "a", ["a", "b"]) == "a"
    with pytest.raises(ValueError, match="kind must be one of: a, b; got 'c'"):
        checks.check_choice("kind", "c", ["a", "b"])
    with pytest.raises(TypeError, match="kind must be a string"):
        checks.check_choice("kind", 3, ["a", "b"])


def test_both_lending_models_share_one_scores_check():
    from widgets.checks import check_scores_and_outcomes
    from widgets.models import fico, lender_fairness
    assert "check_scores_and_outcomes" in vars(fico) and "check_scores_and_outcomes" in vars(lender_fairness)
    s, r = check_scores_and_outcomes(pd.Series([600, 700]), pd.Series([True, False]))
    assert s.tolist() == [600.0, 700.0] and r.tolist() == [True, False]
    with pytest.raises(ValueError, match="finite numbers"):
        check_scores_and_outcomes(pd.Series([math.inf]), pd.Series([True]))
    with pytest.raises(ValueError, match="missing values"):
        check_scores_and_outcomes(pd.Series([math.nan]), pd.Series([True]))
