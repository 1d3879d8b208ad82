"""The course map (instructor/course.yml) agrees with the sources and the data, and its reader refuses a bad map.

What the map says about each notebook (its file, title, exercises) must be what the source says,
and the rows it lists must be the rows the notebook shows: every id a source names, every group
it asks for, and every row its charts and panels draw. Then a notebook's source list, built from
the map, follows from what the notebook shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
import yaml

from widgets import course_map, data, sources
from widgets.course import build, grading
from widgets.models import (
    city_points, commercial_score, court_list, firm_lists, lender_fairness, list_experiment, rewards_sanctions,
)
from widgets.topics import (
    abroad,
    chapter_check,
    city_uptake,
    credit_bureau,
    defaulter_list,
    myth_or_fact,
    official_counts,
    precursors,
    readings,
    state_and_commercial,
    surveys,
    timeline,
    uscc,
)

SOURCES = {path.name[:2]: path for path in build.sources() if path.name[:2].isdigit()}
ALL_IDS = {table: set(data.load(table)["id"]) for table in data.table_names() if table != "sources"}


def code_of(path: Path) -> str:
    return "\n".join(cell.source for cell in jupytext.read(path).cells if cell.cell_type == "code")


# --- the map agrees with the sources -----------------------------------------------------------
def test_the_map_lists_every_notebook_source_in_order():
    assert course_map.numbers() == sorted(SOURCES)
    for number, path in SOURCES.items():
        notebook = course_map.notebook(number)
        assert notebook.stem == path.stem and notebook.file == f"{path.stem}.ipynb"
        heading = next(line[2:].strip() for cell in jupytext.read(path).cells if cell.cell_type == "markdown"
                       for line in cell.source.splitlines() if line.startswith("# "))
        assert heading == notebook.heading, f"{number}: the source's title is {heading!r}"
        assert notebook.label and len(notebook.label) < len(notebook.heading)


def test_the_exercises_are_the_sources_questions_with_their_points():
    for number, path in SOURCES.items():
        found = []
        for cell in jupytext.read(path).cells:
            text = cell.source.lstrip()
            if cell.cell_type == "raw" and text.startswith(grading.QUESTION_MARKER):
                config = yaml.safe_load(text[len(grading.QUESTION_MARKER):])
                found.append((str(config["name"]), float(config.get("points", 1)), bool(config.get("manual", False))))
        listed = [(e.name, e.points, e.manual) for e in course_map.notebook(number).exercises]
        assert listed == found, f"notebook {number}: the course map's exercises differ from its source's"
        auto = {e.name: e.points for e in course_map.notebook(number).exercises if not e.manual}
        assert auto == grading.autograded_questions(path)


def test_both_schedules_teach_every_notebook_once():
    assert set(course_map.load_map().schedules) == {"3x90", "6x50"}
    assert [len(course_map.sessions(s)) for s in ("3x90", "6x50")] == [3, 6]
    for name, plan in course_map.load_map().schedules.items():
        taught = [n for session in plan.sessions for n in session]
        assert sorted(taught) == course_map.numbers(), name
    assert {plan.minutes for plan in course_map.load_map().schedules.values()} == {90, 50}


# --- the rows a notebook shows ------------------------------------------------------------------
@pytest.mark.parametrize("number", sorted(SOURCES))
def test_every_listed_row_exists_in_its_table(number):
    for table, ids in course_map.facts(number).items():
        assert table in ALL_IDS, f"notebook {number} lists rows of {table!r}, which is not a table of data/"
        assert set(ids) <= ALL_IDS[table], f"{number}: ids not in {table}.csv: {sorted(set(ids) - ALL_IDS[table])}"


@pytest.mark.parametrize("number", sorted(SOURCES))
def test_every_row_a_source_names_is_in_its_map(number):
    code = code_of(SOURCES[number])
    quoted = set(re.findall(r"""["']([a-z][a-z0-9_.-]+)["']""", code))
    facts = course_map.facts(number)
    for table, known in ALL_IDS.items():
        named = quoted & known
        missing = named - set(facts.get(table, []))
        assert not missing, f"notebook {number} names {table} rows the course map does not list: {sorted(missing)}"


@pytest.mark.parametrize("number", sorted(SOURCES))
def test_every_group_a_source_asks_for_is_in_its_map(number):
    asked = re.findall(r"""course_map\.(rows|facts)\(["'](\d\d)["'](?:, ["'](\w+)["'])?\)""", code_of(SOURCES[number]))
    assert asked, f"notebook {number} takes no rows from the course map"
    for kind, asked_number, group in asked:
        assert asked_number == number, f"notebook {number} asks for the rows of notebook {asked_number}"
        if kind == "rows":
            assert course_map.rows(number, group), f"{number}: group {group!r} is empty"


def charted_rows() -> dict[tuple[str, str], list[str]]:
    """Rows that a notebook's charts and panels draw, computed from the kit (notebook, table) -> ids."""
    rules, published = court_list.list_rules(), commercial_score.published()
    awareness = rewards_sanctions.published_awareness().rows
    return {
        ("00", "misconceptions"): list(myth_or_fact.statements()["id"]),
        ("01", "registry_counts"): [*credit_bureau.database_sizes()["id"], *credit_bureau.other_sizes()],
        ("01", "scoring_models"): lender_fairness.explorable_rows().ids,
        ("02", "timeline"): list(timeline.timeline_events()["id"]),
        ("02", "uscc"): [*uscc.parts()["id"], *uscc.published_codes()["id"], "uscc-alphabet",
                         *(f"uscc-weight-{p:02d}" for p in uscc.weights().index)],
        ("02", "listing_rules"): [*firm_lists.NUMBER_ROWS.values(), *firm_lists.firm_rules().abnormal_grounds["id"]],
        ("02", "timeline_readings"): list(data.load("timeline_readings")["id"]),
        ("03", "scoring_models"): [*official_counts.JOINT_CONFERENCE_IDS, *official_counts.PILOT_IDS, *rules.ids,
                                   *city_points.city_published().ids],
        ("03", "demonstration_cities"): list(official_counts.demonstration_batches()["id"]),
        ("03", "city_scores"): list(city_uptake.uptake_table()["id"]),
        ("04", "scoring_models"): [*published.select(["score_min", "score_max", "score_max_cgtn_2017"])["id"],
                                   *published.dimensions["id"], *published.claimed_weights["id"],
                                   *published.score_bands["id"],
                                   *commercial_score.benefit_thresholds(None, scheme="all")["id"]],
        ("04", "commercial_firms"): [*state_and_commercial.permit_holders()["id"],
                                     *state_and_commercial.baihang_ownership()["id"]],
        ("04", "schemes"): list(state_and_commercial.DEFAULT_IDS),
        ("05", "scoring_models"): [*rules.grounds["id"], *rules.restrictions["id"],
                                   *rules.select(["listing_term", "extension_min", "extension_max", "mou_2016_signatories",
                                                  "central_memoranda", "punishment_memoranda",
                                                  "incentive_memoranda"])["id"]],
        ("03", "listing_rules"): court_list.listing_text("2017").rule_ids,
        ("05", "listing_rules"): [*court_list.listing_text("2013").ids, *court_list.listing_text("2017").ids],
        ("05", "defaulter_list"): [*defaulter_list.published_counts()["id"],
                                   *defaulter_list.unconfirmed_counts()["id"]],
        ("05", "cases"): list(defaulter_list.teaching_cases()["letter"].map(lambda letter: f"case-{letter}")),
        ("06", "scoring_models"): ["list-rules-central-memoranda", *official_counts.MEMORANDA_IDS],
        ("06", "city_scores"): list(awareness.loc[awareness["table"] == "city_scores", "id"]),
        ("06", "surveys"): list(awareness.loc[awareness["table"] == "surveys", "id"]),
        ("06", "precursors"): list(precursors.dated_precursors()["id"]),
        ("06", "timeline"): [precursors.PLANNING_OUTLINE_ID],
        ("06", "readings"): list(readings.readings()["id"]),
        ("06", "evidence_sorting"): list(readings.SORTING_IDS),
        ("07", "city_scores"): list(city_uptake.uptake_table()["id"]),
        ("07", "surveys"): [*surveys.kostka_2018()["id"], *surveys.support_levels()["id"],
                            surveys.MERICS_BEFORE, surveys.MERICS_AFTER, surveys.XU_REPRESSION],
        ("07", "survey_method"): list(surveys.over_reporting()["id"]),
        ("07", "scoring_models"): [list_experiment.published_design().row_id(p) for p in
                                   list_experiment.PUBLISHED_PARAMETERS + list_experiment.ILLUSTRATIVE_PARAMETERS],
        ("08", "claims"): list(chapter_check.ledger()["id"]),
        ("08", "verdict_readings"): list(chapter_check.second_readings()["id"]),
        ("08", "ai_act_cases"): list(abroad.arguments()["id"]),
        ("08", "misconceptions"): list(myth_or_fact.statements()["id"]),
    }


def test_every_row_a_chart_or_panel_draws_is_in_the_map():
    for (number, table), ids in charted_rows().items():
        missing = set(ids) - set(course_map.facts(number).get(table, []))
        assert not missing, f"notebook {number} draws {table} rows the course map does not list: {sorted(missing)}"


def test_the_teaching_cases_rest_on_rows_of_their_notebook():
    facts = course_map.facts("05")
    for case in defaulter_list.teaching_cases().itertuples():
        assert case.row in facts[case.table], f"case {case.letter} rests on {case.table}/{case.row}, not listed for 05"
        row = sources.rows(case.table, [case.row]).iloc[0]
        assert (case.source_id, case.confidence) == (str(row["source_id"]), str(row["confidence"])), case.letter


def test_a_groups_rows_come_in_the_maps_order_and_all_means_every_row():
    assert course_map.rows("02", "every_event") == [str(i) for i in data.load("timeline")["id"]]
    glossary = course_map.rows("03", "glossary")
    assert glossary[0] == "gl-joint-conference" and len(glossary) == len(set(glossary))
    facts = course_map.facts("02")
    assert len(facts["glossary"]) == len(set(facts["glossary"]))  # groups of one table merged without repeats


# --- the reader refuses a bad map ---------------------------------------------------------------
def write_map(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(course_map.path().read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "course.yml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda m: m["notebooks"][1].update(number="1"), "number must be two digits"),
    (lambda m: m["notebooks"][1].update(stem="02_origins"), "stem must start with '01_'"),
    (lambda m: m["notebooks"].append(dict(m["notebooks"][0])), "notebook 00 is listed twice"),
    (lambda m: m["notebooks"][0]["exercises"][0].update(graded="peer"), "use one of auto, manual"),
    (lambda m: m["notebooks"][0]["exercises"][0].update(name="q01_thesis"), "must start with 'q00_'"),
    (lambda m: m["notebooks"][2]["shows"]["claims"].append(3), "must be a list of ids or 'all'"),
    (lambda m: m["schedules"]["6x50"]["sessions"].pop(), "must teach every notebook once"),
    (lambda m: m.pop("schedules"), "must hold a 'notebooks' list and a 'schedules' mapping"),
])
def test_a_bad_map_is_refused_naming_the_problem(tmp_path, change, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        course_map.load_map(write_map(tmp_path, change))


def test_unknown_numbers_groups_and_schedules_are_named():
    with pytest.raises(ValueError, match="number must be one of the kit's notebooks: 00, 01"):
        course_map.notebook("09")
    with pytest.raises(ValueError, match="group must be one of notebook 03's groups of rows: centre, "):
        course_map.rows("03", "nope")
    with pytest.raises(ValueError, match="schedule must be one of: 3x90, 6x50"):
        course_map.sessions("4x60")
