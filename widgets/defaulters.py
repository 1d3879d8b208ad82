"""The court defaulter list in published numbers, and the chapter's kinds of untrustworthy behaviour (notebook 05).

Counts come from ``data/defaulter_list.csv``. That table mixes units on purpose (people listed,
violations posted, blocked ticket purchases, blocked trips in one period, an analyst's estimate of
people and firms), so every function here keeps one metric = one unit = one series: a line is
drawn only within one metric, and a metric whose rows disagree on the unit is refused. Rows
marked ``unconfirmed`` carry no number and are never plotted; ``unconfirmed_counts`` lists them so
a notebook can say what was looked for and not found.

The second half holds short cases for sorting untrustworthy behaviour into the chapter's four
kinds (political, legal non-compliance, economic, professional). Each case is the kit's own
wording of a row in ``data/``, which gives its source; the kit's reading of each case and its
hints are teaching aids, not facts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
from IPython.display import Markdown

from . import charts
from .checks import check_choice
from .data import load
from .sources import format_date, rows

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
METRIC_COLOURS: dict[str, str] = dict(zip(METRICS, [charts.PALETTE[0], charts.PALETTE[3], charts.PALETTE[4],
                                                    charts.PALETTE[2], charts.PALETTE[1], charts.PALETTE[5],
                                                    charts.PALETTE[2], charts.PALETTE[1], charts.PALETTE[7]]))
UNIT_SHAPES: dict[str, str] = {"people": "circle", "violations": "diamond", "purchases": "square",
                               "trips": "triangle-up", "entities": "cross"}
_QUALIFIER_TEXT = {"exact": "", "more than": "more than ", "about": "about "}
_COLUMNS = ["id", "date", "precision", "metric", "value", "unit", "qualifier", "source_id", "confidence", "note"]


def _check_table(table: object) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be the defaulter_list table as a DataFrame; got {type(table).__name__}")
    missing = [c for c in _COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"table is missing column(s) {', '.join(missing)} (defaulter_list.csv)")
    return table


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


def growth_chart(counts: pd.DataFrame, *, title: str | None = None, description: str | None = None) -> alt.VConcatChart:
    """The published counts over time: one panel per unit, one line per metric, never a line across units.

    ``counts`` comes from ``published_counts``. Colour and legend name the series; the shape repeats
    the unit (circle people, diamond violations, square purchases ...). A series with a single figure
    (the September 2018 violations) is a hollow mark with its figure written beside it and no line.
    Tooltips give the figure with its qualifier ('more than', 'about'), the date as precisely as
    known, the source and the note. All panels share the time axis.
    """
    frame = _check_counts(counts)
    if description is None:
        description = describe_counts(frame)
    if title is None:
        title = (f"The court defaulter list in published figures, {frame['date'].dt.year.min()}"
                 f"-{frame['date'].dt.year.max()}")
    labels = list(dict.fromkeys(frame["label"]))
    metrics = list(dict.fromkeys(frame["metric"]))
    units = [u for u in UNIT_SHAPES if u in set(frame["unit"])]
    colour_scale = alt.Scale(domain=labels, range=[METRIC_COLOURS[m] for m in metrics])
    colour = alt.Color("label:N", title="Series", sort=labels, scale=colour_scale,
                       legend=alt.Legend(columns=2, labelLimit=320))
    shape = alt.Shape("unit:N", title="Counts", sort=units,
                      scale=alt.Scale(domain=units, range=[UNIT_SHAPES[u] for u in units]))
    low, high = frame["date"].min(), frame["date"].max()
    x_scale = alt.Scale(domain=[f"{low.year}-01-01", f"{high.year}-12-31"])
    tooltip = [alt.Tooltip("label:N", title="Series"), alt.Tooltip("value_text:N", title="Published figure"),
               alt.Tooltip("date_text:N", title="Date"), alt.Tooltip("unit:N", title="Counts"),
               alt.Tooltip("source_id:N", title="Source"), alt.Tooltip("confidence:N", title="Confidence"),
               alt.Tooltip("note:N", title="Note")]
    x = alt.X("date:T", title="Date of the published figure (year)", scale=x_scale,
              axis=alt.Axis(format="%Y", tickCount=high.year - low.year + 1))
    panels = []
    for unit in units:  # one panel per unit (at most five)
        data = frame[frame["unit"] == unit].assign(date=lambda d: d["date"].dt.strftime("%Y-%m-%d"))
        single = data.groupby("metric")["id"].transform("size") == 1
        data = data.assign(single=single.to_numpy())
        base = alt.Chart(data)
        y = alt.Y("millions:Q", title=f"{unit.capitalize()} (millions)", scale=alt.Scale(zero=True),
                  axis=alt.Axis(tickCount=4 if single.all() else 6))
        lines = base.mark_line(strokeWidth=2).encode(
            x=x, y=y, color=colour, detail="metric:N", tooltip=tooltip,
        ).transform_filter(~alt.datum.single)
        points = base.mark_point(filled=True, size=80, opacity=1).encode(
            x=x, y=y, color=colour, shape=shape, tooltip=tooltip,
        ).transform_filter(~alt.datum.single)
        alone = base.mark_point(filled=False, size=160, opacity=1, strokeWidth=2.5).encode(
            x=x, y=y, color=colour, shape=shape, tooltip=tooltip,
        ).transform_filter(alt.datum.single)
        figures = base.mark_text(align="right", dx=-12, dy=-2, fontSize=11).encode(
            x=x, y=y, color=alt.Color("label:N", scale=colour_scale, legend=None), text="value_text:N",
            tooltip=tooltip,
        ).transform_filter(alt.datum.single)
        height = 90 if single.all() else 190
        panels.append(alt.layer(lines, points, alone, figures, title=UNIT_PANELS[unit]).properties(
            width=charts.WIDTH, height=height))
    return alt.vconcat(*panels, title=title, description=description).resolve_scale(color="shared", shape="shared")


def _check_counts(counts: object) -> pd.DataFrame:
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(f"counts must be the DataFrame from published_counts; got {type(counts).__name__}")
    needed = ["id", "date", "date_text", "metric", "label", "panel", "unit", "millions", "value_text",
              "source_id", "confidence", "note"]
    missing = [c for c in needed if c not in counts.columns]
    if missing:
        raise ValueError(f"counts is missing column(s) {', '.join(missing)}; build it with published_counts()")
    if counts.empty:
        raise ValueError("counts must hold at least one published figure; it is empty")
    if (counts["confidence"].astype(str) == "unconfirmed").any() or counts["millions"].isna().any():
        raise ValueError("counts must not hold unconfirmed rows or missing values; build it with published_counts()")
    unknown = sorted(set(counts["unit"].astype(str)) - set(UNIT_PANELS))
    if unknown:
        raise ValueError(f"counts: unit must be one of {', '.join(UNIT_PANELS)}; found {', '.join(unknown)}")
    units = counts.groupby("metric")["unit"].nunique()
    if (units > 1).any():
        raise ValueError(f"counts: metric(s) {', '.join(sorted(units[units > 1].index))} mix units; "
                         "one series must count one thing")
    return charts.check_rows("counts", counts)


# --- the chapter's kinds of untrustworthy behaviour -------------------------------------------
CATEGORIES: dict[str, str] = {
    "political": "explicitly political behaviour",
    "legal": "legal non-compliance",
    "economic": "economic misbehaviour",
    "professional": "professional misconduct",
}


@dataclass(frozen=True)
class Case:
    """One case to classify: the kit's wording of a row in data/, its reading, a hint and an explanation."""

    letter: str
    table: str             # the data table of the row the case is worded from
    row: str               # that row's id (it gives the source)
    text: str              # the kit's wording; names and facts come from the row
    category: str          # the kit's reading, one of CATEGORIES
    also: tuple[str, ...]  # other readings the check accepts
    hint: str              # shown when the answer is not accepted
    explanation: str       # the kit's reasons, shown in the answer key


CASES: tuple[Case, ...] = (
    Case("a", "claims", "claim-a14-jia-yueting",
         text=("Jia Yueting, founder of the company LeEco, is named on the court's list after his company's "
               "crisis left a debt to a securities firm unpaid."),
         category="economic", also=("legal",),
         hint="What went wrong first: a protest, a broken law, a business debt, or a breach of a profession's rules?",
         explanation=("The chapter's famous laolai: the misbehaviour is economic (a failing business's unpaid "
                      "debt). The listing itself came through a court notice, so legal non-compliance is also "
                      "accepted.")),
    Case("b", "timeline", "tl-2019-04-25-yangzhou-petitioners",
         text=("Petitioners sign a mediation agreement with their local government, then go on petitioning in "
               "Beijing anyway; the city announces joint punishment against them."),
         category="political", also=(),
         hint="Petitioning is a way of pressing claims on the authorities; which of the four kinds is that?",
         explanation=("Petitioning the state is political behaviour, the chapter's example of local governments "
                      "treating protest as disruptive. The case itself is reported only in the chapter (not "
                      "found elsewhere).")),
    Case("c", "claims", "claim-a15-teacher-identity",
         text=("Yang Shoumei, a teacher in Shandong, beats truant students with a textbook; her contract is not "
               "renewed and the county lists her in its credit system."),
         category="professional", also=(),
         hint="Whose rules did she break: a court's, a lender's, or those of her job?",
         explanation=("A breach of teaching ethics is professional misconduct. Mind the corrections: junior "
                      "middle school, two students, and a county-level listing (claims.csv).")),
    Case("d", "scoring_models", "list-rules-ground-able-but-refuses",
         text="A man has the money to pay what a court judgment orders him to pay, and does not pay.",
         category="legal", also=("economic",),
         hint="He ignores a court's ruling; which kind of behaviour is defined by a court?",
         explanation=("Refusing to perform a court judgment one can perform is legal non-compliance: the first "
                      "ground of the court's list and the meaning of laolai. The debt behind it is often "
                      "economic, so that is accepted too.")),
    Case("e", "schemes", "sch-covid-untrustworthy-lists",
         text=("During the COVID-19 outbreak a resident breaks the local epidemic-control rules and is put on a "
               "local list of untrustworthy conduct."),
         category="legal", also=(),
         hint="The rules broken are public-health regulations; is that about politics, money, a job, or the law?",
         explanation=("Breaking epidemic-control regulations is legal non-compliance; no protest, debt or "
                      "profession is involved.")),
    Case("f", "claims", "claim-a12-disrupting-social-order",
         text=("A local government treats a form of protest as 'disrupting social order' and lists the "
               "protesters as untrustworthy."),
         category="political", also=(),
         hint="Protest is the clue.",
         explanation=("Protest treated as disrupting social order is the chapter's political category. The "
                      "chapter traces the phrase to the 2014 blueprint, but the passage was not found there "
                      "(unconfirmed).")),
    Case("g", "scoring_models", "list-rules-ground-obstructs-enforcement",
         text="A defaulter uses forged papers and violence to stop court officers from enforcing a judgment.",
         category="legal", also=(),
         hint="The conduct targets a court's enforcement; which kind is defined by courts and laws?",
         explanation="Obstructing enforcement is legal non-compliance, another ground of the court's list."),
    Case("h", "glossary", "gl-credit",
         text="A borrower misses repayments on a bank loan; no court has been involved.",
         category="economic", also=(),
         hint="No court, no protest, no profession: only a loan.",
         explanation=("Missing loan repayments is economic misbehaviour in the original, financial sense of "
                      "credit. Without a court judgment that the person can pay and refuses, it is not a ground "
                      "for the court's list.")),
    Case("i", "scoring_models", "list-rules-ground-evades-enforcement",
         text="A debtor hides assets and files a false lawsuit so that a court cannot collect what it ordered.",
         category="legal", also=("economic",),
         hint="The person is working against a court's order; which kind is defined by courts and laws?",
         explanation=("Evading enforcement is legal non-compliance, a ground of the court's list; since it "
                      "concerns money owed, economic is accepted too.")),
)
_CASES: dict[str, Case] = {case.letter: case for case in CASES}
CASE_LETTERS: tuple[str, ...] = tuple(_CASES)


def behaviour_cases() -> pd.DataFrame:
    """The cases to classify: letter, case, table, row, source_id, confidence (from the row in data/).

    The answer columns (category, also, hint, explanation) are in ``case_key``.
    """
    table = pd.DataFrame({"letter": [c.letter for c in CASES], "table": [c.table for c in CASES],
                          "row": [c.row for c in CASES], "case": [c.text for c in CASES]})
    found = pd.concat([rows(t, list(g["row"]))[["id", "source_id", "confidence"]].assign(table=t)
                       for t, g in table.groupby("table", sort=True)])
    out = table.merge(found.rename(columns={"id": "row"}), on=["table", "row"], how="left", validate="one_to_one")
    out["source_id"] = out["source_id"].astype(str)
    out["confidence"] = out["confidence"].astype(str)
    return out.sort_values("letter").reset_index(drop=True)


def case_key() -> pd.DataFrame:
    """The kit's reading of every case: letter, category, accepted (tuple of categories), hint, explanation."""
    return pd.DataFrame({
        "letter": [c.letter for c in CASES],
        "category": [c.category for c in CASES],
        "accepted": [(c.category, *c.also) for c in CASES],
        "hint": [c.hint for c in CASES],
        "explanation": [c.explanation for c in CASES],
    })


def cases_markdown() -> Markdown:
    """The cases as a Markdown list with their sources (no answers)."""
    cases = behaviour_cases()
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
    letters = sorted(map(str, answers))
    if letters != sorted(CASE_LETTERS):
        raise ValueError(f"answers must give a category for each of the letters {', '.join(CASE_LETTERS)} "
                         f"and only those; got {', '.join(letters) or 'none'}")
    bad = sorted(k for k, v in answers.items() if not isinstance(v, str) or v.strip().lower() not in CATEGORIES)
    if bad:
        raise ValueError(f"answers: use one of {', '.join(CATEGORIES)} for every case; look at {', '.join(bad)}")
    key = case_key()
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
    lines = ["<details><summary>The kit's reading of each case (open it after you have tried)</summary>", "",
             "| Case | Kind | Also defensible | Why |", "|---|---|---|---|"]
    lines += [f"| {r.letter} | {CATEGORIES[r.category]} | "
              f"{', '.join(CATEGORIES[a] for a in r.accepted[1:]) or '–'} | {r.explanation} |"
              for r in key.itertuples()]
    lines += ["", "</details>"]
    return Markdown("\n".join(lines))


def category_counts() -> pd.DataFrame:
    """How many of the cases the kit reads as each kind (every kind has a row, in ``CATEGORIES`` order)."""
    key = case_key()
    counts = key["category"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    return pd.DataFrame({"category": list(CATEGORIES), "label": list(CATEGORIES.values()),
                         "cases": counts.to_numpy(dtype=np.int64)})
