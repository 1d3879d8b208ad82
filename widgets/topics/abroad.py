"""Comparisons abroad (notebook 08): the EU AI Act's ban on social scoring, US credit-reporting time limits,
platform ratings and what German respondents said, from ``comparisons.csv``, ``listing_rules.csv``,
``surveys.csv`` and ``ai_act_cases.csv``.

``retention_limits`` puts China's five-year rule for negative credit data beside the US Fair
Credit Reporting Act's limits (one row per rule; a rule without a time limit has no number and
says so). ``arguments`` lists the AI Act exercise's arguments under letters, without saying which
hold up; ``accepted_arguments`` reads the defensible ones from the data, and ``reason`` gives the
kit's reason for one argument once a student has answered.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from IPython.display import Markdown

from ..checks import check_choice, check_ids, check_table
from ..data import load
from ..sources import CONFIDENCE_TEXT, format_date, format_value, markdown_table

REGIME_LABELS = {"pboc-credit-reporting": "China: credit-reporting regulation (2013)",
                 "us-fcra": "US: Fair Credit Reporting Act"}
NO_LIMIT = "no time limit"
# the cases of the AI Act exercise, in the order the course meets them (05, 04, 03, then abroad)
CASES: tuple[str, ...] = ("court-list", "sesame-credit-perks", "city-points", "ride-hailing-rating")


def retention_limits(ids: Sequence[str]) -> pd.DataFrame:
    """How long negative information may be kept or reported, in years, by regime (``listing_rules.csv``).

    Sorted by regime (China first) and then by years; ``item`` is what the rule covers (the rule's
    text up to "may be" or "are kept"), ``limit`` the text shown ("5 years", "no time limit");
    ``years`` is empty for a rule without a limit.
    """
    table = load("listing_rules").set_index("id")
    ids = check_ids("ids", ids, table.index, noun="rule", hint="see data/listing_rules.csv for the ids")
    rows = table.loc[ids].reset_index()
    unknown = sorted(set(rows["regime"].astype(str)) - set(REGIME_LABELS))
    if unknown:
        raise ValueError(f"ids: regime(s) {', '.join(unknown)} are not compared here; "
                         f"allowed: {', '.join(REGIME_LABELS)}")
    not_years = rows.loc[rows["value"].notna() & (rows["unit"] != "years"), "id"]
    if not not_years.empty:
        raise ValueError(f"ids: {', '.join(not_years)} is not a limit in years")
    years = rows["value"].astype(float)
    frame = pd.DataFrame({
        "id": rows["id"], "regime": rows["regime"].astype(str).map(REGIME_LABELS), "rule": rows["rule"],
        "item": rows["rule"].str.split(r" may be | are kept", n=1, regex=True).str[0],
        "years": years, "limit": np.where(years.isna(), NO_LIMIT,
                                          years.map(lambda y: f"{y:g} years" if pd.notna(y) else "")),
        "source_id": rows["source_id"].astype(str), "confidence": rows["confidence"].astype(str)})
    order = {label: n for n, label in enumerate(REGIME_LABELS.values())}
    return frame.assign(_regime=frame["regime"].map(order), _years=frame["years"].fillna(np.inf)).sort_values(
        ["_regime", "_years", "id"]).drop(columns=["_regime", "_years"]).reset_index(drop=True)


def comparison_markdown(ids: Sequence[str]) -> Markdown:
    """Rows of ``comparisons.csv`` as a Markdown table: when, what, the figure if there is one, source.

    A row without a date or a figure shows a dash there (the fact is undated or is not a number),
    except an unconfirmed row, whose figure cell says that nothing was found.
    """
    table = load("comparisons").set_index("id")
    ids = check_ids("ids", ids, table.index, noun="comparison", hint="see data/comparisons.csv for the ids")
    rows = table.loc[ids].reset_index()
    body = []
    for _, row in rows.iterrows():
        when = format_date(row["date"], row["precision"]) if pd.notna(row["date"]) else "–"
        unconfirmed = str(row["confidence"]) == "unconfirmed"
        figure = (format_value(row["value"], row["unit"]) if pd.notna(row["value"])
                  else "not found" if unconfirmed else "–")
        body.append([when, row["item"], row["statement"], figure, f"[{row['source_id']}]",
                     CONFIDENCE_TEXT[str(row["confidence"])]])
    return Markdown(markdown_table(["When", "What", "In brief", "Figure", "Source", "Confidence"], body))


def survey_figures(ids: Sequence[str]) -> pd.DataFrame:
    """Published survey figures (``surveys.csv``) as a small table: measure, percent, study, source."""
    table = load("surveys").set_index("id")
    ids = check_ids("ids", ids, table.index, noun="survey row", hint="see data/surveys.csv for the ids")
    rows = table.loc[ids].reset_index()
    if (rows["unit"] != "percent").any() or rows["value"].isna().any():
        raise ValueError("ids: only published figures in percent can be shown here")
    return pd.DataFrame({"id": rows["id"], "measure": rows["measure"], "percent": rows["value"].astype(float),
                         "study": rows["study"], "population": rows["population"],
                         "source_id": rows["source_id"].astype(str),
                         "confidence": rows["confidence"].astype(str)}).reset_index(drop=True)


# --- the AI Act exercise ---------------------------------------------------------------------------
def _readings() -> pd.DataFrame:
    return load("ai_act_cases")


def case_labels() -> dict[str, str]:
    """Each case of the exercise and how it is shown to students, in course order."""
    readings = _readings()
    labels = dict(zip(readings["case"].astype(str), readings["case_label"]))
    return {case: labels[case] for case in CASES}


def arguments() -> pd.DataFrame:
    """The exercise's arguments under letters a, b, c ... (ordered by their wording, so the cases mix).

    Columns ``letter``, ``id``, ``case`` and ``argument``; whether an argument holds up is not here.
    """
    readings = _readings().sort_values(["argument", "id"]).reset_index(drop=True)
    letters = [chr(ord("a") + n) for n in range(len(readings))]
    return pd.DataFrame({"letter": letters, "id": readings["id"], "case": readings["case"].astype(str),
                         "argument": readings["argument"]})


def cases_markdown() -> Markdown:
    """The four cases as a Markdown table: the key to use in an answer and the case."""
    return Markdown(markdown_table(["Case (key)", "What it is"], ([f"`{c}`", label]
                                                                  for c, label in case_labels().items())))


def arguments_markdown() -> Markdown:
    """The arguments as a Markdown table (letter and argument), without saying which hold up."""
    frame = arguments()
    return Markdown(markdown_table(["Letter", "Argument"], zip(frame["letter"], frame["argument"])))


def accepted_arguments() -> dict[str, list[str]]:
    """For each case, the letters of the arguments the data mark as defensible for that case."""
    frame = arguments().merge(_readings()[["id", "defensible"]], on="id")
    good = frame[frame["defensible"].astype(bool)]
    return {case: sorted(good.loc[good["case"] == case, "letter"]) for case in CASES}


def reason(letter: str) -> str:
    """The kit's reason for one argument: why it holds up, or why not (read it after answering)."""
    frame = arguments()
    letter = check_choice("letter", letter.strip().lower() if isinstance(letter, str) else letter,
                          list(frame["letter"]))
    row = frame.set_index("letter").loc[letter]
    found = _readings().set_index("id").loc[row["id"]]
    verdict = "holds up" if bool(found["defensible"]) else "does not hold up"
    return f"({letter}) {row['argument']} This argument {verdict} for {case_labels()[row['case']]}: {found['reason']}"


def describe_retention(limits: pd.DataFrame) -> str:
    """One sentence for the time-limits chart, read from the rows."""
    limits = check_table("limits", limits, ("regime", "item", "limit"), what="from abroad.retention_limits")
    parts = [f"{regime.split(':')[0]}, {_lower_first(item)}: {limit}" for regime, item, limit
             in zip(limits["regime"], limits["item"], limits["limit"])]
    return "Bars give the longest period each kind of negative information may be kept or reported: " + "; ".join(
        parts) + "."


def describe_survey(figures: pd.DataFrame) -> str:
    """One sentence for a chart of survey figures, read from the rows."""
    figures = check_table("figures", figures, ("measure", "percent", "study"), what="from abroad.survey_figures")
    studies = ", ".join(dict.fromkeys(figures["study"]))
    return (f"Bars give the share of respondents ({studies}) who said: "
            + "; ".join(f"{_lower_first(m)} {p:g}%" for m, p in zip(figures["measure"], figures["percent"])) + ".")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
