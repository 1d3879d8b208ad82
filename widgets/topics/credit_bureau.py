"""China's own financial credit bureau (notebook 01): the size of the central bank's personal credit database.

The rows are those of ``data/registry_counts.csv`` for the People's Bank of China's database
(``pboc-credit-database``) that count *people*: natural persons in the database, and the persons
among them with a credit record [S81]. Rows that count records, or whose unit the sources do not
give, are left out of the chart (``other_sizes`` lists them for a table), because only figures
with the same unit belong on one axis. Each row says what kind of figure it is (``kind``):
two figures for early 2006 disagree and are drawn as *conflicting*; "more than" marks a lower
bound. The chart is ``widgets.charts.credit_bureau``. ``instruments_markdown`` shows an instrument's
dates (adopted, promulgated, in force) as dates.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from IPython.display import Markdown

from ..checks import check_ids, check_table
from ..data import load
from ..sources import CONFIDENCE_TEXT, format_date, markdown_table

REGISTRY = "pboc-credit-database"
PEOPLE_METRICS: dict[str, str] = {
    "natural_persons": "People in the database",
    "persons_with_credit_records": "People with a credit record",
}
CONFLICTING = "conflicting: sources disagree"
LOWER_BOUND = "lower bound ('more than')"
APPROXIMATE = "approximate ('about')"
REPORTED = "reported figure"
KINDS: tuple[str, ...] = (REPORTED, LOWER_BOUND, APPROXIMATE, CONFLICTING)
COLUMNS = ("id", "date", "date_label", "metric", "metric_label", "value", "millions", "qualifier", "kind",
           "source_id", "confidence", "note")
_NEEDED = ("id", "registry", "date", "precision", "metric", "value", "unit", "qualifier", "source_id", "confidence",
           "note")


def _pboc_rows(registry_counts: pd.DataFrame | None) -> pd.DataFrame:
    table = check_table("registry_counts", load("registry_counts") if registry_counts is None else registry_counts,
                        _NEEDED, what="rows of data/registry_counts.csv")
    return table[table["registry"].astype(str) == REGISTRY]


def kind(confidence: str, qualifier: object) -> str:
    """What kind of figure a row is: conflicting, a lower bound, approximate, or a reported figure."""
    if confidence == "conflicting":
        return CONFLICTING
    if qualifier == "more than":
        return LOWER_BOUND
    if qualifier == "about":
        return APPROXIMATE
    return REPORTED


def database_sizes(registry_counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The database's published sizes in people, sorted by date then metric (columns ``COLUMNS``).

    ``millions`` is the count in millions; rows without a number are refused (nothing to draw).
    """
    rows = _pboc_rows(registry_counts)
    rows = rows[rows["metric"].astype(str).isin(list(PEOPLE_METRICS))]
    if rows.empty:
        raise ValueError(f"registry_counts has no {REGISTRY} rows counting people")
    if rows["value"].isna().any() or rows["date"].isna().any():
        bad = rows.loc[rows["value"].isna() | rows["date"].isna(), "id"]
        raise ValueError(f"rows {', '.join(map(str, bad))} carry no figure or no date; a chart needs both")
    order = {m: i for i, m in enumerate(PEOPLE_METRICS)}
    rows = rows.assign(_m=rows["metric"].astype(str).map(order)).sort_values(["date", "_m"], kind="stable")
    qualifiers = rows["qualifier"].astype(object).where(rows["qualifier"].notna(), None)
    frame = pd.DataFrame({
        "id": rows["id"].astype(str).to_numpy(),
        "date": pd.to_datetime(rows["date"]).to_numpy(),
        "date_label": [format_date(d, p) for d, p in zip(rows["date"], rows["precision"].astype(str))],
        "metric": rows["metric"].astype(str).to_numpy(),
        "metric_label": rows["metric"].astype(str).map(PEOPLE_METRICS).to_numpy(),
        "value": rows["value"].astype("int64").to_numpy(),
        "millions": rows["value"].astype(float).to_numpy() / 1e6,
        "qualifier": qualifiers.to_numpy(),
        "kind": [kind(str(c), q) for c, q in zip(rows["confidence"], qualifiers)],
        "source_id": rows["source_id"].astype(str).to_numpy(),
        "confidence": rows["confidence"].astype(str).to_numpy(),
        "note": rows["note"].fillna("").astype(str).to_numpy(),
    })
    return frame.reset_index(drop=True)


def conflicting_pair(sizes: pd.DataFrame) -> pd.DataFrame:
    """The conflicting figures of one metric that sources give for the same period (the early 2006 pair)."""
    frame = check_table("sizes", sizes, COLUMNS)
    clash = frame[(frame["kind"] == CONFLICTING) & (frame["metric"] == "natural_persons")]
    return clash.sort_values("date", kind="stable").reset_index(drop=True)


OTHER_METRICS: dict[str, str] = {
    "personal_records": "personal records (not people)",
    "enterprises_and_organisations": "enterprises and other organisations",
    "unspecified": "not stated by the sources",
}


def other_sizes(registry_counts: pd.DataFrame | None = None) -> list[str]:
    """Ids of the database's rows that do not count people (records, organisations, an unstated unit)."""
    rows = _pboc_rows(registry_counts)
    return list(rows.loc[~rows["metric"].astype(str).isin(list(PEOPLE_METRICS)), "id"].astype(str))


def other_sizes_markdown(ids: Sequence[str], registry_counts: pd.DataFrame | None = None) -> Markdown:
    """A Markdown table of the database's sizes that are not counts of people: date, what is counted,
    the figure (with its qualifier), source, confidence and the fact base's note."""
    rows = _pboc_rows(registry_counts)
    ids = check_ids("ids", ids, rows["id"].astype(str), hint="see data/registry_counts.csv")
    rows = rows.set_index(rows["id"].astype(str)).loc[ids]
    people = [i for i, m in zip(ids, rows["metric"].astype(str)) if m in PEOPLE_METRICS]
    if people:
        raise ValueError(f"ids {', '.join(people)} count people; they belong on the chart, not in this table")
    body = [[format_date(r["date"], str(r["precision"])) if pd.notna(r["date"]) else None,
             OTHER_METRICS.get(str(r["metric"]), str(r["metric"])),
             ("" if pd.isna(r["qualifier"]) or r["qualifier"] == "exact" else f"{r['qualifier']} ")
             + f"{int(r['value']):,}", f"[{r['source_id']}]", CONFIDENCE_TEXT[str(r["confidence"])], r["note"]]
            for _, r in rows.iterrows()]
    return Markdown(markdown_table(["Date", "What is counted", "Figure", "Source", "Confidence", "Note"], body))


def instruments_markdown(ids: Sequence[str], instruments: pd.DataFrame | None = None) -> Markdown:
    """A Markdown table of rows of ``data/instruments.csv``: title (English and Chinese), issuer and number,
    the dates it was adopted, promulgated and put in force, its status, source and confidence."""
    table = load("instruments") if instruments is None else instruments
    ids = check_ids("ids", ids, table["id"].astype(str), noun="instrument", hint="see data/instruments.csv")
    rows = table.set_index(table["id"].astype(str)).loc[ids]
    header = ["Instrument", "Chinese title", "Issuer", "Number", "Adopted", "Promulgated", "In force", "Status",
              "Source", "Confidence"]
    body = [[row["title"], row["title_zh"], row["issuer"], row["number"],
             *(format_date(row[c], "day") if pd.notna(row[c]) else None for c in ("adopted", "promulgated", "in_force")),
             row["status"], f"[{row['source_id']}]", CONFIDENCE_TEXT[str(row["confidence"])]]
            for _, row in rows.iterrows()]
    return Markdown(markdown_table(header, body))
