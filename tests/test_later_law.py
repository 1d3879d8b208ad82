"""The documents since the chapter (widgets.topics.later_law) and their chart (widgets.charts.later_law)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import chart_rows
from widgets import charts, course_map, data
from widgets.charts.later_law import documents_chart
from widgets.topics import later_law

IDS = course_map.rows("08", "later_documents")
INSTRUMENTS = data.load("instruments").set_index("id")
FAST = settings(max_examples=30, deadline=None)


def test_documents_are_sorted_by_the_date_issued_with_their_status():
    docs = later_law.documents(IDS)
    assert sorted(docs["id"]) == sorted(IDS) and docs["date"].is_monotonic_increasing
    row = docs.set_index("id")
    assert row.loc["gbf-2020-49", "date"] == pd.Timestamp("2020-12-18") and row.loc["gbf-2020-49", "date_is"] == "promulgated"
    assert row.loc["draft-social-credit-law-2022", "status"] == later_law.DRAFT
    assert row.loc["ndrc-order-36-2025", "status"] == later_law.CONFIRM
    flagged = set(INSTRUMENTS.index[INSTRUMENTS["check_before_teaching"].astype(bool)]) & set(IDS)
    assert set(docs.loc[docs["status"] == later_law.CONFIRM, "id"]) == flagged
    assert (docs.loc[~docs["id"].isin(["draft-social-credit-law-2022", *flagged]), "status"] == later_law.ISSUED).all()


def test_a_document_without_a_promulgation_date_uses_its_adoption_date():
    docs = later_law.documents(["csl-2016"]).iloc[0]
    assert docs["date"] == INSTRUMENTS.loc["csl-2016", "adopted"] and docs["date_is"] == "adopted"


def test_the_markdown_table_shows_each_document_once_with_its_caveat():
    text = later_law.documents_markdown(IDS).data
    assert text.count("\n| ") == len(IDS)  # the header opens the text; the separator starts with "|---"
    assert "draft: enactment not found" in text and "confirm before teaching" in text
    assert "| 18 December 2020 | Guobanfa (2020) No. 49 |" in text  # the number is not repeated


def test_repair_periods_are_in_months_and_sorted():
    periods = later_law.repair_periods(course_map.rows("08", "repair_periods"))
    assert list(periods["id"]) == ["lr-repair-2025-minor", "lr-repair-2025-general", "lr-repair-2025-serious"]
    assert list(periods["months_min"]) == [0, 3, 12] and list(periods["months_max"]) == [3, 12, 36]
    with pytest.raises(ValueError, match="is not a period in months or years"):
        later_law.repair_periods(["lr-repair-2020"])


@pytest.mark.parametrize("ids, error, message", [
    (["nope"], ValueError, r"ids has unknown instrument id\(s\) nope"),
    ("gbf-2020-49", TypeError, "ids must be a list of instrument ids"),
    ([], ValueError, "ids must name at least one instrument"),
    (["us-fcra-1970"], ValueError, "has no promulgation or adoption date"),
])
def test_bad_ids_are_clear_errors(ids, error, message):
    with pytest.raises(error, match=message):
        later_law.documents(ids)


@FAST
@given(st.lists(st.sampled_from(IDS), min_size=1, max_size=len(IDS), unique=True))
def test_any_selection_keeps_its_rows_in_date_order(ids):
    docs = later_law.documents(ids)
    assert sorted(docs["id"]) == sorted(ids) and docs["date"].is_monotonic_increasing


@FAST
@given(st.one_of(st.integers(), st.none(), st.lists(st.integers(), min_size=1)))
def test_non_id_input_names_the_parameter(ids):
    with pytest.raises(TypeError, match="ids must be a list of instrument ids"):
        later_law.documents(ids)


def test_chart_draws_one_dot_per_document_with_title_axes_tooltips_and_description():
    docs = later_law.documents(IDS)
    description = later_law.describe_documents(docs)
    assert "not settled: Draft Social Credit Law" in description and f"{len(IDS)} documents" in description
    spec = documents_chart(docs, title="T", description=description).to_dict()
    assert charts.describe(spec) == f"Chart: T. {description}"
    dots = spec["layer"][2]
    assert dots["encoding"]["x"]["title"] == "Date issued (year)"
    assert {t["title"] for t in dots["encoding"]["tooltip"]} >= {"Document", "Issuer", "Issued", "Status", "Source"}
    drawn = chart_rows(spec, 2)
    assert [r["short_name"] for r in drawn] == list(docs["short_name"])
    assert spec["layer"][1]["transform"] == [{"filter": "isValid(datum.in_force)"}]  # rings only where recorded
    with pytest.raises(TypeError, match="documents must be a pandas DataFrame"):
        documents_chart(docs.to_dict(), title="T", description="D")
    with pytest.raises(ValueError, match="documents is missing column"):
        documents_chart(docs.drop(columns=["status"]), title="T", description="D")
