"""Charts of state and commercial schemes (notebook 04): sanctions or perks by who runs them; Baihang's owners."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..topics.state_and_commercial import CONSEQUENCE_ORDER, OPERATOR_ORDER, OPERATORS, describe_counts, side_counts
from .theme import PALETTE, WIDTH, check_rows

CONSEQUENCE_COLOURS = dict(zip(CONSEQUENCE_ORDER, [PALETTE[3], PALETTE[0], PALETTE[1], "#bbbbbb"]))


def comparison_chart(comparison: pd.DataFrame, *, title: str = "Sanctions or perks? Schemes by who runs them",
                     description: str | None = None) -> alt.Chart:
    """Stacked bars: schemes per operator type, coloured by sanctions / perks / both / not recorded."""
    counts = check_rows("counts", side_counts(comparison))
    if description is None:
        description = describe_counts(counts)
    operators = [OPERATORS[o] for o in OPERATOR_ORDER if o in set(counts["operator_type"])]
    consequences = list(CONSEQUENCE_ORDER)
    most = int(counts.groupby("operator_type")["schemes"].sum().max())
    return alt.Chart(counts, title=title, description=description).mark_bar().encode(
        x=alt.X("schemes:Q", title="Schemes in the table (count)", scale=alt.Scale(domain=[0, most]),
                axis=alt.Axis(values=list(range(most + 1)), format="d")),
        y=alt.Y("operator:N", title="Run by", sort=operators, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("consequences:N", title="Brings", sort=consequences,
                        scale=alt.Scale(domain=consequences, range=[CONSEQUENCE_COLOURS[c] for c in consequences])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("operator:N", title="Run by"), alt.Tooltip("consequences:N", title="Brings"),
                 alt.Tooltip("schemes:Q", title="Schemes"), alt.Tooltip("names:N", title="Which")],
    ).transform_calculate(order=f"indexof({consequences!r}, datum.consequences)").properties(
        width=WIDTH, height=40 * len(operators))


def ownership_chart(ownership: pd.DataFrame, *, title: str = "Who owns Baihang Credit",
                    description: str | None = None) -> alt.Chart:
    """Horizontal bars of each shareholder's stake (percent), coloured by group."""
    frame = check_rows("ownership", ownership)
    needed = ["name", "share_percent", "group", "source_id"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"ownership is missing column(s) {', '.join(missing)}; build it with baihang_ownership()")
    if description is None:
        by_group = frame.groupby("group")["share_percent"].agg(["sum", "size"])
        description = ("Bars give each shareholder's stake: " + "; ".join(
            f"{group} {int(row['size'])} holder(s), {row['sum']:g}% together" for group, row in by_group.iterrows())
            + f"; {frame['share_percent'].sum():g}% in all.")
    groups = sorted(frame["group"].unique())
    order = list(frame["name"])
    return alt.Chart(frame[needed], title=title, description=description).mark_bar().encode(
        x=alt.X("share_percent:Q", title="Stake (% of Baihang)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelLimit=300)),
        color=alt.Color("group:N", title="Shareholder", sort=groups, legend=alt.Legend(labelLimit=300),
                        scale=alt.Scale(domain=groups, range=[PALETTE[0], PALETTE[1]][:len(groups)])),
        tooltip=[alt.Tooltip("name:N", title="Shareholder"), alt.Tooltip("share_percent:Q", title="Stake (%)"),
                 alt.Tooltip("group:N", title="Group"), alt.Tooltip("source_id:N", title="Source")],
    ).properties(width=WIDTH - 120, height=22 * len(frame))
