"""Joint punishment and red lists (notebooks 03 and 05): the agencies' matrix, the memoranda, and the panel."""

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import (
    joint_punishment_update as joint_punishment_update_loop,
)
from tests.conftest import chart_spec, chart_title
from widgets import charts
from widgets.data import load
from widgets.models import court_list, joint_punishment
from widgets.panels import JointPunishmentPanel

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


def test_memoranda_counts_come_from_the_data(rules):
    table = joint_punishment.memoranda_table(rules).set_index("parameter")
    assert table.loc["mou_2016_signatories", "value"] == 44
    assert table.loc["mou_2016_signatories", "source_id"] == "S27"
    assert (table.loc["central_memoranda", "value"], table.loc["punishment_memoranda", "value"],
            table.loc["incentive_memoranda", "value"]) == (51, 46, 5)
    assert set(table["source_id"]) == {"S27", "S28"}


def test_memoranda_that_do_not_add_up_are_refused():
    table = load("scoring_models")
    table.loc[table["parameter"] == "incentive_memoranda", "value"] = 6
    with pytest.raises(ValueError, match="add up to 52, not the total of 51"):
        joint_punishment.memoranda_table(court_list.list_rules(table))


def test_list_schemes_come_from_the_data():
    schemes = joint_punishment.list_schemes()
    assert list(schemes["id"]) == list(joint_punishment.LIST_SCHEME_IDS)
    red = schemes.set_index("id").loc["sch-red-lists"]
    assert (red["name_zh"], red["consequences"], red["source_id"]) == ("红名单", "perks", "S62")
    assert schemes.set_index("id").loc["sch-spc-defaulter-list", "consequences"] == "sanctions"
    with pytest.raises(ValueError, match="ids not found in schemes.csv: sch-nothing"):
        joint_punishment.list_schemes(("sch-nothing",))
    with pytest.raises(TypeError, match="ids must be a tuple"):
        joint_punishment.list_schemes("sch-red-lists")


# --- joint punishment --------------------------------------------------------------------------

def test_matrix_is_illustrative_and_uses_data_restrictions(rules, matrix):
    assert matrix.attrs["illustrative"] is True
    assert list(matrix.columns) == list(rules.restrictions["parameter"])
    assert list(matrix.index) == list(joint_punishment.ILLUSTRATIVE_AGENCY_RESTRICTIONS)
    assert matrix.any(axis=0).all()  # every published restriction is imposed by some agency
    with pytest.raises(ValueError, match="not in scoring_models.csv: restriction_yachts"):
        joint_punishment.illustrative_matrix(rules, {"Port authority": ("restriction_yachts",)})


def test_joint_restrictions_for_the_court_list(rules, matrix):
    table = joint_punishment.joint_restrictions(COURT, matrix, rules)
    assert list(table["label"]) == list(rules.restrictions["label"])
    assert list(table["source_id"]) == list(rules.restrictions["source_id"])
    assert table["met"].all()
    assert table.set_index("restriction").loc["restriction_first_class_seats", "agencies"] == 2
    assert not table["by_listing_agency"].any()
    summary = joint_punishment.joint_summary(COURT, matrix, rules)
    assert (summary.restrictions_met, summary.restrictions_total) == (8, 8)
    assert (summary.agencies_imposing, summary.other_agencies_imposing) == (6, 6)


def test_joint_restrictions_depend_on_the_listing_agency(rules, matrix):
    table = joint_punishment.joint_restrictions("Aviation regulator", matrix, rules).set_index("restriction")
    assert table.loc["restriction_flights", "by_listing_agency"]
    assert table.loc["restriction_flights", "by_other_agencies"] == 0
    assert table.loc["restriction_first_class_seats", "by_other_agencies"] == 1
    summary = joint_punishment.joint_summary("Aviation regulator", matrix, rules)
    assert (summary.agencies_imposing, summary.other_agencies_imposing) == (6, 5)


def test_joint_restrictions_with_a_smaller_matrix(rules):
    mapping = {"A": ("restriction_golf",), "B": ("restriction_golf", "restriction_loans")}
    small = joint_punishment.illustrative_matrix(rules, mapping)
    table = joint_punishment.joint_restrictions("A", small, rules)
    assert int(table["met"].sum()) == 2
    assert table.set_index("restriction").loc["restriction_golf", "agencies"] == 2
    assert joint_punishment.joint_summary("A", small[["restriction_loans"]], rules).restrictions_total == 1


def test_matrix_cells_for_the_heatmap(rules, matrix):
    cells = joint_punishment.matrix_cells(matrix, "Railway operator", True, rules)
    assert len(cells) == matrix.size <= charts.MAX_ROWS
    assert set(cells.loc[cells["is_listing_agency"], "agency"]) == {"Railway operator"}
    applies = cells[cells["state"] == joint_punishment.CELL_STATES[0]]
    assert len(applies) == int(matrix.to_numpy().sum())
    off = joint_punishment.matrix_cells(matrix, "Railway operator", False, rules)
    assert joint_punishment.CELL_STATES[0] not in set(off["state"])


@settings(deadline=None)
@given(st.text(max_size=20).filter(lambda s: s not in joint_punishment.ILLUSTRATIVE_AGENCY_RESTRICTIONS))
def test_unknown_listing_agency_is_named(rules, matrix, name):
    with pytest.raises(ValueError, match="listing_agency must be one of: Court"):
        joint_punishment.joint_restrictions(name, matrix, rules)


@settings(deadline=None)
@given(st.one_of(st.none(), st.integers(), st.booleans()))
def test_listing_agency_must_be_text(rules, matrix, bad):
    with pytest.raises(TypeError, match="listing_agency must be a string"):
        joint_punishment.joint_summary(bad, matrix, rules)


def test_bad_matrix_is_named(rules, matrix):
    with pytest.raises(TypeError, match="matrix must be a pandas DataFrame"):
        joint_punishment.joint_restrictions(COURT, matrix.to_numpy(), rules)
    with pytest.raises(ValueError, match="matrix has column\\(s\\) that are not restrictions.*restriction_yachts"):
        joint_punishment.joint_restrictions(COURT, matrix.assign(restriction_yachts=True), rules)
    with pytest.raises(TypeError, match="matrix\\['restriction_golf'\\] must hold True/False"):
        joint_punishment.joint_restrictions(COURT, matrix.astype({"restriction_golf": int}), rules)
    with pytest.raises(ValueError, match="matrix must have at least one agency"):
        joint_punishment.joint_restrictions(COURT, matrix.iloc[:0], rules)


@settings(deadline=None)
@given(st.one_of(st.floats(max_value=-1e-6), st.floats(min_value=50.001), st.just(math.nan), st.just(math.inf)))
def test_bad_years_since_listing_is_named(rules, matrix, bad):
    cases = frame({"able_to_pay": True})
    with pytest.raises(ValueError, match="years_since_listing must be"):
        joint_punishment.joint_punishment_update({**NO, "able_to_pay": True, "refuses": True}, COURT, bad, 0, cases, matrix, rules)


# --- the panel, as a user meets it --------------------------------------------------------------

@pytest.fixture(scope="module")
def small_cases():
    return court_list.synthetic_cases(n=5_000, seed=11)


@pytest.fixture
def panel(small_cases):
    return JointPunishmentPanel(cases=small_cases)


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
    listed = int(court_list.defaulter_listing(small_cases)["listed"].sum())
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
    numbers, chart = panel.numbers, chart_spec(panel)
    control(panel, name).value = value
    assert panel.message == ""
    assert panel.numbers != numbers
    assert chart_spec(panel) != chart


def test_unable_to_pay_is_not_listed_in_the_panel(panel):
    panel.flags["able_to_pay"].value = False
    text = panel.summary()
    assert text.startswith("Not listed: this person cannot pay and meets none of the grounds")
    assert "Inability to pay is not a ground" in text
    assert "none of them applies" in text
    data = chart_spec(panel)
    assert "not listed: cannot pay, no ground met" in data["description"]
    states = {row["state"] for rows in data["datasets"].values() for row in rows if "state" in row}
    assert joint_punishment.CELL_STATES[0] not in states


def test_term_over_and_extension_in_the_panel(panel):
    panel.years_since.value = 3.0
    assert "the listing ended 1 year ago, so no restriction applies now" in panel.summary()
    panel.extension.value = 3
    assert "2 years + 3 years extension = 5 years" in panel.summary()
    assert "the listing ends in 2 years" in panel.summary()


def test_agency_changes_who_restricts(panel):
    panel.agency.value = "Aviation regulator"
    assert "from 6 agencies, 5 of them other than the one that listed it" in panel.summary()
    data = chart_spec(panel)
    outlined = {row["agency"] for rows in data["datasets"].values() for row in rows
                if row.get("is_listing_agency")}
    assert outlined == {"Aviation regulator"}
    assert "Who restricts a party listed by Aviation regulator" in str(chart_title(data, "heat_title"))


@pytest.mark.parametrize("name, value, message", [
    ("extension", 5, "extension_years must be 0 (not extended) or a whole number from 1 to 3 (2017 text [S30]); got 5"),
    ("extension", -1, "extension_years must be 0 (not extended) or a whole number from 1 to 3"),
    ("years_since", -1.0, "years_since_listing must be between 0 and 50; got -1"),
    ("years_since", 80.0, "years_since_listing must be between 0 and 50; got 80"),
])
def test_bad_values_show_a_message(panel, name, value, message):
    numbers, chart = panel.numbers, chart_spec(panel)
    control(panel, name).value = value
    assert message in panel.message
    assert panel.widget.result["ok"] is False and panel.widget.result["message"] == panel.message  # role=alert
    assert panel.numbers == numbers and chart_spec(panel) == chart  # the last good state stays
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
    data = chart_spec(panel)
    assert data["description"] == panel.description.removeprefix("<p>").removesuffix("</p>").replace(
        "'", "'")
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
    assert chart_title(default) == "Joint punishment: one list, many agencies"
    assert chart_title(chart_spec(panel)) == "Joint punishment: this case is not listed"


def test_the_panel_update_matches_the_per_row_loop(rules, matrix):
    cases = court_list.synthetic_cases(2_000, seed=5)
    rows = list(cases[list(court_list.CASE_COLUMNS)].itertuples(index=False, name=None))
    case = dict(NO, able_to_pay=True, refuses=True, evades=True)
    for agency, since, extension in ((COURT, 1.0, 0), ("Railway operator", 3.5, 2), ("Banking regulator", 0.0, 1)):
        update = joint_punishment.joint_punishment_update(case, agency, since, extension, cases, matrix, rules)
        loop = joint_punishment_update_loop(rows, case, agency, since, extension, rules, matrix)
        assert (update.ground, bool(update.still_listed)) == (loop["ground"], loop["still"])
        assert list(update.distribution.itertuples(index=False, name=None)) == [
            (k, label, k in rules.ground_params, n, share) for k, label, n, share in loop["distribution"]]
        assert list(zip(update.joint["restriction"], update.joint["agencies"], update.joint["by_listing_agency"],
                        update.joint["by_other_agencies"], update.joint["met"])) == loop["joint"]
        assert list(zip(update.cells["agency"], update.cells["restriction"], update.cells["state"],
                        update.cells["is_listing_agency"])) == loop["cells"]
