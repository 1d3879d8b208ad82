"""Charts of the FICO-style toy score (notebook 01): factor weights, one person's points, a lender's cut-off."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .theme import HEIGHT, PALETTE, WIDTH, check_rows

# fixed colours for the lender's four outcomes: blues = approved, oranges = refused
OUTCOME_COLOURS = {
    "approved, would repay": "#0072B2", "approved, would default": "#56B4E9",
    "refused, would repay": "#D55E00", "refused, would default": "#E69F00",
}


def weights_bar(weights: pd.DataFrame, *, title: str, description: str | None = None) -> alt.Chart:
    """Horizontal bars of factor weights in percent (columns: label, value, source_id)."""
    frame = check_rows("weights", weights)[["label", "value", "source_id"]]
    if description is None:
        ranked = frame.sort_values("value", ascending=False)
        description = "Bars give each factor's weight in percent: " + "; ".join(
            f"{label} {value:g}%" for label, value in zip(ranked["label"], ranked["value"])) + "."
    return alt.Chart(frame, title=title, description=description).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("value:Q", title="Weight (% of the score)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("label:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("label:N", title="Factor"), alt.Tooltip("value:Q", title="Weight (%)"),
                 alt.Tooltip("source_id:N", title="Source")],
    ).properties(height=180)


def contributions_bar(contributions: pd.DataFrame | alt.Data, *, floor: float, title: str,
                      description: str) -> alt.Chart:
    """Points each factor adds above the floor of the scale, for one (toy) person."""
    frame = check_rows("contributions", contributions)
    return alt.Chart(frame, title=title, description=description).mark_bar(color=PALETTE[4]).encode(
        x=alt.X("points:Q", title=f"Points added above {floor:g}", scale=alt.Scale(domain=[0, 200])),
        y=alt.Y("factor:N", title=None, sort=None),
        tooltip=[alt.Tooltip("factor:N", title="Factor"), alt.Tooltip("weight_percent:Q", title="Weight (%)"),
                 alt.Tooltip("rating:Q", title="Rating (0-100)"), alt.Tooltip("points:Q", title="Points")],
    ).properties(height=180)


def outcome_histogram_chart(histogram: pd.DataFrame | alt.Data, *, cutoff: float | alt.Parameter,
                            title: str | alt.Title, description: str,
                            domain: tuple[float, float] = (300, 850)) -> alt.LayerChart:
    """Stacked histogram of synthetic scores by lending outcome, with the cut-off as a rule.

    ``cutoff`` may be a chart parameter: the browser then moves the rule by itself (live panels).
    """
    frame = check_rows("histogram", histogram)
    order = list(OUTCOME_COLOURS)
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("bin_start:Q", bin="binned", title="Toy score (points)", scale=alt.Scale(domain=list(domain))),
        x2="bin_end:Q",
        y=alt.Y("sum(people):Q", title="Synthetic people", stack="zero"),
        color=alt.Color("outcome:N", title="Outcome", sort=order,
                        scale=alt.Scale(domain=order, range=[OUTCOME_COLOURS[o] for o in order])),
        order=alt.Order("outcome_rank:Q"),
        tooltip=[alt.Tooltip("bin_start:Q", title="From score"), alt.Tooltip("bin_end:Q", title="To score"),
                 alt.Tooltip("outcome:N", title="Outcome"), alt.Tooltip("sum(people):Q", title="People", format=",")],
    ).transform_calculate(outcome_rank=f"indexof({order!r}, datum.outcome)")
    if isinstance(cutoff, alt.Parameter):
        line = alt.Chart(alt.Data(values=[{}])).transform_calculate(cutoff=cutoff.name)
    else:
        line = alt.Chart(pd.DataFrame({"cutoff": [cutoff]}))
    rule = line.mark_rule(color="black", strokeDash=[4, 3], size=2).encode(
        x="cutoff:Q", tooltip=[alt.Tooltip("cutoff:Q", title="Cut-off")])
    chart = alt.layer(bars, rule, title=title, description=description).properties(width=WIDTH, height=HEIGHT)
    return chart.add_params(cutoff) if isinstance(cutoff, alt.Parameter) else chart


def contributions_live_chart(*, floor: float, title: str, description: str) -> alt.Chart:
    """The toy score panel's chart skeleton: ``contributions_bar`` over the dataset ``parts``."""
    return contributions_bar(alt.Data(name="parts"), floor=floor, title=title, description=description)


def cutoff_live_chart(cutoff: float, *, description: str, domain: tuple[float, float]) -> alt.LayerChart:
    """The cut-off panel's chart skeleton: ``outcome_histogram_chart`` over the dataset ``hist``, the cut-off
    a chart parameter (``cutoff``, starting at ``cutoff``) that the title follows."""
    cutoff_param = alt.param(name="cutoff", value=cutoff)
    title = alt.Title(alt.expr("'Who a cut-off of ' + cutoff + ' approves'"))
    return outcome_histogram_chart(alt.Data(name="hist"), cutoff=cutoff_param, title=title,
                                   description=description, domain=domain)
