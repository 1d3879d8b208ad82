"""Computed keys of notebook 08: how much of the chapter the ledger confirms, among the claims the sources settled."""

from __future__ import annotations

import pandas as pd

from ...data import load
from . import numeric


def _ledger() -> pd.DataFrame:
    return load("claims")


def _settled() -> pd.DataFrame:
    claims = _ledger()
    return claims[claims["verdict"] != "unconfirmed"]


@numeric("q08_confirmed_share", name="confirmed_percent", abs_tol=0.5, digits=1,
         hint="keep the claims whose verdict is not 'unconfirmed', then take the share of those whose verdict "
              "is 'confirmed' and multiply it by 100.",
         mistakes={
             "that is the share of all claims; leave out the claims the sources could not find ('unconfirmed') "
             "first.": lambda: 100 * float((_ledger()["verdict"] == "confirmed").mean()),
             "that is a share between 0 and 1; the question asks for a percentage.":
                 lambda: float((_settled()["verdict"] == "confirmed").mean()),
             "that is a count of claims, not a percentage.": lambda: float((_settled()["verdict"] == "confirmed").sum()),
             "that counts the settled claims; divide the confirmed ones by it and multiply by 100.":
                 lambda: float(len(_settled())),
             "that is the percentage NOT confirmed (corrected or imprecise); the question asks for the confirmed "
             "ones.": lambda: 100 * float((_settled()["verdict"] != "confirmed").mean()),
         })
def confirmed_percent() -> float:
    settled = _settled()
    return 100 * float((settled["verdict"] == "confirmed").mean())
