"""List-based schemes: the court defaulter rule, joint punishment, red-list memoranda, and their panel."""

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from widgets import charts, lists
from widgets.data import load
from widgets.panels.lists import JointPunishmentPanel

COURT = lists.ILLUSTRATIVE_LISTING_AGENCY
NO = dict.fromkeys(lists.CASE_COLUMNS, False)


@pytest.fixture(scope="module")
def rules():
    return lists.list_rules()


@pytest.fixture(scope="module")
def matrix(rules):
    return lists.illustrative_matrix(rules)


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
    assert list(rules.grounds["parameter"]) == list(lists.GROUND_RULES)
    assert rules.grounds["label"].iloc[0] == "able to comply but refuses"
    expected = data_rows("restriction_")
    assert list(rules.restrictions["parameter"]) == list(expected["parameter"])
    assert list(rules.restrictions["label"]) == [
        "no flights", "no high-speed rail", "no first-class seats", "no luxury hotels", "no golf",
        "no paying private-school fees", "no company executive posts", "no loans"]
    assert list(rules.restrictions["source_id"]) == list(expected["source_id"])


def test_memoranda_counts_come_from_the_data(rules):
    table = lists.memoranda_table(rules).set_index("parameter")
    assert table.loc["mou_2016_signatories", "value"] == 44
    assert table.loc["mou_2016_signatories", "source_id"] == "S27"
    assert (table.loc["central_memoranda", "value"], table.loc["punishment_memoranda", "value"],
            table.loc["incentive_memoranda", "value"]) == (51, 46, 5)
    assert set(table["source_id"]) == {"S27", "S28"}


def test_memoranda_that_do_not_add_up_are_refused():
    table = load("scoring_models")
    table.loc[table["parameter"] == "incentive_memoranda", "value"] = 6
    with pytest.raises(ValueError, match="add up to 52, not the total of 51"):
        lists.memoranda_table(lists.list_rules(table))


def test_missing_rule_row_is_named():
    table = load("scoring_models")
    table = table[table["parameter"] != "listing_term"]
    with pytest.raises(ValueError, match="list_rules rows for: listing_term"):
        lists.list_rules(table)


def test_unknown_ground_in_the_data_is_refused():
    table = load("scoring_models")
    extra = table[table["parameter"] == "ground_obstructs_enforcement"].assign(
        id="list-rules-ground-new", parameter="ground_new_conduct")
    with pytest.raises(ValueError, match="ground\\(s\\) the model has no rule for: ground_new_conduct"):
        lists.list_rules(pd.concat([table, extra], ignore_index=True))


def test_list_schemes_come_from_the_data():
    schemes = lists.list_schemes()
    assert list(schemes["id"]) == list(lists.LIST_SCHEME_IDS)
    red = schemes.set_index("id").loc["sch-red-lists"]
    assert (red["name_zh"], red["consequences"], red["source_id"]) == ("红名单", "perks", "S62")
    assert schemes.set_index("id").loc["sch-spc-defaulter-list", "consequences"] == "sanctions"
    with pytest.raises(ValueError, match="ids not found in schemes.csv: sch-nothing"):
        lists.list_schemes(("sch-nothing",))
    with pytest.raises(TypeError, match="ids must be a tuple"):
        lists.list_schemes("sch-red-lists")


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
    out = lists.defaulter_listing(cases, rules=rules)
    assert list(out.index) == [10, 11, 12, 13, 14, 15]
    assert list(out["listed"]) == [True, False, False, True, True, True]
    assert list(out["ground"].astype(str)) == [
        "ground_able_but_refuses", lists.NOT_LISTED_UNABLE, lists.NOT_LISTED_PERFORMS,
        "ground_obstructs_enforcement", "ground_able_but_refuses", "ground_breaches_orders"]
    assert list(out["grounds_met"]) == [1, 0, 0, 1, 3, 1]
    assert out.loc[out["listed"], "term_years"].eq(2).all()
    assert out.loc[~out["listed"], "term_years"].isna().all()


@pytest.mark.parametrize("extension, term", [(0, 2), (1, 3), (2, 4), (3, 5)])
def test_extension_adds_to_the_term(rules, extension, term):
    out = lists.defaulter_listing(frame({"able_to_pay": True, "refuses": True}), extension_years=extension,
                                  rules=rules)
    assert out["term_years"].iloc[0] == term


boolean_cases = data_frames([column(c, dtype=bool) for c in lists.CASE_COLUMNS])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(boolean_cases.filter(lambda f: len(f) > 0), st.sampled_from([0, 1, 2, 3]))
def test_listing_properties(rules, cases, extension):
    out = lists.defaulter_listing(cases, extension_years=extension, rules=rules)
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
    poorer = lists.defaulter_listing(cases.assign(able_to_pay=False), extension_years=extension, rules=rules)
    assert not (poorer["listed"] & ~out["listed"]).any()
    assert list(out["ground"].cat.categories) == rules.outcome_keys()


def test_grounds_met_agrees_with_the_vectorized_rule(rules):
    cases = lists.synthetic_cases(n=3_000, seed=5)
    out = lists.defaulter_listing(cases, rules=rules)
    for i in range(0, 3_000, 37):
        case = {c: bool(cases.iloc[i][c]) for c in lists.CASE_COLUMNS}
        met = lists.grounds_met(case, rules)
        assert len(met) == out["grounds_met"].iloc[i]
        assert (met[0] if met else None) == (str(out["ground"].iloc[i]) if out["listed"].iloc[i] else None)


def test_synthetic_cases_are_seeded_and_plausible(rules):
    cases = lists.synthetic_cases(n=50_000, seed=3)
    pd.testing.assert_frame_equal(cases, lists.synthetic_cases(n=50_000, seed=3))
    assert not cases.equals(lists.synthetic_cases(n=50_000, seed=4))
    assert list(cases.columns) == ["case", *lists.CASE_COLUMNS]
    assert cases[list(lists.CASE_COLUMNS)].dtypes.eq(bool).all()
    assert abs(cases["able_to_pay"].mean() - lists.ILLUSTRATIVE_CASE_SHARES["able_to_pay"]) < 0.01
    assert cases.loc[~cases["able_to_pay"], "refuses"].all()
    dist = lists.listing_distribution(lists.defaulter_listing(cases, rules=rules), rules)
    assert (dist["cases"] > 0).all()  # every outcome occurs among the synthetic cases


def test_distribution_counts_every_case_in_a_fixed_order(rules):
    cases = lists.synthetic_cases(n=20_000)
    out = lists.defaulter_listing(cases, rules=rules)
    dist = lists.listing_distribution(out, rules)
    assert list(dist["outcome"]) == rules.outcome_keys()
    assert dist["cases"].sum() == 20_000
    assert dist.loc[dist["listed"], "cases"].sum() == out["listed"].sum()
    counts = out["ground"].astype(str).value_counts()
    assert all(dist.set_index("outcome")["cases"].get(k, 0) == counts.get(k, 0) for k in rules.outcome_keys())
    assert dist["share"].sum() == pytest.approx(1)
    assert dist["label"].iloc[0] == "listed: able to comply but refuses"


@pytest.mark.parametrize("since, still, left", [(0, True, 2), (1.5, True, 0.5), (2, False, 0), (7, False, 0)])
def test_listing_time(since, still, left):
    assert lists.listing_time(2, since) == (still, left)


# --- joint punishment --------------------------------------------------------------------------

def test_matrix_is_illustrative_and_uses_data_restrictions(rules, matrix):
    assert matrix.attrs["illustrative"] is True
    assert list(matrix.columns) == list(rules.restrictions["parameter"])
    assert list(matrix.index) == list(lists.ILLUSTRATIVE_AGENCY_RESTRICTIONS)
    assert matrix.any(axis=0).all()  # every published restriction is imposed by some agency
    with pytest.raises(ValueError, match="not in scoring_models.csv: restriction_yachts"):
        lists.illustrative_matrix(rules, {"Port authority": ("restriction_yachts",)})


def test_joint_restrictions_for_the_court_list(rules, matrix):
    table = lists.joint_restrictions(COURT, matrix, rules)
    assert list(table["label"]) == list(rules.restrictions["label"])
    assert list(table["source_id"]) == list(rules.restrictions["source_id"])
    assert table["met"].all()
    assert table.set_index("restriction").loc["restriction_first_class_seats", "agencies"] == 2
    assert not table["by_listing_agency"].any()
    summary = lists.joint_summary(COURT, matrix, rules)
    assert (summary.restrictions_met, summary.restrictions_total) == (8, 8)
    assert (summary.agencies_imposing, summary.other_agencies_imposing) == (6, 6)


def test_joint_restrictions_depend_on_the_listing_agency(rules, matrix):
    table = lists.joint_restrictions("Aviation regulator", matrix, rules).set_index("restriction")
    assert table.loc["restriction_flights", "by_listing_agency"]
    assert table.loc["restriction_flights", "by_other_agencies"] == 0
    assert table.loc["restriction_first_class_seats", "by_other_agencies"] == 1
    summary = lists.joint_summary("Aviation regulator", matrix, rules)
    assert (summary.agencies_imposing, summary.other_agencies_imposing) == (6, 5)


def test_joint_restrictions_with_a_smaller_matrix(rules):
    mapping = {"A": ("restriction_golf",), "B": ("restriction_golf", "restriction_loans")}
    small = lists.illustrative_matrix(rules, mapping)
    table = lists.joint_restrictions("A", small, rules)
    assert int(table["met"].sum()) == 2
    assert table.set_index("restriction").loc["restriction_golf", "agencies"] == 2
    assert lists.joint_summary("A", small[["restriction_loans"]], rules).restrictions_total == 1


def test_matrix_cells_for_the_heatmap(rules, matrix):
    cells = lists.matrix_cells(matrix, "Railway operator", True, rules)
    assert len(cells) == matrix.size <= charts.MAX_ROWS
    assert set(cells.loc[cells["is_listing_agency"], "agency"]) == {"Railway operator"}
    applies = cells[cells["state"] == lists.CELL_STATES[0]]
    assert len(applies) == int(matrix.to_numpy().sum())
    off = lists.matrix_cells(matrix, "Railway operator", False, rules)
    assert lists.CELL_STATES[0] not in set(off["state"])


# --- bad input names the parameter ---------------------------------------------------------------

@settings(deadline=None)
@given(st.one_of(st.integers().filter(lambda x: x not in (0, 1, 2, 3)),
                 st.floats().filter(lambda x: not (x in (0, 1, 2, 3))), st.text(), st.booleans(), st.none()))
def test_bad_extension_names_the_parameter(rules, bad):
    with pytest.raises((ValueError, TypeError), match="extension_years"):
        lists.defaulter_listing(frame({"able_to_pay": True}), extension_years=bad, rules=rules)


@settings(deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.booleans()),
                 st.dictionaries(st.text(), st.booleans())))
def test_cases_must_be_a_dataframe(rules, bad):
    with pytest.raises(TypeError, match="cases must be a pandas DataFrame"):
        lists.defaulter_listing(bad, rules=rules)


@settings(deadline=None)
@given(st.sampled_from(lists.CASE_COLUMNS))
def test_missing_case_column_is_named(rules, name):
    with pytest.raises(ValueError, match=f"cases is missing column\\(s\\) {name}"):
        lists.defaulter_listing(frame({}).drop(columns=name), rules=rules)


@settings(deadline=None)
@given(st.sampled_from(lists.CASE_COLUMNS), st.sampled_from([[1], ["yes"], [0.5]]))
def test_non_boolean_case_column_is_named(rules, name, values):
    bad = frame({}).assign(**{name: values})
    with pytest.raises(TypeError, match=f"cases\\['{name}'\\] must hold True/False"):
        lists.defaulter_listing(bad, rules=rules)


def test_empty_and_missing_values_are_refused(rules):
    with pytest.raises(ValueError, match="cases must have at least one row"):
        lists.defaulter_listing(frame({}).iloc[:0], rules=rules)
    with_na = frame({}, {}).astype({"evades": "boolean"})
    with_na.loc[1, "evades"] = pd.NA
    with pytest.raises(ValueError, match="cases\\['evades'\\] must not contain missing values"):
        lists.defaulter_listing(with_na, rules=rules)


@settings(deadline=None)
@given(st.text(max_size=20).filter(lambda s: s not in lists.ILLUSTRATIVE_AGENCY_RESTRICTIONS))
def test_unknown_listing_agency_is_named(rules, matrix, name):
    with pytest.raises(ValueError, match="listing_agency must be one of: Court"):
        lists.joint_restrictions(name, matrix, rules)


@settings(deadline=None)
@given(st.one_of(st.none(), st.integers(), st.booleans()))
def test_listing_agency_must_be_text(rules, matrix, bad):
    with pytest.raises(TypeError, match="listing_agency must be a string"):
        lists.joint_summary(bad, matrix, rules)


def test_bad_matrix_is_named(rules, matrix):
    with pytest.raises(TypeError, match="matrix must be a pandas DataFrame"):
        lists.joint_restrictions(COURT, matrix.to_numpy(), rules)
    with pytest.raises(ValueError, match="matrix has column\\(s\\) that are not restrictions.*restriction_yachts"):
        lists.joint_restrictions(COURT, matrix.assign(restriction_yachts=True), rules)
    with pytest.raises(TypeError, match="matrix\\['restriction_golf'\\] must hold True/False"):
        lists.joint_restrictions(COURT, matrix.astype({"restriction_golf": int}), rules)
    with pytest.raises(ValueError, match="matrix must have at least one agency"):
        lists.joint_restrictions(COURT, matrix.iloc[:0], rules)


@settings(deadline=None)
@given(st.one_of(st.floats(max_value=-1e-6), st.floats(min_value=50.001), st.just(math.nan), st.just(math.inf)))
def test_bad_years_since_listing_is_named(rules, matrix, bad):
    cases = frame({"able_to_pay": True})
    with pytest.raises(ValueError, match="years_since_listing must be"):
        lists.lab_update({**NO, "able_to_pay": True, "refuses": True}, COURT, bad, 0, cases, matrix, rules)


@settings(deadline=None)
@given(st.sampled_from(lists.CASE_COLUMNS), st.one_of(st.none(), st.integers(), st.text()))
def test_bad_case_value_is_named(rules, name, bad):
    with pytest.raises(TypeError, match=f"case\\['{name}'\\] must be True or False"):
        lists.grounds_met({**NO, name: bad}, rules)


def test_case_missing_a_flag_is_named(rules):
    with pytest.raises(ValueError, match="case is missing refuses"):
        lists.grounds_met({k: v for k, v in NO.items() if k != "refuses"}, rules)


@settings(deadline=None)
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=lists.MAX_CASES + 1), st.floats(0.1, 0.9)))
def test_bad_number_of_cases_is_named(bad):
    with pytest.raises(ValueError, match="^n must be"):
        lists.synthetic_cases(n=bad)


@settings(deadline=None)
@given(st.one_of(st.integers(max_value=-1), st.text(), st.none()))
def test_bad_seed_is_named(bad):
    with pytest.raises((ValueError, TypeError), match="^seed must be"):
        lists.synthetic_cases(n=10, seed=bad)


# --- the panel, as a user meets it --------------------------------------------------------------

@pytest.fixture(scope="module")
def small_cases():
    return lists.synthetic_cases(n=5_000, seed=11)


@pytest.fixture
def panel(small_cases):
    return JointPunishmentPanel(cases=small_cases)


def spec(panel):
    return panel.current_chart().to_dict()


def title(spec, name="kit_title"):
    """A title the browser draws from a chart parameter: the parameter's value."""
    return next(p["value"] for p in spec["params"] if p["name"] == name)


def test_panel_default_numbers(panel, small_cases):
    text = panel.summary()
    assert "Listed on 1 ground: able to comply but refuses [S30]" in text
    assert "Term: 2 years + 0 years extension = 2 years [S30]; listed 1 year ago, the listing ends in 1 year" in text
    assert "meets 8 of 8 restrictions [S31][S34][S40] from 6 agencies, 6 of them other than" in text
    assert "This case is on the list now, so all of them apply" in text
    assert "44 bodies signed the January 2016 memorandum on judgment defaulters [S27]" in text
    assert "51 central memoranda, 46 on joint punishment and 5 on joint incentives [S28]" in text
    assert "Red lists (红名单) are the reward side: people and organisations that authorities name as " \
           "trustworthy, with perks [S62]" in text
    listed = int(lists.defaulter_listing(small_cases)["listed"].sum())
    assert f"Of 5,000 synthetic cases (illustrative shares), {listed:,} are listed" in text
    assert panel.message == ""
    assert "kit-lists-panel" in panel.css_class
    assert panel._repr_mimebundle_()[0]["text/plain"] == text


def test_panel_note_separates_published_from_illustrative(panel):
    note = panel.note
    assert "Published:" in note and "Illustrative" in note
    for source in ("[S30]", "[S31]", "[S34]", "[S40]", "[S27]", "[S28]"):
        assert source in note
    assert "which agency imposes which restriction" in note


CHANGES = [
    ("able_to_pay", False), ("refuses", False), ("obstructs", True), ("evades", True),
    ("breaches_orders", True), ("reneges_settlement", True),
    ("agency", "Aviation regulator"), ("years_since", 2.5), ("extension", 2),
]


def control(panel, name):
    return panel.flags[name] if name in panel.flags else getattr(panel, name)


@pytest.mark.parametrize("name, value", CHANGES)
def test_every_control_changes_numbers_and_chart(panel, name, value):
    numbers, chart = panel.numbers, spec(panel)
    control(panel, name).value = value
    assert panel.message == ""
    assert panel.numbers != numbers
    assert spec(panel) != chart


def test_unable_to_pay_is_not_listed_in_the_panel(panel):
    panel.flags["able_to_pay"].value = False
    text = panel.summary()
    assert text.startswith("Not listed: this person cannot pay and meets none of the grounds")
    assert "Inability to pay is not a ground" in text
    assert "none of them applies" in text
    data = spec(panel)
    assert "not listed: cannot pay, no ground met" in data["description"]
    states = {row["state"] for rows in data["datasets"].values() for row in rows if "state" in row}
    assert lists.CELL_STATES[0] not in states


def test_term_over_and_extension_in_the_panel(panel):
    panel.years_since.value = 3.0
    assert "the listing ended 1 year ago, so no restriction applies now" in panel.summary()
    panel.extension.value = 3
    assert "2 years + 3 years extension = 5 years" in panel.summary()
    assert "the listing ends in 2 years" in panel.summary()


def test_agency_changes_who_restricts(panel):
    panel.agency.value = "Aviation regulator"
    assert "from 6 agencies, 5 of them other than the one that listed it" in panel.summary()
    data = spec(panel)
    outlined = {row["agency"] for rows in data["datasets"].values() for row in rows
                if row.get("is_listing_agency")}
    assert outlined == {"Aviation regulator"}
    assert "Who restricts a party listed by Aviation regulator" in str(title(data, "heat_title"))


@pytest.mark.parametrize("name, value, message", [
    ("extension", 5, "extension_years must be 0 (not extended) or a whole number from 1 to 3 (2017 text [S30]); got 5"),
    ("extension", -1, "extension_years must be 0 (not extended) or a whole number from 1 to 3"),
    ("years_since", -1.0, "years_since_listing must be between 0 and 50; got -1"),
    ("years_since", 80.0, "years_since_listing must be between 0 and 50; got 80"),
])
def test_bad_values_show_a_message(panel, name, value, message):
    numbers, chart = panel.numbers, spec(panel)
    control(panel, name).value = value
    assert message in panel.message
    assert panel.widget.result["ok"] is False and panel.widget.result["message"] == panel.message  # role=alert
    assert panel.numbers == numbers and spec(panel) == chart  # the last good state stays
    control(panel, name).value = 1
    assert panel.message == ""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers().filter(lambda x: x not in (0, 1, 2, 3)))
def test_any_bad_extension_shows_a_message(panel, bad):
    panel.extension.value = bad
    assert "extension_years must be 0" in panel.message
    panel.extension.value = 0
    assert panel.message == ""


def test_panel_chart_is_labelled_and_aggregated(panel):
    data = spec(panel)
    assert data["description"] == panel.description
    heat, bars = data["vconcat"]
    assert heat["encoding"]["x"]["title"] == "Restriction on listed people (published)"
    assert heat["encoding"]["y"]["title"] == "Agency (illustrative)"
    assert bars["encoding"]["x"]["title"] == "Synthetic cases (count)"
    assert heat["encoding"]["tooltip"] and bars["encoding"]["tooltip"]
    assert "Outcomes for 5,000 synthetic cases" in str(bars["title"])
    assert all(len(rows) <= charts.MAX_ROWS for rows in data["datasets"].values())


def test_static_companion_is_the_default_state(panel):
    default = panel.static_chart().to_dict()
    panel.flags["refuses"].value = False
    assert panel.static_chart().to_dict() == default
    assert title(default) == "Joint punishment: one list, many agencies"
    assert title(spec(panel)) == "Joint punishment: this case is not listed"
