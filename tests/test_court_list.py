"""The court defaulter rule (notebooks 03 and 05): the primary texts in data/, the listing of synthetic
cases under the 2013 and 2017 texts, how long synthetic debtors stay listed, and bad input."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from benchmarks.reference_loops import court_list_update as court_list_update_loop
from widgets.data import load
from widgets.models import court_list

NO = dict.fromkeys(court_list.CASE_COLUMNS, False)
CONDUCT = ["obstructs", "evades", "breaches_property_report", "breaches_consumption_order", "reneges_settlement"]


@pytest.fixture(scope="module")
def rules():
    return court_list.list_rules()


@pytest.fixture(scope="module")
def texts():
    return {v: court_list.listing_text(v) for v in court_list.VERSIONS}


def frame(*cases: dict) -> pd.DataFrame:
    return pd.DataFrame([{**NO, **c} for c in cases])


def data_rows(prefix: str) -> pd.DataFrame:
    table = load("scoring_models")
    return table[(table["model"] == "list_rules") & table["parameter"].str.startswith(prefix)]


# --- the published rules come from data/ ------------------------------------------------------

def test_the_toy_rows_have_six_grounds_in_the_order_of_art_1(rules):
    assert rules.term_years == 2 and rules.extension_range == (1, 3)
    assert rules.source("listing_term") == "S30"
    assert list(rules.grounds["parameter"]) == list(data_rows("ground_")["parameter"]) == list(court_list.GROUND_RULES)
    assert len(rules.grounds) == rules.value("number_of_grounds_2017") == 6
    assert list(rules.grounds["label"]) == [
        "able to comply but refuses", "obstructs enforcement, e.g. by forgery or violence",
        "evades enforcement, e.g. by false litigation or hiding assets", "violates the property-reporting system",
        "violates a consumption-restriction order", "reneges on a settlement agreement"]
    expected = data_rows("restriction_")
    assert list(rules.restrictions["parameter"]) == list(expected["parameter"])
    assert list(rules.restrictions["label"]) == [
        "no flights", "no high-speed rail", "no first-class seats", "no luxury hotels", "no golf",
        "no paying private-school fees", "no company executive posts", "no loans"]


def test_the_2017_text_as_the_model_reads_it(texts):
    new = texts["2017"]
    assert list(new.grounds["item"]) == [1, 2, 3, 4, 5, 6]
    assert list(new.grounds["parameter"]) == list(court_list.GROUND_RULES)
    assert new.grounds.set_index("item").loc[1, "text_zh"] == "有履行能力而拒不履行生效法律文书确定义务的"
    assert new.grounds.set_index("item").loc[4, "rule"] == "Violates the property-reporting system."
    assert new.grounds.set_index("item").loc[5, "rule"] == "Violates a consumption-restriction order."
    assert new.terms == {1: None, 2: 2.0, 3: 2.0, 4: 2.0, 5: 2.0, 6: 2.0}  # no fixed term for ground 1 (F4, F5)
    assert new.extension == (1, 3) and new.extension_items == (2, 3, 4, 5, 6)
    assert new.open_ended == ("ground_able_but_refuses",)
    assert len(new.deletion_events) == 7 and new.source_ids == ["S63"]
    assert "未履行" in new.precondition["text_zh"] and "履行能力" not in new.precondition["text_zh"]


def test_the_2013_text_as_the_model_reads_it(texts):
    old = texts["2013"]
    assert old.grounds.set_index("item").loc[6, "parameter"] == "ground_able_but_refuses"  # the catch-all
    assert "其他有履行能力" in old.grounds.set_index("item").loc[6, "text_zh"]
    assert "限制高消费令" in old.grounds.set_index("item").loc[4, "text_zh"]
    assert set(old.terms.values()) == {None} and old.extension is None  # no term at all (F10)
    assert len(old.deletion_events) == 3
    assert "具有履行能力而不履行" in old.precondition["text_zh"]  # ability to pay required for every ground (F3)


def test_the_toy_term_agrees_with_the_primary_text(rules, texts):
    assert texts["2017"].term_of("ground_obstructs_enforcement") == rules.term_years
    assert texts["2017"].extension == rules.extension_range


def test_rules_by_version_sets_the_two_texts_side_by_side():
    table = court_list.rules_by_version().set_index("parameter")
    assert table.loc["ground_able_but_refuses", ["item_2013", "item_2017"]].tolist() == [6, 1]
    assert table.loc["ground_able_but_refuses", "term_2017"] == "no fixed term: until a deletion event"
    assert table.loc["ground_evades_enforcement", "term_2017"] == "2 years, extendable by 1-3"
    assert (table["term_2013"] == "no fixed term: until a deletion event").all()
    assert table.loc["ground_reneges_settlement", "ids"] == "lr-2013-ground-5, lr-2017-ground-6"


def test_missing_rule_rows_are_named():
    table = load("scoring_models")
    with pytest.raises(ValueError, match="list_rules rows for: listing_term"):
        court_list.list_rules(table[table["parameter"] != "listing_term"])
    text = load("listing_rules")
    with pytest.raises(ValueError, match="no 2017 term row covers ground\\(s\\) 1"):
        court_list.listing_text("2017", text[text["id"] != "lr-2017-term-ground-1"])
    with pytest.raises(ValueError, match="must hold the 2013 grounds 1, 2, 3, 4, 5, 6"):
        court_list.listing_text("2013", text[text["id"] != "lr-2013-ground-6"])


def test_unknown_or_merged_ground_in_the_data_is_refused():
    table = load("scoring_models")
    extra = table[table["parameter"] == "ground_obstructs_enforcement"].assign(
        id="list-rules-ground-new", parameter="ground_new_conduct")
    with pytest.raises(ValueError, match="ground\\(s\\) the model has no rule for: ground_new_conduct"):
        court_list.list_rules(pd.concat([table, extra], ignore_index=True))
    merged = table[table["parameter"] != "ground_breaches_consumption_order"]
    with pytest.raises(ValueError, match="list_rules rows for: ground_breaches_consumption_order"):
        court_list.list_rules(merged)


@settings(deadline=None)
@given(st.one_of(st.sampled_from(["2014", "2016", "17", "", "latest"]), st.integers().filter(lambda x: x not in (2013, 2017)),
                 st.none(), st.floats()))
def test_unknown_version_is_named(bad):
    with pytest.raises((ValueError, TypeError), match="^version must be"):
        court_list.listing_text(bad)


# --- the rule of each text ----------------------------------------------------------------------

def test_the_example_cases_under_both_texts(rules, texts):
    cases = court_list.example_cases()
    assert list(cases.index) == list("abcdef") and list(cases.columns) == list(court_list.CASE_COLUMNS)
    new = court_list.defaulter_listing(cases, version="2017", rules=rules, text=texts["2017"])
    old = court_list.defaulter_listing(cases, version="2013", rules=rules, text=texts["2013"])
    assert list(new.index[new["listed"]]) == ["a", "c", "e"]
    assert list(old.index[old["listed"]]) == ["a"]
    assert new.loc["a", "open_ended"] and math.isnan(new.loc["a", "term_years"])
    assert new.loc["c", "term_years"] == 2 and not new.loc["c", "open_ended"]
    assert str(new.loc["f", "ground"]) == court_list.NOT_LISTED_PERFORMS  # has performed: never listed
    assert str(old.loc["c", "ground"]) == court_list.NOT_LISTED_UNABLE


def test_defaulter_rule_by_hand(rules):
    cases = frame(
        {"able_to_pay": True, "not_performed": True},                         # the laolai: ground 1
        {"able_to_pay": False, "not_performed": True},                        # cannot pay: no ground
        {"able_to_pay": True},                                                # performs
        {"not_performed": True, "obstructs": True},                           # ground 2, whether or not able
        {"able_to_pay": True, "not_performed": True, "evades": True, "reneges_settlement": True},
        {"not_performed": True, "breaches_property_report": True, "breaches_consumption_order": True},
    )
    cases.index = [10, 11, 12, 13, 14, 15]
    out = court_list.defaulter_listing(cases, extension_years=2, rules=rules)
    assert list(out.index) == [10, 11, 12, 13, 14, 15]
    assert list(out["listed"]) == [True, False, False, True, True, True]
    assert list(out["ground"].astype(str)) == [
        "ground_able_but_refuses", court_list.NOT_LISTED_UNABLE, court_list.NOT_LISTED_PERFORMS,
        "ground_obstructs_enforcement", "ground_able_but_refuses", "ground_breaches_property_report"]
    assert list(out["grounds_met"]) == [1, 0, 0, 1, 3, 2]
    assert out["term_years"].tolist()[3:] == [4, 4, 4] and math.isnan(out["term_years"].iloc[0])
    assert list(out["open_ended"]) == [True, False, False, False, True, False]
    old = court_list.defaulter_listing(cases, version="2013", extension_years=2, rules=rules)
    assert list(old["listed"]) == [True, False, False, False, True, False]
    assert str(old["ground"].iloc[4]) == "ground_evades_enforcement"  # 2013 item 2 comes before the catch-all
    assert old["open_ended"][old["listed"]].all() and old["term_years"].isna().all()  # 2013: no term, no extension


@pytest.mark.parametrize("extension, term", [(0, 2), (1, 3), (2, 4), (3, 5)])
def test_extension_adds_to_the_term_of_grounds_2_to_6_only(rules, extension, term):
    out = court_list.defaulter_listing(frame({"able_to_pay": True, "not_performed": True, "evades": True},
                                             {"able_to_pay": True, "not_performed": True}),
                                       extension_years=extension, rules=rules)
    assert out["term_years"].iloc[0] == term and out["open_ended"].iloc[0]
    assert math.isnan(out["term_years"].iloc[1])


boolean_cases = data_frames([column(c, dtype=bool) for c in court_list.CASE_COLUMNS])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(boolean_cases.filter(lambda f: len(f) > 0), st.sampled_from([0, 1, 2, 3]))
def test_listing_properties(rules, cases, extension):
    new = court_list.defaulter_listing(cases, extension_years=extension, rules=rules)
    old = court_list.defaulter_listing(cases, version="2013", extension_years=extension, rules=rules)
    conduct = cases[CONDUCT].any(axis=1)
    ground1 = cases["able_to_pay"] & cases["not_performed"]
    # 2017: not performed, and ground 1 or any conduct ground; 2013: ability and non-performance for every ground
    assert new["listed"].equals((cases["not_performed"] & (cases["able_to_pay"] | conduct)).rename("listed"))
    assert old["listed"].equals(ground1.rename("listed"))
    assert not (old["listed"] & ~new["listed"]).any()  # 2017 lists everyone 2013 did
    assert new["open_ended"].equals(ground1.rename("open_ended"))  # only ground 1 has no fixed term
    terms = new.loc[new["listed"] & (conduct & cases["not_performed"]), "term_years"]
    assert (terms == 2 + extension).all()
    assert new.loc[~new["listed"], "term_years"].isna().all()
    # inability to pay is never a ground; losing the ability to pay never puts anyone on the list
    for out, version in ((new, "2017"), (old, "2013")):
        poorer = court_list.defaulter_listing(cases.assign(able_to_pay=False), version=version,
                                              extension_years=extension, rules=rules)
        assert not (poorer["listed"] & ~out["listed"]).any()
        assert list(out["ground"].cat.categories) == rules.outcome_keys()


def test_grounds_met_agrees_with_the_vectorized_rule(rules):
    cases = court_list.synthetic_cases(n=3_000, seed=5)
    for version in court_list.VERSIONS:
        out = court_list.defaulter_listing(cases, version=version, rules=rules)
        for i in range(0, 3_000, 37):
            case = {c: bool(cases.iloc[i][c]) for c in court_list.CASE_COLUMNS}
            met = court_list.grounds_met(case, version, rules)
            assert len(met) == out["grounds_met"].iloc[i]
            assert (met[0] if met else None) == (str(out["ground"].iloc[i]) if out["listed"].iloc[i] else None)


def test_synthetic_cases_are_seeded_and_plausible(rules):
    cases = court_list.synthetic_cases(n=50_000, seed=3)
    pd.testing.assert_frame_equal(cases, court_list.synthetic_cases(n=50_000, seed=3))
    assert not cases.equals(court_list.synthetic_cases(n=50_000, seed=4))
    assert list(cases.columns) == ["case", *court_list.CASE_COLUMNS, "event_draw"]
    assert cases[list(court_list.CASE_COLUMNS)].dtypes.eq(bool).all()
    assert abs(cases["able_to_pay"].mean() - court_list.ILLUSTRATIVE_CASE_SHARES["able_to_pay"]) < 0.01
    assert cases.loc[~cases["able_to_pay"], "not_performed"].all()
    assert cases["event_draw"].between(0, 1, inclusive="right").all()
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


# --- how long synthetic debtors stay listed -----------------------------------------------------

def test_durations_follow_the_texts(rules, texts):
    cases = frame({"able_to_pay": True, "not_performed": True},                   # ground 1 only
                  {"not_performed": True, "evades": True},                        # ground 3 only
                  {"able_to_pay": True, "not_performed": True, "evades": True},   # both
                  {"not_performed": True}).assign(event_draw=[0.5, 0.5, 0.9, 0.5])
    chance = 0.5  # one chance in two a year: a draw of 0.5 means one year, 0.9 about 0.15 years
    new = court_list.listing_durations(cases, annual_deletion_chance=chance, rules=rules, text=texts["2017"])
    assert new["years_listed"].iloc[0] == pytest.approx(1.0)   # until the deletion event
    assert new["years_listed"].iloc[1] == 2                    # the term, whatever the draw
    assert new["years_listed"].iloc[2] == 2                    # the later of the two ends
    assert list(new["reason"].astype(str))[:3] == ["open_ended", "term", "both"]
    assert pd.isna(new["reason"].iloc[3]) and math.isnan(new["years_listed"].iloc[3])
    early = court_list.listing_durations(cases, annual_deletion_chance=chance, early_deletion=True, rules=rules)
    assert early["years_listed"].iloc[1] == pytest.approx(1.0)  # the court deleted it early on performance
    assert early["years_listed"].iloc[2] == pytest.approx(math.log(0.9) / math.log(0.5))
    old = court_list.listing_durations(cases, version="2013", annual_deletion_chance=chance, rules=rules)
    assert list(old["listed"]) == [True, False, True, False]
    assert old["years_listed"].iloc[0] == pytest.approx(1.0)


def test_a_ground_1_listing_can_outlast_every_fixed_term(rules):
    cases = court_list.synthetic_cases(n=20_000, seed=8)
    new = court_list.listing_durations(cases, extension_years=3, rules=rules)
    longest_fixed = rules.term_years + rules.extension_range[1]
    over = new[new["years_listed"] > longest_fixed]
    assert len(over) > 0 and over["open_ended"].all()  # only ground-1 listings outlast five years
    assert (new.loc[new["reason"] == "term", "years_listed"] == longest_fixed).all()
    assert new.loc[new["still_listed"], "years_listed"].eq(court_list.ILLUSTRATIVE_HORIZON_YEARS).all()


def test_a_higher_chance_of_deletion_shortens_open_ended_listings(rules):
    cases = court_list.synthetic_cases(n=20_000, seed=9)
    low = court_list.listing_durations(cases, version="2013", annual_deletion_chance=0.1, rules=rules)
    high = court_list.listing_durations(cases, version="2013", annual_deletion_chance=0.6, rules=rules)
    listed = low["listed"]
    assert (high.loc[listed, "years_listed"] <= low.loc[listed, "years_listed"]).all()
    assert high["still_listed"].sum() < low["still_listed"].sum()


def test_the_update_matches_the_per_row_loop_and_the_durations(rules, texts):
    cases = court_list.synthetic_cases(3_000, seed=7)
    rows = list(cases[list(court_list.CASE_COLUMNS)].itertuples(index=False, name=None))
    draws = cases["event_draw"].tolist()
    for version, extension, chance, early in (("2017", 0, 0.25, False), ("2013", 3, 0.1, True),
                                              ("2017", 2, 0.5, True), ("2017", 3, 0.05, False)):
        update = court_list.court_list_update(version, extension, chance, early, cases, rules, texts)
        loop = court_list_update_loop(rows, draws, version, extension, chance, early, texts, 10)
        drawn = {(r.version, r.bin_order, r.reason): r.debtors for r in update.bins.itertuples() if r.debtors}
        assert drawn == loop["counts"]
        for v, summary in loop["summaries"].items():
            assert {k: update.row(v)[k] for k in summary} == summary
        for v in court_list.VERSIONS:
            d = court_list.listing_durations(cases, version=v, extension_years=extension,
                                             annual_deletion_chance=chance, early_deletion=early, rules=rules)
            binned = court_list.year_bin(d.loc[d["listed"], "years_listed"].where(~d["still_listed"], np.inf), 10)
            counts = pd.crosstab(d.loc[d["listed"], "reason"].astype(str), binned)
            chart = update.bins[update.bins["version"] == v].pivot(index="reason", columns="bin_order", values="debtors")
            assert all(chart.loc[r, b] == counts.loc[r, b] for r in counts.index for b in counts.columns)


def test_the_update_puts_the_chosen_text_first(rules, texts):
    cases = court_list.synthetic_cases(2_000, seed=1)
    update = court_list.court_list_update("2013", 0, 0.25, False, cases, rules, texts)
    assert (update.version, update.other) == ("2013", "2017")
    assert list(update.summary["version"]) == ["2013", "2017"]
    assert update.bins.loc[update.bins["chosen"], "version"].eq("2013").all()
    assert len(update.bins) == 2 * 11 * 3
    assert list(update.bins["bin"].iloc[::3][:11]) == court_list.year_bins(10)
    row = update.row("2017")
    assert row["listed"] == row["open_ended"] + row["term_only"] + row["both"]
    assert update.row("2013")["term_only"] == 0


# --- bad input names the parameter ---------------------------------------------------------------

@settings(deadline=None)
@given(st.one_of(st.integers().filter(lambda x: x not in (0, 1, 2, 3)),
                 st.floats().filter(lambda x: not (x in (0, 1, 2, 3))), st.text(), st.booleans(), st.none()))
def test_bad_extension_names_the_parameter(rules, bad):
    with pytest.raises((ValueError, TypeError), match="extension_years"):
        court_list.defaulter_listing(frame({"able_to_pay": True}), extension_years=bad, rules=rules)


@settings(deadline=None)
@given(st.one_of(st.floats(max_value=0.049), st.floats(min_value=0.951), st.just(math.nan), st.text(), st.none(),
                 st.booleans()))
def test_bad_chance_names_the_parameter(bad):
    cases = court_list.synthetic_cases(20, seed=1)
    with pytest.raises((ValueError, TypeError), match="^annual_deletion_chance must be"):
        court_list.court_list_update("2017", 0, bad, False, cases)


@settings(deadline=None)
@given(st.one_of(st.integers(max_value=5), st.integers(min_value=31), st.floats(6.1, 6.9), st.text()))
def test_bad_horizon_names_the_parameter(bad):
    cases = court_list.synthetic_cases(20, seed=1)
    with pytest.raises((ValueError, TypeError), match="^horizon_years must be"):
        court_list.listing_durations(cases, horizon_years=bad)


@settings(deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text()))
def test_early_deletion_must_be_a_switch(bad):
    with pytest.raises(TypeError, match="^early_deletion must be True or False"):
        court_list.court_list_update("2017", 0, 0.25, bad, court_list.synthetic_cases(20, seed=1))


def test_durations_need_the_event_draws(rules):
    with pytest.raises(ValueError, match="cases is missing column event_draw"):
        court_list.listing_durations(court_list.example_cases(), rules=rules)
    bad = court_list.synthetic_cases(5, seed=1).assign(event_draw=0.0)
    with pytest.raises(ValueError, match="event_draw'\\] must lie in \\(0, 1\\]"):
        court_list.listing_durations(bad, rules=rules)


def test_a_text_of_the_other_version_is_refused(rules, texts):
    with pytest.raises(ValueError, match="text must be the 2013 provisions"):
        court_list.defaulter_listing(court_list.example_cases(), version="2013", rules=rules, text=texts["2017"])


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
def test_bad_case_value_is_named(name, bad):
    with pytest.raises(TypeError, match=f"case\\['{name}'\\] must be True or False"):
        court_list.grounds_met({**NO, name: bad})


def test_case_missing_a_flag_is_named():
    with pytest.raises(ValueError, match="case is missing not_performed"):
        court_list.grounds_met({k: v for k, v in NO.items() if k != "not_performed"})


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
