"""Published uptake of the city citizen scores (notebooks 03 and 07): who activated an account and who did not.

Read from ``data/city_scores.csv`` [S10]. A city's share is the published percentage where the
source gives one (Xiamen about 5%, Wuhu 1.5%, Hangzhou about 15%); where it gives only accounts
and population (Suzhou: 1.63 million of 13 million), the kit divides the two and marks the share
"computed by the kit". Cities with neither, and rows marked unconfirmed, are left out: no share
is ever filled in. Nothing here is illustrative. The chart is ``widgets.charts.city_uptake``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import check_choice, check_table
from ..data import UNCONFIRMED, load

PUBLISHED_SHARE = "activated (published share)"
COMPUTED_SHARE = "activated (share computed by the kit: accounts ÷ population)"
NO_ACCOUNT = "no activated account"
STATUSES: tuple[str, ...] = (PUBLISHED_SHARE, COMPUTED_SHARE, NO_ACCOUNT)
COLUMNS = ("id", "city", "accounts_activated", "population_base", "share_activated_percent",
           "source_id", "confidence")


def _city_scores(city_scores: pd.DataFrame | None) -> pd.DataFrame:
    table = load("city_scores") if city_scores is None else city_scores
    return check_table("city_scores", table, COLUMNS, what="the city_scores table")


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
