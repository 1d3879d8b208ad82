"""Published survey figures (``data/surveys.csv``), shaped for charts (city-score uptake: ``widgets.uptake``).

Three rules hold everywhere in this module:

- a figure the sources could not confirm is never drawn as a bar or a point: it appears as a
  labelled gap ("unconfirmed: no figure") with its source id, so the chapter's number is not
  silently repeated;
- *percent* (a share of respondents) and *percentage points* (the difference between two
  shares) are kept apart in names, axis titles and labels; a change reported only "in percent"
  is kept on its own axis;
- every value shown is read from the data with its source id; nothing is illustrative.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from . import charts
from .data import UNCONFIRMED, load

PUBLISHED, NO_FIGURE = "published", "no figure recorded"
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
# the kit's short labels for chart rows (wording, not facts); other rows use their 'measure'
SHORT_LABELS: dict[str, str] = {
    "sv-kostka-2018-approve": "Approve or strongly approve",
    "sv-kostka-2018-strongly-approve": "Strongly approve",
    "sv-kostka-2018-somewhat-approve": "Somewhat approve",
    "sv-kostka-2018-disapprove": "Disapprove somewhat or strongly",
    "sv-merics-2020-approval-highest": "Most-approved of four linked policies",
    "sv-merics-2020-approval-lowest": "Least-approved of four linked policies",
    "sv-merics-2020-aggregated-score-before": "Aggregated score, before information",
    "sv-merics-2020-aggregated-score-after": "Aggregated score, after information",
    "sv-liu-2022-urban-respondents": "Support among CCP members vs others",
    "sv-xu-2022-repression-information": "Information on repression",
}
SURVEY_COLUMNS = ("id", "study", "year", "population", "sample_size", "measure", "value", "unit",
                  "source_id", "confidence")
# --- shaping ---------------------------------------------------------------------------
def _check_table(name: str, frame: object, columns: Sequence[str]) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; needed: {', '.join(columns)}")
    if len(frame) > charts.MAX_ROWS:
        raise ValueError(f"{name} has {len(frame):,} rows; at most {charts.MAX_ROWS:,} can be charted")
    return frame


def _surveys(surveys: pd.DataFrame | None) -> pd.DataFrame:
    return _check_table("surveys", load("surveys") if surveys is None else surveys, SURVEY_COLUMNS)


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
    if isinstance(ids, str) or not isinstance(ids, Sequence) or not ids:
        raise TypeError(f"ids must be a non-empty list of ids from surveys.csv; got {type(ids).__name__} {ids!r}")
    table = _surveys(surveys)
    unknown = [i for i in ids if i not in set(table["id"])]
    if unknown:
        raise ValueError(f"ids not found in surveys.csv: {', '.join(map(str, unknown))}")
    frame = table.set_index("id").loc[list(ids)].reset_index()
    frame["status"] = status(frame)
    frame["value"] = frame["value"].astype("float64").where(frame["status"] == PUBLISHED)
    frame["confidence"] = frame["confidence"].astype(str)
    frame["label"] = frame["id"].map(SHORT_LABELS).fillna(frame["measure"]).astype("string")
    numbers = frame["value"].map("{:g}".format, na_action="ignore")
    percent = frame["unit"].astype(str).eq("percent")
    text = numbers.where(~percent, numbers + "%")
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
    table = _surveys(surveys)
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
    table = _surveys(surveys)
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


# --- charts ----------------------------------------------------------------------------
def _tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("study:N", title="Study"), alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("value_text:N", title="Figure"), alt.Tooltip("population:N", title="Who was asked"),
            alt.Tooltip("source_id:N", title="Source"), alt.Tooltip("confidence:N", title="Confidence")]


def _chart_frame(frame: pd.DataFrame) -> pd.DataFrame:
    columns = ["id", "label", "study", "measure", "population", "value", "value_text", "status",
               "source_id", "confidence"]
    out = frame[columns].copy()
    for column in columns:
        if column != "value":
            out[column] = out[column].astype(str)
    return out


def approval_2018_chart(surveys: pd.DataFrame | None = None, *,
                        title: str = "The 2018 survey: what is confirmed and what is not",
                        description: str | None = None) -> alt.LayerChart:
    """The confirmed approval share as a bar; each unconfirmed split as a labelled gap (never a bar)."""
    frame = _chart_frame(kostka_2018(surveys))
    shown = frame[frame["status"] == PUBLISHED]
    gaps = frame[frame["status"] != PUBLISHED]
    order = list(frame["label"])
    if description is None:
        confirmed = "; ".join(f"{label}: {text} [{src}]" for label, text, src
                              in zip(shown["label"], shown["value_text"], shown["source_id"]))
        description = (f"One bar for the confirmed figure ({confirmed or 'none'}); "
                       f"{len(gaps)} rows are labelled unconfirmed and drawn with no bar and no number: "
                       + ", ".join(gaps["label"]) + ".")
    y = alt.Y("label:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=260))
    x = alt.X("value:Q", title="Share of respondents (%)", scale=alt.Scale(domain=[0, 100]))
    bars = alt.Chart(shown).mark_bar(color=charts.PALETTE[0], height=22).encode(x=x, y=y, tooltip=_tooltip())
    values = alt.Chart(shown).mark_text(align="left", dx=4, fontSize=12).encode(
        x=x, y=y, text="value_text:N", tooltip=_tooltip())
    notes = alt.Chart(gaps.assign(zero=0.0)).mark_text(align="left", dx=4, fontSize=12, fontStyle="italic",
                                                       color="#666").encode(
        x=alt.X("zero:Q", scale=alt.Scale(domain=[0, 100])), y=y, text="value_text:N", tooltip=_tooltip())
    return alt.layer(bars, values, notes, title=title, description=description).properties(
        width=charts.WIDTH, height=40 * len(order))


def support_levels_chart(surveys: pd.DataFrame | None = None, *,
                         title: str = "Support depends on who is asked and what they are asked",
                         description: str | None = None) -> alt.LayerChart:
    """Approval or support levels across studies in percent of respondents; rows without a figure labelled."""
    frame = _chart_frame(support_levels(surveys))
    shown = frame[frame["status"] == PUBLISHED]
    gaps = frame[frame["status"] != PUBLISHED]
    order = list(frame["label"])
    studies = list(dict.fromkeys(frame["study"]))
    if description is None:
        description = ("Bars give each published level in percent of respondents: "
                       + "; ".join(f"{lab} {txt} ({study})" for lab, txt, study
                                   in zip(shown["label"], shown["value_text"], shown["study"]))
                       + (f"; no figure for: {', '.join(gaps['label'])}" if len(gaps) else "") + ".")
    y = alt.Y("label:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=260))
    x = alt.X("value:Q", title="Share of respondents approving or supporting (%)", scale=alt.Scale(domain=[0, 100]))
    colour = alt.Color("study:N", title="Study", sort=studies,
                       scale=alt.Scale(domain=studies, range=charts.PALETTE[:len(studies)]),
                       legend=alt.Legend(orient="bottom", columns=1, labelLimit=420))
    bars = alt.Chart(shown).mark_bar(height=20).encode(x=x, y=y, color=colour, tooltip=_tooltip())
    values = alt.Chart(shown).mark_text(align="left", dx=4, fontSize=12).encode(
        x=x, y=y, text="value_text:N", tooltip=_tooltip())
    notes = alt.Chart(gaps.assign(zero=0.0)).mark_text(align="left", dx=4, fontSize=12, fontStyle="italic",
                                                       color="#666").encode(
        x=alt.X("zero:Q", scale=alt.Scale(domain=[0, 100])), y=y, text="value_text:N", tooltip=_tooltip())
    return alt.layer(bars, values, notes, title=title, description=description).properties(
        width=charts.WIDTH, height=34 * len(order))


def framing_chart(surveys: pd.DataFrame | None = None, *,
                  title: str = "Information moves support: two studies, two different measures",
                  description: str | None = None) -> alt.HConcatChart:
    """Left: MERICS support before and after information (percent; change in percentage points).
    Right: the fall Xu, Kostka & Cao report "in percent", on its own axis (no levels are recorded)."""
    table = _surveys(surveys)
    levels = survey_rows([MERICS_BEFORE, MERICS_AFTER], table)
    reported = survey_rows([XU_REPRESSION], table)
    change = percentage_point_change(MERICS_BEFORE, MERICS_AFTER, table)
    relative = relative_change_percent(MERICS_BEFORE, MERICS_AFTER, table)
    stage = pd.DataFrame({"stage": ["before information", "after information"]})
    left_data = pd.concat([_chart_frame(levels).reset_index(drop=True), stage], axis=1)
    if description is None:
        description = (f"Left: support for an aggregated score went from {levels['value_text'].iloc[0]} to "
                       f"{levels['value_text'].iloc[1]} of students, a change of {change:+g} percentage points "
                       f"({relative:+.0f}% of the first level) [{levels['source_id'].iloc[0]}]. Right: information about "
                       f"repression lowered support by {reported['value_text'].iloc[0]}, as reported "
                       f"[{reported['source_id'].iloc[0]}]; the two are different measures and are not drawn on one axis.")
    y = alt.Y("value:Q", title="Support (% of respondents)", scale=alt.Scale(domain=[0, 100]))
    x = alt.X("stage:N", title="Stage of the survey", sort=list(stage["stage"]), axis=alt.Axis(labelAngle=0))
    base = alt.Chart(left_data)
    line = base.mark_line(color=charts.PALETTE[0], strokeWidth=2).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=90, color=charts.PALETTE[0]).encode(x=x, y=y, tooltip=_tooltip())
    labels = base.mark_text(dx=18, fontSize=12).encode(x=x, y=y, text="value_text:N")
    change_note = alt.Chart(pd.DataFrame({"text": [f"change: {change:+g} percentage points"]})).mark_text(
        fontSize=12, fontStyle="italic", color="#444").encode(text="text:N", x=alt.value(130), y=alt.value(12))
    left = alt.layer(line, dots, labels, change_note,
                     title=alt.Title(str(levels["study"].iloc[0]),
                                     subtitle=[str(levels["population"].iloc[0]), "two levels of support"])
                     ).properties(width=260, height=240)
    right_data = _chart_frame(reported)
    rx = alt.X("label:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=200))
    ry = alt.Y("value:Q", title="Reported fall in support (%)",
               scale=alt.Scale(domain=[0, 100]))
    right = alt.layer(
        alt.Chart(right_data).mark_bar(color=charts.PALETTE[3], width=60).encode(x=rx, y=ry, tooltip=_tooltip()),
        alt.Chart(right_data).mark_text(dy=-8, fontSize=12).encode(x=rx, y=ry, text="value_text:N"),
        title=alt.Title(str(reported["study"].iloc[0]),
                        subtitle=[str(reported["population"].iloc[0]), "a fall as reported, not a level"]),
    ).properties(width=200, height=240)
    return alt.hconcat(left, right, title=alt.Title(title, offset=12), description=description,
                       spacing=40).resolve_scale(y="independent")
