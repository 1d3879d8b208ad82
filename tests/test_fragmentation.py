"""The toy model of fragmentation and its panel (notebook 03): one synthetic person judged by many toy cities."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import fragmentation_update as fragmentation_update_loop
from tests.conftest import chart_spec, panel_note
from widgets.models import city_points, fragmentation
from widgets.panels import city as city_panels

PERSON = dict(city_points.ILLUSTRATIVE_PERSON)  # 4 volunteering, 1 blood, 2 charity, 2 traffic offences
counts_strategy = st.fixed_dictionaries({b: st.integers(0, 60) for b in city_points.BEHAVIOURS})
BASE = city_points.default_rules()  # loaded once for the property tests


@pytest.fixture(scope="module")
def rules():
    return city_points.default_rules()


@given(st.one_of(st.integers(max_value=0), st.integers(min_value=fragmentation.MAX_CITIES + 1)))
def test_bad_number_of_cities_is_refused(bad):
    with pytest.raises(ValueError, match=f"n_cities must be between 1 and {fragmentation.MAX_CITIES}"):
        fragmentation.city_rule_sets(bad, 1, base=BASE)


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=2**32)))
def test_bad_seed_is_refused(bad):
    with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
        fragmentation.city_rule_sets(3, bad, base=BASE)


def test_bad_fragmentation_ranges_are_named(rules):
    for kwargs, message in [
        ({"point_spread": 1.5}, "point_spread must be between 0 and 1"),
        ({"cutoff_shift": 80}, "cutoff_shift must be between 0 and 49.5"),  # half the smallest gap, 100
        ({"incentives_only_share": -0.1}, "incentives_only_share must be between 0 and 1"),
        ({"skip_share": 2}, "skip_share must be between 0 and 1"),
        ({"start_spread": -1}, "start_spread must be between 0 and 1000"),
        ({"base": "default"}, "base must be a RuleSet"),
    ]:
        with pytest.raises((ValueError, TypeError), match=message):
            fragmentation.city_rule_sets(4, 1, **kwargs)


def test_bad_rule_set_lists_are_named(rules):
    with pytest.raises(ValueError, match="rule_sets must hold at least one RuleSet"):
        fragmentation.judge_everywhere(PERSON, [])
    with pytest.raises(TypeError, match=r"rule_sets\[1\] must be a RuleSet"):
        fragmentation.judge_everywhere(PERSON, [rules, "Hangzhou"])
    other = rules.replace(grade_cutoffs={"good": 500, "poor": 0}, name="Other")
    with pytest.raises(ValueError, match=r"rule_sets must all use the same grades.*rule_sets\[1\] uses good, poor"):
        fragmentation.judge_everywhere(PERSON, [rules, other])
    with pytest.raises(ValueError, match="rule_sets must have distinct names"):
        fragmentation.judge_everywhere(PERSON, [rules, rules])
    with pytest.raises(TypeError, match="rule_sets must be a list of RuleSet"):
        fragmentation.judge_everywhere(PERSON, rules)


# --- fragmentation ------------------------------------------------------------------------------------------
def test_city_rule_sets_stay_in_the_documented_range(rules):
    sets = fragmentation.city_rule_sets(40, 11, base=rules)
    assert [rs.name for rs in sets][:2] == ["Toy city 01", "Toy city 02"]
    assert fragmentation.city_rule_sets(40, 11, base=rules) == sets  # seeded
    for rs in sets:
        assert abs(rs.start - rules.start) <= fragmentation.ILLUSTRATIVE_START_SPREAD
        for b in city_points.BEHAVIOURS:
            base_value, value = rules.points[b], rs.points[b]
            assert value == 0 or abs(value) <= abs(base_value) * (1 + fragmentation.ILLUSTRATIVE_POINT_SPREAD) + 0.5
            assert value == 0 or abs(value) >= abs(base_value) * (1 - fragmentation.ILLUSTRATIVE_POINT_SPREAD) - 0.5
        for grade in rules.grades[:-1]:
            assert abs(rs.grade_cutoffs[grade] - rules.grade_cutoffs[grade]) <= fragmentation.ILLUSTRATIVE_CUTOFF_SHIFT
    assert 0 < sum(rs.incentives_only for rs in sets) < len(sets)
    assert any(rs.points[b] == 0 for rs in sets for b in city_points.BEHAVIOURS)  # some cities skip a behaviour


def test_judge_everywhere_matches_each_city(rules):
    sets = fragmentation.city_rule_sets(8, 2014, base=rules)
    judged = fragmentation.judge_everywhere(PERSON, sets)
    assert list(judged.columns) == ["resident", "city", "incentives_only", "points", "grade"]
    assert list(judged["city"]) == [rs.name for rs in sets]
    for rs, (_, row) in zip(sets, judged.iterrows()):
        alone = city_points.city_points(pd.DataFrame([PERSON]), rs).iloc[0]
        assert (row["points"], row["grade"]) == (alone["points"], alone["grade"])
        assert row["incentives_only"] == rs.incentives_only


def test_the_same_person_gets_different_outcomes(rules):
    sets = fragmentation.city_rule_sets(8, 2014, base=rules)
    spread = fragmentation.fragmentation_spread(PERSON, sets).iloc[0]
    judged = fragmentation.judge_everywhere(PERSON, sets)
    assert spread["min_points"] == judged["points"].min() < judged["points"].max() == spread["max_points"]
    assert spread["distinct_grades"] == judged["grade"].nunique() >= 2
    assert spread["best_grade"] == judged["grade"].max() and spread["worst_grade"] == judged["grade"].min()


def test_identical_cities_agree_so_the_spread_comes_from_the_rules(rules, city_residents):
    same = fragmentation.city_rule_sets(6, 5, base=rules, point_spread=0, start_spread=0, cutoff_shift=0,
                               incentives_only_share=0, skip_share=0)
    summary = fragmentation.population_spread(city_residents, same)
    assert (summary.more_than_one_grade, summary.max_range) == (0, 0)
    varied = fragmentation.population_spread(city_residents, fragmentation.city_rule_sets(6, 5, base=rules))
    assert varied.more_than_one_grade > 0 and varied.max_range > 0


def test_population_spread_agrees_with_the_per_resident_table(city_residents):
    sets = fragmentation.city_rule_sets(8, 9)
    table = fragmentation.fragmentation_spread(city_residents, sets)
    summary = fragmentation.population_spread(city_residents, sets)
    assert summary.residents == len(city_residents) and summary.cities == 8
    assert summary.more_than_one_grade == int((table["distinct_grades"] > 1).sum())
    assert summary.median_range == table["points_range"].median()
    assert 0 < summary.share_more_than_one_grade < 1
    # distinct grades by brute force for a few residents
    judged = fragmentation.judge_everywhere(city_residents.head(50), sets)
    by_hand = judged.groupby("resident", observed=True)["grade"].nunique()
    assert list(table["distinct_grades"].head(50)) == list(by_hand)


@settings(max_examples=30, deadline=None)
@given(counts_strategy, st.integers(2, 12), st.integers(0, 10_000))
def test_spread_is_consistent_for_any_person(counts, n_cities, seed):
    sets = fragmentation.city_rule_sets(n_cities, seed, base=BASE)
    judged = fragmentation.judge_everywhere(counts, sets)
    spread = fragmentation.fragmentation_spread(counts, sets).iloc[0]
    assert len(judged) == n_cities
    assert spread["points_range"] == judged["points"].max() - judged["points"].min() >= 0
    assert 1 <= spread["distinct_grades"] == judged["grade"].nunique() <= n_cities


# --- the panel ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fragmentation_panel(city_residents):
    return city_panels.FragmentationPanel(city_residents)


def test_fragmentation_panel_shows_the_spread(city_residents):
    panel = city_panels.FragmentationPanel(city_residents)
    assert "kit-fragmentation-panel" in panel.css_class
    sets = fragmentation.city_rule_sets(8, fragmentation.CITY_RULES_SEED)
    spread = fragmentation.fragmentation_spread(PERSON, sets).iloc[0]
    summary = fragmentation.population_spread(city_residents, sets)
    text = panel.summary()
    assert text.startswith(f"Points from {spread['min_points']:,.0f} to {spread['max_points']:,.0f} across 8 toy cities")
    assert f"{spread['distinct_grades']} different grades" in text
    assert f"Of 5,000 synthetic residents, {summary.more_than_one_grade:,}" in text
    before = chart_spec(panel)
    panel.n_cities.value = 20
    assert "across 20 toy cities" in panel.summary()
    assert chart_spec(panel) != before
    assert "one of 20 toy cities" in panel.description
    panel.sliders["court_judgment_unpaid"].value = 1
    assert panel.summary() != text and panel.message == ""


def test_fragmentation_chart_has_one_dot_per_city(fragmentation_panel):
    spec = fragmentation_panel.static_chart().to_dict()
    datasets = spec["datasets"]
    sizes = sorted(len(rows) for rows in datasets.values())
    assert sizes == [1, 2, 8]  # the band, the zoomed axis's two ends, then one row per toy city
    assert spec["title"] == "The same synthetic person in different toy cities"
    assert "Each dot is this synthetic person" in spec["description"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=2**32, max_value=2**40)))
def test_fragmentation_panel_bad_seed_shows_a_message(fragmentation_panel, bad):
    numbers = fragmentation_panel.numbers
    fragmentation_panel.seed.value = bad
    assert "seed must be between 0 and 4294967295" in fragmentation_panel.message
    assert fragmentation_panel.numbers == numbers
    fragmentation_panel.seed.value = fragmentation.CITY_RULES_SEED
    assert fragmentation_panel.message == ""


def test_fragmentation_panel_note(fragmentation_panel):
    note = panel_note(fragmentation_panel)
    for text in ("Published", "[S20]", "Illustrative", "&plusmn;50%", "published 150", "493 items [S21]"):
        assert text in note


def test_the_panel_update_matches_the_per_row_loop(city_residents, rules):
    update = fragmentation.fragmentation_update(PERSON, 6, 11, rules, city_residents)
    rows = city_residents[list(city_points.BEHAVIOURS)].to_numpy().tolist()
    judged, more_than_one, median, largest = fragmentation_update_loop(rows, PERSON, update.rule_sets)
    assert [(p, g) for p, g in zip(update.judged["points"], update.judged["grade"].astype(str))] == judged
    assert update.spread["min_points"] == min(p for p, _ in judged)
    assert update.spread["distinct_grades"] == len({g for _, g in judged})
    assert (update.population.more_than_one_grade, update.population.median_range,
            update.population.max_range) == (more_than_one, median, largest)
