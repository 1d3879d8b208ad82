"""The court defaulter rule (notebooks 03 and 05): the published rules, the listing of synthetic cases, bad input."""


import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from widgets.data import load
from widgets.models import court_list, joint_punishment

COURT = joint_punishment.ILLUSTRATIVE_LISTING_AGENCY
NO = dict.fromkeys(court_list.CASE_COLUMNS, False)


@pytest.fixture(scope="module")
def rules():
    return court_list.list_rules()


@pytest.fixture(scope="module")
def matrix(rules):
    return joint_punishment.illustrative_matrix(rules)


def frame(*cases: dict) -> pd.DataFrame:
    return pd.DataFrame([{**NO, **c} for c in cases])


def data_rows(prefix: str) -> pd.DataFrame:
    table = load("scoring_models")
    return table[(table["model"] == "list_rules") & table["parameter"].str.startswith(prefix)]


# --- the published rules come from data/ ------------------------------------------------------

def test_rules_are_read_from_the_data(rules):
    assert rules.term_years == 2 and rules.extension_range == (1, 3)
    assert rules.source("listing_term") == "S30"
    assert rules.row_id("listing_term") == "list-rules-listing-term"
    assert list(rules.grounds["parameter"]) == list(data_rows("ground_")["parameter"])
    assert list(rules.grounds["parameter"]) == list(court_list.GROUND_RULES)
    assert rules.grounds["label"].iloc[0] == "able to comply but refuses"
    expected = data_rows("restriction_")
    assert list(rules.restrictions["parameter"]) == list(expected["parameter"])
    assert list(rules.restrictions["label"]) == [
        "no flights", "no high-speed rail", "no first-class seats", "no luxury hotels", "no golf",
        "no paying private-school fees", "no company executive posts", "no loans"]
    assert list(rules.restrictions["source_id"]) == list(expected["source_id"])


def test_missing_rule_row_is_named():
    table = load("scoring_models")
    table = table[table["parameter"] != "listing_term"]
    with pytest.raises(ValueError, match="list_rules rows for: listing_term"):
        court_list.list_rules(table)


def test_unknown_ground_in_the_data_is_refused():
    table = load("scoring_models")
    extra = table[table["parameter"] == "ground_obstructs_enforcement"].assign(
        id="list-rules-ground-new", parameter="ground_new_conduct")
    with pytest.raises(ValueError, match="ground\\(s\\) the model has no rule for: ground_new_conduct"):
        court_list.list_rules(pd.concat([table, extra], ignore_index=True))


def test_unknown_parameter_is_named(rules):
    with pytest.raises(ValueError, match="parameter must be one of the list_rules rows.*got 'term'"):
        rules.value("term")


# --- the court defaulter rule ------------------------------------------------------------------

def test_defaulter_rule_by_hand(rules):
    cases = frame(
        {"able_to_pay": True, "refuses": True},                         # the laolai: able but refuses
        {"able_to_pay": False, "refuses": True},                        # cannot pay: not a ground
        {"able_to_pay": True},                                          # performs
        {"able_to_pay": False, "refuses": True, "obstructs": True},     # conduct ground in its own right
        {"able_to_pay": True, "refuses": True, "evades": True, "reneges_settlement": True},
        {"able_to_pay": True, "breaches_orders": True},
    )
    cases.index = [10, 11, 12, 13, 14, 15]
    out = court_list.defaulter_listing(cases, rules=rules)
    assert list(out.index) == [10, 11, 12, 13, 14, 15]
    assert list(out["listed"]) == [True, False, False, True, True, True]
    assert list(out["ground"].astype(str)) == [
        "ground_able_but_refuses", court_list.NOT_LISTED_UNABLE, court_list.NOT_LISTED_PERFORMS,
        "ground_obstructs_enforcement", "ground_able_but_refuses", "ground_breaches_orders"]
    assert list(out["grounds_met"]) == [1, 0, 0, 1, 3, 1]
    assert out.loc[out["listed"], "term_years"].eq(2).all()
    assert out.loc[~out["listed"], "term_years"].isna().all()


@pytest.mark.parametrize("extension, term", [(0, 2), (1, 3), (2, 4), (3, 5)])
def test_extension_adds_to_the_term(rules, extension, term):
    out = court_list.defaulter_listing(frame({"able_to_pay": True, "refuses": True}), extension_years=extension,
                                  rules=rules)
    assert out["term_years"].iloc[0] == term


boolean_cases = data_frames([column(c, dtype=bool) for c in court_list.CASE_COLUMNS])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(boolean_cases.filter(lambda f: len(f) > 0), st.sampled_from([0, 1, 2, 3]))
def test_listing_properties(rules, cases, extension):
    out = court_list.defaulter_listing(cases, extension_years=extension, rules=rules)
    conduct = cases[["obstructs", "evades", "breaches_orders", "reneges_settlement"]].any(axis=1)
    # listed exactly when able-and-refusing or any conduct ground is met
    assert out["listed"].equals(((cases["able_to_pay"] & cases["refuses"]) | conduct).rename("listed"))
    # inability to pay is never a ground: unable and no conduct ground -> never listed
    assert not out.loc[~cases["able_to_pay"] & ~conduct, "listed"].any()
    # terms lie within the published 2 to 2 + 3 years
    terms = out.loc[out["listed"], "term_years"]
    assert terms.between(2, 5).all() and (terms == 2 + extension).all()
    assert out.loc[~out["listed"], "term_years"].isna().all()
    # losing the ability to pay never puts anyone on the list
    poorer = court_list.defaulter_listing(cases.assign(able_to_pay=False), extension_years=extension, rules=rules)
    assert not (poorer["listed"] & ~out["listed"]).any()
    assert list(out["ground"].cat.categories) == rules.outcome_keys()


def test_grounds_met_agrees_with_the_vectorized_rule(rules):
    cases = court_list.synthetic_cases(n=3_000, seed=5)
    out = court_list.defaulter_listing(cases, rules=rules)
    for i in range(0, 3_000, 37):
        case = {c: bool(cases.iloc[i][c]) for c in court_list.CASE_COLUMNS}
        met = court_list.grounds_met(case, rules)
        assert len(met) == out["grounds_met"].iloc[i]
        assert (met[0] if met else None) == (str(out["ground"].iloc[i]) if out["listed"].iloc[i] else None)


def test_synthetic_cases_are_seeded_and_plausible(rules):
    cases = court_list.synthetic_cases(n=50_000, seed=3)
    pd.testing.assert_frame_equal(cases, court_list.synthetic_cases(n=50_000, seed=3))
    assert not cases.equals(court_list.synthetic_cases(n=50_000, seed=4))
    assert list(cases.columns) == ["case", *court_list.CASE_COLUMNS]
    assert cases[list(court_list.CASE_COLUMNS)].dtypes.eq(bool).all()
    assert abs(cases["able_to_pay"].mean() - court_list.ILLUSTRATIVE_CASE_SHARES["able_to_pay"]) < 0.01
    assert cases.loc[~cases["able_to_pay"], "refuses"].all()
    dist = court_list.listing_distribution(court_list.defaulter_listing(cases, rules=rules), rules)
    assert (dist["cases"] > 0).all()  # every outcome occurs among the synthetic cases


def test_distribution_counts_every_case_in_a_fixed_order(rules):
    cases = court_list.synthetic_cases(n=20_000)
    out = court_list.defaulter_listing(cases, rules=rules)
    dist = court_list.listing_distribution(out, rules)
    assert list(dist["outcome"]) == rules.outcome_keys()
    assert dist["cases"].sum() == 20_000
    assert dist.loc[dist["listed"], "cases"].sum() == out["listed"].sum()
    counts = out["ground"].astype(str).value_counts()
    assert all(dist.set_index("outcome")["cases"].get(k, 0) == counts.get(k, 0) for k in rules.outcome_keys())
    assert dist["share"].sum() == pytest.approx(1)
    assert dist["label"].iloc[0] == "listed: able to comply but refuses"


@pytest.mark.parametrize("since, still, left", [(0, True, 2), (1.5, True, 0.5), (2, False, 0), (7, False, 0)])
def test_listing_time(since, still, left):
    assert court_list.listing_time(2, since) == (still, left)


# --- bad input names the parameter ---------------------------------------------------------------

@settings(deadline=None)
@given(st.one_of(st.integers().filter(lambda x: x not in (0, 1, 2, 3)),
                 st.floats().filter(lambda x: not (x in (0, 1, 2, 3))), st.text(), st.booleans(), st.none()))
def test_bad_extension_names_the_parameter(rules, bad):
    with pytest.raises((ValueError, TypeError), match="extension_years"):
        court_list.defaulter_listing(frame({"able_to_pay": True}), extension_years=bad, rules=rules)


@settings(deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.booleans()),
                 st.dictionaries(st.text(), st.booleans())))
def test_cases_must_be_a_dataframe(rules, bad):
    with pytest.raises(TypeError, match="cases must be a pandas DataFrame"):
        court_list.defaulter_listing(bad, rules=rules)


@settings(deadline=None)
@given(st.sampled_from(court_list.CASE_COLUMNS))
def test_missing_case_column_is_named(rules, name):
    with pytest.raises(ValueError, match=f"cases is missing column\\(s\\) {name}"):
        court_list.defaulter_listing(frame({}).drop(columns=name), rules=rules)


@settings(deadline=None)
@given(st.sampled_from(court_list.CASE_COLUMNS), st.sampled_from([[1], ["yes"], [0.5]]))
def test_non_boolean_case_column_is_named(rules, name, values):
    bad = frame({}).assign(**{name: values})
    with pytest.raises(TypeError, match=f"cases\\['{name}'\\] must hold True/False"):
        court_list.defaulter_listing(bad, rules=rules)


def test_empty_and_missing_values_are_refused(rules):
    with pytest.raises(ValueError, match="cases must have at least one row"):
        court_list.defaulter_listing(frame({}).iloc[:0], rules=rules)
    with_na = frame({}, {}).astype({"evades": "boolean"})
    with_na.loc[1, "evades"] = pd.NA
    with pytest.raises(ValueError, match="cases\\['evades'\\] must not contain missing values"):
        court_list.defaulter_listing(with_na, rules=rules)


@settings(deadline=None)
@given(st.sampled_from(court_list.CASE_COLUMNS), st.one_of(st.none(), st.integers(), st.text()))
def test_bad_case_value_is_named(rules, name, bad):
    with pytest.raises(TypeError, match=f"case\\['{name}'\\] must be True or False"):
        court_list.grounds_met({**NO, name: bad}, rules)


def test_case_missing_a_flag_is_named(rules):
    with pytest.raises(ValueError, match="case is missing refuses"):
        court_list.grounds_met({k: v for k, v in NO.items() if k != "refuses"}, rules)


@settings(deadline=None)
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=court_list.MAX_CASES + 1), st.floats(0.1, 0.9)))
def test_bad_number_of_cases_is_named(bad):
    with pytest.raises(ValueError, match="^n must be"):
        court_list.synthetic_cases(n=bad)


@settings(deadline=None)
@given(st.one_of(st.integers(max_value=-1), st.text(), st.none()))
def test_bad_seed_is_named(bad):
    with pytest.raises((ValueError, TypeError), match="^seed must be"):
        court_list.synthetic_cases(n=10, seed=bad)


