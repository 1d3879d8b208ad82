"""Scholarly readings of the system and the evidence-sorting exercise (notebook 06).

``data/readings.csv`` holds the works that read the system as an instrument of control, as a
fragmented and mostly mundane patchwork, or as both; ``data/evidence_sorting.csv`` holds the
pieces of evidence students sort, with every placement the kit accepts and its reason. What
would count against a reading, and why a piece of evidence supports a reading, are the kit's
reasoning, and the tables made here say so in their headers.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from IPython.display import Markdown

from ..checks import check_choice
from ..data import load
from ..sources import CONFIDENCE_TEXT, markdown_table

# the placements of the sorting exercise, as data/evidence_sorting.csv spells them
CATEGORIES: tuple[str, ...] = ("control", "fragmented-mundane", "both", "neither")
READING_LABELS: dict[str, str] = {
    "control": "an instrument of control", "fragmented-mundane": "a fragmented, mostly mundane patchwork",
    "both": "both", "neither": "neither",
}
# the sorting exercise's cases, in the order students see them (letters a, b, c, ...)
SORTING_IDS: tuple[str, ...] = (
    "ev-dangan", "ev-uptake", "ev-court-list-restrictions", "ev-nosedive", "ev-guobanfa-49",
    "ev-covid-lists", "ev-2025-natural-persons", "ev-approval-survey", "ev-liang-financial",
    "ev-yangzhou-petitioners",
)
NOT_RECORDED = "not recorded in the kit's sources"
AGAINST_HEADER = "What would count against it (the kit's reasoning)"


def readings(reading: str | None = None) -> pd.DataFrame:
    """Rows of ``readings.csv`` (one reading, or all), sorted by reading (control, both, fragmented), year, id.

    Adds ``year_text`` ("several years" for a body of work) and ``evidence_text`` (the evidence
    the work uses, or a note that the kit's sources do not record it).
    """
    table = load("readings").copy()
    if reading is not None:
        check_choice("reading", reading, tuple(table["reading"].astype(str).unique()))
        table = table[table["reading"] == reading]
    order = {"control": 0, "both": 1, "fragmented-mundane": 2}
    table["order"] = table["reading"].astype(str).map(order)
    table["year_text"] = [str(int(y)) if pd.notna(y) else "several years" for y in table["year"]]
    table["evidence_text"] = [str(e) if pd.notna(e) else NOT_RECORDED for e in table["evidence_used"]]
    table = table.sort_values(["order", "year", "id"], kind="stable", na_position="last")
    return table.drop(columns="order").reset_index(drop=True)


def readings_markdown(reading: str) -> Markdown:
    """The works of one reading as a Markdown table: who, the claim, the evidence, what would count against it."""
    frame = readings(reading)
    header = ["Work", "Main claim (the kit's summary)", "Evidence it uses", AGAINST_HEADER, "Source"]
    body = ([f"{r.authors} ({r.year_text}), *{r.work}*, {r.venue}"
             + ("; peer-reviewed" if r.peer_reviewed == "yes" else ""),
             r.main_claim, r.evidence_text, r.would_count_against,
             f"[{r.source_id}], {CONFIDENCE_TEXT[str(r.confidence)]}"] for r in frame.itertuples(index=False))
    return Markdown(markdown_table(header, body))


# --- the sorting exercise -----------------------------------------------------------------------
def sorting_cases() -> pd.DataFrame:
    """The cases students sort: letter, id, evidence, source_id, confidence (no placements)."""
    table = load("evidence_sorting").set_index("id")
    missing = [i for i in SORTING_IDS if i not in table.index]
    if missing:
        raise ValueError(f"data/evidence_sorting.csv lacks the sorting case(s) {', '.join(missing)}")
    frame = table.loc[list(SORTING_IDS)].reset_index()
    frame.insert(0, "letter", [chr(ord("a") + i) for i in range(len(frame))])
    return frame


def sorting_cases_markdown() -> Markdown:
    """The cases as a Markdown table, each with the source of the facts it rests on."""
    frame = sorting_cases()
    body = ([r.letter, r.evidence, f"[{r.source_id}], {CONFIDENCE_TEXT[str(r.confidence)]}"]
            for r in frame.itertuples(index=False))
    return Markdown(markdown_table(["Case", "Evidence", "Source"], body))


def sorting_accepted() -> dict[str, tuple[str, ...]]:
    """Every placement the kit accepts for each case letter: the reading it most supports, then the
    other defensible one (both from ``data/evidence_sorting.csv``)."""
    frame = sorting_cases()
    return {r.letter: tuple([str(r.supports)] + ([str(r.also_defensible)] if pd.notna(r.also_defensible) else []))
            for r in frame.itertuples(index=False)}


def sorting_reasons(answers: object = None) -> Markdown:
    """The kit's placement of every case with its reason; with ``answers`` (a dict letter -> placement),
    also the student's placement and whether the kit accepts it."""
    frame = sorting_cases()
    given = _check_answers(answers) if answers is not None else None
    header = ["Case", "Evidence", "The kit's placement", "Also defensible", "Why (the kit's reasoning)"]
    if given is not None:
        header[1:1] = ["Yours", "Accepted?"]
    accepted = sorting_accepted()
    rows = []
    for r in frame.itertuples(index=False):
        row = [r.letter, r.evidence, str(r.supports), str(r.also_defensible) if pd.notna(r.also_defensible) else "–",
               r.reason]
        if given is not None:
            mine = given.get(r.letter, "")
            row[1:1] = [mine or "–", "yes" if mine in accepted[r.letter] else "no"]
        rows.append(row)
    return Markdown(markdown_table(header, rows))


def _check_answers(answers: object) -> dict[str, str]:
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a dict from case letter to one of {', '.join(CATEGORIES)}; "
                        f"got {type(answers).__name__}")
    letters = list(sorting_cases()["letter"])
    clean = {str(k).strip().lower(): " ".join(str(v).lower().split()) for k, v in answers.items()}
    unknown = sorted(set(clean) - set(letters))
    if unknown:
        raise ValueError(f"answers has unknown case letter(s) {', '.join(unknown)}; the cases are "
                         f"{', '.join(letters)}")
    wrong = sorted(k for k, v in clean.items() if v not in CATEGORIES)
    if wrong:
        raise ValueError(f"answers must place each case as one of {', '.join(CATEGORIES)}; "
                         f"check case(s) {', '.join(wrong)}")
    return clean
