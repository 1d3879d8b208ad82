"""The timeline chart (notebook 02): dated events on one time axis, one lane per category."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..topics.timeline import CATEGORIES, CATEGORY_LABELS, describe_events, year_bounds
from .theme import MAX_ROWS, PALETTE, WIDTH

CATEGORY_COLOURS: dict[str, str] = dict(zip(CATEGORIES, PALETTE))
CONFIDENCE_SHAPES: dict[str, str] = {
    "verified": "circle", "chapter-only": "triangle-up", "conflicting": "diamond", "unconfirmed": "cross",
}


def timeline_chart(events: pd.DataFrame | alt.Data, *,
                   title: str | alt.Title = "Social credit, 2002-2022: dated events from the kit's data",
                   description: str | None = None) -> alt.LayerChart:
    """Events on one time axis (2002-2022), one lane per category, coloured by category.

    ``events`` comes from ``timeline_events``. Dots sit in the middle of the period a date stands
    for; a line spans that period when only the month or year is known; the shape gives the
    confidence. Tooltips: event, date as precisely as known, category, source id and confidence.
    An empty frame gives an empty axis with a short note instead of an error. A live panel passes a
    named dataset (``alt.Data(name="events")``, rows from ``timeline_frame``) and a ``description``;
    its note then comes from the named dataset ``note`` (one row when nothing is shown, else none).
    """
    if isinstance(events, alt.Data):
        return _timeline_layers(events, alt.Data(name="note"), title=title, description=description or "")
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be a DataFrame from timeline_events; got {type(events).__name__}")
    needed = TIMELINE_COLUMNS
    missing = [c for c in needed if c not in events.columns]
    if missing:
        raise ValueError(f"events is missing column(s) {', '.join(missing)}; build it with timeline_events()")
    if len(events) > MAX_ROWS:
        raise ValueError(f"events has {len(events):,} rows; at most {MAX_ROWS:,} can be charted")
    if description is None:
        description = describe_events(events)
    frame = timeline_frame(events)
    note = timeline_note(frame)
    return _timeline_layers(frame, note if len(note) else None, title=title, description=description)


TIMELINE_COLUMNS = ("id", "plot_date", "date", "period_end", "date_text", "event", "category_label",
                    "source_id", "confidence", "precision", "precision_text", "lane")


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The columns the chart draws, sorted by date then id."""
    return events[list(TIMELINE_COLUMNS)].sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def timeline_note(events: pd.DataFrame) -> pd.DataFrame:
    """The note drawn on an empty timeline (no row when there are events)."""
    text = ["No events in this selection: choose a category or widen the years."] if events.empty else []
    return pd.DataFrame({"text": pd.Series(text, dtype=object)})


def _timeline_layers(frame: pd.DataFrame | alt.Data, note: pd.DataFrame | alt.Data | None, *,
                     title: str | alt.Title, description: str) -> alt.LayerChart:
    low, high = year_bounds()
    labels = [CATEGORY_LABELS[c] for c in CATEGORIES]
    x_scale = alt.Scale(domain=[f"{low}-01-01", f"{high}-12-31"])
    y = alt.Y("category_label:N", title="Category", sort=labels, scale=alt.Scale(domain=labels),
              axis=alt.Axis(labelLimit=220))
    colour = alt.Color("category_label:N", title="Category", sort=labels,
                       scale=alt.Scale(domain=labels, range=[CATEGORY_COLOURS[c] for c in CATEGORIES]),
                       legend=None)
    tooltip = [alt.Tooltip("event:N", title="Event"), alt.Tooltip("date_text:N", title="Date"),
               alt.Tooltip("precision_text:N", title="Date known"),
               alt.Tooltip("category_label:N", title="Category"), alt.Tooltip("source_id:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence")]
    base = alt.Chart(frame)
    spans = base.mark_rule(strokeWidth=3, opacity=0.45).encode(
        x=alt.X("date:T", scale=x_scale), x2="period_end:T", y=y, yOffset=alt.YOffset("lane:O"),
        color=colour, tooltip=tooltip,
    ).transform_filter(alt.datum.precision != "day")
    shapes = list(CONFIDENCE_SHAPES)
    dots = base.mark_point(filled=True, size=80, opacity=0.9).encode(
        x=alt.X("plot_date:T", title="Date (year)", scale=x_scale, axis=alt.Axis(format="%Y", tickCount=11)),
        y=y, yOffset=alt.YOffset("lane:O"), color=colour,
        shape=alt.Shape("confidence:N", title="Confidence", sort=shapes,
                        scale=alt.Scale(domain=shapes, range=[CONFIDENCE_SHAPES[s] for s in shapes])),
        tooltip=tooltip,
    )
    layers = [spans, dots]
    if note is not None:
        layers.append(alt.Chart(note).mark_text(fontSize=13, color="#444").encode(
            text="text:N", x=alt.value(WIDTH / 2), y=alt.value(150)))
    return alt.layer(*layers, title=title, description=description).properties(width=WIDTH, height=300)


def timeline_live_chart(*, title: str, description: str) -> alt.LayerChart:
    """The timeline panel's chart skeleton: ``timeline_chart`` over the dataset ``events``, its title the
    string parameter ``kit_title`` (starting at ``title``)."""
    kit_title = alt.param(name="kit_title", value=title)
    return timeline_chart(alt.Data(name="events"), title=alt.Title(alt.expr(kit_title.name)),
                          description=description).add_params(kit_title)
