"""The law and policy since the chapter (notebook 08): China's documents of 2020-2026 from ``instruments.csv``.

``documents`` gives each document's issuer, number and the date it was issued (promulgated or,
failing that, adopted), with a status that says what the kit can and cannot teach about it: a
draft whose enactment was not found, or a measure seen only on mirrors that must be confirmed
before teaching. ``repair_periods`` shapes the 2025 plan's publication periods for negative
information (``listing_rules.csv``). Nothing here is illustrative: every row is a row of ``data/``.
The chart is ``widgets.charts.later_law``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from IPython.display import Markdown

from ..checks import check_ids, check_table
from ..data import load
from ..sources import format_date, markdown_table

ISSUED, DRAFT, CONFIRM = "issued", "draft: enactment not found", "seen on mirrors only: confirm before teaching"
STATUSES: tuple[str, ...] = (ISSUED, DRAFT, CONFIRM)
DOCUMENT_COLUMNS = ("id", "short_name", "title", "title_zh", "issuer", "number", "kind", "date", "date_is",
                    "in_force", "status", "source_id", "confidence")


def documents(ids: Sequence[str]) -> pd.DataFrame:
    """The given instruments, sorted by the date they were issued, with a teaching status.

    ``date_is`` says which date is used: 'promulgated' (published) where known, else 'adopted'.
    """
    table = load("instruments").set_index("id")
    ids = check_ids("ids", ids, table.index, noun="instrument",
                    hint="see data/instruments.csv for the ids")
    rows = table.loc[ids].reset_index()
    promulgated = rows["promulgated"].notna()
    rows["date"] = rows["promulgated"].where(promulgated, rows["adopted"])
    rows["date_is"] = np.where(promulgated, "promulgated", "adopted")
    missing = rows.loc[rows["date"].isna(), "id"]
    if not missing.empty:
        raise ValueError(f"ids: {', '.join(missing)} has no promulgation or adoption date to place it in time")
    rows["status"] = np.select([rows["check_before_teaching"].astype(bool), rows["status"].astype(str) == "draft"],
                               [CONFIRM, DRAFT], default=ISSUED)
    return rows[list(DOCUMENT_COLUMNS)].sort_values(["date", "id"]).reset_index(drop=True)


def documents_markdown(ids: Sequence[str]) -> Markdown:
    """The documents as a Markdown table: date, document and number, issuer, status, source."""
    frame = documents(ids)
    body = ([format_date(d), f"{name}" + (f" ({num})" if pd.notna(num) and str(num) not in name else ""),
             issuer, f"{kind}; {status}", f"[{src}]"]
            for d, name, num, issuer, kind, status, src in zip(
                frame["date"], frame["short_name"], frame["number"], frame["issuer"], frame["kind"],
                frame["status"], frame["source_id"]))
    return Markdown(markdown_table(["Issued", "Document", "Issuer", "Kind and status", "Source"], body))


def repair_periods(ids: Sequence[str]) -> pd.DataFrame:
    """Publication periods for negative information (rows of ``listing_rules.csv``), in months.

    One row per class of information: the shortest and longest period in months (a year is 12
    months), the rule's text and its source. A missing lower bound is 0 ("at most").
    """
    table = load("listing_rules").set_index("id")
    ids = check_ids("ids", ids, table.index, noun="rule", hint="see data/listing_rules.csv for the ids")
    rows = table.loc[ids].reset_index()
    bad = rows.loc[~rows["unit"].isin(["months", "years"]), "id"]
    if not bad.empty:
        raise ValueError(f"ids: {', '.join(bad)} is not a period in months or years")
    factor = np.where(rows["unit"] == "years", 12.0, 1.0)
    low = rows["value"].astype(float).fillna(0.0) * factor
    high = rows["value_max"].astype(float).fillna(rows["value"].astype(float)) * factor
    return pd.DataFrame({"id": rows["id"], "rule": rows["rule"], "months_min": low, "months_max": high,
                         "source_id": rows["source_id"].astype(str),
                         "confidence": rows["confidence"].astype(str)}).sort_values(
        ["months_max", "id"]).reset_index(drop=True)


def describe_documents(frame: pd.DataFrame) -> str:
    """One sentence for the documents chart: how many, over which years, and what cannot be taught as fact."""
    frame = check_table("frame", frame, ("short_name", "date", "status"), what="from later_law.documents")
    years = f"{frame['date'].min().year} to {frame['date'].max().year}"
    flagged = [f"{name} ({status})" for name, status in zip(frame["short_name"], frame["status"]) if status != ISSUED]
    return (f"Dots place {len(frame)} documents on the date each was issued, from {years}; hollow rings mark the "
            f"date a document took effect where one is recorded"
            + (f"; not settled: {'; '.join(flagged)}" if flagged else "") + ".")
