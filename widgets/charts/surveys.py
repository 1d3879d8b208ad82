"""Survey charts (notebook 07): the 2018 survey, support across studies, two framing effects, and how
much people over-report regime support when asked directly.

A figure the sources could not confirm is never drawn as a bar or a point: it appears as a
labelled gap with its source id. Percent and percentage points are kept apart.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..topics.surveys import (
    MERICS_AFTER, MERICS_BEFORE, PUBLISHED, XU_REPRESSION, kostka_2018, over_reporting, percentage_point_change,
    relative_change_percent, support_levels, survey_rows, surveys_table,
)
from .theme import PALETTE, WIDTH


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
    bars = alt.Chart(shown).mark_bar(color=PALETTE[0], height=22).encode(x=x, y=y, tooltip=_tooltip())
    values = alt.Chart(shown).mark_text(align="left", dx=4, fontSize=12).encode(
        x=x, y=y, text="value_text:N", tooltip=_tooltip())
    notes = alt.Chart(gaps.assign(zero=0.0)).mark_text(align="left", dx=4, fontSize=12, fontStyle="italic",
                                                       color="#666").encode(
        x=alt.X("zero:Q", scale=alt.Scale(domain=[0, 100])), y=y, text="value_text:N", tooltip=_tooltip())
    return alt.layer(bars, values, notes, title=title, description=description).properties(
        width=WIDTH, height=40 * len(order))


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
                       scale=alt.Scale(domain=studies, range=PALETTE[:len(studies)]),
                       legend=alt.Legend(orient="bottom", columns=1, labelLimit=420))
    bars = alt.Chart(shown).mark_bar(height=20).encode(x=x, y=y, color=colour, tooltip=_tooltip())
    values = alt.Chart(shown).mark_text(align="left", dx=4, fontSize=12).encode(
        x=x, y=y, text="value_text:N", tooltip=_tooltip())
    notes = alt.Chart(gaps.assign(zero=0.0)).mark_text(align="left", dx=4, fontSize=12, fontStyle="italic",
                                                       color="#666").encode(
        x=alt.X("zero:Q", scale=alt.Scale(domain=[0, 100])), y=y, text="value_text:N", tooltip=_tooltip())
    return alt.layer(bars, values, notes, title=title, description=description).properties(
        width=WIDTH, height=34 * len(order))


def framing_chart(surveys: pd.DataFrame | None = None, *,
                  title: str = "Information moves support: two studies, two different measures",
                  description: str | None = None) -> alt.HConcatChart:
    """Left: MERICS support before and after information (percent; change in percentage points).
    Right: the fall Xu, Kostka & Cao report "in percent", on its own axis (no levels are recorded)."""
    table = surveys_table(surveys)
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
    line = base.mark_line(color=PALETTE[0], strokeWidth=2).encode(x=x, y=y)
    dots = base.mark_point(filled=True, size=90, color=PALETTE[0]).encode(x=x, y=y, tooltip=_tooltip())
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
        alt.Chart(right_data).mark_bar(color=PALETTE[3], width=60).encode(x=rx, y=ry, tooltip=_tooltip()),
        alt.Chart(right_data).mark_text(dy=-8, fontSize=12).encode(x=rx, y=ry, text="value_text:N"),
        title=alt.Title(str(reported["study"].iloc[0]),
                        subtitle=[str(reported["population"].iloc[0]), "a fall as reported, not a level"]),
    ).properties(width=200, height=240)
    return alt.hconcat(left, right, title=alt.Title(title, offset=12), description=description,
                       spacing=40).resolve_scale(y="independent")


def over_reporting_chart(table: pd.DataFrame | None = None, *,
                         title: str = "Asked directly, people state more support for the regime",
                         description: str | None = None) -> alt.LayerChart:
    """The gap between stated and estimated regime support in three studies, in percentage points:
    a dot for a single figure, a bar from low to high for a range (never a midpoint)."""
    frame = over_reporting(table)
    order = list(frame["study"])
    if description is None:
        description = ("Gap between the regime support people state when asked directly and the support "
                       "estimated otherwise, in percentage points: "
                       + "; ".join(f"{s} ({m}, {p}): {t} [{src}]" for s, m, p, t, src in
                                   zip(frame["study"], frame["method"], frame["population"], frame["value_text"],
                                       frame["source_id"]))
                       + ". These concern the regime, not the social credit system.")
    y = alt.Y("study:N", title=None, sort=order, axis=alt.Axis(labelLimit=420))
    x_scale = alt.Scale(domain=[0, 40])
    tooltip = [alt.Tooltip("study:N", title="Study"), alt.Tooltip("method:N", title="Method"),
               alt.Tooltip("population:N", title="Who was asked"), alt.Tooltip("value_text:N", title="Gap"),
               alt.Tooltip("groups:N", title="Where highest"), alt.Tooltip("source_id:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence")]
    base = alt.Chart(frame)
    bar = base.mark_bar(color=PALETTE[3], height=14).encode(
        x=alt.X("low:Q", title="Over-reporting: stated minus estimated support (percentage points)",
                scale=x_scale), x2="high:Q", y=y, tooltip=tooltip)
    ends = base.mark_point(filled=True, size=80, opacity=1, color=PALETTE[3]).encode(
        x=alt.X("low:Q", scale=x_scale), y=y, tooltip=tooltip)
    label = base.mark_text(align="left", dx=8, fontSize=12).encode(
        x=alt.X("high:Q", scale=x_scale), y=y, text="value_text:N")
    return alt.layer(bar, ends, label, title=alt.Title(title, subtitle=[
        "Regime support in China, three studies (different samples and methods); not the social credit system"]),
        description=description).properties(width=WIDTH, height=42 * len(order))
