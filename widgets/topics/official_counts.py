"""Official counts beside the chapter's own figures (notebooks 03 and 06), shaped for a bar chart.

Every count is read from ``data/`` with its source id: rows of ``scoring_models.csv`` (members of
the joint conference, pilot cities, central memoranda) and the batch totals of
``demonstration_cities.csv``. Each row says what kind of figure it is (``basis``):

- a **published figure** found in a source;
- a figure **derived by the kit** (the second batch of demonstration cities, 28 − 12 = 16);
- a figure found **only in the chapter** (its "more than 47" institutions, "at least 62" pilots),
  drawn in its own colour so that it is never mistaken for a checked number.

A number stated as a bound keeps its ``qualifier`` ("more than", "at least", "about"): the chapter's
"more than 47" is a lower bound, never exactly 47, and ``value_text`` and the chart say so. A row
without a number (for example one marked ``unconfirmed``) is refused: it has nothing to draw.
The chart is ``widgets.charts.official_counts``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..checks import check_ids, check_table
from ..data import load
from ..sources import format_date

PUBLISHED = "published figure"
DERIVED = "derived by the kit (see note)"
CHAPTER = "only in the chapter (not found in the sources)"
BASES: tuple[str, ...] = (PUBLISHED, DERIVED, CHAPTER)

# the rows each chart shows, in chart order
JOINT_CONFERENCE_IDS: tuple[str, ...] = (
    "list-rules-joint-conference-members-2015", "list-rules-mou-2016-signatories",
    "list-rules-joint-conference-members-2019-before", "list-rules-joint-conference-members-2019-after",
    "list-rules-central-institutions-chapter",
)
PILOT_IDS: tuple[str, ...] = (
    "city-points-pilot-cities-bi", "city-points-municipal-pilots-2018",
    "city-points-pilot-cities-2018-press-release", "city-points-pilots-chapter",
)
MEMORANDA_IDS: tuple[str, ...] = ("list-rules-punishment-memoranda", "list-rules-incentive-memoranda")
# batch totals the kit computed rather than read from a source (the note of each says how)
DERIVED_IDS: tuple[str, ...] = ("dc-2-total",)

COLUMNS = ("id", "label", "value", "source_id", "confidence", "basis", "note")
LOWER_BOUNDS: tuple[str, ...] = ("more than", "at least")  # qualifiers that make a number a lower bound


def basis(frame: pd.DataFrame, derived_ids: Sequence[str] = DERIVED_IDS) -> pd.Series:
    """Per row: 'published figure', 'derived by the kit (see note)' or 'only in the chapter (...)'."""
    chapter = (frame["source_id"].astype(str).eq("chapter")
               | frame["confidence"].astype(str).eq("chapter-only")).to_numpy()
    derived = frame["id"].astype(str).isin(list(derived_ids)).to_numpy()
    return pd.Series(np.select([derived, chapter], [DERIVED, CHAPTER], default=PUBLISHED),
                     index=frame.index, name="basis", dtype="string")


def _finish(frame: pd.DataFrame, table_name: str) -> pd.DataFrame:
    empty = frame["value"].isna()
    if empty.any():
        raise ValueError(f"ids {', '.join(frame.loc[empty, 'id'].astype(str))} carry no figure in "
                         f"{table_name}.csv (unconfirmed or not recorded); choose rows with a number")
    frame = frame.assign(basis=basis(frame), value=frame["value"].astype("float64"))
    if "qualifier" not in frame.columns:
        frame["qualifier"] = pd.NA
    for column in ("id", "label", "source_id", "confidence", "note", "qualifier"):
        frame[column] = frame[column].astype("string")
    return frame.reset_index(drop=True)


def model_counts(ids: Sequence[str], scoring_models: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts from ``scoring_models.csv`` in the order given: id, label, value, qualifier ('more than',
    'at least', 'about' or empty), unit, year, source_id, confidence, basis, note. Unknown ids and rows
    without a number raise ValueError."""
    columns = ["id", "label", "value", "qualifier", "unit", "year", "source_id", "confidence", "note"]
    table = check_table("scoring_models", load("scoring_models") if scoring_models is None else scoring_models,
                        columns)
    ids = check_ids("ids", ids, table["id"], hint="see data/scoring_models.csv for the ids")
    frame = table.set_index(table["id"].astype(str)).loc[ids].reset_index(drop=True)
    frame = frame[columns].copy()
    return _finish(frame, "scoring_models")


def demonstration_batches(demonstration_cities: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per batch of demonstration cities: its total (published or derived) and the cities named.

    Columns: id, batch, label ('Batch 1, 9 January 2018'), value (the batch total), named (cities
    the data name for that batch), source_id, confidence, basis, note; sorted by batch.
    """
    table = check_table("demonstration_cities",
                        load("demonstration_cities") if demonstration_cities is None else demonstration_cities,
                        ("id", "batch", "announced_date", "precision", "city", "batch_total", "source_id",
                         "confidence", "note"))
    totals = table[table["city"].isna()].sort_values("batch", kind="stable")
    if totals.empty:
        raise ValueError("demonstration_cities has no batch-total rows (rows with an empty city)")
    named = table[table["city"].notna()].groupby("batch").size()
    dates = [format_date(d, p) for d, p in zip(totals["announced_date"], totals["precision"].astype(str))]
    frame = pd.DataFrame({
        "id": totals["id"].astype(str).to_numpy(),
        "batch": totals["batch"].astype(int).to_numpy(),
        "label": [f"Batch {b}, {d}" for b, d in zip(totals["batch"].astype(int), dates)],
        "value": totals["batch_total"].astype("float64").to_numpy(),
        "named": named.reindex(totals["batch"].astype(int).to_numpy(), fill_value=0).to_numpy(),
        "source_id": totals["source_id"].astype(str).to_numpy(),
        "confidence": totals["confidence"].astype(str).to_numpy(),
        "note": totals["note"].to_numpy(dtype=object),
    })
    return _finish(frame, "demonstration_cities")


def value_text(frame: pd.DataFrame) -> pd.Series:
    """Each value as text with thousands separators and its qualifier ('39', '1,630,000', 'more than 47')."""
    text = frame["value"].map("{:,.0f}".format).astype("string")
    if "qualifier" not in frame.columns:
        return text
    qualifier = frame["qualifier"].astype("string")
    return (qualifier + " " + text).fillna(text).astype("string")


def lower_bound(frame: pd.DataFrame) -> pd.Series:
    """Per row: True when the number is a lower bound ('more than 47', 'at least 62'), not an exact count."""
    if "qualifier" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["qualifier"].astype("string").isin(list(LOWER_BOUNDS)).fillna(False).astype(bool)
