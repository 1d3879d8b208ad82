"""The toy city points scheme and its panel (notebook 03)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import city_update as city_update_loop
from tests.conftest import chart_spec, panel_note
from widgets.models import city_points, fragmentation
from widgets.panels import city as city_panels

PERSON = dict(city_points.ILLUSTRATIVE_PERSON)  # 4 volunteering, 1 blood, 2 charity, 2 traffic offences
NOTHING = {b: 0 for b in city_points.BEHAVIOURS}
counts_strategy = st.fixed_dictionaries({b: st.integers(0, 60) for b in city_points.BEHAVIOURS})
BASE = city_points.default_rules()  # loaded once for the property tests


@pytest.fixture(scope="module")
def published():
    return city_points.city_published()


@pytest.fixture(scope="module")
def rules(published):
    return city_points.default_rules(published)


def one(person):
    return pd.DataFrame([person])


# --- published parameters ---------------------------------------------------------------------------------
def test_published_parameters_come_from_the_data(published):
    assert published.scale == city_points.ScoreScale(0, 1000)
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
    table = city_points.city_published().rows.assign(model="city_points")
    with pytest.raises(ValueError, match="must hold city_points rows for: max_loss_per_legal_offence"):
        city_points.city_published(table[table["parameter"] != "max_loss_per_legal_offence"])


def test_default_rules_use_published_scale_cap_and_grade_names(rules):
    assert rules.scale == city_points.ScoreScale(0, 1000)
    assert rules.max_loss_per_offence == 150
    assert rules.grades == ("AAA", "AA", "A", "B", "C", "D")
    assert rules.start == city_points.ILLUSTRATIVE_START
    assert list(rules.grade_cutoffs.values()) == [*city_points.ILLUSTRATIVE_GRADE_CUTOFFS, 0]
    assert dict(rules.points) == city_points.ILLUSTRATIVE_POINTS
    assert min(rules.points[b] for b in city_points.OFFENCES) >= -150


# --- the points model --------------------------------------------------------------------------------------
def test_points_match_a_hand_calculation(rules):
    # 600 + 4*5 + 1*20 + 2*10 - 2*10 = 640, below the illustrative A cut-off of 650
    row = city_points.city_points(one(PERSON), rules).iloc[0]
    assert (row["gained"], row["lost"], row["points"], row["grade"]) == (60, -20, 640, "B")
    two_more = city_points.city_points(one(dict(PERSON, volunteering=6)), rules).iloc[0]
    assert (two_more["points"], two_more["grade"]) == (650, "A")  # exactly on the cut-off: the higher grade


def test_points_are_clipped_to_the_published_scale(rules):
    frame = pd.DataFrame([dict(NOTHING, court_judgment_unpaid=5), dict(NOTHING, public_commendation=20)])
    result = city_points.city_points(frame, rules)
    assert list(result["points"]) == [0, 1000]
    assert list(result["grade"].astype(str)) == ["D", "AAA"]
    assert list(result["lost"]) == [-750, 0]  # before clipping


def test_grade_order_lets_grades_be_compared(rules):
    result = city_points.city_points(pd.DataFrame([NOTHING, dict(NOTHING, volunteering=20)]), rules)
    assert result["grade"].cat.ordered
    assert list(result["grade"] > "B") == [False, True]  # A is better than B
    assert result["grade"].max() == "A" and result["grade"].min() == "B"


def test_incentives_only_has_no_deductions(rules):
    rewards_only = rules.replace(incentives_only=True)
    assert all(rewards_only.effective_points[b] == 0 for b in city_points.OFFENCES)
    row = city_points.city_points(one(PERSON), rewards_only).iloc[0]
    assert (row["lost"], row["points"], row["grade"]) == (0, 660, "A")


@settings(max_examples=60, deadline=None)
@given(counts_strategy, st.integers(0, 1000))
def test_incentives_only_never_lowers_points(counts, start):
    rules = BASE.replace(start=start, incentives_only=True)
    row = city_points.city_points(one(counts), rules).iloc[0]
    assert row["points"] >= start
    assert row["lost"] == 0


@settings(max_examples=60, deadline=None)
@given(counts_strategy, st.integers(0, 1000), st.booleans())
def test_points_stay_on_the_scale(counts, start, incentives_only):
    row = city_points.city_points(one(counts), BASE.replace(start=start, incentives_only=incentives_only)).iloc[0]
    assert 0 <= row["points"] <= 1000


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(city_points.OFFENCES), st.integers(0, 1000))
def test_one_legal_offence_never_costs_more_than_150(seed, offence, start):
    for rules in fragmentation.city_rule_sets(6, seed, base=BASE.replace(start=start)):
        assert all(-150 <= rules.points[b] <= 0 for b in city_points.OFFENCES)
        row = city_points.city_points(one(dict(NOTHING, **{offence: 1})), rules).iloc[0]
        assert rules.start - row["points"] <= 150


def test_a_deduction_beyond_the_cap_is_refused(rules):
    with pytest.raises(ValueError, match=r"points\['court_judgment_unpaid'\] must be between -150 and 0; got -151"):
        rules.replace(points=dict(rules.points, court_judgment_unpaid=-151))


def test_contributions_add_up_to_the_points(rules):
    parts = city_points.contributions(PERSON, rules)
    assert list(parts["behaviour"]) == list(city_points.BEHAVIOURS)
    assert rules.start + parts["points"].sum() == 640
    assert list(parts["direction"]) == ["gained", "gained", "gained", "none", "lost", "none", "none"]


def test_contributions_show_no_negative_zero(rules):
    parts = city_points.contributions(PERSON, rules.replace(incentives_only=True))
    zeros = parts.loc[parts["points"] == 0, "points"]
    assert not np.signbit(zeros).any()


def test_synthetic_residents_are_seeded(city_residents):
    again = city_points.synthetic_residents(n=5_000, seed=3)
    pd.testing.assert_frame_equal(city_residents, again)
    assert not city_residents.equals(city_points.synthetic_residents(n=5_000, seed=4))
    assert list(city_residents.columns) == ["resident", *city_points.BEHAVIOURS]
    assert (city_residents[list(city_points.BEHAVIOURS)] >= 0).all().all()
    means = city_residents[list(city_points.BEHAVIOURS)].mean()
    assert means["volunteering"] > means["court_judgment_unpaid"]


def test_grade_distribution_counts_everyone(city_residents, rules):
    dist = city_points.grade_distribution(city_residents, rules)
    assert list(dist["grade"]) == list(rules.grades)
    assert dist["residents"].sum() == len(city_residents)
    assert dist["share_percent"].sum() == pytest.approx(100, abs=0.05)
    by_hand = city_points.city_points(city_residents, rules)["grade"].value_counts()
    assert dict(zip(dist["grade"], dist["residents"])) == {g: by_hand[g] for g in rules.grades}


def test_prepared_counts_give_the_same_results(city_residents, rules):
    prepared = city_points.prepare_counts(city_residents)
    pd.testing.assert_frame_equal(city_points.city_points(prepared, rules), city_points.city_points(city_residents, rules))
    sets = fragmentation.city_rule_sets(5, 1)
    assert fragmentation.population_spread(prepared, sets) == fragmentation.population_spread(city_residents, sets)


def test_fractional_rules_give_the_same_results_prepared_or_not(city_residents, rules):
    # whole-number rules run in float32 on prepared counts; fractional ones fall back to float64
    halves = [rs.replace(points={b: v + 0.5 if b in city_points.REWARDS else v * 0.75 + 0.25 * (v < 0)
                                 for b, v in rs.points.items()})
              for rs in fragmentation.city_rule_sets(5, 2, base=rules)]
    for sets in (halves, fragmentation.city_rule_sets(5, 2, base=rules)):
        prepared = city_points.prepare_counts(city_residents)
        pd.testing.assert_frame_equal(fragmentation.fragmentation_spread(prepared, sets),
                                      fragmentation.fragmentation_spread(city_residents, sets))
        pd.testing.assert_frame_equal(fragmentation.judge_everywhere(prepared, sets), fragmentation.judge_everywhere(city_residents, sets))


def test_grade_of_and_rule_sets_as_keys(rules):
    assert [city_points.grade_of(p, rules) for p in (1000, 900, 899.5, 650, 0)] == ["AAA", "AAA", "AA", "A", "D"]
    with pytest.raises(ValueError, match="points must be between 0 and 1000"):
        city_points.grade_of(1001, rules)
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
        ({"scale": city_points.ScoreScale(1000, 0)}, ValueError, "scale.high must be above scale.low"),
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


@given(st.sampled_from(city_points.BEHAVIOURS),
       st.one_of(st.integers(max_value=-1), st.integers(min_value=city_points.MAX_COUNT + 1),
                 st.just(float("nan")), st.just(1.5), st.just(float("inf"))))
def test_bad_counts_are_refused_by_name(behaviour, bad):
    frame = pd.DataFrame([PERSON, PERSON]).astype(float)
    frame.loc[1, behaviour] = bad
    with pytest.raises(ValueError, match=rf"behaviour_counts\['{behaviour}'\]"):
        city_points.city_points(frame, BASE)


@given(st.sampled_from(city_points.BEHAVIOURS))
def test_non_numeric_counts_are_a_type_error(behaviour):
    frame = pd.DataFrame([PERSON]).astype({behaviour: str})
    with pytest.raises(TypeError, match=rf"behaviour_counts\['{behaviour}'\] must hold numbers"):
        city_points.city_points(frame, BASE)


def test_other_bad_inputs_are_named(rules):
    with pytest.raises(TypeError, match="behaviour_counts must be a pandas DataFrame"):
        city_points.city_points([PERSON], rules)
    with pytest.raises(ValueError, match="behaviour_counts must have at least one row"):
        city_points.city_points(pd.DataFrame(columns=list(city_points.BEHAVIOURS)), rules)
    with pytest.raises(ValueError, match="behaviour_counts is missing column.*tax_arrears"):
        city_points.city_points(one({b: v for b, v in PERSON.items() if b != "tax_arrears"}), rules)
    with pytest.raises(TypeError, match="rules must be a RuleSet"):
        city_points.city_points(one(PERSON), {"start": 600})
    with pytest.raises(ValueError, match="person must be one person"):
        city_points.contributions(pd.DataFrame([PERSON, PERSON]), rules)
    with pytest.raises(TypeError, match="person must be a mapping"):
        city_points.contributions([1, 2, 3], rules)


# --- panels ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def city_panel(city_residents):
    return city_panels.CityPointsPanel(city_residents)


def test_city_panel_shows_points_grade_and_distribution(city_residents, rules):
    panel = city_panels.CityPointsPanel(city_residents)
    assert "kit-city-panel" in panel.css_class
    assert panel.summary().startswith("Points: 640 on the 0–1000 scale, grade B (illustrative cut-offs).")
    expected = city_points.grade_distribution(city_residents, rules)
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


def test_city_panel_incentives_only_checkbox(city_residents):
    panel = city_panels.CityPointsPanel(city_residents)
    before = chart_spec(panel)
    panel.incentives_only.value = True
    assert "Points: 660" in panel.summary() and "lost 0" in panel.summary() and "rules: rewards only" in panel.summary()
    assert "; C 0.0%; D 0.0%." in panel.summary()  # with no deductions nobody falls below the start
    assert chart_spec(panel) != before


def test_city_panel_start_and_clipping(city_residents):
    panel = city_panels.CityPointsPanel(city_residents)
    panel.start.value = 990
    assert "Points: 1,000" in panel.summary() and "(clipped to the scale)" in panel.summary()


def test_city_panel_bad_start_shows_a_message(city_residents):
    panel = city_panels.CityPointsPanel(city_residents)
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
    note = panel_note(city_panel)
    for text in ("Published", "0&ndash;1000", "[S20]", "rewards only", "150 points", "AAA, AA, A, B, C, D", "[S18]",
                 "Illustrative", "city-points-rongcheng-start-points", "not confirmed"):
        assert text in note


def test_panels_refuse_a_bad_default_person(city_residents):
    with pytest.raises(ValueError, match=r"person\['volunteering'\] must be between 0 and 50"):
        city_panels.CityPointsPanel(city_residents, person=dict(PERSON, volunteering=99))
    with pytest.raises(ValueError, match="n_cities must be between 2 and 30"):
        city_panels.FragmentationPanel(city_residents, n_cities=1)


def test_the_panel_update_matches_the_per_row_loop(city_residents, rules):
    person = dict(PERSON, volunteering=9)
    for city_rules in (rules, rules.replace(start=720, incentives_only=True)):
        update = city_points.city_update(person, city_rules, city_residents)
        rows = city_residents[list(city_points.BEHAVIOURS)].to_numpy().tolist()
        parts, points, grade, counts, shares = city_update_loop(rows, person, city_rules)
        assert list(update.parts["points"]) == [p for _, p in parts]
        assert (update.points, update.grade) == (points, grade)
        assert dict(zip(update.distribution["grade"], update.distribution["residents"])) == counts
        assert dict(zip(update.distribution["grade"], update.distribution["share_percent"])) == shares
