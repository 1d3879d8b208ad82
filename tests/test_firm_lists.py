"""The firms' lists toy (notebook 02): the published rules from data/, firms told by hand, the synthetic
firms against the per-row loop, the chart, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reference_loops import firm_lists_update as loop_update
from widgets.charts.firm_lists import firm_lists_chart, shares_chart
from widgets.data import load
from widgets.models import firm_lists as fl

RULES = fl.firm_rules()


def firm(years: int = 12, **flags) -> pd.DataFrame:
    """One firm's years told by hand: every year fine unless a flag lists the (1-based) years it fails."""
    table = pd.DataFrame({"files": True, "reachable": True, "false_info": False, "grave_violation": False,
                          "heavier_penalty": False}, index=range(1, years + 1))
    for column, bad_years in flags.items():
        table.loc[list(bad_years), column] = column in ("false_info", "grave_violation", "heavier_penalty")
    return table.reset_index(drop=True)


def states(events: pd.DataFrame, rules: str = fl.RULES_2014, applies_early: bool = True) -> list[str]:
    firms = fl.firms_from_events(events, applies_early)
    return list(fl.firm_table(firms, fl.apply_rules(firms, rules), 0)["state"])


NONE, ABNORMAL, SERIOUS, BOTH = fl.STATES


# --- the rules come from data/listing_rules.csv ----------------------------------------------------
def test_the_published_numbers_are_read_from_the_data():
    table = load("listing_rules").set_index("id")
    assert (RULES.escalation_years, RULES.removal_years) == (3, 5)
    assert (RULES.representative_bar_years, RULES.early_removal_years) == (3, 1)
    for name, row in fl.NUMBER_ROWS.items():
        assert RULES.value(row) == table.loc[row, "value"], name
    assert RULES.citation("escalation_years") == "[S72]" and RULES.citation("early_removal_years") == "[S75]"
    assert list(RULES.abnormal_grounds["item"]) == [1, 2, 3, 4]
    assert set(RULES.abnormal_grounds["source_id"]) == {"S73"}


def test_the_2021_term_is_not_found_so_the_toy_says_what_it_keeps():
    row = load("listing_rules").set_index("id").loc["lr-serious-2021-term"]
    assert row["confidence"] == "unconfirmed" and pd.isna(row["value"])
    assert "five years of the 2014 Regulations" in fl.TOY_RULES["term_2021"]


# --- firms told by hand ------------------------------------------------------------------------------
def test_three_years_on_the_abnormal_list_then_five_on_the_serious_list():
    late_four_years = firm(files=[1, 2, 3, 4])
    assert states(late_four_years) == [ABNORMAL] * 3 + [BOTH] + [SERIOUS] * 4 + [NONE] * 4
    assert states(firm(files=[1, 2, 3])) == [ABNORMAL] * 3 + [NONE] * 9  # complied in time


def test_2021_early_removal_after_one_year_on_application_only():
    late_four_years = firm(files=[1, 2, 3, 4])
    assert states(late_four_years, fl.RULES_2021) == [ABNORMAL] * 3 + [BOTH] + [NONE] * 8
    assert states(late_four_years, fl.RULES_2021, applies_early=False) == states(late_four_years)


def test_a_grave_violation_needs_a_heavier_penalty_under_the_2021_measures():
    light = firm(grave_violation=[2])
    heavy = firm(grave_violation=[2], heavier_penalty=[2])
    assert states(light) == [NONE] + [SERIOUS] * 5 + [NONE] * 6
    assert states(light, fl.RULES_2021) == [NONE] * 12
    assert states(heavy, fl.RULES_2021, applies_early=False) == states(light)


def test_a_firm_that_never_complies_stays_on_both_lists():
    assert states(firm(files=range(1, 13))) == [ABNORMAL] * 3 + [BOTH] * 9


def test_a_recurrence_restarts_the_five_years_and_the_bar_runs_three_years():
    events = firm(grave_violation=[2, 5])
    table = fl.firm_table(fl.firms_from_events(events), fl.apply_rules(fl.firms_from_events(events)), 0)
    assert list(table["serious"]) == [False] + [True] * 8 + [False] * 3   # years 2-9: five years from year 5
    assert list(table["barred"]) == [False, True, True, True] + [False] * 8
    assert "grave violation" in table.loc[1, "why"] and "five years" in table.loc[9, "why"]


def test_the_story_tells_each_change_once():
    events = firm(files=[1, 2, 3, 4])
    firms = fl.firms_from_events(events)
    text = fl.story(fl.firm_table(firms, fl.apply_rules(firms), 0))
    assert text.startswith("- **Years 1-3**: abnormal-operations list (no annual report by 30 June; listed since year 1).")
    assert "- **Year 4**: " in text and "three years on the abnormal-operations list without complying" in text
    assert "- **Year 9**: five years without a recurrence: off the serious-violation list." in text
    assert text.endswith("- **Years 10-12**: filed on time; on no list.")  # nothing changed after year 9
    assert "- **Years 7-8**: still on the serious-violation list" in text


# --- the synthetic firms ---------------------------------------------------------------------------------
@pytest.mark.parametrize("rules", list(fl.RULE_SETS))
def test_vectorized_rules_equal_the_per_row_loop(rules):
    firms = fl.synthetic_firms(3_000, seed=11, dormant_share=0.3)
    lists = fl.apply_rules(firms, rules)
    columns = [getattr(firms, c).T.tolist() for c in fl.EVENT_COLUMNS]
    rows = [list(zip(*(column[i] for column in columns))) for i in range(3_000)]
    statuses, counts = loop_update(rows, firms.applies_early.tolist(), rules, RULES.escalation_years,
                                   RULES.removal_years, RULES.early_removal_years, RULES.representative_bar_years)
    got = np.stack([lists.abnormal.T, lists.serious.T, lists.barred.T], axis=-1)
    assert np.array_equal(got, np.array(statuses))
    assert fl.shares_by_year(lists)["firms"].tolist() == [c for year in counts for c in year]
    assert lists.serious.any() and lists.escalated.any() and (rules == fl.RULES_2014 or lists.removed_early.any())


def test_synthetic_firms_are_seeded():
    a, b = fl.synthetic_firms(2_000, seed=1), fl.synthetic_firms(2_000, seed=1)
    c = fl.synthetic_firms(2_000, seed=2)
    assert np.array_equal(a.files, b.files) and not np.array_equal(a.files, c.files)
    assert a.files.shape == (fl.ILLUSTRATIVE_YEARS, 2_000) and a.shape == (2_000, fl.ILLUSTRATIVE_YEARS)
    assert not a.files.flags.writeable


def test_the_dormant_share_only_moves_a_threshold():
    # the draws are kept per (n, years, seed); a firm that is active (or dormant) under two shares has the
    # same years under both, and a share after a different n still gives the firms drawn afresh
    low, high = fl.synthetic_firms(4_000, seed=5, dormant_share=0.1), fl.synthetic_firms(4_000, seed=5, dormant_share=0.4)
    assert high.dormant.sum() > low.dormant.sum() and not (low.dormant & ~high.dormant).any()
    for same in (~high.dormant, low.dormant):
        for column in fl.EVENT_COLUMNS:
            assert np.array_equal(getattr(low, column)[:, same], getattr(high, column)[:, same])
    files_rate = [firms.files[:, firms.dormant].mean() for firms in (low, high)]
    assert all(abs(rate - fl.ILLUSTRATIVE_FILES_DORMANT) < 0.05 for rate in files_rate)
    fl.synthetic_firms(1_000, seed=5, dormant_share=0.25)
    fl._synthetic_firms.cache_clear(), fl._draws.cache_clear()
    again = fl.synthetic_firms(4_000, seed=5, dormant_share=0.4)
    assert all(np.array_equal(getattr(again, k), getattr(high, k)) for k in vars(high))


def test_more_dormant_firms_put_more_firms_on_the_lists():
    few = fl.firm_lists_update(n=5_000, dormant_share=0.0)
    many = fl.firm_lists_update(n=5_000, dormant_share=0.5)
    assert many.abnormal_last_year > few.abnormal_last_year
    assert many.serious_last_year > few.serious_last_year


def test_the_update_tells_a_firm_that_takes_the_whole_path():
    update = fl.firm_lists_update(n=20_000)
    table = update.table
    assert table["years_abnormal"].max() > RULES.escalation_years
    assert (table["serious"].shift(fill_value=False) & ~table["serious"]).any()  # and off the serious list again
    shares = update.shares.groupby("year")["percent"].sum()
    assert np.allclose(shares, 100, atol=0.05) and len(update.shares) == 4 * fl.ILLUSTRATIVE_YEARS
    assert update.grid.shape == (len(fl.GRID_ROWS) * fl.ILLUSTRATIVE_YEARS, 4)
    assert fl.firm_lists_update(fl.RULES_2021, n=20_000).serious_last_year < update.serious_last_year


# --- the chart -------------------------------------------------------------------------------------------
def test_the_chart_shows_the_firm_and_the_shares():
    update = fl.firm_lists_update(n=5_000)
    chart = firm_lists_chart(update.grid, update.shares, years=12, title="Toy firms", description="A sentence.")
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["title"] == "Toy firms" and spec["description"] == "A sentence."
    top, bottom = spec["vconcat"]
    assert top["encoding"]["y"]["scale"]["domain"][0] == "No annual report by 30 June"
    assert bottom["encoding"]["y"]["title"] == "Synthetic firms on a list (%)"
    assert {t["title"] for t in bottom["encoding"]["tooltip"]} >= {"Toy year", "Status", "Synthetic firms"}
    rows = sum(len(v) for v in spec["datasets"].values())
    assert rows == len(update.grid) + len(update.shares) <= 5_000


def test_the_chart_refuses_a_table_that_is_not_the_shares():
    with pytest.raises(ValueError, match="shares is missing column"):
        shares_chart(pd.DataFrame({"year": [1]}), years=1)


# --- bad input ---------------------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(st.one_of(st.integers(max_value=0), st.integers(min_value=fl.MAX_FIRMS + 1), st.floats(0.1, 0.9)))
def test_a_bad_number_of_firms_is_named(n):
    with pytest.raises(ValueError, match="^n must be"):
        fl.synthetic_firms(n)


@settings(max_examples=25, deadline=None)
@given(st.text().filter(lambda s: s not in fl.RULE_SETS))
def test_an_unknown_rule_set_is_named(rules):
    with pytest.raises(ValueError, match="rules must be one of: 2014, 2021"):
        fl.firm_lists_update(rules, n=100)


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=100)))
def test_a_firm_that_does_not_exist_is_named(index):
    with pytest.raises(ValueError, match="firm must be between 0 and 99"):
        fl.firm_lists_update(firm=index, n=100)


@pytest.mark.parametrize("kwargs, message", [
    ({"years": 0}, "years must be between 1 and 30"),
    ({"years": 2.5}, "years must be a whole number"),
    ({"dormant_share": 1.5}, "dormant_share must be between 0 and 1"),
    ({"dormant_share": "half"}, "dormant_share must be a number"),
    ({"seed": -1}, "seed must be between 0 and"),
])
def test_other_bad_settings_are_named(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        fl.firm_lists_update(n=100, **kwargs)


def test_a_hand_told_firm_must_have_every_column():
    with pytest.raises(ValueError, match="events is missing column"):
        fl.firms_from_events(pd.DataFrame({"files": [True]}))
    with pytest.raises(TypeError, match="events\\['files'\\] must hold True/False"):
        fl.firms_from_events(firm().assign(files=1))
