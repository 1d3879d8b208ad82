"""Older tools of moral education behind the chapter's socialisation claim (notebook 06): ``data/precursors.csv``.

The personnel dossier, the civilised-city campaign, the national moral models and the model
families are shaped here for a table and for a timeline chart (``widgets.charts.precursors``).
A fact whose year is conflicting has no year in the data and is never placed on the chart: it is
listed as undated instead. The 2014 Planning Outline, read from ``data/timeline.csv``, is the
chart's reference line.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from IPython.display import Markdown

from ..checks import check_ids
from ..data import load
from ..sources import CONFIDENCE_TEXT, format_value, markdown_table

# the institutions and campaigns, oldest first (the order of the chart's lanes)
INSTITUTIONS: tuple[str, ...] = ("dangan", "civilised-city", "moral-models", "five-good-families",
                                 "most-beautiful-families")
SCHOLARSHIP = "scholarship"  # works about the precursors (Min Jiang): in the text, not on the chart
PLANNING_OUTLINE_ID = "tl-2014-06-14-planning-outline"
COLUMNS = ("id", "precursor", "lane", "name_zh", "year", "year_end", "year_text", "fact", "value_text",
           "source_id", "confidence", "note")
POINT_COLUMNS = ("lane", "year", "year_end", "year_text", "facts", "ids", "source_ids", "confidence", "count")


def precursor_rows(ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of ``precursors.csv`` (all, or the ids given, in that order) with ``year_text`` and ``value_text``.

    ``year_text`` is "1950s" for a decade, the year otherwise, and "year conflicting" when the
    sources disagree (such a row has no year); ``value_text`` is the count with its unit and
    qualifier ("more than 10,000 households"), or empty.
    """
    table = load("precursors")
    if ids is not None:
        ids = check_ids("ids", ids, table["id"], noun="precursor",
                        hint="see data/precursors.csv for the ids")
        table = table.set_index("id").loc[ids].reset_index()
    frame = table.copy()
    frame["year_text"] = [_year_text(y, p, c) for y, p, c in
                          zip(frame["year"], frame["year_precision"], frame["confidence"])]
    frame["value_text"] = [_value_text(v, u, q) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"])]
    return frame


def dated_precursors() -> pd.DataFrame:
    """The institutions' dated facts for the chart, oldest lane first, then by year and id.

    Columns: ``COLUMNS`` (``lane`` is the institution's English name; ``year_end`` closes the
    period a decade stands for). Scholarship rows and rows without a year are left out.
    """
    frame = precursor_rows()
    frame = frame[frame["precursor"].isin(INSTITUTIONS) & frame["year"].notna()].copy()
    frame["lane"] = frame["precursor"].map(lane_labels())
    frame["year"] = frame["year"].astype(int)
    frame["year_end"] = frame["year"] + (frame["year_precision"] == "decade") * 9
    frame["order"] = frame["precursor"].map({p: i for i, p in enumerate(INSTITUTIONS)})
    frame = frame.sort_values(["order", "year", "id"], kind="stable").reset_index(drop=True)
    return frame[list(COLUMNS)]


def precursor_points(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per institution and year for the chart (several facts of one year share a dot).

    Columns: ``POINT_COLUMNS``: ``facts`` joins the facts of that year (a fact whose year is only
    that of the report that states it says so, from the row's note), ``ids`` and ``source_ids``
    join their ids, ``confidence`` is the weakest label among them, ``count`` how many they are.
    """
    frame = dated_precursors() if frame is None else frame
    if frame.empty:
        return pd.DataFrame(columns=list(POINT_COLUMNS))
    rank = {c: i for i, c in enumerate(("verified", "chapter-only", "conflicting", "unconfirmed"))}
    texts = [f"{fact}" + (" (The year is that of the report.)" if isinstance(note, str) and "year is that of" in note
                          else "") for fact, note in zip(frame["fact"], frame["note"])]
    work = frame.assign(text=texts, rank=frame["confidence"].astype(str).map(rank).astype(int),
                       id=frame["id"].astype(str), source_id=frame["source_id"].astype(str))
    grouped = work.groupby(["lane", "year"], sort=False)
    points = grouped.agg(year_end=("year_end", "max"), year_text=("year_text", "first"),
                         facts=("text", " / ".join), ids=("id", ", ".join),
                         source_ids=("source_id", lambda s: ", ".join(dict.fromkeys(s))),
                         rank=("rank", "max"), count=("id", "size")).reset_index()
    points["confidence"] = points["rank"].map({i: c for c, i in rank.items()})
    return points[list(POINT_COLUMNS)]


def undated_precursors() -> pd.DataFrame:
    """Facts about the institutions whose year the sources do not settle (kept off the chart)."""
    frame = precursor_rows()
    return frame[frame["precursor"].isin(INSTITUTIONS) & frame["year"].isna()].reset_index(drop=True)


def lane_labels() -> dict[str, str]:
    """Each institution's English name, as the data gives it (its first row)."""
    table = load("precursors")
    names = table.drop_duplicates("precursor").set_index("precursor")["name"]
    return {p: str(names[p]) for p in INSTITUTIONS}


def planning_outline() -> pd.Series:
    """The 2014 Planning Outline's row of ``timeline.csv``: the reference line on the chart."""
    return load("timeline").set_index("id").loc[PLANNING_OUTLINE_ID]


def years_before(frame: pd.DataFrame, year: int) -> int:
    """How many of the institutions in ``frame`` have a dated fact earlier than ``year`` (were running by then)."""
    return int(frame.loc[frame["year"] < year, "lane"].nunique())


def describe_precursors(frame: pd.DataFrame) -> str:
    """One sentence for the chart: how many facts, which span, how many institutions predate the Outline."""
    if frame.empty:
        return "No dated facts about the precursors are selected."
    outline = int(planning_outline()["date"].year)
    ordered = frame.sort_values(["year", "year_end"], kind="stable")
    first, last = ordered.iloc[0], ordered.iloc[-1]
    first_text = f"the {first['year_text']}" if first["year_text"].endswith("s") else first["year_text"]
    return (f"{len(frame)} dated facts about {frame['lane'].nunique()} institutions and campaigns, "
            f"from {first_text} to {last['year_text']}; {years_before(frame, outline)} of them were "
            f"already running before the {outline} Planning Outline.")


def _year_text(year: object, precision: object, confidence: object) -> str:
    if pd.isna(year):
        return "year conflicting" if confidence == "conflicting" else "year not recorded"
    return f"{int(year)}s" if precision == "decade" else f"{int(year)}"


def _value_text(value: object, unit: object, qualifier: object) -> str:
    if pd.isna(value):
        return ""
    text = format_value(value, None if pd.isna(unit) else str(unit))
    return f"more than {text}" if qualifier == "more than" else text


def precursors_markdown(ids: Sequence[str]) -> Markdown:
    """Chosen rows as a Markdown table: institution (with its Chinese name), year, what is recorded,
    the figure, source and confidence."""
    frame = precursor_rows(ids)
    body = ([f"{r.name} ({r.name_zh})" if pd.notna(r.name_zh) else r.name, r.year_text, r.fact,
             r.value_text or "–", f"[{r.source_id}]", CONFIDENCE_TEXT[str(r.confidence)]]
            for r in frame.itertuples(index=False))
    return Markdown(markdown_table(["Institution", "Year", "What is recorded", "Figure", "Source", "Confidence"], body))
