"""Charts of the fairness toy (notebook 01): each group's rates under three policies, and one policy in detail."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..checks import check_table
from ..models.lender_fairness import GROUPS, FairnessResult
from .fico import OUTCOME_COLOURS
from .theme import PALETTE, WIDTH, check_rows

# the groups get colours the lender's outcomes do not use (blues and oranges), so the two never mix;
# they are also not the explorable's blue and orange groups
GROUP_COLOURS = {"A": PALETTE[4], "B": PALETTE[5]}
MEASURES = ("approval rate", "would-be repayers approved")
_COMPARISON = ("policy", "policy_label", "group", "cutoff", "measure", "percent")


def _group_colour(title: str | None = "Synthetic group") -> alt.Color:
    return alt.Color("group:N", title=title, sort=list(GROUPS),
                     scale=alt.Scale(domain=list(GROUPS), range=[GROUP_COLOURS[g] for g in GROUPS]))


def policy_comparison_chart(table: pd.DataFrame, *, title: str, description: str | None = None) -> alt.FacetChart:
    """Per policy (one panel each), each group's approval rate and share of would-be repayers approved, in percent.

    ``table`` is ``models.lender_fairness.compare_policies(...)``.
    """
    frame = check_table("table", check_rows("table", table), _COMPARISON)
    if frame.empty:
        raise ValueError("table must have at least one row; it is empty")
    data = frame[list(_COMPARISON)].assign(
        label=frame["percent"].map("{:.1f}%".format),
        cutoff_text=frame["cutoff"].map("{:,.1f}".format))
    policies = list(dict.fromkeys(data["policy_label"]))
    if description is None:
        parts = []
        for policy in policies:
            rows = data[data["policy_label"] == policy].set_index(["group", "measure"])["percent"]
            cuts = data[data["policy_label"] == policy].drop_duplicates("group").set_index("group")["cutoff"]
            parts.append(f"{policy} (cut-offs A {cuts['A']:g}, B {cuts['B']:g}): approval A "
                         f"{rows['A', MEASURES[0]]:.1f}%, B {rows['B', MEASURES[0]]:.1f}%; "
                         f"would-be repayers approved A {rows['A', MEASURES[1]]:.1f}%, B {rows['B', MEASURES[1]]:.1f}%")
        description = "Bars compare the two synthetic groups under each policy: " + "; ".join(parts) + "."
    y = alt.Y("measure:N", title=None, sort=list(MEASURES), axis=alt.Axis(labelLimit=200))
    x = alt.X("percent:Q", title="Percent of the group", scale=alt.Scale(domain=[0, 100]))
    tooltip = [alt.Tooltip("policy_label:N", title="Policy"), alt.Tooltip("group:N", title="Group"),
               alt.Tooltip("cutoff_text:N", title="Group's cut-off"), alt.Tooltip("measure:N", title="Measure"),
               alt.Tooltip("label:N", title="Percent")]
    bars = alt.Chart().mark_bar(height=14).encode(x=x, y=y, yOffset=alt.YOffset("group:N", sort=list(GROUPS)),
                                                  color=_group_colour(), tooltip=tooltip)
    text = alt.Chart().mark_text(align="left", dx=3, fontSize=11).encode(
        x=x, y=y, yOffset=alt.YOffset("group:N", sort=list(GROUPS)), text="label:N")
    return alt.layer(bars, text, data=data).properties(width=190, height=90).facet(
        column=alt.Column("policy_label:N", title=None, sort=policies, header=alt.Header(labelFontSize=12)),
        title=title, description=description)


def rate_rows(rates: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """The bars of each group's two rates, from a result's ``rates`` table (or its rows as dicts): group,
    measure, percent (one decimal), label ('48.9%') and the group's cut-off (one decimal); four rows."""
    if isinstance(rates, pd.DataFrame):
        rates = check_table("rates", rates, ("group", "cutoff", "approval_rate", "true_positive_rate")
                            ).to_dict("records")
    columns: dict[str, list] = {"group": [], "measure": [], "percent": [], "cutoff": [], "label": []}
    for r in rates:
        for measure, key in zip(MEASURES, ("approval_rate", "true_positive_rate")):
            percent = round(100.0 * float(r[key]), 1)
            columns["group"].append(str(r["group"]))
            columns["measure"].append(measure)
            columns["percent"].append(percent)
            columns["cutoff"].append(round(float(r["cutoff"]), 1))
            columns["label"].append(f"{percent:.1f}%")
    return pd.DataFrame(columns)


def _cutoff_rule(group: str, cutoff: float | alt.Parameter) -> alt.Chart:
    if isinstance(cutoff, alt.Parameter):
        line = alt.Chart(alt.Data(values=[{}])).transform_calculate(cutoff=cutoff.name)
    else:
        line = alt.Chart(pd.DataFrame({"cutoff": [round(float(cutoff), 1)]}))
    return line.mark_rule(color=GROUP_COLOURS[group], strokeDash=[4, 3], size=3).encode(
        x="cutoff:Q", tooltip=[alt.Tooltip("cutoff:Q", title=f"Group {group}'s cut-off", format=".1f")])


def fairness_chart(rates: pd.DataFrame | alt.Data, histogram: pd.DataFrame | alt.Data, *,
                   cutoff_a: float | alt.Parameter, cutoff_b: float | alt.Parameter, title: str | alt.Title,
                   description: str, domain: tuple[float, float] = (300, 850),
                   rates_title: str | alt.Title = "Each group's rates",
                   params: tuple[alt.Parameter, ...] = ()) -> alt.VConcatChart:
    """One policy in detail: each group's two rates (bars; rows of ``rate_rows``), then each group's synthetic
    scores by outcome (``histogram``: group, bin_start, bin_end, outcome, people) with its own cut-off.

    The data may be named datasets and the cut-offs chart parameters (a live panel's skeleton);
    ``rates_title`` titles the bars (a live panel names its policy there, through a parameter: the chart's
    own title stays plain text, which static copies and screen readers read); ``params`` are further
    parameters the titles use (added with the cut-offs, in one step).
    """
    bars = check_rows("rates", rates)
    histogram = check_rows("histogram", histogram)
    y = alt.Y("measure:N", title=None, sort=list(MEASURES), axis=alt.Axis(labelLimit=200))
    x = alt.X("percent:Q", title="Percent of the group", scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=[0, 25, 50, 75, 100]))
    offset = alt.YOffset("group:N", sort=list(GROUPS))
    rate_chart = alt.layer(
        alt.Chart().mark_bar(height=14).encode(
            x=x, y=y, yOffset=offset, color=_group_colour(),
            tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("measure:N", title="Measure"),
                     alt.Tooltip("label:N", title="Percent"), alt.Tooltip("cutoff:Q", title="Group's cut-off")]),
        alt.Chart().mark_text(align="left", dx=3, fontSize=11).encode(x=x, y=y, yOffset=offset, text="label:N"),
        data=bars).properties(width=WIDTH - 180, height=80, title=rates_title)
    order = list(OUTCOME_COLOURS)
    panels = [rate_chart]
    params = list(params)
    for g, cutoff in zip(GROUPS, (cutoff_a, cutoff_b)):
        hist = alt.Chart(histogram).transform_filter(alt.datum.group == g).mark_bar().encode(
            x=alt.X("bin_start:Q", bin="binned", title="Toy score (points)", scale=alt.Scale(domain=list(domain))),
            x2="bin_end:Q",
            y=alt.Y("sum(people):Q", title="Synthetic people", stack="zero"),
            color=alt.Color("outcome:N", title="Outcome", sort=order,
                            scale=alt.Scale(domain=order, range=[OUTCOME_COLOURS[o] for o in order]),
                            legend=alt.Legend(columns=2) if g == GROUPS[-1] else None),
            order=alt.Order("outcome_rank:Q"),
            tooltip=[alt.Tooltip("bin_start:Q", title="From score"), alt.Tooltip("bin_end:Q", title="To score"),
                     alt.Tooltip("outcome:N", title="Outcome"),
                     alt.Tooltip("sum(people):Q", title="People", format=",")],
        ).transform_calculate(outcome_rank=f"indexof({order!r}, datum.outcome)")
        if isinstance(cutoff, alt.Parameter):
            params.append(cutoff)
            group_title = alt.Title(alt.expr(f"'Group {g}: cut-off ' + format({cutoff.name}, '.1f')"))
        else:
            group_title = f"Group {g}: cut-off {float(cutoff):,.1f}"
        panels.append(alt.layer(hist, _cutoff_rule(g, cutoff)).properties(width=WIDTH, height=120, title=group_title))
    chart = alt.vconcat(*panels, title=title, description=description).resolve_scale(color="independent")
    return chart.add_params(*params) if params else chart


def fairness_detail_chart(result: FairnessResult, *, title: str, description: str,
                          domain: tuple[float, float] = (300, 850)) -> alt.VConcatChart:
    """``fairness_chart`` of one result of ``lender_fairness_update`` (a static chart)."""
    if not isinstance(result, FairnessResult):
        raise TypeError(f"result must be a FairnessResult (from lender_fairness_update); got {type(result).__name__}")
    return fairness_chart(rate_rows(result.rates), result.histogram, cutoff_a=result.cutoff("A"),
                          cutoff_b=result.cutoff("B"), title=title, description=description, domain=domain)


def fairness_live_chart(*, title: str, description: str, domain: tuple[float, float], rates_title: str,
                        cutoff_a: float, cutoff_b: float) -> alt.VConcatChart:
    """The fairness panel's chart skeleton: ``fairness_chart`` over the datasets ``rates`` and ``hist``, the
    two cut-offs and the rates' title chart parameters (``cutoff_a``, ``cutoff_b``, ``rates_title``)."""
    rates_param = alt.param(name="rates_title", value=rates_title)
    a = alt.param(name="cutoff_a", value=cutoff_a)
    b = alt.param(name="cutoff_b", value=cutoff_b)
    return fairness_chart(alt.Data(name="rates"), alt.Data(name="hist"), cutoff_a=a, cutoff_b=b,
                          title=title, description=description, domain=domain,
                          rates_title=alt.Title(alt.expr(rates_param.name)), params=(rates_param,))
