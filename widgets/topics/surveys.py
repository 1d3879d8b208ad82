"""Published survey figures (notebook 07): ``data/surveys.csv`` shaped for tables and charts.

Three rules hold everywhere in this module:

- a figure the sources could not confirm is never drawn as a bar or a point: it appears as a
  labelled gap ("unconfirmed: no figure") with its source id, so the chapter's number is not
  silently repeated;
- *percent* (a share of respondents) and *percentage points* (the difference between two
  shares) are kept apart in names, axis titles and labels; a change reported only "in percent"
  is kept on its own axis;
- every value shown is read from the data with its source id; nothing is illustrative.

The charts are ``widgets.charts.surveys``; city-score uptake is ``widgets.topics.city_uptake``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..checks import check_ids, check_table
from ..data import UNCONFIRMED, load

PUBLISHED, NO_FIGURE = "published", "no figure recorded"
QUALIFIERS = ("about", "more than", "at least", "less than")  # shown before a number; 'exact' is not
STATUS_TEXT = {PUBLISHED: "published figure", UNCONFIRMED: "unconfirmed: no figure in the sources",
               NO_FIGURE: "no figure recorded in the kit's data"}

# Kostka's 2018 survey: the confirmed approval share and the three splits the chapter gives
KOSTKA_2018_IDS: tuple[str, ...] = (
    "sv-kostka-2018-approve", "sv-kostka-2018-strongly-approve",
    "sv-kostka-2018-somewhat-approve", "sv-kostka-2018-disapprove",
)
# levels of support or approval across studies (different people, different questions)
LEVEL_IDS: tuple[str, ...] = (
    "sv-kostka-2018-approve", "sv-merics-2020-approval-highest", "sv-merics-2020-approval-lowest",
    "sv-merics-2020-aggregated-score-before", "sv-merics-2020-aggregated-score-after",
    "sv-liu-2022-urban-respondents",
)
MERICS_BEFORE, MERICS_AFTER = "sv-merics-2020-aggregated-score-before", "sv-merics-2020-aggregated-score-after"
XU_REPRESSION = "sv-xu-2022-repression-information"
# the kit's short labels for chart rows (wording, not facts); other rows use their 'measure'. The
# survey's response scale was not found (fact base M5), so the splits are labelled as the chapter's.
SHORT_LABELS: dict[str, str] = {
    "sv-kostka-2018-approve": "Approve (the article's figure)",
    "sv-kostka-2018-strongly-approve": "The chapter's split: 'strongly' approve",
    "sv-kostka-2018-somewhat-approve": "The chapter's split: 'somewhat' approve",
    "sv-kostka-2018-disapprove": "The chapter's disapproval figure",
    "sv-merics-2020-approval-highest": "Approval: upper end of the reported range",
    "sv-merics-2020-approval-lowest": "Approval: lower end of the reported range",
    "sv-merics-2020-aggregated-score-before": "Aggregated score, before information",
    "sv-merics-2020-aggregated-score-after": "Aggregated score, after information",
    "sv-liu-2022-urban-respondents": "Support among CCP members vs others",
    "sv-xu-2022-repression-information": "Information on repression",
}
SURVEY_COLUMNS = ("id", "study", "year", "population", "sample_size", "measure", "value", "unit",
                  "source_id", "confidence")
# over-reporting of regime support in China: gaps between stated and estimated support (survey_method.csv)
OVER_REPORTING_IDS: tuple[str, ...] = ("sm-tang-2016-gap", "sm-li-shi-zhu-2018-gap", "sm-robinson-tannenberg-2019")
METHOD_COLUMNS = ("id", "study", "year", "method", "population", "finding", "value_low", "value_high", "unit",
                  "qualifier", "groups", "source_id", "confidence")


# --- shaping ---------------------------------------------------------------------------
def surveys_table(surveys: pd.DataFrame | None = None) -> pd.DataFrame:
    """The surveys table (loaded from data/ unless a copy is given), checked for the columns used here."""
    return check_table("surveys", load("surveys") if surveys is None else surveys, SURVEY_COLUMNS)


def status(frame: pd.DataFrame) -> pd.Series:
    """Per row: 'published' (a number), 'unconfirmed' (not found: never drawn) or 'no figure recorded'."""
    unconfirmed = frame["confidence"].astype(str).eq(UNCONFIRMED).to_numpy()
    has_value = frame["value"].notna().to_numpy()
    return pd.Series(np.select([unconfirmed, has_value], [UNCONFIRMED, PUBLISHED], default=NO_FIGURE),
                     index=frame.index, name="status", dtype="string")


def survey_rows(ids: Sequence[str], surveys: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of surveys.csv with the given ids, in that order, with ``label``, ``status`` and ``value_text``.

    An unconfirmed row keeps an empty value, even if a caller's table wrongly carries one.
    """
    table = surveys_table(surveys)
    ids = check_ids("ids", ids, table["id"], noun="survey", hint="see data/surveys.csv for the ids")
    frame = table.set_index("id").loc[list(ids)].reset_index()
    frame["status"] = status(frame)
    frame["value"] = frame["value"].astype("float64").where(frame["status"] == PUBLISHED)
    frame["confidence"] = frame["confidence"].astype(str)
    frame["label"] = frame["id"].map(SHORT_LABELS).fillna(frame["measure"]).astype("string")
    numbers = frame["value"].map("{:g}".format, na_action="ignore")
    percent = frame["unit"].astype(str).eq("percent")
    text = numbers.where(~percent, numbers + "%")
    if "qualifier" in frame:  # 'about 80%': the qualifier belongs to the figure
        qualifier = frame["qualifier"].astype(object).where(frame["qualifier"].isin(QUALIFIERS), None)
        text = pd.Series([f"{q} {t}" if isinstance(q, str) and isinstance(t, str) else t
                          for q, t in zip(qualifier, text)], index=frame.index, dtype=object)
    frame["value_text"] = text.where(frame["status"] == PUBLISHED,
                                     frame["status"].map(STATUS_TEXT)).astype("string")
    return frame


def kostka_2018(surveys: pd.DataFrame | None = None) -> pd.DataFrame:
    """Kostka's 2018 survey: the confirmed ~80% approval and the unconfirmed splits, in chart order."""
    return survey_rows(KOSTKA_2018_IDS, surveys)


def support_levels(surveys: pd.DataFrame | None = None) -> pd.DataFrame:
    """Levels of approval or support across the studies (percent of respondents), in chart order."""
    return survey_rows(LEVEL_IDS, surveys)


def _percent_pair(before_id: str, after_id: str, surveys: pd.DataFrame | None) -> tuple[float, float]:
    for name, value in (("before_id", before_id), ("after_id", after_id)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be an id from surveys.csv (a string); got {type(value).__name__}")
    table = surveys_table(surveys)
    for name, value in (("before_id", before_id), ("after_id", after_id)):
        if value not in set(table["id"]):
            raise ValueError(f"{name} must be an id in surveys.csv; got {value!r}")
    pair = survey_rows([before_id, after_id], table)
    for name, (_, row) in zip(("before_id", "after_id"), pair.iterrows()):
        if row["status"] != PUBLISHED:
            raise ValueError(f"{name} {row['id']!r} has no figure ({row['value_text']}); choose a published row")
        if str(row["unit"]) != "percent":
            raise ValueError(f"{name} {row['id']!r} must be a share in percent; its unit is {row['unit']}")
    if pair["study"].iloc[0] != pair["study"].iloc[1] or pair["population"].iloc[0] != pair["population"].iloc[1]:
        raise ValueError("before_id and after_id must come from the same study and population; got "
                         f"{pair['study'].iloc[0]!r} and {pair['study'].iloc[1]!r}")
    return float(pair["value"].iloc[0]), float(pair["value"].iloc[1])


def percentage_point_change(before_id: str = MERICS_BEFORE, after_id: str = MERICS_AFTER,
                            surveys: pd.DataFrame | None = None) -> float:
    """after − before, in percentage points (negative: support fell). Both rows: same study, in percent."""
    before, after = _percent_pair(before_id, after_id, surveys)
    return round(after - before, 6)


def relative_change_percent(before_id: str = MERICS_BEFORE, after_id: str = MERICS_AFTER,
                            surveys: pd.DataFrame | None = None) -> float:
    """(after − before) / before × 100: the change as a percent of the earlier level."""
    before, after = _percent_pair(before_id, after_id, surveys)
    if before == 0:
        raise ValueError(f"before_id {before_id!r} is 0%, so a relative change is undefined")
    return (after - before) / before * 100.0


def framing_effects(surveys: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two published information effects, kept in their own units.

    MERICS: support for an aggregated score before and after information (two levels, so the
    change is computed in percentage points and relative percent). Xu, Kostka & Cao: a fall
    reported only "in percent" (no levels in the data), left as reported.
    """
    table = surveys_table(surveys)
    levels = survey_rows([MERICS_BEFORE, MERICS_AFTER], table)
    reported = survey_rows([XU_REPRESSION], table).iloc[0]
    change_pp = percentage_point_change(MERICS_BEFORE, MERICS_AFTER, table)
    return pd.DataFrame({
        "study": [levels["study"].iloc[0], reported["study"]],
        "population": [levels["population"].iloc[0], reported["population"]],
        "information": ["pros and cons of an aggregated score", "the system's repressive potential"],
        "before_percent": [levels["value"].iloc[0], np.nan],
        "after_percent": [levels["value"].iloc[1], np.nan],
        "change_percentage_points": [change_pp, np.nan],
        "relative_change_percent": [relative_change_percent(MERICS_BEFORE, MERICS_AFTER, table), np.nan],
        "reported_fall_percent": [np.nan, reported["value"]],
        "source_id": [levels["source_id"].iloc[0], reported["source_id"]],
    })


def over_reporting(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much more regime support people in China state when asked directly than other measures
    suggest (``survey_method.csv``), in percentage points: one row per study, with low, high and
    value_text ('4 points', '24.5-26.5 points'); in ``OVER_REPORTING_IDS`` order.

    These gaps concern support for the regime, not for the social credit system: no list experiment
    on the social credit system was found (``sm-scs-list-experiment``).
    """
    frame = check_table("survey_method", load("survey_method") if table is None else table, METHOD_COLUMNS)
    ids = check_ids("ids", list(OVER_REPORTING_IDS), frame["id"], noun="survey_method")
    rows = frame.set_index("id").loc[ids].reset_index()
    if rows["confidence"].astype(str).eq(UNCONFIRMED).any() or rows["value_low"].isna().any():
        raise ValueError("survey_method: the over-reporting rows must be confirmed figures with a value")
    if not rows["unit"].astype(str).eq("percentage points").all():
        raise ValueError("survey_method: the over-reporting rows must be gaps in percentage points")
    low = rows["value_low"].astype(float)
    high = rows["value_high"].astype(float).fillna(low)
    text = [f"{lo:g} points" if lo == hi else f"{lo:g}\u2013{hi:g} points" for lo, hi in zip(low, high)]
    method = rows["method"].astype(str).replace({"not recorded": "method not recorded"})
    return pd.DataFrame({
        "id": rows["id"].astype(str), "study": rows["study"].astype(str), "method": method,
        "population": rows["population"].astype(str), "low": low, "high": high, "value_text": text,
        "groups": rows["groups"].astype("string").fillna("").astype(str),
        "source_id": rows["source_id"].astype(str), "confidence": rows["confidence"].astype(str),
    })
