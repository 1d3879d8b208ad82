"""The toy city points scheme, the fragmentation model and their panels (notebook 03)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import charts, city
from widgets.panels import city as city_panels

PERSON = dict(city.ILLUSTRATIVE_PERSON)  # 4 volunteering, 1 blood, 2 charity, 2 traffic offences
NOTHING = {b: 0 for b in city.BEHAVIOURS}
counts_strategy = st.fixed_dictionaries({b: st.integers(0, 60) for b in city.BEHAVIOURS})
BASE = city.default_rules()  # loaded once for the property tests


@pytest.fixture(scope="module")
def published():
    return city.city_published()


@pytest.fixture(scope="module")
def rules(published):
    return city.default_rules(published)


@pytest.fixture(scope="module")
def residents():
    return city.synthetic_residents(n=5_000, seed=3)


def one(person):
    return pd.DataFrame([person])


# --- published parameters ---------------------------------------------------------------------------------
def test_published_parameters_come_from_the_data(published):
    assert published.scale == city.ScoreScale(0, 1000)
    assert published.max_loss_per_offence == 150
    assert published.incentives_only is True
    assert published.grade_names == ("AAA", "AA", "A", "B", "C", "D")
    assert published.source("scale_max") == "S20"
    assert published.source("max_loss_per_legal_offence") == "S20"
    assert published.source("rongcheng_grades") == "S18"
    # the often-repeated 1,000-point Rongcheng start is in the data as unconfirmed, with no number
    start_row = published.rows.set_index("parameter").loc["rongcheng_start_points"]
    assert start_row["confidence"] == "unconfirmed" and pd.isna(start_row["value"])
    assert published.value("rongcheng_start_points") is None
    with pytest.raises(ValueError, match="parameter must be one of"):
        published.source("no_such_parameter")


def test_published_parameters_refuse_a_table_without_the_rows(published):
    table = city.city_published().rows.assign(model="city_points")
    with pytest.raises(ValueError, match="must hold city_points rows for: max_loss_per_legal_offence"):
        city.city_published(table[table["parameter"] != "max_loss_per_legal_offence"])


def test_default_rules_use_published_scale_cap_and_grade_names(rules):
    assert rules.scale == city.ScoreScale(0, 1000)
    assert rules.max_loss_per_offence == 150
    assert rules.grades == ("AAA", "AA", "A", "B", "C", "D")
    assert rules.start == city.ILLUSTRATIVE_START
    assert list(rules.grade_cutoffs.values()) == [*city.ILLUSTRATIVE_GRADE_CUTOFFS, 0]
    assert dict(rules.points) == city.ILLUSTRATIVE_POINTS
    assert min(rules.points[b] for b in city.OFFENCES) >= -150


# --- the points model --------------------------------------------------------------------------------------
def test_points_match_a_hand_calculation(rules):
    # 600 + 4*5 + 1*20 + 2*10 - 2*10 = 640, below the illustrative A cut-off of 650
    row = city.city_points(one(PERSON), rules).iloc[0]
    assert (row["gained"], row["lost"], row["points"], row["grade"]) == (60, -20, 640, "B")
    two_more = city.city_points(one(dict(PERSON, volunteering=6)), rules).iloc[0]
    assert (two_more["points"], two_more["grade"]) == (650, "A")  # exactly on the cut-off: the higher grade


def test_points_are_clipped_to_the_published_scale(rules):
    frame = pd.DataFrame([dict(NOTHING, court_judgment_unpaid=5), dict(NOTHING, public_commendation=20)])
    result = city.city_points(frame, rules)
    assert list(result["points"]) == [0, 1000]
    assert list(result["grade"].astype(str)) == ["D", "AAA"]
    assert list(result["lost"]) == [-750, 0]  # before clipping


def test_grade_order_lets_grades_be_compared(rules):
    result = city.city_points(pd.DataFrame([NOTHING, dict(NOTHING, volunteering=20)]), rules)
    assert result["grade"].cat.ordered
    assert list(result["grade"] > "B") == [False, True]  # A is better than B
    assert result["grade"].max() == "A" and result["grade"].min() == "B"


def test_incentives_only_has_no_deductions(rules):
    rewards_only = rules.replace(incentives_only=True)
    assert all(rewards_only.effective_points[b] == 0 for b in city.OFFENCES)
    row = city.city_points(one(PERSON), rewards_only).iloc[0]
    assert (row["lost"], row["points"], row["grade"]) == (0, 660, "A")


@settings(max_examples=60, deadline=None)
@given(counts_strategy, st.integers(0, 1000))
def test_incentives_only_never_lowers_points(counts, start):
    rules = BASE.replace(start=start, incentives_only=True)
    row = city.city_points(one(counts), rules).iloc[0]
    assert row["points"] >= start
    assert row["lost"] == 0


@settings(max_examples=60, deadline=None)
@given(counts_strategy, st.integers(0, 1000), st.booleans())
def test_points_stay_on_the_scale(counts, start, incentives_only):
    row = city.city_points(one(counts), BASE.replace(start=start, incentives_only=incentives_only)).iloc[0]
    assert 0 <= row["points"] <= 1000


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(city.OFFENCES), st.integers(0, 1000))
def test_one_legal_offence_never_costs_more_than_150(seed, offence, start):
    for rules in city.city_rule_sets(6, seed, base=BASE.replace(start=start)):
        assert all(-150 <= rules.points[b] <= 0 for b in city.OFFENCES)
        row = city.city_points(one(dict(NOTHING, **{offence: 1})), rules).iloc[0]
        assert rules.start - row["points"] <= 150


def test_a_deduction_beyond_the_cap_is_refused(rules):
    with pytest.raises(ValueError, match=r"points\['court_judgment_unpaid'\] must be between -150 and 0; got -151"):
        rules.replace(points=dict(rules.points, court_judgment_unpaid=-151))


def test_contributions_add_up_to_the_points(rules):
    parts = city.contributions(PERSON, rules)
    assert list(parts["behaviour"]) == list(city.BEHAVIOURS)
    assert rules.start + parts["points"].sum() == 640
    assert list(parts["direction"]) == ["gained", "gained", "gained", "none", "lost", "none", "none"]


def test_contributions_show_no_negative_zero(rules):
    parts = city.contributions(PERSON, rules.replace(incentives_only=True))
    zeros = parts.loc[parts["points"] == 0, "points"]
    assert not np.signbit(zeros).any()


def test_synthetic_residents_are_seeded(residents):
    again = city.synthetic_residents(n=5_000, seed=3)
    pd.testing.assert_frame_equal(residents, again)
    assert not residents.equals(city.synthetic_residents(n=5_000, seed=4))
    assert list(residents.columns) == ["resident", *city.BEHAVIOURS]
    assert (residents[list(city.BEHAVIOURS)] >= 0).all().all()
    means = residents[list(city.BEHAVIOURS)].mean()
    assert means["volunteering"] > means["court_judgment_unpaid"]


def test_grade_distribution_counts_everyone(residents, rules):
    dist = city.grade_distribution(residents, rules)
    assert list(dist["grade"]) == list(rules.grades)
    assert dist["residents"].sum() == len(residents)
    assert dist["share_percent"].sum() == pytest.approx(100, abs=0.05)
    by_hand = city.city_points(residents, rules)["grade"].value_counts()
    assert dict(zip(dist["grade"], dist["residents"])) == {g: by_hand[g] for g in rules.grades}


def test_prepared_counts_give_the_same_results(residents, rules):
    prepared = city.prepare_counts(residents)
    pd.testing.assert_frame_equal(city.city_points(prepared, rules), city.city_points(residents, rules))
    sets = city.city_rule_sets(5, 1)
    assert city.population_spread(prepared, sets) == city.population_spread(residents, sets)


def test_fractional_rules_give_the_same_results_prepared_or_not(residents, rules):
    # whole-number rules run in float32 on prepared counts; fractional ones fall back to float64
    halves = [rs.replace(points={b: v + 0.5 if b in city.REWARDS else v * 0.75 + 0.25 * (v < 0)
                                 for b, v in rs.points.items()})
              for rs in city.city_rule_sets(5, 2, base=rules)]
    for sets in (halves, city.city_rule_sets(5, 2, base=rules)):
        prepared = city.prepare_counts(residents)
        pd.testing.assert_frame_equal(city.fragmentation_spread(prepared, sets),
                                      city.fragmentation_spread(residents, sets))
        pd.testing.assert_frame_equal(city.judge_everywhere(prepared, sets), city.judge_everywhere(residents, sets))


def test_grade_of_and_rule_sets_as_keys(rules):
    assert [city.grade_of(p, rules) for p in (1000, 900, 899.5, 650, 0)] == ["AAA", "AAA", "AA", "A", "D"]
    with pytest.raises(ValueError, match="points must be between 0 and 1000"):
        city.grade_of(1001, rules)
    assert len({rules, rules.replace(start=600), rules.replace(start=610)}) == 2


# --- bad rule sets and inputs ----------------------------------------------------------------------------------
def test_rule_set_fields_are_checked(rules):
    cases = [
        ({"start": 1200}, ValueError, "start must be between 0 and 1000; got 1200"),
        ({"start": "600"}, TypeError, "start must be a number"),
        ({"incentives_only": "yes"}, TypeError, "incentives_only must be True or False"),
        ({"points": {}}, ValueError, "points must name at least one behaviour"),
        ({"points": [5, 20]}, TypeError, "points must be a mapping"),
        ({"points": {"jaywalking": -5}}, ValueError, "points has unknown behaviour.*jaywalking"),
        ({"points": dict(rules.points, volunteering=-5)}, ValueError, r"points\['volunteering'\] must be between 0"),
        ({"points": dict(rules.points, traffic_offence=10)}, ValueError, r"points\['traffic_offence'\] must be between -150 and 0"),
        ({"max_loss_per_offence": -1}, ValueError, "max_loss_per_offence must be between 0 and 1000"),
        ({"grade_cutoffs": {"A": 500, "B": 600, "C": 0}}, ValueError, "grade_cutoffs must fall strictly"),
        ({"grade_cutoffs": {"A": 500, "B": 100}}, ValueError, r"the worst grade \(B\) must start at the scale's floor"),
        ({"grade_cutoffs": {"A": 0}}, ValueError, "grade_cutoffs must name between 2 and"),
        ({"grade_cutoffs": {"A": 1500, "B": 0}}, ValueError, r"grade_cutoffs\['A'\] must be between 0 and 1000"),
        ({"grade_cutoffs": "A,B"}, TypeError, "grade_cutoffs must be a mapping"),
        ({"scale": (0, 1000)}, TypeError, "scale must be a ScoreScale"),
        ({"scale": city.ScoreScale(1000, 0)}, ValueError, "scale.high must be above scale.low"),
        ({"name": ""}, TypeError, "name must be a non-empty string"),
    ]
    for change, error, message in cases:
        with pytest.raises(error, match=message):
            rules.replace(**change)


def test_grade_cutoffs_may_be_pairs(rules):
    pairs = rules.replace(grade_cutoffs=[("good", 500), ("poor", 0)])
    assert pairs.grades == ("good", "poor")


@given(st.one_of(st.floats(max_value=-0.001, allow_nan=False), st.floats(min_value=1000.001, allow_nan=False),
                 st.just(float("nan"))))
def test_bad_start_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="start must be"):
        BASE.replace(start=bad)


@given(st.one_of(st.text(), st.none(), st.lists(st.integers(), max_size=2), st.booleans()))
def test_wrong_type_start_is_a_type_error(bad):
    with pytest.raises(TypeError, match="start must be a number"):
        BASE.replace(start=bad)


@given(st.sampled_from(city.BEHAVIOURS),
       st.one_of(st.integers(max_value=-1), st.integers(min_value=city.MAX_COUNT + 1),
                 st.just(float("nan")), st.just(1.5), st.just(float("inf"))))
def test_bad_counts_are_refused_by_name(behaviour, bad):
    frame = pd.DataFrame([PERSON, PERSON]).astype(float)
    frame.loc[1, behaviour] = bad
    with pytest.raises(ValueError, match=rf"behaviour_counts\['{behaviour}'\]"):
        city.city_points(frame, BASE)


@given(st.sampled_from(city.BEHAVIOURS))
def test_non_numeric_counts_are_a_type_error(behaviour):
    frame = pd.DataFrame([PERSON]).astype({behaviour: str})
    with pytest.raises(TypeError, match=rf"behaviour_counts\['{behaviour}'\] must hold numbers"):
        city.city_points(frame, BASE)


def test_other_bad_inputs_are_named(rules):
    with pytest.raises(TypeError, match="behaviour_counts must be a pandas DataFrame"):
        city.city_points([PERSON], rules)
    with pytest.raises(ValueError, match="behaviour_counts must have at least one row"):
        city.city_points(pd.DataFrame(columns=list(city.BEHAVIOURS)), rules)
    with pytest.raises(ValueError, match="behaviour_counts is missing column.*tax_arrears"):
        city.city_points(one({b: v for b, v in PERSON.items() if b != "tax_arrears"}), rules)
    with pytest.raises(TypeError, match="rules must be a RuleSet"):
        city.city_points(one(PERSON), {"start": 600})
    with pytest.raises(ValueError, match="person must be one person"):
        city.contributions(pd.DataFrame([PERSON, PERSON]), rules)
    with pytest.raises(TypeError, match="person must be a mapping"):
        city.contributions([1, 2, 3], rules)


@given(st.one_of(st.integers(max_value=0), st.integers(min_value=city.MAX_CITIES + 1)))
def test_bad_number_of_cities_is_refused(bad):
    with pytest.raises(ValueError, match=f"n_cities must be between 1 and {city.MAX_CITIES}"):
        city.city_rule_sets(bad, 1, base=BASE)


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=2**32)))
def test_bad_seed_is_refused(bad):
    with pytest.raises(ValueError, match="seed must be between 0 and 4294967295"):
        city.city_rule_sets(3, bad, base=BASE)


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
            city.city_rule_sets(4, 1, **kwargs)


def test_bad_rule_set_lists_are_named(rules):
    with pytest.raises(ValueError, match="rule_sets must hold at least one RuleSet"):
        city.judge_everywhere(PERSON, [])
    with pytest.raises(TypeError, match=r"rule_sets\[1\] must be a RuleSet"):
        city.judge_everywhere(PERSON, [rules, "Hangzhou"])
    other = rules.replace(grade_cutoffs={"good": 500, "poor": 0}, name="Other")
    with pytest.raises(ValueError, match=r"rule_sets must all use the same grades.*rule_sets\[1\] uses good, poor"):
        city.judge_everywhere(PERSON, [rules, other])
    with pytest.raises(ValueError, match="rule_sets must have distinct names"):
        city.judge_everywhere(PERSON, [rules, rules])
    with pytest.raises(TypeError, match="rule_sets must be a list of RuleSet"):
        city.judge_everywhere(PERSON, rules)


# --- fragmentation ------------------------------------------------------------------------------------------
def test_city_rule_sets_stay_in_the_documented_range(rules):
    sets = city.city_rule_sets(40, 11, base=rules)
    assert [rs.name for rs in sets][:2] == ["Toy city 01", "Toy city 02"]
    assert city.city_rule_sets(40, 11, base=rules) == sets  # seeded
    for rs in sets:
        assert abs(rs.start - rules.start) <= city.ILLUSTRATIVE_START_SPREAD
        for b in city.BEHAVIOURS:
            base_value, value = rules.points[b], rs.points[b]
            assert value == 0 or abs(value) <= abs(base_value) * (1 + city.ILLUSTRATIVE_POINT_SPREAD) + 0.5
            assert value == 0 or abs(value) >= abs(base_value) * (1 - city.ILLUSTRATIVE_POINT_SPREAD) - 0.5
        for grade in rules.grades[:-1]:
            assert abs(rs.grade_cutoffs[grade] - rules.grade_cutoffs[grade]) <= city.ILLUSTRATIVE_CUTOFF_SHIFT
    assert 0 < sum(rs.incentives_only for rs in sets) < len(sets)
    assert any(rs.points[b] == 0 for rs in sets for b in city.BEHAVIOURS)  # some cities skip a behaviour


def test_judge_everywhere_matches_each_city(rules):
    sets = city.city_rule_sets(8, 2014, base=rules)
    judged = city.judge_everywhere(PERSON, sets)
    assert list(judged.columns) == ["resident", "city", "incentives_only", "points", "grade"]
    assert list(judged["city"]) == [rs.name for rs in sets]
    for rs, (_, row) in zip(sets, judged.iterrows()):
        alone = city.city_points(one(PERSON), rs).iloc[0]
        assert (row["points"], row["grade"]) == (alone["points"], alone["grade"])
        assert row["incentives_only"] == rs.incentives_only


def test_the_same_person_gets_different_outcomes(rules):
    sets = city.city_rule_sets(8, 2014, base=rules)
    spread = city.fragmentation_spread(PERSON, sets).iloc[0]
    judged = city.judge_everywhere(PERSON, sets)
    assert spread["min_points"] == judged["points"].min() < judged["points"].max() == spread["max_points"]
    assert spread["distinct_grades"] == judged["grade"].nunique() >= 2
    assert spread["best_grade"] == judged["grade"].max() and spread["worst_grade"] == judged["grade"].min()


def test_identical_cities_agree_so_the_spread_comes_from_the_rules(rules, residents):
    same = city.city_rule_sets(6, 5, base=rules, point_spread=0, start_spread=0, cutoff_shift=0,
                               incentives_only_share=0, skip_share=0)
    summary = city.population_spread(residents, same)
    assert (summary.more_than_one_grade, summary.max_range) == (0, 0)
    varied = city.population_spread(residents, city.city_rule_sets(6, 5, base=rules))
    assert varied.more_than_one_grade > 0 and varied.max_range > 0


def test_population_spread_agrees_with_the_per_resident_table(residents):
    sets = city.city_rule_sets(8, 9)
    table = city.fragmentation_spread(residents, sets)
    summary = city.population_spread(residents, sets)
    assert summary.residents == len(residents) and summary.cities == 8
    assert summary.more_than_one_grade == int((table["distinct_grades"] > 1).sum())
    assert summary.median_range == table["points_range"].median()
    assert 0 < summary.share_more_than_one_grade < 1
    # distinct grades by brute force for a few residents
    judged = city.judge_everywhere(residents.head(50), sets)
    by_hand = judged.groupby("resident", observed=True)["grade"].nunique()
    assert list(table["distinct_grades"].head(50)) == list(by_hand)


@settings(max_examples=30, deadline=None)
@given(counts_strategy, st.integers(2, 12), st.integers(0, 10_000))
def test_spread_is_consistent_for_any_person(counts, n_cities, seed):
    sets = city.city_rule_sets(n_cities, seed, base=BASE)
    judged = city.judge_everywhere(counts, sets)
    spread = city.fragmentation_spread(counts, sets).iloc[0]
    assert len(judged) == n_cities
    assert spread["points_range"] == judged["points"].max() - judged["points"].min() >= 0
    assert 1 <= spread["distinct_grades"] == judged["grade"].nunique() <= n_cities


# --- panels ----------------------------------------------------------------------------------------------------
def chart_spec(panel):
    return panel.current_chart().to_dict()


def note_of(panel):
    return panel.note


@pytest.fixture(scope="module")
def city_panel(residents):
    return city_panels.CityPointsPanel(residents)


@pytest.fixture(scope="module")
def fragmentation_panel(residents):
    return city_panels.FragmentationPanel(residents)


def test_city_panel_shows_points_grade_and_distribution(residents, rules):
    panel = city_panels.CityPointsPanel(residents)
    assert "kit-city-panel" in panel.css_class
    assert panel.summary().startswith("Points: 640 on the 0–1000 scale, grade B (illustrative cut-offs).")
    expected = city.grade_distribution(residents, rules)
    b_share = expected.set_index("grade").loc["B", "share_percent"]
    assert "Grades of 5,000 synthetic residents under the same rules: " in panel.summary()
    assert f"B {b_share:.1f}%" in panel.summary()
    before = chart_spec(panel)
    panel.sliders["volunteering"].value = 6
    assert "Points: 650" in panel.summary() and "grade A" in panel.summary()
    assert chart_spec(panel) != before
    assert "this resident's grade, A, outlined" in panel.description
    assert panel.message == ""
    assert "A toy city points scheme" in str(panel.static_chart().to_dict()["title"])


def test_city_panel_incentives_only_checkbox(residents):
    panel = city_panels.CityPointsPanel(residents)
    before = chart_spec(panel)
    panel.incentives_only.value = True
    assert "Points: 660" in panel.summary() and "lost 0" in panel.summary() and "rules: rewards only" in panel.summary()
    assert "; C 0.0%; D 0.0%." in panel.summary()  # with no deductions nobody falls below the start
    assert chart_spec(panel) != before


def test_city_panel_start_and_clipping(residents):
    panel = city_panels.CityPointsPanel(residents)
    panel.start.value = 990
    assert "Points: 1,000" in panel.summary() and "(clipped to the scale)" in panel.summary()


def test_city_panel_bad_start_shows_a_message(residents):
    panel = city_panels.CityPointsPanel(residents)
    numbers = panel.numbers
    panel.start.value = 1200
    assert "start must be between 0 and 1000; got 1200" in panel.message
    assert panel.widget.result["ok"] is False and panel.widget.result["message"] == panel.message  # role=alert
    assert panel.numbers == numbers  # the last good state stays
    panel.start.value = 600
    assert panel.message == ""


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=1001)))
def test_city_panel_any_out_of_range_start_shows_a_message(city_panel, bad):
    city_panel.start.value = bad
    assert "start must be between 0 and 1000; got " in city_panel.message
    city_panel.start.value = 600
    assert city_panel.message == ""


def test_city_panel_note_says_what_is_published_and_what_is_illustrative(city_panel):
    note = note_of(city_panel)
    for text in ("Published", "0&ndash;1000", "[S20]", "rewards only", "150 points", "AAA, AA, A, B, C, D", "[S18]",
                 "Illustrative", "city-points-rongcheng-start-points", "not confirmed"):
        assert text in note


def test_fragmentation_panel_shows_the_spread(residents):
    panel = city_panels.FragmentationPanel(residents)
    assert "kit-fragmentation-panel" in panel.css_class
    sets = city.city_rule_sets(8, city_panels.DEFAULT_SEED)
    spread = city.fragmentation_spread(PERSON, sets).iloc[0]
    summary = city.population_spread(residents, sets)
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
    fragmentation_panel.seed.value = city_panels.DEFAULT_SEED
    assert fragmentation_panel.message == ""


def test_fragmentation_panel_note(fragmentation_panel):
    note = note_of(fragmentation_panel)
    for text in ("Published", "[S20]", "Illustrative", "&plusmn;50%", "published 150", "493 items [S21]"):
        assert text in note


def test_panels_refuse_a_bad_default_person(residents):
    with pytest.raises(ValueError, match=r"person\['volunteering'\] must be between 0 and 50"):
        city_panels.CityPointsPanel(residents, person=dict(PERSON, volunteering=99))
    with pytest.raises(ValueError, match="n_cities must be between 2 and 30"):
        city_panels.FragmentationPanel(residents, n_cities=1)
