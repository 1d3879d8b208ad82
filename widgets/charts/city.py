"""Charts of the city toys (notebook 03): one resident's points and the grades of all, one person in many cities."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ..models.city_points import BEHAVIOUR_LABELS, BEHAVIOURS, CityUpdate
from ..models.fragmentation import FragmentationUpdate
from .theme import PALETTE, WIDTH

DIRECTION_COLOURS = {"gained": PALETTE[0], "lost": PALETTE[3], "none": "#999999"}
_GRADE_PALETTE = [PALETTE[i] for i in (0, 2, 4, 1, 3, 5, 7)]  # best grade first, colour-blind safe


def grade_colours(grades: tuple[str, ...] | list[str]) -> dict[str, str]:
    """A fixed colour for each grade, best grade first (blue for the best, purple for the worst)."""
    return {g: _GRADE_PALETTE[i % len(_GRADE_PALETTE)] for i, g in enumerate(grades)}


def contributions_chart(parts: pd.DataFrame | alt.Data, *, title: str) -> alt.Chart:
    """Diverging bars: points one synthetic resident gains (+) or loses (-) per behaviour.

    ``parts`` may be a named dataset (a live panel's rows); the behaviours keep the model's order.
    """
    frame = parts if isinstance(parts, alt.Data) else parts[["label", "count", "points_each", "points", "direction"]]
    order = list(DIRECTION_COLOURS)
    bars = alt.Chart(frame, title=title).mark_bar().encode(
        x=alt.X("points:Q", title="Points gained (+) or lost (-) this year"),
        y=alt.Y("label:N", title=None, sort=[BEHAVIOUR_LABELS[b] for b in BEHAVIOURS]),
        color=alt.Color("direction:N", title="Effect", sort=order,
                        scale=alt.Scale(domain=order, range=[DIRECTION_COLOURS[o] for o in order])),
        tooltip=[alt.Tooltip("label:N", title="Behaviour"), alt.Tooltip("count:Q", title="Times this year"),
                 alt.Tooltip("points_each:Q", title="Points each (illustrative)"),
                 alt.Tooltip("points:Q", title="Points in total")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="black").encode(x="x:Q")
    return alt.layer(bars, zero).properties(width=WIDTH, height=190)


def grade_distribution_chart(distribution: pd.DataFrame | alt.Data, *, highlight: str | None, title: str,
                             grades: list[str] | None = None) -> alt.Chart:
    """Bars: share of synthetic residents in each grade, best grade first; one grade outlined.

    With a named dataset (a live panel's rows, which carry ``this_resident``), give ``grades``.
    """
    if isinstance(distribution, alt.Data):
        frame, grades = distribution, list(grades or ())
    else:
        frame = distribution.assign(this_resident=distribution["grade"] == highlight)
        grades = list(distribution["grade"])
    colours = grade_colours(grades)
    return alt.Chart(frame, title=title).mark_bar(strokeWidth=3).encode(
        x=alt.X("grade:N", title="Grade (illustrative cut-offs)", sort=grades, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share_percent:Q", title="Synthetic residents (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("grade:N", title="Grade", sort=grades, legend=None,
                        scale=alt.Scale(domain=grades, range=[colours[g] for g in grades])),
        stroke=alt.condition("datum.this_resident", alt.value("black"), alt.value(None)),
        tooltip=[alt.Tooltip("grade:N", title="Grade"), alt.Tooltip("residents:Q", title="Residents", format=","),
                 alt.Tooltip("share_percent:Q", title="Share (%)", format=".2f"),
                 alt.Tooltip("this_resident:N", title="This resident's grade")],
    ).properties(width=WIDTH, height=170)


def city_chart(update: CityUpdate, *, description: str) -> alt.VConcatChart:
    """The city points panel's chart: this resident's gains and losses above the grade distribution."""
    top = contributions_chart(update.parts, title="Where this synthetic resident's points come from")
    bottom = grade_distribution_chart(update.distribution, highlight=update.grade,
                                      title=f"Grades of {update.residents:,} synthetic residents, same rules")
    return alt.vconcat(top, bottom, title="A toy city points scheme", description=description
                       ).resolve_scale(color="independent")


def fragmentation_frames(update: FragmentationUpdate, scale: tuple[float, float]) -> dict[str, pd.DataFrame]:
    """The rows of the fragmentation chart: the band, one dot per toy city, and the zoomed axis's ends."""
    frame = update.judged[["city", "points", "grade", "rules", "start"]].assign(grade=lambda d: d["grade"].astype(str))
    low = max(scale[0], 50 * np.floor((update.spread["min_points"] - 25) / 50))
    high = min(scale[1], max(low + 100, 50 * np.ceil((update.spread["max_points"] + 25) / 50)))
    return {"band": pd.DataFrame({"low": [update.spread["min_points"]], "high": [update.spread["max_points"]]}),
            "cities": frame, "extent": pd.DataFrame({"points": [float(low), float(high)]})}


def _band(data: pd.DataFrame | alt.Data) -> alt.Chart:
    """The shaded band from the person's lowest to highest points across the toy cities."""
    return alt.Chart(data).mark_rect(color=PALETTE[2], opacity=0.15).encode(
        x="low:Q", x2="high:Q",
        tooltip=[alt.Tooltip("low:Q", title="Lowest points"), alt.Tooltip("high:Q", title="Highest points")])


def _city_dots(data: pd.DataFrame | alt.Data, grades: list[str], x: alt.X, city_order: str | list[str]) -> alt.Chart:
    """One dot per toy city, coloured by grade, shaped by its rules."""
    colours = grade_colours(grades)
    return alt.Chart(data).mark_point(filled=True, size=140, opacity=1).encode(
        x=x,
        y=alt.Y("city:N", title="Toy city (illustrative rules)", sort=city_order),
        color=alt.Color("grade:N", title="Grade", sort=grades,
                        scale=alt.Scale(domain=grades, range=[colours[g] for g in grades])),
        shape=alt.Shape("rules:N", title="Rules", sort=["rewards and deductions", "rewards only"],
                        scale=alt.Scale(domain=["rewards and deductions", "rewards only"],
                                        range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("city:N", title="Toy city"), alt.Tooltip("points:Q", title="Points"),
                 alt.Tooltip("grade:N", title="Grade"), alt.Tooltip("rules:N", title="Rules"),
                 alt.Tooltip("start:Q", title="Starting points")],
    )


def fragmentation_live_chart(grades: list[str], *, title: str, description: str) -> alt.LayerChart:
    """The fragmentation chart over named datasets (``fragmentation_frames``): the x axis zooms on the
    spread because the invisible ``extent`` points span it; one row of height per toy city."""
    extent = alt.Chart(alt.Data(name="extent")).mark_point(opacity=0).encode(x="points:Q")
    dots = _city_dots(alt.Data(name="cities"), grades,
                      alt.X("points:Q", title="Points (axis zoomed to this person's spread)",
                            scale=alt.Scale(zero=False, nice=False)), "ascending")
    return alt.layer(_band(alt.Data(name="band")), extent, dots, title=title, description=description).properties(
        width=WIDTH, height=alt.Step(22))


def fragmentation_chart(update: FragmentationUpdate, *, scale: tuple[float, float],
                        description: str) -> alt.LayerChart:
    """Dots: one synthetic person's points in each toy city, coloured by grade; the band spans min-max."""
    frames = fragmentation_frames(update, scale)
    frame = frames["cities"]
    low, high = frames["extent"]["points"]
    zoom = f"Points (axis zoomed to {low:g}-{high:g} of the {scale[0]:g}-{scale[1]:g} scale)"
    dots = _city_dots(frame, list(update.rule_sets[0].grades),
                      alt.X("points:Q", title=zoom, scale=alt.Scale(domain=[float(low), float(high)], zero=False,
                                                                    nice=False)),
                      sorted(frame["city"]))
    height = max(120, 22 * len(frame))
    return alt.layer(_band(frames["band"]), dots, title="The same synthetic person in different toy cities",
                     description=description).properties(width=WIDTH, height=height)


def city_points_live_chart(grades: list[str], residents: int, *, title: str, description: str) -> alt.VConcatChart:
    """The city points panel's chart skeleton: one resident's points (dataset ``parts``) above the grades
    of ``residents`` synthetic residents under the same rules (dataset ``grades``)."""
    top = contributions_chart(alt.Data(name="parts"), title="Where this synthetic resident's points come from")
    bottom = grade_distribution_chart(alt.Data(name="grades"), highlight=None, grades=grades,
                                      title=f"Grades of {residents:,} synthetic residents, same rules")
    return alt.vconcat(top, bottom, title=title, description=description).resolve_scale(color="independent")
