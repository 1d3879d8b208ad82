"""Computed keys of notebook 04: how far a synthetic user's contacts can move the toy score, and the
stake the eight firms of 2015 hold in Baihang Credit together."""

from __future__ import annotations

import pandas as pd

from ...data import load
from ...models import commercial_score
from . import numeric


def _range() -> tuple[float, float]:
    rows = load("scoring_models").set_index("id")["value"].astype(float)
    return rows["commercial-five-score-min"], rows["commercial-five-score-max"]


def _spread(low: float, high: float, pull: float = commercial_score.ILLUSTRATIVE_CONTACT_INFLUENCE) -> float:
    """Points between contacts all rated 100 and all rated 0: the span x the relationships weight x the pull."""
    weight = commercial_score.ILLUSTRATIVE_WEIGHTS[commercial_score.RELATIONSHIPS] / 100
    return (high - low) * weight * pull * (100 - 0) / 100


@numeric("q04_friends_spread", name="friends_spread", abs_tol=0.5, digits=1,
         hint="the contacts' ratings move the relationships rating by the pull times 100; that counts with the "
              "relationships weight, and the weighted 0-100 rating is stretched over the score's published range.",
         mistakes={
             "the contacts' pull is left out: at a pull of 0.5 the contacts make only half of the relationships rating.":
                 lambda: _spread(*_range(), pull=1.0),
             "that is on the 0-100 rating scale; stretch it over the score's published range (350-950).":
                 lambda: _spread(0, 100),
             "you used 900 as the top of the range, the 2017 news item's figure; the range the kit follows ends at 950.":
                 lambda: _spread(_range()[0], load("scoring_models").set_index("id").loc[
                     "commercial-five-score-max-cgtn-2017", "value"]),
             "you used 0-950 as the range; the score starts at 350.": lambda: _spread(0, _range()[1]),
             "that is the change in the relationships rating itself; it counts with its weight of 20%.":
                 lambda: commercial_score.ILLUSTRATIVE_CONTACT_INFLUENCE * 100,
         })
def friends_spread() -> float:
    return _spread(*_range())


def _stakes() -> pd.DataFrame:
    firms = load("commercial_firms")
    return firms[firms["role"] == "Baihang shareholder"]


@numeric("q04_baihang_shares", name="eight_firms_share",
         hint="keep the Baihang shareholders, leave out the Internet Finance Association, and add up the stakes.",
         mistakes={
             "that is every stake, the association's included; leave the association out.":
                 lambda: float(_stakes()["ownership_share_percent"].sum()),
             "that is the association's stake; the question asks about the eight firms.":
                 lambda: float(_stakes().loc[_stakes()["name"] == "Internet Finance Association",
                                             "ownership_share_percent"].sum()),
             "that is one firm's stake; add up all eight.":
                 lambda: float(_stakes()["ownership_share_percent"].min()),
             "that is a fraction; give the stake in percent (0-100).":
                 lambda: float(_stakes().loc[_stakes()["name"] != "Internet Finance Association",
                                             "ownership_share_percent"].sum()) / 100,
         })
def eight_firms_share() -> float:
    stakes = _stakes()
    return float(stakes.loc[stakes["name"] != "Internet Finance Association", "ownership_share_percent"].sum())
