"""The chart of the toy list experiment (notebook 07): where the estimates of many synthetic surveys fall,
asked directly (top) and by the list experiment (bottom), against the true share known only in the toy."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..models.list_experiment import (
    BIN_WIDTH, HISTOGRAM_RANGE, METHODS, ListExperimentUpdate, chart_description, chart_title,
)
from .theme import MAX_ROWS, PALETTE, WIDTH

METHOD_COLOURS = {METHODS["direct"]: PALETTE[3], METHODS["list"]: PALETTE[0]}  # vermillion, blue (Okabe & Ito)
BIN_COLUMNS = ("method", "bin_start", "bin_end", "surveys")
TRUTH_COLUMNS = ("label", "truth")


def _data(name: str, frame: pd.DataFrame | alt.Data, columns: tuple[str, ...]) -> pd.DataFrame | alt.Data:
    if isinstance(frame, alt.Data):
        return frame
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame or a named altair dataset; got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; needed: {', '.join(columns)}")
    if len(frame) > MAX_ROWS:
        raise ValueError(f"{name} has {len(frame):,} rows; aggregate it to at most {MAX_ROWS:,} before charting")
    return frame[list(columns)].assign(**{c: frame[c].astype(str) for c in ("method", "label") if c in columns})


def estimates_chart(bins: pd.DataFrame | alt.Data, truth: pd.DataFrame | alt.Data, *, title: str,
                    description: str, surveys: int | None = None) -> alt.VConcatChart:
    """Two histograms on one scale of estimates (%), one per method, each with the true share as a rule.

    ``bins``: method (label), bin_start, bin_end, surveys (``list_experiment.histogram``); ``truth``: one
    row, label and truth (%). Either may be a named dataset (the rows a live panel sends).
    """
    bins = _data("bins", bins, BIN_COLUMNS)
    truth = _data("truth", truth, TRUTH_COLUMNS)
    x_scale = alt.Scale(domain=list(HISTOGRAM_RANGE))
    y_title = "Synthetic surveys" if surveys is None else f"Synthetic surveys (of {surveys:,})"
    rows = []
    for i, (key, label) in enumerate(METHODS.items()):
        last = i == len(METHODS) - 1
        x = alt.X("bin_start:Q", title="Estimated share who support (%)" if last else None, scale=x_scale,
                  bin="binned", axis=alt.Axis(labels=True, tickCount=10))
        bars = alt.Chart(bins).transform_filter(alt.datum.method == label).mark_bar(
            color=METHOD_COLOURS[label], opacity=0.85).encode(
            x=x, x2="bin_end:Q",
            y=alt.Y("surveys:Q", title=y_title),
            tooltip=[alt.Tooltip("method:N", title="Method"),
                     alt.Tooltip("bin_start:Q", title="Estimate from (%)", format=".0f"),
                     alt.Tooltip("bin_end:Q", title="to (%)", format=".0f"),
                     alt.Tooltip("surveys:Q", title="Synthetic surveys")])
        rule = alt.Chart(truth).mark_rule(color=PALETTE[7], strokeDash=[6, 3], strokeWidth=2).encode(
            x=alt.X("truth:Q", scale=x_scale),
            tooltip=[alt.Tooltip("label:N", title="Line"), alt.Tooltip("truth:Q", title="True share (%)", format=".1f")])
        rows.append(alt.layer(bars, rule, title=alt.Title(label, fontSize=13, anchor="start")).properties(
            width=WIDTH, height=120))
    return alt.vconcat(*rows, title=alt.Title(title, subtitle=[
        f"Bars: synthetic surveys per {BIN_WIDTH:g}-point bin of the estimate. Dashed line: the true share."]), description=description, spacing=18).resolve_scale(x="shared")


def update_chart(update: ListExperimentUpdate) -> alt.VConcatChart:
    """The chart of one model update (the static companion of the panel), with its title and description."""
    if not isinstance(update, ListExperimentUpdate):
        raise TypeError(f"update must be a list_experiment.ListExperimentUpdate; got {type(update).__name__}")
    return estimates_chart(update.histogram, update.truth, title=chart_title(update.assumptions),
                           description=chart_description(update), surveys=update.assumptions.replicates)


def estimates_live_chart(surveys: int, *, title: str, description: str) -> alt.VConcatChart:
    """The list experiment panel's chart skeleton: ``estimates_chart`` over the datasets ``bins`` and ``truth``."""
    return estimates_chart(alt.Data(name="bins"), alt.Data(name="truth"), title=title, description=description,
                           surveys=surveys)
