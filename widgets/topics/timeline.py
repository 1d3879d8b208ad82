"""The timeline of social credit, 2002-2022 (notebook 02): ``data/timeline.csv`` filtered and shaped.

``timeline_events`` filters the sourced events by category and year and sorts them; it adds
each date written as precisely as it is known ("8 November 2002", "June 2015", "2013") and the
period a month- or year-precision date stands for. ``widgets.charts.timeline`` draws them.
Nothing here is illustrative: every event is a row of the data with its source id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from ..checks import check_table
from ..data import descriptor, load

CATEGORY_LABELS: dict[str, str] = {
    "finance": "Finance (central bank, bureaus)",
    "state-central": "Central state",
    "state-local": "Local state",
    "commercial": "Commercial",
    "law": "Law and courts",
    "scholarship": "Scholarship and commentary",
}
PRECISION_TEXT = {"day": "to the day", "month": "to the month", "year": "to the year"}
N_LANES = 3  # events of one category are spread over three sub-lanes so that neighbours do not hide each other
REQUIRED_COLUMNS = ("id", "date", "precision", "event", "category", "source_id", "confidence")
EVENT_COLUMNS: dict[str, str] = {"date": "Date", "event": "Event"}  # a fact table of events: column -> header


@lru_cache(maxsize=None)
def _schema_field(name: str) -> dict:
    resource = next(r for r in descriptor()["resources"] if r["name"] == "timeline")
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def _categories() -> tuple[str, ...]:
    allowed = tuple(_schema_field("category")["constraints"]["enum"])
    missing = [c for c in allowed if c not in CATEGORY_LABELS]
    if missing:  # a new category in datapackage.json needs a label here
        raise ValueError(f"timeline categories without a label in widgets.timeline: {', '.join(missing)}")
    return allowed


CATEGORIES: tuple[str, ...] = _categories()


def year_bounds() -> tuple[int, int]:
    """First and last year the timeline may hold, read from the schema's date constraints."""
    constraints = _schema_field("date")["constraints"]
    return int(constraints["minimum"][:4]), int(constraints["maximum"][:4])


def check_categories(name: str, categories: object) -> list[str]:
    """A list of known category names (order of ``CATEGORIES``, no duplicates); may be empty."""
    if isinstance(categories, str) or not isinstance(categories, Iterable):
        raise TypeError(f"{name} must be a list of category names (allowed: {', '.join(CATEGORIES)}); "
                        f"got {type(categories).__name__} {categories!r}")
    chosen = list(categories)
    wrong_type = [c for c in chosen if not isinstance(c, str)]
    if wrong_type:
        raise TypeError(f"{name} must hold category names as strings (allowed: {', '.join(CATEGORIES)}); "
                        f"got {wrong_type[0]!r}")
    unknown = sorted(set(chosen) - set(CATEGORIES))
    if unknown:
        raise ValueError(f"{name} has unknown categor{'y' if len(unknown) == 1 else 'ies'} "
                         f"{', '.join(map(repr, unknown))}; allowed: {', '.join(CATEGORIES)}")
    return [c for c in CATEGORIES if c in set(chosen)]


def check_years(name: str, years: object) -> tuple[int, int]:
    """A (first, last) pair of whole years inside the timeline's bounds, first <= last."""
    low, high = year_bounds()
    if isinstance(years, (str, bytes)) or not isinstance(years, Sequence) or len(years) != 2:
        raise TypeError(f"{name} must be a pair (first year, last year) between {low} and {high}; "
                        f"got {type(years).__name__} {years!r}")
    clean = []
    for part, value in zip(("first", "last"), years):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must hold whole years; the {part} year is {type(value).__name__} {value!r}")
        if not low <= int(value) <= high:
            raise ValueError(f"{name} must lie between {low} and {high}; the {part} year is {int(value)}")
        clean.append(int(value))
    if clean[0] > clean[1]:
        raise ValueError(f"{name} must run forwards (first year <= last year); got {clean[0]} to {clean[1]}")
    return clean[0], clean[1]


def _check_table(name: str, frame: object) -> pd.DataFrame:
    check_table(name, frame, REQUIRED_COLUMNS, what="rows of data/timeline.csv")
    if not pd.api.types.is_datetime64_any_dtype(frame["date"]):
        raise TypeError(f"{name}['date'] must hold dates (datetime64); it has dtype {frame['date'].dtype}")
    bad = sorted(set(frame["precision"].astype(str)) - set(PRECISION_TEXT))
    if bad:
        raise ValueError(f"{name}['precision'] must be one of: {', '.join(PRECISION_TEXT)}; found {', '.join(bad)}")
    check_categories(f"{name}['category']", frame["category"].astype(str).unique().tolist())
    return frame


def timeline_table() -> pd.DataFrame:
    """Every row of ``data/timeline.csv``, as loaded (typed, in file order)."""
    return load("timeline")


def date_text(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Each date as precisely as known: '8 November 2002' (day), 'June 2015' (month), '2013' (year)."""
    month_year = dates.dt.strftime("%B %Y")
    day = dates.dt.day.astype(str) + " " + month_year
    year = dates.dt.year.astype(str)
    prec = precision.astype(str).to_numpy()
    text = np.select([prec == "year", prec == "month"],
                     [year.to_numpy(dtype=object), month_year.to_numpy(dtype=object)],
                     default=day.to_numpy(dtype=object))
    return pd.Series(text, index=dates.index, dtype="string", name="date_text")


def period_end(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """The last day a date can stand for: itself (day), the month's last day (month), 31 Dec (year)."""
    month_end = dates.dt.to_period("M").dt.end_time.dt.normalize()
    year_end = dates.dt.to_period("Y").dt.end_time.dt.normalize()
    prec = precision.astype(str)
    return dates.where(prec == "day", month_end.where(prec == "month", year_end)).rename("period_end")


def timeline_events(timeline: pd.DataFrame | None = None, *, categories: Iterable[str] | None = None,
                    years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Events in ``categories`` (default: all) whose date falls in ``years`` (inclusive; default: all).

    Sorted by date, then id. Adds ``date_text`` (the date as precisely as known), ``period_end``,
    ``plot_date`` (the middle of the period the date stands for), ``year``, ``category_label``
    and ``lane`` (a sub-lane 0-2 within the category, for the chart).
    """
    frame = _check_table("timeline", load("timeline") if timeline is None else timeline)
    chosen = list(CATEGORIES) if categories is None else check_categories("categories", categories)
    first, last = year_bounds() if years is None else check_years("years", years)
    frame = frame.assign(category=frame["category"].astype(str), precision=frame["precision"].astype(str),
                         confidence=frame["confidence"].astype(str))
    keep = frame["category"].isin(chosen) & frame["date"].dt.year.between(first, last)
    events = frame[keep].sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    end = period_end(events["date"], events["precision"])
    events = events.assign(
        date_text=date_text(events["date"], events["precision"]),
        period_end=end,
        plot_date=(events["date"] + (end - events["date"]) / 2).dt.floor("D"),
        year=events["date"].dt.year.astype(int),
        category_label=events["category"].map(CATEGORY_LABELS).astype("string"),
        precision_text=events["precision"].map(PRECISION_TEXT).astype("string"),
    )
    events["lane"] = (events.groupby("category", sort=False).cumcount() % N_LANES).astype(int)
    return events


def category_counts(events: pd.DataFrame, categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Events per category (all of ``categories``, default all, zeros included), in category order."""
    if not isinstance(events, pd.DataFrame) or "category" not in events.columns:
        raise TypeError("events must be a DataFrame from timeline_events (with a 'category' column); "
                        f"got {type(events).__name__}")
    chosen = list(CATEGORIES) if categories is None else check_categories("categories", categories)
    counts = events["category"].astype(str).value_counts().reindex(chosen, fill_value=0)
    return pd.DataFrame({"category": chosen, "label": [CATEGORY_LABELS[c] for c in chosen],
                         "events": counts.to_numpy(dtype=int)})


def chronological(ids: Sequence[str], timeline: pd.DataFrame | None = None) -> list[str]:
    """The given event ids sorted by date (then id); unknown ids raise ValueError naming them."""
    if isinstance(ids, str) or not isinstance(ids, Sequence):
        raise TypeError(f"ids must be a list of timeline ids; got {type(ids).__name__}")
    frame = load("timeline") if timeline is None else _check_table("timeline", timeline)
    unknown = [i for i in ids if i not in set(frame["id"])]
    if unknown:
        raise ValueError(f"ids not found in timeline.csv: {', '.join(map(str, unknown))}")
    chosen = frame[frame["id"].isin(ids)].sort_values(["date", "id"], kind="stable")
    return [str(i) for i in chosen["id"]]


def describe_events(events: pd.DataFrame) -> str:
    """One sentence: how many events, from when to when, and the busiest year."""
    if events.empty:
        return "No events match this selection, so the chart is empty."
    per_year = events["year"].value_counts().sort_index()
    busiest = int(per_year.idxmax())
    return (f"{len(events)} dated events from {events['date_text'].iloc[0]} to {events['date_text'].iloc[-1]}, "
            f"one lane per category; the busiest year is {busiest} with {int(per_year.max())} events. "
            "A line marks the month or year when the exact day is not known.")


def accepted_readings(ids: Sequence[str]) -> dict[str, list[str]]:
    """For each event id, the categories ``data/timeline_readings.csv`` marks as defensible readings of it
    (each with its reason in that table); an event without readings there raises ValueError."""
    if isinstance(ids, str) or not isinstance(ids, Sequence):
        raise TypeError(f"ids must be a list of timeline ids; got {type(ids).__name__}")
    readings = load("timeline_readings")
    defensible = readings[readings["defensible"].astype(bool)]
    found = {str(e): sorted(str(r) for r in group["reading"])
             for e, group in defensible.groupby("event_id", sort=False)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValueError(f"no defensible readings in data/timeline_readings.csv for: {', '.join(map(str, missing))}")
    return {i: found[i] for i in ids}
