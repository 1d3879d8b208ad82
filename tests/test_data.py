"""The sourced tables in data/: schema-valid, fully sourced, typed on load, and loud when corrupted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from widgets import data, runtime

MIN_ROWS = {"sources": 140, "timeline": 25, "schemes": 12, "claims": 25, "glossary": 25,
            "commercial_firms": 9, "demonstration_cities": 14, "defaulter_list": 10,
            "city_scores": 4, "scoring_models": 10, "surveys": 6, "instruments": 20, "listing_rules": 60,
            "excerpts": 10, "uscc": 30, "registry_counts": 10, "readings": 6, "evidence_sorting": 8,
            "precursors": 10, "survey_method": 8, "comparisons": 20, "ai_act_cases": 8,
            "verdict_readings": 2}
CHAPTER_ERA = (pd.Timestamp("2002-01-01"), pd.Timestamp("2022-12-31"))
CHAPTER_ERA_TABLES = {"timeline", "schemes", "defaulter_list", "city_scores", "demonstration_cities", "commercial_firms"}


def test_package_validates():
    data.validate()  # raises DataValidationError listing every problem


def test_every_table_meets_its_minimum_rows():
    counts = {name: len(data.load(name)) for name in data.table_names()}
    short = {n: (counts.get(n), m) for n, m in MIN_ROWS.items() if counts.get(n, 0) < m}
    assert short == {}, f"tables below their minimum (rows, minimum): {short}"


@pytest.mark.parametrize("name", [n for n in data.table_names() if n != "sources"])
def test_rows_are_sourced_and_labelled(name):
    table = data.load(name)
    source_ids = set(data.load("sources")["id"])
    assert table["source_id"].notna().all()
    assert set(table["source_id"]) <= source_ids
    assert list(table["confidence"].cat.categories) == ["verified", "chapter-only", "conflicting", "unconfirmed"]
    assert table["confidence"].notna().all()
    assert table["id"].is_unique


@pytest.mark.parametrize("name", data.table_names())
def test_unconfirmed_rows_carry_no_number(name):
    resource = next(r for r in data.descriptor()["resources"] if r["name"] == name)
    table = data.load(name)
    if "confidence" not in table:
        return
    unconfirmed = table[table["confidence"] == "unconfirmed"]
    for column in resource.get("x-kit-value-fields", []):
        assert unconfirmed[column].isna().all(), f"{name}.{column} has a number on an unconfirmed row"


@pytest.mark.parametrize("name", data.table_names())
def test_dates_are_dates_within_range(name):
    """Every date column declares its range in the schema and keeps to it; the chapter's tables stay in 2002-2022."""
    table = data.load(name)
    fields = next(r for r in data.descriptor()["resources"] if r["name"] == name)["schema"]["fields"]
    for field in (f for f in fields if f["type"] == "date"):
        column = table[field["name"]]
        assert pd.api.types.is_datetime64_any_dtype(column)
        constraints = field.get("constraints", {})
        assert {"minimum", "maximum"} <= set(constraints), f"{name}.{field['name']} declares no date range"
        low, high = pd.Timestamp(constraints["minimum"]), pd.Timestamp(constraints["maximum"])
        if name in CHAPTER_ERA_TABLES:
            assert (low, high) == CHAPTER_ERA, f"{name}.{field['name']} must keep to 2002-2022"
        present = column.dropna()
        assert present.between(low, high).all(), f"{name}.{field['name']} outside {low:%Y-%m-%d} to {high:%Y-%m-%d}"


def test_enumerations_load_as_categories():
    timeline = data.load("timeline")
    assert isinstance(timeline["category"].dtype, pd.CategoricalDtype)
    assert set(timeline["category"].cat.categories) == {
        "finance", "state-central", "state-local", "commercial", "law", "scholarship"}
    assert set(timeline["precision"].cat.categories) == {"day", "month", "year"}


def test_load_returns_a_fresh_copy():
    first = data.load("timeline")
    first.loc[0, "event"] = "changed"
    assert data.load("timeline").loc[0, "event"] != "changed"


def test_unknown_table_is_a_clear_error():
    with pytest.raises(ValueError, match="name must be one of the tables in data/: .*timeline"):
        data.load("timelines")
    with pytest.raises(TypeError, match="name must be a table name"):
        data.load(3)


def test_fico_facts_come_from_the_table():
    from widgets.models import fico

    weights, scale = fico.published_weights()
    assert (scale.low, scale.high) == (300, 850)
    assert dict(zip(weights["parameter"], weights["value"])) == {
        "payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}
    assert set(weights["status"]) == {"published"}


# --- deliberately corrupted copies -------------------------------------------------------
@pytest.fixture
def corrupt(tmp_path):
    """Copy data/ to a temporary folder and return a function that edits one cell there."""
    folder = tmp_path / "data"
    shutil.copytree(data.data_dir(), folder)

    def edit(file: str, row: int, column: str, value: str) -> Path:
        frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False)
        frame.loc[row, column] = value
        frame.to_csv(folder / file, index=False)
        return folder

    return edit


def expect_problem(folder: Path, *fragments: str) -> None:
    with pytest.raises(data.DataValidationError) as info:
        data.validate(folder)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


def test_bad_date_is_reported_with_file_row_column(corrupt):
    folder = corrupt("timeline.csv", 2, "date", "2014-13-45")
    expect_problem(folder, "timeline.csv, row 4, column date")


def test_unknown_source_id_is_reported(corrupt):
    folder = corrupt("glossary.csv", 0, "source_id", "S999")
    expect_problem(folder, "glossary.csv, row 2", "source_id")


def test_duplicate_key_is_reported(corrupt):
    first = pd.read_csv(data.data_dir() / "claims.csv", dtype=str)["id"][0]
    folder = corrupt("claims.csv", 1, "id", first)
    expect_problem(folder, "claims.csv, row 3", "column id")


def test_number_on_unconfirmed_row_is_reported(corrupt):
    surveys = pd.read_csv(data.data_dir() / "surveys.csv", dtype=str, keep_default_na=False)
    row = int(surveys.index[surveys["confidence"] == "unconfirmed"][0])
    folder = corrupt("surveys.csv", row, "value", "1")
    expect_problem(folder, f"surveys.csv, row {row + 2}, column value",
                   "a row marked unconfirmed must not carry a number")


def test_value_outside_enumeration_is_reported(corrupt):
    folder = corrupt("timeline.csv", 0, "category", "gossip")
    expect_problem(folder, "timeline.csv, row 2, column category")


def test_load_validates_another_folder_even_in_a_student_kernel(corrupt, monkeypatch):
    """A data folder that is not the kit's own (KIT_DATA_DIR) is checked on first load in any kernel."""
    folder = corrupt("timeline.csv", 0, "category", "gossip")
    monkeypatch.delenv(runtime.BUILD_ENV, raising=False)
    with pytest.raises(data.DataValidationError, match="timeline.csv, row 2, column category"):
        data.load("timeline", folder)


def test_a_student_kernel_trusts_the_committed_data_and_never_imports_frictionless():
    """The committed tables are validated by every build and test run (``test_package_validates``); a
    student's kernel loads them without frictionless (about 20 MB and half a second less)."""
    code = ("import sys; from widgets import data; data.load('surveys'); data.load('sources');"
            " print('frictionless' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k not in (runtime.BUILD_ENV, "KIT_DATA_DIR")}
    student = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                             env=env, cwd=data.DATA_DIR.parent)
    build = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                           env={**env, runtime.BUILD_ENV: "1"}, cwd=data.DATA_DIR.parent)
    assert (student.stdout.strip(), build.stdout.strip()) == ("False", "True")
