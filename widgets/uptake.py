"""Published uptake of the city citizen scores: who activated an account and who did not (notebook 03).

Read from ``data/city_scores.csv`` [S10]. A city's share is the published percentage where the
source gives one (Xiamen about 5%, Wuhu 1.5%, Hangzhou about 15%); where it gives only accounts
and population (Suzhou: 1.63 million of 13 million), the kit divides the two and marks the share
"computed by the kit". Cities with neither, and rows marked unconfirmed, are left out: no share
is ever filled in. Nothing here is illustrative.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from . import charts
from .checks import check_choice
from .data import UNCONFIRMED, load

PUBLISHED_SHARE = "activated (published share)"
COMPUTED_SHARE = "activated (share computed by the kit: accounts ÷ population)"
NO_ACCOUNT = "no activated account"
STATUSES: tuple[str, ...] = (PUBLISHED_SHARE, COMPUTED_SHARE, NO_ACCOUNT)
STATUS_COLOURS = {PUBLISHED_SHARE: charts.PALETTE[0], COMPUTED_SHARE: charts.PALETTE[2], NO_ACCOUNT: "#dddddd"}
COLUMNS = ("id", "city", "accounts_activated", "population_base", "share_activated_percent",
           "source_id", "confidence")


def _city_scores(city_scores: pd.DataFrame | None) -> pd.DataFrame:
    table = load("city_scores") if city_scores is None else city_scores
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"city_scores must be a pandas DataFrame (the city_scores table); got {type(table).__name__}")
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"city_scores is missing column(s) {', '.join(missing)}; needed: {', '.join(COLUMNS)}")
    if len(table) > charts.MAX_ROWS:
        raise ValueError(f"city_scores has {len(table):,} rows; at most {charts.MAX_ROWS:,} can be charted")
    return table


def _shares(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(share in percent, whether it was computed) for every row; NaN where there is no figure."""
    published = pd.to_numeric(table["share_activated_percent"], errors="raise").astype("float64")
    accounts = pd.to_numeric(table["accounts_activated"], errors="raise").astype("float64")
    population = pd.to_numeric(table["population_base"], errors="raise").astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        computed = (accounts / population.where(population > 0)) * 100
    share = published.fillna(computed)
    unconfirmed = table["confidence"].astype(str).eq(UNCONFIRMED)
    share = share.where(~unconfirmed)
    if ((share < 0) | (share > 100)).any():
        bad = table.loc[(share < 0) | (share > 100), "city"].astype(str)
        raise ValueError(f"city_scores: the share activated must be between 0 and 100%; "
                         f"check the row(s) for {', '.join(bad)} (more accounts than people?)")
    return share, published.isna() & share.notna()


def uptake_table(city_scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per city with a figure, largest share first: id, city, share_percent (unrounded),
    not_activated_percent, computed (True when the kit divided accounts by population), accounts,
    population, source_id, confidence."""
    table = _city_scores(city_scores)
    share, computed = _shares(table)
    frame = pd.DataFrame({
        "id": table["id"].astype(str).to_numpy(), "city": table["city"].astype(str).to_numpy(),
        "share_percent": share.to_numpy(), "not_activated_percent": (100 - share).to_numpy(),
        "computed": computed.to_numpy(dtype=bool),
        "accounts": pd.to_numeric(table["accounts_activated"]).astype("float64").to_numpy(),
        "population": pd.to_numeric(table["population_base"]).astype("float64").to_numpy(),
        "source_id": table["source_id"].astype(str).to_numpy(),
        "confidence": table["confidence"].astype(str).to_numpy(),
    })
    frame = frame[frame["share_percent"].notna()]
    return frame.sort_values(["share_percent", "city"], ascending=[False, True], kind="stable").reset_index(drop=True)


def activation_share(city: str, city_scores: pd.DataFrame | None = None) -> float:
    """The share (%) of ``city``'s residents with an activated account: published, or accounts ÷ population."""
    table = uptake_table(city_scores)
    check_choice("city", city, sorted(table["city"]))
    return float(table.loc[table["city"] == city, "share_percent"].iloc[0])


def share_text(share: float) -> str:
    """A share for display: '5%', '1.5%', '12.5%' (at most one decimal; a tiny share is not shown as 0%)."""
    if 0 < share < 0.05:
        return "under 0.1%"
    return f"{round(float(share), 1):g}%"


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
        width=charts.WIDTH, height=34 * len(cities))
