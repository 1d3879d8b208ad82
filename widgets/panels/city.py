"""Panels of notebook 03: a toy city points scheme, and one synthetic person in many toy cities.

The published parameters (the 0-1000 scale and rewards-only design of the 2018 city scores,
at most 150 points lost per legal offence, Rongcheng's grade names) come from
``data/scoring_models.csv`` through ``widgets.models.city_points.city_published``; everything else
is an ``ILLUSTRATIVE_*`` value and labelled so in every panel. The models are
``widgets.models.city_points`` and ``widgets.models.fragmentation``; the charts ``widgets.charts.city``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts.city import city_points_live_chart, fragmentation_frames, fragmentation_live_chart
from ..checks import check_number
from ..models import city_points, fragmentation
from .live import Checkbox, Group, LivePanel, Number, Slider, Update

if TYPE_CHECKING:  # annotations only: panels import no altair at run time
    import altair as alt

# slider ranges for one synthetic resident's yearly counts: illustrative
ILLUSTRATIVE_SLIDER_MAX: dict[str, int] = {b: (50 if b == "volunteering" else 10) for b in city_points.BEHAVIOURS}
MAX_PANEL_CITIES = 30


# --- shared helpers ----------------------------------------------------------------------------------------
@cache
def _default_residents() -> city_points.PreparedCounts:
    """The default 100,000 synthetic residents, made and checked once per kernel: both panels (and every
    copy of them) share one read-only set instead of holding about 12 MB each."""
    return city_points.prepare_counts(city_points.synthetic_residents())


def _behaviour_sliders(person: Mapping[str, int]) -> tuple[Slider, ...]:
    return tuple(Slider(f"count_{b}", city_points.BEHAVIOUR_LABELS[b], "times this year", 0,
                        ILLUSTRATIVE_SLIDER_MAX[b], 1, int(person[b]), unit_text="times") for b in city_points.BEHAVIOURS)


def _person(values: Mapping[str, Any]) -> dict[str, int]:
    return {b: int(check_number(city_points.BEHAVIOUR_LABELS[b], values[f"count_{b}"], low=0,
                                high=ILLUSTRATIVE_SLIDER_MAX[b], integer=True)) for b in city_points.BEHAVIOURS}


def _check_person(person: Mapping[str, int] | None) -> dict[str, int]:
    person = dict(city_points.ILLUSTRATIVE_PERSON if person is None else person)
    for b in city_points.BEHAVIOURS:
        check_number(f"person[{b!r}]", person.get(b), low=0, high=ILLUSTRATIVE_SLIDER_MAX[b], integer=True)
    return {b: int(person[b]) for b in city_points.BEHAVIOURS}


def _published_note(published: city_points.CityPublished) -> str:
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

    def __init__(self, residents: pd.DataFrame | None = None, published: city_points.CityPublished | None = None,
                 person: Mapping[str, int] | None = None) -> None:
        self.published = published or city_points.city_published()
        self.base = city_points.default_rules(self.published)
        self.residents = _default_residents() if residents is None else city_points.prepare_counts(residents)
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
        self.sliders = {b: self.control(f"count_{b}") for b in city_points.BEHAVIOURS}
        self.start, self.incentives_only = self.control("start"), self.control("incentives_only")

    def person(self, values: dict[str, Any] | None = None) -> dict[str, int]:
        """The synthetic resident's counts now set in the sliders."""
        return _person(self.values if values is None else values)

    def rules(self, values: dict[str, Any] | None = None) -> city_points.RuleSet:
        """The rule set now set in the controls (raises ValueError/TypeError for a bad value)."""
        values = self.values if values is None else values
        return self.base.replace(start=values["start"], incentives_only=bool(values["incentives_only"]))

    def update(self, values: dict[str, Any] | None = None) -> city_points.CityUpdate:
        """The model results behind the panel's current numbers and chart."""
        return city_points.city_update(self.person(values), self.rules(values), self.residents)

    def compute(self, values: dict[str, Any]) -> Update:
        u = self.update(values)
        low, high = u.rules.scale.low, u.rules.scale.high
        clipped = u.clipped
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
        residents = int(first.data["grades"]["residents"].sum())
        return city_points_live_chart(list(self.base.grades), residents, title=first.title,
                                      description=first.description)


class FragmentationPanel(LivePanel):
    """The same synthetic person judged in several toy cities whose rules differ within an illustrative range."""

    css_class = "kit-fragmentation-panel"

    def __init__(self, residents: pd.DataFrame | None = None, published: city_points.CityPublished | None = None,
                 person: Mapping[str, int] | None = None, n_cities: int = fragmentation.ILLUSTRATIVE_N_CITIES,
                 seed: int = fragmentation.CITY_RULES_SEED) -> None:
        self.published = published or city_points.city_published()
        self.base = city_points.default_rules(self.published)
        self.residents = _default_residents() if residents is None else city_points.prepare_counts(residents)
        person = _check_person(person)
        n_cities = int(check_number("n_cities", n_cities, low=2, high=MAX_PANEL_CITIES, integer=True))
        controls = [Group("The toy cities (rules drawn at random within an illustrative range)", (
                        Slider("n_cities", "Toy cities", "cities", 2, MAX_PANEL_CITIES, 1, n_cities, unit_text="cities"),
                        Number("seed", "Seed that draws the rules", "whole number", int(seed), min=0, step=1))),
                    Group("One synthetic person's year (illustrative behaviours)", _behaviour_sliders(person))]
        p = self.published
        wuxi = p.value("wuxi_a_fu_items")
        note = (_published_note(p) + " <b>Illustrative</b>: every toy city and its rules, drawn (seeded) around "
                f"the kit's toy rule set: point values within &plusmn;{fragmentation.ILLUSTRATIVE_POINT_SPREAD:.0%} (a "
                f"deduction never beyond the published {p.max_loss_per_offence:g}), each behaviour left out with "
                f"chance {fragmentation.ILLUSTRATIVE_SKIP_SHARE:.0%}, starting points within "
                f"&plusmn;{fragmentation.ILLUSTRATIVE_START_SPREAD:g}, grade cut-offs moved by up to "
                f"&plusmn;{fragmentation.ILLUSTRATIVE_CUTOFF_SHIFT:g} points, rewards only with chance "
                f"{fragmentation.ILLUSTRATIVE_INCENTIVES_ONLY_SHARE:.0%}. Real schemes differ far more: Wuxi's score alone "
                f"draws on {wuxi:,.0f} items [{p.source('wuxi_a_fu_items')}].")
        super().__init__("One synthetic person, many toy cities", controls, note)
        self.sliders = {b: self.control(f"count_{b}") for b in city_points.BEHAVIOURS}
        self.n_cities, self.seed = self.control("n_cities"), self.control("seed")

    def person(self, values: dict[str, Any] | None = None) -> dict[str, int]:
        """The synthetic person's counts now set in the sliders."""
        return _person(self.values if values is None else values)

    def update(self, values: dict[str, Any] | None = None) -> fragmentation.FragmentationUpdate:
        """The model results behind the panel's current numbers and chart."""
        values = self.values if values is None else values
        n_cities = int(check_number("n_cities", values["n_cities"], low=2, high=MAX_PANEL_CITIES, integer=True))
        return fragmentation.fragmentation_update(self.person(values), n_cities, values["seed"], self.base,
                                                  self.residents)

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
