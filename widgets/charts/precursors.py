"""The precursors chart (notebook 06): older tools of moral education on one time axis, with the 2014 Planning Outline."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..topics.precursors import INSTITUTIONS, POINT_COLUMNS, describe_precursors, lane_labels, planning_outline
from .theme import PALETTE, WIDTH, check_rows

FIRST_YEAR, LAST_YEAR = 1948, 2026  # the axis: the dossier's 1950s to the latest fact, with a margin


def precursors_chart(points: pd.DataFrame, *, facts: pd.DataFrame | None = None,
                     title: str = "Older tools of moral education, and when the Planning Outline came",
                     description: str | None = None) -> alt.LayerChart:
    """One lane per institution, a dot per year with a recorded fact, a bar across a decade, a dashed
    line at the 2014 Planning Outline.

    ``points`` comes from ``precursor_points``; ``facts`` (from ``dated_precursors``) only feeds
    the description when none is given. Tooltips: institution, year, what is recorded, source ids
    and confidence.
    """
    frame = check_rows("points", points)
    missing = [c for c in POINT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"points is missing column(s) {', '.join(missing)}; build it with precursor_points()")
    if description is None:
        if facts is None:
            raise ValueError("give the chart a description, or the facts (dated_precursors()) to describe")
        description = describe_precursors(facts)
    labels = [lane_labels()[p] for p in INSTITUTIONS]
    outline = planning_outline()
    outline_year = int(outline["date"].year)
    x_scale = alt.Scale(domain=[FIRST_YEAR, LAST_YEAR], nice=False)
    y = alt.Y("lane:N", title=None, sort=labels, scale=alt.Scale(domain=labels), axis=alt.Axis(labelLimit=240))
    colour = alt.Color("lane:N", sort=labels, scale=alt.Scale(domain=labels, range=PALETTE[:len(labels)]),
                       legend=None)
    tooltip = [alt.Tooltip("lane:N", title="Institution"), alt.Tooltip("year_text:N", title="Year"),
               alt.Tooltip("facts:N", title="Recorded"), alt.Tooltip("source_ids:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence")]
    base = alt.Chart(frame)
    spans = base.mark_rule(strokeWidth=6, opacity=0.5).encode(
        x=alt.X("year:Q", scale=x_scale), x2="year_end:Q", y=y, color=colour, tooltip=tooltip,
    ).transform_filter(alt.datum.year_end > alt.datum.year)
    dots = base.mark_circle(size=110, opacity=0.9).encode(
        x=alt.X("year:Q", title="Year the recorded fact refers to", scale=x_scale,
                axis=alt.Axis(format="d", values=list(range(1950, LAST_YEAR, 10)))),
        y=y, color=colour, tooltip=tooltip,
    )
    reference = pd.DataFrame({"year": [outline_year], "label": [f"{outline_year} Planning Outline"],
                              "event": [str(outline["event"])], "source_id": [str(outline["source_id"])]})
    ref_tooltip = [alt.Tooltip("event:N", title="Event"), alt.Tooltip("year:Q", title="Year", format="d"),
                   alt.Tooltip("source_id:N", title="Source")]
    rule = alt.Chart(reference).mark_rule(strokeDash=[5, 4], color="#000000", strokeWidth=1.5).encode(
        x=alt.X("year:Q", scale=x_scale), tooltip=ref_tooltip)
    text = alt.Chart(reference).mark_text(align="right", dx=-4, dy=-6, fontSize=12, color="#000000").encode(
        x=alt.X("year:Q", scale=x_scale), y=alt.value(0), text="label:N")
    return alt.layer(spans, dots, rule, text, title=title, description=description).properties(
        width=WIDTH, height=230)
