"""Charts of the court defaulter list: its published growth (notebook 05), how long synthetic debtors stay
listed under the 2013 and 2017 texts (05), and the joint-punishment panel (03, 05)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..models.court_list import REASONS, CourtListUpdate
from ..models.joint_punishment import CELL_STATES, JointPunishmentUpdate
from ..topics.defaulter_list import METRICS, UNIT_PANELS, describe_counts
from .theme import PALETTE, WIDTH, check_rows

METRIC_COLOURS: dict[str, str] = dict(zip(METRICS, [PALETTE[0], PALETTE[3], PALETTE[4], PALETTE[2], PALETTE[1],
                                                    PALETTE[5], PALETTE[2], PALETTE[1], PALETTE[7]]))
UNIT_SHAPES: dict[str, str] = {"people": "circle", "violations": "diamond", "purchases": "square",
                               "trips": "triangle-up", "entities": "cross"}
CELL_COLOURS = {CELL_STATES[0]: PALETTE[3], CELL_STATES[1]: PALETTE[2], CELL_STATES[2]: "#eeeeee"}
OUTCOME_COLOURS = {True: PALETTE[3], False: PALETTE[0]}
REASON_COLOURS = {"open_ended": PALETTE[3], "term": PALETTE[0], "both": PALETTE[1]}


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
            width=WIDTH, height=height))
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
    return check_rows("counts", counts)


def _agency_grid(data: pd.DataFrame | alt.Data, title: alt.Title, n_agencies: int) -> alt.Chart:
    """The grid of illustrative agencies by published restriction (rows of ``joint_punishment_frames``' cells)."""
    states = list(CELL_STATES)
    return alt.Chart(data, title=title).mark_rect().encode(
        x=alt.X("restriction:N", title="Restriction on listed people (published)",
                sort=alt.EncodingSortField("restriction_order"),
                axis=alt.Axis(labelAngle=-35, labelLimit=180, grid=False)),
        y=alt.Y("agency:N", title="Agency (illustrative)", sort=alt.EncodingSortField("agency_order"),
                axis=alt.Axis(labelLimit=240, grid=False)),
        color=alt.Color("state:N", title="In the grid", sort=states, legend=alt.Legend(labelLimit=260),
                        scale=alt.Scale(domain=states, range=[CELL_COLOURS[k] for k in states])),
        stroke=alt.condition("datum.is_listing_agency", alt.value("black"), alt.value("white")),
        strokeWidth=alt.condition("datum.is_listing_agency", alt.value(2), alt.value(1)),
        tooltip=[alt.Tooltip("agency:N", title="Agency (illustrative)"),
                 alt.Tooltip("restriction:N", title="Restriction"), alt.Tooltip("state:N", title="Cell"),
                 alt.Tooltip("is_listing_agency:N", title="Listing agency")],
    ).properties(width=WIDTH, height=26 * n_agencies)


def _outcome_bars(data: pd.DataFrame | alt.Data, dist: pd.DataFrame) -> alt.Chart:
    """The synthetic cases' outcomes, this case's outlined (``dist`` gives the total and the bar count)."""
    return alt.Chart(data, title=f"Outcomes for {int(dist['cases'].sum()):,} synthetic cases").mark_bar().encode(
        x=alt.X("cases:Q", title="Synthetic cases (count)"),
        y=alt.Y("label:N", title=None, sort=alt.EncodingSortField("order"), axis=alt.Axis(labelLimit=420)),
        color=alt.Color("status:N", title="Outcome", sort=["listed", "not listed"],
                        scale=alt.Scale(domain=["listed", "not listed"],
                                        range=[OUTCOME_COLOURS[True], OUTCOME_COLOURS[False]])),
        stroke=alt.condition("datum.current", alt.value("black"), alt.value(None)),
        strokeWidth=alt.condition("datum.current", alt.value(3), alt.value(0)),
        tooltip=[alt.Tooltip("label:N", title="Outcome"), alt.Tooltip("cases:Q", title="Cases", format=","),
                 alt.Tooltip("share:Q", title="Share", format=".1%"),
                 alt.Tooltip("current:N", title="Met by this case")],
    ).properties(width=WIDTH - 240, height=22 * len(dist))


def joint_punishment_chart(s: JointPunishmentUpdate, *, description: str) -> alt.VConcatChart:
    """The joint-punishment panel's chart: who restricts a listed party (a grid of illustrative agencies
    by published restrictions) above the outcomes of the synthetic cases, this case's outcome outlined."""
    frames = joint_punishment_frames(s)
    title, heat_title = joint_punishment_titles(s)
    heat = _agency_grid(frames["cells"], alt.Title(heat_title[0], subtitle=heat_title[1]),
                        int(frames["cells"]["agency_order"].max()) + 1)
    bars = _outcome_bars(frames["outcomes"], frames["outcomes"])
    return alt.vconcat(heat, bars, title=title, description=description).resolve_scale(color="independent")


def joint_punishment_frames(s: JointPunishmentUpdate) -> dict[str, pd.DataFrame]:
    """The rows of the joint-punishment chart: the grid's cells, and the outcomes with this case's outlined."""
    dist = s.distribution.assign(current=lambda d: d["outcome"].isin(s.met),
                                 status=lambda d: d["listed"].map({True: "listed", False: "not listed"}),
                                 order=range(len(s.distribution)))
    return {"cells": s.cells, "outcomes": dist}


def joint_punishment_titles(s: JointPunishmentUpdate) -> tuple[str, list[str]]:
    """The chart's title, and the grid's two lines (what it shows, then the case's status)."""
    title = ("Joint punishment: one list, many agencies" if s.listed
             else "Joint punishment: this case is not listed")
    status = _status(s)
    return title, [f"Who restricts a party listed by {s.summary.listing_agency}",
                   f"Illustrative agencies; restrictions from the data. {status}"]


def joint_punishment_live_chart(first: dict[str, pd.DataFrame], *, title: str, heat_title: list[str],
                                description: str) -> alt.VConcatChart:
    """``joint_punishment_chart`` over named datasets (``cells``, ``outcomes``; rows from
    ``joint_punishment_frames``), its titles as the string parameters ``kit_title`` and ``heat_title``:
    built once by a live panel (``first`` gives the sizes, which do not change)."""
    kit_title = alt.param(name="kit_title", value=title)
    heat_param = alt.param(name="heat_title", value=heat_title)
    heat = _agency_grid(alt.Data(name="cells"), alt.Title(alt.expr(heat_param.name)),
                        int(first["cells"]["agency_order"].max()) + 1)
    bars = _outcome_bars(alt.Data(name="outcomes"), first["outcomes"])
    return alt.vconcat(heat, bars, title=alt.Title(alt.expr(kit_title.name)), description=description
                       ).resolve_scale(color="independent").add_params(kit_title, heat_param)


def _status(s: JointPunishmentUpdate) -> str:
    if s.still_listed and s.open_ended:
        return f"Listed on {len(s.grounds)} ground(s), ground 1 among them: no fixed term"
    if s.still_listed:
        return f"Listed on {len(s.grounds)} ground(s), {s.years_left:g} of {s.term_years:g} years left"
    return "Listing term over" if s.listed else "Not listed"


def describe_durations(u: CourtListUpdate) -> str:
    """One sentence: how many synthetic debtors each text lists and how many stay listed five years or longer."""
    def part(version: str) -> str:
        r = u.row(version)
        return (f"the {version} text lists {int(r['listed']):,} of {int(r['debtors']):,} synthetic debtors, "
                f"{r['share_five_or_more']:.0%} of them for five years or longer and "
                f"{r['share_still_listed']:.0%} still after {u.horizon_years:g}")
    return (f"Years on the list in the toy: {part(u.version)}; {part(u.other)} "
            f"(illustrative chance of a deletion event: {u.annual_deletion_chance:.0%} a year).")


OTHER_TEXT = "the other text, all listed debtors"


def durations_frames(u: CourtListUpdate) -> dict[str, pd.DataFrame]:
    """The rows of the durations chart: ``chosen`` (debtors per year bin and reason under the chosen
    text) and ``other`` (the other text's total per year bin)."""
    bins = check_rows("bins", u.bins)
    chosen = bins[bins["chosen"]].assign(order=lambda d: d["reason"].map({r: i for i, r in enumerate(REASONS)}))
    other = (bins[~bins["chosen"]].groupby(["bin", "bin_order"], as_index=False)["debtors"].sum()
             .assign(version=u.other, series=OTHER_TEXT).sort_values("bin_order").reset_index(drop=True))
    return {"chosen": chosen.reset_index(drop=True), "other": other}


def durations_title(u: CourtListUpdate) -> str:
    """The chart's title in this state."""
    return (f"How long synthetic debtors stay listed: the {u.version} text, the {u.other} text as diamonds (toy)")


def durations_live_chart(first: dict[str, pd.DataFrame], *, title: str, description: str,
                         horizon_years: int) -> alt.LayerChart:
    """How long synthetic debtors stay listed, over named datasets (``chosen``, ``other``; rows from
    ``durations_frames``) and the title as the string parameter ``kit_title``: bars for the chosen
    text stacked by how the listing ends, a black diamond per year bin for the other text's total."""
    labels = list(dict.fromkeys(first["chosen"].sort_values("bin_order")["bin"]))
    reasons = list(REASONS.values())
    kit_title = alt.param(name="kit_title", value=title)
    x = alt.X("bin:N", title=f"Years on the list ({horizon_years}+: still listed after {horizon_years} years)",
              sort=labels, axis=alt.Axis(labelAngle=0, labelLimit=120))
    y_title = "Synthetic debtors (count)"
    bars = alt.Chart(alt.Data(name="chosen")).mark_bar().encode(
        x=x, y=alt.Y("debtors:Q", title=y_title, stack="zero"),
        color=alt.Color("reason_label:N", title="How a listing ends (the chosen text)", sort=reasons,
                        scale=alt.Scale(domain=reasons, range=[REASON_COLOURS[r] for r in REASONS]),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=360, titleLimit=360)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("version:N", title="Text"), alt.Tooltip("bin:N", title="Years listed"),
                 alt.Tooltip("reason_label:N", title="How it ends"),
                 alt.Tooltip("debtors:Q", title="Debtors", format=",")],
    ).add_params(kit_title)
    marks = alt.Chart(alt.Data(name="other")).mark_point(filled=True, size=90, color="black", opacity=1).encode(
        x=x, y=alt.Y("debtors:Q", title=y_title),
        shape=alt.Shape("series:N", title="For comparison",
                        scale=alt.Scale(domain=[OTHER_TEXT], range=["diamond"]),
                        legend=alt.Legend(orient="bottom", titleLimit=360, labelLimit=360)),
        tooltip=[alt.Tooltip("version:N", title="Text"), alt.Tooltip("bin:N", title="Years listed"),
                 alt.Tooltip("debtors:Q", title="Debtors (all listed)", format=",")],
    )
    return alt.layer(bars, marks, title=alt.Title(alt.expr(kit_title.name)),
                     description=description).properties(width=WIDTH, height=260)
