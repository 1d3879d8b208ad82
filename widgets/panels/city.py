"""Panels of notebook 03: a toy city points scheme, and one synthetic person in many toy cities.

The published parameters (the 0-1000 scale and rewards-only design of the 2018 city scores,
at most 150 points lost per legal offence, Rongcheng's grade names) come from
``data/scoring_models.csv`` through ``widgets.city.city_published``; everything else is an
``ILLUSTRATIVE_*`` value and labelled so in every panel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from .. import charts, city
from ..checks import check_number
from ..population import DEFAULT_SEED
from .live import Checkbox, Group, LivePanel, Number, Slider, Update

# slider ranges for one synthetic resident's yearly counts: illustrative
ILLUSTRATIVE_SLIDER_MAX: dict[str, int] = {b: (50 if b == "volunteering" else 10) for b in city.BEHAVIOURS}
MAX_PANEL_CITIES = 30
DIRECTION_COLOURS = {"gained": charts.PALETTE[0], "lost": charts.PALETTE[3], "none": "#999999"}
_GRADE_PALETTE = [charts.PALETTE[i] for i in (0, 2, 4, 1, 3, 5, 7)]  # best grade first, colour-blind safe


def grade_colours(grades: tuple[str, ...] | list[str]) -> dict[str, str]:
    """A fixed colour for each grade, best grade first (blue for the best, purple for the worst)."""
    return {g: _GRADE_PALETTE[i % len(_GRADE_PALETTE)] for i, g in enumerate(grades)}


# --- the data behind one panel update (model + chart data, no chart objects) -------------------------
@dataclass(frozen=True)
class CityUpdate:
    """What the city points panel shows for one setting."""

    rules: city.RuleSet
    parts: pd.DataFrame          # one row per behaviour: points gained or lost
    points: float
    grade: str
    gained: float
    lost: float
    distribution: pd.DataFrame   # residents and share in each grade, best first
    residents: int


def city_update(person: Mapping[str, float], rules: city.RuleSet,
                residents: pd.DataFrame | city.PreparedCounts) -> CityUpdate:
    """One update of the city points panel: the person's points and grade, and the grade distribution."""
    parts = city.contributions(person, rules)
    signed = parts["points"].to_numpy()
    gained, lost = float(signed[signed > 0].sum()), float(signed[signed < 0].sum()) + 0.0
    points = float(np.clip(rules.start + gained + lost, rules.scale.low, rules.scale.high))
    distribution = city.grade_distribution(residents, rules)
    return CityUpdate(rules, parts, points, city.grade_of(points, rules), gained, lost, distribution,
                      int(distribution["residents"].sum()))


@dataclass(frozen=True)
class FragmentationUpdate:
    """What the fragmentation panel shows for one setting."""

    rule_sets: list[city.RuleSet]
    judged: pd.DataFrame           # one row per toy city: points, grade, rules
    spread: dict[str, float]       # the person's min_points, max_points, points_range, distinct_grades
    population: city.SpreadSummary


def fragmentation_update(person: Mapping[str, float], n_cities: int, seed: int, base: city.RuleSet,
                         residents: pd.DataFrame | city.PreparedCounts) -> FragmentationUpdate:
    """One update of the fragmentation panel: draw the toy cities, judge the person in each, and
    measure how much they disagree about the whole synthetic population."""
    rule_sets = city.city_rule_sets(n_cities, seed, base=base)
    judged = city.judge_everywhere(person, rule_sets)
    judged["start"] = [rs.start for rs in rule_sets]
    judged["rules"] = np.where(judged["incentives_only"], "rewards only", "rewards and deductions")
    points, codes = judged["points"].to_numpy(), judged["grade"].cat.codes.to_numpy()
    spread = {"min_points": float(points.min()), "max_points": float(points.max()),
              "points_range": float(points.max() - points.min()), "distinct_grades": len(np.unique(codes))}
    population = city.population_spread(residents, rule_sets)
    return FragmentationUpdate(rule_sets, judged, spread, population)


# --- charts ---------------------------------------------------------------------------------------------
def contributions_chart(parts: pd.DataFrame | alt.Data, *, title: str) -> alt.Chart:
    """Diverging bars: points one synthetic resident gains (+) or loses (-) per behaviour.

    ``parts`` may be a named dataset (a live panel's rows); the behaviours keep the model's order.
    """
    frame = parts if isinstance(parts, alt.Data) else parts[["label", "count", "points_each", "points", "direction"]]
    order = list(DIRECTION_COLOURS)
    bars = alt.Chart(frame, title=title).mark_bar().encode(
        x=alt.X("points:Q", title="Points gained (+) or lost (-) this year"),
        y=alt.Y("label:N", title=None, sort=[city.BEHAVIOUR_LABELS[b] for b in city.BEHAVIOURS]),
        color=alt.Color("direction:N", title="Effect", sort=order,
                        scale=alt.Scale(domain=order, range=[DIRECTION_COLOURS[o] for o in order])),
        tooltip=[alt.Tooltip("label:N", title="Behaviour"), alt.Tooltip("count:Q", title="Times this year"),
                 alt.Tooltip("points_each:Q", title="Points each (illustrative)"),
                 alt.Tooltip("points:Q", title="Points in total")],
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="black").encode(x="x:Q")
    return alt.layer(bars, zero).properties(width=charts.WIDTH, height=190)


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
    ).properties(width=charts.WIDTH, height=170)


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


def fragmentation_live_chart(grades: list[str], *, title: str, description: str) -> alt.LayerChart:
    """The fragmentation chart over named datasets (``fragmentation_frames``): the x axis zooms on the
    spread because the invisible ``extent`` points span it; one row of height per toy city."""
    colours = grade_colours(grades)
    band = alt.Chart(alt.Data(name="band")).mark_rect(color=charts.PALETTE[2], opacity=0.15).encode(
        x="low:Q", x2="high:Q",
        tooltip=[alt.Tooltip("low:Q", title="Lowest points"), alt.Tooltip("high:Q", title="Highest points")])
    extent = alt.Chart(alt.Data(name="extent")).mark_point(opacity=0).encode(x="points:Q")
    dots = alt.Chart(alt.Data(name="cities")).mark_point(filled=True, size=140, opacity=1).encode(
        x=alt.X("points:Q", title="Points (axis zoomed to this person's spread)",
                scale=alt.Scale(zero=False, nice=False)),
        y=alt.Y("city:N", title="Toy city (illustrative rules)", sort="ascending"),
        color=alt.Color("grade:N", title="Grade", sort=grades,
                        scale=alt.Scale(domain=grades, range=[colours[g] for g in grades])),
        shape=alt.Shape("rules:N", title="Rules", sort=["rewards and deductions", "rewards only"],
                        scale=alt.Scale(domain=["rewards and deductions", "rewards only"],
                                        range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("city:N", title="Toy city"), alt.Tooltip("points:Q", title="Points"),
                 alt.Tooltip("grade:N", title="Grade"), alt.Tooltip("rules:N", title="Rules"),
                 alt.Tooltip("start:Q", title="Starting points")],
    )
    return alt.layer(band, extent, dots, title=title, description=description).properties(
        width=charts.WIDTH, height=alt.Step(22))


def fragmentation_chart(update: FragmentationUpdate, *, scale: tuple[float, float],
                        description: str) -> alt.LayerChart:
    """Dots: one synthetic person's points in each toy city, coloured by grade; the band spans min-max."""
    frame = update.judged[["city", "points", "grade", "rules", "start"]].assign(grade=lambda d: d["grade"].astype(str))
    # zoom in on the spread (to the nearest 50 points, at least 100 wide) so the differences are visible
    low = max(scale[0], 50 * np.floor((update.spread["min_points"] - 25) / 50))
    high = min(scale[1], max(low + 100, 50 * np.ceil((update.spread["max_points"] + 25) / 50)))
    grades = list(update.rule_sets[0].grades)
    colours = grade_colours(grades)
    band = alt.Chart(pd.DataFrame({"low": [update.spread["min_points"]], "high": [update.spread["max_points"]]})
                     ).mark_rect(color=charts.PALETTE[2], opacity=0.15).encode(
        x="low:Q", x2="high:Q",
        tooltip=[alt.Tooltip("low:Q", title="Lowest points"), alt.Tooltip("high:Q", title="Highest points")])
    dots = alt.Chart(frame).mark_point(filled=True, size=140, opacity=1).encode(
        x=alt.X("points:Q", title=f"Points (axis zoomed to {low:g}-{high:g} of the {scale[0]:g}-{scale[1]:g} scale)",
                scale=alt.Scale(domain=[float(low), float(high)], zero=False, nice=False)),
        y=alt.Y("city:N", title="Toy city (illustrative rules)", sort=sorted(frame["city"])),
        color=alt.Color("grade:N", title="Grade", sort=grades,
                        scale=alt.Scale(domain=grades, range=[colours[g] for g in grades])),
        shape=alt.Shape("rules:N", title="Rules", sort=["rewards and deductions", "rewards only"],
                        scale=alt.Scale(domain=["rewards and deductions", "rewards only"],
                                        range=["circle", "triangle-up"])),
        tooltip=[alt.Tooltip("city:N", title="Toy city"), alt.Tooltip("points:Q", title="Points"),
                 alt.Tooltip("grade:N", title="Grade"), alt.Tooltip("rules:N", title="Rules"),
                 alt.Tooltip("start:Q", title="Starting points")],
    )
    height = max(120, 22 * len(frame))
    return alt.layer(band, dots, title="The same synthetic person in different toy cities",
                     description=description).properties(width=charts.WIDTH, height=height)


# --- shared helpers ----------------------------------------------------------------------------------------
def _behaviour_sliders(person: Mapping[str, int]) -> tuple[Slider, ...]:
    return tuple(Slider(f"count_{b}", city.BEHAVIOUR_LABELS[b], "times this year", 0, ILLUSTRATIVE_SLIDER_MAX[b], 1,
                        int(person[b]), unit_text="times") for b in city.BEHAVIOURS)


def _check_person(person: Mapping[str, int] | None) -> dict[str, int]:
    person = dict(city.ILLUSTRATIVE_PERSON if person is None else person)
    for b in city.BEHAVIOURS:
        check_number(f"person[{b!r}]", person.get(b), low=0, high=ILLUSTRATIVE_SLIDER_MAX[b], integer=True)
    return {b: int(person[b]) for b in city.BEHAVIOURS}


def _published_note(published: city.CityPublished) -> str:
    scale = published.scale
    return (f"<b>Published</b>: the {scale.low:g}&ndash;{scale.high:g} scale of the 2018 city scores "
            f"[{published.source('scale_max')}]; that those scores bring rewards only "
            f"[{published.source('incentives_only')}]; at most {published.max_loss_per_offence:g} points lost "
            f"for one legal offence [{published.source('max_loss_per_legal_offence')}]; Rongcheng's grade names "
            f"{', '.join(published.grade_names)} [{published.source('rongcheng_grades')}].")


def _percent(share: float) -> str:
    """A percentage to one decimal; a small non-zero share is not rounded down to 0."""
    return "under 0.1%" if 0 < share < 0.05 else f"{share:.1f}%"


# --- the panels ----------------------------------------------------------------------------------------
class CityPointsPanel(LivePanel):
    """A toy city points scheme: one synthetic resident's year, their points and grade, and the grades
    of 100,000 synthetic residents under the same rules."""

    css_class = "kit-city-panel"

    def __init__(self, residents: pd.DataFrame | None = None, published: city.CityPublished | None = None,
                 person: Mapping[str, int] | None = None) -> None:
        self.published = published or city.city_published()
        self.base = city.default_rules(self.published)
        self.residents = city.prepare_counts(city.synthetic_residents() if residents is None else residents)
        person = _check_person(person)
        low, high = self.base.scale.low, self.base.scale.high
        controls = [Group("One synthetic resident's year (how often each illustrative behaviour happened)",
                          _behaviour_sliders(person)),
                    Group("The city's rules (starting points: illustrative)", (
                        Number("start", "Starting points", "points", int(self.base.start), min=low, max=high, step=10),
                        Checkbox("incentives_only", "Incentives only (no deductions)", False)))]
        p = self.published
        note = (_published_note(p) + " <b>Illustrative</b> (this kit's toy): the starting points, the seven "
                "behaviours and their point values, the grade cut-offs and the synthetic residents. Rongcheng's "
                f"starting score and grade cut-offs are not confirmed by the sources (rows "
                f"{p.row_id('rongcheng_start_points')}, {p.row_id('rongcheng_grade_cutoffs')}), so the toy does "
                "not use the often-repeated 1,000-point start. The checkbox is a simplification: the sources "
                "describe the 2018 scores as rewards-only and also say points can be lost for offences.")
        super().__init__("A toy city points scheme", controls, note)
        self.sliders = {b: self.control(f"count_{b}") for b in city.BEHAVIOURS}
        self.start, self.incentives_only = self.control("start"), self.control("incentives_only")

    def person(self, values: dict[str, Any] | None = None) -> dict[str, int]:
        """The synthetic resident's counts now set in the sliders."""
        values = self.values if values is None else values
        return {b: int(check_number(city.BEHAVIOUR_LABELS[b], values[f"count_{b}"], low=0,
                                    high=ILLUSTRATIVE_SLIDER_MAX[b], integer=True)) for b in city.BEHAVIOURS}

    def rules(self, values: dict[str, Any] | None = None) -> city.RuleSet:
        """The rule set now set in the controls (raises ValueError/TypeError for a bad value)."""
        values = self.values if values is None else values
        return self.base.replace(start=values["start"], incentives_only=bool(values["incentives_only"]))

    def update(self, values: dict[str, Any] | None = None) -> CityUpdate:
        """The model results behind the panel's current numbers and chart."""
        return city_update(self.person(values), self.rules(values), self.residents)

    def compute(self, values: dict[str, Any]) -> Update:
        u = self.update(values)
        low, high = u.rules.scale.low, u.rules.scale.high
        clipped = u.points != u.rules.start + u.gained + u.lost
        shares = "; ".join(f"{g} {_percent(s)}" for g, s in zip(u.distribution["grade"], u.distribution["share_percent"]))
        rules = "rewards only" if u.rules.incentives_only else "rewards and deductions"
        numbers = (f"<b>Points: {u.points:,.0f}</b> on the {low:g}&ndash;{high:g} scale, <b>grade {u.grade}</b> "
                   f"(illustrative cut-offs). Start {u.rules.start:,.0f}, gained +{u.gained:,.0f}, "
                   f"lost {u.lost:,.0f}{' (clipped to the scale)' if clipped else ''}; rules: {rules}. <br>"
                   f"Grades of {u.residents:,} synthetic residents under the same rules: {shares}.")
        biggest = u.parts.loc[u.parts["points"].abs().idxmax()]
        effect = ("no behaviour changes the points" if biggest["points"] == 0 else
                  f"the biggest change comes from {biggest['label'].lower()}, {biggest['points']:+,.0f}")
        description = (f"The upper bars show the points each behaviour adds or removes for this synthetic resident "
                       f"({effect}); the lower bars show the share of {u.residents:,} synthetic residents in each "
                       f"grade, with this resident's grade, {u.grade}, outlined.")
        data = {"parts": u.parts[["label", "count", "points_each", "points", "direction"]],
                "grades": u.distribution.assign(this_resident=u.distribution["grade"] == u.grade)}
        return Update(numbers, description, data, title="A toy city points scheme")

    def chart(self, first: Update) -> alt.VConcatChart:
        top = contributions_chart(alt.Data(name="parts"), title="Where this synthetic resident's points come from")
        residents = int(first.data["grades"]["residents"].sum())
        bottom = grade_distribution_chart(alt.Data(name="grades"), highlight=None, grades=list(self.base.grades),
                                          title=f"Grades of {residents:,} synthetic residents, same rules")
        return alt.vconcat(top, bottom, title=first.title, description=first.description
                           ).resolve_scale(color="independent")


class FragmentationPanel(LivePanel):
    """The same synthetic person judged in several toy cities whose rules differ within an illustrative range."""

    css_class = "kit-fragmentation-panel"

    def __init__(self, residents: pd.DataFrame | None = None, published: city.CityPublished | None = None,
                 person: Mapping[str, int] | None = None, n_cities: int = city.ILLUSTRATIVE_N_CITIES,
                 seed: int = DEFAULT_SEED) -> None:
        self.published = published or city.city_published()
        self.base = city.default_rules(self.published)
        self.residents = city.prepare_counts(city.synthetic_residents() if residents is None else residents)
        person = _check_person(person)
        n_cities = int(check_number("n_cities", n_cities, low=2, high=MAX_PANEL_CITIES, integer=True))
        controls = [Group("The toy cities (rules drawn at random within an illustrative range)", (
                        Slider("n_cities", "Toy cities", "cities", 2, MAX_PANEL_CITIES, 1, n_cities, unit_text="cities"),
                        Number("seed", "Seed that draws the rules", "whole number", int(seed), min=0, step=1))),
                    Group("One synthetic person's year (illustrative behaviours)", _behaviour_sliders(person))]
        p = self.published
        wuxi = p.value("wuxi_a_fu_items")
        note = (_published_note(p) + " <b>Illustrative</b>: every toy city and its rules, drawn (seeded) around "
                f"the kit's toy rule set: point values within &plusmn;{city.ILLUSTRATIVE_POINT_SPREAD:.0%} (a "
                f"deduction never beyond the published {p.max_loss_per_offence:g}), each behaviour left out with "
                f"chance {city.ILLUSTRATIVE_SKIP_SHARE:.0%}, starting points within "
                f"&plusmn;{city.ILLUSTRATIVE_START_SPREAD:g}, grade cut-offs moved by up to "
                f"&plusmn;{city.ILLUSTRATIVE_CUTOFF_SHIFT:g} points, rewards only with chance "
                f"{city.ILLUSTRATIVE_INCENTIVES_ONLY_SHARE:.0%}. Real schemes differ far more: Wuxi's score alone "
                f"draws on {wuxi:,.0f} items [{p.source('wuxi_a_fu_items')}].")
        super().__init__("One synthetic person, many toy cities", controls, note)
        self.sliders = {b: self.control(f"count_{b}") for b in city.BEHAVIOURS}
        self.n_cities, self.seed = self.control("n_cities"), self.control("seed")

    def person(self, values: dict[str, Any] | None = None) -> dict[str, int]:
        """The synthetic person's counts now set in the sliders."""
        values = self.values if values is None else values
        return {b: int(check_number(city.BEHAVIOUR_LABELS[b], values[f"count_{b}"], low=0,
                                    high=ILLUSTRATIVE_SLIDER_MAX[b], integer=True)) for b in city.BEHAVIOURS}

    def update(self, values: dict[str, Any] | None = None) -> FragmentationUpdate:
        """The model results behind the panel's current numbers and chart."""
        values = self.values if values is None else values
        n_cities = int(check_number("n_cities", values["n_cities"], low=2, high=MAX_PANEL_CITIES, integer=True))
        return fragmentation_update(self.person(values), n_cities, values["seed"], self.base, self.residents)

    def compute(self, values: dict[str, Any]) -> Update:
        u = self.update(values)
        s, pop = u.spread, u.population
        by_grade = u.judged["grade"].value_counts(sort=False)
        grades = [g for g in reversed(list(u.judged["grade"].cat.categories)) if by_grade[g] > 0]
        counts = ", ".join(f"{g} in {by_grade[g]}" for g in grades)
        n = len(u.rule_sets)
        numbers = (f"<b>Points from {s['min_points']:,.0f} to {s['max_points']:,.0f}</b> across {n} toy cities "
                   f"(a spread of {s['points_range']:,.0f}); <b>{s['distinct_grades']} different "
                   f"grade{'s' if s['distinct_grades'] != 1 else ''}</b>: {counts}. <br>"
                   f"Of {pop.residents:,} synthetic residents, {pop.more_than_one_grade:,} "
                   f"({_percent(100 * pop.share_more_than_one_grade)}) get more than one grade across these "
                   f"cities; the median spread is {pop.median_range:,.0f} points.")
        description = (f"Each dot is this synthetic person's points in one of {n} toy cities, coloured by the grade "
                       f"that city gives; the shaded band runs from {s['min_points']:,.0f} to "
                       f"{s['max_points']:,.0f} points, and triangles mark cities that count rewards only.")
        scale = (self.base.scale.low, self.base.scale.high)
        return Update(numbers, description, fragmentation_frames(u, scale),
                      title="The same synthetic person in different toy cities")

    def chart(self, first: Update) -> alt.LayerChart:
        return fragmentation_live_chart(list(self.base.grades), title=first.title, description=first.description)
