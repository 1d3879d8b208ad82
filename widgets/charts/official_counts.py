"""The counts chart (notebooks 03 and 06): published counts beside the chapter's, coloured by kind of figure."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..topics.official_counts import BASES, CHAPTER, COLUMNS, DERIVED, PUBLISHED, value_text
from .theme import MAX_ROWS, PALETTE, WIDTH

BASIS_COLOURS = {PUBLISHED: PALETTE[0], DERIVED: PALETTE[2], CHAPTER: PALETTE[1]}


def counts_chart(frame: pd.DataFrame, *, title: str, x_title: str,
                 description: str | None = None) -> alt.LayerChart:
    """Horizontal bars, one per row in the order given, coloured by basis (published, derived, chapter only).

    ``frame`` needs the columns of ``model_counts`` / ``demonstration_batches`` (id, label, value,
    source_id, confidence, basis, note); ``x_title`` names the unit, e.g. 'Central bodies (count)'.
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
    order = list(data["label"])
    if description is None:
        description = ("Bars give each count: " + "; ".join(
            f"{label}: {text} {source}" + ("" if b == PUBLISHED else f", {b}")
            for label, text, source, b in zip(data["label"], data["value_text"], data["source"], data["basis"]))
            + ".")
    present = [b for b in BASES if b in set(data["basis"])]
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=480))
    x = alt.X("value:Q", title=x_title, scale=alt.Scale(domain=[0, float(data["value"].max()) * 1.15]))
    tooltip = [alt.Tooltip("label:N", title="Count"), alt.Tooltip("value_text:N", title="Value"),
               alt.Tooltip("basis:N", title="Kind of figure"), alt.Tooltip("source:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence"), alt.Tooltip("note:N", title="Note")]
    bars = alt.Chart(data).mark_bar(height=18).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("basis:N", title="Kind of figure", sort=present,
                        scale=alt.Scale(domain=present, range=[BASIS_COLOURS[b] for b in present]),
                        legend=alt.Legend(labelLimit=420)))
    text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="value_text:N")
    return alt.layer(bars, text, title=title, description=description).properties(
        width=WIDTH - 140, height=30 * len(data))
