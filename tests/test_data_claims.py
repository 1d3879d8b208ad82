"""The verdict rule of the claims ledger (data/README.md), checked wherever a machine can check it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widgets import data

LEDGER = data.load("claims")
ROWS = LEDGER.set_index("id")
README = (Path(data.data_dir()) / "README.md").read_text(encoding="utf-8")
KIND_TO_VERDICT = {
    "none": "confirmed",
    "wrong-date": "corrected", "wrong-number": "corrected", "wrong-issuer": "corrected", "wrong-detail": "corrected",
    "misnamed": "imprecise", "misspelt": "imprecise", "loose": "imprecise",
    "not-found": "unconfirmed",
}


def test_every_error_kind_and_verdict_is_in_the_written_rule():
    section = README.split("## The verdict rule for `claims.csv`")[1].split("\n## ")[0]
    kinds = list(LEDGER["error_kind"].cat.categories)
    assert set(kinds) == set(KIND_TO_VERDICT), "the schema's error kinds and the rule's must be the same set"
    for word in [*kinds, *LEDGER["verdict"].cat.categories, *LEDGER["basis"].cat.categories]:
        assert f"`{word}`" in section, f"the verdict rule in data/README.md does not document `{word}`"


def test_the_verdict_follows_from_the_error_kind():
    expected = LEDGER["error_kind"].astype(str).map(KIND_TO_VERDICT)
    wrong = LEDGER.loc[expected != LEDGER["verdict"].astype(str), ["id", "error_kind", "verdict"]]
    assert wrong.empty, f"verdicts that break the rule:\n{wrong}"


def test_the_same_kind_of_error_always_gets_the_same_verdict():
    verdicts_per_kind = LEDGER.groupby("error_kind", observed=True)["verdict"].nunique()
    assert (verdicts_per_kind == 1).all(), verdicts_per_kind[verdicts_per_kind > 1]


def test_misnamed_issuers_get_one_verdict():
    """The PIPL's '13th NPC' and the 2022 Opinions' 'State Council' are the same kind of error."""
    pipl, opinions = ROWS.loc["claim-a18-pipl-13th-npc"], ROWS.loc["claim-a25-2022-directive-issuer"]
    assert pipl["error_kind"] == opinions["error_kind"] == "wrong-issuer"
    assert pipl["verdict"] == opinions["verdict"] == "corrected"


def test_spelling_slips_get_one_verdict():
    assert {ROWS.loc[i, "error_kind"] for i in ("claim-a11-ant-financials", "claim-a25-note-11-xinying")} == {"misspelt"}
    assert {ROWS.loc[i, "verdict"] for i in ("claim-a11-ant-financials", "claim-a25-note-11-xinying")} == {"imprecise"}


def test_unconfirmed_means_not_found():
    unconfirmed = LEDGER[LEDGER["verdict"] == "unconfirmed"]
    assert (unconfirmed["basis"] == "not-found").all()
    assert ((LEDGER["basis"] == "not-found") == (LEDGER["verdict"] == "unconfirmed")).all()
    says = unconfirmed["sources_say"].str.lower()
    assert says.str.contains("not found").all(), list(unconfirmed.loc[~says.str.contains("not found"), "id"])
    assert (unconfirmed["confidence"] != "verified").all(), "an unconfirmed claim cannot be verified"


def test_no_verdict_rests_on_not_checked():
    for column in ("sources_say", "evidence"):
        text = LEDGER[column].str.lower()
        assert not text.str.contains(r"\bnot checked\b").any(), list(LEDGER.loc[text.str.contains("not checked"), "id"])


def test_confirmed_claims_are_verified_by_a_source():
    confirmed = LEDGER[LEDGER["verdict"] == "confirmed"]
    assert (confirmed["confidence"] == "verified").all()
    assert (confirmed["basis"] == "source").all()
    assert (confirmed["source_id"] != "chapter").all()


def test_verdicts_from_the_chapters_own_text_cite_the_chapter():
    own = LEDGER[LEDGER["basis"] == "chapter"]
    assert not own.empty
    assert (own["source_id"] == "chapter").all() and (own["confidence"] == "chapter-only").all()
    assert set(own["verdict"]) <= {"corrected", "imprecise"}


@pytest.mark.parametrize("claim_id, ref, verdict, date_text", [
    ("claim-a19-20th-congress", "M1", "confirmed", "16 to 22 Oct 2022"),
    ("claim-a18-csl-dsl-framework", "M2", "confirmed", "7 Nov 2016"),
    ("claim-a18-csl-dsl-framework", "M2", "confirmed", "10 Jun 2021"),
    ("claim-m4-privacy-laws-both-actors", "M4", "confirmed", "Arts. 33-37"),
    ("claim-a17-strongly-somewhat", "M5", "unconfirmed", "Not found"),
    ("claim-a28-note-3-date", "F1", "confirmed", "28 Feb 2017"),
])
def test_claims_the_fact_base_now_settles(claim_id, ref, verdict, date_text):
    row = ROWS.loc[claim_id]
    assert (row["fact_base_ref"], row["verdict"]) == (ref, verdict)
    assert date_text in row["sources_say"]


def test_fact_base_refs_name_rows_of_the_fact_base():
    assert LEDGER["fact_base_ref"].map(lambda ref: bool(re.fullmatch(r"[A-N][0-9]+(\.[0-9]+)?", ref))).all()


# --- second readings (verdict_readings.csv) -----------------------------------------------------
SECOND = data.load("verdict_readings")


def test_a_second_reading_follows_the_rule_and_differs_from_the_ledger():
    assert not SECOND.empty
    merged = SECOND.merge(LEDGER[["id", "verdict", "error_kind"]], left_on="claim_id", right_on="id",
                          suffixes=("", "_ledger"), validate="many_to_one")
    assert len(merged) == len(SECOND), "every second reading names a claim of the ledger"
    assert (merged["error_kind"].astype(str).map(KIND_TO_VERDICT) == merged["verdict"].astype(str)).all()
    assert (merged["verdict"].astype(str) != merged["verdict_ledger"].astype(str)).all()
    assert merged["claim_id"].is_unique, "at most one second reading per claim"


def test_no_second_reading_where_the_rule_settles_the_verdict_by_name():
    """Not found, issuing bodies and spelling slips have one verdict; so do unconfirmed second readings."""
    settled = LEDGER.loc[LEDGER["error_kind"].isin(["not-found", "wrong-issuer", "misspelt"]), "id"]
    assert not SECOND["claim_id"].isin(settled).any()
    assert (SECOND["verdict"] != "unconfirmed").all()
    assert (SECOND["reason"].str.len() > 80).all()
