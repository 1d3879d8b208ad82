"""The documents since the chapter (notebook 08): China's social-credit documents of 2020-2026 on one time axis."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..sources import format_date
from ..topics.later_law import STATUSES
from .theme import MAX_ROWS, PALETTE, WIDTH

STATUS_COLOURS = dict(zip(STATUSES, (PALETTE[0], PALETTE[1], PALETTE[3])))
STATUS_SHAPES = dict(zip(STATUSES, ("circle", "triangle-up", "diamond")))


def documents_chart(documents: pd.DataFrame, *, title: str, description: str) -> alt.LayerChart:
    """One row per document (top: earliest), a dot at the date it was issued, coloured and shaped by status.

    ``documents`` comes from ``widgets.topics.later_law.documents``. A hollow ring marks the date a
    document took effect where one is recorded; tooltips give issuer, number, both dates and source.
    """
    frame = check_table("documents", documents, ("id", "short_name", "issuer", "number", "date", "date_is",
                                                 "in_force", "status", "source_id", "confidence"),
                        max_rows=MAX_ROWS, what="from widgets.topics.later_law.documents")
    frame = frame.sort_values(["date", "id"]).reset_index(drop=True).assign(
        date_text=lambda d: [f"{format_date(x)} ({kind})" for x, kind in zip(d["date"], d["date_is"])],
        in_force_text=lambda d: [format_date(x) if pd.notna(x) else "not recorded" for x in d["in_force"]],
        number=lambda d: d["number"].fillna("–").astype(str), status=lambda d: d["status"].astype(str),
        source_id=lambda d: d["source_id"].astype(str), confidence=lambda d: d["confidence"].astype(str))
    names = list(frame["short_name"])
    start = min(frame["date"].min(), frame["in_force"].min()) if frame["in_force"].notna().any() else frame["date"].min()
    end = max(frame["date"].max(), frame["in_force"].max()) if frame["in_force"].notna().any() else frame["date"].max()
    x_scale = alt.Scale(domain=[f"{start.year}-01-01", f"{end.year}-12-31"])
    y = alt.Y("short_name:N", title=None, sort=names, scale=alt.Scale(domain=names), axis=alt.Axis(labelLimit=360))
    order = list(STATUSES)
    tooltip = [alt.Tooltip("short_name:N", title="Document"), alt.Tooltip("number:N", title="Number"),
               alt.Tooltip("issuer:N", title="Issuer"), alt.Tooltip("date_text:N", title="Issued"),
               alt.Tooltip("in_force_text:N", title="In force from"), alt.Tooltip("status:N", title="Status"),
               alt.Tooltip("source_id:N", title="Source"), alt.Tooltip("confidence:N", title="Confidence")]
    base = alt.Chart(frame)
    dots = base.mark_point(filled=True, size=110, opacity=0.95).encode(
        x=alt.X("date:T", title="Date issued (year)", scale=x_scale, axis=alt.Axis(format="%Y", tickCount="year")),
        y=y, color=alt.Color("status:N", title="Status", sort=order,
                             scale=alt.Scale(domain=order, range=[STATUS_COLOURS[s] for s in order]),
                             legend=alt.Legend(columns=1, labelLimit=400)),
        shape=alt.Shape("status:N", title="Status", sort=order,
                        scale=alt.Scale(domain=order, range=[STATUS_SHAPES[s] for s in order])),
        tooltip=tooltip)
    rings = base.transform_filter("isValid(datum.in_force)").mark_point(size=110, color="#555", filled=False).encode(
        x=alt.X("in_force:T", scale=x_scale), y=y, tooltip=tooltip)
    links = base.transform_filter("isValid(datum.in_force)").mark_rule(color="#999", strokeDash=[3, 3]).encode(
        x=alt.X("date:T", scale=x_scale), x2="in_force:T", y=y)
    return alt.layer(links, rings, dots, title=title, description=description).properties(
        width=WIDTH, height=26 * len(names) + 20)
