"""The tables added from the fact base's second part: rules a model reads, the code's test vectors, excerpts,
cross-references between tables, and the corrections the fact base demands."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from widgets import data

RULES = data.load("listing_rules")
COURT = RULES[RULES["regime"] == "court-defaulter-list"]
EXCERPTS = data.load("excerpts").set_index("id")
USCC = data.load("uscc")


def grounds(covered: str) -> set[int]:
    low, _, high = covered.partition("-")
    return set(range(int(low), int(high or low) + 1))


# --- the court list: six grounds, a term only for grounds 2-6 -----------------------------------
@pytest.mark.parametrize("version", [2013, 2017])
def test_each_version_of_the_court_list_has_six_numbered_grounds(version):
    rows = COURT[(COURT["version"] == version) & (COURT["kind"] == "ground")]
    assert sorted(rows["item"].astype(int)) == [1, 2, 3, 4, 5, 6]
    assert (rows["applies_to_grounds"] == rows["item"].astype(str)).all()


def test_the_2017_term_applies_to_grounds_2_to_6_and_ground_1_has_none():
    terms = COURT[(COURT["version"] == 2017) & (COURT["kind"] == "term")]
    with_number = terms[terms["value"].notna()]
    assert len(with_number) == 1 and with_number.iloc[0]["value"] == 2 and with_number.iloc[0]["unit"] == "years"
    assert grounds(with_number.iloc[0]["applies_to_grounds"]) == {2, 3, 4, 5, 6}
    ground_1 = terms[terms["applies_to_grounds"] == "1"]
    assert len(ground_1) == 1 and pd.isna(ground_1.iloc[0]["value"])
    extension = COURT[(COURT["version"] == 2017) & (COURT["kind"] == "extension")].iloc[0]
    assert (extension["value"], extension["value_max"], extension["applies_to_grounds"]) == (1, 3, "2-6")


def test_the_2013_text_has_no_term_and_requires_ability_for_every_ground():
    v2013 = COURT[COURT["version"] == 2013]
    assert v2013.loc[v2013["kind"] == "term", "value"].isna().all()
    assert "具有履行能力" in v2013.loc[v2013["kind"] == "precondition", "text_zh"].iloc[0]
    assert len(v2013[v2013["kind"] == "deletion-event"]) == 3


def test_seven_deletion_events_end_a_ground_1_listing_and_expiry_ends_the_others():
    events = COURT[(COURT["version"] == 2017) & (COURT["kind"] == "deletion-event")]
    assert sorted(events["item"].astype(int)) == list(range(1, 8))
    assert set(events["applies_to_grounds"]) == {"1"}
    expiry = COURT[COURT["id"] == "lr-2017-deletion-term-expiry"].iloc[0]
    assert expiry["applies_to_grounds"] == "2-6" and expiry["value"] == 3 and expiry["unit"] == "working days"


def test_review_periods_of_article_12():
    rows = COURT[(COURT["article"] == "12") & COURT["value"].notna()]
    assert sorted(zip(rows["value"].astype(int), rows["unit"].astype(str))) == [
        (3, "working days"), (10, "days"), (15, "days"), (15, "days")]


def test_consumption_restrictions_bar_flying_at_all_and_every_g_series_seat():
    restrictions = RULES[RULES["regime"] == "consumption-restrictions"].set_index("id")
    assert "选择飞机" in restrictions.loc["lr-2015-restriction-1", "text_zh"]
    assert "air travel at all" in restrictions.loc["lr-2015-restriction-1", "rule"]
    assert "G字头动车组列车全部座位" in restrictions.loc["lr-2015-restriction-9", "text_zh"]
    assert restrictions.loc["lr-2015-mandatory-for-listed", "version"] == 2015


def test_the_toys_rows_agree_with_the_full_rules():
    models = data.load("scoring_models").set_index("id")
    six = COURT[(COURT["version"] == 2017) & (COURT["kind"] == "ground")]
    assert models.loc["list-rules-number-of-grounds-2017", "value"] == len(six) == 6
    assert models.loc["list-rules-listing-term", "value"] == 2
    assert "grounds 2 to 6" in models.loc["list-rules-listing-term", "label"]
    assert pd.isna(models.loc["list-rules-term-ground-1", "value"])
    toy_grounds = models[models["parameter"].str.startswith("ground_") & (models["model"] == "list_rules")]
    assert len(toy_grounds) == len(six)  # one toy row per ground: grounds 4 and 5 are no longer merged
    assert "list-rules-ground-breaches-orders" not in models.index


@pytest.mark.parametrize("excerpt_id, version", [("ex-spc-2017-art1", 2017), ("ex-spc-2013-art1", 2013)])
def test_each_grounds_wording_is_in_the_excerpt_of_its_article(excerpt_id, version):
    text = EXCERPTS.loc[excerpt_id, "text_zh"]
    for zh in COURT[(COURT["version"] == version) & (COURT["kind"].isin(["ground", "precondition"]))]["text_zh"]:
        assert zh in text


def test_the_2017_rules_quote_articles_2_10_and_12_as_excerpted():
    excerpted = " ".join(EXCERPTS.loc[i, "text_zh"] for i in ("ex-spc-2017-art2", "ex-spc-2017-art10", "ex-spc-2017-art12"))
    for _, row in COURT[(COURT["version"] == 2017) & COURT["article"].astype(str).str.match(r"^(2|10|12)\b")].iterrows():
        if pd.notna(row["text_zh"]):
            assert row["text_zh"] in excerpted, row["id"]


# --- the unified social credit code -------------------------------------------------------------
def _alphabet_and_weights() -> tuple[str, list[int]]:
    alphabet = USCC.loc[USCC["kind"] == "alphabet", "code"].iloc[0]
    weights = USCC[USCC["kind"] == "weight"].sort_values("position")
    assert list(weights["position"]) == list(range(1, 18))
    return alphabet, [int(w) for w in weights["value"]]


def _check(code: str) -> tuple[int, str]:
    alphabet, weights = _alphabet_and_weights()
    total = sum(alphabet.index(c) * w for c, w in zip(code[:17], weights))
    return total, alphabet[(31 - total % 31) % 31]


def test_the_alphabet_has_31_characters_and_never_uses_i_o_s_v_z():
    alphabet, weights = _alphabet_and_weights()
    assert len(alphabet) == len(set(alphabet)) == 31
    assert not set("IOSVZ") & set(alphabet)
    assert weights == [pow(3, i, 31) for i in range(17)]


def test_the_parts_cover_18_positions_without_gaps():
    parts = USCC[USCC["kind"] == "part"].sort_values("position")
    ends = (parts["position"] + parts["length"]).tolist()
    assert parts["position"].tolist() == [1, *ends[:-1]] and ends[-1] == 19


@pytest.mark.parametrize("row", USCC[USCC["kind"] == "test-vector"].to_dict("records"), ids=lambda r: r["id"])
def test_published_codes_pass_the_check(row):
    total, check = _check(row["code"])
    assert len(row["code"]) == 18 and total == row["value"] and check == row["code"][17]


def test_at_least_three_published_codes_name_their_holder_and_one_shows_the_31_case():
    vectors = USCC[USCC["kind"] == "test-vector"]
    assert vectors["entity"].notna().sum() >= 3
    assert (vectors["code"].str[17] == "0").any(), "a vector ending in 0 tests the 31 -> '0' case"


@pytest.mark.parametrize("row", USCC[USCC["kind"] == "failing-code"].to_dict("records"), ids=lambda r: r["id"])
def test_pilot_era_codes_fail_the_check(row):
    assert _check(row["code"])[1] != row["code"][17]


# --- references between tables ------------------------------------------------------------------
@pytest.mark.parametrize("table", ["ai_act_cases", "evidence_sorting"])
def test_every_fact_a_reading_cites_exists(table):
    frame = data.load(table)
    ids = {name: set(data.load(name)["id"]) for name in data.table_names()}
    for _, row in frame.iterrows():
        for ref in row["facts"].split():
            name, _, rid = ref.partition(":")
            assert rid in ids.get(name, set()), f"{table}.{row['id']} cites {ref}, which does not exist"


def test_each_ai_act_case_has_two_defensible_readings_and_a_tempting_wrong_one():
    cases = data.load("ai_act_cases")
    for case, rows in cases.groupby("case", observed=True):
        assert rows["defensible"].sum() >= 2, case
        assert (~rows["defensible"].astype(bool)).sum() >= 1, case
        assert rows["reason"].str.len().min() > 40
        assert rows.loc[~rows["defensible"].astype(bool), "reason"].str.startswith("Not defensible").all()


def test_each_reading_of_the_system_is_represented():
    readings = data.load("readings")
    assert set(readings["reading"]) == {"control", "fragmented-mundane", "both"}
    assert readings.set_index("id").loc["rd-liang-2018", "reading"] == "both"
    assert readings["would_count_against"].str.len().min() > 20


# --- excerpts, instruments, counts, surveys, sources --------------------------------------------
def test_excerpts_mark_their_translation():
    frame = EXCERPTS.reset_index()
    published = frame[frame["translation"] == "published"]
    assert published["translator"].notna().all()
    kit = frame[frame["translation"] == "kit"]
    assert kit["text_zh"].notna().all(), "the kit translates only text it quotes in Chinese"
    required = {"ex-outline-main-tasks", "ex-spc-2017-art1", "ex-spc-2017-art2", "ex-spc-2017-art10", "ex-consumption-2015-art3",
                "ex-gbf-2020-49-credit-repair", "ex-pipl-art33", "ex-ai-act-art5-1c"}
    assert required <= set(frame["id"])
    assert EXCERPTS.loc["ex-ai-act-art5-1c", "translation"] == "summary"


def test_instruments_flag_the_draft_law_and_the_mirror_only_measures():
    instruments = data.load("instruments").set_index("id")
    draft = instruments.loc["draft-social-credit-law-2022"]
    assert draft["status"] == "draft" and "Enactment: not found" in draft["note"]
    flagged = set(instruments.index[instruments["check_before_teaching"].astype(bool)])
    assert flagged == {"ndrc-order-36-2025"}
    assert instruments.loc["spc-list-2017", "promulgated"] == pd.Timestamp("2017-02-28")


def test_early_credit_database_figures_are_marked_conflicting():
    counts = data.load("registry_counts").set_index("id")
    assert counts.loc["rc-pboc-2006-01-natural-persons", "confidence"] == "conflicting"
    assert counts.loc["rc-pboc-2006-02-natural-persons", "confidence"] == "conflicting"
    assert counts.loc["rc-pboc-2022-12-natural-persons", "qualifier"] == "more than"
    lists = counts[counts["registry"] == "abnormal-operations-list"]
    assert set(lists["confidence"]) == {"conflicting"} and len(lists) == 2


def test_survey_rows_carry_no_detail_the_fact_base_lacks():
    surveys = data.load("surveys")
    text = " ".join(surveys[["population", "measure", "note"]].fillna("").astype(str).agg(" ".join, axis=1)).lower()
    for phrase in ("four policies", "three universities", "strongly approve of social"):
        assert phrase not in text
    approve = surveys.set_index("id").loc["sv-kostka-2018-approve"]
    assert approve["qualifier"] == "about" and "strongly" not in approve["measure"]


def test_lower_bounds_are_not_stored_as_exact_numbers():
    models = data.load("scoring_models").set_index("id")
    assert models.loc["list-rules-central-institutions-chapter", "qualifier"] == "more than"
    assert (models.loc["city-points-pilots-chapter", ["qualifier", "unit"]] == ["at least", "pilots"]).all()


def test_list_experiment_parameters_say_which_are_illustrative():
    models = data.load("scoring_models")
    toy = models[models["model"] == "list_experiment"]
    assert set(toy["status"]) == {"published", "illustrative"}
    assert (toy.loc[toy["status"] == "illustrative", "source_id"] == "kit").all()
    assert toy.set_index("parameter").loc["control_items", "value"] == 3


def test_sources_of_the_second_fact_base_part_are_all_listed():
    ids = set(data.load("sources")["id"])
    assert {f"S{n}" for n in range(63, 145)} <= ids
    assert re.search(r"No 198/2018", data.load("sources").set_index("id").loc["S2", "title"] + " "
                     + data.load("sources").set_index("id").loc["S2", "outlet"])
