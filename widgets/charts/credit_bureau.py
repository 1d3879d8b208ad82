"""The central bank's personal credit database over time (notebook 01); the conflicting early figures shown as such."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..topics.credit_bureau import COLUMNS, CONFLICTING, KINDS, LOWER_BOUND, PEOPLE_METRICS, conflicting_pair
from .theme import MAX_ROWS, PALETTE, WIDTH

METRIC_COLOURS = {"People in the database": PALETTE[0], "People with a credit record": PALETTE[1]}
KIND_SHAPES = {KINDS[0]: "circle", KINDS[1]: "triangle-up", KINDS[2]: "diamond", KINDS[3]: "cross"}


def database_size_chart(sizes: pd.DataFrame, *, title: str, description: str | None = None) -> alt.LayerChart:
    """Points per published size (millions of people) by date, coloured by what is counted and shaped by kind
    of figure; a line joins the figures that are not conflicting, and a labelled rule joins the two
    conflicting early figures so they read as one disputed value, not as growth.

    ``sizes`` is ``topics.credit_bureau.database_sizes()``.
    """
    frame = check_table("sizes", sizes, COLUMNS)
    if not isinstance(title, str) or not title.strip():
        raise TypeError(f"title must be a non-empty string; got {type(title).__name__} {title!r}")
    if frame.empty:
        raise ValueError("sizes must have at least one row; it is empty")
    if len(frame) > MAX_ROWS:
        raise ValueError(f"sizes has {len(frame):,} rows; at most {MAX_ROWS:,} can be charted")
    data = frame.assign(
        value_text=[("more than " if k == LOWER_BOUND else "") + f"{m:,.0f} million"
                    for m, k in zip(frame["millions"], frame["kind"])],
        source="[" + frame["source_id"].astype(str) + "]",
    )[["date", "date_label", "metric_label", "millions", "value_text", "kind", "source", "confidence", "note"]]
    clash = conflicting_pair(frame)
    if description is None:
        description = ("Points give each published size in millions of people by date: " + "; ".join(
            f"{d}, {m.lower()}: {t}" + {CONFLICTING: " (conflicting)", LOWER_BOUND: " (a lower bound)"}.get(k, "")
            for d, m, t, k in zip(data["date_label"], data["metric_label"], data["value_text"], data["kind"])) + ".")
    metrics = [m for m in PEOPLE_METRICS.values() if m in set(data["metric_label"])]
    kinds = [k for k in KINDS if k in set(data["kind"])]
    first, last = pd.Timestamp(data["date"].min()), pd.Timestamp(data["date"].max())
    domain = [(first - pd.DateOffset(months=9)).isoformat(), (last + pd.DateOffset(months=9)).isoformat()]
    x = alt.X("date:T", title="Date the figure refers to", scale=alt.Scale(domain=domain),
              axis=alt.Axis(format="%Y", tickCount=8))
    y = alt.Y("millions:Q", title="People (millions)", scale=alt.Scale(domain=[0, 1300]))
    colour_scale = alt.Scale(domain=metrics, range=[METRIC_COLOURS[m] for m in metrics])
    colour = alt.Color("metric_label:N", title="What is counted", sort=metrics, scale=colour_scale,
                       legend=alt.Legend(labelLimit=300, direction="vertical"))
    tooltip = [alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("metric_label:N", title="Counted"),
               alt.Tooltip("value_text:N", title="Figure"), alt.Tooltip("kind:N", title="Kind of figure"),
               alt.Tooltip("source:N", title="Source"), alt.Tooltip("confidence:N", title="Confidence"),
               alt.Tooltip("note:N", title="Note")]
    line = alt.Chart(data).transform_filter(alt.datum.kind != CONFLICTING).mark_line(
        strokeDash=[4, 3], opacity=0.6).encode(
        x=x, y=y, color=colour)
    points = alt.Chart(data).mark_point(size=110, filled=True, opacity=0.9).encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        shape=alt.Shape("kind:N", title="Kind of figure", sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[KIND_SHAPES[k] for k in kinds]),
                        legend=alt.Legend(labelLimit=300, direction="vertical")))
    layers = [line, points]
    if len(clash) >= 2:
        low, high = clash["millions"].min(), clash["millions"].max()
        span = pd.DataFrame({"date": [clash["date"].iloc[0]], "low": [low], "high": [high],
                             "label": [f"Early {pd.Timestamp(clash['date'].iloc[0]).year}: {low:,.0f} or "
                                       f"{high:,.0f} million? The sources disagree"]})
        layers.append(alt.Chart(span).mark_rule(color=PALETTE[3], strokeWidth=2, strokeDash=[2, 2]).encode(
            x="date:T", y="low:Q", y2="high:Q", tooltip=[alt.Tooltip("label:N", title="Conflicting figures")]))
        layers.append(alt.Chart(span).mark_text(align="left", dx=10, dy=-10, fontSize=12, color=PALETTE[3]).encode(
            x="date:T", y="high:Q", text="label:N"))
    return alt.layer(*layers, title=title, description=description).properties(width=WIDTH, height=280)
