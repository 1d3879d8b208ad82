"""Comparisons abroad (notebook 08): time limits on negative credit data, China and the US; German views."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..topics.abroad import NO_LIMIT, REGIME_LABELS
from .theme import MAX_ROWS, PALETTE, WIDTH

REGIME_COLOURS = dict(zip(REGIME_LABELS.values(), (PALETTE[3], PALETTE[0])))


def retention_chart(limits: pd.DataFrame, *, title: str, description: str) -> alt.LayerChart:
    """Bars: how many years each kind of negative information may be kept or reported, by regime.

    ``limits`` comes from ``widgets.topics.abroad.retention_limits``. A rule without a time limit
    gets no bar: its row says "no time limit" in italics, so it is not drawn as zero or as infinity.
    """
    frame = check_table("limits", limits, ("id", "regime", "rule", "item", "years", "limit", "source_id",
                                                 "confidence"),
                        max_rows=MAX_ROWS, what="from widgets.topics.abroad.retention_limits")
    frame = frame.assign(label=lambda d: d["regime"].str.split(":").str[0] + ": " + d["item"])
    order = list(frame["label"])
    regimes = [r for r in REGIME_LABELS.values() if r in set(frame["regime"])]
    top = max(10.0, float(frame["years"].max(skipna=True) or 0) + 2)
    x = alt.X("years:Q", title="Longest period negative information may be kept or reported (years)",
              scale=alt.Scale(domain=[0, top]))
    y = alt.Y("label:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=330))
    tooltip = [alt.Tooltip("regime:N", title="Regime"), alt.Tooltip("rule:N", title="Rule"),
               alt.Tooltip("limit:N", title="Limit"), alt.Tooltip("source_id:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence")]
    shown, gaps = frame[frame["years"].notna()], frame[frame["years"].isna()]
    bars = alt.Chart(shown).mark_bar(height=16).encode(
        x=x, y=y, tooltip=tooltip, color=alt.Color("regime:N", title="Regime", sort=regimes,
                                                   scale=alt.Scale(domain=regimes,
                                                                   range=[REGIME_COLOURS[r] for r in regimes]),
                                                   legend=alt.Legend(columns=1, labelLimit=400)))
    values = alt.Chart(shown).mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="limit:N",
                                                                                 tooltip=tooltip)
    notes = alt.Chart(gaps.assign(zero=0.0)).mark_text(align="left", dx=4, fontSize=12, fontStyle="italic",
                                                       color="#444").encode(
        x=alt.X("zero:Q", scale=alt.Scale(domain=[0, top])), y=y, text=alt.value(NO_LIMIT), tooltip=tooltip)
    return alt.layer(bars, values, notes, title=title, description=description).properties(
        width=WIDTH - 120, height=30 * len(order))


def survey_chart(figures: pd.DataFrame, *, title: str, description: str) -> alt.LayerChart:
    """Bars: published survey figures in percent of respondents (``widgets.topics.abroad.survey_figures``)."""
    frame = check_table("figures", figures, ("id", "measure", "percent", "study", "source_id", "confidence"),
                        max_rows=MAX_ROWS, what="from widgets.topics.abroad.survey_figures")
    frame = frame.assign(text=lambda d: d["percent"].map(lambda v: f"{v:g}%"))
    order = list(frame["measure"])
    x = alt.X("percent:Q", title="Share of respondents (%)", scale=alt.Scale(domain=[0, 100]))
    y = alt.Y("measure:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=330))
    tooltip = [alt.Tooltip("measure:N", title="Question"), alt.Tooltip("text:N", title="Share"),
               alt.Tooltip("study:N", title="Study"), alt.Tooltip("source_id:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence")]
    bars = alt.Chart(frame).mark_bar(color=PALETTE[0], height=20).encode(x=x, y=y, tooltip=tooltip)
    values = alt.Chart(frame).mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="text:N",
                                                                                tooltip=tooltip)
    return alt.layer(bars, values, title=title, description=description).properties(
        width=WIDTH - 120, height=36 * len(order))
