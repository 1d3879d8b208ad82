"""The commercial five-dimension toy score (notebook 04): published parameters, synthetic users, the score."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import commercial_update as commercial_update_loop
from widgets.data import ScoreScale, load
from widgets.models import commercial_score
from widgets.models.commercial_score import (
    threshold_rules,
)

DIMS = commercial_score.DIMENSIONS
OWN = commercial_score.OWN_DIMENSIONS
EQUAL = {d: 20.0 for d in DIMS}
SCALE = ScoreScale(350, 950)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def users():
    return commercial_score.synthetic_users(n=20_000, seed=11)


@pytest.fixture(scope="module")
def prepared(users):
    return commercial_score.prepare_users(users)


def tiny(ratings, contacts):
    """A hand-made table: one row of four own ratings per user, and their contacts' row positions."""
    frame = pd.DataFrame(ratings, columns=list(OWN), dtype=float)
    for j, col in enumerate(np.asarray(contacts, dtype=np.int64).T):
        frame[f"contact_{j}"] = col
    return frame


TINY = tiny([[80, 60, 40, 20], [10, 10, 10, 10], [90, 90, 90, 90]], [[1, 2], [0, 2], [0, 1]])


# --- published parameters come from data/ ----------------------------------------------------
def test_dimensions_and_range_come_from_the_data():
    published = commercial_score.published()
    dims, scale = published.dimensions, published.scale
    table = load("scoring_models").set_index("id")
    assert list(dims["parameter"]) == list(DIMS)
    assert (dims["status"] == "unpublished").all() and dims["value"].isna().all()  # weights not published
    assert scale == ScoreScale(table.loc["commercial-five-score-min", "value"],
                               table.loc["commercial-five-score-max", "value"]) == ScoreScale(350, 950)
    assert set(dims["source_id"]) == {"S56"}


def test_claimed_weights_are_flagged_and_not_the_default():
    claimed = commercial_score.published().claimed_weights
    assert list(claimed["dimension"]) == list(DIMS)
    assert set(claimed["confidence"]) == {"conflicting"} and set(claimed["status"]) == {"unpublished"}
    assert claimed["value"].sum() == 100
    assert commercial_score.ILLUSTRATIVE_WEIGHTS == EQUAL
    assert dict(zip(claimed["dimension"], claimed["value"])) != commercial_score.ILLUSTRATIVE_WEIGHTS


def test_score_bands_ascend_from_the_bottom_of_the_range():
    bands = commercial_score.published().score_bands
    assert list(bands["band"]) == ["poor", "medium", "good", "very good", "excellent"]
    assert bands["value"].is_monotonic_increasing and bands["value"].iloc[0] == 350


def test_thresholds_come_from_data_with_their_years():
    table = load("scoring_models")
    rows = table[(table["model"] == "commercial_benefits") & (table["unit"] == "points")]
    zhima = rows[rows["parameter"].str.startswith("zhima_")].set_index("id")
    every = commercial_score.benefit_thresholds()
    assert set(every["id"]) == set(zhima.index)
    for row in every.itertuples():
        assert row.threshold == zhima.loc[row.id, "value"]
        assert row.year == zhima.loc[row.id, "year"]
        assert row.source_id == zhima.loc[row.id, "source_id"]
        assert row.scheme == "Zhima (Sesame) Credit"
    assert commercial_score.benefit_years() == sorted(int(y) for y in zhima["year"].unique())
    assert every[["year", "threshold", "id"]].equals(
        every.sort_values(["year", "threshold", "id"])[["year", "threshold", "id"]])
    # the same benefit (Luxembourg visa) needed a different score in different years
    lux = every[every["benefit"].str.contains("Luxembourg")]
    assert lux["year"].nunique() == 2 and lux["threshold"].nunique() == 2
    for year in commercial_score.benefit_years():
        only = commercial_score.benefit_thresholds(year)
        assert len(only) >= 1 and set(only["year"]) == {year}


def test_thresholds_of_another_firm_are_kept_apart():
    wechat = commercial_score.benefit_thresholds(scheme="wechat_pay_credit")
    assert list(wechat["scheme"]) == ["WeChat Pay Credit"] and list(wechat["threshold"]) == [550]
    everything = commercial_score.benefit_thresholds(scheme="all")
    assert len(everything) == len(commercial_score.benefit_thresholds()) + len(wechat)
    assert "benefit-wechat-pay-credit-deposit-waived" not in set(everything["id"])  # 99 yuan is not a score


@given(st.one_of(st.integers(min_value=2002, max_value=2014), st.integers(min_value=2018, max_value=2030)))
@settings(max_examples=20, deadline=None)
def test_a_year_without_thresholds_is_refused(year):
    with pytest.raises(ValueError, match=r"year must be one of 2015, 2016, 2017 \(or None for every year\)"):
        commercial_score.benefit_thresholds(year)


def test_threshold_arguments_are_checked():
    with pytest.raises(TypeError, match="year must be a whole number"):
        commercial_score.benefit_thresholds("2015")
    with pytest.raises(ValueError, match="scheme must be one of: zhima, wechat_pay_credit, all"):
        commercial_score.benefit_thresholds(None, scheme="alipay")


# --- synthetic users --------------------------------------------------------------------------
def test_users_are_seeded_synthetic_and_well_formed(users):
    pd.testing.assert_frame_equal(users, commercial_score.synthetic_users(n=20_000, seed=11))
    assert not users.equals(commercial_score.synthetic_users(n=20_000, seed=12))
    k = commercial_score.ILLUSTRATIVE_CONTACTS
    assert list(users.columns) == [*OWN, *(f"contact_{j}" for j in range(k))]
    assert users[list(OWN)].min().min() >= 0 and users[list(OWN)].max().max() <= 100
    contacts = commercial_score.contact_matrix(users)
    assert contacts.shape == (20_000, k) and contacts.dtype == np.int64
    assert (contacts != np.arange(20_000)[:, None]).all()  # nobody is their own contact
    assert (np.sort(contacts, axis=1)[:, 1:] != np.sort(contacts, axis=1)[:, :-1]).all()  # distinct


def test_contacts_resemble_each_other(prepared):
    # the toy's story: people tend to know people like themselves, but not only
    r = np.corrcoef(prepared.own, prepared.contacts_mean)[0, 1]
    assert 0.3 < r < 0.95


@pytest.mark.parametrize("n", [11, 12, 50])
def test_small_populations_still_have_distinct_contacts(n):
    contacts = commercial_score.contact_matrix(commercial_score.synthetic_users(n=n, seed=3))
    assert contacts.min() >= 0 and contacts.max() < n
    assert all(len(set(row)) == len(row) and i not in row for i, row in enumerate(contacts.tolist()))


@given(st.one_of(st.integers(max_value=10), st.integers(min_value=2_000_001, max_value=10**8)))
@settings(max_examples=20, deadline=None)
def test_user_count_is_checked(n):
    with pytest.raises(ValueError, match="n must be between 11 and 2000000"):
        commercial_score.synthetic_users(n=n)


def test_user_arguments_types():
    with pytest.raises(TypeError, match="n must be a whole number"):
        commercial_score.synthetic_users(n="many")
    with pytest.raises(ValueError, match="contacts must be between 1 and 50"):
        commercial_score.synthetic_users(n=100, contacts=0)
    with pytest.raises(ValueError, match="seed must be between"):
        commercial_score.synthetic_users(n=100, seed=-3)


# --- the score -------------------------------------------------------------------------------
def test_score_matches_hand_calculation():
    # user 0: own mean 50; contacts 1 and 2 have own means 10 and 90 -> 50; blend at 0.5 -> 50
    # weights 40/10/10/10/30: .4*80 + .1*60 + .1*40 + .1*20 + .3*50 = 59 -> 350 + 600 * .59 = 704
    weights = {"credit_history": 40, "behavioural_preferences": 10, "ability_to_fulfil_commitments": 10,
               "identity_characteristics": 10, "personal_relationships": 30}
    assert commercial_score.commercial_score(TINY, weights, 0.5, SCALE).iloc[0] == pytest.approx(704)
    # user 1: own 10, contacts 0 and 2 -> (50 + 90) / 2 = 70; at influence 1 relations = 70
    # .4*10 + .1*10*3 + .3*70 = 28 -> 350 + 600 * .28 = 518
    assert commercial_score.commercial_score(TINY, weights, 1.0, SCALE).iloc[1] == pytest.approx(518)
    # at influence 0 contacts do not count: relations = own = 10 -> 350 + 600 * .10 = 410
    assert commercial_score.commercial_score(TINY, weights, 0.0, SCALE).iloc[1] == pytest.approx(410)


def test_default_scale_is_read_from_data():
    scores = commercial_score.commercial_score(TINY, EQUAL, 0.5)
    assert scores.equals(commercial_score.commercial_score(TINY, EQUAL, 0.5, SCALE))
    assert scores.equals(commercial_score.commercial_score(TINY, EQUAL, 0.5, (350, 950)))


def test_score_bounds():
    best = tiny([[100] * 4] * 3, [[1, 2], [0, 2], [0, 1]])
    worst = tiny([[0] * 4] * 3, [[1, 2], [0, 2], [0, 1]])
    assert (commercial_score.commercial_score(best, EQUAL, 0.7) == 950).all()
    assert (commercial_score.commercial_score(worst, EQUAL, 0.7) == 350).all()


def test_prepared_and_plain_tables_give_the_same_scores(users, prepared):
    plain = commercial_score.commercial_score(users, EQUAL, 0.3, SCALE)
    assert plain.equals(commercial_score.commercial_score(prepared, EQUAL, 0.3, SCALE))
    assert commercial_score.prepare_users(prepared) is prepared
    with pytest.raises(ValueError, match="read-only"):
        prepared.own[0] = 1.0


def test_contacts_really_move_a_score(users):
    person = 0
    friends = commercial_score.contact_matrix(users)[person]
    better = users.copy()
    better.loc[friends, list(OWN)] = 100.0
    before = commercial_score.commercial_score(users, EQUAL, 0.5, SCALE)
    after = commercial_score.commercial_score(better, EQUAL, 0.5, SCALE)
    assert after[person] > before[person] + 1
    # the score rises by exactly what the relationships weight and the influence allow
    old = users.loc[friends, list(OWN)].to_numpy().mean()
    assert after[person] - before[person] == pytest.approx(600 * 0.20 * 0.5 * (100 - old) / 100)
    # with no contact influence, or no weight on relationships, the friends do not matter
    assert commercial_score.commercial_score(better, EQUAL, 0.0, SCALE)[person] == pytest.approx(
        commercial_score.commercial_score(users, EQUAL, 0.0, SCALE)[person])
    no_rel = {**EQUAL, "credit_history": 40, "personal_relationships": 0}
    assert commercial_score.commercial_score(better, no_rel, 1.0, SCALE)[person] == pytest.approx(
        commercial_score.commercial_score(users, no_rel, 1.0, SCALE)[person])


def test_contact_effect_agrees_with_the_whole_model(users):
    person, rating = 3, 95.0
    effect = commercial_score.contact_effect(users, EQUAL, person, rating, 0.6, SCALE)
    friends = commercial_score.contact_matrix(users)[person]
    changed = users.copy()
    changed.loc[friends, list(OWN)] = rating
    assert effect.score_before == pytest.approx(commercial_score.commercial_score(users, EQUAL, 0.6, SCALE)[person])
    assert effect.score_after == pytest.approx(commercial_score.commercial_score(changed, EQUAL, 0.6, SCALE)[person])
    assert effect.score_without_contacts == pytest.approx(
        commercial_score.commercial_score(users, EQUAL, 0.0, SCALE)[person])
    assert effect.change == pytest.approx(effect.score_after - effect.score_before)
    assert effect.contacts_add == pytest.approx(effect.score_before - effect.score_without_contacts)
    assert effect.own_rating == pytest.approx(users.loc[person, list(OWN)].mean())
    assert effect.contacts_rating_before == pytest.approx(users.loc[friends, list(OWN)].to_numpy().mean())


# four cut points on 0-100 split it into five non-negative weights adding up to 100
weights_strategy = st.lists(st.integers(min_value=0, max_value=100), min_size=4, max_size=4).map(
    lambda cuts: dict(zip(DIMS, map(float, np.diff([0, *sorted(cuts), 100])))))


@given(weights_strategy, st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=100),
       st.floats(min_value=0, max_value=100))
@PROPERTY
def test_better_friends_never_lower_a_score(prepared, weights, influence, low, high):
    low, high = sorted((low, high))
    worse = commercial_score.contact_effect(prepared, weights, 5, low, influence, SCALE)
    better = commercial_score.contact_effect(prepared, weights, 5, high, influence, SCALE)
    assert better.score_after >= worse.score_after - 1e-9
    assert 350 - 1e-9 <= worse.score_after <= better.score_after <= 950 + 1e-9


@given(weights_strategy, st.floats(min_value=0, max_value=1))
@PROPERTY
def test_scores_stay_on_the_published_scale(prepared, weights, influence):
    scores = commercial_score.commercial_score(prepared, weights, influence, SCALE)
    assert scores.between(350 - 1e-9, 950 + 1e-9).all()


# --- bad input: the error names the parameter -----------------------------------------------
@given(st.sampled_from(DIMS), st.floats(max_value=-0.01, allow_nan=False, allow_infinity=False))
@PROPERTY
def test_negative_weight_is_refused(dimension, bad):
    with pytest.raises(ValueError, match=rf"weights\['{dimension}'\] must be at least 0"):
        commercial_score.commercial_score(TINY, {**EQUAL, dimension: bad}, 0.5, SCALE)


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=5, max_size=5)
       .filter(lambda w: abs(sum(w) - 100) > 1e-3))
@PROPERTY
def test_weights_not_adding_to_100_are_refused(values):
    with pytest.raises(ValueError, match="weights must add up to 100"):
        commercial_score.commercial_score(TINY, dict(zip(DIMS, values)), 0.5, SCALE)


def test_weights_with_wrong_names_or_types_are_refused():
    with pytest.raises(ValueError, match="weights has unknown factor"):
        commercial_score.commercial_score(TINY, {**EQUAL, "social_media": 0}, 0.5)
    with pytest.raises(ValueError, match="weights is missing factor.*personal_relationships"):
        commercial_score.commercial_score(TINY, {d: 25 for d in OWN}, 0.5)
    with pytest.raises(TypeError, match="weights must be a mapping"):
        commercial_score.commercial_score(TINY, [20] * 5, 0.5)
    with pytest.raises(TypeError, match=r"weights\['credit_history'\] must be a number"):
        commercial_score.commercial_score(TINY, {**EQUAL, "credit_history": "20"}, 0.5)


@given(st.one_of(st.floats(max_value=-1e-6, allow_nan=False), st.floats(min_value=1.000001, allow_nan=False),
                 st.just(math.nan)))
@PROPERTY
def test_contact_influence_outside_0_1_is_refused(bad):
    with pytest.raises(ValueError, match="contact_influence must be"):
        commercial_score.commercial_score(TINY, EQUAL, bad)


@given(st.one_of(st.text(), st.none(), st.booleans(), st.lists(st.floats())))
@PROPERTY
def test_contact_influence_of_the_wrong_type_is_refused(bad):
    with pytest.raises(TypeError, match="contact_influence must be a number"):
        commercial_score.commercial_score(TINY, EQUAL, bad)


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=3)))
@PROPERTY
def test_person_outside_the_table_is_refused(bad):
    with pytest.raises(ValueError, match="person must be between 0 and 2"):
        commercial_score.contact_effect(TINY, EQUAL, bad, 50)


@given(st.one_of(st.floats(max_value=-0.01, allow_nan=False), st.floats(min_value=100.01, allow_nan=False)))
@PROPERTY
def test_new_contact_rating_outside_0_100_is_refused(bad):
    with pytest.raises(ValueError, match="new_contact_rating must be"):
        commercial_score.contact_effect(TINY, EQUAL, 0, bad)


def test_bad_user_tables_are_refused():
    with pytest.raises(TypeError, match="users must be a pandas DataFrame"):
        commercial_score.commercial_score(TINY.to_dict(), EQUAL, 0.5)
    with pytest.raises(ValueError, match="users is missing column.*identity_characteristics"):
        commercial_score.commercial_score(TINY.drop(columns="identity_characteristics"), EQUAL, 0.5)
    with pytest.raises(ValueError, match=r"users\['credit_history'\] values must be between 0 and 100"):
        commercial_score.commercial_score(TINY.assign(credit_history=[120.0, 10, 10]), EQUAL, 0.5)
    with pytest.raises(ValueError, match=r"users\['credit_history'\] must not contain missing values"):
        commercial_score.commercial_score(TINY.assign(credit_history=[np.nan, 10, 10]), EQUAL, 0.5)
    with pytest.raises(ValueError, match="users must have contact columns contact_0"):
        commercial_score.commercial_score(TINY.drop(columns=["contact_0", "contact_1"]), EQUAL, 0.5)
    with pytest.raises(ValueError, match="numbered contact_0 ... contact_{k-1} without gaps"):
        commercial_score.commercial_score(TINY.drop(columns="contact_0"), EQUAL, 0.5)
    with pytest.raises(TypeError, match=r"users\['contact_1'\] must hold whole numbers"):
        commercial_score.commercial_score(TINY.assign(contact_1=[2.0, 2.0, 1.0]), EQUAL, 0.5)
    with pytest.raises(ValueError, match="row positions between 0 and 2; found 0 to 7"):
        commercial_score.commercial_score(TINY.assign(contact_1=[2, 7, 1]), EQUAL, 0.5)
    with pytest.raises(ValueError, match="must not list a user as their own contact"):
        commercial_score.commercial_score(TINY.assign(contact_0=[0, 0, 0]), EQUAL, 0.5)


def test_bad_scale_is_refused():
    with pytest.raises(ValueError, match="scale must have low < high; got 950 and 350"):
        commercial_score.commercial_score(TINY, EQUAL, 0.5, (950, 350))
    with pytest.raises(TypeError, match="scale must be a ScoreScale or a \\(low, high\\) tuple"):
        commercial_score.commercial_score(TINY, EQUAL, 0.5, [350, 950])


# --- results behind the chart ---------------------------------------------------------------------
def test_benefits_reached_counts_users_at_or_above(prepared):
    scores = commercial_score.commercial_score(prepared, EQUAL, 0.5, SCALE)
    thresholds = commercial_score.benefit_thresholds()
    reached = commercial_score.benefits_reached(scores, thresholds)
    assert list(reached["id"]) == list(thresholds["id"])
    for row in reached.itertuples():
        assert row.users_reaching == int((scores >= row.threshold).sum())
        assert row.share_reaching == pytest.approx(row.users_reaching / len(scores))
    at = commercial_score.benefits_reached(pd.Series([600.0, 599.99]), thresholds[thresholds["threshold"] == 600])
    assert list(at["users_reaching"]) == [1]


def test_benefits_reached_checks_its_input():
    thresholds = commercial_score.benefit_thresholds()
    with pytest.raises(TypeError, match="scores must be a pandas Series"):
        commercial_score.benefits_reached([600.0], thresholds)
    with pytest.raises(ValueError, match="scores must hold at least one score"):
        commercial_score.benefits_reached(pd.Series([], dtype=float), thresholds)
    with pytest.raises(ValueError, match="scores must not contain missing values"):
        commercial_score.benefits_reached(pd.Series([np.nan]), thresholds)
    with pytest.raises(TypeError, match="thresholds must be a pandas DataFrame"):
        commercial_score.benefits_reached(pd.Series([600.0]), [600])
    with pytest.raises(ValueError, match="thresholds is missing column.*year"):
        commercial_score.benefits_reached(pd.Series([600.0]), thresholds.drop(columns="year"))


def test_histogram_covers_the_scale_and_every_user(prepared):
    scores = commercial_score.commercial_score(prepared, EQUAL, 0.5, SCALE)
    hist = commercial_score.score_histogram(scores, scale=SCALE)
    assert len(hist) == 60 and hist["bin_start"].iloc[0] == 350 and hist["bin_end"].iloc[-1] == 950
    assert hist["users"].sum() == len(scores) and hist["share"].sum() == pytest.approx(1)
    assert hist["bin_start"].is_monotonic_increasing
    edge = commercial_score.score_histogram(pd.Series([350.0, 950.0, 355.0]), scale=SCALE)
    assert edge["users"].iloc[0] == 2 and edge["users"].iloc[-1] == 1
    with pytest.raises(ValueError, match="bin_width must be between 1 and 600"):
        commercial_score.score_histogram(scores, bin_width=0, scale=SCALE)


def test_rules_share_a_line_where_thresholds_coincide():
    reached = commercial_score.benefits_reached(pd.Series([650.0, 720.0, 800.0]), commercial_score.benefit_thresholds())
    rules = threshold_rules(reached)
    assert list(rules["threshold"]) == sorted(set(reached["threshold"]))
    at_700 = rules.set_index("threshold").loc[700]
    assert "Singapore" in at_700["benefits"] and "(2015)" in at_700["benefits"] and "(2017)" in at_700["benefits"]
    assert at_700["share_reaching"] == pytest.approx(2 / 3)
    assert threshold_rules(reached.iloc[0:0]).empty


def test_the_panel_update_matches_the_per_row_loop(small_users):
    thresholds = commercial_score.benefit_thresholds(None)
    ratings = small_users[list(OWN)].values.tolist()
    contacts = small_users[[c for c in small_users.columns if c.startswith("contact_")]].values.tolist()
    weights = {"credit_history": 35, "behavioural_preferences": 25, "ability_to_fulfil_commitments": 20,
               "identity_characteristics": 15, "personal_relationships": 5}
    for influence, focal, what_if in ((0.0, 0, 90), (0.5, 7, 10), (1.0, 123, 100)):
        update = commercial_score.commercial_update(small_users, weights, influence, thresholds, None, focal, what_if, SCALE)
        counts, reached, effect = commercial_update_loop(ratings, contacts, thresholds["threshold"].tolist(), weights,
                                                         influence, (SCALE.low, SCALE.high), focal, what_if)
        assert list(update.histogram["users"]) == counts
        assert list(update.reached["users_reaching"]) == reached
        assert [update.effect.score_before, update.effect.score_after,
                update.effect.score_without_contacts] == pytest.approx(effect, abs=1e-9)
