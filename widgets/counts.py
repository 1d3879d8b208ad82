"""Published counts beside the chapter's own figures, as a table and a bar chart (notebooks 03 and 06).

Every count is read from ``data/`` with its source id: rows of ``scoring_models.csv`` (members of
the joint conference, pilot cities, central memoranda) and the batch totals of
``demonstration_cities.csv``. Each row says what kind of figure it is (``basis``):

- a **published figure** found in a source;
- a figure **derived by the kit** (the second batch of demonstration cities, 28 − 12 = 16);
- a figure found **only in the chapter** (its "more than 47" institutions, "at least 62" pilots),
  drawn in its own colour so that it is never mistaken for a checked number.

A row without a number (for example one marked ``unconfirmed``) is refused: it has nothing to draw.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from . import charts
from .data import load
from .sources import format_date

PUBLISHED = "published figure"
DERIVED = "derived by the kit (see note)"
CHAPTER = "only in the chapter (not found in the sources)"
BASES: tuple[str, ...] = (PUBLISHED, DERIVED, CHAPTER)
BASIS_COLOURS = {PUBLISHED: charts.PALETTE[0], DERIVED: charts.PALETTE[2], CHAPTER: charts.PALETTE[1]}

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


def _check_ids(ids: object) -> list[str]:
    if isinstance(ids, str) or not isinstance(ids, Sequence) or not ids or not all(isinstance(i, str) for i in ids):
        raise TypeError(f"ids must be a non-empty list of row ids (strings); got {type(ids).__name__} {ids!r}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"ids must not repeat a row; got {list(ids)!r}")
    return list(ids)


def _check_table(name: str, table: object, columns: Sequence[str]) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; needed: {', '.join(columns)}")
    return table


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
    for column in ("id", "label", "source_id", "confidence", "note"):
        frame[column] = frame[column].astype("string")
    return frame.reset_index(drop=True)


def model_counts(ids: Sequence[str], scoring_models: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts from ``scoring_models.csv`` in the order given: id, label, value, unit, year, source_id,
    confidence, basis, note. Unknown ids and rows without a number raise ValueError."""
    ids = _check_ids(ids)
    table = _check_table("scoring_models", load("scoring_models") if scoring_models is None else scoring_models,
                         ("id", "label", "value", "unit", "year", "source_id", "confidence", "note"))
    unknown = [i for i in ids if i not in set(table["id"].astype(str))]
    if unknown:
        raise ValueError(f"ids not found in scoring_models.csv: {', '.join(unknown)}")
    frame = table.set_index(table["id"].astype(str)).loc[ids].reset_index(drop=True)
    frame = frame[["id", "label", "value", "unit", "year", "source_id", "confidence", "note"]].copy()
    return _finish(frame, "scoring_models")


def demonstration_batches(demonstration_cities: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per batch of demonstration cities: its total (published or derived) and the cities named.

    Columns: id, batch, label ('Batch 1, 9 January 2018'), value (the batch total), named (cities
    the data name for that batch), source_id, confidence, basis, note; sorted by batch.
    """
    table = _check_table("demonstration_cities",
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
    """Each value as text with thousands separators ('39', '1,630,000')."""
    return frame["value"].map("{:,.0f}".format).astype("string")


def counts_chart(frame: pd.DataFrame, *, title: str, x_title: str,
                 description: str | None = None) -> alt.LayerChart:
    """Horizontal bars, one per row in the order given, coloured by basis (published, derived, chapter only).

    ``frame`` needs the columns of ``model_counts`` / ``demonstration_batches`` (id, label, value,
    source_id, confidence, basis, note); ``x_title`` names the unit, e.g. 'Central bodies (count)'.
    """
    frame = _check_table("frame", frame, COLUMNS)
    for name, value in (("title", title), ("x_title", x_title)):
        if not isinstance(value, str) or not value.strip():
            raise TypeError(f"{name} must be a non-empty string; got {type(value).__name__} {value!r}")
    if frame.empty:
        raise ValueError("frame must have at least one row; it is empty")
    if len(frame) > charts.MAX_ROWS:
        raise ValueError(f"frame has {len(frame):,} rows; at most {charts.MAX_ROWS:,} can be charted")
    if frame["value"].isna().any():
        raise ValueError("frame has rows without a value; drop them (they are unconfirmed) before charting")
    unknown = sorted(set(frame["basis"].astype(str)) - set(BASES))
    if unknown:
        raise ValueError(f"frame['basis'] must be one of: {', '.join(BASES)}; got {', '.join(unknown)}")
    data = pd.DataFrame({
        "label": frame["label"].astype(str), "value": frame["value"].astype(float),
        "value_text": value_text(frame).astype(str), "basis": frame["basis"].astype(str),
        "source": "[" + frame["source_id"].astype(str) + "]", "confidence": frame["confidence"].astype(str),
        "note": frame["note"].fillna("").astype(str),
    })
    order = list(data["label"])
    if description is None:
        description = ("Bars give each count: " + "; ".join(
            f"{label}: {text} {source}" + ("" if b == PUBLISHED else f", {b}")
            for label, text, source, b in zip(data["label"], data["value_text"], data["source"], data["basis"]))
            + ".")
    present = [b for b in BASES if b in set(data["basis"])]
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=480))
    x = alt.X("value:Q", title=x_title, scale=alt.Scale(domain=[0, float(data["value"].max()) * 1.15]))
    tooltip = [alt.Tooltip("label:N", title="Count"), alt.Tooltip("value_text:N", title="Value"),
               alt.Tooltip("basis:N", title="Kind of figure"), alt.Tooltip("source:N", title="Source"),
               alt.Tooltip("confidence:N", title="Confidence"), alt.Tooltip("note:N", title="Note")]
    bars = alt.Chart(data).mark_bar(height=18).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("basis:N", title="Kind of figure", sort=present,
                        scale=alt.Scale(domain=present, range=[BASIS_COLOURS[b] for b in present]),
                        legend=alt.Legend(labelLimit=420)))
    text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=12).encode(x=x, y=y, text="value_text:N")
    return alt.layer(bars, text, title=title, description=description).properties(
        width=charts.WIDTH - 140, height=30 * len(data))
