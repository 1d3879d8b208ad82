"""The counts chart (notebooks 03 and 06): published counts beside the chapter's, coloured by kind of figure.

A count stated as a lower bound ("more than 47", "at least 62") is not drawn as an exact bar: its bar
carries an arrow past its end and its label says "more than" or "at least".
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ..checks import check_table
from ..topics.official_counts import BASES, CHAPTER, COLUMNS, DERIVED, PUBLISHED, lower_bound, value_text
from .theme import MAX_ROWS, PALETTE, WIDTH

BASIS_COLOURS = {PUBLISHED: PALETTE[0], DERIVED: PALETTE[2], CHAPTER: PALETTE[1]}


def counts_chart(frame: pd.DataFrame, *, title: str, x_title: str,
                 description: str | None = None) -> alt.LayerChart:
    """Horizontal bars, one per row in the order given, coloured by basis (published, derived, chapter only).

    ``frame`` needs the columns of ``model_counts`` / ``demonstration_batches`` (id, label, value,
    source_id, confidence, basis, note; ``qualifier`` when a count may be a bound); ``x_title`` names
    the unit, e.g. 'Central bodies (count)'. A lower bound gets an arrow past the end of its bar.
    """
    frame = check_table("frame", frame, COLUMNS)
    for name, value in (("title", title), ("x_title", x_title)):
        if not isinstance(value, str) or not value.strip():
            raise TypeError(f"{name} must be a non-empty string; got {type(value).__name__} {value!r}")
    if frame.empty:
        raise ValueError("frame must have at least one row; it is empty")
    if len(frame) > MAX_ROWS:
        raise ValueError(f"frame has {len(frame):,} rows; at most {MAX_ROWS:,} can be charted")
    if frame["value"].isna().any():
        raise ValueError("frame has rows without a value; drop them (they are unconfirmed) before charting")
    unknown = sorted(set(frame["basis"].astype(str)) - set(BASES))
    if unknown:
        raise ValueError(f"frame['basis'] must be one of: {', '.join(BASES)}; got {', '.join(unknown)}")
    data = pd.DataFrame({
        "label": frame["label"].astype(str), "value": frame["value"].astype(float),
        "value_text": value_text(frame).astype(str), "basis": frame["basis"].astype(str),
        "source": "[" + frame["source_id"].astype(str) + "]", "confidence": frame["confidence"].astype(str),
        "note": frame["note"].fillna("").astype(str),
    })
    bound = lower_bound(frame).to_numpy()
    if bound.any():  # the column exists only where a count is a lower bound, so other charts keep their spec
        data["bound"] = pd.Series(bound).map({True: "a lower bound: the true count is higher",
                                              False: "the count as stated"}).to_numpy()
    order = list(data["label"])
    if description is None:
        description = ("Bars give each count: " + "; ".join(
            f"{label}: {text} {source}" + ("" if b == PUBLISHED else f", {b}")
            for label, text, source, b in zip(data["label"], data["value_text"], data["source"], data["basis"]))
            + ".")
    present = [b for b in BASES if b in set(data["basis"])]
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=480))
    top = float(data["value"].max())
    x = alt.X("value:Q", title=x_title, scale=alt.Scale(domain=[0, top * (1.35 if bound.any() else 1.15)]))
    tooltip = [alt.Tooltip("label:N", title="Count"), alt.Tooltip("value_text:N", title="Value"),
               alt.Tooltip("basis:N", title="Kind of figure"), alt.Tooltip("source:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence"), alt.Tooltip("note:N", title="Note")]
    if bound.any():
        tooltip.insert(2, alt.Tooltip("bound:N", title="Bound"))
    bars = alt.Chart(data).mark_bar(height=18).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("basis:N", title="Kind of figure", sort=present,
                        scale=alt.Scale(domain=present, range=[BASIS_COLOURS[b] for b in present]),
                        legend=alt.Legend(labelLimit=420)))
    if not bound.any():
        text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="value_text:N")
        return alt.layer(bars, text, title=title, description=description).properties(
            width=WIDTH - 140, height=30 * len(data))
    # a lower bound: an arrow from the end of the bar onwards, and the label after the arrow
    reach = top * 0.12
    data["arrow_end"] = data["value"] + np.where(bound, reach, 0.0)
    exact = alt.Chart(data).transform_filter("datum.bound == 'the count as stated'")
    bounded = alt.Chart(data).transform_filter("datum.bound != 'the count as stated'")
    text = exact.mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="value_text:N")
    shaft = bounded.mark_rule(strokeWidth=2, strokeDash=[4, 3], color="#333").encode(
        x=x, x2="arrow_end:Q", y=y, tooltip=tooltip)
    head = bounded.mark_point(shape="triangle-right", filled=True, size=90, color="#333").encode(
        x=alt.X("arrow_end:Q"), y=y, tooltip=tooltip)
    bound_text = bounded.mark_text(align="left", dx=9, fontSize=12, fontWeight="bold").encode(
        x=alt.X("arrow_end:Q"), y=y, text="value_text:N")
    return alt.layer(bars, text, shaft, head, bound_text, title=title, description=description).properties(
        width=WIDTH - 140, height=30 * len(data))
