"""The city-score uptake chart (notebooks 03 and 07): one 100% bar per city, activated or not."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ..topics.city_uptake import COMPUTED_SHARE, NO_ACCOUNT, PUBLISHED_SHARE, STATUSES, share_text, uptake_table
from .theme import PALETTE, WIDTH

STATUS_COLOURS = {PUBLISHED_SHARE: PALETTE[0], COMPUTED_SHARE: PALETTE[2], NO_ACCOUNT: "#dddddd"}


def uptake_chart(city_scores: pd.DataFrame | None = None, *,
                 title: str = "Most residents of these cities have no city-score account",
                 description: str | None = None) -> alt.LayerChart:
    """One 100% bar per city: the share who activated an account (published or computed, marked) and the rest."""
    table = uptake_table(city_scores)
    if table.empty:
        raise ValueError("city_scores holds no city with a published uptake figure; nothing to chart")
    activated_status = np.where(table["computed"], COMPUTED_SHARE, PUBLISHED_SHARE)
    texts = table["share_percent"].map(share_text)
    common = {"city": table["city"].to_numpy(), "share_text": texts.to_numpy(),
              "accounts": table["accounts"].to_numpy(), "population": table["population"].to_numpy(),
              "source": ("[" + table["source_id"] + "]").to_numpy(), "confidence": table["confidence"].to_numpy()}
    data = pd.concat([
        pd.DataFrame({**common, "status": activated_status, "percent": table["share_percent"].round(2).to_numpy(),
                      "order": 0}),
        pd.DataFrame({**common, "status": NO_ACCOUNT, "percent": table["not_activated_percent"].round(2).to_numpy(),
                      "order": 1}),
    ], ignore_index=True)
    cities = list(table["city"])
    if description is None:
        parts = [f"{c} {t}" + (" (computed by the kit from "
                               f"{a:,.0f} accounts of {p:,.0f} people)" if comp else "")
                 for c, t, comp, a, p in zip(table["city"], texts, table["computed"], table["accounts"],
                                             table["population"])]
        description = ("Each bar is all of a city's residents; the coloured part is the share who activated a "
                       "city-score account: " + "; ".join(parts) + ". The grey rest had no activated account.")
    present = [s for s in STATUSES if s in set(data["status"])]
    y = alt.Y("city:N", title=None, sort=cities)
    x = alt.X("percent:Q", title="Residents (%)", stack="zero", scale=alt.Scale(domain=[0, 100]))
    tooltip = [alt.Tooltip("city:N", title="City"), alt.Tooltip("status:N", title="Part"),
               alt.Tooltip("percent:Q", title="Residents (%)", format=".1f"),
               alt.Tooltip("accounts:Q", title="Accounts activated", format=","),
               alt.Tooltip("population:Q", title="Population (where published)", format=","),
               alt.Tooltip("source:N", title="Source"), alt.Tooltip("confidence:N", title="Confidence")]
    bars = alt.Chart(data).mark_bar(height=20).encode(
        x=x, y=y, order=alt.Order("order:Q"), tooltip=tooltip,
        color=alt.Color("status:N", title=None, sort=present,
                        scale=alt.Scale(domain=present, range=[STATUS_COLOURS[s] for s in present]),
                        legend=alt.Legend(columns=1, labelLimit=480)))
    labels = alt.Chart(data[data["order"] == 0]).mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("percent:Q", scale=alt.Scale(domain=[0, 100])), y=y, text="share_text:N")
    return alt.layer(bars, labels, title=title, description=description).properties(
        width=WIDTH, height=34 * len(cities))
