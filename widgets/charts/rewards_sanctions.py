"""The chart of the rewards-versus-sanctions toy (notebook 06): compliance over time, one line per scenario."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .theme import HEIGHT, MAX_ROWS, PALETTE, WIDTH

SCENARIO_COLOURS = {  # Okabe & Ito colours from the shared palette; "neither" also dashed
    "Neither": PALETTE[7], "Rewards only": PALETTE[0],
    "Sanctions only": PALETTE[3], "Rewards and sanctions": PALETTE[4],
}


def compliance_chart(long: pd.DataFrame | alt.Data, *, title: str, description: str) -> alt.Chart:
    """Compliance (%) over time, one line per scenario (columns: scenario, period, compliance_percent).

    ``long`` may be a named dataset (the rows a live panel sends with each update).
    """
    if isinstance(long, alt.Data):
        frame = long
    elif not isinstance(long, pd.DataFrame):
        raise TypeError(f"long must be a pandas DataFrame; got {type(long).__name__}")
    elif len(long) > MAX_ROWS:
        raise ValueError(f"long has {len(long):,} rows; aggregate it to at most {MAX_ROWS:,} before charting")
    else:
        frame = long.assign(scenario=lambda d: d["scenario"].astype(str))
    order = list(SCENARIO_COLOURS)
    return alt.Chart(frame, title=title, description=description).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("period:Q", title="Period (toy time steps)", axis=alt.Axis(tickMinStep=1), scale=alt.Scale(zero=False)),
        y=alt.Y("compliance_percent:Q", title="Synthetic people complying (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("scenario:N", title="Scenario", sort=order,
                        scale=alt.Scale(domain=order, range=[SCENARIO_COLOURS[s] for s in order])),
        strokeDash=alt.StrokeDash("scenario:N", title="Scenario", sort=order,
                                  scale=alt.Scale(domain=order, range=[[6, 3], [1, 0], [1, 0], [1, 0]])),
        tooltip=[alt.Tooltip("scenario:N", title="Scenario"), alt.Tooltip("period:Q", title="Period"),
                 alt.Tooltip("compliance_percent:Q", title="Complying (%)", format=".2f")],
    ).properties(width=WIDTH, height=HEIGHT)


def compliance_live_chart(*, title: str, description: str) -> alt.Chart:
    """The rewards-and-sanctions panel's chart skeleton: ``compliance_chart`` over the dataset ``lines``."""
    return compliance_chart(alt.Data(name="lines"), title=title, description=description)
