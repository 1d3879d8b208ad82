"""The court defaulter list in published numbers, and cases of the chapter's kinds of untrustworthy behaviour (notebook 05).

Counts come from ``data/defaulter_list.csv``. That table mixes units on purpose (people listed,
violations posted, blocked ticket purchases, blocked trips in one period, an analyst's estimate of
people and firms), so every function here keeps one metric = one unit = one series: a line is
drawn only within one metric, and a metric whose rows disagree on the unit is refused. Rows
marked ``unconfirmed`` carry no number and are never plotted; ``unconfirmed_counts`` lists them so
a notebook can say what was looked for and not found.

The second half checks a sorting of the teaching cases (``data/cases.csv``) into the chapter's four
kinds of untrustworthy behaviour (political, legal non-compliance, economic, professional). Each
case is the kit's own wording of a row in ``data/``, which gives its source; the kit's reading of
each case and its hints are teaching aids, not facts. The growth chart is ``widgets.charts.court_list``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from IPython.display import Markdown

from ..checks import check_choice, check_table
from ..data import load
from ..sources import format_date, markdown_table

# --- published counts -----------------------------------------------------------------------
# metric of defaulter_list.csv -> label of its series. One metric is one series, in one unit.
METRICS: dict[str, str] = {
    "people_listed": "People on the list",
    "violations_posted": "Violations posted (not people)",
    "defaulters_complied": "Listed people who complied",
    "flight_purchases_blocked": "Flight ticket purchases blocked",
    "rail_purchases_blocked": "Train ticket purchases blocked",
    "people_barred_rail": "People barred from high-speed or first-class train seats",
    "air_trips_blocked_period": "Air trips blocked in the period",
    "rail_trips_blocked_period": "Train trips blocked in the period",
    "blacklisted_estimate": "Citizens and companies blacklisted (estimate)",
}
# unit -> title of its panel: the chart has one panel per unit, so no axis ever mixes units
UNIT_PANELS: dict[str, str] = {
    "people": "Counted in people",
    "violations": "Counted in violations posted: a different unit, not people",
    "purchases": "Counted in blocked ticket purchases",
    "trips": "Counted in trips blocked in one period (not running totals)",
    "entities": "Counted in people and companies together (an analyst's estimate)",
}
# the chart of notebook 05: growth of the list and of blocked flight and train purchases
DEFAULT_METRICS: tuple[str, ...] = ("people_listed", "violations_posted", "flight_purchases_blocked",
                                    "rail_purchases_blocked")
_QUALIFIER_TEXT = {"exact": "", "more than": "more than ", "about": "about "}
_COLUMNS = ["id", "date", "precision", "metric", "value", "unit", "qualifier", "source_id", "confidence", "note"]


def _check_table(table: object) -> pd.DataFrame:
    return check_table("table", table, _COLUMNS, what="the defaulter_list table")


def _check_metrics(metrics: object) -> list[str]:
    if isinstance(metrics, str) or not isinstance(metrics, Sequence):
        raise TypeError(f"metrics must be a list of metric names ({', '.join(METRICS)}); got {type(metrics).__name__}")
    metrics = list(metrics)
    if not metrics:
        raise ValueError(f"metrics must name at least one metric: {', '.join(METRICS)}")
    for m in metrics:
        check_choice("metrics", m, METRICS)
    if len(set(metrics)) != len(metrics):
        raise ValueError("metrics must not repeat a metric")
    return metrics


def check_units(table: pd.DataFrame) -> pd.DataFrame:
    """Raise ValueError for an unknown unit, or a metric with more than one unit (it could not be one series)."""
    _check_table(table)
    unknown = sorted(set(table["unit"].dropna().astype(str)) - set(UNIT_PANELS))
    if unknown:
        raise ValueError(f"table: unit must be one of {', '.join(UNIT_PANELS)}; found {', '.join(unknown)}")
    units = table.groupby(table["metric"].astype(str))["unit"].nunique()
    mixed = sorted(units[units > 1].index)
    if mixed:
        raise ValueError(f"table: metric(s) {', '.join(mixed)} appear with more than one unit; a series must "
                         "count one thing (split them into separate metrics in defaulter_list.csv)")
    return table


def published_counts(metrics: Sequence[str] = DEFAULT_METRICS, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The published counts of ``metrics`` that carry a number (unconfirmed rows left out), one row each.

    Columns: id, date, precision, date_text ('December 2014', '9 July 2019'), metric, label, panel
    (one per unit), unit, value, millions, qualifier, value_text ('more than 700,000 people'), cumulative (False for
    the ``*_period`` metrics), source_id, confidence, note. Sorted by metric (in ``metrics`` order),
    date and id. Raises ValueError if a metric mixes units.
    """
    metrics = _check_metrics(metrics)
    table = check_units(_check_table(load("defaulter_list") if table is None else table))
    metric = table["metric"].astype(str)
    keep = metric.isin(metrics) & table["value"].notna() & (table["confidence"].astype(str) != "unconfirmed")
    frame = table.loc[keep, _COLUMNS].copy()
    frame["metric"] = frame["metric"].astype(str)
    frame["unit"] = frame["unit"].astype(str)
    frame["qualifier"] = frame["qualifier"].astype("string").fillna("exact").astype(str)
    frame["value"] = frame["value"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"])
    frame["precision"] = frame["precision"].astype(str)
    frame["date_text"] = _date_text(frame["date"], frame["precision"])
    frame["label"] = frame["metric"].map(METRICS)
    frame["panel"] = frame["unit"].map(UNIT_PANELS)
    frame["millions"] = frame["value"] / 1e6
    frame["value_text"] = (frame["qualifier"].map(_QUALIFIER_TEXT).fillna("")
                           + frame["value"].map("{:,}".format) + " " + frame["unit"])
    frame["cumulative"] = ~frame["metric"].str.endswith("_period")
    for col in ("id", "source_id", "confidence"):
        frame[col] = frame[col].astype(str)
    frame["note"] = frame["note"].astype("string").fillna("").astype(str)
    frame["_order"] = frame["metric"].map({m: i for i, m in enumerate(metrics)})
    columns = ["id", "date", "precision", "date_text", "metric", "label", "panel", "unit", "value", "millions",
               "qualifier", "value_text", "cumulative", "source_id", "confidence", "note"]
    return frame.sort_values(["_order", "date", "id"], kind="stable")[columns].reset_index(drop=True)


def unconfirmed_counts(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``defaulter_list.csv`` marked unconfirmed (looked for, not found): no number, a note."""
    table = _check_table(load("defaulter_list") if table is None else table)
    found = table[table["confidence"].astype(str) == "unconfirmed"]
    return found[_COLUMNS].sort_values(["date", "id"]).reset_index(drop=True)


def _date_text(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """Dates as precisely as known; a few distinct rows, so formatting each is cheap."""
    return pd.Series([format_date(d, p) for d, p in zip(dates, precision)], index=dates.index, dtype=object)


@dataclass(frozen=True)
class Growth:
    """The change in one published series between two of its dates."""

    metric: str
    label: str
    unit: str
    start_text: str      # the first date, as precisely as known
    end_text: str
    start_value: int
    end_value: int
    start_qualifier: str  # 'exact', 'more than' or 'about'
    end_qualifier: str
    source_ids: tuple[str, ...]

    @property
    def change(self) -> int:
        """End value minus start value, in the series' unit."""
        return self.end_value - self.start_value

    @property
    def exact(self) -> bool:
        """True when both published figures are exact (no 'more than' or 'about')."""
        return self.start_qualifier == self.end_qualifier == "exact"

    def sentence(self) -> str:
        """The change in words, with the qualifiers the sources give."""
        start = f"{_QUALIFIER_TEXT[self.start_qualifier]}{self.start_value:,}"
        end = f"{_QUALIFIER_TEXT[self.end_qualifier]}{self.end_value:,}"
        caveat = "" if self.exact else " (approximate: at least one figure is published as 'more than' or 'about')"
        sources = "".join(f"[{s}]" for s in self.source_ids)
        return (f"{self.label}: from {start} {self.unit} ({self.start_text}) to {end} {self.unit} ({self.end_text}), "
                f"a change of {self.change:+,} {self.unit}{caveat} {sources}.")


def growth(metric: str, start: str, end: str, table: pd.DataFrame | None = None) -> Growth:
    """How much one cumulative series grew between two dates that it has published figures for.

    ``start``/``end`` are the rows' dates as 'YYYY-MM-DD' (a month-precision row is dated the 1st,
    e.g. '2017-11-01' for November 2017). Both dates come from the same metric, so the unit never
    changes; ``*_period`` metrics are refused because they are not cumulative.
    """
    metric = check_choice("metric", metric, METRICS)
    if metric.endswith("_period"):
        raise ValueError(f"metric must be a running total; {metric!r} counts one period, not a running total, so it has no growth")
    counts = published_counts([metric], table)
    dates = counts["date"].dt.strftime("%Y-%m-%d")
    found = []
    for name, value in (("start", start), ("end", end)):  # two dates, not rows
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a date string 'YYYY-MM-DD'; got {type(value).__name__}")
        match = counts[dates == value]
        if match.empty:
            raise ValueError(f"{name} must be a date with a published {metric} figure: "
                             f"{', '.join(dates)}; got {value!r}")
        found.append(match.iloc[0])
    first, last = found
    if first["date"] >= last["date"]:
        raise ValueError(f"start must come before end; got start {start} and end {end}")
    return Growth(metric=metric, label=str(first["label"]), unit=str(first["unit"]),
                  start_text=str(first["date_text"]), end_text=str(last["date_text"]),
                  start_value=int(first["value"]), end_value=int(last["value"]),
                  start_qualifier=str(first["qualifier"]), end_qualifier=str(last["qualifier"]),
                  source_ids=tuple(dict.fromkeys([str(first["source_id"]), str(last["source_id"])])))


def describe_counts(counts: pd.DataFrame) -> str:
    """One sentence: for every series, its first and last published figure; single figures said apart."""
    parts = []
    for label, series in counts.groupby("label", sort=False):  # a handful of series, not rows
        first, last = series.iloc[0], series.iloc[-1]
        if len(series) == 1:
            parts.append(f"{label}: {first['value_text']} ({first['date_text']}), a single figure in its own unit")
        else:
            parts.append(f"{label}: from {first['value_text']} ({first['date_text']}) to "
                         f"{last['value_text']} ({last['date_text']})")
    return ("Published counts, one panel per unit and one line per series, never joined across units; "
            + "; ".join(parts) + ".")


# --- the chapter's kinds of untrustworthy behaviour -------------------------------------------
CATEGORIES: dict[str, str] = {
    "political": "explicitly political behaviour",
    "legal": "legal non-compliance",
    "economic": "economic misbehaviour",
    "professional": "professional misconduct",
}


def teaching_cases() -> pd.DataFrame:
    """The cases to classify, from ``data/cases.csv``: letter, case, table, row, source_id, confidence.

    ``table`` and ``row`` name the row of ``data/`` each case is worded from; the answer columns
    (category, accepted, hint, explanation) are in ``case_key``.
    """
    cases = load("cases")
    out = pd.DataFrame({"letter": cases["letter"].astype(str), "table": cases["based_on_table"].astype(str),
                        "row": cases["based_on_row"].astype(str), "case": cases["text"].astype(str),
                        "source_id": cases["source_id"].astype(str), "confidence": cases["confidence"].astype(str)})
    return out.sort_values("letter").reset_index(drop=True)


def case_letters() -> tuple[str, ...]:
    """The letters of the cases, in order ('a', 'b', ...)."""
    return tuple(teaching_cases()["letter"])


def case_key() -> pd.DataFrame:
    """The kit's reading of every case: letter, category, accepted (tuple of categories), also_reason
    (why the other accepted readings are defensible; empty when there are none), hint, explanation."""
    cases = load("cases").sort_values("letter").reset_index(drop=True)
    also = cases["also_accepted"].fillna("").astype(str)
    return pd.DataFrame({
        "letter": cases["letter"].astype(str).to_numpy(),
        "category": cases["category"].astype(str).to_numpy(),
        "accepted": [(c, *[a for a in more.split(";") if a]) for c, more in zip(cases["category"].astype(str), also)],
        "also_reason": cases["also_accepted_reason"].fillna("").astype(str).to_numpy(),
        "hint": cases["hint"].astype(str).to_numpy(),
        "explanation": cases["explanation"].astype(str).to_numpy(),
    })


def accepted_readings() -> dict[str, tuple[str, ...]]:
    """Every defensible reading of each case, as ``data/cases.csv`` records it: letter -> categories."""
    key = case_key()
    return dict(zip(key["letter"], key["accepted"]))


def cases_markdown() -> Markdown:
    """The cases as a Markdown list with their sources (no answers)."""
    cases = teaching_cases()
    return Markdown("\n".join(f"- **{r.letter}** {r.case} *[{r.source_id}; {r.table}: {r.row}]*"
                              for r in cases.itertuples()))


def check_classification(answers: object) -> pd.DataFrame:
    """Mark a classification: answers maps every case letter to one of ``CATEGORIES``.

    Returns letter, answer, category (the kit's reading), right (answer accepted), hint, explanation.
    Raises TypeError/ValueError naming what is wrong with ``answers``.
    """
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a dictionary from case letter to category, e.g. "
                        f"{{'a': 'economic', ...}}; got {type(answers).__name__}")
    key = case_key()
    letters = sorted(map(str, answers))
    if letters != sorted(key["letter"]):
        raise ValueError(f"answers must give a category for each of the letters {', '.join(key['letter'])} "
                         f"and only those; got {', '.join(letters) or 'none'}")
    bad = sorted(k for k, v in answers.items() if not isinstance(v, str) or v.strip().lower() not in CATEGORIES)
    if bad:
        raise ValueError(f"answers: use one of {', '.join(CATEGORIES)} for every case; look at {', '.join(bad)}")
    given = key["letter"].map({str(k): str(v).strip().lower() for k, v in answers.items()})
    pairs = key[["letter", "accepted"]].explode("accepted")
    accepted = pd.MultiIndex.from_frame(pairs)
    right = pd.MultiIndex.from_arrays([key["letter"], given]).isin(accepted)
    return pd.DataFrame({"letter": key["letter"], "answer": given, "category": key["category"], "right": right,
                         "hint": key["hint"], "explanation": key["explanation"]})


def classification_feedback(answers: object) -> str:
    """One line per case still wrong, with its hint; or a line saying all are right."""
    marked = check_classification(answers)
    wrong = marked[~marked["right"]]
    if wrong.empty:
        return f"All {len(marked)} cases classified in a way the kit accepts."
    lines = [f"{len(marked) - len(wrong)} of {len(marked)} right. Look again at:"]
    lines += [f"  {r.letter} (you said {r.answer}): {r.hint}" for r in wrong.itertuples()]
    return "\n".join(lines)


def answer_key_markdown() -> Markdown:
    """The kit's reading of every case, folded away in a <details> block (open it after trying)."""
    key = case_key()
    body = ([r.letter, CATEGORIES[r.category], ", ".join(CATEGORIES[a] for a in r.accepted[1:]) or "–",
             r.explanation + (f" {r.also_reason}" if r.also_reason else "")]
            for r in key.itertuples())
    lines = ["<details><summary>The kit's reading of each case (open it after you have tried)</summary>", "",
             markdown_table(["Case", "Kind", "Also defensible", "Why"], body), "", "</details>"]
    return Markdown("\n".join(lines))


def category_counts() -> pd.DataFrame:
    """How many of the cases the kit reads as each kind (every kind has a row, in ``CATEGORIES`` order)."""
    key = case_key()
    counts = key["category"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    return pd.DataFrame({"category": list(CATEGORIES), "label": list(CATEGORIES.values()),
                         "cases": counts.to_numpy(dtype=np.int64)})
